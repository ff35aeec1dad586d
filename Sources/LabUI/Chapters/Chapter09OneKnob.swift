import SoftmaxCore

/// What this chapter remembers between keys.
public struct KnobSettings: Hashable, Sendable {
    public init() {}
}

extension Chapters {
    static let oneKnob = ChapterDefinition(
        title: "One knob, many names",
        name: "knob",
        render: { lesson, area, grid, options in
            _ = writeChapterText(["(This chapter is being written.)"], in: area, into: &grid, options: options)
        }
    )
}
