import Experiments
import LogitFiles
import SoftmaxCore

/// What the generation lab remembers between keys: the view, the prompt, the cuts and
/// their order, the text being generated, and the work (the corpus and its model).
public struct TrigramLabSettings: Hashable, Sendable {
    public static let pageCount = 2
    /// What g draws at once.
    public static let wordsPerPress = 30
    /// The side-by-side view's cold, warm and hot T: the greedy limit, where the text
    /// loops; the model's own distribution; and a T at which it has turned to gibberish.
    public static let comparisonTemperatures: [Temperature] = [.greedy, .one, (try? Temperature(3)) ?? .one]
    /// How many words each of the three continuations has: more than 80×24 shows (the
    /// texts are shown from their start, so the loop's start stays in sight), enough
    /// for a larger screen, and for the readouts to settle.
    public static let comparisonLength = 60

    /// 0: step by step, 1: cold, warm and hot side by side.
    public var page = 0
    /// Into the work's prompts, wrapping around.
    public var promptIndex = 0
    /// Which uniforms draw the text: r moves on to the next round.
    public var round: UInt64 = 0
    /// Top-k, top-p and min-p as chapter 7 sets them; all off at first, so that the
    /// temperature's own failure modes show.
    public var cuts: GenerationSettings = {
        var cuts = GenerationSettings()
        cuts.enabled = []
        return cuts
    }()
    /// llama.cpp's order (the cuts first, at T = 1) instead of Hugging Face's.
    public var cutsBeforeTemperature = false
    public var work: TrigramLabWork
    /// The text being stepped through; started by the work once the model is trained.
    public internal(set) var generation: TextGeneration?
    /// Words asked for and not yet drawn: the work draws them a few a frame.
    public internal(set) var pendingWords = 0
    var comparison: TrigramComparison?

    /// The lab on `corpus`, or on the shipped corpus when nil.
    public init(corpus: Corpus? = nil) {
        work = TrigramLabWork(corpus: corpus)
    }

    /// The cuts as the sampler applies them, in the order chosen.
    public var truncation: TruncationSettings {
        let set = cuts.truncation
        let order: [SamplerStage] = cutsBeforeTemperature ? [.topK, .topP, .minP, .temperature] : SamplerStage.afterTemperature
        return (try? TruncationSettings(topK: set.topK, topP: set.topP, minP: set.minP, order: order)) ?? set
    }

    var prompt: [Int]? {
        let prompts = work.prompts
        guard !prompts.isEmpty else { return nil }
        return prompts[((promptIndex % prompts.count) + prompts.count) % prompts.count]
    }

    mutating func requestWords(_ count: Int) {
        pendingWords += count
    }

    var canTakeBack: Bool { pendingWords > 0 || !(generation?.generated.isEmpty ?? true) }

    /// Takes back a word not yet drawn, else the last one drawn.
    mutating func takeBack() {
        if pendingWords > 0 { pendingWords -= 1 } else { generation?.takeBack() }
    }

    /// Starts the text again from the prompt: with new uniforms (`nextRound`) or from
    /// another prompt.
    mutating func restart(nextRound: Bool = false, promptStep: Int = 0) {
        if nextRound { round &+= 1 }
        promptIndex += promptStep
        generation = nil
        pendingWords = 0
    }
}

/// The three continuations of the side-by-side view, and what they were drawn with:
/// when the prompt, the seed or the cuts change, they are drawn again.
struct TrigramComparison: Hashable, Sendable {
    let prompt: [Int]
    let seed: UInt64
    let cuts: TruncationSettings
    var generations: [TextGeneration]

    var isComplete: Bool { generations.allSatisfy { $0.generated.count >= TrigramLabSettings.comparisonLength } }
}

extension Chapters {
    /// A word trigram model trained on a corpus, generating text a word at a time: the
    /// context, the next-word distribution at the dial's T after the cuts, the word drawn
    /// and its surprise; then the failure modes at both ends of the dial, a loop at
    /// T → 0 and gibberish at high T, side by side with the model's own T = 1.
    static let generation = ChapterDefinition(
        title: "Generating text, word by word",
        name: "generation",
        bindings: [
            ChapterDefinition.binding("wordDrawn", [.character(" "), .character("s")], "draw the next word",
                                      hint: "Space word") { $0.trigramLab.requestWords(1) },
            ChapterDefinition.binding("wordsDrawn", [.character("g")],
                                      "draw \(TrigramLabSettings.wordsPerPress) words at once",
                                      hint: "g \(TrigramLabSettings.wordsPerPress)") {
                $0.trigramLab.requestWords(TrigramLabSettings.wordsPerPress)
            },
            ChapterDefinition.binding("wordTakenBack", [.backspace], "take back the last word") {
                if $0.trigramLab.canTakeBack {
                    $0.trigramLab.takeBack()
                } else {
                    $0.instrument.notice = .info("Nothing to take back: the text is back at its prompt.")
                }
            },
            ChapterDefinition.binding("generationRestarted", [.character("r")], "start again from the prompt, new draws") {
                $0.trigramLab.restart(nextRound: true)
            },
            ChapterDefinition.binding("promptNext", [.character(".")], "next prompt: the next sentence's opening",
                                      hint: ", . prompt") { $0.trigramLab.restart(promptStep: 1) },
            ChapterDefinition.binding("promptPrevious", [.character(",")], "previous prompt") {
                $0.trigramLab.restart(promptStep: -1)
            },
            ChapterDefinition.binding("generationViewNext", [.character("n")], "next view: step by step, or cold, warm and hot",
                                      hint: "n view") {
                $0.trigramLab.page = ($0.trigramLab.page + 1) % TrigramLabSettings.pageCount
            },
        ] + CutKeys.bindings(prefix: "cut", settings: \.lesson.trigramLab.cuts, pickHint: nil, vocabularySize: {
            // Before the corpus is read, top-k moves as if the vocabulary were large.
            $0.lesson.trigramLab.work.model?.vocabularySize ?? 1000
        }) + [
            ChapterDefinition.binding("samplerOrderToggled", [.character("b")],
                                      "the cuts before T (llama.cpp) or after it (Hugging Face)") {
                $0.trigramLab.cutsBeforeTemperature.toggle()
            },
            // A language model's own generation beside the trigram's: the recorded
            // generation given with --tokens, in its own view (Tab comes back here).
            KeyBinding("recordingOpened", [.character("w")], "a recorded LLM generation (--tokens FILE)",
                       hint: "w recorded") { state in
                if state.recording == nil {
                    state.explorer.notice = .info("Open with --tokens FILE to step through a language model's recorded generation.")
                } else {
                    state.mode = .recording
                }
            },
        ],
        featured: ["temperatureRaised", "temperatureEditStarted"],
        work: ChapterWork(isPending: { TrigramLab.nextStep($0) != nil }, step: { TrigramLab.step(&$0) }),
        render: { lesson, area, grid, options in
            TrigramLabViews.render(lesson, in: area, into: &grid, options: options)
        }
    )
}

