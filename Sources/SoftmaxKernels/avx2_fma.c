// The kernels for x86_64 CPUs with AVX2 and FMA, four doubles at a time. Only these
// functions are compiled for AVX2 (through the target attribute, not -march), so
// the library still loads on any x86_64; the dispatcher calls them only after
// checking the CPU.
#if defined(__x86_64__)

#include "kernels_internal.h"
#include <immintrin.h>

#define SK_AVX2 __attribute__((target("avx2,fma")))

SK_AVX2 static inline __m256d polynomial4(__m256d r) {
    __m256d r2 = _mm256_mul_pd(r, r);
    __m256d a0 = _mm256_fmadd_pd(_mm256_set1_pd(SK_C3), r, _mm256_set1_pd(SK_C2));
    __m256d a1 = _mm256_fmadd_pd(_mm256_set1_pd(SK_C5), r, _mm256_set1_pd(SK_C4));
    __m256d a2 = _mm256_fmadd_pd(_mm256_set1_pd(SK_C7), r, _mm256_set1_pd(SK_C6));
    __m256d a3 = _mm256_fmadd_pd(_mm256_set1_pd(SK_C9), r, _mm256_set1_pd(SK_C8));
    __m256d a4 = _mm256_fmadd_pd(_mm256_set1_pd(SK_C11), r, _mm256_set1_pd(SK_C10));
    __m256d a5 = _mm256_fmadd_pd(_mm256_set1_pd(SK_C13), r, _mm256_set1_pd(SK_C12));
    // Estrin's scheme: a short dependency chain lets neighbouring vectors overlap.
    __m256d r4 = _mm256_mul_pd(r2, r2);
    __m256d b0 = _mm256_fmadd_pd(a1, r2, a0);
    __m256d b1 = _mm256_fmadd_pd(a3, r2, a2);
    __m256d b2 = _mm256_fmadd_pd(a5, r2, a4);
    __m256d q = _mm256_fmadd_pd(_mm256_fmadd_pd(b2, r4, b1), r4, b0);
    // Adding the 1 last keeps the small terms' rounding below half an ulp of the result.
    return _mm256_add_pd(_mm256_set1_pd(1.0), _mm256_fmadd_pd(r2, q, r));
}

/// The reduced argument r and the shifted k (k in the low bits) for clamped x.
SK_AVX2 static inline __m256d reduce4(__m256d x, __m256d *shifted) {
    const __m256d shifter = _mm256_set1_pd(SK_ROUND_SHIFTER);
    *shifted = _mm256_fmadd_pd(x, _mm256_set1_pd(SK_LOG2E), shifter);
    __m256d k = _mm256_sub_pd(*shifted, shifter);
    __m256d r = _mm256_fnmadd_pd(k, _mm256_set1_pd(SK_LN2_HI), x);
    return _mm256_fnmadd_pd(k, _mm256_set1_pd(SK_LN2_LO), r);
}

/// 2^k for integral doubles k in [-1022, 1023], from the shifted form.
SK_AVX2 static inline __m256d power_of_two4(__m256d shifted) {
    __m256i k_high = _mm256_slli_epi64(_mm256_castpd_si256(shifted), 52);
    return _mm256_castsi256_pd(_mm256_add_epi64(k_high, _mm256_set1_epi64x(INT64_C(1023) << 52)));
}

/// exp for any input: clamped, with 2^k applied in two halves so that results in
/// the subnormals and at the overflow threshold round once.
SK_AVX2 static __m256d exp4_full_range(__m256d x) {
    const __m256d shifter = _mm256_set1_pd(SK_ROUND_SHIFTER);
    // max and min return their second operand when either is NaN: x goes second.
    __m256d xc = _mm256_max_pd(_mm256_set1_pd(SK_EXP_MIN_INPUT), x);
    xc = _mm256_min_pd(_mm256_set1_pd(SK_EXP_MAX_INPUT), xc);
    __m256d shifted;
    __m256d r = reduce4(xc, &shifted);
    __m256d k = _mm256_sub_pd(shifted, shifter);
    __m256d k1 = _mm256_floor_pd(_mm256_mul_pd(k, _mm256_set1_pd(0.5)));
    __m256d k2 = _mm256_sub_pd(k, k1);
    __m256d s1 = power_of_two4(_mm256_add_pd(k1, shifter));
    __m256d s2 = power_of_two4(_mm256_add_pd(k2, shifter));
    return _mm256_mul_pd(_mm256_mul_pd(polynomial4(r), s1), s2);
}

