@testable import SoftmaxCore
import Testing

/// The nucleus found from a few buckets of candidates must be exactly the one the full
/// ranking gives: the same kept classes and the same probabilities, bit for bit, over
/// seeded vocabularies with ties and masked classes and every kind of cut.
@Suite struct TruncationCandidatesTests {
    @Test(arguments: [5_000, 20_000, 128_256])
    func candidatesGiveWhatRankingEverythingGives(classCount: Int) throws {
        var generator = SeededGenerator(seed: UInt64(classCount))
        var checked = 0, tookTheShortPath = 0
        for round in 0..<12 {
            var logits = (0..<classCount).map { _ in (generator.nextUniform() - 0.5) * 16 }
            // Ties: some logits rounded to a coarse grid; and a few masked classes.
            for i in stride(from: round % 7, to: classCount, by: 11) { logits[i] = (logits[i] * 2).rounded() / 2 }
            for i in stride(from: round % 5, to: classCount, by: 997) { logits[i] = -.infinity }
            let t = try Temperature([0.3, 0.8, 1, 2.5][round % 4])
            let settings = try TruncationSettings(
                topK: [nil, 1, 40, 3_000][round % 4],
                topP: [0.1, 0.5, 0.9, 0.99, nil, 1][round % 6],
                minP: [nil, 0.01, 0.2][round % 3],
                minKeep: [1, 5][round % 2])
            let final = softmax(logits, temperature: t)
            let expected = truncatedSoftmaxRankingAll(logits, final: final, temperature: t, settings)
            let got = truncatedSoftmax(logits, temperature: t, settings)
            #expect(got == expected, "round \(round): \(settings)")
            checked += 1
            if TruncationCandidates.ranked(logits, probabilities: final, temperature: t, settings) != nil { tookTheShortPath += 1 }
        }
        #expect(checked == 12)
        // The short path must actually be taken, or this test checks nothing.
        #expect(tookTheShortPath >= 8)
    }
}
