import SoftmaxCore

/// What this chapter remembers between keys: the distribution the student nudges.
public struct EnergySettings: Hashable, Sendable {
    /// How much probability one press of > or < moves.
    public static let nudgeStep = 0.05

    /// The student's own distribution; nil while it simply follows the softmax,
    /// which is where the first nudge starts from.
    public var nudged: [Double]?

    public init() {}

    /// The student's distribution for K classes: the nudged one if it still fits, else p.
    func yours(following p: [Double]) -> [Double] {
        guard let q = nudged, q.count == p.count else { return p }
        return q
    }

    /// Moves probability into class `i` (out of it for a negative amount).
    mutating func nudge(class i: Int, by amount: Double, softmax p: [Double]) {
        nudged = movingMass(in: yours(following: p), to: i, amount: amount)
    }
}

/// Moves `amount` of probability into class `i` (out of it when negative), clamped so
/// that q_i stays in [0, 1]; the other classes share the change in proportion to what
/// they hold (evenly if they hold nothing), so q stays a distribution.
func movingMass(in q: [Double], to i: Int, amount: Double) -> [Double] {
    guard q.indices.contains(i), q.count > 1 else { return q }
    let target = min(1, max(0, q[i] + amount))
    let restBefore = 1 - q[i]
    let restAfter = 1 - target
    var moved = q.indices.map { j -> Double in
        if j == i { return target }
        return restBefore > 1e-12 ? q[j] * restAfter / restBefore : restAfter / Double(q.count - 1)
    }
    // Scaling can leave the sum a rounding error away from 1; take it out again.
    let sum = moved.reduce(0, +)
    if sum > 0 { moved = moved.map { $0 / sum } }
    return moved
}

/// One distribution's row of the free-energy table.
struct EnergyRow: Equatable {
    let name: String
    let distribution: [Double]
    let meanEnergy: Double
    let entropy: Double
    let freeEnergy: Double
    /// `F[q] − F[p]`, which equals `T·KL(q‖p)`; at the two limits, its limit.
    let gap: Double
}

/// The four distributions set beside each other, and the limits made explicit.
enum EnergyTable {
    static func rows(logits: [Double], labels: [String], temperature: Temperature, yours: [Double]) -> [EnergyRow] {
        let k = logits.count
        let r = SoftmaxReadout(logits: logits, temperature: temperature)
        let top = argmax(logits)
        let uniform = Array(repeating: k > 0 ? 1 / Double(k) : 0, count: k)
        let oneHot = (0..<k).map { $0 == top ? 1.0 : 0.0 }
        let topLabel = labels.indices.contains(top) ? labels[top] : ""
        let named: [(String, [Double])] = [
            ("softmax p", r.probabilities), ("uniform", uniform), ("one-hot \(topLabel)", oneHot), ("yours q", yours),
        ]
        return named.map { name, q in
            let f = freeEnergy(of: q, logits: logits, temperature: temperature)
            return EnergyRow(name: name, distribution: q, meanEnergy: -zip(q, logits).reduce(0) { $0 + $1.0 * $1.1 },
                             entropy: entropy(q), freeEnergy: f, gap: gap(q, readout: r, freeEnergy: f))
        }
    }

    /// `F[q] − F[p]`. At T → ∞ both are −∞ for any spread-out q; the limit of the
    /// difference, `T·KL(q‖p)`, is then 0 for the uniform q and +∞ for any other.
    static func gap(_ q: [Double], readout r: SoftmaxReadout, freeEnergy f: Double) -> Double {
        guard r.temperature.isUniform, r.classCount > 1 else { return max(0, f - r.freeEnergy) }
        let uniform = Array(repeating: 1 / Double(r.classCount), count: r.classCount)
        return klDivergence(q, uniform) > 1e-12 ? .infinity : 0
    }

    /// `T·KL(q‖p)` computed on its own, for finite T; nil at the limits, where it is 0·∞.
    static func scaledDivergence(_ q: [Double], readout r: SoftmaxReadout) -> Double? {
        guard !r.temperature.isGreedy, !r.temperature.isUniform else { return nil }
        return r.temperature.value * klDivergence(q, r.probabilities)
    }
}

/// Numbers as the chapter prints them: three decimals, and the infinities by name.
enum EnergyText {
    static func number(_ x: Double) -> String {
        if x == .infinity { return "+∞" }
        if x == -.infinity { return "−∞" }
        if x.isNaN { return "undefined" }
        let text = NumberFormat.fixed(x, decimals: 3)
        return text == "-0.000" ? "0.000" : text.replacingMinus
    }

