import SoftmaxCore

/// What this chapter remembers between keys: which misconception is open.
public struct MisconceptionSettings: Hashable, Sendable {
    public static let pageCount = 3
    /// 0: calibration, 1: the double softmax, 2: lower T and accuracy.
    public var page = 0

    public init() {}
}

extension Chapters {
    /// Teaches three things a softmax does not promise: calibrated confidence, a second
    /// softmax inside the loss for free, or better accuracy from a colder T.
    static let misconceptions = ChapterDefinition(
        title: "Three misconceptions",
        name: "misconceptions",
        bindings: [
            ChapterDefinition.binding("misconceptionNext", [.character("n")], "next misconception", hint: "n p next/previous") {
                $0.misconceptions.page = (Misconceptions.page($0) + 1) % MisconceptionSettings.pageCount
            },
            ChapterDefinition.binding("misconceptionPrevious", [.character("p")], "previous misconception") {
                let n = MisconceptionSettings.pageCount
                $0.misconceptions.page = (Misconceptions.page($0) + n - 1) % n
            },
        ],
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

    static func calibrationText(_ lesson: LessonState) -> [String] {
        let s = calibrationSummary(lesson)
        let t = TemperatureText.equation(lesson.instrument.temperature)
        let verdict = s.overconfidence > 0.005 ? "overconfident" : (s.overconfidence < -0.005 ? "underconfident" : "about right")
        return [
            heading(0, "Softmax outputs are calibrated probabilities."),
            "A softmax only promises numbers that sum to 1. These \(s.count) made-up predictions average "
                + "\(PercentText.of(s.meanConfidence)) confidence at \(t), yet \(s.correctCount) of \(s.count) "
                + "(\(PercentText.of(s.accuracy))) are right: \(verdict). Turn T (← →) until the bars meet: "
                + "fitting that T is calibration.",
        ]
    }

    static func renderCalibration(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        var rest = writeChapterText(calibrationText(lesson), in: area, into: &grid, options: options)
        let s = calibrationSummary(lesson)
        let captionWidth = 17
        let barArea = rest.width - captionWidth - 8
        for (row, (caption, value)) in [("mean confidence", s.meanConfidence), ("accuracy", s.accuracy)].enumerated()
        where row < rest.height {
            let y = rest.y + row
            grid.write(caption, x: rest.x + 2, y: y, style: theme.text)
            grid.bar(value, in: Rect(x: rest.x + captionWidth + 1, y: y, width: barArea, height: 1), glyphs: options.glyphs,
                     style: row == 0 ? theme.bar : theme.histogramBar)
            grid.writeRight(PercentText.of(value), in: Rect(x: rest.x + captionWidth + 1 + barArea, y: y, width: 7, height: 1),
                            style: theme.text)
        }
        rest = Rect(x: rest.x, y: rest.y + 3, width: rest.width, height: max(0, rest.height - 3))
        guard rest.height >= 2 else { return }
        grid.write("The illustrative set (made up), confidence and whether it was right:", x: rest.x + 2, y: rest.y,
                   style: theme.dim, limit: rest.width - 2)
        let confidences = illustrativeConfidences(lesson.instrument.temperature)
        let cellWidth = 14
        let perRow = max(1, (rest.width - 2) / cellWidth)
        for i in confidences.indices {
            let y = rest.y + 1 + i / perRow
            guard y < rest.maxY else { break }
            let mark = illustrativeCorrect[i] ? "✓" : "✗"
            let text = "#\(i + 1) \(PercentText.of(confidences[i])) \(mark)"
            grid.write(text, x: rest.x + 2 + (i % perRow) * cellWidth, y: y,
                       style: illustrativeCorrect[i] ? theme.text : theme.refusal, limit: cellWidth - 1)
        }
        // The instrument's own bars, where they fit whole: the same caution applies to them.
        let setRows = (confidences.count + perRow - 1) / perRow
        let barsTop = rest.y + 1 + setRows + 1
        let classCount = lesson.instrument.classCount
        guard rest.maxY - barsTop >= classCount + 1 else { return }
        let r = lesson.readout
        let top = lesson.instrument.labels[safeIndex: r.topIndex] ?? "?"
        grid.write("Your logits: \(top)'s \(PercentText.of(r.topProbability)) is a frequency only if the model is calibrated.",
                   x: rest.x + 2, y: barsTop, style: theme.dim, limit: rest.width - 2)
        BarChart(labels: lesson.instrument.labels, probabilities: r.probabilities,
                 values: LogitText.column(lesson.instrument.logits), selected: lesson.instrument.selected)
            .render(in: Rect(x: rest.x, y: barsTop + 1, width: rest.width, height: classCount), into: &grid, options: options)
    }

    // MARK: 2. The double softmax

    struct DoubleSoftmax {
        let once: [Double]
        let twice: [Double]
        /// Cross-entropy against the selected class: −ln p for each.
        let lossOnce: Double
        let lossTwice: Double
    }

    static func doubleSoftmax(_ lesson: LessonState) -> DoubleSoftmax {
        let once = lesson.readout.probabilities
        // What a loss that applies its own softmax makes of probabilities passed as logits.
        let twice = softmax(once)
        let target = targetDistribution(selected: lesson.instrument.selected, count: once.count)
        return DoubleSoftmax(once: once, twice: twice, lossOnce: crossEntropy(target, once), lossTwice: crossEntropy(target, twice))
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
            heading(1, "Apply softmax, then cross-entropy."),
            "The loss applies its own softmax, so feeding it probabilities applies it twice and squeezes every "
                + "input into [0, 1]: the bars flatten. Entropy \(nats(entropy(d.once))) nats once, "
                + "\(nats(entropy(d.twice))) twice, of at most ln \(k) = \(nats(EntropyReadout(nats: 0, classCount: k).maximumNats)); "
                + "the loss for label \(label) goes from \(nats(d.lossOnce)) to \(nats(d.lossTwice)). Pass the raw logits.",
        ]
    }

