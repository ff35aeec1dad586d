import Experiments
import Foundation
import LogitFiles
import SoftmaxCore
import Testing

/// What Reference/make_trigram_reference.py wrote: the shipped corpus split by Python's
/// unicodedata, the model's distributions in exact fractions, and generations drawn with
/// numpy and a Python copy of xoshiro256**.
struct TrigramReference: Decodable, Sendable {
    struct Distribution: Decodable, Sendable {
        struct Entry: Decodable, Sendable {
            let token: Int
            let P: Double
        }

        let context: [String]
        let entropy: Double
        let top: [Entry]
        let first: [Double]
    }

    struct Loop: Decodable, Sendable {
        let start: Int
        let period: Int
    }

    struct Generation: Decodable, Sendable, CustomTestStringConvertible {
        let seed: UInt64
        let temperature: Double
        let count: Int
        let topK: Int?
        let topP: Double?
        let minP: Double?
        let tokens: [Int]
        let P: [Double]
        let surprise: [Double]
        let meanSurprise: Double
        let distinctPairs: Int
        let pairs: Int
        let loop: Loop?

        var testDescription: String { "T = \(temperature), seed \(seed), top-k \(topK ?? 0), top-p \(topP ?? 1)" }
    }

    let discount: Double
    let vocabulary: [String]
    let tokens: [Int]
    let distributions: [Distribution]
    let prompt: [Int]
    let generations: [Generation]

    static let loaded: Result<TrigramReference, any Error> = Result {
        try References.decode(TrigramReference.self, from: "trigram_reference.json")
    }

    static var generations: [Generation] { (try? loaded.get())?.generations ?? [] }
}

@Suite struct TrigramReferenceTests {
    static let model = Result { TrigramModel.trained(on: try ShippedCorpus.load()) }

    @Test func theCorpusIsSplitAsPythonSplitsIt() throws {
        let reference = try TrigramReference.loaded.get()
        let corpus = try Self.model.get().corpus
        #expect(corpus.vocabulary == reference.vocabulary)
        #expect(corpus.tokens == reference.tokens)
        #expect(TextGeneration.openings(of: corpus)[0] == reference.prompt)
        #expect(TrigramModel.defaultDiscount == reference.discount)
    }

    /// Each distribution against exact fractions: its entropy (every P enters it), the 15
    /// most probable tokens in order, and the first 20 tokens' P.
    @Test func distributionsMatchExactFractions() throws {
        let reference = try TrigramReference.loaded.get()
        let model = try Self.model.get()
        #expect(reference.distributions.count >= 8)
        for d in reference.distributions {
            let context = try d.context.map { try #require(model.corpus.id(of: $0)) }
            let p = model.probabilities(after: context)
            let entropy = -p.reduce(0) { $0 + $1 * log($1) }
            #expect(isClose(entropy, d.entropy, relative: 1e-12), "\(d.context)")
            let choice = NextTokenChoice(model: model, context: context, temperature: .one, cuts: .none)
            #expect(choice.top(15) == d.top.map(\.token), "\(d.context)")
            #expect(agree(d.top.map { p[$0.token] }, d.top.map(\.P), tolerance: 1e-14), "\(d.context)")
            #expect(agree(Array(p.prefix(20)), d.first, tolerance: 1e-14), "\(d.context)")
        }
    }

    /// The same prompt, seed, T and cuts draw the same tokens as numpy does, with the
    /// same P, surprise, distinct pairs and loop.
    @Test(arguments: TrigramReference.generations)
    func generationsMatchNumpy(_ g: TrigramReference.Generation) throws {
        let reference = try TrigramReference.loaded.get()
        let model = try Self.model.get()
        let cuts = try TruncationSettings(topK: g.topK, topP: g.topP, minP: g.minP)
        var generation = TextGeneration(prompt: reference.prompt, seed: g.seed)
        for _ in 0..<g.count { generation.step(model, temperature: try Temperature(g.temperature), cuts: cuts) }
        #expect(generation.generated.map(\.token) == g.tokens)
        #expect(agree(generation.generated.map(\.modelProbability), g.P, tolerance: 1e-14))
        #expect(agree(generation.generated.map(\.surprise), g.surprise, tolerance: 1e-13))
        let readout = GenerationReadout(generation)
        #expect(isClose(try #require(readout.meanSurprise), g.meanSurprise, relative: 1e-13))
        #expect(readout.distinctPairs.distinct == g.distinctPairs && readout.distinctPairs.total == g.pairs)
        #expect(readout.loop?.start == g.loop?.start && readout.loop?.period == g.loop?.period)
    }

    /// The failure modes the reference shows: greedy loops, T = 3 is far more surprised
    /// than T = 1 and repeats no pair.
    @Test func theReferenceShowsBothFailureModes() throws {
        let g = try TrigramReference.loaded.get().generations
        let greedy = try #require(g.first { $0.temperature == 0 })
        let warm = try #require(g.first { $0.temperature == 1 && $0.topK == nil && $0.topP == nil })
        let hot = try #require(g.first { $0.temperature == 3 })
        #expect(greedy.loop != nil && warm.loop == nil && hot.loop == nil)
        #expect(hot.meanSurprise > 3 * warm.meanSurprise && greedy.meanSurprise < warm.meanSurprise)
        #expect(hot.distinctPairs == hot.pairs && greedy.distinctPairs < greedy.pairs / 2)
    }
}
