#ifndef SOFTMAX_LAB_KERNELS_H
#define SOFTMAX_LAB_KERNELS_H

#include <stddef.h>

/// Softmax of each row of a row-major `rows` x `cols` matrix at inverse temperature
/// `beta` (finite, > 0). Writes the probabilities to `probs`, which may be the same
/// buffer as `logits`, and, when `entropy` is not NULL, each row's entropy in nats.
/// Logits must be finite.
void sk_softmax_rows(const double *logits, double *probs, double *entropy,
                     size_t rows, size_t cols, double beta);

#endif
