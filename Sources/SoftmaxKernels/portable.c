// The kernels in plain C for CPUs without AVX2 + FMA (and for aarch64). The exp is
// written without branches or calls so the compiler can vectorise the loops for
// whatever baseline it targets.
#include "kernels_internal.h"
#include <string.h>

static inline uint64_t bits_of(double x) {
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static inline double double_from_bits(uint64_t u) {
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

static inline double exp_polynomial(double r) {
    double r2 = r * r;
    double a0 = SK_C2 + SK_C3 * r, a1 = SK_C4 + SK_C5 * r, a2 = SK_C6 + SK_C7 * r;
    double a3 = SK_C8 + SK_C9 * r, a4 = SK_C10 + SK_C11 * r, a5 = SK_C12 + SK_C13 * r;
    double q = a0 + r2 * (a1 + r2 * (a2 + r2 * (a3 + r2 * (a4 + r2 * a5))));
    // Adding the 1 last keeps the small terms' rounding below half an ulp of the result.
    return 1.0 + (r + r2 * q);
}

static inline double exp_portable(double x) {
    // Written so that NaN falls through both comparisons and stays NaN.
    double xc = x < SK_EXP_MIN_INPUT ? SK_EXP_MIN_INPUT : x;
    xc = xc > SK_EXP_MAX_INPUT ? SK_EXP_MAX_INPUT : xc;
    double shifted = xc * SK_LOG2E + SK_ROUND_SHIFTER;
    double k = shifted - SK_ROUND_SHIFTER;
    double r = xc - k * SK_LN2_HI;
    r = r - k * SK_LN2_LO;
    // k is in [-1076, 1024]; 2^k in two halves never leaves the exponent range, and
    // the last multiplication rounds once into the subnormals or to infinity.
    int64_t ki = (int64_t)(bits_of(shifted) - SK_ROUND_SHIFTER_BITS);
    int64_t k1 = ki / 2;
    int64_t k2 = ki - k1;
    double s1 = double_from_bits((uint64_t)(k1 + 1023) << 52);
    double s2 = double_from_bits((uint64_t)(k2 + 1023) << 52);
    return exp_polynomial(r) * s1 * s2;
}

static double row_max_portable(const double *z, size_t n) {
    double m = z[0];
    for (size_t i = 1; i < n; i++) m = z[i] > m ? z[i] : m;
    return m;
}

static void exp_shifted_portable(const double *z, double shift, const sk_scaling *scaling,
                                 double *e, double *ey, size_t n, double *sum, double *weighted) {
    double s = 0, w = 0;
    const double t = scaling->temperature, inverse = scaling->inverse;
    const int multiply = scaling->multiply;
    for (size_t i = 0; i < n; i++) {
        double d = z[i] - shift;
        double y = multiply ? d * inverse : d / t;
        y = y < SK_SOFTMAX_EXPONENT_FLOOR ? SK_SOFTMAX_EXPONENT_FLOOR : y;
        double v = exp_portable(y);
        e[i] = v;
        if (ey) ey[i] = v * y;
        s += v;
        w += v * y;
    }
    if (sum) {
        *sum = s;
        *weighted = w;
    }
}

static void scale_portable(double *p, size_t n, double factor) {
    for (size_t i = 0; i < n; i++) p[i] *= factor;
}

static void exp_array_portable(const double *x, double *y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = exp_portable(x[i]);
}

sk_gap_sums sk_gap_sums_strided(const void *z, sk_element element, size_t n, ptrdiff_t stride,
                                double top, double inverse_scale, double gamma) {
    sk_gap_sums sums = {0, 0, 0, 0};
    const float *f = (const float *)z;
    const double *d = (const double *)z;
    for (size_t k = 0; k < n; k++) {
        double value = element == SK_FLOAT32 ? (double)f[(ptrdiff_t)k * stride] : d[(ptrdiff_t)k * stride];
        // A class of probability 0 (log 0 = -infinity) has weight 0 at every temperature.
        if (value == -__builtin_inf()) continue;
        double g = top - value * inverse_scale;
        double w = exp_portable(-gamma * g);
        sums.weight += w;
        sums.first += w * g;
        sums.second += w * g * g;
        sums.square += w * w;
    }
    return sums;
}

/// One step of the extremes' reductions for x, in lane L.
#define SK_EXTREMES_STEP(x, L)                                       \
    do {                                                             \
        double x_ = (x);                                             \
        top##L = x_ > top##L ? x_ : top##L;                          \
        int counted_ = x_ != -__builtin_inf();                       \
        low##L = counted_ && x_ < low##L ? x_ : low##L;              \
        sum##L += counted_ ? x_ : 0.0;                               \
        finite##L += (size_t)counted_;                               \
    } while (0)

/// Two plain loops: the first keeps four independent lanes of each reduction in
/// registers so the CPU can overlap them; the second, over a row now in cache, finds
/// the first top and counts the ties.
#define SK_EXTREMES_BODY(T)                                                                   \
    do {                                                                                      \
        const T *v = (const T *)z;                                                            \
        double top0 = -__builtin_inf(), top1 = top0, top2 = top0, top3 = top0;                \
        double low0 = __builtin_inf(), low1 = low0, low2 = low0, low3 = low0;                 \
        double sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;                                        \
        size_t finite0 = 0, finite1 = 0, finite2 = 0, finite3 = 0;                            \
        size_t k = 0;                                                                         \
        for (; k + 4 <= n; k += 4) {                                                          \
            SK_EXTREMES_STEP((double)v[(ptrdiff_t)k * stride], 0);                            \
            SK_EXTREMES_STEP((double)v[(ptrdiff_t)(k + 1) * stride], 1);                      \
            SK_EXTREMES_STEP((double)v[(ptrdiff_t)(k + 2) * stride], 2);                      \
            SK_EXTREMES_STEP((double)v[(ptrdiff_t)(k + 3) * stride], 3);                      \
        }                                                                                     \
        for (; k < n; k++) SK_EXTREMES_STEP((double)v[(ptrdiff_t)k * stride], 0);             \
        double t = top0 > top1 ? top0 : top1;                                                 \
        double t2 = top2 > top3 ? top2 : top3;                                                \
        t = t > t2 ? t : t2;                                                                  \
        double l = low0 < low1 ? low0 : low1;                                                 \
        double l2 = low2 < low3 ? low2 : low3;                                                \
        out.top = t;                                                                          \
        out.lowest = l < l2 ? l : l2;                                                         \
        out.sum = (sum0 + sum1) + (sum2 + sum3);                                              \
        out.finite = finite0 + finite1 + finite2 + finite3;                                   \
        out.first = n;                                                                        \
        out.ties = 0;                                                                         \
        for (k = 0; k < n; k++) {                                                             \
            if ((double)v[(ptrdiff_t)k * stride] == t) {                                      \
                if (out.first == n) out.first = k;                                            \
                out.ties++;                                                                   \
            }                                                                                 \
        }                                                                                     \
    } while (0)

sk_row_extremes sk_row_extremes_of(const void *z, sk_element element, size_t n, ptrdiff_t stride) {
    sk_row_extremes out;
    // A contiguous row gets its own copy of the loops, with the stride a constant.
    if (stride == 1) {
        const ptrdiff_t stride = 1;
        if (element == SK_FLOAT32) SK_EXTREMES_BODY(float);
        else SK_EXTREMES_BODY(double);
    } else if (element == SK_FLOAT32) {
        SK_EXTREMES_BODY(float);
    } else {
        SK_EXTREMES_BODY(double);
    }
    return out;
}

static sk_gap_sums gap_sums_portable(const void *z, sk_element element, size_t n, double top,
                                     double inverse_scale, double gamma) {
    return sk_gap_sums_strided(z, element, n, 1, top, inverse_scale, gamma);
}

const sk_ops sk_portable_ops = {
    .gap_sums = gap_sums_portable,
    .row_max = row_max_portable,
    .exp_shifted = exp_shifted_portable,
    .scale = scale_portable,
    .exp = exp_array_portable,
};
