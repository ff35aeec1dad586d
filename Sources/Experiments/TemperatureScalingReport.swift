#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SoftmaxCore

extension TemperatureScalingSet {
    /// How well softmax(z / T) is calibrated on the set, from one pass over the logits.
    ///
    /// Per example, with the sums of the weights w = e^(−γ g) (γ = s / T):
    /// p_top = 1 / S0 (the top's weight is exactly 1), −ln p_y = ln S0 + γ g_y, and the
    /// Brier term Σ_k (p_k − [k = y])² = Q / S0² − 2 w_y / S0 + 1.
    /// T = 0 is the exact limit: the mass shared by the row's maxima.
    public func report(at temperature: Temperature, binCount: Int = 15) -> CalibrationReport {
        var confidences = [Double](repeating: 0, count: count)
        let totals = confidences.withUnsafeMutableBufferPointer { confidences in
            sum(2) { i, out in
                let (confidence, nll, brier) = example(i, temperature: temperature)
                confidences[i] = confidence
                out[0] += nll
                out[1] += brier
            }
        }
        let correct = (0..<count).map { predicted[$0] == labels[$0] }
        let n = Double(count)
        return CalibrationReport(
            count: count, classCount: classCount, temperature: temperature,
            meanNLL: totals[0] / n, brierScore: totals[1] / n,
            accuracy: Double(correct.filter { $0 }.count) / n,
            confidences: confidences, correct: correct, binCount: binCount)
    }

    /// Example i's top-class probability, −ln p_y and Brier term at T.
    @inline(__always)
    private func example(_ i: Int, temperature: Temperature) -> (Double, Double, Double) {
        let labelOnTop = labelGaps[i] == 0
        // With no scale every logit is 0 and every T gives the uniform distribution.
        let gamma = temperature.isUniform || scale == nil ? 0 : scale! / temperature.value
        if temperature.isGreedy || gamma.isInfinite {
            let share = 1 / Double(tieCounts[i])
            // Σ_k p_k² over the maxima is `share`; minus 2 p_y, plus 1.
            return (share, labelOnTop ? log(Double(tieCounts[i])) : .infinity,
                    labelOnTop ? 1 - share : share + 1)
        }
        let s = sums(i, gamma: gamma)
        let labelWeight = labelOnTop ? 1 : exp(-gamma * labelGaps[i])
        let brier = s.square / (s.weight * s.weight) - 2 * labelWeight / s.weight + 1
        return (1 / s.weight, log(s.weight) + gamma * labelGaps[i], max(brier, 0))
    }
}
