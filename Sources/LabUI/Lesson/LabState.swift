import SoftmaxCore

/// The whole program's state: which screen is up, and the lesson, whose instrument
/// is the explorer's state, so both screens show the same logits, T and draws.
public struct LabState: Hashable, Sendable {
    public enum Mode: Hashable, Sendable { case explorer, lesson }

    public var mode: Mode
    public var lesson: LessonState

    public init(mode: Mode = .explorer, lesson: LessonState) {
        self.mode = mode
        self.lesson = lesson
    }

    public var explorer: ExplorerState {
        get { lesson.instrument }
        set { lesson.instrument = newValue }
    }

    public mutating func handle(_ key: Key) {
        // The help says any key closes it; only Ctrl-C still quits from there.
        if explorer.showsHelp && key != .controlC {
            explorer.apply(.helpToggled)
            return
        }
        if mode == .lesson, explorer.editor == nil, !explorer.showsHelp {
            if handleLessonKey(key) { return }
        } else {
            lesson.pendingDigit = nil
        }
        guard let action = KeyMap.action(for: key, editing: explorer.editor != nil) else {
            if explorer.showsHelp { explorer.apply(.helpToggled) }
            return
        }
        if action == .lessonToggled && !explorer.showsHelp {
            mode = mode == .explorer ? .lesson : .explorer
            return
        }
        explorer.apply(action)
    }

    /// Chapter navigation and the chapter's own keys; false when the key is not theirs.
    private mutating func handleLessonKey(_ key: Key) -> Bool {
        let pending = lesson.pendingDigit
        lesson.pendingDigit = nil
        switch key {
        case .pageDown, .character("]"):
            go(to: lesson.chapterIndex + 1)
            return true
        case .pageUp, .character("["):
            go(to: lesson.chapterIndex - 1)
            return true
        case .character(let c) where c.isASCII && c.isNumber:
            let digit = Int(String(c)) ?? 0
            if let first = pending, first * 10 + digit <= Chapters.all.count {
                go(to: first * 10 + digit - 1)
            } else if digit >= 1 {
                go(to: digit - 1)
                lesson.pendingDigit = digit * 10 + 1 <= Chapters.all.count ? digit : nil
            }
            return true
        default:
            let chapter = lesson.chapter
            return chapter.handle(&lesson, key)
        }
    }

    private mutating func go(to index: Int) {
        lesson.chapterIndex = min(max(0, index), Chapters.all.count - 1)
    }
}
