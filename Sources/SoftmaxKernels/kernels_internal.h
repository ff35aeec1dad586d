#ifndef SOFTMAX_LAB_KERNELS_INTERNAL_H
#define SOFTMAX_LAB_KERNELS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "SoftmaxKernels.h"

// Constants of the exp shared by every instruction set, so that all of them round
// the same way.
//
// exp(x) = 2^k * exp(r) with k = round(x / ln 2) and r = x - k ln 2 in about
// [-ln2/2, ln2/2]. ln 2 is split Cody-Waite style: SK_LN2_HI has 42 significant
// bits, so k * SK_LN2_HI is exact for |k| < 2^11 and x - k * SK_LN2_HI loses nothing.
#define SK_LOG2E 0x1.71547652b82fep+0
#define SK_LN2_HI 0x1.62e42fefa3800p-1
#define SK_LN2_LO 0x1.ef35793c76730p-45
// Adding 1.5 * 2^52 rounds a double below 2^51 in magnitude to an integer and
// leaves that integer in the low bits of the sum.
#define SK_ROUND_SHIFTER 0x1.8p52
#define SK_ROUND_SHIFTER_BITS UINT64_C(0x4338000000000000)
// Inputs are clamped to [SK_EXP_MIN_INPUT, SK_EXP_MAX_INPUT] first: exp is already
// 0 below and +infinity above, and the clamp keeps k inside what the scaling handles.
#define SK_EXP_MIN_INPUT -746.0
#define SK_EXP_MAX_INPUT 710.0
// Where 2^k alone is a normal double for every k the rounding can give: the
// vector code takes a cheaper scaling inside it.
#define SK_EXP_FAST_LIMIT 708.0

// Taylor coefficients 1/n! for exp(r) on |r| <= ln2/2. Through r^13 the remainder
// is below 5e-18 relative, so the polynomial's own rounding dominates (under 1 ulp).
#define SK_C2 0x1.0000000000000p-1
#define SK_C3 0x1.5555555555555p-3
#define SK_C4 0x1.5555555555555p-5
#define SK_C5 0x1.1111111111111p-7
#define SK_C6 0x1.6c16c16c16c17p-10
#define SK_C7 0x1.a01a01a01a01ap-13
#define SK_C8 0x1.a01a01a01a01ap-16
#define SK_C9 0x1.71de3a556c734p-19
#define SK_C10 0x1.27e4fb7789f5cp-22
#define SK_C11 0x1.ae64567f544e4p-26
#define SK_C12 0x1.1eed8eff8d898p-29
#define SK_C13 0x1.6124613a86d09p-33

// Softmax exponents below this are clamped to it: exp gives 0 either way, and the
// entropy's sum of e * y then sees 0 * -800 rather than 0 * -infinity = NaN.
#define SK_SOFTMAX_EXPONENT_FLOOR -800.0

/// How to divide by the temperature. Dividing rounds exactly as the scalar Swift
/// code does; multiplying by 1/T is cheaper and is used when it is exact (T a
/// power of two, T = 1 included).
typedef struct sk_scaling {
    double temperature;
    double inverse;
    int multiply;
} sk_scaling;

/// One instruction set's building blocks; the row logic around them is shared.
typedef struct sk_ops {
    /// The largest of `n >= 1` finite doubles.
    double (*row_max)(const double *z, size_t n);
    /// With y = max((z[i] - shift) / T, SK_SOFTMAX_EXPONENT_FLOOR): e[i] = exp(y),
    /// ey[i] = e[i] * y unless ey is NULL, and the sums of both into *sum and
    /// *weighted unless sum is NULL. e and ey may each be z.
    void (*exp_shifted)(const double *z, double shift, const sk_scaling *scaling,
                        double *e, double *ey, size_t n, double *sum, double *weighted);
    /// p[i] *= factor.
    void (*scale)(double *p, size_t n, double factor);
    void (*exp)(const double *x, double *y, size_t n);
    /// sk_row_gap_sums for a contiguous row (stride 1).
    sk_gap_sums (*gap_sums)(const void *z, sk_element element, size_t n, double top,
                            double inverse_scale, double gamma);
} sk_ops;

/// sk_row_gap_sums in plain C for any stride: the reference the vector code must match.
sk_gap_sums sk_gap_sums_strided(const void *z, sk_element element, size_t n, ptrdiff_t stride,
                                double top, double inverse_scale, double gamma);

extern const sk_ops sk_portable_ops;
#if defined(__x86_64__)
extern const sk_ops sk_avx2_fma_ops;
#endif

#endif
