import CZlib

/// Why a gzip stream could not be unpacked.
public struct GzipError: Error, CustomStringConvertible, Equatable {
    public let description: String
}

/// Unpacks a gzip file held in memory with zlib, so the dataset is read without a
/// temporary file or a `gunzip` process.
public enum Gzip {
    /// The bytes of the single gzip member in `compressed`.
    ///
    /// zlib checks the header, the CRC-32 and the length in the trailer, so a
    /// damaged file fails here rather than parsing as wrong numbers.
    /// - Throws: `GzipError` for an empty, truncated or damaged stream, or bytes after it.
    public static func decompress(_ compressed: [UInt8]) throws(GzipError) -> [UInt8] {
        guard !compressed.isEmpty else { throw GzipError(description: "empty input, not gzip data") }
        var input = compressed
        var output = [UInt8](repeating: 0, count: initialCapacity(compressed))
        var produced = 0
        var stream = z_stream()
        // 16 + MAX_WBITS: expect a gzip header and trailer, not a raw zlib stream.
        let initStatus = inflateInit2_(
            &stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw GzipError(description: "zlib could not start (inflateInit2 returned \(initStatus))")
        }
        defer { inflateEnd(&stream) }

        return try input.withUnsafeMutableBufferPointer { (inputBuffer) throws(GzipError) -> [UInt8] in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while true {
                if produced == output.count { output.append(contentsOf: repeatElement(0, count: output.count)) }
                let status = output.withUnsafeMutableBufferPointer { outputBuffer -> Int32 in
                    stream.next_out = outputBuffer.baseAddress! + produced
                    stream.avail_out = uInt(outputBuffer.count - produced)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    produced = outputBuffer.count - Int(stream.avail_out)
                    return status
                }
                switch status {
                case Z_STREAM_END:
                    guard stream.avail_in == 0 else {
                        throw GzipError(description: "\(stream.avail_in) bytes follow the end of the gzip stream")
                    }
                    return Array(output[..<produced])
                case Z_OK:
                    continue
                case Z_BUF_ERROR where produced == output.count:
                    continue  // the output was full; the next round grows it
                case Z_BUF_ERROR:
                    throw GzipError(description: "the gzip stream is truncated")
                default:
                    throw GzipError(description: "damaged gzip data: \(message(stream, status))")
                }
            }
        }
    }

    /// The length that the gzip trailer records (ISIZE, the last four bytes, little-endian),
    /// so the usual case needs one buffer; a lying trailer only costs regrowth.
    private static func initialCapacity(_ compressed: [UInt8]) -> Int {
        guard compressed.count >= 18 else { return 4096 }
        let tail = compressed.suffix(4)
        let recorded = tail.reversed().reduce(0) { $0 << 8 | Int($1) }
        return min(max(recorded, 4096), 1 << 26)
    }

    private static func message(_ stream: z_stream, _ status: Int32) -> String {
        if let text = stream.msg { return String(cString: text) }
        return "zlib status \(status)"
    }
}
