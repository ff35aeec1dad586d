import SoftmaxCore

/// The whole program's state: which screen is up, the overlay over it, and the
/// lesson, whose instrument is the explorer's state, so both screens show the same
/// logits, T and draws.
public struct LabState: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case explorer, lesson
        /// A language model's recorded generation (`--tokens FILE`), re-tempered.
        case recording
    }

    /// What covers the screen, if anything; Esc closes it first.
    public enum Overlay: Hashable, Sendable {
        /// The help, at a page.
        case help(page: Int)
        /// The table of contents, with the chapter chosen and any number typed.
        case contents(choice: Int, typed: String)
    }

    public var mode: Mode
    public var lesson: LessonState
    public var overlay: Overlay?
    /// Predict, then reveal: while set, whatever differs from this state is hidden.
    public var prediction: LessonState?
    /// False while the terminal is too small to draw; keys then wait, except quit.
    public var screenFits = true
    /// The recorded generation opened with `--tokens`, if any.
    public var recording: RecordingState?
    /// The screen Tab goes back to from the lesson: the explorer, or the recorded generation.
    public var screenBeforeLesson: Mode = .explorer

    /// A recording opens on its own view unless `mode` says otherwise, and the lesson
    /// then goes back to it.
    public init(mode: Mode = .explorer, lesson: LessonState, recording: RecordingState? = nil) {
        self.mode = mode == .recording && recording == nil ? .explorer : mode
        self.lesson = lesson
        self.recording = recording
        if recording != nil { screenBeforeLesson = .recording }
    }

    public var explorer: ExplorerState {
        get { lesson.instrument }
        set { lesson.instrument = newValue }
    }

    public var showsHelp: Bool {
        if case .help = overlay { return true }
        return false
    }

    /// The live key contexts, innermost first.
    public var keys: KeyStack {
        var contexts: [KeyContext] = []
        if !screenFits { contexts.append(ModeKeys.tooSmall) }
        switch overlay {
        case .help: contexts.append(ModeKeys.help)
        case .contents: contexts.append(ModeKeys.contents)
        case nil: break
        }
        if explorer.editor != nil { contexts.append(ModeKeys.editor) }
        switch mode {
        case .lesson:
            if let chapter = lesson.chapterIfOpen { contexts.append(chapter.keys) }
            contexts.append(screenBeforeLesson == .recording ? ModeKeys.lessonFromRecording : ModeKeys.lesson)
        case .recording:
            // Its own table only: the explorer's other keys would act on a hidden screen.
            contexts.append(RecordingKeys.context)
            return KeyStack(contexts)
        case .explorer:
            if recording != nil { contexts.append(RecordingKeys.returnFromExplorer) }
        }
        contexts.append(ExplorerKeys.context)
        return KeyStack(contexts)
    }

    public mutating func handle(_ key: Key) {
        keys.handle(key, in: &self)
    }

    // MARK: - What the bindings do

    mutating func openHelp() {
        overlay = .help(page: 0)
    }

    mutating func pageHelp(by pages: Int) {
        guard case .help(let page) = overlay else { return }
        overlay = .help(page: max(0, page + pages))
    }

    mutating func toggleLesson() {
        if mode == .lesson {
            mode = screenBeforeLesson
        } else {
            screenBeforeLesson = mode
            mode = .lesson
        }
    }

    mutating func togglePrediction() {
        if prediction == nil {
            prediction = lesson
            explorer.notice = .info("Predict: change something, guess what happens, then press v to reveal.")
        } else {
            prediction = nil
        }
    }

    mutating func turnPage(by pages: Int) {
        // One page past the last chapter is the end of the lesson.
        let before = lesson.chapterIndex
        lesson.go(to: lesson.chapterIndex + pages)
        if lesson.chapterIndex == before {
            explorer.notice = .info(pages > 0 ? "This is the end of the lesson; o opens the contents."
                                              : "This is the first chapter; Tab goes to the explorer.")
        }
    }

    mutating func openContents() {
        overlay = .contents(choice: lesson.isAtEnd ? 0 : lesson.chapterIndex, typed: "")
    }

    mutating func moveContentsChoice(by steps: Int) {
        guard case .contents(let choice, _) = overlay else { return }
        overlay = .contents(choice: min(max(0, choice + steps), Chapters.all.count - 1), typed: "")
    }

    /// A digit typed in the contents: the number so far picks the chapter; a number
    /// that names no chapter starts again from this digit.
    mutating func typeContentsDigit(_ digit: Int) {
        guard case .contents(let choice, let typed) = overlay else { return }
        for candidate in [typed + String(digit), String(digit)] {
            if let n = Int(candidate), (1...Chapters.all.count).contains(n) {
                overlay = .contents(choice: n - 1, typed: candidate)
                return
            }
        }
        overlay = .contents(choice: choice, typed: "")
    }

    mutating func eraseContentsNumber() {
        guard case .contents(let choice, _) = overlay else { return }
        overlay = .contents(choice: choice, typed: "")
    }

    mutating func openChosenChapter() {
        guard case .contents(let choice, _) = overlay else { return }
        overlay = nil
        mode = .lesson
        lesson.go(to: choice)
    }
}
