import Testing
@testable import LogitFiles

/// The .npy header is read as strictly as numpy reads it: any other text is refused
/// with a reason, never guessed at.
@Suite struct NpyHeaderTests {
    private func header(_ bytes: [UInt8]) throws(LogitFileError) -> NpyHeader {
        try FileBytes.withBytes(bytes) { buffer throws(LogitFileError) in try NpyHeader.parse(buffer, file: "h.npy") }
    }

    /// The reason a header is refused for, as its message gives it.
    private func reason(_ dict: String, version: UInt8 = 1) throws -> String {
        let error = try #require(refusal { try header(npyBytes(dict, version: version)) })
        let prefix = "h.npy: malformed .npy header: "
        #expect(error.description.hasPrefix(prefix))
        return String(error.description.dropFirst(prefix.count))
    }

    @Test(arguments: [UInt8(1), 2, 3])
    func everyVersionReadsTheSameDict(version: UInt8) throws {
        let bytes = npyBytes("{'descr': '>f4', 'fortran_order': True, 'shape': (3, 4), }", version: version)
        let parsed = try header(bytes)
        #expect(parsed == NpyHeader(descr: ">f4", fortranOrder: true, shape: [3, 4], dataOffset: bytes.count))
    }

    /// numpy under Python 2 wrote longs as 3L; double quotes and no trailing comma are
    /// Python too.
    @Test func python2LongsAndDoubleQuotesAreRead() throws {
        let parsed = try header(npyBytes(#"{"shape": (3L, 4L), "fortran_order": False, "descr": "<f8"}"#))
        #expect(parsed.shape == [3, 4] && parsed.descr == "<f8" && !parsed.fortranOrder)
    }

    @Test func anEmptyFileIsEmpty() throws {
        let path = try temporaryFile(named: "empty.npy", [])
        defer { removeTemporaryFile(path) }
        let error = try #require(refusal { try LogitFiles.readLogits(path: path) })
        #expect(error.description == "\(path): the file is empty")
    }

    @Test func aFileWithoutTheMagicIsNotNpy() throws {
        let error = try #require(refusal { try header(Array("1,2,3\n".utf8)) })
        #expect(error.description == #"h.npy: malformed .npy header: not a .npy file (it does not start with \x93NUMPY)"#)
    }

    /// A start of the magic, the magic alone, or a version 2.0 file cut inside its length.
    @Test(arguments: [3, 6, 9, 11])
    func aFileEndingInsideThePreambleIsRefused(length: Int) throws {
        let bytes = Array(npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", version: 2)[..<length])
        #expect(try reasonOf(bytes) == "the file ends inside the header")
    }

    @Test func anUnknownVersionIsRefused() throws {
        var bytes = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }")
        bytes[6] = 4
        let error = try #require(refusal { try header(bytes) })
        #expect(error.description == "h.npy: malformed .npy header: version 4.0 is not 1.0, 2.0 or 3.0")
    }

    @Test func aHeaderLengthPastTheEndIsRefused() throws {
        let bytes = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", declaredLength: 1000)
        let error = try #require(refusal { try header(bytes) })
        #expect(error.description == "h.npy: malformed .npy header: it declares 1000 bytes, but only 118 follow")
    }

    /// Version 2.0's four-byte length can claim 4 GB; that is compared, not allocated.
    @Test func aFourGigabyteHeaderLengthIsRefused() throws {
        let bytes = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", version: 2, declaredLength: 0xFFFF_FFFF)
        #expect(try reasonOf(bytes) == "it declares 4294967295 bytes, but only 116 follow")
    }

    private func reasonOf(_ bytes: [UInt8]) throws -> String? {
        guard case .malformedHeader(let reason)? = refusal({ try header(bytes) })?.problem else { return nil }
        return reason
    }

    @Test(arguments: [
        ("{'descr': '<f8', 'shape': (1,), }", "missing 'fortran_order'"),
        ("{}", "missing 'descr', 'fortran_order', 'shape'"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'extra': 1}", "unexpected key 'extra'"),
        ("{'descr': '<f8', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", "the key 'descr' appears twice"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (5)}", "'shape' is (5), a number rather than the tuple (5,)"),
        ("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,)}",
         "'descr' is not a string (structured dtypes are not supported)"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x", "text after the closing '}'"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}",
         "a dimension of the shape is too large to count"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'descr': '<f8'}", "the key 'descr' appears twice"),
        ("{'descr': '<f\\8', 'fortran_order': False, 'shape': (1,)}", "an escape or line break in a string"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)", "it ends where ',' or '}' was expected"),
    ])
    func malformedDictsAreRefusedWithAReason(dict: String, expected: String) throws {
        #expect(try reason(dict) == expected)
    }

    @Test(arguments: [
        ("{'descr': '<f8', 'fortran_order': 'no', 'shape': (1,)}", "where True or False was expected"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': [2, 3]}", "where '(' was expected"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}", "where a non-negative integer was expected"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2 3)}", "where ',' or ')' was expected"),
        ("{'descr': '<f8' 'fortran_order': False, 'shape': (1,)}", "where ',' or '}' was expected"),
        ("{descr: '<f8', 'fortran_order': False, 'shape': (1,)}", "where a quoted string was expected"),
        ("('descr', '<f8')", "where '{' was expected"),
    ])
    func unexpectedTokensAreNamedWithTheirPlace(dict: String, ending: String) throws {
        let text = try reason(dict)
        #expect(text.hasSuffix(ending), "\(text)")
        #expect(text.contains(" at byte "), "\(text)")
    }

    @Test func aControlByteInTheHeaderIsNamedByNumber() throws {
        #expect(try reason("{'descr': '<f8', \u{1}}") == "byte 1 at byte 27 where a quoted string was expected")
    }
}
