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
            let page = WhySoftmaxPage(comparison: comparison, temperature: lesson.instrument.temperature,
                                      width: area.width, options: options)
            page.render(in: area, selected: lesson.instrument.selected, into: &grid, options: options)
        }
    )
}

/// Chapter 1's page laid out for its area: the fullest wording whose every line
/// fits, so with ten classes on 80×24 the verdicts are shorter, never cut.
struct WhySoftmaxPage {
    /// One way to lay the page out, from the roomiest to the most compact.
    struct Plan: Equatable {
        var shortIntro = false
        var shortVerdicts = false
        /// Blank rows after the text and after the table.
        var spaced = true
        /// The checklist of what each recipe gets right, under the verdicts.
        var checklist = false
    }

    /// The full verdicts with the checklist, then without it, then shorter verdicts and
    /// intro with their blank rows, and last of all without them.
    static let plans: [Plan] = [
        Plan(checklist: true),
        Plan(spaced: false, checklist: true),
        Plan(),
        Plan(spaced: false),
        Plan(shortVerdicts: true),
        Plan(shortIntro: true, shortVerdicts: true),
        Plan(shortVerdicts: true, spaced: false),
        Plan(shortIntro: true, shortVerdicts: true, spaced: false),
    ]

    /// The checklist's rows: a blank row, its header and one row per property.
    static let checklistRows = 1 + 1 + WhySoftmax.Property.allCases.count

    let comparison: WhySoftmax
    let temperature: Temperature
    let width: Int
    let options: ScreenOptions

    func intro(short: Bool) -> [String] {
        var text = [short
            ? "Three ways from logits (any real numbers) to probabilities (positive, sum 1):"
            : "Logits are any real numbers; probabilities must be positive and sum to 1. "
                + "Three ways to get there from the logits below (↑ ↓ and + - change them):"]
        if temperature != .one {
            // The dial is chapter 3's; here softmax is the plain one, whatever the header says.
            text.append("Softmax here is plain, at T = 1; the header's \(TemperatureText.equation(temperature)) waits for chapter 3.")
        }
        return text.flatMap { ChapterLines.wrap($0, width: width, options: options) }
    }

    func verdicts(short: Bool) -> [(verdict: WhySoftmax.Verdict, lines: [String])] {
        comparison.verdicts(short: short).map { ($0, ChapterLines.wrap($0.text, width: width - 2, options: options)) }
    }

    /// Rows the page takes under `plan`.
    func rows(_ plan: Plan) -> Int {
        let spacing = plan.spaced ? 2 : 0
        return intro(short: plan.shortIntro).count + spacing + comparison.logits.count + 1
            + verdicts(short: plan.shortVerdicts).reduce(0) { $0 + $1.lines.count }
            + (plan.checklist ? Self.checklistRows : 0)
    }

    /// The first plan that fits `height`, or the most compact one.
    func plan(height: Int) -> Plan {
        Self.plans.first { rows($0) <= height } ?? Self.plans[Self.plans.count - 1]
    }

    func render(in area: Rect, selected: Int, into grid: inout Grid, options: ScreenOptions) {
        let plan = plan(height: area.height)
        var y = area.y
        for line in intro(short: plan.shortIntro) where y < area.maxY {
            grid.write(line, x: area.x, y: y, style: options.theme.text, limit: area.width)
            y += 1
        }
        if plan.spaced { y += 1 }
        y = comparison.renderTable(in: Rect(x: area.x, y: y, width: area.width, height: max(0, area.maxY - y)),
                                   selected: selected, into: &grid, options: options)
        if plan.spaced { y += 1 }
        for (verdict, lines) in verdicts(short: plan.shortVerdicts) {
            // A verdict is written whole or not at all.
            guard y + lines.count <= area.maxY else { break }
            grid.write(verdict.broken ? "✗" : "✓", x: area.x, y: y, style: verdict.broken ? options.theme.refusal : options.theme.text)
            for line in lines {
                grid.write(line, x: area.x + 2, y: y, style: verdict.broken ? options.theme.text : options.theme.emphasis,
                           limit: area.width - 2)
                y += 1
            }
        }
        if plan.checklist {
            comparison.renderChecklist(in: Rect(x: area.x, y: y + 1, width: area.width, height: Self.checklistRows - 1),
                                       into: &grid, options: options)
        }
    }
}

