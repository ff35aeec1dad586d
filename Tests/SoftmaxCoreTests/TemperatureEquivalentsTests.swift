import SoftmaxCore
import Testing

/// The knobs that are the temperature under other names, against closed forms.
@Suite struct TemperatureEquivalentsTests {
    static func reference(_ scores: [Double], temperature t: Double) -> [Double] {
        let weights = scores.map { expOf($0 / t) }
        let sum = weights.reduce(0, +)
        return weights.map { $0 / sum }
    }

    @Test func scalingTheLogitsIsDividingTheTemperature() throws {
        let z = [2, 1, 0.5, 0.1, -1.0]
        for (alpha, t) in [(0.5, 1.0), (3.0, 0.7), (0.125, 4.0)] {
            let effective = effectiveTemperature(logitScale: alpha, temperature: try Temperature(t))
            #expect(isClose(effective.value, t / alpha))
            #expect(isClose(softmax(z, temperature: effective), Self.reference(z.map { alpha * $0 }, temperature: t)))
            #expect(isClose(logitScaleOverTemperature(logitScale: alpha, temperature: try Temperature(t)), alpha / t))
        }
        #expect(effectiveTemperature(logitScale: 2, temperature: .greedy) == .greedy)
        #expect(effectiveTemperature(logitScale: 2, temperature: .uniform) == .uniform)
        #expect(effectiveTemperature(logitScale: 0, temperature: .one) == .uniform)
        #expect(logitScaleOverTemperature(logitScale: 2, temperature: .greedy) == .infinity)
        #expect(logitScaleOverTemperature(logitScale: 2, temperature: .uniform) == 0)
        #expect(scaledLogits([1, -2], by: 3) == [3, -6])
    }

    @Test func gaussianClassesHaveTemperatureTwoSigmaSquared() {
        #expect(gaussianClassTemperature(standardDeviation: 1) == 2)
        #expect(gaussianClassTemperature(standardDeviation: 0.5) == 0.5)
        #expect(gaussianClassScores(point: 1, means: [1, 3, -1]) == [0, -4, -4])
        #expect(gaussianClassScores(point: 1, means: [1])[0].sign == .plus)
        // Bayes with equal priors: p(k | x) ∝ exp(−(x − µ_k)² / (2σ²)).
        let sigma = 0.8, x = 0.3, means = [0.0, 1.0, -2.0]
        let t = try! Temperature(gaussianClassTemperature(standardDeviation: sigma))
        let weights = means.map { expOf(-(x - $0) * (x - $0) / (2 * sigma * sigma)) }
        let total = weights.reduce(0, +)
        #expect(isClose(softmax(gaussianClassScores(point: x, means: means), temperature: t), weights.map { $0 / total }))
    }

    @Test func guidanceAgainstAFlatModelIsOneOverW() {
        #expect(isClose(guidanceEquivalentTemperature(scale: 5).value, 0.2))
        #expect(isClose(guidanceEquivalentTemperature(scale: 0.5).value, 2))
        #expect(guidanceEquivalentTemperature(scale: 0) == .uniform)
        // ln p_u + w (ln p_c − ln p_u) with ln p_u = −ln 3 for each of three classes.
        let pc = [0.6, 0.3, 0.1], w = 4.0
        let guided = pc.map { -ln(3) + w * (ln($0) + ln(3)) }
        #expect(isClose(softmax(guided), softmax(pc.map(ln), temperature: guidanceEquivalentTemperature(scale: w))))
    }

    @Test func distillationMultipliesByTSquared() throws {
        #expect(distillationLossFactor(temperature: try Temperature(4)) == 16)
        #expect(distillationLossFactor(temperature: try Temperature(20)) == 400)
    }

    @Test func confidenceSummaryCountsAndAverages() {
        let s = ConfidenceSummary(confidences: [0.9, 0.8, 0.7, 0.6], correct: [true, false, true, false])
        #expect(s.count == 4)
        #expect(s.correctCount == 2)
        #expect(isClose(s.meanConfidence, 0.75))
        #expect(isClose(s.accuracy, 0.5))
        #expect(isClose(s.overconfidence, 0.25))
        let empty = ConfidenceSummary(confidences: [], correct: [])
        #expect(empty.accuracy == 0 && empty.meanConfidence == 0)
        // σ(m / T) = 1 / (1 + e^(−m/T)).
        #expect(isClose(twoClassConfidence(margin: 2, temperature: try! Temperature(2)), 1 / (1 + expOf(-1))))
    }
}
