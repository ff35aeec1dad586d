import SoftmaxCore

/// What this chapter remembers between keys.
public struct EnergySettings: Hashable, Sendable {
    public init() {}
}

extension Chapters {
    static let freeEnergy = ChapterDefinition(
        title: "Energy, entropy, free energy",
        name: "energy",
        render: { lesson, area, grid, options in
            _ = writeChapterText(["(This chapter is being written.)"], in: area, into: &grid, options: options)
        }
    )
}
