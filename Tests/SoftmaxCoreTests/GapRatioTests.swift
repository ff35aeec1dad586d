import SoftmaxCore
import Testing

@Suite("Probability ratio from a logit gap")
struct GapRatioTests {
    @Test("e^gap at T = 1, e^(gap/T) elsewhere, against decimal values of e")
    func closedForms() throws {
        // e = 2.718281828459045..., e^2 = 7.38905609893065..., e^-1 = 0.36787944117144233...
        #expect(abs(probabilityRatio(logitGap: 1) - 2.718281828459045) < 1e-15)
        #expect(abs(probabilityRatio(logitGap: 2) - 7.38905609893065) < 1e-14)
        #expect(abs(probabilityRatio(logitGap: -1) - 0.36787944117144233) < 1e-16)
        // Gap 2 at T = 2 is e^1.
        #expect(abs(probabilityRatio(logitGap: 2, temperature: try Temperature(2)) - 2.718281828459045) < 1e-15)
        #expect(probabilityRatio(logitGap: 0) == 1)
    }

    @Test("the limits: T -> 0 makes any positive gap infinite odds, T -> infinity makes every ratio 1")
    func limits() {
        #expect(probabilityRatio(logitGap: 0.1, temperature: .greedy) == .infinity)
        #expect(probabilityRatio(logitGap: -0.1, temperature: .greedy) == 0)
        #expect(probabilityRatio(logitGap: 5, temperature: .uniform) == 1)
        #expect(probabilityRatio(logitGap: 1000) == .infinity)
    }

    @Test("equals the ratio of two softmax probabilities")
    func matchesSoftmax() {
        let p = softmax([2, 1, 0.5, 0.1, -1])
        #expect(abs(p[0] / p[1] - probabilityRatio(logitGap: 1)) < 1e-14)
        #expect(abs(p[2] / p[4] - probabilityRatio(logitGap: 1.5)) < 1e-14)
    }
}
