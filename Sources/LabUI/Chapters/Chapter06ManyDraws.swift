import SoftmaxCore

extension Chapters {
    static let manyDraws = ChapterDefinition(
        title: "Many draws",
        name: "many-draws",
        render: { lesson, area, grid, options in
            _ = writeChapterText(["(This chapter is being written.)"], in: area, into: &grid, options: options)
        }
    )
}
