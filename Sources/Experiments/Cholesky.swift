#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Dense Cholesky factorisation H = RᵀR of a symmetric positive definite matrix, for
/// the Newton steps of the trainer (a 649×649 system on the digits).
enum Cholesky {
    /// Overwrites the upper triangle of the row-major `size × size` matrix with R.
    /// Returns false, leaving the matrix half done, at a pivot that is not positive
    /// (or below `relativePivotFloor` times the largest diagonal entry).
    static func factor(
        _ matrix: UnsafeMutableBufferPointer<Double>, size n: Int, relativePivotFloor: Double = 1e-14
    ) -> Bool {
        let m = matrix.baseAddress!
        var largestDiagonal = 0.0
        for i in 0..<n { largestDiagonal = max(largestDiagonal, m[i * n + i]) }
        let floor = relativePivotFloor * largestDiagonal
        for step in 0..<n {
            let rowK = m + step * n
            let pivot = rowK[step]
            guard pivot > floor, pivot.isFinite else { return false }
            let r = sqrt(pivot)
            rowK[step] = r
            let inverse = 1 / r
            for j in (step + 1)..<max(step + 1, n) { rowK[j] *= inverse }
            // Row-oriented update of the trailing upper triangle: contiguous inner loops.
            for i in (step + 1)..<max(step + 1, n) {
                let factor = rowK[i]
                if factor == 0 { continue }
                let rowI = m + i * n
                for j in i..<n { rowI[j] -= factor * rowK[j] }
            }
        }
        return true
    }

    /// Solves RᵀR x = b in place, R as `factor` left it.
    static func solve(
        factor matrix: UnsafeBufferPointer<Double>, size n: Int, _ b: UnsafeMutableBufferPointer<Double>
    ) {
        let m = matrix.baseAddress!
        // Rᵀ y = b: y_i = (b_i − Σ_{k<i} R_ki y_k) / R_ii, done as column sweeps of R's rows.
        for i in 0..<n {
            let row = m + i * n
            b[i] /= row[i]
            let yi = b[i]
            for j in (i + 1)..<max(i + 1, n) { b[j] -= row[j] * yi }
        }
        // R x = y.
        var i = n - 1
        while i >= 0 {
            let row = m + i * n
            var sum = b[i]
            for j in (i + 1)..<max(i + 1, n) { sum -= row[j] * b[j] }
            b[i] = sum / row[i]
            i -= 1
        }
    }
}
