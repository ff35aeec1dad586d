#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SoftmaxCore

extension Chapters {
    /// The plain softmax, T held at 1: each logit becomes e^z, the weights are divided
    /// by their sum, and only gaps matter — a gap Δz between two classes is a ratio
    /// e^Δz between their probabilities, shown live for the selected class and the next.
    static let logitsToProbabilities = ChapterDefinition(
        title: "From logits to probabilities",
        name: "logits",
        bindings: LogitsToProbabilities.heldTemperatureKeys,
        featured: ["previousClassSelected", "logitRaised", "editStarted"],
        needsFiniteLogits: true,
        render: { lesson, area, grid, options in
            LogitsToProbabilities(instrument: lesson.instrument)
                .render(in: area, temperature: lesson.instrument.temperature, into: &grid, options: options)
        }
    )
}

extension LogitsToProbabilities {
    static let intro = "Softmax turns each logit z into a weight e^z, always positive, and divides by their sum: "
        + "p_i = e^z_i / Σ e^z_j. Only gaps matter: two classes Δz apart have probabilities in the ratio e^Δz, "
        + "whatever the other logits are."

    /// The text, the selected class's numbers and the chart. The notice row under the
    /// chapter is the frame's ("T stays at 1" after ←/→, a refused logit): it is not
    /// repeated here. Blank rows go first when ten classes need the room.
    func render(in area: Rect, temperature: Temperature, into grid: inout Grid, options: ScreenOptions) {
        var text = [Self.intro]
        if temperature != .one {
            text.append("T is held at 1 here; the header's \(TemperatureText.equation(temperature)) is the dial's, for chapter 3.")
        }
        let textLines = text.flatMap { ChapterLines.wrap($0, width: area.width, options: options) }
        let numberLines = [formulaLine, gapLine, ratioCheckLine].filter { !$0.isEmpty }
            .flatMap { ChapterLines.wrap($0, width: area.width, options: options) }
        let chartRows = 1 + readout.classCount
        let spare = area.height - textLines.count - numberLines.count - chartRows
        // Two blank rows when there is room, one (before the numbers) or none when not.
        let blanks = max(0, min(2, spare))
        var y = area.y
        for line in textLines where y < area.maxY {
            grid.write(line, x: area.x, y: y, style: options.theme.text, limit: area.width)
            y += 1
        }
        if blanks >= 1 { y += 1 }
        for line in numberLines where y < area.maxY {
            grid.write(line, x: area.x, y: y, style: options.theme.emphasis, limit: area.width)
            y += 1
        }
        if blanks >= 2 { y += 1 }
        let chart = Rect(x: area.x, y: y, width: area.width, height: max(0, area.maxY - y))
        guard chart.height > 0 else { return }
        // On a wide screen the gaps from the selected class to every other sit beside the bars.
        let wide = chart.width >= 100
        let barsWidth = wide ? chart.width * 11 / 20 : chart.width
        let labelWidth = min(12, max(1, labels.map { TextWidth.of($0) }.max() ?? 1))
        grid.write(valueHeader(labelWidth: labelWidth), x: chart.x, y: chart.y, style: options.theme.dim, limit: barsWidth)
        ChapterLines.writeRight("p = e^z / Σ e^z", in: Rect(x: chart.x, y: chart.y, width: barsWidth, height: 1),
                                style: options.theme.dim, into: &grid, options: options)
        let bars = Rect(x: chart.x, y: chart.y + 1, width: barsWidth, height: chart.height - 1)
        ChapterLines.renderBars(BarChart(labels: labels, probabilities: readout.probabilities, values: valueColumn, selected: selected),
                                percents: ChapterLines.percents(readout), in: bars, into: &grid, options: options)
        // Under the chart, where there is room: the same c added to every logit changes no p.
        let shiftTop = chart.y + 1 + readout.classCount + 1
        let shift = shiftLines
        let heading = shift.first.map { ChapterLines.wrap($0, width: chart.width, options: options) } ?? []
        let sums = shift.dropFirst().map { ChapterLines.wrap($0, width: chart.width - 2, options: options) }
        // Only whole: every line of it, or none.
        if !shift.isEmpty, sums.allSatisfy({ $0.count == 1 }), shiftTop + heading.count + sums.count <= chart.maxY {
            for (row, line) in heading.enumerated() {
                grid.write(line, x: chart.x, y: shiftTop + row, style: options.theme.dim, limit: chart.width)
            }
            for (row, line) in sums.enumerated() {
                grid.write(line[0], x: chart.x + 2, y: shiftTop + heading.count + row, limit: chart.width - 2)
            }
        }
        if wide {
            let side = Rect(x: chart.x + barsWidth + 3, y: chart.y, width: chart.width - barsWidth - 3, height: chart.height)
            grid.write("from \(label(selected)): gap → ratio", x: side.x, y: side.y, style: options.theme.dim, limit: side.width)
            let lines = gapsFromSelected
            let fits = lines.count < side.height
            for (row, line) in lines.enumerated() where fits || row + 2 < side.height {
                grid.write(line, x: side.x, y: side.y + 1 + row, limit: side.width)
            }
            if !fits, side.height >= 2 {
                grid.write("… \(lines.count - max(0, side.height - 2)) more", x: side.x, y: side.maxY - 1,
                           style: options.theme.dim, limit: side.width)
            }
        }
    }
}

