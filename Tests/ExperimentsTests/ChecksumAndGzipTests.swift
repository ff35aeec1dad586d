import Experiments
import Testing

/// SHA-256 against FIPS 180-4's examples and Python's hashlib, and gzip unpacking
/// against bytes that Python's gzip module wrote.
@Suite struct ChecksumAndGzipTests {
    @Test func sha256MatchesTheFIPSExamples() {
        #expect(SHA256.hexDigest(Array("abc".utf8))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.digest([]).count == 32)
    }

    /// Messages of n bytes (i·7 + 3 mod 256) around the padding's edges (55, 56, 63, 64
    /// and 65 bytes need one or two final blocks); digests from Python's hashlib.sha256.
    @Test(arguments: [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (3, "6ab0dba1f4f1dfbb37b4f9eeb092c09fca4900ad32bdcd147d8dde35d6c87c35"),
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"),
    ])
    func sha256MatchesHashlibAtThePaddingEdges(length: Int, expected: String) {
        let message = (0..<length).map { UInt8(($0 * 7 + 3) % 256) }
        #expect(SHA256.hexDigest(message) == expected)
    }

    /// gzip.compress(b"1,2\n3,4\n", mtime=0).
    static let smallGzip: [UInt8] = [
        31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 51, 212, 49, 226, 50, 214, 49, 225, 2, 0,
        71, 147, 108, 175, 8, 0, 0, 0,
    ]

    @Test func gzipUnpacksWhatPythonPacked() throws {
        #expect(try Gzip.decompress(Self.smallGzip) == Array("1,2\n3,4\n".utf8))
    }

    @Test func gzipRefusesDamagedStreams() {
        var badCRC = Self.smallGzip
        badCRC[20] ^= 0xff  // the first byte of the CRC-32 in the trailer
        var badHeader = Self.smallGzip
        badHeader[0] = 0
        let cases: [(String, [UInt8], String)] = [
            ("empty", [], "empty"),
            ("truncated", Array(Self.smallGzip.prefix(15)), "truncated"),
            ("trailing bytes", Self.smallGzip + [1, 2, 3], "3 bytes follow"),
            ("bad CRC", badCRC, "damaged"),
            ("not gzip", badHeader, "damaged"),
        ]
        for (name, bytes, words) in cases {
            #expect(throws: GzipError.self, "\(name)") { try Gzip.decompress(bytes) }
            do {
                _ = try Gzip.decompress(bytes)
            } catch {
                #expect(error.description.contains(words), "\(name): \(error.description)")
                #expect(!error.description.contains("\n"))
            }
        }
    }
}
