import SoftmaxCore

extension Chapters {
    /// Why the exponential: the user's logits through z/Σz, through shift-to-the-minimum
    /// and through softmax, side by side, with where each of the first two breaks
    /// (a negative share, a division by zero, a class ruled out for being last) and what
    /// softmax gets right (positive, sums to 1, order kept, gaps turned into ratios).
    static let whySoftmax = ChapterDefinition(
        title: "Why softmax",
        name: "why",
        featured: ["previousClassSelected", "logitRaised", "editStarted"],
        render: { lesson, area, grid, options in
            let comparison = WhySoftmax(logits: lesson.instrument.logits, labels: lesson.instrument.labels)
            var intro = [
                "Logits are any real numbers; probabilities must be positive and sum to 1. "
                    + "Three ways to get there from the logits below (↑ ↓ and + - change them):",
            ]
            let t = lesson.instrument.temperature
            if t != .one {
                // The dial is chapter 3's; here softmax is the plain one, whatever the header says.
                intro.append("Softmax here is the plain one, at T = 1; the \(TemperatureText.equation(t)) in the header waits for chapter 3.")
            }
            let rest = writeChapterText(intro, in: area, into: &grid, options: options)
            var y = comparison.renderTable(in: rest, selected: lesson.instrument.selected, into: &grid, options: options)
            let verdicts = comparison.verdicts
            let verdictRows = verdicts.reduce(0) { $0 + TooSmallScreen.wrap($1.text, width: rest.width - 2).count }
            let matrixRows = WhySoftmax.Property.allCases.count + 1
            if y + 1 + verdictRows <= rest.maxY { y += 1 }
            for verdict in verdicts {
                let style = verdict.broken ? options.theme.refusal : options.theme.text
                grid.write(verdict.broken ? "✗" : "✓", x: rest.x, y: y, style: style)
                for line in TooSmallScreen.wrap(verdict.text, width: rest.width - 2) where y < rest.maxY {
                    grid.write(line, x: rest.x + 2, y: y, style: verdict.broken ? options.theme.text : options.theme.emphasis,
                               limit: rest.width - 2)
                    y += 1
                }
            }
            // The checklist only where there is room for all of it (a tall screen).
            if y + 1 + matrixRows <= rest.maxY {
                comparison.renderChecklist(in: Rect(x: rest.x, y: y + 1, width: rest.width, height: matrixRows),
                                           into: &grid, options: options)
            }
        }
    )
}

/// The three recipes applied to one logit vector, and what the chapter says about them.
struct WhySoftmax {
    let logits: [Double]
    let labels: [String]
    let dividedBySum: NaiveNormalization
    let shiftedToMinimum: NaiveNormalization
    let softmaxValues: [Double]

    init(logits: [Double], labels: [String]) {
        self.logits = logits
        self.labels = labels
        dividedBySum = .dividedBySum(logits)
        shiftedToMinimum = .shiftedToMinimum(logits)
        softmaxValues = softmax(logits)
    }

    /// A share as a percentage, signed: a broken recipe's negative "probability" must show.
    static func share(_ x: Double) -> String {
        // Beyond ±10000 % the fixed form would spill into the next column.
        let magnitude = abs(x) < 100 ? NumberFormat.fixed(abs(x) * 100, decimals: 1) : NumberFormat.significant(abs(x) * 100, digits: 2)
        return (x < 0 ? "−" : "") + magnitude + "%"
    }

    private static func number(_ x: Double) -> String {
        x < 0 ? "−" + NumberFormat.fixed(-x, decimals: 2) : NumberFormat.fixed(x, decimals: 2)
    }

    // MARK: - The sentences

    struct Verdict: Equatable {
        let broken: Bool
        let text: String
    }

    var verdicts: [Verdict] { [dividedBySumVerdict, shiftedVerdict, softmaxVerdict] }

    var dividedBySumVerdict: Verdict {
        let sum = dividedBySum.denominator
        guard let shares = dividedBySum.values else {
            return Verdict(broken: true, text: sum == 0
                ? "z/Σz: the logits sum to 0, so it divides by zero: no answer at all."
                : "z/Σz: the sum of the logits does not fit in a double: no answer at all.")
        }
        if sum < 0 {
            let top = argmax(logits)
            return Verdict(broken: true, text: "z/Σz: the logits sum to \(Self.number(sum)), so every sign flips: "
                + "\(labels[top]), the largest, gets \(Self.share(shares[top])).")
        }
        if let worst = shares.indices.min(by: { shares[$0] < shares[$1] }), shares[worst] < 0 {
            return Verdict(broken: true, text: "z/Σz: \(labels[worst]) gets \(Self.share(shares[worst])), "
                + "a negative \"probability\", because its logit is negative.")
        }
        // Nothing negative: it looks fine, but it answers a different question when
        // every logit moves by the same amount, which softmax ignores.
        let top = argmax(logits)
        let moved = NaiveNormalization.dividedBySum(logits.map { $0 + 1 }).values?[top]
        let movedText = moved.flatMap { m in
            Self.share(m) == Self.share(shares[top]) ? nil
                : ", and +1 on every logit moves \(labels[top]) from \(Self.share(shares[top])) to \(Self.share(m))"
        } ?? ""
        return Verdict(broken: true, text: "z/Σz: fine here only because no logit is negative (make one so with -)"
            + movedText + ".")
    }

