#ifndef SOFTMAX_LAB_KERNELS_H
#define SOFTMAX_LAB_KERNELS_H

#include <stddef.h>

/// The instruction sets the kernels are built for. Every entry point runs the
/// best one the CPU supports, chosen once on first use.
typedef enum sk_isa {
    /// Plain C, for any CPU (the compiler may still vectorise it).
    SK_ISA_PORTABLE = 0,
    /// x86_64 with AVX2 and FMA: four doubles per instruction.
    SK_ISA_AVX2_FMA = 1,
} sk_isa;

/// Softmax of each row of a row-major `rows` x `cols` matrix at temperature
/// `temperature` (finite, > 0, with a finite, normal 1 / temperature).
///
/// Writes the probabilities to `probs`, which may be the same buffer as `logits`
/// (and must otherwise not overlap it), and, when `entropy` is not NULL, each row's
/// Shannon entropy in nats to `entropy[row]`. Logits must be finite. Exponents are
/// `(z - max z) / temperature`, rounded as in the scalar Swift code, so results
/// differ from it only by the exp's and the sums' rounding (a few ulp).
void sk_softmax_rows(const double *logits, double *probs, double *entropy,
                     size_t rows, size_t cols, double temperature);

/// `y[i] = exp(x[i])` for `n` doubles, with the vectorised exp the softmax uses:
/// within a few ulp of the correctly rounded result wherever that is not
/// subnormal; 0 for very negative x and -infinity, +infinity above ~709.78, and
/// NaN for NaN. `y` may be `x`.
void sk_exp(const double *x, double *y, size_t n);

/// How the elements of a row of logits are stored.
typedef enum sk_element {
    SK_FLOAT64 = 0,
    SK_FLOAT32 = 1,
} sk_element;

/// The sums over one row that temperature scaling needs at one inverse temperature.
typedef struct sk_gap_sums {
    /// S0 = sum of w_k
    double weight;
    /// S1 = sum of w_k g_k
    double first;
    /// S2 = sum of w_k g_k^2
    double second;
    /// Q = sum of w_k^2
    double square;
} sk_gap_sums;

/// For one row of `n` logits z_k, stored as `element` at `z + k * stride` elements:
/// the gaps g_k = top - z_k * inverse_scale (`top` is the row's largest z times
/// `inverse_scale`, so every g_k >= 0 up to rounding), the weights
/// w_k = exp(-gamma * g_k) (gamma >= 0 and finite), and their sums.
/// A z_k of -infinity is a class of probability 0: its weight is exactly 0 and it adds
/// nothing to any sum. Other logits must be finite.
sk_gap_sums sk_row_gap_sums(const void *z, sk_element element, size_t n, ptrdiff_t stride,
                            double top, double inverse_scale, double gamma);

/// What one row says before any temperature.
typedef struct sk_row_extremes {
    /// The largest logit, and the first class that has it (-infinity and 0 when every
    /// logit is -infinity).
    double top;
    size_t first;
    /// How many classes have `top`.
    size_t ties;
    /// The smallest logit above -infinity (+infinity when there is none).
    double lowest;
    /// The sum of the logits above -infinity, and how many there are.
    double sum;
    size_t finite;
} sk_row_extremes;

/// The extremes of one row of `n >= 1` logits stored as in sk_row_gap_sums; no NaN.
sk_row_extremes sk_row_extremes_of(const void *z, sk_element element, size_t n, ptrdiff_t stride);

/// The instruction set in use.
sk_isa sk_active_isa(void);

/// Asks for `isa` (for tests and benchmarks of the fallback); an instruction set
/// the CPU lacks is refused in favour of the portable one. Returns the one now in use.
sk_isa sk_use_isa(sk_isa isa);

#endif
