/// One chapter of the lesson: a short text in the project's own words beside a
/// live widget, both drawn from the lesson state, plus the keys it adds.
public struct ChapterDefinition: Sendable {
    public let title: String
    /// The name `--chapter` accepts besides the number, such as "dial".
    public let name: String
    /// The chapter's own bindings, looked up before the lesson's and the explorer's.
    public let bindings: [KeyBinding]
    /// The explorer's bindings (by id) this chapter's key line reminds of.
    public let featured: [String]
    /// Draws the chapter into the area between the header and the key line.
    let render: @Sendable (LessonState, Rect, inout Grid, ScreenOptions) -> Void
    /// Long work the chapter does while it is open, a step between frames; nil for none.
    let work: ChapterWork?
    /// Whether the chapter's sums need every logit finite: it then shows, in place of
    /// its content, a note that a masked class (−∞) is in the logits.
    public let needsFiniteLogits: Bool

    public init(title: String, name: String, bindings: [KeyBinding] = [], featured: [String] = [],
                work: ChapterWork? = nil, needsFiniteLogits: Bool = false,
                render: @escaping @Sendable (LessonState, Rect, inout Grid, ScreenOptions) -> Void) {
        self.title = title
        self.name = name
        self.bindings = bindings
        self.featured = featured
        self.work = work
        self.needsFiniteLogits = needsFiniteLogits
        self.render = render
    }

    /// The chapter's key context.
    public var keys: KeyContext {
        KeyContext(title: Self.contextTitle, bindings: bindings, featured: featured)
    }

    /// The heading of a chapter's keys in the help; the frame finds the key line's context by it.
    public static let contextTitle = "This chapter"


    /// n and p: the next and previous page of a chapter that has pages, wrapping around.
    static func pageBindings(ids: (next: String, previous: String), summaries: (next: String, previous: String), hint: String,
                             count: Int, page: WritableKeyPath<LessonState, Int> & Sendable) -> [KeyBinding] {
        let turn = { @Sendable (lesson: inout LessonState, by: Int) in
            let current = min(max(0, lesson[keyPath: page]), count - 1)
            lesson[keyPath: page] = (current + by + count) % count
        }
        return [
            binding(ids.next, [.character("n")], summaries.next, hint: hint) { turn(&$0, 1) },
            binding(ids.previous, [.character("p")], summaries.previous) { turn(&$0, -1) },
        ]
    }

    /// A binding that changes the lesson state.
    static func binding(_ id: String, _ keys: [Key], _ summary: String, hint: String? = nil,
                        _ perform: @escaping @Sendable (inout LessonState) -> Void) -> KeyBinding {
        KeyBinding(id, keys, summary, hint: hint, perform: { perform(&$0.lesson) })
    }
}

/// Work too long for one frame (training a model), split into steps that the backend
/// takes between frames as it does animation ticks, so a key never waits for more than
/// one step. The reducer stays pure: a step is a function of the lesson state.
public struct ChapterWork: Sendable {
    /// Whether a step is due.
    let isPending: @Sendable (LessonState) -> Bool
    /// Takes one step, short enough for a frame.
    let step: @Sendable (inout LessonState) -> Void
}

/// Writes a chapter's few lines of text, wrapped to the area, and returns what is
/// left below them (after one blank row) for the widget.
public func writeChapterText(_ paragraphs: [String], in area: Rect, into grid: inout Grid, options: ScreenOptions) -> Rect {
    var y = area.y
    for paragraph in paragraphs {
        // Wrapped as it will be spelt, so an ASCII spelling ("sqrt ") never cuts a word.
        for line in TooSmallScreen.wrap(options.glyphs.text(paragraph), width: area.width) where y < area.maxY {
            grid.write(line, x: area.x, y: y, style: options.theme.text, limit: area.width)
            y += 1
        }
    }
    let top = min(area.maxY, y + 1)
    return Rect(x: area.x, y: top, width: area.width, height: area.maxY - top)
}
