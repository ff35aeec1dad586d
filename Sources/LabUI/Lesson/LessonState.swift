import SoftmaxCore

/// The guided lesson: which chapter is open, the explorer state every chapter's
/// widget is built on (so a logit edited in one chapter is the same in the next,
/// and in the explorer), and each chapter's own settings.
public struct LessonState: Hashable, Sendable {
    /// 0-based; the screen shows chapter `chapterIndex + 1`.
    public var chapterIndex: Int
    public var instrument: ExplorerState
    /// A first digit typed, waiting for a possible second ("1" then "1" opens 11).
    public var pendingDigit: Int?
    public var sideBySide = SideBySideSettings()
    public var generation = GenerationSettings()
    public var energy = EnergySettings()
    public var knob = KnobSettings()
    public var usage = UsageSettings()
    public var misconceptions = MisconceptionSettings()

    public init(chapterIndex: Int = 0, instrument: ExplorerState) {
        self.chapterIndex = min(max(0, chapterIndex), Chapters.all.count - 1)
        self.instrument = instrument
    }

    public var chapter: ChapterDefinition { Chapters.all[chapterIndex] }
    public var readout: SoftmaxReadout { instrument.readout }
}
