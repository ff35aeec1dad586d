import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// Chapter 7, "Temperature in text generation": a Zipf-like vocabulary under T and the cuts.
@Suite struct Chapter07Tests {
    static let index = 6

    static func lab(temperature: Temperature = .one) -> LabState {
        LabState(mode: .lesson, lesson: LessonState(
            chapterIndex: index, instrument: ExplorerState(temperature: temperature, seed: 7, animates: false)))
    }

    static func pressing(_ keys: [Key], from state: LabState = lab()) -> LabState {
        var s = state
        for k in keys { s.handle(k) }
        return s
    }

    static func screen(_ state: LabState, width: Int = 80, height: Int = 24) -> String {
        LessonScreen.render(state.lesson, width: width, height: height).text
    }

    /// The screen's text with line breaks read as spaces, so a wrapped sentence can be found whole.
    static func prose(_ state: LabState) -> String {
        screen(state, width: 120, height: 40).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }

    /// From the defaults: top-k off; top-p 0.90 → 0.75; min-p 0.10 → 0.30.
    static let secondSettingKeys: [Key] = [
        .character("k"), .character("p"), .character("p"), .character("-"), .character("-"), .character("-"),
        .character("m"), .character("m"), .character("+"), .character("+"), .character("+"), .character("+"),
    ]

