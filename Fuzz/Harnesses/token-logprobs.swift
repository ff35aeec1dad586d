// The logprobs JSON of a recorded generation (TokenLogprobs.parse: OpenAI, llama.cpp,
// Ollama), and each position taken as classes and re-tempered, as `tokens` and the
// explorer's recorded-generation view take it.
import LogitFiles
import SoftmaxCore

/// A temperature and cuts as a user might choose them; every cut is applied.
private let retemperedAt = try! Temperature(0.7)
private let retemperingCuts = try! TruncationSettings(topK: 3, topP: 0.9, minP: 0.05)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenLogprobs(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let bytes = [UInt8](input)
    FuzzChecks.withinAllocationBound(input, "token logprobs") {
        do throws(TokenLogprobs.Failure) {
            let generation = try TokenLogprobs.parse(bytes)
            FuzzChecks.require(!generation.positions.isEmpty, "token logprobs: no positions")
            for position in generation.positions {
                FuzzChecks.require(position.alternatives.allSatisfy { $0.logprob <= 0 && !$0.logprob.isNaN },
                                   "token logprobs: a log-probability above 0 or NaN")
                guard let listed = ListedTokens(position) else { continue }
                let cut = listed.retempered(temperature: retemperedAt, settings: retemperingCuts)
                let total = cut.probabilities.reduce(0, +)
                FuzzChecks.require(abs(total - 1) < 1e-9, "token logprobs: probabilities summing to \(total)")
                FuzzChecks.require(listed.ranking.count == listed.tokens.count, "token logprobs: a ranking")
            }
        } catch {
            FuzzChecks.checkMessage(error.description, "token logprobs", namesFile: false)
        }
    }
    return 0
}