/// The chapter's numbers: the softmax at T = 1 whatever the instrument's T, the
/// selected class's formula and its gap to the next class.
struct LogitsToProbabilities {
    /// The explorer's T keys, taken here and not passed on: turning T in this chapter
    /// would change the header but not the chapter.
    static let heldTemperatureKeys: [KeyBinding] = {
        let keys = ["temperatureRaised", "temperatureLowered", "temperatureRaisedFar", "temperatureLoweredFar",
                    "greedyChosen", "unitTemperatureChosen", "uniformChosen", "temperatureEditStarted"]
            .flatMap { ExplorerKeys.binding(id: $0)?.keys ?? [] }
            // PgUp and PgDn turn the lesson's pages, not T, in every chapter.
            .filter { key in !ModeKeys.lesson.bindings.contains { $0.keys.contains(key) } }
        return [ChapterDefinition.binding("temperatureHeld", keys, "T stays 1 in this chapter", hint: "←→ T stays 1") {
            $0.instrument.notice = .info("T stays at 1 in this chapter; turn it in chapter 3, the dial.")
        }]
    }()

    let readout: SoftmaxReadout
    let labels: [String]
    let selected: Int

    init(instrument: ExplorerState) {
        readout = SoftmaxReadout(logits: instrument.logits, temperature: .one)
        labels = instrument.labels
        selected = min(max(0, instrument.selected), max(0, instrument.classCount - 1))
    }

    func label(_ i: Int) -> String { labels.indices.contains(i) ? labels[i] : "?" }

    /// The class after the selected one, wrapping round to the first.
    var next: Int { readout.classCount > 0 ? (selected + 1) % readout.classCount : 0 }

    /// e^z itself while every weight and their sum are readable numbers; otherwise the
    /// weights scaled so the largest is 1, which the probabilities equally come from.
    var showsRawWeights: Bool {
        let z = readout.partitionFunction
        return z.isFinite && z < 1e15 && readout.logits.indices.allSatisfy { readout.weight($0) >= 1e-4 }
    }

    var weightHeader: String { showsRawWeights ? "e^z" : "e^(z−max)" }

    func weight(_ i: Int) -> Double { showsRawWeights ? readout.weight(i) : readout.shiftedWeights[i] }

    var weightSum: Double { showsRawWeights ? readout.partitionFunction : readout.shiftedPartition }

    var logitTexts: [String] { readout.logits.map(LogitText.short) }
    var weightTexts: [String] { readout.logits.indices.map(weightText) }

    /// A weight as the column shows it: e^z itself, or e^(z−max) worked out from z − max
    /// where it leaves the doubles (e^-800 is 3.67e-348, not 0).
    func weightText(_ i: Int) -> String {
        if showsRawWeights { return Self.short(weight(i)) }
        let w = weight(i)
        if w.isNormal { return Self.short(w) }
        let below = readout.logits[i] - readout.maxLogit
        // Two finite logits further apart than the largest double: a bound, not a number.
        return below > -.infinity ? NumberFormat.scientific(fromLog: below) : "<1/" + WhySoftmax.largestRatio
    }

    /// The logit and its weight as two right-aligned columns inside the chart's one value column.
    var valueColumn: [String] {
        let logitWidth = max(1, logitTexts.map { TextWidth.of($0) }.max() ?? 1)
        let weightWidth = max(TextWidth.of(weightHeader), weightTexts.map { TextWidth.of($0) }.max() ?? 1)
        return zip(logitTexts, weightTexts).map { z, w in
            Self.padded(z, to: logitWidth) + "  " + Self.padded(w, to: weightWidth)
        }
    }