    @Test func snapshots() throws {
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(Self.screen(Self.lab(), width: w, height: h), named: "chapter-07-default-\(w)x\(h)")
            let hot = Self.pressing(Self.secondSettingKeys, from: Self.lab(temperature: try Temperature(2)))
            GoldenFile.assertMatches(Self.screen(hot, width: w, height: h), named: "chapter-07-hot-\(w)x\(h)")
        }
    }

    @Test func keysToggleAndAdjustTheCuts() throws {
        let s = Self.pressing(Self.secondSettingKeys).lesson.generation
        #expect(s.enabled == [.topP, .minP])
        #expect(s.topK == 10)
        #expect(s.topPHundredths == 75)
        #expect(s.minPHundredths == 30)
        #expect(s.picked == .minP)
        #expect(s.truncation == (try TruncationSettings(topP: 0.75, minP: 0.3)))
    }

    @Test func adjustingACutThatIsOffSwitchesItOn() {
        let s = Self.pressing([.character("k"), .character("+")]).lesson.generation
        #expect(s.enabled.contains(.topK))
        #expect(s.topK == 11)
    }

    @Test func cutsStayInRange() {
        let low = Self.pressing([.character("k")] + Array(repeating: .character("-"), count: 30)).lesson.generation
        #expect(low.topK == 1)
        let high = Self.pressing(Array(repeating: .character("+"), count: 30)).lesson.generation
        #expect(high.topK == 20)
        let p = Self.pressing([.character("p"), .character("p")] + Array(repeating: .character("-"), count: 30))
        #expect(p.lesson.generation.topPHundredths == 5)
        let m = Self.pressing([.character("m"), .character("m")] + Array(repeating: .character("+"), count: 30))
        #expect(m.lesson.generation.minPHundredths == 100)
        let m0 = Self.pressing([.character("m"), .character("m")] + Array(repeating: .character("-"), count: 30))
        #expect(m0.lesson.generation.minPHundredths == 0)
    }

    @Test func spaceDrawsANewReproducibleBatchAndArrowsStillTurnT() {
        let once = Self.pressing([.character(" ")])
        #expect(once.lesson.generation.sampleRound == 1)
        #expect(once.lesson.instrument.histogram.total == 0)
        #expect(Self.screen(once) == Self.screen(Self.pressing([.character(" ")])))
        #expect(Self.screen(once) != Self.screen(Self.lab()))
        #expect(Self.pressing([.right]).lesson.instrument.temperature != .one)
    }

    @Test func samplesComeOnlyFromTheWordsTheCutsKeep() throws {
        for round in 0..<20 as Range<UInt64> {
            let report = CutReport(logits: NextWordVocabulary.logits, temperature: try Temperature(3),
                                   settings: try TruncationSettings(topK: 3))
            let drawn = GenerationPanel.samples(from: report.result.probabilities, seed: 7, round: round)
            #expect(drawn.count == GenerationPanel.sampleCount)
            #expect(drawn.allSatisfy { $0 < 3 })
        }
        let onlyTop = Self.pressing([.character("k")] + Array(repeating: .character("-"), count: 20))
        #expect(Self.screen(onlyTop).contains("mat · mat · mat · mat ·"))
    }

    @Test func greedyIsTheTopWordAtAnyTemperature() throws {
        for t in [Temperature.greedy, try Temperature(0.3), .one, try Temperature(20), .uniform] {
            #expect(Self.prose(Self.lab(temperature: t)).contains("The cat sat on the mat."))
        }
    }

    @Test func theLimitsNeverShowNaN() {
        for t in [Temperature.greedy, .uniform] {
            let text = Self.screen(Self.lab(temperature: t), width: 120, height: 40)
            #expect(!text.contains("nan"))
        }
        // At T → 0 only mat has any mass; at T → ∞ all 20 share it, 5% each.
        #expect(Self.prose(Self.lab(temperature: .greedy)).contains("1 of 20 remain"))
        #expect(Self.prose(Self.lab(temperature: .uniform)).contains("5.0%"))
    }

    /// The vocabulary ships as data: the Swift table must say what the asset file says.
    @Test func vocabularyEqualsTheAssetFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("assets/next-word-vocabulary.tsv"), encoding: .utf8)
        #expect(text.contains("Source: written for Softmax Lab"))
        #expect(text.contains("Licence: MIT"))
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t") }
        #expect(rows.map { String($0[0]) } == NextWordVocabulary.words)
        #expect(rows.map { Double(String($0[1])) } == NextWordVocabulary.logits.map { Optional($0) })
    }

    /// z_r = 2 − 1.5 ln r, rounded to three decimals.
    @Test func logitsFollowTheDocumentedZipfLaw() {
        for (i, z) in NextWordVocabulary.logits.enumerated() {
            let law = 2 - 1.5 * Foundation.log(Double(i + 1))
            #expect(abs(z - law) <= 0.0005 + 1e-12, "rank \(i + 1)")
        }
        #expect(Self.prose(Self.lab()).contains("z = 2 − 1.5 × ln(rank)"))
    }

    /// Reference values from Python mpmath (mp.dps = 30) over the asset file's logits, written
    /// from the definitions rather than from the Swift code:
    ///   e = [exp(x / T) for x in z]; q = [x / sum(e) for x in e]   # already in rank order
    ///   n = k or 20; mass = sum(q[:n])
    ///   top-p: c = cnt = 0; for x in q[:n]: (break if cnt and c >= p * mass); c += x; cnt += 1
    ///   held = sum(q[:cnt]) / mass; min-p: n = max(1, #{x in q[:cnt] : x >= m * q[0]})
    ///   after cuts: q[:n] / sum(q[:n])
    @Test func cutLineMatchesAnIndependentComputation() throws {
        // T = 1, top-k 10, top-p 0.9, min-p 0.1: 10 -> 6 (holding 91.638224 %) -> 4, floor 4.6070416 %,
        // top 46.070416 %; after cuts 59.8464, 21.15299, 11.516506, 7.4841038 %.
        let first = Self.prose(Self.lab())
        #expect(first.contains("top-k 10 keeps 10; top-p 0.90 keeps 6, the fewest holding 90.0% of that (91.6%); "
                               + "min-p 0.10 drops 2 below 4.6%, 10.0% of mat's 46.1%. 4 of 20 remain."))
        for share in ["59.8%", "21.2%", "11.5%", "7.5%"] { #expect(first.contains(share)) }
        // T = 2, top-k off, top-p 0.75, min-p 0.3: 20 -> 11 (holding 77.416988 %) -> 4, floor 5.9170545 %,
        // top 19.723515 %; after cuts 41.896654, 24.908422, 18.37895, 14.815975 %.
        let second = Self.prose(Self.pressing(Self.secondSettingKeys, from: Self.lab(temperature: try Temperature(2))))
        #expect(second.contains("top-p 0.75 keeps 11, the fewest holding 75.0% of that (77.4%); "
                                + "min-p 0.30 drops 7 below 5.9%, 30.0% of mat's 19.7%. 4 of 20 remain."))
        for share in ["41.9%", "24.9%", "18.4%", "14.8%"] { #expect(second.contains(share)) }
        // T = 0.5, top-k 3, min-p 0.05: 3 -> 2, floor 4.163877 %, top 83.277539 %; after cuts 88.894403, 11.105597 %.
        let third = CutReport(logits: NextWordVocabulary.logits, temperature: try Temperature(0.5),
                              settings: try TruncationSettings(topK: 3, minP: 0.05))
        #expect(GenerationText.cuts(third, settings: try TruncationSettings(topK: 3, minP: 0.05))
                == "top-k 3 keeps 3; min-p 0.05 drops 1 below 4.2%, 5.0% of mat's 83.3%. 2 of 20 remain.")
    }
}
