import SoftmaxCore
import Testing
@testable import LogitFiles

/// The logprobs reader on its own: the three formats detected, and seeded mutations of
/// a valid response that give positions or one line of refusal, never a trap.
@Suite struct TokenLogprobsTests {
    static let openAI = """
        {"choices": [{"logprobs": {"content": [{"token": "a\\u00e9\\ud83d\\ude00", "logprob": -0.5, \
        "top_logprobs": [{"token": "a\\u00e9\\ud83d\\ude00", "logprob": -0.5}, {"token": "b", "logprob": -1.5}]}]}}]}
        """

    @Test func detectsEachFormat() throws {
        let a = try TokenLogprobs.parse(Array(Self.openAI.utf8))
        #expect(a.format == .openAI)
        #expect(a.positions.first?.token == "aé😀")
        #expect(a.positions.first?.alternatives.map(\.logprob) == [-0.5, -1.5])
        let b = try TokenLogprobs.parse(Array(#"{"completion_probabilities": [{"content": "x", "probs": [{"tok_str": "x", "prob": 1}]}]}"#.utf8))
        #expect(b.format == .llamaCpp && b.postSampling && b.positions.first?.logprob == 0)
        let c = try TokenLogprobs.parse(Array(#"{"logprobs": [{"token": "x", "logprob": -Infinity}]}"#.utf8))
        #expect(c.format == .ollama && c.positions.first?.logprob == -.infinity)
    }

    @Test(arguments: [UInt64(1), 2])
    func mutationsGiveAResultOrOneLineNeverATrap(seed: UInt64) {
        let valid = Array(Self.openAI.utf8)
        var random = SeededGenerator(seed: seed)
        for _ in 0..<3_000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let i = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
                case 1: bytes = Array(bytes[..<i])
                case 2: bytes.insert(UInt8.random(in: 0...255, using: &random), at: i)
                default: bytes[i] = UInt8.random(in: 0...255, using: &random)
                }
                if bytes.isEmpty { break }
            }
            do {
                let read = try TokenLogprobs.parse(bytes)
                #expect(!read.positions.isEmpty)
            } catch {
                #expect(!error.description.isEmpty && !error.description.contains("\n"))
            }
        }
    }
}
