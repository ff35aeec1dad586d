import Foundation
@testable import LabUI
import LogitFiles
import SoftmaxCore
import Testing

/// The recorded-generation view (`--tokens FILE`): a generation written for these
/// tests, re-tempered at the dial's T with the cuts, checked against the closed form
/// of a softmax over the listed log-probabilities.
@Suite struct RecordingViewTests {
    /// Eight tokens; the fourth lists twelve alternatives, the sixth was chosen from
    /// outside its list, the seventh is a line break, and one alternative is masked.
    static let positions: [TokenLogprobs.Position] = {
        func position(_ token: String, _ chosen: Double?, _ list: [(String, Double)]) -> TokenLogprobs.Position {
            TokenLogprobs.Position(token: token, logprob: chosen, alternatives: list.map { (token: $0.0, logprob: $0.1) })
        }
        let twelve = (0..<12).map { i in (i == 3 ? " mat" : " w\(i)", -1.0 - 0.5 * Double(i)) }
        return [
            position("The", -0.2, [("The", -0.2), ("A", -1.9)]),
            position(" cat", -0.7, [(" cat", -0.7), (" dog", -1.2), (" bird", -2.3)]),
            position(" sat", -2.3, [(" ran", -0.36), (" slept", -1.6), (" sat", -2.3)]),
            position(" mat", -1.9, twelve),
            position(" on", -0.1, [(" on", -0.1), (" by", -.infinity)]),
            position(" 猫", -4.0, [(" the", -0.05), (" a", -3.2)]),
            position("\n", -0.5, [("\n", -0.5), (".", -1.0)]),
            position("It", nil, [("The", -0.9), ("A", -1.4)]),
        ]
    }()

    static func generation() -> RecordedGeneration {
        RecordedGeneration(name: "test.json", source: "OpenAI chat completions", postSampling: false,
                           positions: positions.compactMap(ListedTokens.init))!
    }

    static func lab(at position: Int = 0, temperature: Temperature = .one, cuts: TruncationSettings = .none) -> LabState {
        var lesson = LessonState(instrument: ExplorerState(logits: [2, 1, 0.5], temperature: temperature, seed: 3,
                                                           animates: false))
        lesson.decoding = GenerationSettings(cuts)
        return LabState(mode: .recording, lesson: lesson, recording: RecordingState(generation(), position: position))
    }

    static func screen(_ s: LabState, _ w: Int = 80, _ h: Int = 24, unicode: Bool = true) -> String {
        LabScreen.render(s, width: w, height: h, options: ScreenOptions(unicode: unicode, color: false)).text
    }

    /// softmax(z/T) over the listed tokens, by the textbook formula.
    static func closedForm(_ logprobs: [Double], _ t: Double) -> [Double] {
        let top = logprobs.max()!
        let w = logprobs.map { exp(($0 - top) / t) }
        let sum = w.reduce(0, +)
        return w.map { $0 / sum }
    }