/// The lab's steps between frames: training, then the words asked for, then (in the
/// side-by-side view) the three continuations. Each a pure function of the lesson.
enum TrigramLab {
    enum Step: Equatable {
        case train, start, draw, compare
    }

    /// Words drawn a step: each costs a pass over the vocabulary and a sort of it, so
    /// fewer for a larger one, and a step stays a few milliseconds.
    static func wordsPerStep(vocabularySize: Int) -> Int { max(1, 60_000 / max(1, vocabularySize)) }

    /// The seed of the lab's uniforms: the explorer's, moved on by each r. Round 0 is the
    /// seed itself, so the lab's first text is what `generate --seed` prints.
    static func seed(_ lesson: LessonState) -> UInt64 {
        lesson.instrument.seed &+ lesson.trigramLab.round &* 0x9E37_79B9_7F4A_7C15
    }

    static func nextStep(_ lesson: LessonState) -> Step? {
        let lab = lesson.trigramLab
        if lab.work.isPending { return .train }
        guard lab.work.trained != nil, let prompt = lab.prompt else { return nil }
        if lab.generation == nil { return .start }
        if lab.pendingWords > 0 { return .draw }
        if lab.page == 1 {
            guard let comparison = lab.comparison, comparison.prompt == prompt, comparison.seed == seed(lesson),
                  comparison.cuts == lab.truncation else { return .compare }
            if !comparison.isComplete { return .compare }
        }
        return nil
    }

    static func step(_ lesson: inout LessonState) {
        guard let next = nextStep(lesson) else { return }
        let seed = seed(lesson)
        let cuts = lesson.trigramLab.truncation
        let temperature = lesson.instrument.temperature
        switch next {
        case .train:
            lesson.trigramLab.work.step()
        case .start:
            guard let prompt = lesson.trigramLab.prompt else { return }
            lesson.trigramLab.generation = TextGeneration(prompt: prompt, seed: seed)
        case .draw:
            guard let model = lesson.trigramLab.work.trained else { return }
            let count = min(lesson.trigramLab.pendingWords, wordsPerStep(vocabularySize: model.vocabularySize))
            for _ in 0..<count { lesson.trigramLab.generation?.step(model, temperature: temperature, cuts: cuts) }
            lesson.trigramLab.pendingWords -= count
        case .compare:
            guard let model = lesson.trigramLab.work.trained, let prompt = lesson.trigramLab.prompt else { return }
            var comparison = lesson.trigramLab.comparison
            if comparison?.prompt != prompt || comparison?.seed != seed || comparison?.cuts != cuts {
                comparison = TrigramComparison(
                    prompt: prompt, seed: seed, cuts: cuts,
                    generations: TrigramLabSettings.comparisonTemperatures.map { _ in TextGeneration(prompt: prompt, seed: seed) })
            }
            guard var drawing = comparison else { return }
            // The three grow together, so a frame shows each a little further on.
            var budget = wordsPerStep(vocabularySize: model.vocabularySize)
            while budget > 0 && !drawing.isComplete {
                for (i, t) in TrigramLabSettings.comparisonTemperatures.enumerated()
                where drawing.generations[i].generated.count < TrigramLabSettings.comparisonLength {
                    drawing.generations[i].step(model, temperature: t, cuts: cuts)
                    budget -= 1
                }
            }
            lesson.trigramLab.comparison = drawing
        }
    }

    /// One line on what is being done, or nil when nothing is.
    static func progressLine(_ lesson: LessonState) -> String? {
        switch nextStep(lesson) {
        case .train: lesson.trigramLab.work.progressLine
        case .start: "starting from the prompt…"
        case .draw: "drawing \(lesson.trigramLab.pendingWords) more word\(lesson.trigramLab.pendingWords == 1 ? "" : "s")…"
        case .compare: "drawing the three continuations: "
            + "\(lesson.trigramLab.comparison?.generations.map(\.generated.count).reduce(0, +) ?? 0) of "
            + "\(3 * TrigramLabSettings.comparisonLength) words…"
        case nil: nil
        }
    }
}
