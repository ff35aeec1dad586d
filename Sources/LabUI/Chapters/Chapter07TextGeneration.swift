import SoftmaxCore

/// What this chapter remembers between keys.
public struct GenerationSettings: Hashable, Sendable {
    public init() {}
}

extension Chapters {
    static let textGeneration = ChapterDefinition(
        title: "Temperature in text generation",
        name: "text",
        render: { lesson, area, grid, options in
            _ = writeChapterText(["(This chapter is being written.)"], in: area, into: &grid, options: options)
        }
    )
}
