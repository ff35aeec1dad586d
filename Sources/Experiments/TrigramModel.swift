import LogitFiles

/// A word trigram model with backoff by absolute discounting: the next token's
/// probability given the two before it.
///
/// With c(·) the counts in the corpus and D the discount (0 < D < 1):
/// - unigram: P₁(w) = c(w) / N, N the number of tokens: every token of the vocabulary
///   has some probability, so no draw is ever impossible;
/// - bigram: after v, with C = Σ_w c(v w) and S the S tokens seen after v,
///   P₂(w | v) = (c(v w) − D) / C for w in S, and for the others the mass D·|S| / C
///   shared in proportion to P₁, that is α·P₁(w) with α = (D·|S| / C) / Σ_{x∉S} P₁(x);
/// - trigram: the same after the pair u v, over P₂( · | v).
/// A context never seen (C = 0) backs off whole to the level below. If every token of
/// the vocabulary was seen after a context, none is left to back off to, and that level
/// is the plain ratio c / C.
///
/// Training counts the corpus a stretch at a time (`train(tokens:)`), so that the lab
/// can spread a large corpus over frames. The mass each level backs off to is worked out
/// from the integer counts, and the counts are kept in id order, so the probabilities
/// are within a few ulps of the exact fractions and the same, bit for bit, on every run.
public struct TrigramModel: Sendable {
    /// Small, for a small corpus: most of its pairs and triples are seen once, and with
    /// the usual 0.75 three quarters of every such context's mass would back off to the
    /// unigrams, so that even T = 1 gave word salad. At 0.25 the text at T = 1 reads like
    /// the corpus recombined, and the failure modes at either end of the dial stand out.
    public static let defaultDiscount = 0.25

    /// The tokens seen after one context, by id, with their counts.
    struct Continuations: Sendable {
        /// Ascending, so sums over them run in one order.
        var tokens: [Int] = []
        var counts: [Int] = []
        var total = 0

        mutating func add(_ token: Int) {
            total += 1
            // Binary search for the token's place: a context has few continuations.
            var low = 0, high = tokens.count
            while low < high {
                let mid = (low + high) / 2
                if tokens[mid] < token { low = mid + 1 } else { high = mid }
            }
            if low < tokens.count && tokens[low] == token {
                counts[low] += 1
            } else {
                tokens.insert(token, at: low)
                counts.insert(1, at: low)
            }
        }
    }

    /// How a context is supported: the level whose counts decide, how often the context
    /// was seen followed by a token, how many different tokens followed it, and the mass
    /// D·|S| / C it passes down to the level below.
    public struct ContextSupport: Equatable, Sendable {
        /// 3 for a pair seen in the corpus, 2 for a single token, 1 for none.
        public let order: Int
        public let count: Int
        public let distinct: Int
        public let backedOffMass: Double

        public init(order: Int, count: Int, distinct: Int, backedOffMass: Double) {
            self.order = order
            self.count = count
            self.distinct = distinct
            self.backedOffMass = backedOffMass
        }
    }

    public let corpus: Corpus
    public let discount: Double
    /// How many of the corpus's tokens have been counted so far.
    public private(set) var countedTokens = 0
    private var unigrams: [Int]
    private var bigrams: [Int: Continuations] = [:]
    private var trigrams: [Int: Continuations] = [:]

    /// An untrained model of `corpus`; `train(tokens:)` counts it.
    public init(corpus: Corpus, discount: Double = defaultDiscount) {
        precondition(discount > 0 && discount < 1, "the discount must lie strictly between 0 and 1")
        self.corpus = corpus
        self.discount = discount
        unigrams = Array(repeating: 0, count: corpus.vocabulary.count)
    }

    /// The model with the whole corpus counted.
    public static func trained(on corpus: Corpus, discount: Double = defaultDiscount) -> TrigramModel {
        var model = TrigramModel(corpus: corpus, discount: discount)
        model.train(tokens: corpus.tokens.count)
        return model
    }

    public var vocabularySize: Int { corpus.vocabulary.count }
    public var isTrained: Bool { countedTokens == corpus.tokens.count }

    /// Counts the next `count` tokens of the corpus: each token, the pair it ends and
    /// the triple it ends.
    public mutating func train(tokens count: Int) {
        let t = corpus.tokens
        let end = min(t.count, countedTokens + max(0, count))
        for i in countedTokens..<end {
            unigrams[t[i]] += 1
            if i >= 1 { bigrams[t[i - 1], default: Continuations()].add(t[i]) }
            if i >= 2 { trigrams[pairKey(t[i - 2], t[i - 1]), default: Continuations()].add(t[i]) }
        }
        countedTokens = end
    }

