import Experiments
import Foundation
import SoftmaxCore
import Testing

/// NLL, Brier, accuracy, ECE and the reliability bins against numpy
/// (Reference/make_calibration_reference.py), on the digits models' logits and on
/// synthetic float32-rounded logits, at T = 1 and at the fitted T*.
@Suite struct CalibrationMetricsTests {
    @Test func theReferenceFileHasEveryCase() throws {
        let cases = try References.calibration.get().cases
        #expect(cases.count == 7)
        #expect(cases.filter(\.isSynthetic).count == 3)
    }

    /// The synthetic logits are float32 values; reading them must not have moved a bit.
    @Test func syntheticLogitsReadBackAsExactFloat32Values() throws {
        for reference in References.calibrationCases where reference.isSynthetic {
            let logits = try reference.labeledLogits().logits
            #expect(logits.allSatisfy { Double(Float($0)) == $0 }, "\(reference.name)")
        }
    }

    @Test(arguments: References.calibrationCases)
    func metricsAtTemperatureOneMatchNumpy(_ reference: CalibrationReference.Case) throws {
        let report = CalibrationReport(try reference.labeledLogits())
        try check(report, against: reference.atOne, data: try reference.labeledLogits())
    }

    @Test(arguments: References.calibrationCases)
    func metricsAtTheFittedTemperatureMatchNumpy(_ reference: CalibrationReference.Case) throws {
        let data = try reference.labeledLogits()
        let report = CalibrationReport(data, temperature: try Temperature(reference.temperatureRoot))
        try check(report, against: reference.atOptimum, data: data)
    }

    private func check(_ report: CalibrationReport, against expected: CalibrationReference.Metrics, data: LabeledLogits) throws {
        #expect(isClose(report.meanNLL, expected.meanNLL, relative: 1e-9))
        #expect(isClose(report.brierScore, expected.brier, relative: 1e-9))
        #expect(isClose(report.accuracy, expected.accuracy, relative: 1e-9))
        #expect(isClose(report.expectedCalibrationError, expected.ece15, relative: 1e-9, floor: 1e-6))
        #expect(isClose(report.adaptiveCalibrationError, expected.adaptiveECE15, relative: 1e-9, floor: 1e-6))
        let tenBins = ReliabilityDiagram(confidences: report.confidences, correct: report.correct, binCount: 10)
        #expect(isClose(tenBins.expectedCalibrationError, expected.ece10, relative: 1e-9, floor: 1e-6))
        checkBins(report.reliability.bins, expected.widthBins15)
        checkBins(report.adaptiveReliability.bins, expected.massBins15)
        checkBins(tenBins.bins, expected.widthBins10)
    }

    private func checkBins(_ bins: [ReliabilityBin], _ expected: [CalibrationReference.Bin]) {
        #expect(bins.map(\.count) == expected.map(\.count))
        for (bin, reference) in zip(bins, expected) {
            #expect(isClose(bin.accuracy, reference.accuracy, relative: 1e-12, floor: 1))
            #expect(isClose(bin.meanConfidence, reference.confidence, relative: 1e-9, floor: 1e-6))
        }
    }

    // MARK: Properties

    @Test(arguments: References.calibrationCases)
    func accuracyDoesNotDependOnTheTemperature(_ reference: CalibrationReference.Case) throws {
        let data = try reference.labeledLogits()
        let atOne = CalibrationReport(data).accuracy
        for t in [1e-3, 0.25, 0.9, 3, 1e3] {
            #expect(CalibrationReport(data, temperature: try Temperature(t)).accuracy == atOne, "T = \(t)")
        }
        #expect(CalibrationReport(data, temperature: .greedy).accuracy == atOne)
        #expect(CalibrationReport(data, temperature: .uniform).accuracy == atOne)
    }

