import Experiments
import Foundation
@testable import LabUI
import LogitFiles
import SoftmaxCore
import Testing

/// The generation lab, trained once per test process on the shipped corpus (a few
/// steps), and the states the tests look at.
enum GenerationFixture {
    static let index = Chapters.index(named: "generation")!

    static func opened(temperature: Temperature = .one, corpus: Corpus? = nil) -> LabState {
        var lesson = LessonState(chapterIndex: index, instrument: ExplorerState(
            logits: [2, 1, 0.5, 0.1, -1], temperature: temperature, seed: 7, animates: false))
        if let corpus { lesson.trigramLab = TrigramLabSettings(corpus: corpus) }
        return LabState(mode: .lesson, lesson: lesson)
    }

    static let trained: LabState = {
        var state = opened()
        state.lesson.finishWork()
        return state
    }()

    /// The trained lab at T after `keys` (each followed by the work it starts).
    static func state(_ keys: String = "", temperature: Temperature = .one) -> LabState {
        var state = trained
        state.explorer.apply(.temperatureSet(temperature))
        state.press(try! KeyNames.parse(keys))
        return state
    }

    static func screen(_ state: LabState, _ w: Int = 80, _ h: Int = 24, ascii: Bool = false, big: Bool = false) -> String {
        LabScreen.render(state, width: w, height: h, options: ScreenOptions(unicode: !ascii, color: false, big: big)).text
    }

    static var model: TrigramModel { trained.lesson.trigramLab.work.trained! }

    /// A generation made apart from the lab: the corpus's first opening, seed 7.
    static func generation(_ count: Int, temperature: Temperature, cuts: TruncationSettings = .none) -> TextGeneration {
        var generation = TextGeneration(prompt: TextGeneration.openings(of: model.corpus)[0], seed: 7)
        for _ in 0..<count { generation.step(model, temperature: temperature, cuts: cuts) }
        return generation
    }

    static func flowed(_ screen: String) -> String {
        screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}

@Suite struct Chapter14GoldenTests {
    static let hot = try! Temperature(3)

    @Test func stepByStepAtBothSizes() {
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(GenerationFixture.screen(GenerationFixture.trained, w, h),
                                     named: "chapter-generation-start-\(w)x\(h)")
            GoldenFile.assertMatches(GenerationFixture.screen(GenerationFixture.state("g"), w, h),
                                     named: "chapter-generation-30-words-\(w)x\(h)")
        }
        GoldenFile.assertMatches(GenerationFixture.screen(GenerationFixture.state("g"), ascii: true),
                                 named: "chapter-generation-30-words-80x24-ascii")
        GoldenFile.assertMatches(GenerationFixture.screen(GenerationFixture.state("g"), 120, 40, big: true),
                                 named: "chapter-generation-30-words-big-120x40")
    }

    @Test func theFailureModes() {
        GoldenFile.assertMatches(GenerationFixture.screen(GenerationFixture.state("g g", temperature: .greedy)),
                                 named: "chapter-generation-greedy-loop-80x24")
        GoldenFile.assertMatches(GenerationFixture.screen(GenerationFixture.state("g", temperature: Self.hot)),
                                 named: "chapter-generation-T3-80x24")
        // At T = 3 with min-p 0.10 and top-k 10, in llama.cpp's order.
        GoldenFile.assertMatches(GenerationFixture.screen(GenerationFixture.state("x m x b g", temperature: Self.hot)),
                                 named: "chapter-generation-T3-cuts-80x24")
    }

    @Test func coldWarmAndHot() {
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(GenerationFixture.screen(GenerationFixture.state("n"), w, h),
                                     named: "chapter-generation-cold-warm-hot-\(w)x\(h)")
        }
        GoldenFile.assertMatches(GenerationFixture.screen(GenerationFixture.state("n"), ascii: true),
                                 named: "chapter-generation-cold-warm-hot-80x24-ascii")
    }

    @Test func openingOwnCorpusAndMissingCorpus() throws {
        GoldenFile.assertMatches(GenerationFixture.screen(GenerationFixture.opened()), named: "chapter-generation-opening-80x24")
        let own = try CorpusReader.read(bytes: Array("Kettles whistle. Ravens argue loudly; kettles sulk.".utf8), file: "/tmp/own.txt")
        var state = GenerationFixture.opened(corpus: own)
        state.press(try KeyNames.parse("g"))
        GoldenFile.assertMatches(GenerationFixture.screen(state), named: "chapter-generation-own-corpus-80x24")
        var missing = GenerationFixture.opened()
        missing.lesson.trigramLab.work = TrigramLabWork(loader: { () throws(ShippedCorpus.LoadError) in
            throw ShippedCorpus.LoadError("corpus not found: looked for harbour-town.txt in /nowhere/assets")
        })
        missing.lesson.finishWork()
        GoldenFile.assertMatches(GenerationFixture.screen(missing), named: "chapter-generation-missing-corpus-80x24")
    }
}

