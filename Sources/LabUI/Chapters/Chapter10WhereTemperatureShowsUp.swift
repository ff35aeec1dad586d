import SoftmaxCore

/// What this chapter remembers between keys.
public struct UsageSettings: Hashable, Sendable {
    public init() {}
}

extension Chapters {
    static let whereTemperatureShowsUp = ChapterDefinition(
        title: "Where temperature shows up",
        name: "uses",
        render: { lesson, area, grid, options in
            _ = writeChapterText(["(This chapter is being written.)"], in: area, into: &grid, options: options)
        }
    )
}
