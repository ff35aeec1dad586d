import SoftmaxCore
import Testing
@testable import LogitFiles

/// 20,000 seeded mutations of the valid fixtures (bit flips, truncations, inserted and
/// overwritten bytes) through every reader. A trap would end the test run; besides that,
/// each result must be a well-formed matrix no larger than its input, and each error one
/// line naming the file.
@Suite struct FuzzTests {
    /// Four seeds of 5,000 mutations each, so that the runner can spread them over cores.
    static let seeds: [UInt64] = [1, 2, 3, 4]
    static let mutationsPerSeed = 5_000

    @Test(arguments: seeds)
    func mutatedFixturesGiveAResultOrAnErrorNeverATrap(seed: UInt64) throws {
        let names = try Fixtures.inputNames()
        let fixtures = try names.map { try Fixtures.bytes($0) }
        #expect(fixtures.count >= 20)
        var random = SeededGenerator(seed: seed)
        var outcomes = (results: 0, errors: 0)
        var failures: [String] = []
        for round in 0..<Self.mutationsPerSeed {
            let which = Int(random.next() % UInt64(fixtures.count))
            let bytes = mutate(fixtures[which], &random)
            let file = "fuzz-\(seed)-\(round)-" + names[which]
            for problem in check(bytes, file: file, format: LogitFileFormat(path: names[which]), &outcomes) {
                failures.append("\(file): \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        // Mutations must exercise both outcomes, or the fuzzing has gone blind.
        #expect(outcomes.results > 100 && outcomes.errors > 1000, "\(outcomes)")
    }

    /// One to three mutations of a kind chosen at random.
    private func mutate(_ original: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = original
        for _ in 0...(random.next() % 3) {
            let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
            switch random.next() % 6 {
            case 0 where !bytes.isEmpty:
                bytes[position] ^= 1 << UInt8(random.next() % 8)
            case 1:
                bytes.removeLast(bytes.count - position)
            case 2:
                let count = 1 + Int(random.next() % 8)
                bytes.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: position)
            case 3 where !bytes.isEmpty:
                // A byte that means something to a parser: a digit, separator, quote, bracket.
                let meaningful = Array("0123456789,.\t \n\r-+eE'\"(){}:L".utf8) + [0x00, 0xFF]
                bytes[position] = meaningful[Int(random.next() % UInt64(meaningful.count))]
            case 4 where bytes.count > 10:
                // The length field and the first bytes of a .npy header.
                bytes[6 + Int(random.next() % 6)] = UInt8(truncatingIfNeeded: random.next())
            default:
                bytes.removeSubrange(position..<min(bytes.count, position + 1 + Int(random.next() % 16)))
            }
        }
        return bytes
    }

    /// Runs `bytes` through every reader; returns what is wrong with the outcomes.
    private func check(
        _ bytes: [UInt8], file: String, format: LogitFileFormat, _ outcomes: inout (results: Int, errors: Int)
    ) -> [String] {
        var problems: [String] = []
        func logits(_ outcome: Result<LogitFile, LogitFileError>) {
            switch outcome {
            case .success(let read):
                outcomes.results += 1
                let m = read.logits
                if m.values.count != m.rows * m.columns || m.rows == 0 || m.columns == 0 {
                    problems.append("shape \(m.rows)x\(m.columns) for \(m.values.count) values")
                }
                if !m.values.allSatisfy(\.isFinite) { problems.append("a non-finite logit") }
                if m.values.count + (read.labels?.count ?? 0) > bytes.count {
                    problems.append("\(m.values.count) values from \(bytes.count) bytes")
                }
                if let labels = read.labels, labels.count != m.rows { problems.append("labels unlike rows") }
            case .failure(let error):
                outcomes.errors += 1
                problems += messageProblems(error, file: file)
            }
        }
        func labels(_ outcome: Result<LabelList, LogitFileError>) {
            switch outcome {
            case .success(let list):
                outcomes.results += 1
                if list.count == 0 || list.count > bytes.count { problems.append("\(list.count) labels") }
            case .failure(let error):
                outcomes.errors += 1
                problems += messageProblems(error, file: file)
            }
        }
        logits(Result { () throws(LogitFileError) in try LogitFiles.readLogits(bytes: bytes, file: file, format: format) })
        logits(Result { () throws(LogitFileError) in try LogitFiles.readLogits(bytes: bytes, file: file) })
        logits(Result { () throws(LogitFileError) in try LogitFiles.readLogits(bytes: bytes, file: file, labelColumn: -1) })
        labels(Result { () throws(LogitFileError) in try LogitFiles.readLabels(bytes: bytes, file: file) })
        labels(Result { () throws(LogitFileError) in try LogitFiles.readLabels(bytes: bytes, file: file, format: .npy) })
        return problems
    }

    private func messageProblems(_ error: LogitFileError, file: String) -> [String] {
        let text = error.description
        var problems: [String] = []
        if !text.hasPrefix(file + ": ") { problems.append("message does not start with the file: \(text)") }
        if text.contains(where: { $0.isNewline }) { problems.append("message of more than one line: \(text)") }
        return problems
    }
}
