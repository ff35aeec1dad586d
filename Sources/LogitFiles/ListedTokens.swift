import SoftmaxCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One position of a recorded generation as classes: the tokens its file lists, with
/// their log-probabilities taken as logits (a log-probability is a logit up to a
/// constant, and the constant cancels in the softmax), and the chosen token among them.
///
/// Shared by `softmax-lab tokens` and the explorer's recorded-generation view, so the
/// two can never disagree about a position.
public struct ListedTokens: Hashable, Sendable {
    /// The token the model chose.
    public let token: String
    /// The listed tokens, each once, in the file's order; the chosen token is appended
    /// when the file gives its log-probability but does not list it.
    public let tokens: [String]
    public let logprobs: [Double]
    /// Where the chosen token is among `tokens`, when its log-probability is known.
    public let chosen: Int?
    /// Whether the chosen token was in the file's list of alternatives.
    public let chosenListed: Bool
    /// e^logprob: each token's probability as the API reported it.
    public let reported: [Double]
    /// 1 − Σ e^logprob, at least 0: the mass outside the list, as the API reported it.
    public let unlisted: Double

    /// Below this the unlisted mass is rounding in the API's numbers, not tokens.
    public static let negligibleUnlisted = 1e-6
    public var unlistedIsNegligible: Bool { unlisted < Self.negligibleUnlisted }

    /// Nil when no listed token has a probability above 0: there is nothing to re-temper.
    public init?(_ position: TokenLogprobs.Position) {
        token = position.token
        var tokens: [String] = []
        var logprobs: [Double] = []
        var seen = Set<String>()
        for alternative in position.alternatives where seen.insert(alternative.token).inserted {
            tokens.append(alternative.token)
            logprobs.append(alternative.logprob)
        }
        var chosen = tokens.firstIndex(of: position.token)
        chosenListed = chosen != nil
        if chosen == nil, let logprob = position.logprob {
            tokens.append(position.token)
            logprobs.append(logprob)
            chosen = tokens.count - 1
        }
        guard logprobs.contains(where: { $0 > -.infinity }) else { return nil }
        self.tokens = tokens
        self.logprobs = logprobs
        self.chosen = chosen
        reported = logprobs.map { exp($0) }
        unlisted = max(0, 1 - reported.reduce(0, +))
    }

    /// The listed tokens at T after the cuts: among the listed tokens only, renormalised,
    /// since the unlisted tokens' logits are unknown.
    public func retempered(temperature: Temperature, settings: TruncationSettings) -> TruncatedDistribution {
        truncatedSoftmax(logprobs, temperature: temperature, settings)
    }

    /// The listed tokens from most to least likely (the file's order breaks ties).
    public var ranking: [Int] {
        logprobs.indices.sorted { logprobs[$0] != logprobs[$1] ? logprobs[$0] > logprobs[$1] : $0 < $1 }
    }
}
