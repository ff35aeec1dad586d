import SoftmaxCore

extension Chapters {
    /// How one class is drawn: u uniform in [0, 1) falls on the cumulative bar, and the
    /// walk along the cumulative probabilities stops at the first that passes u. Each
    /// class is picked as often as its stretch is long, so missing the likeliest class
    /// is expected, with probability 1 − p_top.
    static let oneDraw = ChapterDefinition(
        title: "One draw",
        name: "one-draw",
        featured: ["drawRequested", "temperatureRaised", "previousClassSelected", "logitRaised"],
        render: { lesson, area, grid, options in
            let instrument = lesson.instrument
            let readout = lesson.readout
            let text = [
                "To draw one class, take u uniform in [0, 1) and walk the cumulative probabilities until one "
                    + "passes u. Each class owns a stretch of the bar as long as its probability, so that is how often "
                    + "it is picked.",
            ]
            let rest = writeChapterText(text, in: area, into: &grid, options: options)
            // Spare rows lengthen the fall, up to four.
            let walk = instrument.lastDraw.map {
                OneDrawWalk(probabilities: readout.probabilities, labels: instrument.labels, draw: $0)
            }
            let tableRows = readout.classCount + 1
            let fixedRows = 2 + 1 + 1 + 1 + 3
            let dropRows = min(4, max(1, rest.height - fixedRows - tableRows))
            var y = rest.y
            let barArea = Rect(x: rest.x, y: y + dropRows, width: rest.width, height: 1)
            let landed = instrument.lastDraw != nil && instrument.drop == nil
            if let draw = instrument.lastDraw {
                let x = barArea.x + CumulativeBar.column(of: draw, probabilities: readout.probabilities, width: barArea.width)
                let progress = instrument.drop?.progress ?? 1
                let fallen = Int((progress * Double(dropRows - 1)).rounded(.down))
                grid.put(options.glyphs.dropMarker, x: x, y: y + fallen, style: options.theme.marker)
            }
            CumulativeBar(probabilities: readout.probabilities, labels: instrument.labels,
                          lit: landed ? instrument.lastDraw?.index : nil, glyphs: options.glyphs, theme: options.theme)
                .render(in: barArea, into: &grid)
            OneDrawWalk.writeScale(readout.probabilities, under: barArea, into: &grid, style: options.theme.dim)
            y = barArea.y + 3
            guard let draw = instrument.lastDraw, let walk else {
                grid.write("Space: draw u ~ U(0, 1) and watch where it lands", x: rest.x, y: y, style: options.theme.dim,
                           limit: rest.width)
                return
            }
            let u = "u = \(NumberFormat.fixed(draw.u, decimals: 4))"
            guard landed else {
                grid.write(u + " is falling …", x: rest.x, y: y, style: options.theme.emphasis, limit: rest.width)
                return
            }
            grid.write("\(u) lands in \(walk.label(draw.index))'s stretch. The walk:", x: rest.x, y: y,
                       style: options.theme.emphasis, limit: rest.width)
            y += 1
            let explanation = TooSmallScreen.wrap(walk.explanation(readout: readout), width: rest.width)
            if y + walk.stepLines.count + 1 + explanation.count <= rest.maxY {
                for line in walk.stepLines where y < rest.maxY {
                    grid.write(line, x: rest.x + 2, y: y, limit: rest.width - 2)
                    y += 1
                }
            } else {
                for line in TooSmallScreen.wrap(walk.oneLine, width: rest.width - 2) where y < rest.maxY {
                    grid.write(line, x: rest.x + 2, y: y, limit: rest.width - 2)
                    y += 1
                }
            }
            if y + explanation.count < rest.maxY { y += 1 }
            for line in explanation where y < rest.maxY {
                grid.write(line, x: rest.x, y: y, style: options.theme.text, limit: rest.width)
                y += 1
            }
            // A tall screen has room for the stretches themselves: p and where each ends.
            if y + readout.classCount + 2 <= rest.maxY {
                grid.write("each class's stretch: its probability, ending at the running sum", x: rest.x, y: y + 1,
                           style: options.theme.dim, limit: rest.width)
                BarChart(labels: instrument.labels, probabilities: readout.probabilities,
                         values: readout.cumulativeProbabilities.map { "ends at " + OneDrawWalk.sum($0) }, selected: draw.index)
                    .render(in: Rect(x: rest.x, y: y + 2, width: min(rest.width, 90), height: rest.maxY - y - 2),
                            into: &grid, options: options)
            }
        }
    )
}

