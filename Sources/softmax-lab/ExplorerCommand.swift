import ArgumentParser
import LabUI
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
    }

    /// The state these options describe: the explorer, or the lesson at --chapter. A
    /// corpus given with --corpus is read here, before the terminal opens, so that a bad
    /// file is refused in one line.
    func labState(seed: UInt64) throws -> LabState {
        let explorer = ExplorerState(
            logits: logits ?? ExplorerState().logits, labels: labels, temperature: temperature,
            seed: seed, animates: !noAnimation)
        var lesson = LessonState(chapterIndex: chapter ?? 0, instrument: explorer)
        if let corpus = try corpusOption.given() { lesson.trigramLab = TrigramLabSettings(corpus: corpus) }
        return LabState(mode: chapter == nil ? .explorer : .lesson, lesson: lesson)
    }

    /// Runs the explorer until the user quits.
    func runExplorer() throws {
        let unicode = TerminalEnvironment.adoptLocaleIsUTF8() && !ascii
        let color = !noColor && !TerminalEnvironment.noColorRequested
        var state = try labState(seed: seed ?? UInt64.random(in: 1...99_999))
        state.explorer.notice = state.mode == .lesson
            ? .info("] and [ turn the pages; o opens the contents; ? shows every key.")
            : .info("Turn the temperature with ← and →; Tab opens the lesson; ? shows every key.")
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