/// Lines of chapter text, shared by the chapters: wrapped as they will be spelt, so an
/// ASCII spelling ("sqrt " for √) never cuts a word or runs past the edge.
enum ChapterLines {
    static func wrap(_ text: String, width: Int, options: ScreenOptions) -> [String] {
        TooSmallScreen.wrap(options.glyphs.text(text), width: width)
    }

    /// Writes `text` wrapped from row `y`, only while whole lines fit above `maxY`;
    /// returns the row below the last line written.
    @discardableResult
    static func write(_ text: String, x: Int, y: Int, width: Int, maxY: Int, style: Style, into grid: inout Grid,
                      options: ScreenOptions) -> Int {
        var row = y
        for line in wrap(text, width: width, options: options) where row < maxY {
            grid.write(line, x: x, y: row, style: style, limit: width)
            row += 1
        }
        return row
    }

    /// Right-aligned text measured as it is spelt (a plain `writeRight` measures the
    /// Unicode, and its ASCII spelling can be longer).
    static func writeRight(_ text: String, in area: Rect, style: Style = .plain, into grid: inout Grid, options: ScreenOptions) {
        grid.writeRight(options.glyphs.text(text), in: area, style: style)
    }

    static func writeCentered(_ text: String, in area: Rect, style: Style = .plain, into grid: inout Grid,
                              options: ScreenOptions) {
        grid.writeCentered(options.glyphs.text(text), in: area, style: style)
    }

    /// The names of the classes tied at the top of a readout, "ant" or "ant and bee".
    static func topNames(_ r: SoftmaxReadout, labels: [String]) -> (names: String, count: Int) {
        let tied = r.logits.indices.filter { r.logits[$0] == r.maxLogit }
        let names = tied.map { labels.indices.contains($0) ? labels[$0] : "?" }
        return (listed(names), names.count)
    }

    /// A tied class's share to two decimals, "44.65%": the same for each class of the
    /// tie, where a column rounded to add up to 100.0 may give them different tenths.
    static func tiedShare(_ p: Double) -> String {
        NumberFormat.fixed(p * 100, decimals: 2) + "%"
    }

    /// "a", "a and b", "a, b and c".
    static func listed(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }
}

/// The three recipes applied to one logit vector, and what the chapter says about them.
struct WhySoftmax {
    let logits: [Double]
    let labels: [String]
    let dividedBySum: NaiveNormalization
    let shiftedToMinimum: NaiveNormalization
    let softmaxValues: [Double]
    /// Each column as shown, rounded together so that it adds up to exactly what its
    /// values add up to (100.0 %), and the sentences quote these same figures.
    let dividedTexts: [String]?
    let shiftedTexts: [String]?
    let softmaxTexts: [String]

    init(logits: [Double], labels: [String]) {
        self.logits = logits
        self.labels = labels
        dividedBySum = .dividedBySum(logits)
        shiftedToMinimum = .shiftedToMinimum(logits)
        softmaxValues = softmax(logits)
        dividedTexts = dividedBySum.values.map(Self.shareColumn)
        shiftedTexts = shiftedToMinimum.values.map(Self.shareColumn)
        softmaxTexts = PercentText.column(softmaxValues)
    }

    /// A share as a percentage, signed: a broken recipe's negative "probability" must show.
    static func share(_ x: Double) -> String {
        // Beyond ±10000 % the fixed form would spill into the next column.
        let magnitude = abs(x) < 100 ? NumberFormat.fixed(abs(x) * 100, decimals: 1) : NumberFormat.significant(abs(x) * 100, digits: 2)
        return (x < 0 ? "−" : "") + magnitude + "%"
    }

