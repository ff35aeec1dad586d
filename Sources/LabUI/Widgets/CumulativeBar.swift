import SoftmaxCore

/// The K probabilities laid end to end across the width, each segment named by its
/// class, with the drawn u marked above it and the segment it fell in lit.
struct CumulativeBar {
    let probabilities: [Double]
    let labels: [String]
    /// The class u landed in, once the marker has landed.
    let lit: Int?
    let glyphs: Glyphs
    let theme: Theme

    /// The column where each segment starts, and the end of the last.
    static func boundaries(of probabilities: [Double], width: Int) -> [Int] {
        [0] + cumulativeSums(probabilities).map { min(width, Int(($0 * Double(width)).rounded())) }
    }

    /// The column of a point u in [0, 1) on a bar of this width.
    static func column(of u: Double, width: Int) -> Int {
        min(width - 1, max(0, Int((u * Double(width)).rounded(.down))))
    }

    func render(in area: Rect, into grid: inout Grid) {
        guard !area.isEmpty else { return }
        let edges = Self.boundaries(of: probabilities, width: area.width)
        for i in probabilities.indices {
            let start = edges[i]
            let end = max(start, edges[i + 1])
            guard end > start else { continue }
            let style = i == lit ? theme.litSegment : theme.segments[i % theme.segments.count]
            // In monochrome neighbours alternate between a solid and a light fill.
            let fill: Character = theme == .monochrome && i % 2 == 0 ? glyphs.lightShade : " "
            for x in start..<end { grid.put(fill, x: area.x + x, y: area.y, style: style) }
            let label = labels[i]
            let w = TextWidth.of(label)
            if w <= end - start {
                grid.write(label, x: area.x + start + (end - start - w) / 2, y: area.y, style: style)
            }
        }
    }
}
