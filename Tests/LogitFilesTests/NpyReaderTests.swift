import Testing
@testable import LogitFiles

/// Logits and labels read from the .npy files numpy wrote: every value as numpy held it,
/// and every refusal of data that does not match its header.
@Suite struct NpyReaderTests {
    /// Each fixture and the .expected file of what numpy held.
    static let logitFixtures: [(file: String, expected: String)] = [
        ("logits_f8_c.npy", "logits_f8.expected"),
        ("logits_f8_fortran.npy", "logits_f8.expected"),
        ("logits_f8_big_endian.npy", "logits_f8.expected"),
        ("logits_f8_v2.npy", "logits_f8.expected"),
        ("logits_f4_c.npy", "logits_f4.expected"),
        ("logits_f4_fortran.npy", "logits_f4.expected"),
        ("logits_f4_big_endian.npy", "logits_f4.expected"),
        ("logits_f4_fortran_v3.npy", "logits_f4.expected"),
        ("logits_f8_1d.npy", "logits_f8_1d.expected"),
    ]

    @Test(arguments: logitFixtures)
    func logitsEqualWhatNumpyWroteBitForBit(file: String, expected: String) throws {
        let read = try LogitFiles.readLogits(path: Fixtures.path(file))
        let truth = try Fixtures.expectedMatrix(expected)
        #expect(read.logits.rows == truth.rows)
        #expect(read.logits.columns == truth.columns)
        #expect(sameBits(read.logits.values, truth.values))
        #expect(read.labels == nil && read.columnNames == nil)
    }

    @Test func aOneDimensionalArrayIsOneRow() throws {
        let read = try LogitFiles.readLogits(path: Fixtures.path("logits_f8_1d.npy"))
        #expect(read.logits.rows == 1 && read.logits.columns == 4)
        #expect(Array(read.logits.row(0)) == read.logits.values)
    }

    /// Standard input is recognised by numpy's magic, whatever the caller calls it.
    @Test func standardInputIsReadAsNpyByItsMagic() throws {
        let bytes = try Fixtures.bytes("logits_f4_fortran.npy")
        let read = try LogitFiles.readLogits(path: "-", standardInput: { bytes })
        #expect(read.file == "standard input")
        #expect(sameBits(read.logits.values, try Fixtures.expectedMatrix("logits_f4.expected").values))
    }