    /// A column of signed shares in tenths of a percent, rounded by largest remainder
    /// so the column adds up to its exact total (1000 tenths when the shares sum to 1),
    /// negative shares included. Shares too large for tenths are written one by one.
    static func shareColumn(_ values: [Double]) -> [String] {
        guard values.allSatisfy({ $0.isFinite && abs($0) < 100 }) else { return values.map(share) }
        let scaled = values.map { $0 * 1000 }
        var whole = scaled.map { $0.rounded(.down) }
        var missing = Int((scaled.reduce(0, +)).rounded() - whole.reduce(0, +))
        // Remainders equal but for rounding error count as a tie, which goes to the earlier class.
        let remainder = scaled.indices.map { ((scaled[$0] - whole[$0]) * 1e9).rounded() }
        let order = scaled.indices.sorted { (remainder[$0], $1) > (remainder[$1], $0) }
        for i in order where missing > 0 {
            whole[i] += 1
            missing -= 1
        }
        return values.indices.map { i in
            let tenths = whole[i]
            if tenths == 0 && values[i] > 0 { return "<0.1%" }
            return (values[i] < 0 ? "−" : "") + NumberFormat.fixed(abs(tenths) / 10, decimals: 1) + "%"
        }
    }

    private static func number(_ x: Double) -> String {
        x < 0 ? "−" + NumberFormat.fixed(-x, decimals: 2) : NumberFormat.fixed(x, decimals: 2)
    }

    /// The classes whose logit is the largest, by name: "B", or "B and C" for a tie.
    private var largest: (names: String, count: Int, first: Int) {
        let top = logits.max() ?? 0
        let tied = logits.indices.filter { logits[$0] == top }
        return (ChapterLines.listed(tied.map { labels[$0] }), tied.count, tied.first ?? 0)
    }

    // MARK: - The sentences

    struct Verdict: Equatable {
        let broken: Bool
        let text: String
    }

    var verdicts: [Verdict] { verdicts(short: false) }

    /// The three verdicts; `short` ones fit a line or two, for a full screen.
    func verdicts(short: Bool) -> [Verdict] {
        [dividedBySumVerdict(short: short), shiftedVerdict(short: short), softmaxVerdict(short: short)]
    }

    var dividedBySumVerdict: Verdict { dividedBySumVerdict(short: false) }
    var shiftedVerdict: Verdict { shiftedVerdict(short: false) }
    var softmaxVerdict: Verdict { softmaxVerdict(short: false) }

    func dividedBySumVerdict(short: Bool) -> Verdict {
        let sum = dividedBySum.denominator
        guard let shares = dividedBySum.values, let texts = dividedTexts else {
            if sum == 0 {
                return Verdict(broken: true, text: short ? "z/Σz: the logits sum to 0: a division by zero."
                    : "z/Σz: the logits sum to 0, so it divides by zero: no answer at all.")
            }
            return Verdict(broken: true, text: short ? "z/Σz: the sum does not fit in a double: no answer."
                : "z/Σz: the sum of the logits does not fit in a double: no answer at all.")
        }
        if sum < 0 {
            let top = largest
            let gets = top.count == 1 ? "the largest, gets" : "the largest, each get"
            return Verdict(broken: true, text: short
                ? "z/Σz: the sum is \(Self.number(sum)), so signs flip: \(top.names), \(gets) \(texts[top.first])."
                : "z/Σz: the logits sum to \(Self.number(sum)), so every sign flips: \(top.names), \(gets) \(texts[top.first]).")
        }
        if let worst = shares.indices.min(by: { shares[$0] < shares[$1] }), shares[worst] < 0 {
            return Verdict(broken: true, text: "z/Σz: \(labels[worst]) gets \(texts[worst]), a negative \"probability\""
                + (short ? "." : ", because its logit is negative."))
        }
        // Nothing negative: it looks fine, but it answers a different question when
        // every logit moves by the same amount, which softmax ignores.
        let top = argmax(logits)
        let moved = NaiveNormalization.dividedBySum(logits.map { $0 + 1 }).values.map(Self.shareColumn)?[top]
        let movedText = moved.flatMap { m in
            m == texts[top] ? nil : (short ? "\(labels[top]) \(texts[top]) → \(m)" : "\(labels[top]) from \(texts[top]) to \(m)")
        }
        if short {
            return Verdict(broken: true, text: "z/Σz: no logit is negative here"
                + (movedText.map { ", but +1 on each logit moves " + $0 } ?? "; make one negative with -") + ".")
        }
        return Verdict(broken: true, text: "z/Σz: fine here only because no logit is negative (make one so with -)"
            + (movedText.map { ", and +1 on every logit moves " + $0 } ?? "") + ".")
    }

