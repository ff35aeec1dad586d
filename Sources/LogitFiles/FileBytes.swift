#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a file, lent to a closure: memory-mapped for a regular file, so a large
/// .npy is never copied before its values are converted; read whole for anything else
/// (a pipe, as from a shell's `<(...)`).
///
/// A mapped file truncated by another process while it is read can still fault (SIGBUS);
/// no reader of a mapping can prevent that, and reading is over within one call.
enum FileBytes {
    static func withContents<R>(
        ofPath path: String,
        _ body: (UnsafeRawBufferPointer) throws(LogitFileError) -> R
    ) throws(LogitFileError) -> R {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(path) }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            throw LogitFileError(file: path, problem: .cannotRead(reason: "it is a directory"))
        }
        guard type == S_IFREG else { return try readAll(fd: fd, path: path, body) }
        let size = Int(info.st_size)
        if size == 0 { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw failure(path)
        }
        defer { munmap(base, size) }
        return try body(UnsafeRawBufferPointer(start: base, count: size))
    }

    /// Reads a stream to its end, for files that cannot be mapped.
    private static func readAll<R>(
        fd: Int32,
        path: String,
        _ body: (UnsafeRawBufferPointer) throws(LogitFileError) -> R
    ) throws(LogitFileError) -> R {
        var bytes: [UInt8] = []
        let chunk = 1 << 16
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress! + start, chunk)
            }
            if got < 0 {
                if errno == EINTR { bytes.removeLast(chunk); continue }
                throw failure(path)
            }
            bytes.removeLast(chunk - got)
            if got == 0 { break }
        }
        return try withBytes(bytes, body)
    }

    /// Lends an array's bytes with the readers' error type.
    static func withBytes<R>(
        _ bytes: [UInt8],
        _ body: (UnsafeRawBufferPointer) throws(LogitFileError) -> R
    ) throws(LogitFileError) -> R {
        var result: Result<R, LogitFileError>!
        bytes.withUnsafeBytes { buffer in
            result = Result { () throws(LogitFileError) -> R in try body(buffer) }
        }
        return try result.get()
    }

    /// The error for the last failed system call.
    private static func failure(_ path: String) -> LogitFileError {
        let reason = String(cString: strerror(errno))
        return LogitFileError(file: path, problem: .cannotRead(reason: reason))
    }
}