@Suite struct Chapter14FigureTests {
    /// The lab's first text is `generate --seed 7`'s: the same opening and uniforms, at the
    /// dial's T; its readout is that text's, and the drawn line the last word's.
    @Test func theTextIsTheGenerationOfTheSeed() throws {
        let state = GenerationFixture.state("g")
        let expected = GenerationFixture.generation(30, temperature: .one)
        #expect(state.lesson.trigramLab.generation == expected)
        let screen = GenerationFixture.screen(state)
        let readout = GenerationReadout(expected)
        let mean = try #require(readout.meanSurprise)
        #expect(screen.contains("30 words · mean surprise \(String(format: "%.2f", mean)) bits · distinct pairs "
            + "\(readout.distinctPairs.distinct)/\(readout.distinctPairs.total) · no loop"), "\(screen)")
        let last = try #require(expected.generated.last)
        #expect(screen.contains("P \(String(format: "%.1f", 100 * last.modelProbability))%, "
            + "surprise −log2 P = \(String(format: "%.2f", -log2(last.modelProbability))) bits"), "\(screen)")
    }

    /// The chart is the next word's distribution after the text (30 words drawn at the
    /// dial's T): the model's most probable words with ln P, and their share at that T.
    @Test(arguments: [1.0, 0.5, 2.0])
    func theChartIsTheNextWordsDistribution(_ t: Double) throws {
        let temperature = try Temperature(t)
        let state = GenerationFixture.state("g", temperature: temperature)
        let text = GenerationFixture.generation(30, temperature: temperature)
        let model = GenerationFixture.model
        let p = model.probabilities(after: text.tokens.suffix(2))
        let ranked = p.indices.sorted { p[$0] != p[$1] ? p[$0] > p[$1] : $0 < $1 }
        // softmax(ln P / T) = P^(1/T) / Σ P^(1/T), written out apart from SoftmaxCore.
        let powered = p.map { pow($0, 1 / t) }
        let total = powered.reduce(0, +)
        let lines = GenerationFixture.screen(state).split(separator: "\n")
        for w in ranked.prefix(3) {
            let word = model.corpus.vocabulary[w]
            let row = try #require(lines.first { $0.dropFirst(42).hasPrefix(word + " ") }, "\(word)")
            #expect(row.contains(String(format: "%.2f", log(p[w]))), "\(row)")
            // The column is rounded as a whole to add up to 100.0% (largest remainders), so
            // a share may read a tenth off its own rounding, never more.
            let shown = try #require(Double(row.split(separator: " ").last!.dropLast()))
            #expect(abs(shown - 100 * powered[w] / total) <= 0.1 + 1e-9, "\(row)")
        }
    }

    /// T → 0: greedy decoding falls into the loop the Python reference found (from token
    /// 12, every 7), marked where it starts.
    @Test func greedyDecodingLoopsAndTheLoopIsMarked() throws {
        let state = GenerationFixture.state("g g", temperature: .greedy)
        let generation = try #require(state.lesson.trigramLab.generation)
        #expect(GenerationReadout(generation).loop == RepetitionLoop(start: 12, period: 7))
        let screen = GenerationFixture.screen(state)
        #expect(screen.contains("and ⟨loop⟩ the children"))
        #expect(screen.contains("surprise 1.78 bits · distinct pairs 17/59 · a loop of 7 words"))
        #expect(GenerationFixture.screen(state, 120, 40).contains("a loop of 7 words from \"the\""))
        #expect(GenerationFixture.screen(state, ascii: true).contains("and <loop> the children"))
    }

    /// The three continuations are the seed's at T → 0, 1 and 3, each with its readout.
    @Test func coldWarmAndHotAreDrawnAtTheirTemperatures() throws {
        let state = GenerationFixture.state("n")
        let comparison = try #require(state.lesson.trigramLab.comparison)
        let screen = GenerationFixture.screen(state, 120, 40)
        var surprises: [Double] = []
        for (i, t) in TrigramLabSettings.comparisonTemperatures.enumerated() {
            let expected = GenerationFixture.generation(TrigramLabSettings.comparisonLength, temperature: t)
            #expect(comparison.generations[i] == expected)
            let surprise = try #require(GenerationReadout(expected).meanSurprise)
            surprises.append(surprise)
            #expect(screen.contains("surprise \(String(format: "%.2f", surprise)) bits"))
        }
        #expect(surprises[0] < surprises[1] && surprises[1] < surprises[2])
        // Turning the dial leaves them as they are; a cut draws them again.
        #expect(GenerationFixture.state("n", temperature: .greedy).lesson.trigramLab.comparison == comparison)
        #expect(GenerationFixture.state("x n").lesson.trigramLab.comparison?.cuts
            == (try TruncationSettings(topK: 10)))
    }
}