    func shiftedVerdict(short: Bool) -> Verdict {
        guard shiftedToMinimum.values != nil, let texts = shiftedTexts else {
            let uniform = softmaxValues.first ?? 0
            return Verdict(broken: true, text: short ? "(z−min)/Σ: equal logits give 0 / 0: no answer."
                : "(z−min)/Σ: all logits are equal, so it divides 0 by 0 (softmax gives each \(PercentText.of(uniform))).")
        }
        let low = logits.min() ?? 0
        let lowest = logits.indices.filter { logits[$0] == low }
        let names = ChapterLines.listed(lowest.map { labels[$0] })
        let shares = shiftedToMinimum.values ?? []
        let zero = lowest.allSatisfy({ shares[$0] == 0 }) ? "exactly 0" : (lowest.first.map { texts[$0] } ?? "0")
        let who = lowest.count == 1 ? "\(names), the smallest, gets" : "\(names), the smallest, each get"
        if short {
            return Verdict(broken: true, text: "(z−min)/Σ: \(who) \(zero): last place is ruled out.")
        }
        // The nearest logit above the minimum: how little it takes to be ruled out.
        let above = logits.indices.filter { logits[$0] > low }.min { logits[$0] < logits[$1] }
        let gap = above.map { ", though only \(Self.number(logits[$0] - low)) below \(labels[$0])" } ?? ""
        return Verdict(broken: true, text: "(z−min)/Σ: \(who) \(zero)\(gap): "
            + "whoever is last is ruled out, an arbitrary choice.")
    }

