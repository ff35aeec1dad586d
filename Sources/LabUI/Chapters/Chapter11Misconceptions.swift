#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SoftmaxCore

/// What this chapter remembers between keys: which misconception is open.
public struct MisconceptionSettings: Hashable, Sendable {
    public static let pageCount = 3
    /// 0: calibration, 1: the double softmax, 2: lower T and accuracy.
    public var page = 0

    public init() {}
}

extension Chapters {
    /// Teaches three things a softmax does not promise: calibrated confidence (and that
    /// temperature scaling fits T by NLL, not by eye), that any loss wants probabilities
    /// (one that expects logits applies its own softmax), or better accuracy from a colder
    /// T (the greedy pick's is unchanged; only a sampled answer's rises).
    static let misconceptions = ChapterDefinition(
        title: "Three misconceptions",
        name: "misconceptions",
        bindings: ChapterDefinition.pageBindings(
            ids: ("misconceptionNext", "misconceptionPrevious"), summaries: ("next misconception", "previous misconception"),
            hint: "n p next/previous", count: MisconceptionSettings.pageCount, page: \.misconceptions.page),
        featured: ["temperatureRaised", "temperatureEditStarted", "previousClassSelected"],
        render: { lesson, area, grid, options in
            switch Misconceptions.page(lesson) {
            case 0: Misconceptions.renderCalibration(lesson, in: area, into: &grid, options: options)
            case 1: Misconceptions.renderDoubleSoftmax(lesson, in: area, into: &grid, options: options)
            default: Misconceptions.renderColderIsBetter(lesson, in: area, into: &grid, options: options)
            }
        }
    )
}

/// The pieces of the misconceptions chapter, apart so the tests can read their numbers.
enum Misconceptions {
    static func page(_ lesson: LessonState) -> Int {
        min(max(0, lesson.misconceptions.page), MisconceptionSettings.pageCount - 1)
    }

    static func heading(_ page: Int, _ claim: String) -> String {
        "\(page + 1)/\(MisconceptionSettings.pageCount) · \"\(claim)\""
    }

    // MARK: 1. Calibration

    /// Ten made-up two-class predictions: how far the top logit leads, and whether the
    /// prediction was right. Chosen to be overconfident at T = 1, as trained networks
    /// often are; they are an illustration, not measurements.
    static let illustrativeMargins = [3.0, 2.2, 1.5, 2.8, 1.2, 2.5, 1.8, 3.4, 2.0, 1.6]
    static let illustrativeCorrect = [true, true, false, true, false, true, true, true, false, true]

    static func illustrativeConfidences(_ t: Temperature) -> [Double] {
        illustrativeMargins.map { twoClassConfidence(margin: $0, temperature: t) }
    }

    static func calibrationSummary(_ lesson: LessonState) -> ConfidenceSummary {
        ConfidenceSummary(confidences: illustrativeConfidences(lesson.instrument.temperature), correct: illustrativeCorrect)
    }

    /// A confidence as a percentage: ">99.9%" where σ(margin/T) rounds to 1 at a finite T
    /// (T = 0.01), "100%" only at the limit T → 0, where it is 1.
    static func confidenceText(_ p: Double, temperature t: Temperature) -> String {
        ChartShares.percent(p, belowOne: !t.isGreedy)
    }

    /// The illustrative set's mean negative log-likelihood at 1/β = T: the mean of
    /// ln(1 + e^(−s_i β)), with s_i the margin, negated for a wrong prediction, written
    /// so that no e^x overflows.
    static func illustrativeNLL(inverseTemperature beta: Double) -> Double {
        let terms = zip(illustrativeMargins, illustrativeCorrect).map { m, right in softplus(-(right ? m : -m) * beta) }
        return terms.reduce(0, +) / Double(terms.count)
    }

    /// ln(1 + e^x) without overflow.
    static func softplus(_ x: Double) -> Double { x > 0 ? x + log1p(exp(-x)) : log1p(exp(x)) }

    /// The logistic function 1/(1 + e^(−x)), without overflow.
    static func sigmoid(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }

