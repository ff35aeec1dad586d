import Testing
@testable import LogitFiles

/// Labels from text, one per line, and the checks against the logits: the class count
/// and the number of rows.
@Suite struct LabelTests {
    @Test(arguments: ["labels_header.txt", "labels_savetxt.txt"])
    func textLabelsEqualWhatNumpyHeld(file: String) throws {
        let labels = try LogitFiles.readLabels(path: Fixtures.path(file))
        #expect(labels.values == (try Fixtures.expectedLabels()))
    }

    @Test func aHeaderLineMovesTheFirstLabelToLineTwo() throws {
        let labels = try LogitFiles.readLabels(path: Fixtures.path("labels_header.txt"))
        #expect(labels.firstLine == 2 && labels.column == nil)
    }

    @Test func standardInputLabels() throws {
        let labels = try LogitFiles.readLabels(path: "-", standardInput: { Array("\u{FEFF}1\r\n0\r\n".utf8) })
        #expect(labels == LabelList(values: [1, 0], file: "standard input", firstLine: 1))
    }

    @Test(arguments: ["2.5", "two", "1e-3", "nan", "inf", "1 2", "3,4", "9007199254740994"])
    func aCellThatIsNotAnIntegerIsRefusedAtItsLine(cell: String) throws {
        let error = try #require(refusal {
            try LogitFiles.readLabels(bytes: Array("0\n\(cell)\n1\n".utf8), file: "labels.txt")
        })
        #expect(error.description == "labels.txt: line 2: '\(cell)' is not an integer label")
    }

    /// A file of words on its first line only is a header with no labels under it.
    @Test func aWordAloneIsAHeaderWithoutRows() throws {
        let error = try #require(refusal { try LogitFiles.readLabels(bytes: Array("label\n".utf8), file: "l.txt") })
        #expect(error.description == "l.txt: line 1: a header line but no rows")
    }

    @Test func anEmptyLabelFileIsEmpty() throws {
        let error = try #require(refusal { try LogitFiles.readLabels(bytes: [], file: "l.txt") })
        #expect(error.description == "l.txt: the file is empty")
        let npy = try #require(refusal { try LogitFiles.readLabels(bytes: [], file: "l.npy", format: .npy) })
        #expect(npy.description == "l.npy: the file is empty")
    }

    @Test func aLabelColumnOfFractionsIsRefusedAtItsLineAndColumn() throws {
        let error = try #require(refusal {
            try LogitFiles.readLogits(bytes: Array("a,b,y\n1,2,0\n3,4,2.5\n".utf8), file: "m.csv", labelColumn: -1)
        })
        #expect(error.description == "m.csv: line 3, column 3: '2.5' is not an integer label")
    }

    // MARK: Validation against the class count

    @Test func labelTenOfTenClassesIsOutOfRangeInATextFile() throws {
        let labels = try LogitFiles.readLabels(bytes: Array("y\n3\n10\n".utf8), file: "labels.txt")
        let error = try #require(refusal { try LogitFiles.validate(labels, classCount: 10) })
        #expect(error.description == "labels.txt: line 3: label 10 is out of range for 10 classes (0 to 9)")
    }

    @Test func anOutOfRangeLabelInALogitsColumnNamesItsLineAndColumn() throws {
        let read = try LogitFiles.readLogits(bytes: Array("1,2,0\n3,4,1\n5,6,2\n".utf8), file: "m.csv", labelColumn: 2)
        let error = try #require(refusal { try LogitFiles.validate(read.labels!, classCount: 2) })
        #expect(error.description == "m.csv: line 3, column 3: label 2 is out of range for 2 classes (0 to 1)")
    }

    @Test func anOutOfRangeLabelInANpyNamesItsRow() throws {
        let labels = try LogitFiles.readLabels(path: Fixtures.path("labels_u2.npy"))
        let error = try #require(refusal { try LogitFiles.validate(labels, classCount: 3) })
        // The fixture's labels are 0 3 1 2 3 0: the 3 in row 2 is the first outside 0...2.
        #expect(error.description == "\(Fixtures.path("labels_u2.npy")): row 2: label 3 is out of range for 3 classes (0 to 2)")
    }

    @Test func aNegativeLabelIsOutOfRange() throws {
        let error = try #require(refusal {
            try LogitFiles.validate(LabelList(values: [0, -1], file: "l"), classCount: 1)
        })
        #expect(error.description == "l: row 2: label -1 is out of range for 1 class (0 to 0)")
    }

    @Test func labelsWithinTheClassCountPass() throws {
        let labels = try LogitFiles.readLabels(path: Fixtures.path("labels_i1.npy"))
        try LogitFiles.validate(labels, classCount: 4)
    }

    // MARK: The count against the rows

    @Test func aLabelCountUnlikeTheRowCountIsRefused() throws {
        let logits = try LogitFiles.readLogits(path: Fixtures.path("logits_plain.csv"))
        let labels = try LogitFiles.readLabels(bytes: Array("0\n1\n2\n3\n4\n".utf8), file: "labels.txt")
        let error = try #require(refusal { try LogitFiles.checkCount(of: labels, matches: logits) })
        #expect(error.description == "labels.txt: 5 labels, but \(Fixtures.path("logits_plain.csv")) has 6 rows")
    }

    @Test func aMatchingCountPasses() throws {
        let logits = try LogitFiles.readLogits(path: Fixtures.path("logits_f8_c.npy"))
        let labels = try LogitFiles.readLabels(path: Fixtures.path("labels_i8.npy"))
        try LogitFiles.checkCount(of: labels, matches: logits)
    }
}