/// exp where |x| <= SK_EXP_FAST_LIMIT, so 2^k is normal.
SK_AVX2 static inline __m256d exp4_normal_range(__m256d x) {
    __m256d shifted;
    __m256d r = reduce4(x, &shifted);
    return _mm256_mul_pd(polynomial4(r), power_of_two4(shifted));
}

/// All lanes set where x needs exp4_full_range ("not <=" is also true for NaN).
SK_AVX2 static inline __m256d outside_normal_range(__m256d x) {
    const __m256d abs_mask = _mm256_castsi256_pd(_mm256_set1_epi64x(INT64_MAX));
    return _mm256_cmp_pd(_mm256_and_pd(x, abs_mask), _mm256_set1_pd(SK_EXP_FAST_LIMIT), _CMP_NLE_UQ);
}

SK_AVX2 static inline __m256d exp4(__m256d x) {
    if (__builtin_expect(_mm256_movemask_pd(outside_normal_range(x)) != 0, 0)) return exp4_full_range(x);
    return exp4_normal_range(x);
}

/// exp of two vectors with one range check, so that the common case is one
/// straight run of code the CPU can overlap.
SK_AVX2 static inline void exp4x2(__m256d x0, __m256d x1, __m256d *e0, __m256d *e1) {
    __m256d outside = _mm256_or_pd(outside_normal_range(x0), outside_normal_range(x1));
    if (__builtin_expect(_mm256_movemask_pd(outside) != 0, 0)) {
        *e0 = exp4_full_range(x0);
        *e1 = exp4_full_range(x1);
    } else {
        *e0 = exp4_normal_range(x0);
        *e1 = exp4_normal_range(x1);
    }
}

/// A mask of the first n (0..3) lanes, for the loads and stores of a row's tail.
SK_AVX2 static inline __m256i tail_mask(size_t n) {
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)n), _mm256_setr_epi64x(0, 1, 2, 3));
}

SK_AVX2 static inline double horizontal_sum(__m256d v) {
    __m128d pair = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(pair, _mm_unpackhi_pd(pair, pair)));
}

SK_AVX2 static double row_max_avx2(const double *z, size_t n) {
    size_t i = 0;
    double m = z[0];
    if (n >= 16) {
        __m256d m0 = _mm256_loadu_pd(z), m1 = m0, m2 = m0, m3 = m0;
        for (; i + 16 <= n; i += 16) {
            m0 = _mm256_max_pd(m0, _mm256_loadu_pd(z + i));
            m1 = _mm256_max_pd(m1, _mm256_loadu_pd(z + i + 4));
            m2 = _mm256_max_pd(m2, _mm256_loadu_pd(z + i + 8));
            m3 = _mm256_max_pd(m3, _mm256_loadu_pd(z + i + 12));
        }
        __m256d v = _mm256_max_pd(_mm256_max_pd(m0, m1), _mm256_max_pd(m2, m3));
        __m128d pair = _mm_max_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
        m = _mm_cvtsd_f64(_mm_max_sd(pair, _mm_unpackhi_pd(pair, pair)));
    }
    for (; i < n; i++) m = z[i] > m ? z[i] : m;
    return m;
}

SK_AVX2 static inline __m256d exponent4(__m256d z, __m256d shift, __m256d t, __m256d inverse, int multiply) {
    __m256d d = _mm256_sub_pd(z, shift);
    __m256d y = multiply ? _mm256_mul_pd(d, inverse) : _mm256_div_pd(d, t);
    return _mm256_max_pd(y, _mm256_set1_pd(SK_SOFTMAX_EXPONENT_FLOOR));
}

