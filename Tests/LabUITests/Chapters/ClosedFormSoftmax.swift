import Foundation

/// Softmax written out from its definition with Foundation's exp, apart from
/// SoftmaxCore, for the chapter tests to check the numbers on screen against:
/// p_i = e^(z_i/T) / Σ_j e^(z_j/T). The test logits are small, so no overflow guard is needed.
func closedFormSoftmax(_ z: [Double], temperature t: Double = 1) -> [Double] {
    let weights = z.map { exp($0 / t) }
    let sum = weights.reduce(0, +)
    return weights.map { $0 / sum }
}
