import Experiments
import Foundation
import LogitFiles
import SoftmaxCore
import SoftmaxKernels
import Testing

/// The in-place temperature scaling: the same answers whatever the logits' storage
/// (float32 or float64, C or Fortran order, vector or portable kernel), classes of
/// probability 0 (−∞) that change nothing, and the large-set fit checked against the
/// NLL's slope computed independently from SoftmaxCore's softmax.
@Suite(.serialized) struct TemperatureScalingSetTests {
    /// Seeded logits whose labels are drawn from softmax(z / 2), so T* is near 2.
    static func sample(rows: Int, classes: Int, seed: UInt64 = 11) -> (logits: [Double], labels: [Int]) {
        var generator = SeededGenerator(seed: seed)
        var logits: [Double] = []
        var labels: [Int] = []
        for _ in 0..<rows {
            let row = (0..<classes).map { _ in (generator.nextUniform() - 0.5) * 12 }
            let p = softmax(row, temperature: try! Temperature(2))
            var u = generator.nextUniform(), label = 0
            while label < classes - 1 && u >= p[label] { u -= p[label]; label += 1 }
            logits += row
            labels.append(label)
        }
        return (logits, labels)
    }

    static func fit(_ values: [Double], rows: Int, columns: Int, labels: [Int]) throws -> (TemperatureFit, CalibrationReport) {
        try values.withUnsafeBufferPointer { buffer in
            let set = try TemperatureScalingSet(logits: LogitView(doubles: buffer, rows: rows, columns: columns), labels: labels)
            let fit = TemperatureFit.fit(set)
            return (fit, set.report(at: try Temperature(#require(fit.temperature))))
        }
    }

    @Test func floatLogitsGiveWhatTheirDoubleValuesGive() throws {
        let (logits, labels) = Self.sample(rows: 400, classes: 7)
        let floats = logits.map { Float($0) }
        let widened = floats.map { Double($0) }
        let (expectedFit, expected) = try Self.fit(widened, rows: 400, columns: 7, labels: labels)
        let npy = NpyFile.float32(floats, rows: 400, columns: 7)
        try npy.withView { view in
            #expect(view.element == .float32)
            let set = try TemperatureScalingSet(logits: view, labels: labels)
            let fit = TemperatureFit.fit(set)
            #expect(fit == expectedFit)
            #expect(set.report(at: try Temperature(#require(fit.temperature))) == expected)
        }
    }

    @Test func fortranOrderGivesWhatCOrderGives() throws {
        let (logits, labels) = Self.sample(rows: 300, classes: 5)
        let (expectedFit, expected) = try Self.fit(logits, rows: 300, columns: 5, labels: labels)
        let columnMajor = (0..<5).flatMap { k in (0..<300).map { logits[$0 * 5 + k] } }
        try NpyFile.float64(columnMajor, rows: 300, columns: 5, fortranOrder: true).withView { view in
            #expect(view.columnStride == 300)
            let set = try TemperatureScalingSet(logits: view, labels: labels)
            let t = try #require(TemperatureFit.fit(set).temperature)
            // Strided rows take the portable loop, which sums in another order.
            #expect(isClose(t, try #require(expectedFit.temperature), relative: 1e-12))
            let report = set.report(at: try Temperature(t))
            #expect(isClose(report.meanNLL, expected.meanNLL, relative: 1e-12))
            #expect(isClose(report.expectedCalibrationError, expected.expectedCalibrationError, relative: 1e-9))
        }
    }

    @Test func thePortableKernelAgreesWithTheVectorOne() throws {
        let (logits, labels) = Self.sample(rows: 500, classes: 23)
        let (vectorFit, vector) = try Self.fit(logits, rows: 500, columns: 23, labels: labels)
        let previous = sk_active_isa()
        defer { _ = sk_use_isa(previous) }
        _ = sk_use_isa(SK_ISA_PORTABLE)
        let (portableFit, portable) = try Self.fit(logits, rows: 500, columns: 23, labels: labels)
        #expect(isClose(try #require(portableFit.temperature), try #require(vectorFit.temperature), relative: 1e-12))
        #expect(isClose(portable.meanNLL, vector.meanNLL, relative: 1e-12))
        #expect(isClose(portable.brierScore, vector.brierScore, relative: 1e-12))
    }

    /// A class of probability 0 (logit −∞) is as if it were not there, at T* and at T → 0.
    @Test func aClassOfProbabilityZeroChangesNothing() throws {
        let (logits, labels) = Self.sample(rows: 200, classes: 4)
        let (expectedFit, expected) = try Self.fit(logits, rows: 200, columns: 4, labels: labels)
        var widened: [Double] = []
        for row in 0..<200 {
            widened += logits[(row * 4)..<(row * 4 + 4)]
            widened.append(-.infinity)
        }
        let (fit, report) = try Self.fit(widened, rows: 200, columns: 5, labels: labels)
        #expect(isClose(try #require(fit.temperature), try #require(expectedFit.temperature), relative: 1e-12))
        #expect(isClose(report.meanNLL, expected.meanNLL, relative: 1e-12))
        #expect(isClose(report.brierScore, expected.brierScore, relative: 1e-12))
        #expect(report.accuracy == expected.accuracy)
    }

    @Test func aLabelOfProbabilityZeroOrARowWithoutMassIsRefusedByRow() throws {
        let labels = [0, 0, 0]
        let impossible: [Double] = [1, 2, -.infinity, 0, 3, 3]
        #expect(throws: TemperatureScalingError.labelImpossible(row: 1, label: 0)) {
            try impossible.withUnsafeBufferPointer {
                _ = try TemperatureScalingSet(logits: LogitView(doubles: $0, rows: 3, columns: 2), labels: labels)
            }
        }
        let empty: [Double] = [1, 2, 0, 0, -.infinity, -.infinity]
        #expect(throws: TemperatureScalingError.noClassPossible(row: 2)) {
            try empty.withUnsafeBufferPointer {
                _ = try TemperatureScalingSet(logits: LogitView(doubles: $0, rows: 3, columns: 2), labels: labels)
            }
        }
        #expect(TemperatureScalingError.labelImpossible(row: 1, label: 1).description.hasPrefix("row 2: label 1"))
    }

    @Test func aSubsetOfRowsIsTheSetOfThoseRows() throws {
        let (logits, labels) = Self.sample(rows: 300, classes: 6)
        let rows = Array(stride(from: 299, through: 0, by: -3))
        let picked = rows.flatMap { Array(logits[($0 * 6)..<($0 * 6 + 6)]) }
        let (expectedFit, expected) = try Self.fit(picked, rows: rows.count, columns: 6, labels: rows.map { labels[$0] })
        try logits.withUnsafeBufferPointer { buffer in
            let set = try TemperatureScalingSet(
                logits: LogitView(doubles: buffer, rows: 300, columns: 6), labels: labels, rows: rows)
            #expect(set.count == rows.count)
            let fit = TemperatureFit.fit(set)
            #expect(isClose(try #require(fit.temperature), try #require(expectedFit.temperature), relative: 1e-13))
            #expect(set.report(at: try Temperature(#require(fit.temperature))).meanNLL == expected.meanNLL)
        }
    }

    /// Above the subsample threshold the fit starts from every 16th example; its T* must
    /// still zero the NLL's slope, here computed from SoftmaxCore's softmax:
    /// dNLL/dβ = mean(E_p[z] − z_y) with p = softmax(z / T*).
    @Test func aLargeSetsFitZeroesTheSlope() throws {
        let rows = 20_000
        let (logits, labels) = Self.sample(rows: rows, classes: 10, seed: 5)
        let (fit, _) = try Self.fit(logits, rows: rows, columns: 10, labels: labels)
        let t = try #require(fit.temperature)
        var slope = 0.0
        for i in 0..<rows {
            let row = Array(logits[(i * 10)..<(i * 10 + 10)])
            let p = softmax(row, temperature: try Temperature(t))
            slope += zip(p, row).reduce(0) { $0 + $1.0 * $1.1 } - row[labels[i]]
        }
        // Each term is of order the logits' spread (12); summation leaves ~1e-13 of it.
        #expect(abs(slope / Double(rows)) < 1e-10, "slope \(slope / Double(rows)) at T* = \(t)")
        #expect(t > 1.8 && t < 2.2)
    }
}

/// A .npy file in memory, lent through `LogitFiles.withLogitView` from a scratch file.
struct NpyFile {
    let bytes: [UInt8]

    static func float32(_ values: [Float], rows: Int, columns: Int) -> NpyFile {
        NpyFile(descr: "<f4", rows: rows, columns: columns, fortranOrder: false,
                data: values.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * $0)) } })
    }

    static func float64(_ values: [Double], rows: Int, columns: Int, fortranOrder: Bool = false) -> NpyFile {
        NpyFile(descr: "<f8", rows: rows, columns: columns, fortranOrder: fortranOrder,
                data: values.flatMap { v in (0..<8).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * $0)) } })
    }

    init(descr: String, rows: Int, columns: Int, fortranOrder: Bool, data: [UInt8]) {
        var header = Array("{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': (\(rows), \(columns)), }".utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        bytes = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header + data
    }

    func withView(_ body: (LogitView) throws -> Void) throws {
        let path = NSTemporaryDirectory() + "softmax-lab-scaling-\(UUID().uuidString).npy"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try LogitFiles.withLogitView(path: path) { source in Result { try body(source.logits) } }
        try outcome.get()
    }
}
