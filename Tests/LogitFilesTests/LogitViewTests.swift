import Foundation
@testable import LogitFiles
import Testing

/// `withLogitView`: a little-endian float .npy is lent in place (its own precision and
/// order, the same values `readLogits` gives), anything else from a copy; non-finite
/// values are placed by row and column; probabilities are told apart and their logs taken.
@Suite struct LogitViewTests {
    static func floatBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * $0)) } }
    }

    /// Every value of the view, row-major.
    static func values(_ view: LogitView) -> [Double] {
        (0..<view.rows).flatMap { r in (0..<view.columns).map { view.value(row: r, column: $0) } }
    }

    static func lend(_ name: String, _ bytes: [UInt8], labelColumn: Int? = nil) throws -> (LogitView.Element, [Double], Int) {
        let path = try temporaryFile(named: name, bytes)
        defer { removeTemporaryFile(path) }
        return try LogitFiles.withLogitView(path: path, labelColumn: labelColumn) {
            ($0.logits.element, Self.values($0.logits), $0.logits.columnStride)
        }
    }

    @Test func aFloat32FileIsLentInPlaceInEitherOrder() throws {
        let values: [Float] = [0.1, -2.5, 3, 1e-3, 7, -0.75]
        let c = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data: Self.floatBytes(values))
        let (element, lent, stride) = try Self.lend("c.npy", c)
        #expect(element == .float32 && stride == 1)
        #expect(lent == values.map(Double.init))
        let columnMajor: [Float] = [0.1, 1e-3, -2.5, 7, 3, -0.75]
        let f = npyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", data: Self.floatBytes(columnMajor))
        let (fElement, fLent, fStride) = try Self.lend("f.npy", f)
        #expect(fElement == .float32 && fStride == 2)
        #expect(fLent == values.map(Double.init))
        // What readLogits gives from the same bytes.
        let read = try LogitFiles.readLogits(bytes: f, file: "f.npy")
        #expect(read.logits.values == fLent)
    }

    @Test func bigEndianAndLabelColumnsAreLentFromACopy() throws {
        let big = npyBytes("{'descr': '>f8', 'fortran_order': False, 'shape': (1, 2), }",
                           data: [1.5, -4.0].flatMap { v in (0..<8).reversed().map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * $0)) } })
        let (element, lent, _) = try Self.lend("big.npy", big)
        #expect(element == .float64 && lent == [1.5, -4])
        let labelled = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                                data: littleEndianBytes([1, 2, 0, 3, 4, 1]))
        let (_, withoutLabels, _) = try Self.lend("l.npy", labelled, labelColumn: -1)
        #expect(withoutLabels == [1, 2, 3, 4])
    }

    /// Found in storage order, placed by row and column as the file's reader would.
    @Test(arguments: [false, true])
    func aNonFiniteValueIsPlacedByRowAndColumn(fortranOrder: Bool) throws {
        var values: [Float] = [1, 2, 3, 4, 5, 6]
        // Row 2, column 1 (1-based) in either layout.
        values[fortranOrder ? 1 : 3] = .nan
        let bytes = npyBytes("{'descr': '<f4', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': (2, 3), }",
                             data: Self.floatBytes(values))
        let error = refusal { try Self.lend("nan.npy", bytes) }
        #expect(error?.location == .row(2, column: 1))
        #expect(error?.description.contains("'nan' is not a finite number") == true)
    }

    @Test func float32ProbabilitiesOverAThousandClassesLookLikeProbabilities() throws {
        var row = [Float](repeating: 1 / 1000, count: 1000)
        row[0] = 1 - row[1...].reduce(0, +)
        let bytes = Self.floatBytes(row + row)
        let path = try temporaryFile(named: "p.npy", npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1000), }", data: bytes))
        defer { removeTemporaryFile(path) }
        let looks = try LogitFiles.withLogitView(path: path) { $0.logits.looksLikeProbabilities() }
        #expect(looks)
        let logits: [Double] = [0.2, 0.8, 1.5, -0.5]
        let notProbabilities = logits.withUnsafeBufferPointer {
            LogitView(doubles: $0, rows: 2, columns: 2).looksLikeProbabilities()
        }
        #expect(!notProbabilities)
    }

    @Test func theLogOfProbabilitiesKeepsZeroAsMinusInfinityAndRefusesTheRest() throws {
        let good: [Double] = [0.25, 0.75, 0, 1]
        let logs = try good.withUnsafeBufferPointer {
            try LogitView(doubles: $0, rows: 2, columns: 2).logProbabilities(file: "p.csv")
        }
        #expect(logs == [log(0.25), log(0.75), -.infinity, 0])
        let bad: [Double] = [0.25, 0.75, 1.5, -0.5]
        let error = refusal {
            try bad.withUnsafeBufferPointer { try LogitView(doubles: $0, rows: 2, columns: 2).logProbabilities(file: "p.csv") }
        }
        #expect(error?.description == "p.csv: row 2, column 1: '1.5' is not a probability (outside [0, 1])")
    }
}