    /// A row name shortened with an ellipsis to fit, as it will be spelt, so the ASCII
    /// "..." is counted too.
    static func fitted(_ name: String, to width: Int, glyphs: Glyphs) -> String {
        let spelt = glyphs.text(name)
        guard TextWidth.of(spelt) > width else { return spelt }
        guard glyphs.asciiOnly else { return TextWidth.truncate(name, to: width) }
        return String(spelt.prefix(max(0, width - 3))) + "..."
    }

    static func paragraphs(_ r: SoftmaxReadout) -> [String] {
        let t = r.temperature
        let intro = "Read each logit as a negative energy, E = −z. The softmax is then the Boltzmann distribution "
            + "p = exp(−E/T)/Z, and of all distributions q it has the least free energy F[q] = ⟨E⟩ − T×S."
        let s = number(r.entropy)
        let e = number(r.meanEnergy)
        let now: String
        if t.isGreedy {
            now = "At T → 0: ln Z → \(number(r.logPartition)), yet F = −T ln Z → −max z = \(number(r.freeEnergy)); "
                + "p sits on the lowest energy, ⟨E⟩ = \(e), S = \(s)."
        } else if t.isUniform {
            now = "At T → ∞: Z → K = \(r.classCount), ⟨E⟩ = \(e) (the plain average), S = ln K = \(s), "
                + "and F = ⟨E⟩ − T×S → \(number(r.freeEnergy)): so the gaps below are limits."
        } else {
            now = "Now Z = \(NumberFormat.significant(r.partitionFunction, digits: 4)), ⟨E⟩ = \(e), S = \(s) nats, "
                + "and F = ⟨E⟩ − T×S = −T ln Z = \(number(r.freeEnergy))."
        }
        return [intro, now]
    }

    /// The identity under the table, for the student's q.
    static func identity(_ yours: EnergyRow, readout r: SoftmaxReadout) -> String {
        let gap = number(yours.gap)
        if let tkl = EnergyTable.scaledDivergence(yours.distribution, readout: r) {
            let kl = klDivergence(yours.distribution, r.probabilities)
            return "Yours: F[q] − F[p] = \(gap) = T×KL(q||p) = \(TemperatureText.value(r.temperature)) × "
                + "\(number(kl)) = \(number(tkl)); it is 0 only at q = p."
        }
        if r.temperature.isGreedy {
            return "Yours: F[q] − F[p] = \(gap). At T → 0, KL(q||p) is infinite once q leaves the top class, "
                + "but T×KL(q||p) tends to this gap."
        }
        return "Yours: F[q] − F[p] = T×KL(q||p) → \(gap): at T → ∞ only the uniform q keeps up with p."
    }
}

extension String {
    /// The typographic minus, as the rest of the chapter's formulas use.
    fileprivate var replacingMinus: String { hasPrefix("-") ? "−" + dropFirst() : self }
}

extension Chapters {
    /// Teaches the physics reading of the softmax: logits are negative energies, Z
    /// the partition function, and the softmax the one distribution that minimises the
    /// free energy ⟨E⟩ − T·S, by exactly T·KL(q‖p) below any other q. The student
    /// nudges a q by hand and watches its F stay above.
    static let freeEnergy = ChapterDefinition(
        title: "Energy, entropy, free energy",
        name: "energy",
        bindings: [
            ChapterDefinition.binding("massMovedTo", [.character(">"), .shiftUp], "move 5% of q to the selected class",
                                      hint: "> < move 5% to/from it") {
                $0.energy.nudge(class: $0.instrument.selected, by: EnergySettings.nudgeStep, softmax: $0.readout.probabilities)
            },
            ChapterDefinition.binding("massMovedFrom", [.character("<"), .shiftDown], "move 5% of q away from it") {
                $0.energy.nudge(class: $0.instrument.selected, by: -EnergySettings.nudgeStep, softmax: $0.readout.probabilities)
            },
            ChapterDefinition.binding("yoursReset", [.character("r")], "reset q to p", hint: "r q = p") {
                $0.energy.nudged = nil
            },
        ],
        featured: ["temperatureRaised", "previousClassSelected"],
        render: { lesson, area, grid, options in
            let r = lesson.readout
            let rest = writeChapterText(EnergyText.paragraphs(r), in: area, into: &grid, options: options)
            EnergyPanel(instrument: lesson.instrument, yours: lesson.energy.yours(following: r.probabilities))
                .render(in: rest, into: &grid, options: options)
        }
    )
}

