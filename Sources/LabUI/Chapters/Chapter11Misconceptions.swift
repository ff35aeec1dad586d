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
            grid.writeRight(PercentText.of(value), in: Rect(x: area.x + captionWidth + 1 + barArea, y: y, width: 7, height: 1),
                            style: theme.text)
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
            grid.write("#\(i + 1) \(PercentText.of(confidences[i])) \(mark)", x: area.x + 2 + (i % perRow) * setCellWidth, y: row,
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
        BarChart(labels: lesson.instrument.labels, probabilities: lesson.readout.probabilities,
                 values: LogitText.column(lesson.instrument.logits), selected: lesson.instrument.selected)
            .render(in: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), into: &grid, options: options)
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
        let pick = argmax(target)
        let pickLabel = labels[safeIndex: pick] ?? "?"
        // As the bars round it, so "ant 38.9%" here is the bar's 38.9%.
        let pickShare = PercentText.column(target)[safeIndex: pick] ?? "?"
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
            grid.write("\(pickLabel) \(pickShare)", x: rest.x + 13, y: y, style: style, limit: 16)
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
