import Foundation
import Testing
@testable import LogitFiles

/// Files as they arrive from other programs and from people who mean harm: byte-order
/// marks, NUL bytes, lines of ten megabytes, CRLF, mixed separators, shapes claimed and
/// not delivered, bodies cut short. Each gets a result or one line naming the file and
/// the place, and none makes a reader allocate what the file only claims.
@Suite struct HostileInputTests {
    static let tenMegabytes = 10 << 20

    private func logits(_ bytes: [UInt8], file: String = "h.csv", format: LogitFileFormat = .automatic,
                        labelColumn: Int? = nil) throws(LogitFileError) -> LogitFile {
        try LogitFiles.readLogits(bytes: bytes, file: file, format: format, labelColumn: labelColumn)
    }

    private func message(_ bytes: [UInt8], file: String = "h.csv", format: LogitFileFormat = .automatic) throws -> String {
        let error = try #require(refusal { try logits(bytes, file: file, format: format) })
        #expect(!error.description.contains { $0.isNewline })
        return error.description
    }

    // MARK: UTF-8 byte-order marks

    @Test func aByteOrderMarkBeforeAHeaderIsNotPartOfItsFirstName() throws {
        let read = try logits([0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8))
        #expect(read.columnNames == ["a", "b"])
        #expect(read.logits.values == [1, 2])
    }

    @Test func aByteOrderMarkBeforeLabelsIsSkipped() throws {
        let labels = try LogitFiles.readLabels(bytes: [0xEF, 0xBB, 0xBF] + Array("2\n0\n".utf8), file: "l.txt")
        #expect(labels.values == [2, 0])
    }

