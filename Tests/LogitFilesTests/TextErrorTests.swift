import Testing
@testable import LogitFiles

/// Text that is refused, and the one line that says where and why.
@Suite struct TextErrorTests {
    private func message(_ text: String, file: String = "bad.csv", labelColumn: Int? = nil) throws -> String {
        let error = try #require(refusal {
            try LogitFiles.readLogits(bytes: Array(text.utf8), file: file, labelColumn: labelColumn)
        })
        return error.description
    }

    @Test func aShortRowIsRagged() throws {
        #expect(try message("a,b,c,d\n1,2,3,4\n5,6,7\n")
            == "bad.csv: line 3, column 4: ragged row: 3 columns where line 1 has 4")
    }

    @Test func aLongRowIsRaggedAtItsFirstExtraColumn() throws {
        #expect(try message("1,2\n3,4\n5,6,7,8\n")
            == "bad.csv: line 3, column 3: ragged row: 4 columns where line 1 has 2")
    }

    @Test func aFirstRowUnlikeTheHeaderIsRagged() throws {
        #expect(try message("a\tb\tc\n1\t2\n", file: "bad.tsv")
            == "bad.tsv: line 2, column 3: ragged row: 2 columns where line 1 has 3")
    }

    @Test(arguments: ["nan", "NaN", "inf", "-Infinity", "1e400"])
    func aNonFiniteCellIsRefusedAtItsLineAndColumn(cell: String) throws {
        #expect(try message("1,2,3\r\n4,5,\(cell)\r\n")
            == "bad.csv: line 2, column 3: '\(cell)' is not a finite number; logits must be finite")
    }

    @Test func aWordInARowIsNotANumber() throws {
        #expect(try message("1 2\n3 x4\n", file: "w.txt") == "w.txt: line 2, column 2: 'x4' is not a number")
    }

    @Test func anEmptyCellIsNamedAsEmpty() throws {
        #expect(try message("1,,3\n") == "bad.csv: line 1, column 2: empty cell; expected a number")
    }

    /// Only the first line may be a header; words further down are errors, not names.
    @Test func aHeaderAfterTheFirstLineIsNotANumber() throws {
        #expect(try message("1,2\nx,y\n") == "bad.csv: line 2, column 1: 'x' is not a number")
    }

    /// A first line with some numbers is a row, and its words are errors.
    @Test func aFirstLineMixingWordsAndNumbersIsARow() throws {
        #expect(try message("a,2\n1,2\n") == "bad.csv: line 1, column 1: 'a' is not a number")
    }

    @Test(arguments: ["", "\u{FEFF}", "\n\n", "  \r\n\t\n"])
    func aFileWithoutTextIsEmpty(text: String) throws {
        #expect(try message(text) == "bad.csv: the file is empty")
    }

    @Test func aHeaderAloneHasNoRows() throws {
        #expect(try message("a,b\n\n") == "bad.csv: line 1: a header line but no rows")
    }

    @Test func aBlankLineBetweenRowsIsRefused() throws {
        #expect(try message("1,2\n\n3,4\n")
            == "bad.csv: line 2: blank line between rows; only trailing lines may be blank")
    }

    @Test func aBlankFirstLineIsRefusedToo() throws {
        #expect(try message("\n1,2\n") == "bad.csv: line 1: blank line between rows; only trailing lines may be blank")
    }

    /// Every message of this suite's kinds is a single line beginning with the file.
    @Test(arguments: ["1,2\n3\n", "x\n", "1,nan\n", "\n1\n", "1,2,\n"])
    func messagesAreOneLineNamingTheFile(text: String) throws {
        let line = try message(text, file: "f.csv")
        #expect(line.hasPrefix("f.csv: ") && !line.contains("\n"))
    }
}
