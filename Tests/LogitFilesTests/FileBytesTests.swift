import Foundation
import Testing
@testable import LogitFiles

/// Files reach the readers mapped when they are regular, read whole when they are not
/// (a pipe), and refused with the system's reason when they cannot be opened.
@Suite struct FileBytesTests {
    @Test func aMissingFileNamesTheSystemsReason() throws {
        let error = try #require(refusal { try LogitFiles.readLogits(path: "/nonexistent/logits.csv") })
        #expect(error.description == "/nonexistent/logits.csv: cannot read: No such file or directory")
    }

    @Test func aDirectoryIsNotAFile() throws {
        let error = try #require(refusal { try LogitFiles.readLogits(path: Fixtures.directory) })
        #expect(error.description == "\(Fixtures.directory): cannot read: it is a directory")
    }

    @Test func anEmptyRegularFileIsNotMapped() throws {
        let path = try temporaryFile(named: "empty.csv", [])
        defer { removeTemporaryFile(path) }
        let count = try FileBytes.withContents(ofPath: path) { bytes throws(LogitFileError) in bytes.count }
        #expect(count == 0)
    }

    /// A shell's `<(...)` hands over a pipe, which has no size to map.
    @Test func aPipeIsReadToItsEnd() throws {
        let path = try temporaryFile(named: "placeholder", [])
        defer { removeTemporaryFile(path) }
        let fifo = path + ".fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        // More than one read's worth, so the loop must go round.
        let text = String(repeating: "0.25,0.75\n", count: 10_000)
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data(text.utf8))
                try? handle.close()
            }
        }
        writer.start()
        let read = try LogitFiles.readLogits(path: fifo)
        #expect(read.logits.rows == 10_000 && read.logits.columns == 2)
        #expect(read.logits.looksLikeProbabilities())
    }
}