    /// Only the start of a file may hold one; a second, as where two files were joined,
    /// is a cell that is not a number.
    @Test func aByteOrderMarkInsideTheFileIsNotANumber() throws {
        #expect(try message(Array("1,2\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("3,4\n".utf8))
            == "h.csv: line 2, column 1: '\u{FEFF}3' is not a number")
    }

    @Test func aByteOrderMarkBeforeLogprobsJSONIsSkipped() throws {
        let json = #"{"logprobs": [{"token": "a", "logprob": -0.5}]}"#
        let read = try TokenLogprobs.parse([0xEF, 0xBB, 0xBF] + Array(json.utf8))
        #expect(read.positions.map(\.token) == ["a"])
    }

    // MARK: NUL bytes

    /// A NUL is a byte like any other to the reader, and is spelled out in the message
    /// rather than cutting it short (as it would a C string).
    @Test func aNulInACellIsNamedNotPrinted() throws {
        #expect(try message(Array("1,2\n3,4".utf8) + [0] + Array(",5\n".utf8))
            == "h.csv: line 2, column 2: '4\\u{0}' is not a number")
    }

    /// A line with control bytes is no header, so a file of zeros is refused as data.
    @Test func aFileOfNulsIsNotANumberAtItsFirstCell() throws {
        #expect(try message([UInt8](repeating: 0, count: 4096))
            == "h.csv: line 1, column 1: '\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}"
            + "\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}"
            + "\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}\\u{0}…' is not a number")
    }

    @Test func aNulInTheNpyHeaderIsNamedByNumber() throws {
        let bytes = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1,\u{0}), }", data: littleEndianBytes([1]))
        let error = try #require(refusal { try logits(bytes, file: "n.npy") })
        #expect(error.description.hasPrefix("n.npy: malformed .npy header: byte 0 at byte "))
    }

    @Test func aNulInLogprobsJSONIsRefusedInOneLine() throws {
        let error = try #require(logprobsRefusal(Array(#"{"logprobs": [{"token": "a"#.utf8) + [0] + Array(#""}]}"#.utf8)))
        #expect(error.description.hasPrefix("not JSON (control character in a string at byte "))
    }

    // MARK: Lines of ten megabytes

    /// A cell of ten megabytes is refused quickly and quoted short: the reader neither
    /// copies it whole nor walks its characters.
    @Test func aTenMegabyteCellIsQuotedShort() throws {
        let bytes = Array("1,".utf8) + [UInt8](repeating: UInt8(ascii: "7"), count: Self.tenMegabytes) + [0x0A]
        let text = try message(bytes)
        #expect(text == "h.csv: line 1, column 2: '" + String(repeating: "7", count: 40) + "…' is not a number")
    }

    /// One row of ten megabytes of numbers is read, however many cells the line holds.
    @Test func aTenMegabyteRowOfNumbersIsRead() throws {
        let cell = "-1.2345678,"
        let count = Self.tenMegabytes / cell.utf8.count
        var bytes = Array(String(repeating: cell, count: count).utf8)
        bytes[bytes.count - 1] = 0x0A
        let read = try logits(bytes)
        #expect(read.logits.rows == 1 && read.logits.columns == count)
        #expect(read.logits.values.first == -1.2345678 && read.logits.values.last == -1.2345678)
    }

    @Test func aTenMegabyteBlankLineBeforeRowsIsABlankLine() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: " "), count: Self.tenMegabytes) + Array("\n1,2\n".utf8)
        #expect(try message(bytes) == "h.csv: line 1: blank line between rows; only trailing lines may be blank")
    }

    @Test func aMegabyteTokenIsRead() throws {
        let token = String(repeating: "é", count: 1 << 19)
        let json = #"{"logprobs": [{"token": ""# + token + #"", "logprob": -0.25}]}"#
        let read = try TokenLogprobs.parse(Array(json.utf8))
        #expect(read.positions.first?.token == token)
    }

    // MARK: Line ends

    @Test func crlfAndLfMayBeMixed() throws {
        let read = try logits(Array("a,b\r\n1,2\n3,4\r\n\r\n".utf8))
        #expect(read.logits.values == [1, 2, 3, 4] && read.columnNames == ["a", "b"])
    }

    /// A lone CR (old Mac line ends) does not end a line, so the file is one line whose
    /// cell is refused where the CR sits.
    @Test func aLoneCarriageReturnIsNotALineEnd() throws {
        #expect(try message(Array("1,2\r3,4\r".utf8)) == "h.csv: line 1, column 2: '2\\u{d}3' is not a number")
    }

    @Test func crlfLabelsAreRead() throws {
        let labels = try LogitFiles.readLabels(bytes: Array("label\r\n1\r\n0\r\n".utf8), file: "l.txt")
        #expect(labels.values == [1, 0] && labels.firstLine == 2)
    }

    // MARK: Mixed separators

    /// A comma anywhere in the first line makes the file CSV; a tab there is then part
    /// of a cell, allowed around a number and refused inside one.
    @Test func aTabAroundACommaSeparatedNumberIsPadding() throws {
        #expect(try logits(Array("1,\t2\t\n3 ,4\n".utf8)).logits.values == [1, 2, 3, 4])
        #expect(try message(Array("1,2\n3,4\t5\n".utf8)) == "h.csv: line 2, column 2: '4\\u{9}5' is not a number")
    }

    @Test func aCommaInATabSeparatedFileIsInsideACell() throws {
        #expect(try message(Array("1\t2\n3,5\t4\n".utf8), file: "h.tsv", format: .tsv)
            == "h.tsv: line 2, column 1: '3,5' is not a number")
    }

    /// Runs of spaces and tabs together separate whitespace cells; guessed from a tab in
    /// the first line, the file is tab-separated, where two tabs hold an empty cell.
    @Test func spacesAndTabsTogetherSeparateWhitespaceCells() throws {
        let bytes = Array(" 1 \t 2\n\t3\t\t4 \n".utf8)
        #expect(try logits(bytes, file: "w.txt", format: .whitespace).logits.values == [1, 2, 3, 4])
        #expect(try message(bytes, file: "w.txt") == "w.txt: line 2, column 1: empty cell; expected a number")
    }

    // MARK: Shapes claimed and not delivered

    /// Allocating what these claim would fail outright (under AddressSanitizer too), so
    /// a refusal shows nothing was allocated for them: the in-place view, the copying
    /// reader and the labels reader all check the size first.
    @Test(arguments: ["(1000000000000, 1000)", "(1000000000000000000,)", "(4611686018427387904, 4)",
                      "(0, 100000000000000000000)"])
    func aClaimedShapeLargerThanTheFileIsRefusedBeforeAllocating(shape: String) throws {
        for descr in ["<f8", "<f4", "<i8"] {
            let bytes = npyBytes("{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }",
                                 data: littleEndianBytes([1, 2]))
            let path = try temporaryFile(named: "claims.npy", bytes)
            defer { removeTemporaryFile(path) }
            let view = refusal { try LogitFiles.withLogitView(path: path) { $0.logits.rows } }
            let copy = refusal { try LogitFiles.readLogits(path: path, labelColumn: -1) }
            let labels = refusal { try LogitFiles.readLabels(path: path) }
            for error in [view, copy, labels] {
                let text = try #require(error).description
                #expect(text.hasPrefix(path + ": "), "\(text)")
                #expect(!text.contains { $0.isNewline })
            }
        }
    }

    @Test func aDimensionTooLargeToCountIsMalformed() throws {
        let bytes = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999, 1), }")
        #expect(try message(bytes, file: "big.npy")
            == "big.npy: malformed .npy header: a dimension of the shape is too large to count")
    }

    // MARK: Bodies cut short

    @Test(arguments: 1...7)
    func aNpyCutInsideItsLastElementIsTruncated(missing: Int) throws {
        let whole = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", data: littleEndianBytes([1, 2, 3, 4]))
        #expect(try message(Array(whole.dropLast(missing)), file: "cut.npy")
            == "cut.npy: truncated: shape (2, 2) of <f8 needs 32 bytes of data, but only \(32 - missing) follow the header")
    }

    @Test func aNpyCutInsideItsHeaderSaysSo() throws {
        let whole = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", data: littleEndianBytes([1, 2]))
        #expect(try message(Array(whole.prefix(40)), file: "cut.npy")
            == "cut.npy: malformed .npy header: it declares 118 bytes, but only 30 follow")
    }

    @Test func labelsCutShortAreTruncated() throws {
        let whole = npyBytes("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", data: [1, 0, 0, 0, 2, 0, 0, 0, 0, 0])
        let error = try #require(refusal { try LogitFiles.readLabels(bytes: whole, file: "l.npy") })
        #expect(error.description == "l.npy: truncated: shape (3,) of <i4 needs 12 bytes of data, but only 10 follow the header")
    }

    @Test func textCutAfterASeparatorHasAnEmptyCell() throws {
        #expect(try message(Array("1,2\n3,".utf8)) == "h.csv: line 2, column 2: empty cell; expected a number")
    }

    @Test(arguments: [#"{"logprobs": [{"token": "a", "logprob": -0.5"#, #"{"logprobs": [{"token": "a\u00"#, #"{"logprobs""#])
    func logprobsCutShortAreRefusedInOneLine(json: String) throws {
        let error = try #require(logprobsRefusal(Array(json.utf8)))
        #expect(error.description.hasPrefix("not JSON ("))
        #expect(!error.description.contains { $0.isNewline })
    }

    // MARK: JSON built to blow up

    /// Nesting is refused at a fixed depth, before the stack could overflow.
    @Test func aMillionOpenBracketsAreNestedTooDeeply() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        let error = try #require(logprobsRefusal(bytes))
        #expect(error.description.hasPrefix("not JSON (nested too deeply at byte 201)"))
    }

    /// A number of a million digits is read (as infinity, refused) without a quadratic walk.
    @Test func aMillionDigitNumberIsOutOfRange() throws {
        let bytes = Array(#"{"logprobs": [{"token": "a", "logprob": -"#.utf8)
            + [UInt8](repeating: UInt8(ascii: "9"), count: 1_000_000) + Array("}]}".utf8)
        let error = try #require(logprobsRefusal(bytes))
        #expect(error.description.hasPrefix("not JSON (number out of range at byte "))
    }
}

/// Why the logprobs reader refused `bytes`, or nil if it read them.
private func logprobsRefusal(_ bytes: [UInt8]) -> TokenLogprobs.Failure? {
    do {
        _ = try TokenLogprobs.parse(bytes)
        return nil
    } catch {
        return error
    }
}
