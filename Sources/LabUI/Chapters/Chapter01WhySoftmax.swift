#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
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
        needsFiniteLogits: true,
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
            ? "Three ways from logits (any real numbers) to probabilities (≥ 0, sum 1):"
            : "Logits are any real numbers; probabilities must be at least 0 and sum to 1. "
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

    /// A bar chart whose percentages are `percents` (a readout's column, which tells an
    /// underflowed probability, "<0.1%", from a class with no weight, "0%") instead of
    /// those BarChart rounds from the doubles alone. The chart is drawn as it is, then
    /// each row's seven-cell percentage, right of the bar, is written over.
    static func renderBars(_ chart: BarChart, percents: [String], in area: Rect, into grid: inout Grid,
                           options: ScreenOptions) {
        chart.render(in: area, into: &grid, options: options)
        // BarChart's own geometry: its bar ends seven cells before the area's right edge.
        let labelWidth = min(12, max(1, chart.labels.map { TextWidth.of($0) }.max() ?? 1))
        let valueWidth = chart.values.map { $0.map { TextWidth.of($0) }.max() ?? 0 } ?? 0
        let barX = area.x + 2 + labelWidth + (valueWidth > 0 ? valueWidth + 1 : 0) + 1
        guard area.maxX - barX - 7 > 0 else { return }
        let count = chart.probabilities.count
        let rows = count <= area.height ? count : max(0, area.height - 1)
        let theme = options.theme
        for i in 0..<min(rows, percents.count) {
            let style = chart.dimmed.contains(i) ? theme.dim : (i == chart.selected ? theme.selectionRow : theme.text)
            let cell = Rect(x: area.maxX - 7, y: area.y + i, width: 7, height: 1)
            grid.fill(cell, style: style)
            grid.writeRight(percents[i], in: cell, style: style)
        }
    }

    /// Whether class i has weight: a log-probability above −∞, or any finite logit at a
    /// finite T (e^(z/T) > 0 even where (z − max)/T is past the largest double and the
    /// readout's log is −∞). Only T → 0 leaves a class with no weight.
    static func hasWeight(_ r: SoftmaxReadout, _ i: Int) -> Bool {
        r.logProbabilities[i] > -.infinity || (!r.temperature.isGreedy && !r.temperature.isUniform && r.logits[i].isFinite)
    }

    /// The classes a readout gives weight: a class whose probability underflows to 0 still counts.
    static func weighted(_ r: SoftmaxReadout) -> Int {
        r.logits.indices.filter { hasWeight(r, $0) }.count
    }

    /// The readout's percentage column (PercentText.column), where a class whose log
    /// left the doubles but which has weight reads "<0.1%" too, never 0%.
    static func percents(_ r: SoftmaxReadout) -> [String] {
        PercentText.masking(PercentText.column(r.probabilities, logProbabilities: r.logits.indices.map { i in
            r.logProbabilities[i] == -.infinity && hasWeight(r, i) ? -.greatestFiniteMagnitude : r.logProbabilities[i]
        }), of: r)
    }

    /// "H = 0.693", or "H < 0.001" for an entropy that rounds to 0.000 but is not 0
    /// (logits 800 and 0: H ≈ 801 e^-800), so a spread over several classes never reads 0.
    static func entropyEquation(_ r: SoftmaxReadout) -> String {
        let text = entropyValue(r)
        return text.hasPrefix("<") ? "H < " + text.dropFirst() : "H = " + text
    }

    /// H in nats to three decimals, or "<0.001" as above.
    static func entropyValue(_ r: SoftmaxReadout) -> String {
        let text = NumberFormat.fixed(r.entropyReadout.nats, decimals: 3)
        return text == "0.000" && weighted(r) > 1 ? "<0.001" : text
    }

    /// "p(A) = 55.9%", or with a shown bound "p(A) > 99.9%" and "p(A) < 0.1%", never "= >99.9%".
    static func equation(_ lhs: String, _ shown: String) -> String {
        guard let first = shown.first, first == "<" || first == ">" else { return lhs + " = " + shown }
        return lhs + " \(first) " + shown.dropFirst()
    }

    /// "55.9%", or a shown bound in words: "under 0.1%", "over 99.9%".
    static func quantity(_ shown: String) -> String {
        if shown.hasPrefix("<") { return "under " + shown.dropFirst() }
        if shown.hasPrefix(">") { return "over " + shown.dropFirst() }
        return shown
    }

    /// "a", "a and b", "a, b and c".
    static func listed(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }
}


