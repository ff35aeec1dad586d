#include "SoftmaxKernels.h"
#include <math.h>

void sk_softmax_rows(const double *logits, double *probs, double *entropy,
                     size_t rows, size_t cols, double beta) {
    for (size_t r = 0; r < rows; r++) {
        const double *z = logits + r * cols;
        double *p = probs + r * cols;
        double m = z[0];
        for (size_t i = 1; i < cols; i++) if (z[i] > m) m = z[i];
        double sum = 0, weighted = 0;
        for (size_t i = 0; i < cols; i++) {
            double y = (z[i] - m) * beta;
            double e = exp(y);
            p[i] = e;
            sum += e;
            weighted += e * y;
        }
        double inv = 1.0 / sum;
        for (size_t i = 0; i < cols; i++) p[i] *= inv;
        if (entropy) entropy[r] = log(sum) - weighted * inv;
    }
}