    func softmaxVerdict(short: Bool) -> Verdict {
        let p = softmaxValues
        let low = p.indices.min { p[$0] < p[$1] } ?? 0
        let keeps = p[low] > 0 ? softmaxTexts[low] : "a share too small for a double"
        var text = short
            ? "softmax: e^z > 0, so even \(labels[low]) keeps \(keeps); the sum is 1; the order holds"
            : "softmax e^z/Σe^z: e^z is always positive, so even \(labels[low]) keeps \(keeps); "
                + "dividing by the sum makes 1; e^z keeps the order"
        // The top class against the next logit below it: a tie would show a gap of 0.
        let a = argmax(logits)
        let below = logits.indices.filter { logits[$0] < logits[a] }.max { logits[$0] < logits[$1] }
        if let b = below {
            let gap = logits[a] - logits[b]
            let ratio = NumberFormat.significant(probabilityRatio(logitGap: gap), digits: 3)
            text += short
                ? "; \(labels[a]) is \(Self.number(gap)) above \(labels[b]): e^\(Self.number(gap)) = \(ratio) times as likely."
                : "; and a gap becomes a ratio: \(labels[a]) is \(Self.number(gap)) above \(labels[b]), "
                    + "so e^\(Self.number(gap)) = \(ratio) times as likely."
        } else {
            text += short ? "; equal logits, equal shares." : "; and equal logits get equal shares."
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

    /// Draws the header and one row per class; returns the row below the table. When
    /// not every class fits, the last row says how many more there are.
    func renderTable(in area: Rect, selected: Int, into grid: inout Grid, options: ScreenOptions) -> Int {
        let theme = options.theme
        let c = Columns(labelWidth: max(5, labels.map { TextWidth.of($0) }.max() ?? 1))
        func right(_ text: String, end: Int, y: Int, style: Style) {
            ChapterLines.writeRight(text, in: Rect(x: area.x, y: y, width: end, height: 1), style: style, into: &grid,
                                    options: options)
        }
        guard area.height > 0 else { return area.y }
        grid.write("class", x: area.x + c.label, y: area.y, style: theme.dim)
        right("z", end: c.logitEnd, y: area.y, style: theme.dim)
        right("z/Σz", end: c.dividedEnd - 2, y: area.y, style: theme.dim)
        right("(z−min)/Σ", end: c.shiftedEnd - 2, y: area.y, style: theme.dim)
        right("softmax", end: c.softmaxEnd, y: area.y, style: theme.emphasis)
        let divided = dividedBySum.values
        let shifted = shiftedToMinimum.values
        let shown = logits.count <= area.height - 1 ? logits.count : max(0, area.height - 2)
        var y = area.y + 1
        for i in logits.indices where i < shown {
            let style = i == selected ? theme.selectionRow : theme.text
            if i == selected { grid.put(options.glyphs.selectionMarker, x: area.x, y: y, style: theme.selectedBar) }
            grid.write(labels[i], x: area.x + c.label, y: y, style: style, limit: c.labelWidth)
            right(LogitText.short(logits[i]), end: c.logitEnd, y: y, style: style)
            cell(divided.map { $0[i] }, text: dividedTexts?[i], valid: { $0 >= 0 && $0 <= 1 }, end: c.dividedEnd, y: y,
                 area: area, into: &grid, theme: theme)
            // Exactly 0 is where shifting breaks: a class ruled out.
            cell(shifted.map { $0[i] }, text: shiftedTexts?[i], valid: { $0 > 0 }, end: c.shiftedEnd, y: y, area: area,
                 into: &grid, theme: theme)
            right(softmaxTexts[i], end: c.softmaxEnd, y: y, style: style)
            let barWidth = area.width - c.bar
            if barWidth > 0 {
                grid.bar(softmaxValues[i], in: Rect(x: area.x + c.bar, y: y, width: barWidth, height: 1), glyphs: options.glyphs,
                         style: i == selected ? theme.selectedBar : theme.bar)
            }
            y += 1
        }
        if shown < logits.count, y < area.maxY {
            let rest = softmaxValues[shown...].reduce(0, +)
            grid.write("… \(logits.count - shown) more, \(PercentText.of(rest)) together under softmax", x: area.x + c.label, y: y,
                       style: theme.dim, limit: area.width - c.label)
            y += 1
        }
        return y
    }

    /// One share, marked ✗ when it is no probability (not `valid`), or no answer (÷0).
    private func cell(_ value: Double?, text: String?, valid: (Double) -> Bool, end: Int, y: Int, area: Rect,
                      into grid: inout Grid, theme: Theme) {
        let numberArea = Rect(x: area.x, y: y, width: end - 2, height: 1)
        guard let value, let text else {
            grid.writeRight("/0", in: numberArea, style: theme.refusal)
            grid.write("✗", x: area.x + end - 1, y: y, style: theme.refusal)
            return
        }
        let broken = !valid(value)
        grid.writeRight(text, in: numberArea, style: broken ? theme.refusal : theme.text)
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
            ChapterLines.writeCentered(header, in: Rect(x: area.x + 2 + nameWidth + 2 + k * columnWidth, y: area.y,
                                                        width: columnWidth, height: 1), style: theme.dim, into: &grid, options: options)
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