/// A recipe's shares held as sign and log of size, worked out from its numerators and
/// their sum, so each share is exact where its double is not: one that underflows to 0
/// keeps its sign and its log, and one beyond 1e308 its log.
struct Shares: Equatable {
    /// The shares as doubles, for the columns to round.
    let values: [Double]
    /// −1, 0 or +1.
    let signs: [Int]
    /// ln |share|: −∞ for a share of exactly 0.
    let logs: [Double]

    /// Each numerator divided by their sum; nil where the sum is 0 or not a double.
    static func ratios(_ numerators: [Double]) -> Shares? {
        let sum = numerators.reduce(0, +)
        guard sum != 0, sum.isFinite, numerators.allSatisfy(\.isFinite) else { return nil }
        let sumSign = sum > 0 ? 1 : -1
        return Shares(values: numerators.map { $0 / sum },
                      signs: numerators.map { ($0 > 0 ? 1 : ($0 < 0 ? -1 : 0)) * sumSign },
                      logs: numerators.map { log(abs($0)) - log(abs(sum)) })
    }

    /// z/Σz.
    static func dividedBySum(_ logits: [Double]) -> Shares? { ratios(logits) }

    /// (z − min)/Σ(z − min).
    static func shiftedToMinimum(_ logits: [Double]) -> Shares? {
        let low = logits.min() ?? 0
        return ratios(logits.map { $0 - low })
    }

    /// e^z/Σe^z at T = 1, from the readout's log-probabilities: every class of a finite
    /// logit has a positive share, however far its probability underflows.
    static func softmax(_ logits: [Double]) -> Shares {
        let r = SoftmaxReadout(logits: logits, temperature: .one)
        let top = r.maxLogit
        return Shares(values: r.probabilities,
                      // A log of −∞ for a finite logit means only that its gap below the top
                      // (past 1.8e308) left the doubles: e^z is still above 0.
                      signs: r.logProbabilities.indices.map { i in
                          r.logProbabilities[i] > -.infinity || (logits[i].isFinite && (top - logits[i]).isInfinite) ? 1 : 0
                      },
                      logs: r.logProbabilities)
    }

    /// Whether share i is larger than share j, read from signs and logs.
    func isLarger(_ i: Int, than j: Int) -> Bool {
        if signs[i] != signs[j] { return signs[i] > signs[j] }
        switch signs[i] {
        case 1: return logs[i] > logs[j]
        case -1: return logs[i] < logs[j]
        default: return false
        }
    }

    /// Whether the two are the same shares, to within rounding (1e-9 of each log).
    func agrees(with other: Shares) -> Bool {
        guard signs == other.signs else { return false }
        return zip(logs, other.logs).allSatisfy { a, b in
            a == b || abs(a - b) <= 1e-9 * max(1, abs(a))
        }
    }
}

/// The three recipes applied to one logit vector, and what the chapter says about them.
struct WhySoftmax {
    let logits: [Double]
    let labels: [String]
    let dividedBySum: Shares?
    let shiftedToMinimum: Shares?
    let softmax: Shares
    /// The sums z/Σz and (z−min)/Σ divide by (Σz is named in a verdict).
    let logitSum: Double
    /// Each column as shown, rounded together so that it adds up to exactly what its
    /// values add up to (100.0 %), and the sentences quote these same figures. Softmax's
    /// is the readout's: "<0.1%" for a probability that underflows, never 0.
    let dividedTexts: [String]?
    let shiftedTexts: [String]?
    let softmaxTexts: [String]

    init(logits: [Double], labels: [String]) {
        self.logits = logits
        self.labels = labels
        logitSum = logits.reduce(0, +)
        dividedBySum = .dividedBySum(logits)
        shiftedToMinimum = .shiftedToMinimum(logits)
        softmax = .softmax(logits)
        dividedTexts = dividedBySum.map(Self.shareColumn)
        shiftedTexts = shiftedToMinimum.map(Self.shareColumn)
        // A class whose gap below the top is past the doubles has a log of −∞, yet weight:
        // the column reads it "<0.1%", as any class above 0.
        let softmax = softmax
        softmaxTexts = PercentText.column(softmax.values, logProbabilities: softmax.logs.indices.map { i in
            softmax.signs[i] > 0 && softmax.logs[i] == -.infinity ? -.greatestFiniteMagnitude : softmax.logs[i]
        })
    }

    /// The largest double, 1.8e+308, and e to its power as a power of ten, "10^7.81e+307":
    /// a gap past the one is a ratio past the other.
    static let largestGap = NumberFormat.significant(.greatestFiniteMagnitude, digits: 2)
    static let largestRatio = NumberFormat.scientific(fromLog: .greatestFiniteMagnitude, digits: 3)

