import LogitFiles
import SoftmaxCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A language model's recorded generation, opened with `--tokens FILE`: the tokens it
/// chose and, at each position, the alternatives its API listed.
public struct RecordedGeneration: Hashable, Sendable {
    /// The file's name as the title shows it.
    public let name: String
    /// The API the file came from, in words ("OpenAI chat completions").
    public let source: String
    /// Whether the file gave probabilities after the API's own sampler (llama.cpp's
    /// post-sampling `prob`) rather than log-probabilities of the model.
    public let postSampling: Bool
    public let positions: [ListedTokens]

    /// Nil when the file has no position with a listed token above probability 0.
    public init?(name: String, source: String, postSampling: Bool, positions: [ListedTokens]) {
        guard !positions.isEmpty else { return nil }
        self.name = name
        self.source = source
        self.postSampling = postSampling
        self.positions = positions
    }
}

/// The recorded-generation view's own state: the file and the position shown. T is
/// the explorer's, so turning it here turns it everywhere; the cuts are the lesson's
/// decoder cuts (`LessonState.decoding`), set from the command line.
public struct RecordingState: Hashable, Sendable {
    public let generation: RecordedGeneration
    /// 0-based index of the position shown, whose token is the last of the text so far.
    public private(set) var position: Int

    public init(_ generation: RecordedGeneration, position: Int = 0) {
        self.generation = generation
        self.position = min(max(0, position), generation.positions.count - 1)
    }

    public var current: ListedTokens { generation.positions[position] }

    /// Moves by `steps` positions, stopping at the first and the last.
    public mutating func step(by steps: Int) {
        position = min(max(0, position + steps), generation.positions.count - 1)
    }

    public mutating func go(to index: Int) {
        position = min(max(0, index), generation.positions.count - 1)
    }
}

/// One position re-tempered: the listed tokens at T after the cuts, the chosen
/// token's probability and surprise, and the entropy.
public struct RetemperedTokens: Equatable, Sendable {
    public let listed: ListedTokens
    public let temperature: Temperature
    public let distribution: TruncatedDistribution

    public init(_ listed: ListedTokens, temperature: Temperature, cuts: TruncationSettings) {
        self.listed = listed
        self.temperature = temperature
        distribution = listed.retempered(temperature: temperature, settings: cuts)
    }

    /// The chosen token's probability at T after the cuts, when it is known.
    public var chosenProbability: Double? { listed.chosen.map { distribution.probabilities[$0] } }
    public var chosenSurvives: Bool? { listed.chosen.map { distribution.kept[$0] } }
    /// −ln p of the chosen token, in nats: +∞ when the cuts remove it.
    public var surprise: Double? { chosenProbability.map { -log($0) } }
    public var entropyNats: Double { entropy(distribution.probabilities) }
}

/// How surprising a token was, in the bands the text's colours show.
public enum SurpriseBand: Int, CaseIterable, Hashable, Sendable {
    /// Below 1 nat: the model gave it more than e⁻¹ ≈ 37%.
    case low
    /// 1 to 3 nats: between 5% and 37%.
    case middle
    /// 3 nats or more: below e⁻³ ≈ 5%.
    case high
    /// The cuts remove it: it could not have been drawn at this T with these cuts.
    case cut
    /// The file gives no log-probability for it.
    case unknown

    /// A token the cuts remove is `cut`; one they keep but that T leaves no weight
    /// (a runner-up at T → 0) is `high`, with a surprise of +∞.
    public init(_ tokens: RetemperedTokens) {
        guard let s = tokens.surprise, let survives = tokens.chosenSurvives else { self = .unknown; return }
        if !survives { self = .cut } else if s >= 3 { self = .high } else if s >= 1 { self = .middle } else { self = .low }
    }

    /// The legend's words for the band.
    public var legend: String {
        switch self {
        case .low: "<1"
        case .middle: "1–3"
        case .high: "≥3 nats"
        case .cut: "cut"
        case .unknown: "unknown"
        }
    }
}