    static func padded(_ s: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - TextWidth.of(s))) + s
    }

    /// The header over `valueColumn`, placed as BarChart places the values.
    func valueHeader(labelWidth: Int) -> String {
        let logitWidth = max(1, logitTexts.map { TextWidth.of($0) }.max() ?? 1)
        let weightWidth = max(TextWidth.of(weightHeader), weightTexts.map { TextWidth.of($0) }.max() ?? 1)
        return String(repeating: " ", count: 2 + labelWidth + 1) + Self.padded("z", to: logitWidth) + "  "
            + Self.padded(weightHeader, to: weightWidth)
    }

    static func short(_ x: Double) -> String {
        x >= 0.001 && x < 1e6 ? NumberFormat.significant(x, digits: 4) : NumberFormat.significant(x, digits: 3)
    }

    static func probability(_ p: Double) -> String {
        p > 0 && p < 0.0001 ? NumberFormat.significant(p, digits: 3) : NumberFormat.fixed(p, decimals: 4)
    }

    /// Class i's probability, from its log where the double underflows: "3.67e-348", never 0.
    func probability(_ i: Int) -> String {
        let p = readout.probabilities[i], logP = readout.logProbabilities[i]
        if p == 0 && logP > -.infinity { return NumberFormat.scientific(fromLog: logP) }
        if p == 0 && weight(i) == 0 && readout.logits[i].isFinite { return "<1/" + WhySoftmax.largestRatio }
        return Self.probability(p)
    }

    static func gap(_ x: Double) -> String {
        (x < 0 ? "−" : "") + LogitText.short(abs(x))
    }

    /// "= 1.00", or a bound for two finite logits further apart than the largest double:
    /// "> 1.8e+308".
    static func gapRelation(_ x: Double) -> String {
        if x.isInfinite { return (x < 0 ? "< −" : "> ") + WhySoftmax.largestGap }
        return "= " + gap(x)
    }

    /// "= 2.72", "= 2.73e+347", or past the doubles a bound: "> 10^7.81e+307".
    static func ratioRelation(fromLog x: Double) -> String {
        if x == .infinity { return "> " + WhySoftmax.largestRatio }
        if x == -.infinity { return "< 1/" + WhySoftmax.largestRatio }
        return "= " + ratio(fromLog: x)
    }

    var formulaLine: String {
        guard readout.logits.indices.contains(selected) else { return "" }
        let i = selected
        let p = probability(i)
        if showsRawWeights {
            return "p(\(label(i))) = e^\(LogitText.short(readout.logits[i])) / Σ e^z = \(Self.short(weight(i))) / "
                + "\(Self.short(weightSum)) = \(p)"
        }
        return "p(\(label(i))) = e^(z−max) / Σ e^(z−max) = \(weightText(i)) / \(Self.short(weightSum)) = \(p)"
    }

    /// "A vs B: gap Δz = 1.00 → ratio e^Δz = 2.72", from the logits alone.
    var gapLine: String {
        let i = selected, j = next
        guard i != j, readout.logits.indices.contains(i), readout.logits.indices.contains(j) else { return "" }
        let gap = readout.logits[i] - readout.logits[j]
        return "\(label(i)) vs \(label(j)): gap Δz \(Self.gapRelation(gap)) → ratio e^Δz \(Self.ratioRelation(fromLog: gap))"
    }

    /// The same ratio read off the probabilities, which must agree with e^Δz.
    var ratioCheckLine: String {
        let i = selected, j = next
        guard i != j, readout.logits.indices.contains(i), readout.logits.indices.contains(j) else { return "" }
        // The probabilities' own ratio, from their logs: p(B) = e^-800 underflows as a
        // double, yet its log is -800, and ln p(A) − ln p(B) must be the gap.
        let logs = readout.logProbabilities
        let logRatio = logs[i] - logs[j]
        guard logRatio.isFinite else { return "  (a gap past the largest double: only the logits can say it)" }
        return "  and indeed p(\(label(i))) / p(\(label(j))) = \(probability(i)) / \(probability(j)) = "
            + Self.ratio(fromLog: logRatio)
    }

    static func ratio(_ r: Double) -> String {
        r >= 0.01 && r < 1e5 ? NumberFormat.fixed(r, decimals: r < 0.1 ? 4 : 2) : NumberFormat.significant(r, digits: 3)
    }

    /// e^x as a ratio: as `ratio` within the doubles, else from x ("2.73e+347", "10^4.34e+299").
    static func ratio(fromLog x: Double) -> String {
        let r = exp(x)
        return r.isNormal && r < 1e300 ? ratio(r) : NumberFormat.scientific(fromLog: x)
    }

    /// Only gaps matter, shown: c added to every logit multiplies every weight and
    /// their sum by e^c, so the selected class's p does not move. Empty where the
    /// weights are too large or small to read.
    var shiftLines: [String] {
        guard showsRawWeights, readout.logits.indices.contains(selected) else { return [] }
        let z = readout.logits
        var lines = ["add c to every logit: each e^z and their sum are multiplied by e^c; p stays"]
        for c in [-1.0, 1.0, 2.0] {
            // e^x is the ratio of probabilities a logit gap of x makes.
            let weight = probabilityRatio(logitGap: z[selected] + c)
            let sum = z.reduce(0) { $0 + probabilityRatio(logitGap: $1 + c) }
            let sign = c < 0 ? "−" : "+"
            lines.append("c = \(sign)\(NumberFormat.fixed(abs(c), decimals: 0)): p(\(label(selected))) = e^\(LogitText.short(z[selected] + c)) / "
                + "Σ e^(z\(sign)\(NumberFormat.fixed(abs(c), decimals: 0))) = \(Self.fourDigits(weight)) / \(Self.fourDigits(sum)) = "
                + Self.probability(weight / sum))
        }
        return lines
    }

    /// Four significant digits, trailing zeros kept ("38.00", not "38").
    static func fourDigits(_ x: Double) -> String {
        short(x).withTrailingZeros(significant: 4)
    }

    /// The gap and ratio from the selected class to each other class, for a wide screen.
    var gapsFromSelected: [String] {
        readout.logits.indices.filter { $0 != selected }.map { j in
            let gap = readout.logits[selected] - readout.logits[j]
            return "vs \(label(j)): Δz \(Self.gapRelation(gap)) → e^Δz \(Self.ratioRelation(fromLog: gap))"
        }
    }
}
