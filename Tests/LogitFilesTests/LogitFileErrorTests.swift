import Testing
@testable import LogitFiles

/// Messages are one line that a terminal prints as it is: text from a file is escaped
/// and shortened, and every kind of problem reads as a sentence after the place.
@Suite struct LogitFileErrorTests {
    private func message(_ text: String, file: String = "bad.csv") throws -> String {
        let error = try #require(refusal {
            try LogitFiles.readLogits(bytes: Array(text.utf8), file: file)
        })
        return error.description
    }

    /// A hostile cell or file name cannot break the message's line or drive the terminal.
    @Test func controlCharactersAreEscapedInMessages() throws {
        let text = try message("1,2\n3,\u{1B}[2J\u{2028}x\r4\n", file: "evil\nname.csv")
        #expect(text == #"evil\u{a}name.csv: line 2, column 2: '\u{1b}[2J\u{2028}x\u{d}4' is not a number"#)
        #expect(!text.contains("\n") && !text.contains("\u{1B}"))
    }

    @Test func aLongCellIsShortenedInTheMessage() throws {
        let text = try message("1,\(String(repeating: "9", count: 100))x\n")
        #expect(text == "bad.csv: line 1, column 2: '\(String(repeating: "9", count: 40))…' is not a number")
    }

    /// Bytes that are not UTF-8 are shown as replacement characters, not passed through.
    @Test func invalidUtf8IsReplacedInMessages() throws {
        let error = try #require(refusal {
            try LogitFiles.readLogits(bytes: [0x31, 0x0A, 0xFF, 0xFE, 0x0A], file: "b.csv")
        })
        #expect(error.description == "b.csv: line 2, column 1: '\u{FFFD}\u{FFFD}' is not a number")
    }

    @Test(arguments: [
        LogitFileError.Problem.cannotRead(reason: "Permission denied"), .empty, .headerWithoutRows, .blankLine,
        .notANumber(text: "x"), .notANumber(text: ""), .notFinite(text: "nan"),
        .raggedRow(columns: 1, expected: 2, firstRowLine: 1), .notAnInteger(text: "2.5"), .labelTooLarge(text: "1"),
        .labelOutOfRange(label: 3, classCount: 0), .labelCountMismatch(labels: 1, rows: 2, logitsFile: "a\nb"),
        .labelColumnOutOfRange(labelColumn: 9, columns: 1), .noLogitColumns, .malformedHeader(reason: "r"),
        .unsupportedDtype(descr: "<c16\n", supported: ["<f8"]), .unsupportedShape(shape: [], reason: "r"),
        .truncatedData(shape: [1], descr: "<f8", needed: nil, available: 0),
        .extraData(shape: [2, 3], descr: "<f4", needed: 24, available: 25),
    ])
    func everyProblemIsOneLineAfterItsPlace(problem: LogitFileError.Problem) {
        for location in [LogitFileError.Location.wholeFile, .line(3, column: 2), .row(4, column: nil)] {
            let text = LogitFileError(file: "f", location: location, problem: problem).description
            #expect(text.hasPrefix("f: ") && !text.contains(where: \.isNewline), "\(text)")
        }
    }

    @Test func placesReadAsLinesOrRowsWithTheirColumns() {
        let problem = LogitFileError.Problem.blankLine
        #expect(LogitFileError(file: "f", location: .line(3, column: 2), problem: problem).description
            == "f: line 3, column 2: blank line between rows; only trailing lines may be blank")
        #expect(LogitFileError(file: "f", location: .row(4, column: nil), problem: problem).description
            == "f: row 4: blank line between rows; only trailing lines may be blank")
    }

    @Test func shapesReadAsPythonTuples() {
        #expect(LogitFileError.Problem.shapeText([]) == "()")
        #expect(LogitFileError.Problem.shapeText([5]) == "(5,)")
        #expect(LogitFileError.Problem.shapeText([3, 4]) == "(3, 4)")
    }
}