    var softmaxValues: [Double] { softmax.values }

    /// A share as a percentage, signed: a broken recipe's negative "probability" must show.
    /// Beyond ±10000 % in powers of ten, worked out from its log, so 1e600 % is no "inf%".
    static func share(sign: Int, log magnitude: Double) -> String {
        let minus = sign < 0 ? "−" : ""
        guard sign != 0 else { return "0.0%" }
        let percentLog = magnitude + log(100.0)
        if percentLog < log(10_000.0) {
            return minus + NumberFormat.fixed(exp(percentLog), decimals: 1) + "%"
        }
        return minus + NumberFormat.scientific(fromLog: percentLog, digits: 2) + "%"
    }

    /// A column of signed shares in tenths of a percent, rounded by largest remainder
    /// so the column adds up to its exact total (1000 tenths when the shares sum to 1),
    /// negative shares included. Shares too large for tenths are written one by one.
    static func shareColumn(_ shares: Shares) -> [String] {
        let values = shares.values
        guard values.allSatisfy({ $0.isFinite && abs($0) < 100 }) else {
            return values.indices.map { share(sign: shares.signs[$0], log: shares.logs[$0]) }
        }
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
            // A share that is not 0 never reads 0, even where its double underflowed.
            if tenths == 0 && shares.signs[i] > 0 { return "<0.1%" }
            return (values[i] < 0 ? "−" : "") + NumberFormat.fixed(abs(tenths) / 10, decimals: 1) + "%"
        }
    }

    /// A logit, a gap or a sum in the sentences: two decimals, or three significant
    /// digits in scientific notation when two decimals would take more than a cell
    /// ("1e+300", never three hundred digits).
    static func number(_ x: Double) -> String {
        (x < 0 ? "−" : "") + LogitText.short(abs(x))
    }

    /// e^x from x, beyond the doubles too: "2.72", "2.73e+347", "10^4.34e+299".
    static func power(_ x: Double) -> String {
        NumberFormat.scientific(fromLog: x, digits: 3)
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
        let sum = logitSum
        guard let shares = dividedBySum, let texts = dividedTexts else {
            if sum == 0 {
                return Verdict(broken: true, text: short ? "z/Σz: the logits sum to 0: a division by zero."
                    : "z/Σz: the logits sum to 0, so it divides by zero: no answer at all.")
            }
            return Verdict(broken: true, text: short ? "z/Σz: the sum does not fit in a double: no answer."
                : "z/Σz: the sum of the logits does not fit in a double: no answer at all.")
        }
        if sum < 0 {
            // Dividing by a negative sum turns the order round: the largest logit gets the
            // smallest share (a negative one if the logit is positive; with every logit
            // negative, every share is positive and only the order is wrong).
            let top = largest
            let gets = top.count == 1 ? "the largest, gets" : "the largest, each get"
            return Verdict(broken: true, text: short
                ? "z/Σz: the sum \(Self.number(sum)) < 0 reverses the order: \(top.names), \(gets) \(texts[top.first])."
                : "z/Σz: the logits sum to \(Self.number(sum)), and dividing by a negative sum reverses the order: "
                    + "\(top.names), \(gets) the smallest share, \(texts[top.first]).")
        }
        // The smallest share, if it is negative (the first of a tie).
        if let worst = shares.values.indices.min(by: { shares.isLarger($1, than: $0) }), shares.signs[worst] < 0 {
            return Verdict(broken: true, text: "z/Σz: \(labels[worst]) gets \(texts[worst]), a negative \"probability\""
                + (short ? "." : ", because its logit is negative."))
        }
        // Nothing negative: it looks fine, but it answers a different question when
        // every logit moves by the same amount, which softmax ignores.
        let top = argmax(logits)
        let moved = Shares.dividedBySum(logits.map { $0 + 1 }).map(Self.shareColumn)?[top]
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
        guard let shares = shiftedToMinimum, let texts = shiftedTexts else {
            if Set(logits).count > 1 {
                return Verdict(broken: true, text: short ? "(z−min)/Σ: the sum does not fit in a double: no answer."
                    : "(z−min)/Σ: the gaps above the minimum sum past the largest double: no answer at all.")
            }
            let uniform = softmaxValues.first ?? 0
            return Verdict(broken: true, text: short ? "(z−min)/Σ: equal logits give 0 / 0: no answer."
                : "(z−min)/Σ: all logits are equal, so it divides 0 by 0 (softmax gives each \(PercentText.of(uniform))).")
        }
        let low = logits.min() ?? 0
        let lowest = logits.indices.filter { logits[$0] == low }
        let names = ChapterLines.listed(lowest.map { labels[$0] })
        let zero = lowest.allSatisfy({ shares.signs[$0] == 0 }) ? "exactly 0" : (lowest.first.map { texts[$0] } ?? "0")
        let who = lowest.count == 1 ? "\(names), the smallest, gets" : "\(names), the smallest, each get"
        if short {
            return Verdict(broken: true, text: "(z−min)/Σ: \(who) \(zero): last place is ruled out.")
        }
        // The nearest logit above the minimum: how little it takes to be ruled out.
        let above = logits.indices.filter { logits[$0] > low }.min { logits[$0] < logits[$1] }
        let gap = above.map { j in
            let d = logits[j] - low
            return (d < 10 ? ", though only " : ", ") + "\(Self.number(d)) below \(labels[j])"
        } ?? ""
        return Verdict(broken: true, text: "(z−min)/Σ: \(who) \(zero)\(gap): "
            + "whoever is last is ruled out, an arbitrary choice.")
    }

    func softmaxVerdict(short: Bool) -> Verdict {
        // The smallest share by its log: where probabilities underflow to 0 together,
        // their logs still tell them apart.
        let logs = softmax.logs
        let low = logs.indices.min { logs[$0] < logs[$1] } ?? 0
        let keeps: String
        if softmaxTexts[low] == "<0.1%" || softmax.values[low] == 0 {
            keeps = logs[low] > -.infinity ? "p = " + Self.power(logs[low]) : "p < 1/" + Self.largestRatio
        } else {
            keeps = softmaxTexts[low]
        }
        var text = short
            ? "softmax: e^z > 0, so even \(labels[low]) keeps \(keeps); the sum is 1; the order holds"
            : "softmax e^z/Σe^z: e^z is always positive, so even \(labels[low]) keeps \(keeps); "
                + "dividing by the sum makes 1; e^z keeps the order"
        // The top class against the next logit below it: a tie would show a gap of 0.
        let a = argmax(logits)
        let below = logits.indices.filter { logits[$0] < logits[a] }.max { logits[$0] < logits[$1] }
        if let b = below {
            let gap = logits[a] - logits[b]
            // e^gap from the gap itself: e^800 is 2.73e+347, not inf.
            let ratio = Self.power(gap)
            if gap.isInfinite {
                // Two finite logits further apart than the largest double.
                text += short
                    ? "; \(labels[a]) is over \(Self.largestGap) above \(labels[b]): over \(Self.largestRatio) times as likely."
                    : "; and a gap becomes a ratio: \(labels[a]) is more than \(Self.largestGap) above \(labels[b]), "
                        + "so more than \(Self.largestRatio) times as likely."
                return Verdict(broken: false, text: text)
            }
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

    /// The columns, as offsets from the area's left edge: where each right-aligned column
    /// ends. Each is as wide as its widest text needs, and no narrower than at the start.
    private struct Columns {
        let label = 2
        let labelWidth: Int
        let logitWidth: Int
        let dividedWidth: Int
        let shiftedWidth: Int
        let softmaxWidth: Int
        var logitEnd: Int { label + labelWidth + logitWidth }
        var dividedEnd: Int { logitEnd + dividedWidth }
        var shiftedEnd: Int { dividedEnd + shiftedWidth }
        var softmaxEnd: Int { shiftedEnd + softmaxWidth }
        var bar: Int { softmaxEnd + 2 }
    }

    private func columns(options: ScreenOptions) -> Columns {
        func widest(_ texts: [String]?) -> Int { (texts ?? []).map { TextWidth.of(options.glyphs.text($0)) }.max() ?? 0 }
        return Columns(labelWidth: max(5, labels.map { TextWidth.of($0) }.max() ?? 1),
                       logitWidth: max(7, widest(logits.map(LogitText.short)) + 1),
                       // A share, a space and its ✗ mark.
                       dividedWidth: max(11, widest(dividedTexts) + 3),
                       shiftedWidth: max(13, widest(shiftedTexts) + 3),
                       softmaxWidth: max(10, widest(softmaxTexts) + 1))
    }

    /// Draws the header and one row per class; returns the row below the table. When
    /// not every class fits, the last row says how many more there are.
    func renderTable(in area: Rect, selected: Int, into grid: inout Grid, options: ScreenOptions) -> Int {
        let theme = options.theme
        let c = columns(options: options)
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
        let shown = logits.count <= area.height - 1 ? logits.count : max(0, area.height - 2)
        var y = area.y + 1
        for i in logits.indices where i < shown {
            let style = i == selected ? theme.selectionRow : theme.text
            if i == selected { grid.put(options.glyphs.selectionMarker, x: area.x, y: y, style: theme.selectedBar) }
            grid.write(labels[i], x: area.x + c.label, y: y, style: style, limit: c.labelWidth)
            right(LogitText.short(logits[i]), end: c.logitEnd, y: y, style: style)
            // A probability is at least 0 and at most 1: anything else is marked.
            cell(dividedBySum.map { $0.signs[i] >= 0 && $0.values[i] <= 1 }, text: dividedTexts?[i],
                 none: logitSum == 0 ? "/0" : "n/a", end: c.dividedEnd, y: y, area: area, into: &grid, options: options)
            // Exactly 0 is where shifting breaks: a class ruled out.
            cell(shiftedToMinimum.map { $0.signs[i] > 0 }, text: shiftedTexts?[i], none: Set(logits).count > 1 ? "n/a" : "/0",
                 end: c.shiftedEnd, y: y, area: area, into: &grid, options: options)
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
            let restHasWeight = softmax.signs[shown...].contains(1)
            let together = rest == 0 && restHasWeight ? "<0.1%" : PercentText.of(rest)
            grid.write("… \(logits.count - shown) more, \(together) together under softmax", x: area.x + c.label, y: y,
                       style: theme.dim, limit: area.width - c.label)
            y += 1
        }
        return y
    }

    /// One share, marked ✗ when it is no probability (not `valid`), or no answer: `none`,
    /// "/0" for a division by zero, "n/a" for a sum past the doubles.
    private func cell(_ valid: Bool?, text: String?, none: String, end: Int, y: Int, area: Rect, into grid: inout Grid,
                      options: ScreenOptions) {
        let theme = options.theme
        let numberArea = Rect(x: area.x, y: y, width: end - 2, height: 1)
        guard let valid, let text else {
            grid.writeRight(none, in: numberArea, style: theme.refusal)
            grid.write("✗", x: area.x + end - 1, y: y, style: theme.refusal)
            return
        }
        ChapterLines.writeRight(text, in: numberArea, style: valid ? theme.text : theme.refusal, into: &grid, options: options)
        if !valid { grid.write("✗", x: area.x + end - 1, y: y, style: theme.refusal) }
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

    /// Whether `shares` have `property` on these logits. Every test reads the shares'
    /// signs and logs, never their doubles alone: a softmax probability of e^-800 is 0 as
    /// a double, yet above 0, below its neighbour and e^-800 times the top class.
    static func holds(_ property: Property, shares: Shares?, logits: [Double], recipe: ([Double]) -> Shares?) -> Bool {
        guard let shares else { return false }
        switch property {
        case .positive:
            return shares.signs.allSatisfy { $0 > 0 }
        case .sumsToOne:
            return abs(shares.values.reduce(0, +) - 1) < 1e-9
        case .keepsOrder:
            // Each recipe is monotone in z, so a tie between different logits is only
            // rounding; what breaks the order is a larger logit with a smaller share.
            for i in logits.indices {
                for j in logits.indices where logits[i] > logits[j] && shares.isLarger(j, than: i) { return false }
            }
            return true
        case .ignoresShift:
            guard let moved = recipe(logits.map { $0 + 1 }) else { return false }
            return shares.agrees(with: moved)
        case .gapSetsRatio:
            // ln(share_i / share_j) = z_i − z_j, to within rounding of the larger.
            for i in logits.indices {
                for j in logits.indices where i != j {
                    guard shares.signs[i] > 0, shares.signs[j] > 0 else { return false }
                    let gap = logits[i] - logits[j]
                    let logRatio = shares.logs[i] - shares.logs[j]
                    if gap.isInfinite || logRatio.isInfinite {
                        if gap != logRatio { return false }
                        continue
                    }
                    if abs(logRatio - gap) > 1e-9 * max(1, abs(gap)) { return false }
                }
            }
            return true
        }
    }

    /// ✓ and ✗ for each recipe and property, in the order z/Σz, (z−min)/Σ, softmax.
    var checklist: [(Property, [Bool])] {
        let recipes: [(Shares?, ([Double]) -> Shares?)] = [
            (dividedBySum, { Shares.dividedBySum($0) }),
            (shiftedToMinimum, { Shares.shiftedToMinimum($0) }),
            (softmax, { Shares.softmax($0) }),
        ]
        return Property.allCases.map { property in
            (property, recipes.map { Self.holds(property, shares: $0.0, logits: logits, recipe: $0.1) })
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