    /// Hand-worked with five bins: 0.2, 0.4 and 0.6 lie on edges and go to the bin below.
    @Test func widthBinsAreOpenBelowAndClosedAbove() {
        let diagram = ReliabilityDiagram(
            confidences: [0.2, 0.4, 0.6, 1.0, 0.0, 0.5], correct: [true, false, true, true, false, true],
            binCount: 5)
        #expect(diagram.bins.map(\.count) == [2, 1, 2, 0, 1])  // 0.2 and 0 in (0, 0.2]; 0.6 in (0.4, 0.6]
        #expect(diagram.bins[0].lowerBound == 0 && diagram.bins[0].upperBound == 0.2)
        #expect(diagram.bins[2].meanConfidence == 0.55 && diagram.bins[2].accuracy == 1)
        // |0.1 − 0.5|·2 + |0.4 − 0|·1 + |0.55 − 1|·2 + |1 − 1|·1, over 6.
        #expect(abs(diagram.expectedCalibrationError - (0.8 + 0.4 + 0.9) / 6) < 1e-15)
        #expect(abs(diagram.maximumCalibrationError - 0.45) < 1e-15)
    }

    @Test func massBinsSplitTheSortedConfidencesEvenlyWithTiesByPosition() {
        let diagram = ReliabilityDiagram(
            confidences: [0.9, 0.5, 0.5, 0.7, 0.3], correct: [true, true, false, false, true],
            binCount: 2, binning: .equalMass)
        // Sorted: 0.3 (4), 0.5 (1), 0.5 (2), 0.7 (3), 0.9 (0); ranks 0..<2 and 2..<5.
        #expect(diagram.bins.map(\.count) == [2, 3])
        #expect(diagram.bins[0].accuracy == 1 && diagram.bins[1].accuracy == 1.0 / 3)
        #expect(diagram.bins[0].lowerBound == 0.3 && diagram.bins[0].upperBound == 0.5)
        let sparse = ReliabilityDiagram(confidences: [0.4, 0.6], correct: [true, true], binCount: 3, binning: .equalMass)
        #expect(sparse.bins.map(\.count) == [0, 1, 1])
    }

    @Test func brierAndNLLOfAHandWorkedPair() throws {
        // Row 1: logits ln 3, 0 → p = (0.75, 0.25), label 0. Row 2: 0, 0 → (0.5, 0.5), label 1.
        let data = try LabeledLogits(logits: [ln3, 0, 0, 0], classCount: 2, labels: [0, 1])
        let report = CalibrationReport(data)
        #expect(abs(report.brierScore - (0.125 + 0.5) / 2) < 1e-15)
        #expect(abs(report.meanNLL - (-ln(0.75) + ln(2)) / 2) < 1e-15)
        #expect(report.accuracy == 0.5)  // the tie in row 2 goes to class 0
        #expect(abs(report.confidences[0] - 0.75) < 1e-15 && report.confidences[1] == 0.5)
    }

    @Test func invalidLogitsAndLabelsAreRefusedInOneLine() {
        let cases: [(() throws(LabeledLogitsError) -> LabeledLogits, LabeledLogitsError)] = [
            ({ () throws(LabeledLogitsError) in try LabeledLogits(logits: [1], classCount: 1, labels: [0]) }, .tooFewClasses(1)),
            ({ () throws(LabeledLogitsError) in try LabeledLogits(logits: [], classCount: 2, labels: []) }, .noExamples),
            ({ () throws(LabeledLogitsError) in try LabeledLogits(logits: [1, 2, 3], classCount: 2, labels: [0, 1]) },
             .shapeMismatch(logitCount: 3, classCount: 2, labelCount: 2)),
            ({ () throws(LabeledLogitsError) in try LabeledLogits(logits: [1, 2, .nan, 0], classCount: 2, labels: [0, 1]) },
             .nonFiniteLogit(row: 1, column: 0)),
            ({ () throws(LabeledLogitsError) in try LabeledLogits(logits: [1, 2, 3, 0], classCount: 2, labels: [0, 2]) },
             .labelOutOfRange(row: 1, label: 2, classCount: 2)),
        ]
        for (make, expected) in cases {
            let error = #expect(throws: LabeledLogitsError.self) { try make() }
            #expect(error == expected)
            #expect(error.map { !$0.description.contains("\n") } == true)
        }
    }
}

private let ln3 = log(3.0)
private func ln(_ x: Double) -> Double { log(x) }