/// The walk along the cumulative probabilities for one drawn u, step by step, with
/// the sums the sampler itself uses.
struct OneDrawWalk {
    struct Step: Equatable {
        let index: Int
        let cumulative: Double
        /// Whether this sum passes u, which ends the walk here.
        let passes: Bool
    }

    let labels: [String]
    let u: Double
    let picked: Int
    let steps: [Step]

    init(probabilities: [Double], labels: [String], draw: Draw) {
        let sampler = InverseCDFSampler(probabilities: probabilities)
        self.labels = labels
        u = draw.u
        picked = sampler.index(for: draw.u)
        var steps: [Step] = []
        for (i, c) in sampler.cumulative.enumerated() {
            // The sampler's own rule: the first sum strictly above u.
            let passes = c > draw.u
            steps.append(Step(index: i, cumulative: c, passes: passes))
            if passes { break }
        }
        self.steps = steps
    }

    func label(_ i: Int) -> String { labels.indices.contains(i) ? labels[i] : "?" }

    static func sum(_ c: Double) -> String { NumberFormat.fixed(c, decimals: 4) }

    /// True when rounding left the last sum at or below u, and the sampler fell back
    /// to the last class with weight.
    var ranOffTheEnd: Bool { !(steps.last?.passes ?? false) }

    /// One line per class visited: "A  0.5585 ≤ u, go on".
    var stepLines: [String] {
        let width = steps.map { TextWidth.of(label($0.index)) }.max() ?? 1
        var lines = steps.map { step in
            let name = OneDrawWalk.padded(label(step.index), to: width)
            return step.passes
                ? "\(name)  \(Self.sum(step.cumulative)) > u: stop, the draw is \(label(step.index))"
                : "\(name)  \(Self.sum(step.cumulative)) ≤ u: go on"
        }
        if ranOffTheEnd {
            lines.append("the sums end at or below u (rounding): the last class with weight, \(label(picked))")
        }
        return lines
    }

    /// The same walk in one line, for a screen without room for a row per class.
    var oneLine: String {
        var parts = steps.map { step in
            step.passes
                ? "\(label(step.index)) \(Self.sum(step.cumulative)) > u: stop at \(label(step.index))"
                : "\(label(step.index)) \(Self.sum(step.cumulative)) ≤ u"
        }
        if ranOffTheEnd { parts.append("none passes u (rounding): \(label(picked))") }
        return parts.joined(separator: " → ")
    }

    /// Why this draw is no surprise, whichever class it is.
    func explanation(readout: SoftmaxReadout) -> String {
        let p = readout.probabilities
        let top = readout.topIndex
        guard p.indices.contains(picked), p.indices.contains(top) else { return "" }
        let miss = PercentText.of(1 - p[top])
        if picked == top || p[picked] == p[top] {
            return "\(label(picked)) is the most likely class: u lands in its stretch with probability "
                + "p(\(label(picked))) = \(PercentText.of(p[picked])), and misses it the other \(miss) of the time."
        }
        return "\(label(picked)) is not the most likely class (\(label(top)), \(PercentText.of(p[top]))), and that is "
            + "expected: u misses \(label(top))'s stretch with probability 1 − p(\(label(top))) = \(miss), and lands in "
            + "\(label(picked))'s with p(\(label(picked))) = \(PercentText.of(p[picked]))."
    }

    static func padded(_ s: String, to width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - TextWidth.of(s)))
    }

    /// The cumulative sums under the bar, at the boundaries they mark, skipping any
    /// that would run into the one before.
    static func writeScale(_ probabilities: [Double], under bar: Rect, into grid: inout Grid, style: Style) {
        guard !bar.isEmpty else { return }
        let y = bar.y + 1
        grid.write("0", x: bar.x, y: y, style: style)
        var free = bar.x + 2
        let cumulative = cumulativeSums(probabilities)
        let edges = CumulativeBar.boundaries(of: probabilities, width: bar.width)
        for (i, c) in cumulative.enumerated() where i + 1 < edges.count {
            let text = i == cumulative.count - 1 ? "1" : NumberFormat.fixed(c, decimals: 2)
            let w = TextWidth.of(text)
            let x = min(bar.maxX - w, max(bar.x, bar.x + edges[i + 1] - w / 2))
            guard x >= free else { continue }
            grid.write(text, x: x, y: y, style: style)
            free = x + w + 1
        }
    }
}