    /// The root of an increasing function on [0, ∞) by bisection, to the last bits;
    /// nil when f(0) ≥ 0 or f stays below 0.
    static func increasingRoot(_ f: (Double) -> Double) -> Double? {
        guard f(0) < 0 else { return nil }
        var high = 1.0
        while f(high) < 0 {
            high *= 2
            if high > 1e12 { return nil }
        }
        var low = 0.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if f(middle) < 0 { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// Temperature scaling as Guo et al. (2017) fit it: the T that minimises the mean NLL
    /// of held-out predictions. The NLL is convex in β = 1/T, so its minimum is the root of
    /// its slope, mean(−s_i σ(−s_i β)), found by bisection. For the illustrative set
    /// T = 1.7929503 (scipy's minimize_scalar on the NLL: 1.79295032); nil if every
    /// prediction were right (T → 0) or the slope never turned.
    static let nllFittedTemperature: Double? = {
        let slope = { (beta: Double) -> Double in
            let terms = zip(illustrativeMargins, illustrativeCorrect).map { m, right -> Double in
                let s = right ? m : -m
                return -s * sigmoid(-s * beta)
            }
            return terms.reduce(0, +) / Double(terms.count)
        }
        return increasingRoot(slope).map { 1 / $0 }
    }()

    /// The T at which the set's mean confidence equals its accuracy, where "the bars
    /// meet": mean σ(m_i β) rises with β = 1/T from 1/2, so the root is unique when the
    /// accuracy is above 1/2. For the illustrative set T = 2.5537129 (scipy's brentq:
    /// 2.553712874575485).
    static let meetingTemperature: Double? = {
        let accuracy = Double(illustrativeCorrect.filter { $0 }.count) / Double(illustrativeCorrect.count)
        let gap = { (beta: Double) -> Double in
            illustrativeMargins.map { sigmoid($0 * beta) }.reduce(0, +) / Double(illustrativeMargins.count) - accuracy
        }
        return increasingRoot(gap).map { 1 / $0 }
    }()

    static func calibrationText(_ lesson: LessonState) -> [String] {
        let s = calibrationSummary(lesson)
        let t = lesson.instrument.temperature
        let verdict = s.overconfidence > 0.005 ? "overconfident" : (s.overconfidence < -0.005 ? "underconfident" : "about right")
        let fitted = nllFittedTemperature.map { "T = " + OneKnob.number($0) } ?? "T → 0"
        let meeting = meetingTemperature.map { "T = " + OneKnob.number($0) } ?? "no T"
        return [
            heading(0, "Softmax outputs are calibrated probabilities."),
            "A softmax only promises numbers that sum to 1. These \(s.count) made-up predictions average "
                + "\(confidenceText(s.meanConfidence, temperature: t)) confidence at \(TemperatureText.equation(t)), yet "
                + "\(s.correctCount) of \(s.count) (\(PercentText.of(s.accuracy))) are right: \(verdict). Temperature scaling "
                + "(Guo et al. 2017) fits T by minimising the NLL on held-out data: \(fitted) for this set. The bars meet "
                + "at \(meeting), a different T: turning T until they meet is not that fit.",
        ]
    }

    static func renderCalibration(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let rest = writeChapterText(calibrationText(lesson), in: area, into: &grid, options: options)
        let classCount = lesson.instrument.classCount
        let barsCaption = "Your logits: frequencies only if the model is calibrated."
        // The meters and the illustrative set, then the instrument's own bars under them
        // where all fit; else the bars beside them, so no class is dropped.
        let stackedSet = calibrationSetHeight(width: rest.width, glyphs: options.glyphs)
        let stackedBars = TooSmallScreen.wrap(options.glyphs.text(barsCaption), width: rest.width - 2).count + classCount
        if rest.height >= stackedSet + 1 + stackedBars || rest.width < 70 {
            let used = renderCalibrationSet(lesson, in: rest, into: &grid, options: options)
            let top = rest.y + used + 1
            renderCalibrationBars(lesson, caption: barsCaption, in: Rect(x: rest.x, y: top, width: rest.width, height: rest.maxY - top),
                                  into: &grid, options: options)
        } else {
            let leftWidth = (rest.width - 2) / 2
            renderCalibrationSet(lesson, in: Rect(x: rest.x, y: rest.y, width: leftWidth, height: rest.height),
                                 into: &grid, options: options)
            renderCalibrationBars(lesson, caption: barsCaption,
                                  in: Rect(x: rest.x + leftWidth + 2, y: rest.y, width: rest.width - leftWidth - 2,
                                           height: rest.height),
                                  into: &grid, options: options)
        }
    }

    static let setCaption = "The illustrative set (made up), confidence and whether it was right:"
    static let setCellWidth = 13

    /// Rows the meters and the illustrative set take at this width.
    static func calibrationSetHeight(width: Int, glyphs: Glyphs) -> Int {
        let perRow = max(1, (width - 2) / setCellWidth)
        let setRows = (illustrativeMargins.count + perRow - 1) / perRow
        return 3 + TooSmallScreen.wrap(glyphs.text(setCaption), width: width - 2).count + setRows
    }

    /// The mean-confidence and accuracy meters and the illustrative set; returns the rows used.
    @discardableResult
    static func renderCalibrationSet(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) -> Int {
        let theme = options.theme
        let s = calibrationSummary(lesson)
        let captionWidth = 17
        let barArea = area.width - captionWidth - 8
        for (row, (caption, value)) in [("mean confidence", s.meanConfidence), ("accuracy", s.accuracy)].enumerated()
        where row < area.height {
            let y = area.y + row
            grid.write(caption, x: area.x + 2, y: y, style: theme.text)
            grid.bar(value, in: Rect(x: area.x + captionWidth + 1, y: y, width: barArea, height: 1), glyphs: options.glyphs,
                     style: row == 0 ? theme.bar : theme.histogramBar)
            let text = row == 0 ? confidenceText(value, temperature: lesson.instrument.temperature) : PercentText.of(value)
            grid.writeRight(text, in: Rect(x: area.x + captionWidth + 1 + barArea, y: y, width: 7, height: 1), style: theme.text)
        }
        var y = area.y + 3
        for line in TooSmallScreen.wrap(options.glyphs.text(setCaption), width: area.width - 2) where y < area.maxY {
            grid.write(line, x: area.x + 2, y: y, style: theme.dim, limit: area.width - 2)
            y += 1
        }
        let confidences = illustrativeConfidences(lesson.instrument.temperature)
        let perRow = max(1, (area.width - 2) / setCellWidth)
        for i in confidences.indices {
            let row = y + i / perRow
            guard row < area.maxY else { break }
            let mark = illustrativeCorrect[i] ? "✓" : "✗"
            let share = confidenceText(confidences[i], temperature: lesson.instrument.temperature)
            grid.write("#\(i + 1) \(share) \(mark)", x: area.x + 2 + (i % perRow) * setCellWidth, y: row,
                       style: illustrativeCorrect[i] ? theme.text : theme.refusal, limit: setCellWidth - 1)
        }
        return min(area.height, y - area.y + (confidences.count + perRow - 1) / perRow)
    }

    /// The instrument's own bars, with a caption: the same caution applies to them.
    static func renderCalibrationBars(_ lesson: LessonState, caption: String, in area: Rect, into grid: inout Grid,
                                      options: ScreenOptions) {
        var y = area.y
        for line in TooSmallScreen.wrap(options.glyphs.text(caption), width: area.width - 2) where y < area.maxY {
            grid.write(line, x: area.x + 2, y: y, style: options.theme.dim, limit: area.width - 2)
            y += 1
        }
        guard area.maxY - y >= 1 else { return }
        BarChart(labels: lesson.instrument.labels, probabilities: ChartShares.of(lesson.readout),
                 values: LogitText.column(lesson.instrument.logits), selected: lesson.instrument.selected)
            .render(in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), into: &grid, options: options)
    }

    // MARK: 2. The double softmax

    struct DoubleSoftmax {
        let once: [Double]
        let twice: [Double]
        /// The entropy of each, once from the readout's log-probabilities.
        let entropyOnce: WideNumber
        let entropyTwice: Double
        /// Cross-entropy against the selected class: −ln p for each, once from the
        /// log-probability, so a p of e^−800 costs 800 nats, not ∞.
        let lossOnce: WideNumber
        let lossTwice: Double
    }

    static func doubleSoftmax(_ lesson: LessonState) -> DoubleSoftmax {
        let r = lesson.readout
        let once = r.probabilities
        // What a loss that applies its own softmax makes of probabilities passed as logits.
        let twice = softmax(once)
        let target = targetDistribution(selected: lesson.instrument.selected, count: once.count)
        let selected = min(max(0, lesson.instrument.selected), max(0, once.count - 1))
        return DoubleSoftmax(once: once, twice: twice, entropyOnce: LogDomain.entropy(r), entropyTwice: entropy(twice),
                             lossOnce: once.isEmpty ? .zero : LogDomain.surprise(r, selected),
                             lossTwice: crossEntropy(target, twice))
    }

    /// All the mass on the selected class: a one-hot label.
    static func targetDistribution(selected: Int, count: Int) -> [Double] {
        (0..<count).map { $0 == selected ? 1 : 0 }
    }

    static func doubleSoftmaxText(_ lesson: LessonState) -> [String] {
        let d = doubleSoftmax(lesson)
        let k = d.once.count
        let label = lesson.instrument.labels[safeIndex: lesson.instrument.selected] ?? "?"
        return [
            heading(1, "Apply softmax, then pass the result to the loss."),
            "Only if the loss expects probabilities. PyTorch's CrossEntropyLoss expects logits and applies log-softmax "
                + "itself; Keras's CategoricalCrossentropy expects probabilities unless from_logits=True. Probabilities "
                + "fed to a loss that expects logits are softmaxed twice, and the bars flatten: entropy "
                + "\(nats(d.entropyOnce)) nats once, \(nats(d.entropyTwice)) twice (at most ln \(k) = "
                + "\(nats(EntropyReadout(nats: 0, classCount: k).maximumNats))); the loss for label \(label) goes from "
                + "\(nats(d.lossOnce)) to \(nats(d.lossTwice)).",
        ]
    }

    static func renderDoubleSoftmax(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let rest = writeChapterText(doubleSoftmaxText(lesson), in: area, into: &grid, options: options)
        guard rest.height >= 2 else { return }
        let d = doubleSoftmax(lesson)
        let gap = 2
        let width = (rest.width - gap) / 2
        let t = TemperatureText.equation(lesson.instrument.temperature)
        let panels = [("softmax(z) at \(t): right", ChartShares.of(lesson.readout)), ("softmax(softmax(z)): wrong", d.twice)]
        for (i, (caption, probabilities)) in panels.enumerated() {
            let x = rest.x + i * (width + gap)
            grid.write(caption, x: x + 2, y: rest.y, style: options.theme.emphasis, limit: width - 2)
            BarChart(labels: lesson.instrument.labels, probabilities: probabilities, selected: lesson.instrument.selected)
                .render(in: Rect(x: x, y: rest.y + 1, width: width, height: rest.height - 1), into: &grid, options: options)
        }
    }

    // MARK: 3. Colder is not more accurate

    struct LossRow: Equatable {
        let temperature: Temperature
        /// How often the greedy pick (the top logit) is right when outcomes follow the
        /// T = 1 bars: the same at every T.
        let topPickAccuracy: Double
        /// How often an answer drawn from the bars at this T is right: Σ p_i q_i(T).
        let sampledAccuracy: Double
        let logLoss: WideNumber
        let isCurrent: Bool
    }

    static let comparedTemperatures: [Temperature] =
        [Temperature.greedy] + [0.25, 0.5, 1, 2, 4].compactMap { try? Temperature($0) }

    /// Outcomes drawn from the T = 1 bars p, scored at several T and at the dial's T: the
    /// greedy pick is right p_top of the time; a draw from q(T) is right Σ p_i q_i(T), which
    /// rises as T falls (its slope in 1/T is the covariance under q of p_i and z_i, both
    /// increasing in z_i, so never negative), from 1/K at T → ∞ to p_top at T → 0; the
    /// log-loss −Σ p_i ln q_i(T) is least at T = 1, where q = p. All from log-probabilities.
    static func lossRows(_ lesson: LessonState) -> [LossRow] {
        let z = lesson.instrument.logits
        let target = SoftmaxReadout(logits: z, temperature: .one)
        let current = lesson.instrument.temperature
        var temperatures = comparedTemperatures
        if !temperatures.contains(current) {
            temperatures.append(current)
            temperatures.sort { $0.value < $1.value }
        }
        let pick = argmax(z)
        return temperatures.map { t in
            let q = SoftmaxReadout(logits: z, temperature: t)
            let sampled = zip(target.logProbabilities, q.logProbabilities).reduce(0) { $0 + exp($1.0 + $1.1) }
            return LossRow(temperature: t, topPickAccuracy: target.probabilities.indices.contains(pick) ? target.probabilities[pick] : 0,
                           sampledAccuracy: min(1, sampled),
                           logLoss: LogDomain.crossEntropy(targetLog: target.logProbabilities, model: q), isCurrent: t == current)
        }
    }

    static func colderText(_ lesson: LessonState) -> [String] {
        let rows = lossRows(lesson)
        let current = rows.first { $0.isCurrent }
        let atOne = rows.first { $0.temperature == .one }
        let t = TemperatureText.equation(lesson.instrument.temperature)
        let target = SoftmaxReadout(logits: lesson.instrument.logits, temperature: .one)
        let pick = argmax(lesson.instrument.logits)
        let pickLabel = lesson.instrument.labels[safeIndex: pick] ?? "?"
        let pickShare = PercentText.column(target)[safeIndex: pick] ?? "?"
        let sampled = ChartShares.percent(current?.sampledAccuracy ?? 0, belowOne: lesson.instrument.logits.count > 1)
        let lossHere = current == atOne ? "right here" : "against \(nats(current?.logLoss ?? WideNumber(.nan))) at \(t)"
        return [
            heading(2, "Lower temperature is always more accurate."),
            "Dividing by T never changes which class is on top, so the greedy pick is right as often at every T: "
                + "\(pickLabel) \(pickShare) if outcomes follow the T = 1 bars. A sampled answer is right Σ p_i q_i(T) of "
                + "the time, which does rise as T falls, toward that rate: \(sampled) at \(t). The log-loss, how honest "
                + "the probabilities are, is lowest at T = 1: \(nats(atOne?.logLoss ?? WideNumber(.nan))) nats, \(lossHere).",
        ]
    }

    static func renderColderIsBetter(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        let rest = writeChapterText(colderText(lesson), in: area, into: &grid, options: options)
        guard rest.height >= 2 else { return }
        let rows = lossRows(lesson)
        let labels = lesson.instrument.labels
        let target = SoftmaxReadout(logits: lesson.instrument.logits, temperature: .one)
        let pick = argmax(lesson.instrument.logits)
        let pickLabel = labels[safeIndex: pick] ?? "?"
        // As the bars round it, so "ant 38.9%" here is the bar's 38.9%.
        let pickShare = PercentText.column(target)[safeIndex: pick] ?? "?"
        // Columns: T, how often the greedy pick and a sampled answer are right, the log-loss and its bar.
        let sampledX = rest.x + 26, lossX = rest.x + 40, barX = rest.x + 52
        grid.write("T", x: rest.x + 2, y: rest.y, style: theme.dim)
        grid.write("greedy right", x: rest.x + 13, y: rest.y, style: theme.dim)
        grid.writeRight("sampled right", in: Rect(x: sampledX, y: rest.y, width: 14, height: 1), style: theme.dim)
        grid.writeRight("log-loss", in: Rect(x: lossX, y: rest.y, width: 10, height: 1), style: theme.dim)
        grid.write("nats, vs the T = 1 bars", x: barX, y: rest.y, style: theme.dim, limit: max(0, rest.maxX - barX))
        let finiteLosses = rows.map(\.logLoss.value).filter(\.isFinite)
        let scale = max(finiteLosses.max() ?? 1, 1e-9)
        for (i, row) in rows.enumerated() {
            let y = rest.y + 1 + i
            guard y < rest.maxY else { break }
            let style = row.isCurrent ? theme.selectionRow : theme.text
            if row.isCurrent { grid.put(options.glyphs.selectionMarker, x: rest.x, y: y, style: theme.selectedBar) }
            grid.write(TemperatureText.equation(row.temperature), x: rest.x + 2, y: y, style: style)
            grid.write("\(pickLabel) \(pickShare)", x: rest.x + 13, y: y, style: style, limit: 12)
            grid.writeRight(ChartShares.percent(row.sampledAccuracy, belowOne: labels.count > 1),
                            in: Rect(x: sampledX, y: y, width: 14, height: 1),
                            style: style)
            let lossText = row.logLoss.value.isFinite || row.logLoss.logMagnitude != nil ? EnergyText.cell(row.logLoss, width: 10) : "∞"
            grid.writeRight(lossText, in: Rect(x: lossX, y: y, width: 10, height: 1), style: style)
            let barWidth = rest.maxX - barX
            if row.logLoss.value.isFinite || row.logLoss.logMagnitude != nil {
                grid.bar(row.logLoss.value.isFinite ? row.logLoss.value / scale : 1, in: Rect(x: barX, y: y, width: barWidth, height: 1), glyphs: options.glyphs,
                         style: row.isCurrent ? theme.selectedBar : theme.bar)
            } else {
                grid.write("off the scale (q = 0)", x: barX, y: y, style: theme.refusal, limit: barWidth)
            }
        }
    }

    /// A number of nats: three decimals, or from its log where it leaves the doubles
    /// (800·e^−800 reads 2.934e-345, not 0.000); "∞" for an infinite loss.
    static func nats(_ x: WideNumber) -> String {
        if x.value.isInfinite && x.logMagnitude == nil { return "∞" }
        return EnergyText.number(x)
    }

    static func nats(_ x: Double) -> String {
        x.isFinite ? NumberFormat.fixed(x, decimals: 3) : "∞"
    }
}

extension Array {
    fileprivate subscript(safeIndex index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
