import Experiments
import SoftmaxCore

/// The clusters chapter's numbers at the probe: per class its score −|x−µ|², Bayes'
/// posterior from the densities beside the softmax at T = 2σ² (to six decimals, so the
/// agreement shows), and the softmax at the dial's T; then the largest gap between the
/// two routes, and what the dial's T makes of the data.
struct ClusterReadout {
    let figures: ClustersChapter.Figures
    let verdict: String
    let options: ScreenOptions

    static let width = 40
    /// Column edges within the panel: label, score, Bayes, softmax, dial.
    static let columns = (score: Rect(x: 2, y: 0, width: 8, height: 1), bayes: Rect(x: 11, y: 0, width: 9, height: 1),
                          softmax: Rect(x: 21, y: 0, width: 9, height: 1), dial: Rect(x: 31, y: 0, width: 9, height: 1))

    var theme: Theme { options.theme }

    func render(in area: Rect, into grid: inout Grid) {
        let f = figures
        var y = area.y
        grid.write("x = (\(Self.coordinate(f.probe.x)), \(Self.coordinate(f.probe.y)))", x: area.x, y: y, style: theme.emphasis,
                   limit: area.width)
        y += 1
        for (row, texts) in [["score", "Bayes", "softmax", "at the"], ["−|x−µ|²", "p(k|x)", "T = 2σ²", "dial's T"]].enumerated() {
            writeRow(texts, label: nil, y: y + row, area: area, style: theme.dim, into: &grid)
        }
        y += 2
        let top = argmax(f.bayes)
        for k in f.scores.indices where y < area.maxY {
            let texts = [NumberFormat.fixed(f.scores[k], decimals: 2), Self.probability(f.bayes[k]), Self.probability(f.softmax[k]),
                         PercentText.of(f.dial[k])]
            writeRow(texts, label: ExplorerState.defaultLabel(k), y: y, area: area, style: k == top ? theme.selectionRow : theme.text,
                     into: &grid)
            y += 1
        }
        guard y < area.maxY else { return }
        grid.write("largest gap, softmax − Bayes: \(Self.gap(f.largestGap))", x: area.x, y: y, style: theme.text, limit: area.width)
        y += 2
        // The verdict only whole, where every line of it fits.
        let lines = ChapterLines.wrap(verdict, width: area.width, options: options)
        guard lines.count <= area.maxY - y else { return }
        for (i, line) in lines.enumerated() {
            grid.write(line, x: area.x, y: y + i, style: theme.text, limit: area.width)
        }
    }

    private func writeRow(_ texts: [String], label: String?, y: Int, area: Rect, style: Style, into grid: inout Grid) {
        if let label { grid.write(label, x: area.x, y: y, style: style, limit: 1) }
        let c = Self.columns
        for (text, column) in zip(texts, [c.score, c.bayes, c.softmax, c.dial]) {
            ChapterLines.writeRight(text, in: Rect(x: area.x + column.x, y: y, width: column.width, height: 1), style: style,
                                    into: &grid, options: options)
        }
    }

    /// A posterior to six decimals, or, below what six decimals show, in scientific
    /// notation, so that even the far tails of the two routes can be compared.
    static func probability(_ p: Double) -> String {
        p > 0 && p < 5e-7 ? NumberFormat.exponential(p, digits: 2) : NumberFormat.fixed(p, decimals: 6)
    }

    static func gap(_ d: Double) -> String { d == 0 ? "0" : NumberFormat.exponential(d, digits: 2) }

    static func coordinate(_ v: Double) -> String { NumberFormat.fixed(v, decimals: 2) }
}
