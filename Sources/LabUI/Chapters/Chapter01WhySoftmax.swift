import SoftmaxCore

extension Chapters {
    static let whySoftmax = ChapterDefinition(
        title: "Why softmax",
        name: "why",
        render: { lesson, area, grid, options in
            _ = writeChapterText(["(This chapter is being written.)"], in: area, into: &grid, options: options)
        }
    )
}