    @Test(arguments: ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "i4_big_endian"])
    func labelsOfEveryIntegerDtype(dtype: String) throws {
        let labels = try LogitFiles.readLabels(path: Fixtures.path("labels_\(dtype).npy"))
        #expect(labels.values == (try Fixtures.expectedLabels()))
        #expect(labels.firstLine == nil)
    }

    /// Byte-order marks numpy does not write but people do: '<' on one byte, '=' for
    /// this machine's order, and '>' on two bytes.
    @Test(arguments: [("<i1", [UInt8]([2, 0])), ("=i2", [2, 0, 0, 0]), (">u2", [0, 2, 0, 0])])
    func otherByteOrderMarksAreRead(descr: String, data: [UInt8]) throws {
        let bytes = npyBytes("{'descr': '\(descr)', 'fortran_order': False, 'shape': (2,), }", data: data)
        #expect(try LogitFiles.readLabels(bytes: bytes, file: "l.npy").values == [2, 0])
    }

    /// Negative labels survive sign extension, so that validation can name them.
    @Test func negativeLabelsAreSignExtended() throws {
        let bytes = npyBytes("{'descr': '|i1', 'fortran_order': False, 'shape': (3,), }", data: [0xFF, 0x80, 0x7F])
        let labels = try LogitFiles.readLabels(bytes: bytes, file: "l.npy")
        #expect(labels.values == [-1, -128, 127])
    }

    @Test func anUnsignedLabelBeyondIntIsRefusedAtItsRow() throws {
        let data: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0xFF, count: 8)
        let bytes = npyBytes("{'descr': '<u8', 'fortran_order': False, 'shape': (2,), }", data: data)
        let error = try #require(refusal { try LogitFiles.readLabels(bytes: bytes, file: "l.npy") })
        #expect(error.description == "l.npy: row 2: label 18446744073709551615 is too large")
    }

    // MARK: Data that does not match the header

    /// A header may claim any shape; the size is multiplied out with overflow checks and
    /// compared with the file before anything is allocated.
    @Test func aHeaderClaimingATrillionRowsIsRefusedBeforeAllocating() throws {
        let bytes = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000, 1000), }",
                             data: littleEndianBytes([1, 2]))
        let error = try #require(refusal { try LogitFiles.readLogits(bytes: bytes, file: "huge.npy") })
        #expect(error.description == "huge.npy: truncated: shape (1000000000000, 1000) of <f8"
            + " needs 8000000000000000 bytes of data, but only 16 follow the header")
    }

    @Test func aShapeWhoseByteCountOverflowsIsRefused() throws {
        let bytes = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }")
        let error = try #require(refusal { try LogitFiles.readLogits(bytes: bytes, file: "o.npy") })
        #expect(error.problem == .truncatedData(shape: [4611686018427387904, 4], descr: "<f8", needed: nil, available: 0))
        #expect(error.description.contains("more bytes than can be counted"))
    }

    @Test func aFileCutInTheMiddleOfTheDataIsTruncated() throws {
        let whole = try Fixtures.bytes("logits_f8_c.npy")
        let path = try temporaryFile(named: "cut.npy", Array(whole[..<(whole.count - 100)]))
        defer { removeTemporaryFile(path) }
        let error = try #require(refusal { try LogitFiles.readLogits(path: path) })
        #expect(error.description == "\(path): truncated: shape (6, 4) of <f8 needs 192 bytes of data,"
            + " but only 92 follow the header")
    }

    @Test func bytesBeyondTheShapeAreRefused() throws {
        let whole = try Fixtures.bytes("logits_f4_c.npy") + [0, 0, 0, 0]
        let error = try #require(refusal { try LogitFiles.readLogits(bytes: whole, file: "long.npy") })
        #expect(error.description == "long.npy: shape (6, 4) of <f4 needs 96 bytes of data, but 100 follow the header")
    }

    @Test func aComplexDtypeIsUnsupported() throws {
        let bytes = npyBytes("{'descr': '<c16', 'fortran_order': False, 'shape': (2, 2), }", data: [UInt8](repeating: 0, count: 64))
        let error = try #require(refusal { try LogitFiles.readLogits(bytes: bytes, file: "c.npy") })
        #expect(error.description == "c.npy: unsupported dtype '<c16'; supported: <f4, <f8, >f4, >f8")
    }

    @Test func floatLabelsAreAnUnsupportedDtype() throws {
        let error = try #require(refusal { try LogitFiles.readLabels(path: Fixtures.path("logits_f8_1d.npy")) })
        #expect(error.problem == .unsupportedDtype(descr: "<f8", supported: NpyDtype.labelTypes))
    }

    @Test func integerLogitsAreAnUnsupportedDtype() throws {
        let error = try #require(refusal { try LogitFiles.readLogits(path: Fixtures.path("labels_i8.npy")) })
        #expect(error.problem == .unsupportedDtype(descr: "<i8", supported: NpyDtype.logitTypes))
    }

    @Test(arguments: [
        ("()", "logits must be 1-D (one row) or 2-D (rows, classes)"),
        ("(2, 2, 2)", "logits must be 1-D (one row) or 2-D (rows, classes)"),
        ("(0, 5)", "it holds no logits"),
        ("(5, 0)", "it holds no logits"),
    ])
    func shapesWithoutAMatrixOfLogitsAreRefused(shape: String, reason: String) throws {
        // The shape is judged before the data, so none is needed.
        let bytes = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }")
        let error = try #require(refusal { try LogitFiles.readLogits(bytes: bytes, file: "s.npy") })
        #expect(error.description == "s.npy: shape \(shape) is not supported; \(reason)")
    }

    @Test func twoDimensionalLabelsAreRefused() throws {
        let bytes = npyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 1), }", data: [UInt8](repeating: 0, count: 8))
        let error = try #require(refusal { try LogitFiles.readLabels(bytes: bytes, file: "l.npy") })
        #expect(error.description == "l.npy: shape (1, 1) is not supported; labels must be 1-D")
    }

    @Test(arguments: [(Double.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf")])
    func aNonFiniteLogitIsRefusedAtItsRowAndColumn(value: Double, name: String) throws {
        let bytes = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                             data: littleEndianBytes([0, 1, 2, 3, value, 5]))
        let error = try #require(refusal { try LogitFiles.readLogits(bytes: bytes, file: "n.npy") })
        #expect(error.description == "n.npy: row 2, column 2: '\(name)' is not a finite number; logits must be finite")
    }

    /// In Fortran order the stored sequence runs down columns; the row and column named
    /// are still the array's.
    @Test func aNonFiniteLogitInFortranOrderIsPlacedByTheArraysIndices() throws {
        let bytes = npyBytes("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
                             data: littleEndianBytes([0, 1, 2, .nan, 4, 5]))
        let error = try #require(refusal { try LogitFiles.readLogits(bytes: bytes, file: "f.npy") })
        #expect(error.location == .row(2, column: 2))
    }

    // MARK: A label column in a .npy

    @Test func aLabelColumnIsTakenOutOfAFloatMatrix() throws {
        let bytes = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                             data: littleEndianBytes([0.5, 2, -1, 1.5, 0, 7]))
        let read = try LogitFiles.readLogits(bytes: bytes, file: "m.npy", labelColumn: 1)
        #expect(read.logits == LogitMatrix(rows: 2, columns: 2, values: [0.5, -1, 1.5, 7]))
        #expect(read.labels == LabelList(values: [2, 0], file: "m.npy", column: 2))
    }

    @Test func aFractionalLabelInANpyColumnIsRefused() throws {
        let bytes = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
                             data: littleEndianBytes([0.5, 2, -1, 2.5]))
        let error = try #require(refusal { try LogitFiles.readLogits(bytes: bytes, file: "m.npy", labelColumn: -1) })
        #expect(error.description == "m.npy: row 2, column 2: '2.5' is not an integer label")
    }

    /// After the label column is taken out, a NaN is still named by its column in the file.
    @Test func aNonFiniteLogitRightOfTheLabelColumnKeepsItsFileColumn() throws {
        let bytes = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3), }",
                             data: littleEndianBytes([1, 0, .nan]))
        let error = try #require(refusal { try LogitFiles.readLogits(bytes: bytes, file: "m.npy", labelColumn: 0) })
        #expect(error.location == .row(1, column: 3))
    }
}
