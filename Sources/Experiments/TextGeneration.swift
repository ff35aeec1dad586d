#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import LogitFiles
import SoftmaxCore

/// The distribution the next token is drawn from: the model's P(w | context) as logits
/// z = ln P, divided by the temperature, through the decoder's cuts (SoftmaxCore's
/// truncation, in its sampler order).
public struct NextTokenChoice: Sendable {
    /// The last two tokens before the one to draw (fewer at the very start).
    public let context: [Int]
    /// P(w | context) under the model itself: T = 1, no cuts.
    public let modelProbabilities: [Double]
    /// ln P(w | context): the logits the temperature divides.
    public let logits: [Double]
    public let temperature: Temperature
    public let cuts: TruncationSettings
    /// What the draw samples from: softmax(ln P / T) over the tokens the cuts keep, by id.
    public let probabilities: [Double]
    /// Which tokens the cuts keep.
    public let kept: [Bool]

    public init(model: TrigramModel, context: some Collection<Int>, temperature: Temperature, cuts: TruncationSettings) {
        self.context = Array(context.suffix(2))
        modelProbabilities = model.probabilities(after: self.context)
        self.temperature = temperature
        self.cuts = cuts
        // Every P is positive (the unigrams back every token), so every logit is finite.
        logits = modelProbabilities.map { log($0) }
        if cuts.isNone {
            // No cut: the softmax itself, without ranking the whole vocabulary for nothing.
            probabilities = softmax(logits, temperature: temperature)
            kept = Array(repeating: true, count: logits.count)
        } else {
            let cut = truncatedSoftmax(logits, temperature: temperature, cuts)
            probabilities = cut.probabilities
            kept = cut.kept
        }
    }

    /// The `count` most probable tokens under the model, most probable first, ties by id:
    /// the decoder's ranking by logit (`rankByScaledLogits` at every finite T), by a partial
    /// selection, so a large vocabulary is never sorted whole.
    public func top(_ count: Int) -> [Int] {
        let p = logits
        var best: [Int] = []
        for w in p.indices {
            // `best` is sorted; find where w goes, from the end (most tokens fall off it).
            var place = best.count
            while place > 0 && p[best[place - 1]] < p[w] { place -= 1 }
            if place < count {
                best.insert(w, at: place)
                if best.count > count { best.removeLast() }
            }
        }
        return best
    }

    /// The token a uniform u in [0, 1) picks. At T → 0, the most probable token (the first
    /// of a tie, as greedy decoders take it; the cuts always keep it); otherwise the first
    /// token whose cumulative probability after the cuts exceeds u.
    public func token(for u: Double) -> Int {
        if temperature.isGreedy { return top(1).first ?? 0 }
        return InverseCDFSampler(probabilities: probabilities).index(for: u)
    }
}

/// One token a generation drew, with what it was drawn from.
public struct GeneratedToken: Hashable, Sendable {
    public let token: Int
    /// The uniform that drew it.
    public let u: Double
    /// The dial's T when it was drawn.
    public let temperature: Temperature
    /// Its probability in the distribution it was drawn from (after T and the cuts); 1 at
    /// T → 0, where the decoder takes it for certain (the limit shares a tie's mass, the
    /// decoder takes the first).
    public let drawnProbability: Double
    /// Its probability under the model itself (T = 1, no cuts).
    public let modelProbability: Double

    /// −log₂ P under the model, in bits: how unexpected the model itself finds the token.
    /// Low for text the model would write at T = 1, high for gibberish.
    public var surprise: Double { -log2(modelProbability) }
}

/// A text being generated from a prompt: the tokens drawn so far, and the seeded
/// uniforms that draw them, one per token. The same prompt, seed, temperatures and cuts
/// give the same text on every machine.
public struct TextGeneration: Hashable, Sendable {
    public let prompt: [Int]
    public let seed: UInt64
    public private(set) var generated: [GeneratedToken] = []
    private var generator: SeededGenerator

    public init(prompt: [Int], seed: UInt64) {
        self.prompt = prompt
        self.seed = seed
        generator = SeededGenerator(seed: seed)
    }

    /// Prompts a corpus offers: the first two words of each of its sentences, each pair
    /// once, in order; the corpus's first tokens when no sentence has two words.
    public static func openings(of corpus: Corpus) -> [[Int]] {
        var seen = Set<[Int]>()
        var openings: [[Int]] = []
        for start in corpus.sentenceStarts {
            let pair = Array(corpus.tokens[start...start + 1])
            if seen.insert(pair).inserted { openings.append(pair) }
        }
        return openings.isEmpty ? [Array(corpus.tokens.prefix(2))] : openings
    }

