import Foundation
import SoftmaxCore
import Testing

/// Near-deterministic rows: ln Z, F, H and the top class's ln p are tiny, and a
/// softmax that takes ln of the rounded sum of weights loses them (ln(1 + 4e-18) is
/// 0 in doubles). Checked against mpmath at 400 digits, to 1e-12 relative.
@Suite struct TailPrecisionTests {
    static func close(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= 1e-12 * max(abs(a), abs(b))
    }

    @Test(arguments: TailReferenceValues.cases)
    func theTailIsKept(_ c: TailReferenceCase) throws {
        let r = SoftmaxReadout(logits: c.logits, temperature: try Temperature(c.temperature))
        #expect(Self.close(r.logPartition, c.logPartition), "ln Z \(r.logPartition) vs \(c.logPartition)")
        #expect(Self.close(r.freeEnergy, c.freeEnergy), "F \(r.freeEnergy) vs \(c.freeEnergy)")
        #expect(Self.close(r.entropy, c.entropy), "H \(r.entropy) vs \(c.entropy)")
        for (mine, reference) in zip(r.logProbabilities, c.logProbabilities) {
            #expect(Self.close(mine, reference), "ln p \(mine) vs \(reference)")
        }
    }

    /// The example: probs --logits 0,-40 gave ln Z = 0 and F = 0.
    @Test func logitsZeroAndMinusFortyHaveATinyPositiveLogPartition() {
        let r = SoftmaxReadout(logits: [0, -40])
        #expect(r.logPartition > 4.2e-18 && r.logPartition < 4.3e-18)
        #expect(r.freeEnergy < 0)
    }
}

@Suite struct MassOutsideTests {
    /// Logits 0, -40: the mass outside A is e^-40 / (1 + e^-40), whose log is
    /// -40 - log1p(e^-40) (closed form); 1 - p_A rounds to 0 in doubles.
    @Test func theMassOutsideTheTopClassKeepsItsTail() {
        let r = SoftmaxReadout(logits: [0, -40])
        #expect(1 - r.probabilities[0] == 0)
        let expected = -40 - (-40.0).exp.log1pReference
        #expect(abs(r.logMassOutside(0) - expected) <= 1e-14 * abs(expected))
        #expect(abs(r.logMassOutside(1) - (-(-40.0).exp.log1pReference)) <= 1e-30)
    }
}

private extension Double {
    var exp: Double { Foundation.exp(self) }
    var log1pReference: Double { Foundation.log1p(self) }
}