@Suite struct Chapter14KeyTests {
    @Test func backspaceTakesBackAndSpaceRedrawsWithTheSameUniform() throws {
        let ten = GenerationFixture.state("g")
        let back = GenerationFixture.state("g Backspace Backspace")
        #expect(back.lesson.trigramLab.generation?.generated == Array(ten.lesson.trigramLab.generation!.generated.prefix(28)))
        #expect(GenerationFixture.state("g Backspace Backspace s s").lesson.trigramLab.generation
            == ten.lesson.trigramLab.generation)
        // At the prompt there is nothing to take back, and the notice says so.
        let empty = GenerationFixture.state("Backspace")
        #expect(empty.explorer.notice?.text.contains("Nothing to take back") == true)
    }

    @Test func rDrawsAgainAndThePromptKeysMove() throws {
        let model = GenerationFixture.model
        let openings = TextGeneration.openings(of: model.corpus)
        let again = GenerationFixture.state("g r g")
        #expect(again.lesson.trigramLab.generation != GenerationFixture.state("g").lesson.trigramLab.generation)
        #expect(again.lesson.trigramLab.generation?.generated.count == 30)
        #expect(GenerationFixture.state(". g").lesson.trigramLab.generation?.prompt == openings[1])
        // "," cannot be written in a key list (it separates keys), so it is pressed here.
        var previous = GenerationFixture.trained
        previous.press([.character(",")])
        #expect(previous.lesson.trigramLab.generation?.prompt == openings.last)
        #expect(GenerationFixture.screen(previous).contains("prompt \(openings.count) of \(openings.count)"))
    }

    /// The cut keys set this lab's cuts, not chapter 7's; b puts them before T.
    @Test func theCutKeysAreTheLabsOwn() throws {
        let state = GenerationFixture.state("p x - b")
        #expect(state.lesson.trigramLab.truncation == (try TruncationSettings(topP: 0.85, order: [.topK, .topP, .minP, .temperature])))
        #expect(state.lesson.generation == GenerationSettings())
    }
}

@Suite struct Chapter14WorkTests {
    /// Opening the chapter does nothing at once: reading the corpus is one step, counting it
    /// the next, and a key pressed between two steps acts at once.
    @Test func trainingAndDrawingAreSteps() throws {
        var state = GenerationFixture.opened()
        #expect(state.lesson.isWorking)
        #expect(GenerationFixture.screen(state).contains("reading the corpus"))
        state.lesson.stepWork()
        #expect(state.lesson.trigramLab.work.model?.countedTokens == 0)
        state.handle(.character("g"))
        #expect(state.lesson.trigramLab.pendingWords == 30)
        state.lesson.stepWork()
        #expect(state.lesson.trigramLab.work.trained != nil)
        state.lesson.stepWork()
        #expect(state.lesson.trigramLab.generation?.generated.isEmpty == true)
        // The 30 words go in one step on a vocabulary this small; a large one takes fewer a step.
        #expect(TrigramLab.wordsPerStep(vocabularySize: GenerationFixture.model.vocabularySize) >= 30)
        #expect(TrigramLab.wordsPerStep(vocabularySize: 120_000) == 1)
        state.lesson.stepWork()
        #expect(state.lesson.trigramLab.generation?.generated.count == 30)
        #expect(!state.lesson.isWorking)
    }

    /// A corpus counted in many steps gives the model counted at once.
    @Test func aLargerCorpusIsCountedInStretches() throws {
        let text = String(repeating: "The tide comes in and the tide goes out, slowly. ", count: 5_000)
        let corpus = try CorpusReader.read(bytes: Array(text.utf8), file: "tides.txt")
        var state = GenerationFixture.opened(corpus: corpus)
        var steps = 0
        while state.lesson.trigramLab.work.isPending {
            state.lesson.stepWork()
            steps += 1
        }
        #expect(steps == (corpus.tokens.count + TrigramLabWork.tokensPerStep - 1) / TrigramLabWork.tokensPerStep)
        let context = Array(corpus.tokens.prefix(2))
        #expect(state.lesson.trigramLab.work.trained?.probabilities(after: context)
            == TrigramModel.trained(on: corpus).probabilities(after: context))
    }
}