SK_AVX2 static inline void exp_shifted_body(const double *z, double shift_value, const sk_scaling *scaling,
                                            double *e, double *ey, size_t n, double *sum, double *weighted,
                                            const int multiply) {
    const __m256d shift = _mm256_set1_pd(shift_value);
    const __m256d t = _mm256_set1_pd(scaling->temperature);
    const __m256d inverse = _mm256_set1_pd(scaling->inverse);
    __m256d s0 = _mm256_setzero_pd(), s1 = s0, w0 = s0, w1 = s0;
    size_t i = 0;
    // Two independent vectors per turn, with their own sums, keep both FMA pipes busy.
    for (; i + 8 <= n; i += 8) {
        __m256d y0 = exponent4(_mm256_loadu_pd(z + i), shift, t, inverse, multiply);
        __m256d y1 = exponent4(_mm256_loadu_pd(z + i + 4), shift, t, inverse, multiply);
        __m256d v0, v1;
        exp4x2(y0, y1, &v0, &v1);
        _mm256_storeu_pd(e + i, v0);
        _mm256_storeu_pd(e + i + 4, v1);
        __m256d p0 = _mm256_mul_pd(v0, y0), p1 = _mm256_mul_pd(v1, y1);
        if (ey) {
            _mm256_storeu_pd(ey + i, p0);
            _mm256_storeu_pd(ey + i + 4, p1);
        }
        s0 = _mm256_add_pd(s0, v0);
        s1 = _mm256_add_pd(s1, v1);
        w0 = _mm256_add_pd(w0, p0);
        w1 = _mm256_add_pd(w1, p1);
    }
    for (; i < n; i += 4) {
        size_t left = n - i;
        __m256i mask = tail_mask(left < 4 ? left : 4);
        __m256d lanes = _mm256_castsi256_pd(mask);
        __m256d y = exponent4(_mm256_maskload_pd(z + i, mask), shift, t, inverse, multiply);
        // Lanes past the end hold garbage exponents; they are zeroed before summing.
        __m256d v = _mm256_and_pd(exp4(y), lanes);
        __m256d p = _mm256_and_pd(_mm256_mul_pd(v, y), lanes);
        _mm256_maskstore_pd(e + i, mask, v);
        if (ey) _mm256_maskstore_pd(ey + i, mask, p);
        s0 = _mm256_add_pd(s0, v);
        w0 = _mm256_add_pd(w0, p);
    }
    if (sum) {
        *sum = horizontal_sum(_mm256_add_pd(s0, s1));
        *weighted = horizontal_sum(_mm256_add_pd(w0, w1));
    }
}

SK_AVX2 static void exp_shifted_avx2(const double *z, double shift, const sk_scaling *scaling,
                                     double *e, double *ey, size_t n, double *sum, double *weighted) {
    if (scaling->multiply) exp_shifted_body(z, shift, scaling, e, ey, n, sum, weighted, 1);
    else exp_shifted_body(z, shift, scaling, e, ey, n, sum, weighted, 0);
}

SK_AVX2 static void scale_avx2(double *p, size_t n, double factor) {
    const __m256d f = _mm256_set1_pd(factor);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        _mm256_storeu_pd(p + i, _mm256_mul_pd(_mm256_loadu_pd(p + i), f));
        _mm256_storeu_pd(p + i + 4, _mm256_mul_pd(_mm256_loadu_pd(p + i + 4), f));
    }
    for (; i < n; i++) p[i] *= factor;
}

SK_AVX2 static void exp_array_avx2(const double *x, double *y, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256d a, b;
        exp4x2(_mm256_loadu_pd(x + i), _mm256_loadu_pd(x + i + 4), &a, &b);
        _mm256_storeu_pd(y + i, a);
        _mm256_storeu_pd(y + i + 4, b);
    }
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, exp4(_mm256_loadu_pd(x + i)));
    if (i < n) {
        __m256i mask = tail_mask(n - i);
        _mm256_maskstore_pd(y + i, mask, exp4(_mm256_maskload_pd(x + i, mask)));
    }
}