/// The table of ⟨E⟩, S, F and the gap for the four distributions, the identity line
/// for the student's q, and q's bars beside p's percentages.
struct EnergyPanel {
    let instrument: ExplorerState
    let yours: [Double]

    static let numberWidth = 10
    /// The narrowest bar the chart of q keeps before the panel stacks instead.
    static let minimumBarWidth = 6

    /// Where the parts go: the table and the chart side by side, the columns as wide
    /// as the room allows; or, where even the narrowest do not fit, the chart under
    /// the table.
    struct Layout: Equatable {
        var nameWidth: Int
        var numberWidth: Int
        var table: Rect
        var chart: Rect
        /// Where the identity line goes: under the table, or across the whole width.
        var identity: Rect
        var stacked: Bool
    }

    static func layout(in area: Rect, rowNames: [String], labels: [String], percentWidth: Int, identityLines: (Int) -> Int)
        -> Layout {
        let fullName = min(18, rowNames.map { TextWidth.of($0) }.max() ?? 0)
        let labelWidth = min(12, max(1, labels.map { TextWidth.of($0) }.max() ?? 1))
        // BarChart's columns: marker, label, the p column, the bar, the q percentage.
        let chartMinimum = 2 + labelWidth + 1 + percentWidth + 1 + minimumBarWidth + 7
        let gap = 2
        let classRows = 1 + labels.count
        // The widest columns that leave the names whole; at the narrowest, names may
        // be shortened to nine columns ("one-hot …") before the chart goes below.
        let tries = [(10, fullName), (9, fullName), (8, fullName), (8, min(fullName, 9))]
        for (numberWidth, shortest) in tries {
            let room = area.width - chartMinimum - gap - 4 * numberWidth
            let nameWidth = min(fullName, room)
            guard nameWidth >= shortest else { continue }
            let tableWidth = nameWidth + 4 * numberWidth
            let table = Rect(x: area.x, y: area.y, width: tableWidth, height: 5)
            let chart = Rect(x: area.x + tableWidth + gap, y: area.y, width: area.width - tableWidth - gap, height: area.height)
            // Across the whole width below both where there is room; else under the table.
            let below = area.y + max(5, classRows) + 1
            let identity = area.maxY - below >= identityLines(area.width)
                ? Rect(x: area.x, y: below, width: area.width, height: area.maxY - below)
                : Rect(x: area.x, y: area.y + 6, width: tableWidth, height: max(0, area.height - 6))
            return Layout(nameWidth: nameWidth, numberWidth: numberWidth, table: table, chart: chart, identity: identity,
                          stacked: false)
        }
        let nameWidth = min(fullName, area.width - 4 * 8)
        let identityHeight = identityLines(area.width)
        let table = Rect(x: area.x, y: area.y, width: nameWidth + 32, height: 5)
        let identity = Rect(x: area.x, y: area.y + 6, width: area.width, height: identityHeight)
        let chartTop = identity.maxY + 1
        return Layout(nameWidth: nameWidth, numberWidth: 8, table: table,
                      chart: Rect(x: area.x, y: chartTop, width: area.width, height: max(0, area.maxY - chartTop)),
                      identity: identity, stacked: true)
    }

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let r = instrument.readout
        let rows = EnergyTable.rows(logits: instrument.logits, labels: instrument.labels, temperature: r.temperature,
                                    yours: yours)
        guard area.height >= 6, area.width >= 40 else { return }
        let theme = options.theme
        let glyphs = options.glyphs
        // p's column is rounded as one distribution, as BarChart rounds q's, so each adds up to 100.0%.
        let values = PercentText.column(r.probabilities)
        let percentWidth = values.map { TextWidth.of(glyphs.text($0)) }.max() ?? 0
        let identityText = rows.last.map { EnergyText.identity($0, readout: r) } ?? ""
        let layout = Self.layout(in: area, rowNames: rows.map(\.name), labels: instrument.labels, percentWidth: percentWidth,
                                 identityLines: { TooSmallScreen.wrap(glyphs.text(identityText), width: $0).count })
        let width = layout.numberWidth
        // "F − F[p]" fills a column of 10; narrower columns take the short form.
        let headers = ["⟨E⟩", "S", "F", width >= 10 ? "F − F[p]" : "F−F[p]"]
        let table = layout.table
        for (c, header) in headers.enumerated() {
            grid.writeRight(header, in: Rect(x: table.x + layout.nameWidth + c * width, y: table.y, width: width, height: 1),
                            style: theme.dim)
        }
        for (n, row) in rows.enumerated() {
            let y = table.y + 1 + n
            let style = n == 0 ? theme.emphasis : (n == rows.count - 1 ? theme.selectionRow : theme.text)
            grid.write(EnergyText.fitted(row.name, to: layout.nameWidth, glyphs: glyphs), x: table.x, y: y, style: style,
                       limit: layout.nameWidth)
            let cells = [row.meanEnergy, row.entropy, row.freeEnergy, row.gap].map(EnergyText.number)
            for (c, cell) in cells.enumerated() {
                grid.writeRight(cell, in: Rect(x: table.x + layout.nameWidth + c * width, y: y, width: width, height: 1),
                                style: style)
            }
        }
        var y = layout.identity.y
        for line in TooSmallScreen.wrap(glyphs.text(identityText), width: layout.identity.width) where y < layout.identity.maxY {
            grid.write(line, x: layout.identity.x, y: y, style: theme.text, limit: layout.identity.width)
            y += 1
        }
        if !layout.stacked, layout.identity.width == area.width, area.maxY - y >= rows.count + 3 {
            FreeEnergyAtOtherTemperatures(instrument: instrument, rows: rows)
                .render(in: Rect(x: area.x, y: y + 1, width: area.width, height: area.maxY - y - 1),
                        into: &grid, options: options)
        }
        let chart = layout.chart
        guard chart.height >= 2 else { return }
        // The headers sit over BarChart's value and bar columns, which it places the same way.
        let labelWidth = min(12, max(1, instrument.labels.map { TextWidth.of($0) }.max() ?? 1))
        let valueEnd = 2 + labelWidth + 1 + percentWidth
        grid.writeRight("p", in: Rect(x: chart.x, y: chart.y, width: valueEnd, height: 1), style: theme.dim)
        grid.write("yours q", x: chart.x + valueEnd + 1, y: chart.y, style: theme.dim)
        BarChart(labels: instrument.labels, probabilities: yours, values: values, selected: instrument.selected)
            .render(in: Rect(x: chart.x, y: chart.y + 1, width: chart.width, height: chart.height - 1),
                    into: &grid, options: options)
    }
}

