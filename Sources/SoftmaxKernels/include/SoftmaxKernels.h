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

/// The instruction set in use.
sk_isa sk_active_isa(void);

/// Asks for `isa` (for tests and benchmarks of the fallback); an instruction set
/// the CPU lacks is refused in favour of the portable one. Returns the one now in use.
sk_isa sk_use_isa(sk_isa isa);

#endif
