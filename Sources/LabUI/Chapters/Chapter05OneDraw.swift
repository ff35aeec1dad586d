#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SoftmaxCore

extension Chapters {
    /// How one class is drawn: u uniform in [0, 1) falls on the cumulative bar, and the
    /// walk along the cumulative probabilities stops at the first that passes u. Each
    /// class is picked as often as its stretch is long, so a draw that misses the top
    /// class is expected, with probability 1 − p_top.
    static let oneDraw = ChapterDefinition(
        title: "One draw",
        name: "one-draw",
        featured: ["drawRequested", "temperatureRaised", "previousClassSelected", "logitRaised"],
        render: { lesson, area, grid, options in
            OneDrawPage(instrument: lesson.instrument, readout: lesson.readout, width: area.width, options: options)
                .render(in: area, into: &grid)
        }
    )
}

/// Chapter 5's page: what it shows is chosen to fit the area, essentials first (the
/// bar with every class named, the walk, why the draw is no surprise), then the
/// stretches as a chart, the walk a row per class, blank rows and a longer fall.
struct OneDrawPage {
    let instrument: ExplorerState
    let readout: SoftmaxReadout
    let width: Int
    let options: ScreenOptions

    static let intro = "To draw one class, take u uniform in [0, 1) and walk the cumulative probabilities until one "
        + "passes u. Each class owns a stretch of the bar as long as its probability, so that is how often it is picked."

    struct Plan: Equatable {
        var blankAfterText = false
        var dropRows = 1
        var blankAfterScale = false
        /// A line naming the classes whose stretch is too narrow for their name.
        var unnamedLine = false
        /// The walk a row per class visited, instead of in one line.
        var steps = false
        var blankBeforeExplanation = false
        /// Every class's stretch as a chart: p, and the running sum it ends at.
        var chart = false
    }

    var walk: OneDrawWalk? {
        instrument.lastDraw.map {
            OneDrawWalk(probabilities: readout.probabilities, labels: instrument.labels, draw: $0,
                        logCumulative: OneDrawWalk.logCumulative(readout))
        }
    }

    var textLines: [String] { ChapterLines.wrap(Self.intro, width: width, options: options) }

    var unnamedText: String? {
        let unnamed = CumulativeBar.unlabelled(probabilities: readout.probabilities, labels: instrument.labels, width: width)
        guard !unnamed.isEmpty else { return nil }
        let shown = ChapterLines.percents(readout)
        return "too narrow to name on the bar: " + unnamed.map { "\(instrument.labels[$0]) \(shown[$0])" }.joined(separator: ", ")
    }

    func rows(_ plan: Plan, walk: OneDrawWalk?) -> Int {
        var n = textLines.count + (plan.blankAfterText ? 1 : 0) + plan.dropRows + 2 + (plan.blankAfterScale ? 1 : 0)
        if plan.unnamedLine, let unnamedText { n += ChapterLines.wrap(unnamedText, width: width, options: options).count }
        n += 1  // the line under the scale: what Space does, or where u landed
        if let walk {
            n += plan.steps ? walk.stepLines.count : ChapterLines.wrap(walk.oneLine, width: width - 2, options: options).count
            n += (plan.blankBeforeExplanation ? 1 : 0)
                + ChapterLines.wrap(walk.explanation(readout: readout), width: width, options: options).count
            if plan.chart { n += 2 + readout.classCount }
        } else if plan.chart {
            n += readout.classCount
        }
        return n
    }

    /// The minimum, then each extra in order of use while it fits.
    func plan(height: Int) -> Plan {
        let walk = self.walk
        var plan = Plan(unnamedLine: unnamedText != nil)
        func keep(_ change: (inout Plan) -> Void) {
            var candidate = plan
            change(&candidate)
            if rows(candidate, walk: walk) <= height { plan = candidate }
        }
        keep { $0.chart = true; $0.unnamedLine = false }
        if walk != nil { keep { $0.steps = true } }
        keep { $0.blankAfterText = true }
        keep { $0.blankAfterScale = true }
        if walk != nil { keep { $0.blankBeforeExplanation = true } }
        for _ in 0..<3 { keep { $0.dropRows += 1 } }
        return plan
    }

