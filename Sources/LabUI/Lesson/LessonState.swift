import SoftmaxCore

/// The guided lesson: which chapter is open, the explorer state every chapter's
/// widget is built on (so a logit edited in one chapter is the same in the next,
/// and in the explorer), and each chapter's own settings.
public struct LessonState: Hashable, Sendable {
    /// 0-based; the screen shows chapter `chapterIndex + 1`. `Chapters.all.count`
    /// is the end-of-lesson page.
    public private(set) var chapterIndex: Int
    public var instrument: ExplorerState
    public var sideBySide = SideBySideSettings()
    public var generation = GenerationSettings()
    public var energy = EnergySettings()
    public var knob = KnobSettings()
    public var usage = UsageSettings()
    public var misconceptions = MisconceptionSettings()
    public var calibration = CalibrationSettings()
    /// The cuts of a decoder (a recorded generation's view): none until the command
    /// line or the keys switch them on.
    public var decoding = GenerationSettings(.none)
    public var attention = AttentionSettings()
    public var clusters = ClustersSettings()
    public var exploration = ExplorationSettings()
    public var trigramLab = TrigramLabSettings()
    public var distillation = DistillationSettings()

    public init(chapterIndex: Int = 0, instrument: ExplorerState) {
        self.chapterIndex = min(max(0, chapterIndex), Chapters.all.count - 1)
        self.instrument = instrument
    }

    /// Opens chapter `index` (0-based), or the end page one past the last.
    public mutating func go(to index: Int) {
        chapterIndex = min(max(0, index), Chapters.all.count)
    }

    public var isAtEnd: Bool { chapterIndex >= Chapters.all.count }
    /// The open chapter; the last one while the end page shows.
    public var chapter: ChapterDefinition { Chapters.all[min(chapterIndex, Chapters.all.count - 1)] }
    public var chapterIfOpen: ChapterDefinition? { isAtEnd ? nil : chapter }
    public var readout: SoftmaxReadout { instrument.readout }

    /// Whether the open chapter has a step of long work due.
    public var isWorking: Bool { chapterIfOpen?.work?.isPending(self) ?? false }

    /// Takes the open chapter's next step of long work, if one is due.
    public mutating func stepWork() {
        guard let work = chapterIfOpen?.work, work.isPending(self) else { return }
        work.step(&self)
    }

    /// Takes every step of the open chapter's work: for `show` and tests, not for a frame.
    public mutating func finishWork(maxSteps: Int = 100_000) {
        var taken = 0
        while isWorking && taken < maxSteps {
            stepWork()
            taken += 1
        }
    }
}
