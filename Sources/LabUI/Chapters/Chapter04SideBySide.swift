import SoftmaxCore

/// What this chapter remembers between keys.
public struct SideBySideSettings: Hashable, Sendable {
    public init() {}
}

extension Chapters {
    static let sideBySide = ChapterDefinition(
        title: "Side by side",
        name: "side-by-side",
        render: { lesson, area, grid, options in
            _ = writeChapterText(["(This chapter is being written.)"], in: area, into: &grid, options: options)
        }
    )
}
