import ArgumentParser
import LabUI
import LogitFiles
import SoftmaxCore
import TerminalBackend

/// `softmax-lab` (or `softmax-lab explore`): the interactive explorer.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Open the interactive explorer (what softmax-lab does with no subcommand)."
    )

    @OptionGroup var explorer: ExplorerOptions

    func run() throws {
        do {
            try explorer.runExplorer()
        } catch let error as TerminalError {
            printError("softmax-lab: " + error.description)
            throw ExitCode(1)
        }
    }
}

/// The options of the interactive explorer.
struct ExplorerOptions: ParsableArguments {
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Comma-separated logits, 2 to 10 of them (default 2,1,0.5,0.1,-1).", valueName: "list"),
        transform: parseLogitsArgument)
    var logits: [Double]?

    @Option(
        name: .long,
        help: ArgumentHelp("Class names, comma-separated, one per logit (default A, B, C, ...).", valueName: "list"),
        transform: { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) })
    var labels: [String]?

    @Option(
        name: [.customShort("t"), .long], parsing: .unconditional,
        help: ArgumentHelp("Starting temperature: 0 for greedy, a positive number, or inf for uniform.", valueName: "T"),
        transform: parseTemperatureArgument)
    var temperature: Temperature = .one

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Seed for the draws; the same seed replays the same draws. Random (and shown) if omitted.",
                           valueName: "n"),
        transform: parseSeedArgument)
    var seed: UInt64?

    @Option(
        help: ArgumentHelp("Open the guided lesson at this chapter: a number from 1 to \(Chapters.all.count) or a name ("
                           + Chapters.all.map(\.name).joined(separator: ", ") + ").", valueName: "chapter"),
        completion: .list(Chapters.all.map(\.name)),
        transform: parseChapterArgument)
    var chapter: Int?

    @Option(
        help: ArgumentHelp("Open a language model's recorded generation: a JSON response with logprobs (OpenAI chat "
                           + "completions, llama.cpp server or Ollama), as 'softmax-lab tokens' reads it.",
                           valueName: "file"))
    var tokens: String?

    @OptionGroup(title: "Cuts of the recorded generation (--tokens); top-p and min-p in hundredths")
    var truncation: TruncationOptions

    @Flag(name: .customLong("no-animation"), help: "Reduced motion: show the end of every animation at once.")
    var noAnimation = false

    @Flag(help: "Projector layout: big digits, chapters in at most 100 columns, nothing faint (automatic from 120×36).")
    var big = false

    @Flag(help: "Colours for a white-background projector: high contrast, no faint captions.")
    var projector = false

    @Flag(name: .customLong("no-color"), help: "Draw without colour (NO_COLOR is honoured too).")
    var noColor = false

    @Flag(help: "Draw with ASCII only, no Unicode blocks (automatic when the locale is not UTF-8).")
    var ascii = false

    @OptionGroup var corpusOption: CorpusOption

    func validate() throws {
        if let logits {
            guard (ExplorerState.minimumClassCount...ExplorerState.maximumClassCount).contains(logits.count) else {
                throw ValidationError(
                    "--logits: the explorer shows \(ExplorerState.minimumClassCount) to \(ExplorerState.maximumClassCount) classes, not \(logits.count); "
                        + "'softmax-lab probs' takes any number")
            }
        }
        if let labels, labels.count != (logits?.count ?? ExplorerState().classCount) {
            throw ValidationError(labelCountMismatch(labels: labels.count, logits: logits?.count ?? ExplorerState().classCount))
        }
        for (name, p) in [("--top-p", truncation.topP), ("--min-p", truncation.minP)] {
            if let p, !GenerationSettings.isWholeHundredths(p) {
                throw ValidationError("\(name) \(formatShortest(p)): the explorer steps the cuts in hundredths; give one such as 0.9 or 0.95")
            }
        }
    }

    /// The state these options describe: the explorer, the recorded generation of
    /// --tokens, or the lesson at --chapter. Files (--tokens, --corpus) are read here,
    /// before the terminal opens, so that a bad one is refused in one line.
    func labState(seed: UInt64) throws -> LabState {
        let explorer = ExplorerState(
            logits: logits ?? ExplorerState().logits, labels: labels, temperature: temperature,
            seed: seed, animates: !noAnimation)
        var lesson = LessonState(chapterIndex: chapter ?? 0, instrument: explorer)
        lesson.decoding = GenerationSettings(try truncation.settings())
        if let corpus = try corpusOption.given() { lesson.trigramLab = TrigramLabSettings(corpus: corpus) }
        let recording = try tokens.map { RecordingState(try RecordedGenerationFile.read($0)) }
        let mode: LabState.Mode = chapter != nil ? .lesson : recording != nil ? .recording : .explorer
        return LabState(mode: mode, lesson: lesson, recording: recording)
    }

    /// Runs the explorer until the user quits.
    func runExplorer() throws {
        let unicode = TerminalEnvironment.adoptLocaleIsUTF8() && !ascii
        let color = !noColor && !TerminalEnvironment.noColorRequested
        if tokens == LogitFiles.standardInputPath {
            throw ValidationError("--tokens -: the explorer reads its keys from standard input; give a file "
                                  + "('softmax-lab tokens -' reads standard input)")
        }
        var state = try labState(seed: seed ?? UInt64.random(in: 1...99_999))
        switch state.mode {
        case .lesson: state.explorer.notice = .info("] and [ turn the pages; o opens the contents; ? shows every key.")
        case .recording: state.explorer.notice = .info("↓ and ↑ step through the tokens; ← and → turn T; ? shows every key.")
        case .explorer: state.explorer.notice = .info("Turn the temperature with ← and →; Tab opens the lesson; ? shows every key.")
        }
        var model = LabModel(state: state, options: ScreenOptions(unicode: unicode, color: color, big: big,
                                                                       projector: projector))
        try TerminalRunner.run(&model, useColor: color)
    }
}

func parseChapterArgument(_ text: String) throws -> Int {
    guard let index = Chapters.index(named: text) else {
        throw ValidationError("no chapter '\(visibleText(text))'; give 1 to \(Chapters.all.count) or one of "
                              + Chapters.all.map(\.name).joined(separator: ", "))
    }
    return index
}

/// A recorded generation read for the explorer, with `softmax-lab tokens`' reader.
enum RecordedGenerationFile {
    static func read(_ path: String) throws -> RecordedGeneration {
        let bytes = try LogitFileOption.readWholeInput(path)
        let name = path == LogitFiles.standardInputPath ? LogitFiles.standardInputName : path
        let parsed: TokenLogprobs.Generation
        do {
            parsed = try TokenLogprobs.parse(bytes)
        } catch {
            throw DataError("\(visibleText(name)): " + error.description)
        }
        var positions: [ListedTokens] = []
        for (n, position) in parsed.positions.enumerated() {
            guard let listed = ListedTokens(position) else {
                throw DataError("\(visibleText(name)): token \(n) lists no token with a probability above 0")
            }
            positions.append(listed)
        }
        let shownName = name.split(separator: "/").last.map(String.init) ?? name
        guard let generation = RecordedGeneration(name: visibleText(shownName), source: TokensReport.sourceName(parsed),
                                                  postSampling: parsed.postSampling, positions: positions) else {
            throw DataError("\(visibleText(name)): no tokens")
        }
        return generation
    }
}
