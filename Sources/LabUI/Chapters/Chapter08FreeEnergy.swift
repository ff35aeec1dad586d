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

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let r = instrument.readout
        let rows = EnergyTable.rows(logits: instrument.logits, labels: instrument.labels, temperature: r.temperature,
                                    yours: yours)
        let nameWidth = min(18, rows.map { TextWidth.of($0.name) }.max() ?? 0)
        let tableWidth = nameWidth + 4 * Self.numberWidth
        let chartWidth = area.width - tableWidth - 4
        guard chartWidth >= 22, area.height >= 6 else { return }
        let theme = options.theme
        let headers = ["⟨E⟩", "S", "F", "F − F[p]"]
        for (c, header) in headers.enumerated() {
            grid.writeRight(header, in: Rect(x: area.x + nameWidth + c * Self.numberWidth, y: area.y,
                                             width: Self.numberWidth, height: 1), style: theme.dim)
        }
        for (n, row) in rows.enumerated() {
            let y = area.y + 1 + n
            let style = n == 0 ? theme.emphasis : (n == rows.count - 1 ? theme.selectionRow : theme.text)
            grid.write(row.name, x: area.x, y: y, style: style, limit: nameWidth)
            let cells = [row.meanEnergy, row.entropy, row.freeEnergy, row.gap].map(EnergyText.number)
            for (c, cell) in cells.enumerated() {
                grid.writeRight(cell, in: Rect(x: area.x + nameWidth + c * Self.numberWidth, y: y,
                                               width: Self.numberWidth, height: 1), style: style)
            }
        }
        var y = area.y + 1 + max(rows.count, instrument.classCount) + 1
        if let mine = rows.last {
            for line in TooSmallScreen.wrap(EnergyText.identity(mine, readout: r), width: area.width) where y < area.maxY {
                grid.write(line, x: area.x, y: y, style: theme.text, limit: area.width)
                y += 1
            }
        }
        if area.maxY - y >= rows.count + 6 {
            FreeEnergyAtOtherTemperatures(instrument: instrument, rows: rows)
                .render(in: Rect(x: area.x, y: y + 1, width: area.width, height: area.maxY - y - 1),
                        into: &grid, options: options)
        }
        let chart = Rect(x: area.maxX - chartWidth, y: area.y, width: chartWidth, height: area.height)
        // The headers sit over BarChart's value and bar columns, which it places the same way.
        let labelWidth = min(12, max(1, instrument.labels.map { TextWidth.of($0) }.max() ?? 1))
        let values = r.probabilities.map(PercentText.of)
        let valueEnd = 2 + labelWidth + 1 + (values.map { TextWidth.of($0) }.max() ?? 0)
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
        guard area.height >= rows.count + 2, nameWidth + Self.temperatures.count * width <= area.width else { return }
        grid.write("F at other T: the softmax recomputed at each, the other rows' q kept; * marks the lowest.",
                   x: area.x, y: area.y, style: theme.dim, limit: area.width)
        let ts = Self.temperatures.compactMap { try? Temperature($0) }
        for (c, t) in ts.enumerated() {
            grid.writeRight(TemperatureText.equation(t), in: Rect(x: area.x + nameWidth + c * width, y: area.y + 1,
                                                                   width: width, height: 1), style: theme.dim)
            let values = rows.enumerated().map { n, row in
                n == 0 ? SoftmaxReadout(logits: instrument.logits, temperature: t).freeEnergy
                    : freeEnergy(of: row.distribution, logits: instrument.logits, temperature: t)
            }
            let lowest = values.min() ?? 0
            for (n, f) in values.enumerated() {
                let y = area.y + 2 + n
                if c == 0 { grid.write(rows[n].name, x: area.x, y: y, style: theme.text, limit: nameWidth) }
                let isLowest = f <= lowest
                grid.writeRight(EnergyText.number(f) + (isLowest ? "*" : " "),
                                in: Rect(x: area.x + nameWidth + c * width, y: y, width: width + 1, height: 1),
                                style: isLowest ? theme.emphasis : theme.text)
            }
        }
    }
}
