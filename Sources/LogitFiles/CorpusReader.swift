/// Why a corpus was refused: the file, and what is wrong, in one line.
public struct CorpusError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let problem: Problem

    public init(file: String, problem: Problem) {
        self.file = file
        self.problem = problem
    }

    public enum Problem: Equatable, Sendable {
        /// The file could not be opened or read; `reason` is the system's word for it.
        case cannotRead(reason: String)
        /// No bytes at all.
        case empty
        /// Bytes, but not one letter or digit.
        case noWords
        /// A byte sequence that is not UTF-8, on a line (1-based).
        case notUTF8(line: Int, byte: UInt8)
        /// A NUL byte: binary data, or UTF-16, which would otherwise pass as UTF-8.
        case nulByte(line: Int)
        case tooLarge(bytes: Int)
    }

    public var description: String {
        let name = LogitFileError.printable(file, limit: 200)
        switch problem {
        case .cannotRead(let reason):
            return "\(name): cannot read: " + LogitFileError.printable(reason, limit: 200)
        case .empty:
            return "\(name): the file is empty; a corpus needs words"
        case .noWords:
            return "\(name): no words: the file holds no letters or digits"
        case .notUTF8(let line, let byte):
            return "\(name): line \(line): byte 0x" + hex(byte) + " is not UTF-8; save the corpus as UTF-8 text"
        case .nulByte(let line):
            return "\(name): line \(line): a NUL byte, so binary or UTF-16, not UTF-8 text"
        case .tooLarge(let bytes):
            return "\(name): \(bytes) bytes; a corpus may have at most \(CorpusReader.maximumByteCount) "
                + "(\(CorpusReader.maximumByteCount >> 20) MiB)"
        }
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}

/// Reads a corpus for the word model from an untrusted file: any UTF-8 text. Refuses,
/// with one line naming the file, a file that is empty, has no words, is not UTF-8 (or
/// holds a NUL byte), or is larger than `maximumByteCount`.
///
/// Pure and bounded: one pass over the bytes, no trap on any input, and memory a small
/// multiple of the file's size.
public enum CorpusReader {
    /// 4 MiB: four times what the lab promises to train in a second, and far more text
    /// than a trigram model of a few thousand words needs.
    public static let maximumByteCount = 4 << 20

    /// Reads the file at `path` (memory-mapped when it is a regular file).
    public static func read(path: String) throws(CorpusError) -> Corpus {
        let result: Result<Corpus, CorpusError>
        do {
            // The reading's own refusal comes back as a value: the file reader's closure
            // may throw only its own error type.
            result = try FileBytes.withContents(ofPath: path) { buffer throws(LogitFileError) in
                Result { () throws(CorpusError) -> Corpus in try read(buffer: buffer, file: path) }
            }
        } catch {
            if case .cannotRead(let reason) = error.problem { throw CorpusError(file: path, problem: .cannotRead(reason: reason)) }
            throw CorpusError(file: path, problem: .cannotRead(reason: error.problem.description))
        }
        return try result.get()
    }

    /// Reads bytes already in memory; `file` names them in messages.
    public static func read(bytes: [UInt8], file: String) throws(CorpusError) -> Corpus {
        var result: Result<Corpus, CorpusError>!
        bytes.withUnsafeBytes { buffer in
            result = Result { () throws(CorpusError) -> Corpus in try read(buffer: buffer, file: file) }
        }
        return try result.get()
    }

    /// The tokens of a short text, such as a prompt, split as a corpus is.
    public static func tokens(of text: String) -> [String] {
        var tokenizer = CorpusTokenizer()
        for scalar in text.unicodeScalars { tokenizer.feed(scalar) }
        tokenizer.finish()
        return tokenizer.tokens.map { tokenizer.vocabulary[$0] }
    }

    static func read(buffer: UnsafeRawBufferPointer, file: String) throws(CorpusError) -> Corpus {
        guard buffer.count > 0 else { throw CorpusError(file: file, problem: .empty) }
        guard buffer.count <= maximumByteCount else { throw CorpusError(file: file, problem: .tooLarge(bytes: buffer.count)) }
        var tokenizer = CorpusTokenizer()
        var bytes = buffer.makeIterator()
        var decoder = Unicode.UTF8()
        var offset = 0
        var line = 1
        decoding: while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let scalar):
                // The offending sequence starts where the last good scalar ended.
                offset += Unicode.UTF8.width(scalar)
                if scalar == "\n" { line += 1 }
                if scalar.value == 0 { throw CorpusError(file: file, problem: .nulByte(line: line)) }
                tokenizer.feed(scalar)
            case .emptyInput:
                break decoding
            case .error:
                throw CorpusError(file: file, problem: .notUTF8(line: line, byte: buffer[offset]))
            }
        }
        tokenizer.finish()
        guard tokenizer.wordTokens > 0 else { throw CorpusError(file: file, problem: .noWords) }
        return tokenizer.corpus(named: file)
    }
}