/// Four logits from a contiguous row as doubles: all four, or the first `left` (< 4)
/// with zeros after them.
SK_AVX2 static inline __m256d load_logits4(const void *z, sk_element element, size_t i, size_t left) {
    if (element == SK_FLOAT32) {
        const float *f = (const float *)z + i;
        if (left >= 4) return _mm256_cvtps_pd(_mm_loadu_ps(f));
        __m128i mask = _mm_cmpgt_epi32(_mm_set1_epi32((int)left), _mm_setr_epi32(0, 1, 2, 3));
        return _mm256_cvtps_pd(_mm_maskload_ps(f, mask));
    }
    const double *d = (const double *)z + i;
    if (left >= 4) return _mm256_loadu_pd(d);
    return _mm256_maskload_pd(d, tail_mask(left));
}

/// The gaps of four logits, with a mask of the lanes that count: inside the row and
/// not -infinity (whose gap is set to 0 so that no 0 * infinity reaches the sums).
SK_AVX2 static inline __m256d gaps4(__m256d z, __m256d top, __m256d inverse, size_t left, __m256d *counted) {
    __m256d finite = _mm256_cmp_pd(z, _mm256_set1_pd(-__builtin_inf()), _CMP_NEQ_OQ);
    *counted = left >= 4 ? finite : _mm256_and_pd(finite, _mm256_castsi256_pd(tail_mask(left)));
    return _mm256_and_pd(_mm256_fnmadd_pd(z, inverse, top), *counted);
}

SK_AVX2 static sk_gap_sums gap_sums_avx2(const void *z, sk_element element, size_t n, double top_value,
                                         double inverse_scale, double gamma) {
    const __m256d top = _mm256_set1_pd(top_value), inverse = _mm256_set1_pd(inverse_scale);
    const __m256d minus_gamma = _mm256_set1_pd(-gamma);
    __m256d s0 = _mm256_setzero_pd(), s1 = s0, s2 = s0, q = s0;
    __m256d t0 = s0, t1 = s0, t2 = s0, r = s0;
    size_t i = 0;
    // Two vectors per turn with their own sums, as in exp_shifted_body.
    for (; i + 8 <= n; i += 8) {
        __m256d c0, c1;
        __m256d g0 = gaps4(load_logits4(z, element, i, 4), top, inverse, 4, &c0);
        __m256d g1 = gaps4(load_logits4(z, element, i + 4, 4), top, inverse, 4, &c1);
        __m256d w0, w1;
        exp4x2(_mm256_mul_pd(g0, minus_gamma), _mm256_mul_pd(g1, minus_gamma), &w0, &w1);
        w0 = _mm256_and_pd(w0, c0);
        w1 = _mm256_and_pd(w1, c1);
        __m256d wg0 = _mm256_mul_pd(w0, g0), wg1 = _mm256_mul_pd(w1, g1);
        s0 = _mm256_add_pd(s0, w0);
        t0 = _mm256_add_pd(t0, w1);
        s1 = _mm256_add_pd(s1, wg0);
        t1 = _mm256_add_pd(t1, wg1);
        s2 = _mm256_fmadd_pd(wg0, g0, s2);
        t2 = _mm256_fmadd_pd(wg1, g1, t2);
        q = _mm256_fmadd_pd(w0, w0, q);
        r = _mm256_fmadd_pd(w1, w1, r);
    }
    for (; i < n; i += 4) {
        size_t left = n - i;
        __m256d c;
        __m256d g = gaps4(load_logits4(z, element, i, left), top, inverse, left, &c);
        __m256d w = _mm256_and_pd(exp4(_mm256_mul_pd(g, minus_gamma)), c);
        __m256d wg = _mm256_mul_pd(w, g);
        s0 = _mm256_add_pd(s0, w);
        s1 = _mm256_add_pd(s1, wg);
        s2 = _mm256_fmadd_pd(wg, g, s2);
        q = _mm256_fmadd_pd(w, w, q);
    }
    return (sk_gap_sums){
        .weight = horizontal_sum(_mm256_add_pd(s0, t0)),
        .first = horizontal_sum(_mm256_add_pd(s1, t1)),
        .second = horizontal_sum(_mm256_add_pd(s2, t2)),
        .square = horizontal_sum(_mm256_add_pd(q, r)),
    };
}

const sk_ops sk_avx2_fma_ops = {
    .gap_sums = gap_sums_avx2,
    .row_max = row_max_avx2,
    .exp_shifted = exp_shifted_avx2,
    .scale = scale_avx2,
    .exp = exp_array_avx2,
};

#endif
