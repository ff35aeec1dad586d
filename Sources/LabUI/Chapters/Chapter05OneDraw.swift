import SoftmaxCore

extension Chapters {
    static let oneDraw = ChapterDefinition(
        title: "One draw",
        name: "one-draw",
        render: { lesson, area, grid, options in
            _ = writeChapterText(["(This chapter is being written.)"], in: area, into: &grid, options: options)
        }
    )
}
