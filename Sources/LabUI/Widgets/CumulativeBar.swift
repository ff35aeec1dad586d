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

    /// The column of a draw on a bar of this width: where u falls, kept inside the
    /// segment of the class it picked, so the marker and the lit segment never disagree
    /// because the segment edges were rounded to whole columns.
    static func column(of draw: Draw, probabilities: [Double], width: Int) -> Int {
        let raw = min(width - 1, max(0, Int((draw.u * Double(width)).rounded(.down))))
        let edges = boundaries(of: probabilities, width: width)
        guard edges.indices.contains(draw.index + 1) else { return raw }
        let start = edges[draw.index]
        let end = edges[draw.index + 1]
        return end > start ? min(max(raw, start), end - 1) : raw
    }

    /// The classes whose segment on a bar of this width is too narrow for their name,
    /// so a chapter can name them elsewhere rather than drop them silently.
    static func unlabelled(probabilities: [Double], labels: [String], width: Int) -> [Int] {
        let edges = boundaries(of: probabilities, width: width)
        return probabilities.indices.filter { i in
            let w = TextWidth.of(labels.indices.contains(i) ? labels[i] : "")
            return w > max(0, edges[i + 1] - edges[i])
        }
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