    @Test(arguments: [0.5, 1.0, 2.5])
    func theProbabilitiesAtTAreTheSoftmaxOfTheListedLogprobs(t: Double) throws {
        for listed in Self.generation().positions {
            let r = RetemperedTokens(listed, temperature: try Temperature(t), cuts: .none)
            let expected = Self.closedForm(listed.logprobs, t)
            for (p, q) in zip(r.distribution.probabilities, expected) { #expect(abs(p - q) <= 1e-14) }
            if let chosen = listed.chosen {
                #expect(abs(r.surprise! + log(expected[chosen])) <= 1e-12)
            }
        }
    }

    @Test func theScreenShowsTheChosenTokensShareAndSurprise() throws {
        let s = Self.lab(at: 1, temperature: try Temperature(0.5))
        let p = Self.closedForm([-0.7, -1.2, -2.3], 0.5)
        let text = Self.screen(s)
        #expect(text.contains("chosen \" cat\": \(PercentText.of(exp(-0.7))) reported, \(PercentText.of(p[0])) at T"), "\(text)")
        #expect(text.contains("surprise \(NumberFormat.fixed(-log(p[0]), decimals: 2)) nats"))
        #expect(text.contains("The cat"))
        #expect(text.contains("token 2 of 8"))
    }

    @Test func aCutChosenTokenIsCutWithInfiniteSurprise() throws {
        let s = Self.lab(at: 2, temperature: try Temperature(0.8), cuts: try TruncationSettings(topP: 0.9))
        let r = RetemperedTokens(s.recording!.current, temperature: s.explorer.temperature, cuts: s.lesson.decoding.truncation)
        #expect(r.chosenSurvives == false)
        #expect(r.surprise == .infinity)
        #expect(SurpriseBand(r) == .cut)
        let text = Self.screen(s)
        #expect(text.contains("cut at T · surprise ∞"), "\(text)")
        #expect(text.contains("the cuts keep 2 of 3"))
    }

    @Test func theBandsFollowTheSurprise() throws {
        let listed = Self.generation().positions
        // p = e^-0.2/(e^-0.2+e^-1.9): under 1 nat.
        #expect(SurpriseBand(RetemperedTokens(listed[0], temperature: .one, cuts: .none)) == .low)
        // " sat" at T = 1 among three: p ≈ 0.074, 2.6 nats.
        #expect(SurpriseBand(RetemperedTokens(listed[2], temperature: .one, cuts: .none)) == .middle)
        // " 猫" was not listed; its logprob -4 against -0.05 and -3.2: above 3 nats.
        #expect(SurpriseBand(RetemperedTokens(listed[5], temperature: .one, cuts: .none)) == .high)
        // At T → 0 a runner-up has no weight but is not cut: high, with surprise +∞.
        let greedy = RetemperedTokens(listed[2], temperature: .greedy, cuts: .none)
        #expect(greedy.surprise == .infinity && greedy.chosenSurvives == true && SurpriseBand(greedy) == .high)
        // "It" has no log-probability and is not listed.
        #expect(SurpriseBand(RetemperedTokens(listed[7], temperature: .one, cuts: .none)) == .unknown)
    }

    @Test func atTheUniformLimitEveryUnmaskedListedTokenIsEqual() {
        let r = RetemperedTokens(Self.generation().positions[4], temperature: .uniform, cuts: .none)
        #expect(r.distribution.probabilities == [1, 0])
        let twelve = RetemperedTokens(Self.generation().positions[3], temperature: .uniform, cuts: .none)
        #expect(twelve.distribution.probabilities.allSatisfy { abs($0 - 1.0 / 12) <= 1e-15 })
    }

    @Test func tenAlternativesAreShownAndTheRestSummed() {
        let text = Self.screen(Self.lab(at: 3))
        #expect(text.contains("\" w9\""))
        #expect(!text.contains("\" w10\""))
        let rest = Self.closedForm((0..<12).map { -1.0 - 0.5 * Double($0) }, 1)[10...].reduce(0, +)
        #expect(text.contains("2 more: \(PercentText.of(rest)) at T"), "\(text)")
    }

    @Test func aMaskedAlternativeReadsMaskedAndIsNeverKept() {
        let s = Self.lab(at: 4)
        let r = RetemperedTokens(s.recording!.current, temperature: .uniform, cuts: .none)
        #expect(r.distribution.probabilities == [1, 0])
        #expect(!r.distribution.kept[1])
        let row = Self.screen(s).split(separator: "\n").first { $0.contains("\" by\"") } ?? ""
        #expect(row.contains("masked") && row.hasSuffix("cut"), "\(row)")
    }

    @Test func keysStepThroughThePositionsAndStopAtTheEnds() {
        var s = Self.lab()
        s.handle(.up)
        #expect(s.recording?.position == 0)
        for _ in 0..<3 { s.handle(.down) }
        #expect(s.recording?.position == 3)
        s.handle(.character("G"))
        #expect(s.recording?.position == 7)
        s.handle(.character(">"))
        #expect(s.recording?.position == 7)
        s.handle(.character("g"))
        #expect(s.recording?.position == 0)
    }

    @Test func temperatureAndCutKeysActOnTheSharedTAndTheDecoderCuts() {
        var s = Self.lab()
        s.handle(.right)
        #expect(s.explorer.temperature.value > 1)
        s.handle(.character("k"))
        s.handle(.character("+"))
        #expect(s.lesson.decoding.enabled.contains(.topK))
        #expect(s.lesson.generation == LessonState(instrument: ExplorerState()).generation)
        // Explorer keys that would act on the hidden explorer do nothing here.
        let before = s.explorer.logits
        for key in [Key.character("a"), .character("x"), .character(" "), .character("d")] { s.handle(key) }
        #expect(s.explorer.logits == before && s.explorer.histogram.total == 0)
    }

    @Test func tabGoesToTheLessonAndBackToTheRecording() {
        var s = Self.lab(at: 2)
        s.handle(.tab)
        #expect(s.mode == .lesson)
        #expect(Self.screen(s).contains("Tab generation"))
        s.handle(.tab)
        #expect(s.mode == .recording && s.recording?.position == 2)
    }

    @Test func ePutsThePositionInTheExplorerAndGComesBack() throws {
        var s = Self.lab(at: 3, temperature: try Temperature(0.7))
        s.handle(.character("e"))
        #expect(s.mode == .explorer)
        #expect(s.explorer.logits == (0..<10).map { -1.0 - 0.5 * Double($0) })
        #expect(s.explorer.labels[3] == "␣mat")
        #expect(s.explorer.temperature == (try Temperature(0.7)))
        s.handle(.character("g"))
        #expect(s.mode == .recording)
    }

    @Test func aClickOnATokenShowsThatPosition() {
        var model = LabModel(state: Self.lab(at: 7), options: ScreenOptions(color: false))
        let grid = model.render(width: 80, height: 24)
        let target = grid.targets.first { $0.kind == .recordedPosition(1) }!
        model.handle(.mouse(MouseEvent(kind: .press, x: target.area.x, y: target.area.y, screenWidth: 80, screenHeight: 24)))
        #expect(model.state.recording?.position == 1)
    }

    @Test func theTextWrapsAtSpacesAndBreaksAtLineBreaks() {
        let lines = RecordedTextFlow.lines(["The", " robot", " paused", "↵\n", "It"], width: 10)
        let texts = lines.map { String($0.map(\.character)) }
        #expect(texts == ["The robot ", "paused↵", "It"])
        #expect(lines[1].first?.position == 2 && lines[2].first?.position == 4)
        let wide = RecordedTextFlow.lines(["猫猫猫"], width: 4)
        #expect(wide.map { $0.reduce(0) { $0 + $1.width } } == [4, 2])
    }

    @Test func controlCharactersInATokenCannotReachTheTerminal() {
        let shown = RecordedText.shown("a\u{1B}[2Jb\tc\r", glyphs: .unicode)
        #expect(shown == "a�[2Jb c")
        #expect(RecordedText.shown("", glyphs: .unicode) == "∅")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func goldenScreens(width: Int, height: Int) throws {
        let cuts = try TruncationSettings(topK: 5, topP: 0.9)
        let states = [("start", Self.lab()), ("twelve-listed-T0.7-cuts", Self.lab(at: 3, temperature: try Temperature(0.7), cuts: cuts)),
                      ("cut-chosen", Self.lab(at: 2, temperature: try Temperature(0.8), cuts: try TruncationSettings(topP: 0.9))),
                      ("last-greedy", Self.lab(at: 7, temperature: .greedy))]
        for (name, state) in states {
            GoldenFile.assertMatches(Self.screen(state, width, height), named: "recording-\(name)-\(width)x\(height)")
        }
        GoldenFile.assertMatches(Self.screen(Self.lab(at: 5), width, height, unicode: false),
                                 named: "recording-ascii-\(width)x\(height)")
    }
}

extension RecordingViewTests {
    /// The generation lab opens the recorded generation given with --tokens; Tab comes back.
    @Test func theGenerationLabOpensTheRecording() throws {
        var s = Self.lab()
        s.mode = .lesson
        s.lesson.go(to: try #require(Chapters.index(named: "generation")))
        s.handle(.character("w"))
        #expect(s.mode == .recording)
        s.handle(.tab)
        #expect(s.mode == .lesson && s.lesson.chapter.name == "generation")
        var none = LabState(mode: .lesson, lesson: s.lesson)
        none.handle(.character("w"))
        #expect(none.mode == .lesson)
        #expect(none.explorer.notice?.text.contains("--tokens") == true)
    }
}
