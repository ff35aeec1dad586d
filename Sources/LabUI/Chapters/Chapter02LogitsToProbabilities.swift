import SoftmaxCore

extension Chapters {
    static let logitsToProbabilities = ChapterDefinition(
        title: "From logits to probabilities",
        name: "logits",
        render: { lesson, area, grid, options in
            _ = writeChapterText(["(This chapter is being written.)"], in: area, into: &grid, options: options)
        }
    )
}
