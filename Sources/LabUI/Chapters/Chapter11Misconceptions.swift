import SoftmaxCore

/// What this chapter remembers between keys.
public struct MisconceptionSettings: Hashable, Sendable {
    public init() {}
}

extension Chapters {
    static let misconceptions = ChapterDefinition(
        title: "Three misconceptions",
        name: "misconceptions",
        render: { lesson, area, grid, options in
            _ = writeChapterText(["(This chapter is being written.)"], in: area, into: &grid, options: options)
        }
    )
}