    /// The prompt and the tokens drawn after it.
    public var tokens: [Int] { prompt + generated.map(\.token) }

    /// The last two tokens: all the model looks at.
    public var context: [Int] {
        let drawn = generated.suffix(2).map(\.token)
        return Array(prompt.suffix(2 - drawn.count)) + drawn
    }

    public func choice(_ model: TrigramModel, temperature: Temperature, cuts: TruncationSettings) -> NextTokenChoice {
        NextTokenChoice(model: model, context: context, temperature: temperature, cuts: cuts)
    }

    /// Draws the next token: the next uniform of the seed picks it from `choice(...)`.
    @discardableResult
    public mutating func step(_ model: TrigramModel, temperature: Temperature, cuts: TruncationSettings) -> GeneratedToken {
        let next = choice(model, temperature: temperature, cuts: cuts)
        let u = generator.nextUniform()
        let token = next.token(for: u)
        let drawn = GeneratedToken(token: token, u: u, temperature: temperature,
                                   drawnProbability: temperature.isGreedy ? 1 : next.probabilities[token],
                                   modelProbability: next.modelProbabilities[token])
        generated.append(drawn)
        return drawn
    }

    /// Takes back the last token drawn; its uniform will draw the next one again, so a
    /// token redrawn at another T shows where the same u lands there.
    public mutating func takeBack() {
        guard !generated.isEmpty else { return }
        generated.removeLast()
        generator = SeededGenerator(seed: seed)
        for _ in generated { _ = generator.nextUniform() }
    }
}

/// How many of a text's n-grams are different: near 1 for varied text, low for text
/// that repeats itself.
public struct DistinctNGrams: Equatable, Sendable {
    public let n: Int
    public let distinct: Int
    public let total: Int

    public init(_ tokens: [Int], n: Int) {
        self.n = n
        let count = max(0, tokens.count - n + 1)
        total = count
        distinct = Set((0..<count).map { tokens[$0..<$0 + n] }).count
    }

    public var ratio: Double? { total > 0 ? Double(distinct) / Double(total) : nil }
}

/// The stretch at the end of a text that repeats: the same `period` tokens again and
/// again from `start` to the end, at least twice over.
///
/// Greedy decoding falls into one: the next token is a function of the last two, so as
/// soon as two tokens come back in the same order, everything after them comes back too.
public struct RepetitionLoop: Equatable, Sendable {
    /// Where the repetition begins (an index into the text's tokens).
    public let start: Int
    /// How many tokens one turn of it has.
    public let period: Int

    public init(start: Int, period: Int) {
        self.start = start
        self.period = period
    }

    /// A repetition shorter than this is not called a loop ("very very" is prose).
    public static let minimumLength = 4

    /// The loop at the end of `tokens` that starts earliest (the shorter period on a
    /// tie), covering at least two periods and `minimumLength` tokens; nil if none.
    public static func find(in tokens: [Int]) -> RepetitionLoop? {
        let n = tokens.count
        var best: RepetitionLoop?
        for period in stride(from: 1, through: n / 2, by: 1) {
            // Walk back from the end while each token equals the one a period later.
            var start = n - period
            while start > 0 && tokens[start - 1] == tokens[start - 1 + period] { start -= 1 }
            let length = n - start
            guard length >= 2 * period, length >= minimumLength else { continue }
            if best.map({ start < $0.start }) ?? true { best = RepetitionLoop(start: start, period: period) }
        }
        return best
    }
}

/// What a generation's readout says: how many tokens were drawn, their mean surprise,
/// how varied they are (distinct pairs and triples), and any loop at the end.
public struct GenerationReadout: Equatable, Sendable {
    public let count: Int
    /// In bits; nil before the first token.
    public let meanSurprise: Double?
    public let distinctPairs: DistinctNGrams
    public let distinctTriples: DistinctNGrams
    /// Found over the prompt and the drawn tokens; its start indexes them.
    public let loop: RepetitionLoop?

    public init(_ generation: TextGeneration) {
        let drawn = generation.generated
        count = drawn.count
        meanSurprise = drawn.isEmpty ? nil : drawn.reduce(0) { $0 + $1.surprise } / Double(drawn.count)
        let tokens = drawn.map(\.token)
        distinctPairs = DistinctNGrams(tokens, n: 2)
        distinctTriples = DistinctNGrams(tokens, n: 3)
        loop = RepetitionLoop.find(in: generation.tokens)
    }
}