    private func pairKey(_ u: Int, _ v: Int) -> Int { u * vocabularySize + v }

    /// The counts after the last two tokens of `context` (fewer if it is shorter).
    private func continuations(after context: some Collection<Int>) -> (bigram: Continuations?, trigram: Continuations?) {
        let tail = Array(context.suffix(2))
        let bigram = tail.last.flatMap { bigrams[$0] }
        let trigram = tail.count == 2 ? trigrams[pairKey(tail[0], tail[1])] : nil
        return (bigram, trigram)
    }

    /// How often each token followed `context` at the level that decides (see `support`),
    /// by token id; empty when no level above the unigrams has seen it.
    public func counts(after context: some Collection<Int>) -> [Int: Int] {
        let found = continuations(after: context)
        guard let seen = found.trigram ?? found.bigram else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(seen.tokens, seen.counts))
    }

    /// The level whose counts decide the next token after `context`.
    public func support(after context: some Collection<Int>) -> ContextSupport {
        let found = continuations(after: context)
        guard let seen = found.trigram ?? found.bigram else {
            return ContextSupport(order: 1, count: countedTokens, distinct: unigrams.lazy.filter { $0 > 0 }.count,
                                  backedOffMass: 0)
        }
        let mass = seen.tokens.count == vocabularySize ? 0 : discount * Double(seen.tokens.count) / Double(seen.total)
        return ContextSupport(order: found.trigram != nil ? 3 : 2, count: seen.total, distinct: seen.tokens.count,
                              backedOffMass: mass)
    }

    /// P(w | context) for every token w of the vocabulary, by id; sums to 1. Only the last
    /// two tokens of `context` count; a shorter context starts lower.
    public func probabilities(after context: some Collection<Int>) -> [Double] {
        let n = Double(countedTokens)
        var p = unigrams.map { Double($0) / n }
        let found = continuations(after: context)
        guard let bigram = found.bigram else { return p }
        // The unigram mass of the tokens not seen after v, from the counts: (N − Σ c(x)) / N.
        let unseenUnigrams = Double(countedTokens - bigram.tokens.reduce(0) { $0 + unigrams[$1] }) / n
        p = backedOff(bigram, below: p, unseenMass: unseenUnigrams)
        guard context.count >= 2, let trigram = found.trigram else { return p }
        p = backedOff(trigram, below: p, unseenMass: unseenBigramMass(bigram, outside: trigram) ?? p.indices.reduce(0.0) {
            trigram.tokens.contains($1) ? $0 : $0 + p[$1]
        })
        return p
    }

    /// The bigram level's mass on the tokens not seen after the pair, from the counts:
    /// every token seen after u v was seen after v, so it is 1 − Σ (c(v x) − D) / C over
    /// those tokens, written as one fraction (the plain ratio's when nothing backs off).
    /// Summing P over the vocabulary instead would gather a rounding error per token.
    private func unseenBigramMass(_ bigram: Continuations, outside trigram: Continuations) -> Double? {
        var counted = 0, next = 0
        for w in trigram.tokens {
            while next < bigram.tokens.count && bigram.tokens[next] < w { next += 1 }
            guard next < bigram.tokens.count && bigram.tokens[next] == w else { return nil }
            counted += bigram.counts[next]
        }
        let discounted = bigram.tokens.count < vocabularySize ? discount * Double(trigram.tokens.count) : 0
        return (Double(bigram.total - counted) + discounted) / Double(bigram.total)
    }

    /// One level above `lower`: discounted ratios for the tokens seen, and the mass freed
    /// by the discount shared among the others in proportion to `lower`, whose mass on
    /// them is `unseenMass`.
    private func backedOff(_ seen: Continuations, below lower: [Double], unseenMass: Double) -> [Double] {
        let total = Double(seen.total)
        guard seen.tokens.count < vocabularySize, unseenMass > 0 else {
            // Every token was seen here: nothing to back off to, the plain ratio.
            var p = Array(repeating: 0.0, count: lower.count)
            for (w, c) in zip(seen.tokens, seen.counts) { p[w] = Double(c) / total }
            return p
        }
        let scale = discount * Double(seen.tokens.count) / (total * unseenMass)
        var p = lower.map { $0 * scale }
        for (w, c) in zip(seen.tokens, seen.counts) { p[w] = (Double(c) - discount) / total }
        return p
    }
}