    func render(in area: Rect, into grid: inout Grid) {
        let theme = options.theme
        let walk = self.walk
        let plan = plan(height: area.height)
        let probabilities = readout.probabilities
        var y = area.y
        for line in textLines where y < area.maxY {
            grid.write(line, x: area.x, y: y, style: theme.text, limit: area.width)
            y += 1
        }
        if plan.blankAfterText { y += 1 }
        let barArea = Rect(x: area.x, y: y + plan.dropRows, width: area.width, height: 1)
        let landed = instrument.lastDraw != nil && instrument.drop == nil
        if let draw = instrument.lastDraw {
            let x = barArea.x + CumulativeBar.column(of: draw, probabilities: probabilities, width: barArea.width)
            let progress = instrument.drop?.progress ?? 1
            let fallen = Int((progress * Double(plan.dropRows - 1)).rounded(.down))
            grid.put(options.glyphs.dropMarker, x: x, y: y + fallen, style: theme.marker)
        }
        CumulativeBar(probabilities: probabilities, labels: instrument.labels,
                      lit: landed ? instrument.lastDraw?.index : nil, glyphs: options.glyphs, theme: theme)
            .render(in: barArea, into: &grid)
        OneDrawWalk.writeScale(probabilities, under: barArea, into: &grid, style: theme.dim)
        y = barArea.y + 2
        if plan.unnamedLine, let unnamedText {
            y = ChapterLines.write(unnamedText, x: area.x, y: y, width: area.width, maxY: area.maxY, style: theme.dim,
                                   into: &grid, options: options)
        }
        if plan.blankAfterScale { y += 1 }
        let logCumulative = OneDrawWalk.logCumulative(readout)
        let ends = readout.cumulativeProbabilities.indices.map { i in
            OneDrawWalk.sum(readout.cumulativeProbabilities[i], log: logCumulative[i])
        }
        // The sums right-aligned after "ends at", however wide the widest is.
        let endWidth = ends.map { TextWidth.of($0) }.max() ?? 0
        let chartValues = ends.map { "ends at " + String(repeating: " ", count: endWidth - TextWidth.of($0)) + $0 }
        func chart(at top: Int) {
            guard plan.chart else { return }
            ChapterLines.renderBars(BarChart(labels: instrument.labels, probabilities: probabilities, values: chartValues,
                                             selected: landed ? instrument.lastDraw?.index : nil),
                                    percents: ChapterLines.percents(readout),
                                    in: Rect(x: area.x, y: top, width: min(area.width, 90),
                                             height: min(readout.classCount, area.maxY - top)),
                                    into: &grid, options: options)
        }
        guard let draw = instrument.lastDraw, let walk else {
            let prompt = plan.chart ? "Space draws u ~ U(0, 1). Each stretch is p, ending at the running sum:"
                : "Space: draw u ~ U(0, 1) and watch where it lands"
            grid.write(prompt, x: area.x, y: y, style: theme.dim, limit: area.width)
            chart(at: y + 1)
            return
        }
        let u = "u = \(NumberFormat.fixed(draw.u, decimals: 4))"
        guard landed else {
            grid.write(u + " is falling …", x: area.x, y: y, style: theme.emphasis, limit: area.width)
            return
        }
        grid.write("\(u) lands in \(walk.label(draw.index))'s stretch. The walk:", x: area.x, y: y,
                   style: theme.emphasis, limit: area.width)
        y += 1
        if plan.steps {
            for line in walk.stepLines where y < area.maxY {
                grid.write(line, x: area.x + 2, y: y, limit: area.width - 2)
                y += 1
            }
        } else {
            y = ChapterLines.write(walk.oneLine, x: area.x + 2, y: y, width: area.width - 2, maxY: area.maxY, style: .plain,
                                   into: &grid, options: options)
        }
        if plan.blankBeforeExplanation { y += 1 }
        y = ChapterLines.write(walk.explanation(readout: readout), x: area.x, y: y, width: area.width, maxY: area.maxY,
                               style: theme.text, into: &grid, options: options)
        if plan.chart, y + 1 < area.maxY {
            grid.write("each class's stretch: its probability, ending at the running sum", x: area.x, y: y + 1,
                       style: theme.dim, limit: area.width)
            chart(at: y + 2)
        }
    }
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
    /// ln of each running sum, exact where the sum underflows (a first class of e^-800);
    /// nil to read the sums as doubles only.
    let logCumulative: [Double]?

