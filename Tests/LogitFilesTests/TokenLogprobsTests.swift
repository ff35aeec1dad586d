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
            let bytes = randomlyMutated(valid, using: &random)
            do {
                let read = try TokenLogprobs.parse(bytes)
                #expect(!read.positions.isEmpty)
            } catch {
                #expect(!error.description.isEmpty && !error.description.contains("\n"))
            }
        }
    }
}
