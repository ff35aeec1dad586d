import Experiments
import LogitFiles
import SoftmaxCore
import Testing

/// Whether two distributions agree to a few ulps, element by element.
func agree(_ a: [Double], _ b: [Double], tolerance: Double = 1e-15) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(abs($1), 1e-300) + 1e-300 }
}

/// The trigram model's counts and backoff, by hand on tiny corpora.
@Suite struct TrigramModelTests {
    static func corpus(_ text: String) throws -> Corpus {
        try CorpusReader.read(bytes: Array(text.utf8), file: "tiny")
    }

    static func ids(_ corpus: Corpus, _ words: String) throws -> [Int] {
        try words.split(separator: " ").map { try #require(corpus.id(of: String($0))) }
    }

    /// "the cat sat . the cat ran . the dog sat .", D = 1/4, worked out on paper:
    /// unigrams [the 3, cat 2, sat 2, . 3, ran 1, dog 1] / 12;
    /// after "the" (C = 3): cat (2 − ¼)/3 = 7/12, dog (1 − ¼)/3 = 1/4, and the ¼·2/3 = 1/6
    /// left over shared by the unseen (the, sat, ., ran: 9/12 of the unigram mass), so
    /// α = (1/6)/(9/12) = 2/9: the 1/18, sat 1/27, . 1/18, ran 1/54;
    /// after ". the" (C = 2): cat 3/8, dog 3/8, and ¼·2/2 = 1/4 over P₂'s other 1/6, so
    /// β = 3/2: the 1/12, sat 1/18, . 1/12, ran 1/36.
    @Test func countsAndBackoffByHand() throws {
        let corpus = try Self.corpus("The cat sat. The cat ran. The dog sat.")
        #expect(corpus.vocabulary == ["the", "cat", "sat", ".", "ran", "dog"])
        let model = TrigramModel.trained(on: corpus, discount: 0.25)
        let the = try Self.ids(corpus, "the"), cat = try Self.ids(corpus, "cat")[0], dog = try Self.ids(corpus, "dog")[0]
        #expect(model.counts(after: the) == [cat: 2, dog: 1])
        #expect(model.counts(after: try Self.ids(corpus, ". the")) == [cat: 1, dog: 1])
        #expect(model.counts(after: try Self.ids(corpus, "the cat")) == [try Self.ids(corpus, "sat")[0]: 1,
                                                                          try Self.ids(corpus, "ran")[0]: 1])
        // In vocabulary order: the, cat, sat, ., ran, dog.
        let unigrams = [3.0, 2, 2, 3, 1, 1].map { $0 / 12 }
        let afterThe = [1.0 / 18, 7.0 / 12, 1.0 / 27, 1.0 / 18, 1.0 / 54, 1.0 / 4]
        let afterDotThe = [1.0 / 12, 3.0 / 8, 1.0 / 18, 1.0 / 12, 1.0 / 36, 3.0 / 8]
        #expect(agree(model.probabilities(after: [Int]()), unigrams))
        #expect(agree(model.probabilities(after: the), afterThe))
        #expect(agree(model.probabilities(after: try Self.ids(corpus, ". the")), afterDotThe))
        #expect(model.support(after: try Self.ids(corpus, ". the"))
            == TrigramModel.ContextSupport(order: 3, count: 2, distinct: 2, backedOffMass: 0.25))
        #expect(model.support(after: the) == TrigramModel.ContextSupport(order: 2, count: 3, distinct: 2, backedOffMass: 0.25 * 2 / 3))
    }

    /// A pair never seen backs off whole to its last word; a word never followed by
    /// anything (the corpus's last) to the unigrams.
    @Test func unseenContextsBackOffWhole() throws {
        let corpus = try Self.corpus("The cat sat. The cat ran. The dog sat. Wait")
        let model = TrigramModel.trained(on: corpus, discount: 0.25)
        #expect(model.probabilities(after: try Self.ids(corpus, "sat the")) == model.probabilities(after: try Self.ids(corpus, "the")))
        #expect(model.support(after: try Self.ids(corpus, "sat the")).order == 2)
        let unigrams = model.probabilities(after: [Int]())
        #expect(model.probabilities(after: try Self.ids(corpus, "wait")) == unigrams)
        #expect(model.probabilities(after: try Self.ids(corpus, "cat wait")) == unigrams)
        #expect(model.support(after: try Self.ids(corpus, "wait")).order == 1)
    }

    /// "a a b a": after "a" both words of the vocabulary were seen, so nothing is left to
    /// back off to and the counts' plain ratio decides: a 1/2, b 1/2.
    @Test func aContextFollowedByEveryWordKeepsThePlainRatio() throws {
        let corpus = try Self.corpus("a a b a")
        let model = TrigramModel.trained(on: corpus, discount: 0.25)
        #expect(model.probabilities(after: try Self.ids(corpus, "a")) == [0.5, 0.5])
        #expect(model.support(after: try Self.ids(corpus, "a")).backedOffMass == 0)
    }

    @Test func trainingInStretchesGivesTheSameModel() throws {
        let corpus = try ShippedCorpus.load()
        let whole = TrigramModel.trained(on: corpus)
        var stretches = TrigramModel(corpus: corpus)
        while !stretches.isTrained { stretches.train(tokens: 997) }
        for start in stride(from: 0, to: corpus.tokens.count - 2, by: 311) {
            let context = Array(corpus.tokens[start..<start + 2])
            #expect(stretches.probabilities(after: context) == whole.probabilities(after: context))
        }
    }

    /// Every next-word distribution of the shipped corpus sums to 1 and gives every word
    /// some probability, so each logit ln P is finite.
    @Test func everyDistributionIsAProbability() throws {
        let corpus = try ShippedCorpus.load()
        let model = TrigramModel.trained(on: corpus)
        for start in stride(from: 0, to: corpus.tokens.count - 2, by: 97) {
            let p = model.probabilities(after: corpus.tokens[start..<start + 2])
            #expect(abs(p.reduce(0, +) - 1) < 1e-12)
            #expect(p.allSatisfy { $0 > 0 })
        }
    }

    /// Greedy decoding on a corpus with a known cycle: from "x y" the most probable next
    /// words are a, b, c, and after "b c" a (seen twice) beats "." (once), so the text
    /// runs a b c a b c ... from its third token.
    @Test func greedyDecodingFindsTheKnownCycle() throws {
        let corpus = try Self.corpus("x y a b c a b c a b c.")
        let model = TrigramModel.trained(on: corpus)
        var generation = TextGeneration(prompt: try Self.ids(corpus, "x y"), seed: 1)
        for _ in 0..<12 { generation.step(model, temperature: .greedy, cuts: .none) }
        #expect(generation.generated.map { corpus.vocabulary[$0.token] }.joined(separator: " ")
            == "a b c a b c a b c a b c")
        #expect(GenerationReadout(generation).loop == RepetitionLoop(start: 2, period: 3))
    }
}