    var shiftedVerdict: Verdict {
        guard let shares = shiftedToMinimum.values else {
            let uniform = softmaxValues.first ?? 0
            return Verdict(broken: true, text: "(z−min)/Σ: all logits are equal, so it divides 0 by 0 "
                + "(softmax gives each \(PercentText.of(uniform))).")
        }
        let low = logits.min() ?? 0
        let lowest = logits.indices.filter { logits[$0] == low }
        let names = lowest.map { labels[$0] }.joined(separator: ", ")
        let zero = lowest.allSatisfy({ shares[$0] == 0 }) ? "exactly 0" : Self.share(lowest.first.map { shares[$0] } ?? 0)
        // The nearest logit above the minimum: how little it takes to be ruled out.
        let above = logits.indices.filter { logits[$0] > low }.min { logits[$0] < logits[$1] }
        let gap = above.map { ", though only \(Self.number(logits[$0] - low)) below \(labels[$0])" } ?? ""
        let who = lowest.count == 1 ? "\(names), the smallest, gets" : "\(names), the smallest, get"
        return Verdict(broken: true, text: "(z−min)/Σ: \(who) \(zero)\(gap): "
            + "whoever is last is ruled out, an arbitrary choice.")
    }

    var softmaxVerdict: Verdict {
        let p = softmaxValues
        let low = p.indices.min { p[$0] < p[$1] } ?? 0
        var text = "softmax e^z/Σe^z: e^z is always positive, so even \(labels[low]) keeps \(p[low] > 0 ? PercentText.of(p[low]) : "a share too small for a double"); "
            + "dividing by the sum makes 1; e^z keeps the order"
        // The top class against the next logit below it: a tie would show a gap of 0.
        let a = argmax(logits)
        let below = logits.indices.filter { logits[$0] < logits[a] }.max { logits[$0] < logits[$1] }
        if let b = below {
            let gap = logits[a] - logits[b]
            let ratio = probabilityRatio(logitGap: gap)
            text += "; and a gap becomes a ratio: \(labels[a]) is \(Self.number(gap)) above \(labels[b]), "
                + "so e^\(Self.number(gap)) = \(NumberFormat.significant(ratio, digits: 3)) times as likely."
        } else {
            text += "; and equal logits get equal shares."
        }
        return Verdict(broken: false, text: text)
    }

    // MARK: - The table

    /// The columns, as offsets from the area's left edge: where each right-aligned column ends.
    private struct Columns {
        let label = 2
        let labelWidth: Int
        var logitEnd: Int { label + labelWidth + 7 }
        var dividedEnd: Int { logitEnd + 11 }
        var shiftedEnd: Int { dividedEnd + 13 }
        var softmaxEnd: Int { shiftedEnd + 10 }
        var bar: Int { softmaxEnd + 2 }
    }

    /// Draws the header and one row per class; returns the row below the table.
    func renderTable(in area: Rect, selected: Int, into grid: inout Grid, options: ScreenOptions) -> Int {
        let theme = options.theme
        let c = Columns(labelWidth: max(5, labels.map { TextWidth.of($0) }.max() ?? 1))
        func right(_ text: String, end: Int, y: Int, style: Style) {
            grid.writeRight(text, in: Rect(x: area.x, y: y, width: end, height: 1), style: style)
        }
        guard area.height > 0 else { return area.y }
        grid.write("class", x: area.x + c.label, y: area.y, style: theme.dim)
        right("z", end: c.logitEnd, y: area.y, style: theme.dim)
        right("z/Σz", end: c.dividedEnd - 2, y: area.y, style: theme.dim)
        right("(z−min)/Σ", end: c.shiftedEnd - 2, y: area.y, style: theme.dim)
        right("softmax", end: c.softmaxEnd, y: area.y, style: theme.emphasis)
        let divided = dividedBySum.values
        let shifted = shiftedToMinimum.values
        var y = area.y + 1
        for i in logits.indices where y < area.maxY {
            let style = i == selected ? theme.selectionRow : theme.text
            if i == selected { grid.put(options.glyphs.selectionMarker, x: area.x, y: y, style: theme.selectedBar) }
            grid.write(labels[i], x: area.x + c.label, y: y, style: style, limit: c.labelWidth)
            right(LogitText.short(logits[i]), end: c.logitEnd, y: y, style: style)
            cell(divided.map { $0[i] }, valid: { $0 >= 0 && $0 <= 1 }, end: c.dividedEnd, y: y, area: area, into: &grid, theme: theme)
            // Exactly 0 is where shifting breaks: a class ruled out.
            cell(shifted.map { $0[i] }, valid: { $0 > 0 }, end: c.shiftedEnd, y: y, area: area, into: &grid, theme: theme)
            right(PercentText.of(softmaxValues[i]), end: c.softmaxEnd, y: y, style: style)
            let barWidth = area.width - c.bar
            if barWidth > 0 {
                grid.bar(softmaxValues[i], in: Rect(x: area.x + c.bar, y: y, width: barWidth, height: 1), glyphs: options.glyphs,
                         style: i == selected ? theme.selectedBar : theme.bar)
            }
            y += 1
        }
        return y
    }