    static func renderDoubleSoftmax(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let rest = writeChapterText(doubleSoftmaxText(lesson), in: area, into: &grid, options: options)
        guard rest.height >= 2 else { return }
        let d = doubleSoftmax(lesson)
        let gap = 2
        let width = (rest.width - gap) / 2
        let t = TemperatureText.equation(lesson.instrument.temperature)
        let panels = [("softmax(z) at \(t): right", d.once), ("softmax(softmax(z)): wrong", d.twice)]
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
        /// How often the greedy pick is right when outcomes follow the target.
        let topPickAccuracy: Double
        let logLoss: Double
        let isCurrent: Bool
    }

    static let comparedTemperatures: [Temperature] =
        [Temperature.greedy] + [0.25, 0.5, 1, 2, 4].compactMap { try? Temperature($0) }

    /// Outcomes drawn from the T = 1 bars, scored at several T and at the dial's T.
    static func lossRows(_ lesson: LessonState) -> [LossRow] {
        let z = lesson.instrument.logits
        let target = softmax(z)
        let current = lesson.instrument.temperature
        var temperatures = comparedTemperatures
        if !temperatures.contains(current) {
            temperatures.append(current)
            temperatures.sort { $0.value < $1.value }
        }
        return temperatures.map { t in
            let q = softmax(z, temperature: t)
            let pick = argmax(q)
            return LossRow(temperature: t, topPickAccuracy: target.indices.contains(pick) ? target[pick] : 0,
                           logLoss: crossEntropy(target, q), isCurrent: t == current)
        }
    }

    static func colderText(_ lesson: LessonState) -> [String] {
        let rows = lossRows(lesson)
        let current = rows.first { $0.isCurrent }
        let best = rows.filter { $0.logLoss.isFinite }.min { $0.logLoss < $1.logLoss }
        let t = TemperatureText.equation(lesson.instrument.temperature)
        let bestText = "\(nats(best?.logLoss ?? .nan)), at \(TemperatureText.equation(best?.temperature ?? .one))"
        let where_ = current == best ? "lowest, \(bestText), right here" : "\(nats(current?.logLoss ?? .nan)) at \(t) and lowest, \(bestText)"
        return [
            heading(2, "Lower temperature is always more accurate."),
            "Dividing by T never changes which class is on top, so the greedy pick is just as often right "
                + "at every T. What T changes is how honest the probabilities are: if outcomes follow the "
                + "T = 1 bars, the log-loss is \(where_).",
        ]
    }

    static func renderColderIsBetter(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        let rest = writeChapterText(colderText(lesson), in: area, into: &grid, options: options)
        guard rest.height >= 2 else { return }
        let rows = lossRows(lesson)
        let labels = lesson.instrument.labels
        let target = softmax(lesson.instrument.logits)
        let pickLabel = labels[safeIndex: argmax(target)] ?? "?"
        grid.write("T          greedy pick right   log-loss vs the T = 1 bars (nats)", x: rest.x + 2, y: rest.y,
                   style: theme.dim, limit: rest.width - 2)
        let finiteLosses = rows.map(\.logLoss).filter(\.isFinite)
        let scale = max(finiteLosses.max() ?? 1, 1e-9)
        for (i, row) in rows.enumerated() {
            let y = rest.y + 1 + i
            guard y < rest.maxY else { break }
            let style = row.isCurrent ? theme.selectionRow : theme.text
            if row.isCurrent { grid.put(options.glyphs.selectionMarker, x: rest.x, y: y, style: theme.selectedBar) }
            grid.write(TemperatureText.equation(row.temperature), x: rest.x + 2, y: y, style: style)
            grid.write("\(pickLabel) \(PercentText.of(row.topPickAccuracy))", x: rest.x + 13, y: y, style: style)
            let lossText = row.logLoss.isFinite ? NumberFormat.fixed(row.logLoss, decimals: 3) : "∞"
            grid.writeRight(lossText, in: Rect(x: rest.x + 29, y: y, width: 7, height: 1), style: style)
            let barWidth = rest.maxX - (rest.x + 38)
            if row.logLoss.isFinite {
                grid.bar(row.logLoss / scale, in: Rect(x: rest.x + 38, y: y, width: barWidth, height: 1), glyphs: options.glyphs,
                         style: row.isCurrent ? theme.selectedBar : theme.bar)
            } else {
                grid.write("off the scale: outcomes got p = 0", x: rest.x + 38, y: y, style: theme.refusal,
                           limit: barWidth)
            }
        }
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