/// On tall screens: F of the same four distributions at other temperatures, so the
/// softmax of each column's T can be seen lowest in every column, not just at this T.
/// The softmax row is recomputed at each T; the other rows keep their distribution.
struct FreeEnergyAtOtherTemperatures {
    let instrument: ExplorerState
    let rows: [EnergyRow]

    static let temperatures: [Double] = [0.1, 0.3, 1, 3, 10]

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        let nameWidth = min(18, rows.map { TextWidth.of($0.name) }.max() ?? 0)
        let width = EnergyPanel.numberWidth
        let caption = TooSmallScreen.wrap(
            options.glyphs.text("F at other T: the softmax recomputed at each, the other rows' q kept; * marks the lowest."),
            width: area.width)
        let top = area.y + caption.count
        guard area.maxY - top >= rows.count + 1, nameWidth + Self.temperatures.count * width <= area.width else { return }
        for (i, line) in caption.enumerated() {
            grid.write(line, x: area.x, y: area.y + i, style: theme.dim, limit: area.width)
        }
        let ts = Self.temperatures.compactMap { try? Temperature($0) }
        for (c, t) in ts.enumerated() {
            if c == 0 { grid.write("at T =", x: area.x, y: top, style: theme.dim, limit: nameWidth) }
            grid.writeRight(TemperatureText.value(t), in: Rect(x: area.x + nameWidth + c * width, y: top,
                                                            width: width, height: 1), style: theme.dim)
            let values = rows.enumerated().map { n, row in
                n == 0 ? SoftmaxReadout(logits: instrument.logits, temperature: t).freeEnergy
                    : freeEnergy(of: row.distribution, logits: instrument.logits, temperature: t)
            }
            // q = p gives the same F by two roads that may differ in the last bit: both are lowest.
            let lowest = (values.min() ?? 0) + 1e-12 * max(1, abs(values.min() ?? 0))
            for (n, f) in values.enumerated() {
                let y = top + 1 + n
                if c == 0 {
                    grid.write(EnergyText.fitted(rows[n].name, to: nameWidth, glyphs: options.glyphs), x: area.x, y: y,
                               style: theme.text, limit: nameWidth)
                }
                let isLowest = f <= lowest
                grid.writeRight(EnergyText.number(f) + (isLowest ? "*" : " "),
                                in: Rect(x: area.x + nameWidth + c * width, y: y, width: width + 1, height: 1),
                                style: isLowest ? theme.emphasis : theme.text)
            }
        }
    }
}
