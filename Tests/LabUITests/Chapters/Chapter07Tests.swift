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

    /// From the defaults: top-k picked and switched off; top-p picked, 0.90 → 0.75; min-p picked, 0.10 → 0.30.
    static let secondSettingKeys: [Key] = [
        .character("k"), .character("x"), .character("p"), .character("-"), .character("-"), .character("-"),
        .character("m"), .character("+"), .character("+"), .character("+"), .character("+"),
    ]

    @Test func snapshots() throws {
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(Self.screen(Self.lab(), width: w, height: h), named: "chapter-07-default-\(w)x\(h)")
            let hot = Self.pressing(Self.secondSettingKeys, from: Self.lab(temperature: try Temperature(2)))
            GoldenFile.assertMatches(Self.screen(hot, width: w, height: h), named: "chapter-07-hot-\(w)x\(h)")
        }
        // T → ∞: top-p and min-p cut at the same word, so they share one mark.
        GoldenFile.assertMatches(Self.screen(Self.lab(temperature: .uniform)), named: "chapter-07-cuts-together-80x24")
    }

    @Test func kpmOnlyPickACutAndXSwitchesThePickedOne() {
        let cuts: [(Character, GenerationSettings.Cut)] = [("k", .topK), ("p", .topP), ("m", .minP)]
        for (key, cut) in cuts {
            let picked = Self.pressing([.character(key)]).lesson.generation
            #expect(picked.picked == cut)
            #expect(picked.enabled == [.topK, .topP, .minP], "\(key) must not switch a cut")
            #expect(picked.topK == 10 && picked.topPHundredths == 90 && picked.minPHundredths == 10)
            let off = Self.pressing([.character(key), .character("x")]).lesson.generation
            #expect(off.enabled == Set(GenerationSettings.Cut.allCases).subtracting([cut]))
            let on = Self.pressing([.character(key), .character("x"), .character("x")]).lesson.generation
            #expect(on.enabled == Set(GenerationSettings.Cut.allCases))
        }
        // Picking the same cut twice is still only a pick.
        #expect(Self.pressing([.character("p"), .character("p")]).lesson.generation.enabled.count == 3)
    }

    @Test func keysPickSwitchAndAdjustTheCuts() throws {
        let s = Self.pressing(Self.secondSettingKeys).lesson.generation
        #expect(s.enabled == [.topP, .minP])
        #expect(s.topK == 10)
        #expect(s.topPHundredths == 75)
        #expect(s.minPHundredths == 30)
        #expect(s.picked == .minP)
        #expect(s.truncation == (try TruncationSettings(topP: 0.75, minP: 0.3)))
    }

    @Test func adjustingACutThatIsOffSwitchesItOn() {
        let s = Self.pressing([.character("k"), .character("x"), .character("+")]).lesson.generation
        #expect(s.enabled.contains(.topK))
        #expect(s.topK == 11)
    }

    @Test func cutsStayInRange() {
        let low = Self.pressing([.character("k")] + Array(repeating: .character("-"), count: 30)).lesson.generation
        #expect(low.topK == 1)
        let high = Self.pressing(Array(repeating: .character("+"), count: 30)).lesson.generation
        #expect(high.topK == 20)
        let p = Self.pressing([.character("p")] + Array(repeating: .character("-"), count: 30))
        #expect(p.lesson.generation.topPHundredths == 5)
        let m = Self.pressing([.character("m")] + Array(repeating: .character("+"), count: 30))
        #expect(m.lesson.generation.minPHundredths == 100)
        let m0 = Self.pressing([.character("m")] + Array(repeating: .character("-"), count: 30))
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
        #expect(Self.screen(onlyTop).contains("mat, mat, mat, mat,"))
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
        #expect(Self.prose(Self.lab(temperature: .greedy)).contains("1 of 20 remains."))
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

    /// At T → ∞ every word has 1/20. Top-k 10 keeps 10 (half the mass); top-p 0.90 needs
    /// 0.9 × 0.5 = 0.45, nine words; min-p's floor 0.1 × 5% cuts none of them. So p and m
    /// fall on one edge, 9/20 of the way along the 76-column bar, and k on 10/20.
    @Test func cutsThatFallTogetherShareOneReadableMark() {
        let lines = Self.screen(Self.lab(temperature: .uniform)).split(separator: "\n", omittingEmptySubsequences: false)
        guard let row = lines.first(where: { $0.contains("cut here:") }).map(String.init) else {
            Issue.record("no cut row")
            return
        }
        let pm = 2 + Int((9.0 / 20 * 76).rounded())
        let k = 2 + Int((10.0 / 20 * 76).rounded())
        #expect(Array(row).indices.contains(pm + 2))
        #expect(String(Array(row)[pm..<(pm + 3)]) == "p,m", "\(row)")
        #expect(Array(row)[k] == "k", "\(row)")
        #expect(!row.contains("pm") && !row.contains("mk") && !row.contains("pk"))
    }

    /// Whatever the settings and T, the marks stay inside the bar, in order, and a
    /// column apart; every cut that is on is named once.
    @Test func cutMarksNeverRunTogether() throws {
        let settingsList = try [
            TruncationSettings(topK: 10, topP: 0.9, minP: 0.1), TruncationSettings(topK: 1, topP: 0.05, minP: 1),
            TruncationSettings(topK: 20, topP: 1, minP: 0), TruncationSettings(topK: 2, minP: 0.5),
            TruncationSettings(topP: 0.5, minP: 0.3), TruncationSettings(topK: 19, topP: 0.95),
        ]
        let temperatures = try [Temperature.greedy, .uniform] + TemperatureDial.ladder.map { try Temperature($0) }
        for settings in settingsList {
            for t in temperatures {
                let report = CutReport(logits: NextWordVocabulary.logits, temperature: t, settings: settings)
                for width in [40, 76, 116] {
                    let edges = CumulativeBar.boundaries(of: report.ranking.map { report.probabilities[$0] }, width: width)
                    let marks = GenerationPanel.cutMarks(settings, report: report, edges: edges, width: width)
                    let letters = marks.flatMap { $0.text.split(separator: ",").map(String.init) }
                    let on = [settings.topK != nil ? "k" : nil, settings.topP != nil ? "p" : nil,
                              settings.minP != nil ? "m" : nil].compactMap { $0 }
                    #expect(letters.sorted() == on.sorted())
                    for (a, b) in zip(marks, marks.dropFirst()) {
                        #expect(a.x + a.text.count < b.x, "T \(t.value) width \(width): \(marks)")
                    }
                    #expect(marks.allSatisfy { $0.x >= 0 && $0.x + $0.text.count <= width })
                }
            }
        }
    }

    /// Each column of percentages is one distribution rounded as a whole: the list's
    /// "after T" column and its "after cuts" column each add up to 100.0, and each entry
    /// is within 0.1 of the closed form.
    @Test func percentageColumnsAddUpToAHundred() throws {
        for t in [Temperature.uniform, .one, try Temperature(2), try Temperature(0.7)] {
            let lines = Self.screen(Self.lab(temperature: t), width: 120, height: 40).split(separator: "\n")
            let rows = lines.filter { line in NextWordVocabulary.words.contains { line.hasPrefix("    \($0) ") } }
            #expect(rows.count == 20)
            // Each row: word, logit, bar, "after T", "after cuts" (or "cut"), then the right-hand column's text.
            let cells = rows.map { row -> [Substring] in
                let words = row.split(separator: " ")
                let first = words.firstIndex { $0.hasSuffix("%") } ?? 0
                return Array(words[first...].prefix(2))
            }
            let afterT = cells.map { Double($0[0].dropLast()) ?? -1 }
            let afterCuts = cells.compactMap { $0[1] == "cut" ? nil : Double($0[1].dropLast()) }
            let exact = closedFormSoftmax(NextWordVocabulary.logits, temperature: t.isUniform ? 1e300 : t.value)
            for (shown, p) in zip(afterT, exact) { #expect(abs(shown - 100 * p) <= 0.1 + 1e-9) }
            #expect(abs(afterT.reduce(0, +) - 100) < 1e-9, "after T at \(t.value): \(afterT)")
            #expect(abs(afterCuts.reduce(0, +) - 100) < 1e-9, "after cuts at \(t.value): \(afterCuts)")
        }
    }

    /// In ASCII at 80×24 every word of the chapter's text is on screen whole and no line runs past the edge.
    @Test func asciiTextKeepsWordsWhole() throws {
        for state in [Self.lab(), Self.lab(temperature: .greedy), Self.lab(temperature: .uniform),
                      Self.pressing(Self.secondSettingKeys, from: Self.lab(temperature: try Temperature(2)))] {
            let text = ChapterLayouts.screen(state, 80, 24, ascii: true)
            let report = CutReport(logits: NextWordVocabulary.logits, temperature: state.lesson.instrument.temperature,
                                   settings: state.lesson.generation.truncation)
            WholeWords.expect([GenerationText.introduction, GenerationText.cuts(report, settings: state.lesson.generation.truncation),
                               "Greedy (T → 0) always says"], on: text)
        }
    }

    /// The defect: words were ranked by their rounded probabilities. At T = 1e5 the logits
    /// 0 and 1e-12 give e^(−1e-17) = 1 and 1, one double, and the tie went to the earlier
    /// word; a decoder ranks by z/T, so the second word is the top and top-k 1 keeps it.
    @Test func wordsAreRankedByScaledLogitsWhereTheirProbabilitiesTie() throws {
        let logits = [0, 1e-12, -1]
        let hot = try Temperature(1e5)
        let p = softmax(logits, temperature: hot)
        #expect(p[0] == p[1], "the probabilities must tie for this test to mean anything")
        let report = CutReport(logits: logits, temperature: hot, settings: try TruncationSettings(topK: 1))
        #expect(report.ranking == [1, 0, 2])
        #expect(report.result.kept == [false, true, false])
        #expect(report.afterTopK == 1 && report.afterMinP == 1)
        // T = 1e300 on the vocabulary: every p is 1/20 as a double, and the words keep the
        // logits' order, which is the table's.
        let flat = CutReport(logits: NextWordVocabulary.logits, temperature: try Temperature(1e300), settings: .none)
        #expect(Set(flat.probabilities).count == 1)
        #expect(flat.ranking == Array(0..<20))
    }

    /// T = 0.001 (typed): mat's share is 1 − e^−1040·…, a double of exactly 1, and every other
    /// word's underflows to 0. Neither is certain, so the list reads ">99.9%" and "<0.1%",
    /// never 100% and 0%, in both columns; the survivors of top-k 3 keep their shares from
    /// the softmax of their own logits.
    @Test func sharesThatOnlyRoundReadAsBoundsNotCertainties() throws {
        let keys: [Key] = [.character("k")] + Array(repeating: .character("-"), count: 7)
            + [.character("p"), .character("x"), .character("m"), .character("x")]
        let state = Self.pressing(keys, from: Self.lab(temperature: try Temperature(0.001)))
        #expect(state.lesson.generation.truncation == (try TruncationSettings(topK: 3)))
        let text = Self.screen(state, width: 120, height: 40)
        let rows = text.split(separator: "\n").filter { line in NextWordVocabulary.words.contains { line.hasPrefix("    \($0) ") } }
        #expect(rows.count == 20)
        let cells = rows.map { $0.split(separator: " ").filter { $0.hasSuffix("%") || $0 == "cut" }.map(String.init) }
        #expect(cells.first == [">99.9%", ">99.9%"], "\(cells)")
        #expect(cells[1] == ["<0.1%", "<0.1%"] && cells[2] == ["<0.1%", "<0.1%"], "\(cells)")
        #expect(cells.dropFirst(3).allSatisfy { $0 == ["<0.1%", "cut"] }, "\(cells)")
        #expect(!text.contains("100%") && !text.contains(" 0%"), "\(text)")
        #expect(Self.prose(state).contains("top-k 3 keeps 3. 3 of 20 remain."))
        // Top-p at the same T keeps mat alone, holding all but e^−1040 of the mass: ">99.9%".
        let nucleus = Self.pressing([.character("k"), .character("x"), .character("m"), .character("x")],
                                    from: Self.lab(temperature: try Temperature(0.001)))
        #expect(Self.prose(nucleus).contains("top-p 0.90 keeps 1, the fewest holding 90.0% of that (>99.9%)"),
                "\(Self.prose(nucleus))")
    }

    /// The order of the stages is Hugging Face's (temperature, top-k, top-p, min-p in
    /// transformers' _get_logits_processor); llama.cpp's default sampler chain (common.h:
    /// … top_k, typ_p, top_p, min_p, xtc, temperature) applies T after the cuts. The page
    /// says whose order it follows, and that another exists.
    @Test func thePageSaysWhoseOrderItFollows() {
        let intro = GenerationText.introduction
        #expect(intro.contains("In Hugging Face's order T reshapes them, then top-k, top-p and min-p cut the tail"))
        #expect(intro.contains("llama.cpp's default applies T after the cuts."))
        #expect(Self.prose(Self.lab()).contains("llama.cpp's default applies T after the cuts."))
    }
}

/// Checks that a chapter's paragraphs are on an ASCII screen with every word whole:
/// each word of the paragraph, spelt in ASCII, is a word of the screen.
enum WholeWords {
    static func expect(_ paragraphs: [String], on screen: String, width: Int = 80,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = screen.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= width && $0.allSatisfy(\.isASCII) }, sourceLocation: sourceLocation)
        let words = Set(lines.flatMap { $0.split(separator: " ").map(String.init) })
        for paragraph in paragraphs {
            let missing = Glyphs.ascii.text(paragraph).split(separator: " ").map(String.init).filter { !words.contains($0) }
            #expect(missing.isEmpty, "cut or missing: \(missing)", sourceLocation: sourceLocation)
        }
    }
}