    /// One share, marked ✗ when it is no probability (not `valid`), or no answer (÷0).
    private func cell(_ value: Double?, valid: (Double) -> Bool, end: Int, y: Int, area: Rect, into grid: inout Grid, theme: Theme) {
        let numberArea = Rect(x: area.x, y: y, width: end - 2, height: 1)
        guard let value else {
            grid.writeRight("/0", in: numberArea, style: theme.refusal)
            grid.write("✗", x: area.x + end - 1, y: y, style: theme.refusal)
            return
        }
        let broken = !valid(value)
        grid.writeRight(Self.share(value), in: numberArea, style: broken ? theme.refusal : theme.text)
        if broken { grid.write("✗", x: area.x + end - 1, y: y, style: theme.refusal) }
    }

    // MARK: - The checklist

    /// What a probability recipe should do, checked on the logits on screen.
    enum Property: CaseIterable {
        case positive, sumsToOne, keepsOrder, ignoresShift, gapSetsRatio

        var name: String {
            switch self {
            case .positive: "every class above 0"
            case .sumsToOne: "sums to 1"
            case .keepsOrder: "keeps the order of the logits"
            case .ignoresShift: "same answer after +1 on every logit"
            case .gapSetsRatio: "a gap Δz always means a ratio e^Δz"
            }
        }
    }

    static func holds(_ property: Property, values: [Double]?, logits: [Double], recipe: ([Double]) -> [Double]?) -> Bool {
        guard let values else { return false }
        switch property {
        case .positive:
            return values.allSatisfy { $0 > 0 }
        case .sumsToOne:
            return abs(values.reduce(0, +) - 1) < 1e-9
        case .keepsOrder:
            for i in logits.indices {
                for j in logits.indices where logits[i] > logits[j] && !(values[i] > values[j]) { return false }
            }
            return true
        case .ignoresShift:
            guard let moved = recipe(logits.map { $0 + 1 }) else { return false }
            return zip(values, moved).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($0)) }
        case .gapSetsRatio:
            for i in logits.indices {
                for j in logits.indices where i != j {
                    guard values[i] > 0, values[j] > 0 else { return false }
                    let expected = probabilityRatio(logitGap: logits[i] - logits[j])
                    if abs(values[i] / values[j] - expected) > 1e-9 * expected { return false }
                }
            }
            return true
        }
    }

    /// ✓ and ✗ for each recipe and property, in the order z/Σz, (z−min)/Σ, softmax.
    var checklist: [(Property, [Bool])] {
        let recipes: [([Double]?, ([Double]) -> [Double]?)] = [
            (dividedBySum.values, { NaiveNormalization.dividedBySum($0).values }),
            (shiftedToMinimum.values, { NaiveNormalization.shiftedToMinimum($0).values }),
            (softmaxValues, { softmax($0) }),
        ]
        return Property.allCases.map { property in
            (property, recipes.map { Self.holds(property, values: $0.0, logits: logits, recipe: $0.1) })
        }
    }

    func renderChecklist(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        let nameWidth = Property.allCases.map { TextWidth.of($0.name) }.max() ?? 0
        let headers = ["z/Σz", "(z−min)/Σ", "softmax"]
        let columnWidth = 12
        grid.write("on these logits", x: area.x + 2, y: area.y, style: theme.dim)
        for (k, header) in headers.enumerated() {
            grid.writeCentered(header, in: Rect(x: area.x + 2 + nameWidth + 2 + k * columnWidth, y: area.y, width: columnWidth, height: 1),
                               style: theme.dim)
        }
        for (row, (property, results)) in checklist.enumerated() where row + 1 < area.height {
            let y = area.y + 1 + row
            grid.write(property.name, x: area.x + 2, y: y, style: theme.text)
            for (k, ok) in results.enumerated() {
                grid.writeCentered(ok ? "✓" : "✗", in: Rect(x: area.x + 2 + nameWidth + 2 + k * columnWidth, y: y, width: columnWidth, height: 1),
                                   style: ok ? theme.emphasis : theme.refusal)
            }
        }
    }
}