/// The loop finder and the distinct n-grams, on sequences whose answer is plain.
@Suite struct RepetitionTests {
    @Test(arguments: [
        ([1, 2, 3, 1, 2, 3], RepetitionLoop?.some(RepetitionLoop(start: 0, period: 3))),
        ([9, 1, 2, 1, 2], RepetitionLoop(start: 1, period: 2)),
        ([5, 1, 1, 1, 1], RepetitionLoop(start: 1, period: 1)),
        ([1, 2, 1, 2, 1], RepetitionLoop(start: 0, period: 2)),
        // Too short to call a loop, or no repetition at the end.
        ([7, 7], nil), ([4, 7, 7, 7], nil), ([1, 2, 3, 4], nil), ([1, 2, 1, 2, 3], nil), ([], nil),
    ])
    func theLoopAtTheEnd(_ tokens: [Int], _ expected: RepetitionLoop?) {
        #expect(RepetitionLoop.find(in: tokens) == expected)
    }

    @Test func distinctNGrams() {
        let pairs = DistinctNGrams([1, 2, 1, 2, 1], n: 2)
        #expect(pairs.distinct == 2 && pairs.total == 4 && pairs.ratio == 0.5)
        #expect(DistinctNGrams([1], n: 2).ratio == nil)
        #expect(DistinctNGrams([1, 2, 3], n: 3).distinct == 1)
    }
}

/// The generation's draws: reproducible from the seed, undone and redone alike, and
/// ranked as the decoder ranks.
@Suite struct TextGenerationTests {
    static let model = TrigramModel.trained(on: (try? ShippedCorpus.load()) ?? (try! CorpusReader.read(bytes: Array("a b".utf8), file: "x")))

    static func text(seed: UInt64, temperature: Temperature, count: Int = 40) -> [Int] {
        var generation = TextGeneration(prompt: TextGeneration.openings(of: model.corpus)[0], seed: seed)
        for _ in 0..<count { generation.step(model, temperature: temperature, cuts: .none) }
        return generation.tokens
    }

    @Test func theSameSeedGivesTheSameText() throws {
        #expect(Self.model.corpus.tokens.count > 4000)
        #expect(Self.text(seed: 7, temperature: .one) == Self.text(seed: 7, temperature: .one))
        #expect(Self.text(seed: 7, temperature: .one) != Self.text(seed: 8, temperature: .one))
    }

    /// A word taken back is drawn again by the same u: at the same T, the same word.
    @Test func takingBackRedrawsWithTheSameUniform() throws {
        var generation = TextGeneration(prompt: TextGeneration.openings(of: Self.model.corpus)[0], seed: 3)
        for _ in 0..<10 { generation.step(Self.model, temperature: .one, cuts: .none) }
        let before = generation
        generation.takeBack()
        generation.takeBack()
        #expect(generation.generated == Array(before.generated.prefix(8)))
        generation.step(Self.model, temperature: .one, cuts: .none)
        generation.step(Self.model, temperature: .one, cuts: .none)
        #expect(generation == before)
    }

    /// The chart's ten words are the decoder's ranking, and a draw picks the first word
    /// whose cumulative probability passes u.
    @Test func topWordsAreTheDecodersRanking() throws {
        let context = Array(Self.model.corpus.tokens.prefix(2))
        let choice = NextTokenChoice(model: Self.model, context: context, temperature: try Temperature(0.8), cuts: .none)
        #expect(choice.top(10) == Array(rankByScaledLogits(choice.logits, temperature: choice.temperature).prefix(10)))
        let cumulative = cumulativeSums(choice.probabilities)
        for u in [0.0, 0.3, 0.77, 0.999] {
            let w = choice.token(for: u)
            #expect(cumulative[w] > u && (w == 0 || cumulative[w - 1] <= u))
        }
    }
}
