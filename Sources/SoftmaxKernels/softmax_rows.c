// Row softmax and the run-time choice of instruction set. The row logic is shared;
// only the loops over elements (sk_ops) differ per instruction set.
#include "SoftmaxKernels.h"
#include "kernels_internal.h"
#include <math.h>
#include <stdatomic.h>

static _Atomic(const sk_ops *) active_ops;

static const sk_ops *ops_for(sk_isa isa) {
#if defined(__x86_64__)
    if (isa == SK_ISA_AVX2_FMA) {
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return &sk_avx2_fma_ops;
    }
#else
    (void)isa;
#endif
    return &sk_portable_ops;
}

static const sk_ops *current_ops(void) {
    const sk_ops *ops = atomic_load_explicit(&active_ops, memory_order_acquire);
    if (ops) return ops;
    // Racing first calls all detect the same answer, so whichever store lands is right.
    ops = ops_for(SK_ISA_AVX2_FMA);
    atomic_store_explicit(&active_ops, ops, memory_order_release);
    return ops;
}

sk_isa sk_active_isa(void) {
#if defined(__x86_64__)
    if (current_ops() == &sk_avx2_fma_ops) return SK_ISA_AVX2_FMA;
#endif
    return SK_ISA_PORTABLE;
}

sk_isa sk_use_isa(sk_isa isa) {
    atomic_store_explicit(&active_ops, ops_for(isa), memory_order_release);
    return sk_active_isa();
}

void sk_exp(const double *x, double *y, size_t n) {
    current_ops()->exp(x, y, n);
}

static sk_scaling scaling_for(double temperature) {
    int exponent;
    // 1/T is exact, and so multiplying by it equals dividing by T, when T is a power of two.
    int power_of_two = frexp(temperature, &exponent) == 0.5;
    return (sk_scaling){.temperature = temperature, .inverse = 1.0 / temperature, .multiply = power_of_two};
}

/// ln Z - <e y> / Z: the entropy of one row from its sums, as the scalar code's
/// -sum p (y - ln Z); clamped at 0 against rounding, as there.
static inline double row_entropy(double sum, double weighted) {
    double h = log(sum) - weighted / sum;
    return h > 0 ? h : 0;
}

// Rows shorter than this are done a block of rows at a time, so that the vector
// exp runs over whole blocks rather than a few lanes per row.
enum { SHORT_ROW_LIMIT = 64, BLOCK_ELEMENTS = 1024 };

static void short_rows(const sk_ops *ops, const sk_scaling *scaling, const double *logits,
                       double *probs, double *entropy, size_t rows, size_t cols) {
    // Holds z - max z, then e * y; the logits are all read before the block's
    // probabilities are written, so probs may be logits.
    double work[BLOCK_ELEMENTS];
    const size_t rows_per_block = BLOCK_ELEMENTS / cols;
    for (size_t first = 0; first < rows; first += rows_per_block) {
        size_t block_rows = rows - first < rows_per_block ? rows - first : rows_per_block;
        size_t count = block_rows * cols;
        const double *z = logits + first * cols;
        double *p = probs + first * cols;
        for (size_t r = 0; r < block_rows; r++) {
            const double *row = z + r * cols;
            double m = row[0];
            for (size_t i = 1; i < cols; i++) m = row[i] > m ? row[i] : m;
            for (size_t i = 0; i < cols; i++) work[r * cols + i] = row[i] - m;
        }
        ops->exp_shifted(work, 0.0, scaling, p, work, count, NULL, NULL);
        for (size_t r = 0; r < block_rows; r++) {
            double *row = p + r * cols;
            const double *ey = work + r * cols;
            double sum = 0, weighted = 0;
            for (size_t i = 0; i < cols; i++) {
                sum += row[i];
                weighted += ey[i];
            }
            double inverse = 1.0 / sum;
            for (size_t i = 0; i < cols; i++) row[i] *= inverse;
            if (entropy) entropy[first + r] = row_entropy(sum, weighted);
        }
    }
}

static void long_rows(const sk_ops *ops, const sk_scaling *scaling, const double *logits,
                      double *probs, double *entropy, size_t rows, size_t cols) {
    for (size_t r = 0; r < rows; r++) {
        const double *z = logits + r * cols;
        double *p = probs + r * cols;
        double m = ops->row_max(z, cols);
        double sum, weighted;
        ops->exp_shifted(z, m, scaling, p, NULL, cols, &sum, &weighted);
        ops->scale(p, cols, 1.0 / sum);
        if (entropy) entropy[r] = row_entropy(sum, weighted);
    }
}

void sk_softmax_rows(const double *logits, double *probs, double *entropy,
                     size_t rows, size_t cols, double temperature) {
    if (rows == 0 || cols == 0) return;
    const sk_ops *ops = current_ops();
    sk_scaling scaling = scaling_for(temperature);
    if (cols < SHORT_ROW_LIMIT) short_rows(ops, &scaling, logits, probs, entropy, rows, cols);
    else long_rows(ops, &scaling, logits, probs, entropy, rows, cols);
}

sk_gap_sums sk_row_gap_sums(const void *z, sk_element element, size_t n, ptrdiff_t stride,
                            double top, double inverse_scale, double gamma) {
    if (stride == 1) return current_ops()->gap_sums(z, element, n, top, inverse_scale, gamma);
    return sk_gap_sums_strided(z, element, n, stride, top, inverse_scale, gamma);
}