    init(probabilities: [Double], labels: [String], draw: Draw, logCumulative: [Double]? = nil) {
        let sampler = InverseCDFSampler(probabilities: probabilities)
        self.labels = labels
        self.logCumulative = logCumulative
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

    /// A running sum to four decimals, or, below 0.00005, from its log: a sum of e^-800
    /// reads 3.67e-348, not 0.0000. A sum that is truly 0 (no weight yet) stays 0.0000.
    static func sum(_ c: Double, log logC: Double?) -> String {
        if c >= 0.00005 { return sum(c) }
        if let logC, logC > -.infinity { return NumberFormat.scientific(fromLog: logC) }
        return c > 0 ? NumberFormat.significant(c, digits: 3) : sum(c)
    }

    /// ln of the running sums of a readout's probabilities, from its log-probabilities
    /// (log-sum-exp, one class at a time), so no sum underflows.
    static func logCumulative(_ r: SoftmaxReadout) -> [Double] {
        var running = -Double.infinity
        return r.logProbabilities.map { l in
            let high = max(running, l), low = min(running, l)
            running = high == -.infinity ? -.infinity : high + log1p(exp(low - high))
            return running
        }
    }

    /// Step k's sum as the walk writes it.
    func sumText(_ k: Int) -> String {
        let step = steps[k]
        return Self.sum(step.cumulative, log: logCumulative.flatMap { $0.indices.contains(step.index) ? $0[step.index] : nil })
    }

    /// True when rounding left the last sum at or below u, and the sampler fell back
    /// to the last class with weight.
    var ranOffTheEnd: Bool { !(steps.last?.passes ?? false) }

    /// One line per class visited: "A  0.5585 ≤ u, go on".
    var stepLines: [String] {
        let width = steps.map { TextWidth.of(label($0.index)) }.max() ?? 1
        var lines = steps.indices.map { k in
            let step = steps[k]
            let name = OneDrawWalk.padded(label(step.index), to: width)
            return step.passes
                ? "\(name)  \(sumText(k)) > u: stop, the draw is \(label(step.index))"
                : "\(name)  \(sumText(k)) ≤ u: go on"
        }
        if ranOffTheEnd {
            lines.append("the sums end at or below u (rounding): the last class with weight, \(label(picked))")
        }
        return lines
    }

    /// The same walk in one line, for a screen without room for a row per class.
    var oneLine: String {
        var parts = steps.indices.map { k in
            let step = steps[k]
            return step.passes
                ? "\(label(step.index)) \(sumText(k)) > u: stop at \(label(step.index))"
                : "\(label(step.index)) \(sumText(k)) ≤ u"
        }
        if ranOffTheEnd { parts.append("none passes u (rounding): \(label(picked))") }
        return parts.joined(separator: " → ")
    }

    /// Why this draw is no surprise, whichever class it is. The percentages are the
    /// charts' (rounded together to add up to 100.0), and a tie at the top is named as
    /// a tie: no one class of it is "the most likely".
    func explanation(readout: SoftmaxReadout) -> String {
        let p = readout.probabilities
        let top = readout.topIndex
        guard p.indices.contains(picked), p.indices.contains(top) else { return "" }
        let tenths = PercentText.tenths(p)
        let shown = ChapterLines.percents(readout)
        let tied = p.indices.filter { p[$0] == p[top] }
        // What is left to the other classes, in tenths of a percent: "<0.1%" when it rounds
        // to none but some other class has weight (a miss of e^-800 is no 0.0%).
        func rest(_ kept: [Int]) -> String {
            let left = max(0, 1000 - kept.reduce(0) { $0 + tenths[$1] })
            let othersWeigh = p.indices.contains { !kept.contains($0) && ChapterLines.hasWeight(readout, $0) }
            return left == 0 && othersWeigh ? "<0.1%" : NumberFormat.fixed(Double(left) / 10, decimals: 1) + "%"
        }
        let miss = rest(tied)
        let name = label(picked)
        if tied.contains(picked) {
            let ownMiss = rest([picked])
            let standing: String
            switch tied.count {
            case 1: standing = "\(name) is the most likely class"
            case 2: standing = "\(name) ties with \(label(tied.first { $0 != picked } ?? top)) for the most likely"
            default: standing = "\(name) is one of \(tied.count) classes tied for the most likely"
            }
            let misses = ownMiss.hasPrefix("<") ? "under 0.1%" : "the other \(ownMiss)"
            return "\(standing): u lands in its stretch with probability \(ChapterLines.equation("p(\(name))", shown[picked])), "
                + "and misses it \(misses) of the time."
        }
        if tied.count == 1 {
            return "\(name) is not the most likely class (\(label(top)), \(shown[top])), and that is expected: "
                + "u misses \(label(top))'s stretch with probability \(ChapterLines.equation("1 − p(\(label(top)))", miss)), and lands in "
                + "\(name)'s with \(ChapterLines.equation("p(\(name))", shown[picked]))."
        }
        let names = ChapterLines.listed(tied.map(label))
        return "\(name) is not among the most likely classes (\(names), \(ChapterLines.tiedShare(p[top])) each), and that is expected: "
            + "u misses all \(tied.count) of their stretches with probability \(ChapterLines.quantity(miss)), and lands in "
            + "\(name)'s with \(ChapterLines.equation("p(\(name))", shown[picked]))."
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
