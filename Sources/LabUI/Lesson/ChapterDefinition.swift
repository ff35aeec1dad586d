/// A key a chapter adds, for its status line and the help.
public struct ChapterKey: Sendable, Hashable {
    public let keys: String
    public let summary: String

    public init(_ keys: String, _ summary: String) {
        self.keys = keys
        self.summary = summary
    }
}

/// One chapter of the lesson: a short text in the project's own words beside a
/// live widget, both drawn from the lesson state, plus the keys it adds.
public struct ChapterDefinition: Sendable {
    public let title: String
    /// The name `--chapter` accepts besides the number, such as "dial".
    public let name: String
    public let keys: [ChapterKey]
    /// Draws the chapter into the area between the header and the status line.
    let render: @Sendable (LessonState, Rect, inout Grid, ScreenOptions) -> Void
    /// Takes a key first; returns false to let the lesson and the explorer's keys have it.
    let handle: @Sendable (inout LessonState, Key) -> Bool

    public init(title: String, name: String, keys: [ChapterKey] = [],
                render: @escaping @Sendable (LessonState, Rect, inout Grid, ScreenOptions) -> Void,
                handle: @escaping @Sendable (inout LessonState, Key) -> Bool = { _, _ in false }) {
        self.title = title
        self.name = name
        self.keys = keys
        self.render = render
        self.handle = handle
    }
}

/// Writes a chapter's few lines of text, wrapped to the area, and returns what is
/// left below them (after one blank row) for the widget.
public func writeChapterText(_ paragraphs: [String], in area: Rect, into grid: inout Grid, options: ScreenOptions) -> Rect {
    var y = area.y
    for paragraph in paragraphs {
        for line in TooSmallScreen.wrap(paragraph, width: area.width) where y < area.maxY {
            grid.write(line, x: area.x, y: y, style: options.theme.text, limit: area.width)
            y += 1
        }
    }
    let top = min(area.maxY, y + 1)
    return Rect(x: area.x, y: top, width: area.width, height: area.maxY - top)
}
