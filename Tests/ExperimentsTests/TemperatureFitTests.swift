import Experiments
import Foundation
import SoftmaxCore
import Testing

/// T* against scipy (minimize_scalar over log T, and brentq on the derivative), its
/// degenerate cases, its indifference to the logits' scale, and what it says about
/// the digits models along the regularisation path.
@Suite struct TemperatureFitTests {
    @Test(arguments: References.calibrationCases)
    func theFittedTemperatureMatchesScipy(_ reference: CalibrationReference.Case) throws {
        let data = try reference.labeledLogits()
        let fit = TemperatureFit.fit(data)
        let t = try #require(fit.temperature, "\(fit)")
        print("\(reference.name): T* = \(t), scipy minimize_scalar \(reference.temperatureMinimizeScalar)")
        #expect(isClose(t, reference.temperatureMinimizeScalar, relative: 1e-6))
        // brentq on the derivative pins the root far tighter than a minimiser can.
        #expect(isClose(t, reference.temperatureRoot, relative: 1e-10))
        guard case .converged(_, let nll, let iterations) = fit else { return }
        #expect(isClose(nll, reference.atOptimum.meanNLL, relative: 1e-12))
        #expect(iterations < 30)
        for nearby in [t * 0.999, t * 1.001] {
            #expect(CalibrationReport(data, temperature: try Temperature(nearby)).meanNLL > nll)
        }
    }

    /// Scaling every logit by s scales T* by s; shifting a row changes nothing.
    @Test(arguments: [1e-300, 1e-8, 1e6, 1e300])
    func theFitFollowsTheLogitsScale(scale: Double) throws {
        let reference = try #require(References.calibrationCases.first { $0.name.contains("K=7") })
        let data = try reference.labeledLogits()
        let scaled = try LabeledLogits(
            logits: data.logits.map { $0 * scale / 16 }, classCount: data.classCount, labels: data.labels)
        let t = try #require(TemperatureFit.fit(scaled).temperature)
        #expect(isClose(t / scale * 16, reference.temperatureRoot, relative: 1e-10))
    }

    @Test func shiftingARowChangesNothing() throws {
        let reference = try #require(References.calibrationCases.first { $0.name.contains("K=7") })
        let data = try reference.labeledLogits()
        let shifted = try LabeledLogits(
            logits: data.logits.enumerated().map { $1 + Double($0 / 7 % 5) * 64 - 100 },
            classCount: 7, labels: data.labels)
        let t = try #require(TemperatureFit.fit(shifted).temperature)
        #expect(isClose(t, reference.temperatureRoot, relative: 1e-9))
    }

    // MARK: No finite T*

    @Test func everyLabelOnTopSharpensWithoutLimit() throws {
        let data = try LabeledLogits(logits: [3, 1, 0, 0, 2, -1], classCount: 3, labels: [0, 1])
        #expect(TemperatureFit.fit(data) == .sharpensWithoutLimit(meanNLLLimit: 0))
        // A label tied at the top: the NLL falls towards ln 2 for that row.
        let tied = try LabeledLogits(logits: [3, 3, 0, 0, 2, -1], classCount: 3, labels: [1, 1])
        #expect(TemperatureFit.fit(tied) == .sharpensWithoutLimit(meanNLLLimit: log(2.0) / 2))
    }

    @Test func labelsBelowAverageFlattenWithoutLimit() throws {
        // Each label is the lowest logit: the best β is negative.
        let inverted = try LabeledLogits(logits: [3, 1, 0, 0, 2, -1], classCount: 3, labels: [2, 2])
        guard case .flattensWithoutLimit(let slope) = TemperatureFit.fit(inverted) else {
            Issue.record("expected flattensWithoutLimit, got \(TemperatureFit.fit(inverted))")
            return
        }
        // NLL'(0) = mean(mean_k z − z_y) = ((4/3 − 0) + (1/3 + 1)) / 2.
        #expect(abs(slope - (4.0 / 3 + 4.0 / 3) / 2) < 1e-12)
        let zeros = try LabeledLogits(logits: [0, 0, 0, 0], classCount: 2, labels: [0, 1])
        #expect(TemperatureFit.fit(zeros) == .flattensWithoutLimit(slopeAtZero: 0))
        let constantRows = try LabeledLogits(logits: [5, 5, -2, -2], classCount: 2, labels: [0, 1])
        #expect(TemperatureFit.fit(constantRows) == .flattensWithoutLimit(slopeAtZero: 0))
    }

    @Test func oneWrongPredictionAmongConfidentRightOnesGivesAFiniteTemperature() throws {
        // NLL(β) = [ln(1 + e^(−10β))·2 + ln(1 + e^(−β)) + β] / 3: a finite minimum exists.
        let data = try LabeledLogits(logits: [10, 0, 10, 0, 1, 0], classCount: 2, labels: [0, 0, 1])
        let t = try #require(TemperatureFit.fit(data).temperature)
        let slope = { (beta: Double) in
            (-20 / (1 + exp(10 * beta)) - 1 / (1 + exp(beta)) + 1) / 3
        }
        #expect(abs(slope(1 / t)) < 1e-13)
    }

    // MARK: The digits models

    /// Weak L2 (C = 1e4) leaves the model overconfident (T* > 1), strong L2 (C = 1e-2)
    /// underconfident (T* < 1), and T* grows with C in between; fitted on the
    /// validation set of the Swift-trained models.
    @Test func weakL2IsOverconfidentAndStrongL2Underconfident() throws {
        let fixture = try DigitsFixture.shared.get()
        var temperatures: [Double] = []
        for c in DigitsFixture.inverseRegularizations {
            let data = try fixture.validationLogits(c)
            let t = try #require(TemperatureFit.fit(data).temperature)
            let before = CalibrationReport(data)
            let after = CalibrationReport(data, temperature: try Temperature(t))
            print(
                "C = \(c): T* = \(t); validation NLL \(before.meanNLL) → \(after.meanNLL),",
                "ECE \(before.expectedCalibrationError) → \(after.expectedCalibrationError), accuracy \(before.accuracy)")
            #expect(after.meanNLL < before.meanNLL)
            temperatures.append(t)
        }
        #expect(temperatures.first! < 1 && temperatures.last! > 1)
        #expect(temperatures == temperatures.sorted())
        // The same conclusion on the test set, with T* fitted on validation.
        for c in [1e-2, 1e4] {
            let t = try #require(TemperatureFit.fit(try fixture.validationLogits(c)).temperature)
            let inputs = fixture.dataset.features(rows: fixture.split.test)
            let test = try LabeledLogits(
                logits: fixture.model(c).entry.model.logits(for: inputs), classCount: 10,
                labels: fixture.dataset.labels(rows: fixture.split.test))
            let before = CalibrationReport(test), after = CalibrationReport(test, temperature: try Temperature(t))
            print("C = \(c): test NLL \(before.meanNLL) → \(after.meanNLL) at the validation T*")
            #expect(after.meanNLL < before.meanNLL)
            #expect(c < 1 ? before.overconfidence < 0 : before.overconfidence > 0)
        }
    }
}

extension DigitsFixture {
    /// The validation set's logits under the model trained at C, with their labels.
    func validationLogits(_ c: Double) throws -> LabeledLogits {
        let inputs = dataset.features(rows: split.validation)
        return try LabeledLogits(
            logits: model(c).entry.model.logits(for: inputs), classCount: DigitsDataset.classCount,
            labels: dataset.labels(rows: split.validation))
    }
}
