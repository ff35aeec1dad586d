import Testing
@testable import LogitFiles

/// Logits read from text as numpy and pandas write it: every value equal to what numpy
/// held, whatever the separator, header, byte-order mark or line ends.
@Suite struct TextReaderTests {
    static let float64Fixtures: [(file: String, format: LogitFileFormat?)] = [
        ("logits_plain.csv", nil),
        ("logits_bom_header_crlf.csv", nil),
        ("logits_header.tsv", nil),
        ("logits_savetxt.txt", nil),
        ("logits_aligned.txt", nil),
        ("logits_aligned.txt", .whitespace),
        ("logits_plain.csv", .automatic),
    ]

    /// Exact equality: shortest round-trip decimals and numpy's 19-digit '%.18e' both
    /// name one double, which the reader must find.
    @Test(arguments: float64Fixtures)
    func float64TextEqualsWhatNumpyHeld(file: String, format: LogitFileFormat?) throws {
        let read: LogitFile
        if let format {
            read = try LogitFiles.readLogits(bytes: try Fixtures.bytes(file), file: file, format: format)
        } else {
            read = try LogitFiles.readLogits(path: Fixtures.path(file))
        }
        let truth = try Fixtures.expectedMatrix("logits_f8.expected")
        #expect(read.logits.rows == truth.rows && read.logits.columns == truth.columns)
        #expect(sameBits(read.logits.values, truth.values))
    }

    @Test func float32ValuesWrittenAsDoublesAreWidenedExactly() throws {
        let read = try LogitFiles.readLogits(path: Fixtures.path("logits_f4.csv"))
        #expect(sameBits(read.logits.values, try Fixtures.expectedMatrix("logits_f4.expected").values))
    }

    @Test func aHeaderIsSkippedAndItsNamesKept() throws {
        for file in ["logits_bom_header_crlf.csv", "logits_header.tsv"] {
            let read = try LogitFiles.readLogits(path: Fixtures.path(file))
            #expect(read.columnNames == ["class_0", "class_1", "class_2", "class_3"], "\(file)")
        }
        #expect(try LogitFiles.readLogits(path: Fixtures.path("logits_plain.csv")).columnNames == nil)
    }

    @Test func standardInputIsTheCallersBytes() throws {
        let read = try LogitFiles.readLogits(path: "-", standardInput: { Array("0.5\t-1\n2\t3\n".utf8) })
        #expect(read.file == "standard input")
        #expect(read.logits == LogitMatrix(rows: 2, columns: 2, values: [0.5, -1, 2, 3]))
    }

    @Test(arguments: [
        ("a.csv", LogitFileFormat.csv), ("A.TSV", .tsv), ("x/y.npy", .npy), ("l.txt", .automatic),
        ("-", .automatic), (".csv", .automatic), ("dir.csv/file", .automatic),
    ])
    func theFormatFollowsTheExtension(path: String, format: LogitFileFormat) {
        #expect(LogitFileFormat(path: path) == format)
    }

    /// A forced format is obeyed: a whitespace file read as CSV has one cell per line.
    @Test func aForcedCsvFormatDoesNotSplitAtSpaces() throws {
        let error = try #require(refusal {
            try LogitFiles.readLogits(bytes: Array("1\n2 3\n".utf8), file: "w.csv", format: .csv)
        })
        #expect(error.description == "w.csv: line 2, column 1: '2 3' is not a number")
    }

    @Test func cellsMayBePaddedWithSpaces() throws {
        let read = try LogitFiles.readLogits(bytes: Array(" 1 , 2\t,3 \n".utf8), file: "p.csv", format: .csv)
        #expect(read.logits.values == [1, 2, 3])
    }

    // MARK: Label columns

    @Test(arguments: [-1, 4])
    func theLastColumnTakenAsLabels(labelColumn: Int) throws {
        let read = try LogitFiles.readLogits(path: Fixtures.path("logits_labels_last.csv"), labelColumn: labelColumn)
        #expect(sameBits(read.logits.values, try Fixtures.expectedMatrix("logits_f8.expected").values))
        let labels = try #require(read.labels)
        #expect(labels.values == (try Fixtures.expectedLabels()))
        // Line 1 is the header; label i is on line i + 2, in the fifth column.
        #expect(labels.firstLine == 2 && labels.column == 5)
        #expect(read.columnNames == ["class_0", "class_1", "class_2", "class_3"])
        #expect(read.labelColumnName == "label")
    }

    @Test func aMiddleLabelColumnLeavesTheOthersInOrder() throws {
        let read = try LogitFiles.readLogits(bytes: Array("0.5 2 -1\n1.5 0 7\n".utf8), file: "m.txt", labelColumn: -2)
        #expect(read.logits == LogitMatrix(rows: 2, columns: 2, values: [0.5, -1, 1.5, 7]))
        #expect(read.labels == LabelList(values: [2, 0], file: "m.txt", firstLine: 1, column: 2))
    }

    @Test(arguments: [3, -4])
    func aLabelColumnOutsideTheRowIsRefused(labelColumn: Int) throws {
        let error = try #require(refusal {
            try LogitFiles.readLogits(bytes: Array("1,2,3\n".utf8), file: "m.csv", labelColumn: labelColumn)
        })
        #expect(error.description == "m.csv: line 1: label column \(labelColumn) does not exist in 3 columns (0 is the first, -1 the last)")
    }

    @Test func aLabelColumnThatIsTheOnlyColumnLeavesNoLogits() throws {
        let error = try #require(refusal {
            try LogitFiles.readLogits(bytes: Array("1\n2\n".utf8), file: "one.csv", labelColumn: 0)
        })
        #expect(error.description == "one.csv: line 1: the label column is the only column; no logits are left")
    }
}
