import SoftmaxCore

/// What this chapter remembers between keys: the use whose key was pressed last, and
/// which of its typical values that key set.
public struct UsageSettings: Hashable, Sendable {
    public var use: TemperatureUse?
    public var step = 0

    public init() {}
}

/// The places the same knob turns up, each with the temperatures its key steps through.
public enum TemperatureUse: Int, CaseIterable, Hashable, Sendable {
    case generation, distillation, guidance, exploration, calibration

    var name: String {
        switch self {
        case .generation: "Text generation"
        case .distillation: "Distillation"
        case .guidance: "Diffusion guidance"
        case .exploration: "RL exploration"
        case .calibration: "Calibration"
        }
    }

    /// The row's summary. The ranges are the usual ones in practice and in the papers
    /// cited in the detail lines, not values computed here.
    var summary: String {
        switch self {
        case .generation: "T ≈ 0.7–1.0 creative text, 0–0.3 deterministic"
        case .distillation: "soft targets at a raised T, often ≈ 4, loss × T²"
        case .guidance: "a scale w ≈ 3–7 trades diversity for fidelity"
        case .exploration: "Boltzmann policy over Q, annealed hot to cold"
        case .calibration: "one T fitted on held-out data, usually above 1"
        }
    }

    /// The temperatures the key sets, in turn. Guidance is stated as scales w, which
    /// against a flat unconditional model are T = 1/w.
    var temperatures: [Temperature] {
        let values: [Double]
        switch self {
        case .generation: values = [0.7, 1.0, 0.2]
        case .distillation: values = [4]
        case .guidance: return Self.guidanceScales.map { guidanceEquivalentTemperature(scale: $0) }
        case .exploration: values = Self.annealingSchedule
        case .calibration: values = [1.5]
        }
        return values.compactMap { try? Temperature($0) }
    }

    static let guidanceScales = [3.0, 5.0, 7.0]
    static let annealingSchedule = [5.0, 2.0, 1.0, 0.5, 0.2]
}

extension Chapters {
    /// Teaches that temperature is not only a sampling dial: the same division of the
    /// logits softens distillation targets, hides inside guidance scales, schedules
    /// exploration, and calibrates a classifier after training.
    static let whereTemperatureShowsUp = ChapterDefinition(
        title: "Where temperature shows up",
        name: "uses",
        bindings: [
            ChapterDefinition.binding("usePrevious", [.character(",")], "the use above: set its typical T", hint: ", . use") {
                Usage.move(by: -1, in: &$0)
            },
            ChapterDefinition.binding("useNext", [.character(".")], "the use below: set its typical T") {
                Usage.move(by: 1, in: &$0)
            },
            ChapterDefinition.binding("useValueNext", [.character(" ")], "the use's next typical T", hint: "Space next T") {
                if let use = $0.usage.use { Usage.choose(use, in: &$0) }
            },
        ],
        featured: ["temperatureRaised", "temperatureEditStarted"],
        render: { lesson, area, grid, options in
            Usage.render(lesson, in: area, into: &grid, options: options)
        }
    )
}

/// The pieces of the "where temperature shows up" chapter, apart so the tests can read them.
enum Usage {
    /// Chooses the use `offset` rows away (the first on the first press) and sets its first T.
    static func move(by offset: Int, in lesson: inout LessonState) {
        let all = TemperatureUse.allCases
        let row = lesson.usage.use.map { min(max(0, $0.rawValue + offset), all.count - 1) } ?? (offset > 0 ? 0 : all.count - 1)
        lesson.usage.use = nil
        choose(all[row], in: &lesson)
    }

    static func choose(_ use: TemperatureUse, in lesson: inout LessonState) {
        let values = use.temperatures
        guard !values.isEmpty else { return }
        let step = lesson.usage.use == use ? (lesson.usage.step + 1) % values.count : 0
        lesson.usage.use = use
        lesson.usage.step = step
        lesson.instrument.apply(.temperatureSet(values[step]))
    }

    static let introduction = "The same division by T turns up under other names. , and . choose a use and "
        + "set T to a typical value for it; where a use has several, Space steps through them."

    /// What the current T means for the chosen use, with its numbers computed from the instrument.
    static func detail(_ lesson: LessonState) -> String {
        let r = lesson.readout
        let t = r.temperature
        let equation = TemperatureText.equation(t)
        let labels = lesson.instrument.labels
        let top = "\(labels[safe: r.topIndex] ?? "?") \(PercentText.of(r.topProbability))"
        let entropy = "entropy \(NumberFormat.fixed(r.entropy, decimals: 3)) nats"
        guard let use = lesson.usage.use else {
            return "Now \(equation): top class \(top), \(entropy). Press . to choose a use."
        }
        switch use {
        case .generation:
            return "Sampling the next token at \(equation): the top token gets \(top), \(entropy). "
                + "Lower T repeats the safe choice; higher T varies the wording."
        case .distillation:
            let targets = r.probabilities.indices.map { "\(labels[safe: $0] ?? "?") \(PercentText.of(r.probabilities[$0]))" }
            let factor = distillationLossFactor(temperature: t)
            return "Soft targets at \(equation): \(targets.joined(separator: ", ")). Their gradients shrink "
                + "as 1/T², so the loss is multiplied by T² = \(OneKnob.number(factor)). "
                + "Hinton et al. (2015) used T = 20 on MNIST."
        case .guidance:
            let w = t.isUniform ? 0 : (t.isGreedy ? Double.infinity : 1 / t.value)
            return "Guidance moves w times as far from the unconditional prediction toward the conditional one. "
                + "For log-probabilities against a flat unconditional model that is T = 1/w: "
                + "w = \(OneKnob.number(w)) gives \(equation), top class \(top), \(entropy)."
        case .exploration:
            let schedule = TemperatureUse.annealingSchedule.map { NumberFormat.significant($0, digits: 3) }
            return "An agent picks action i with probability softmax(Q/T): hot to explore, cold to exploit. "
                + "Schedule \(schedule.joined(separator: " → ")); now \(equation): best action \(top), \(entropy)."
        case .calibration:
            let plain = SoftmaxReadout(logits: lesson.instrument.logits, temperature: .one)
            return "Dividing by one fitted T leaves the ranking, so accuracy, unchanged: the top class goes "
                + "from \(PercentText.of(plain.topProbability)) at T = 1 to \(PercentText.of(r.topProbability)) "
                + "at \(equation). Guo et al. (2017) report ResNet-110 on CIFAR-100: ECE 16.53% → 1.26%."
        }
    }

    static func render(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        var rest = writeChapterText([introduction], in: area, into: &grid, options: options)
        let nameWidth = TemperatureUse.allCases.map { TextWidth.of($0.name) }.max() ?? 0
        for (i, use) in TemperatureUse.allCases.enumerated() where i < rest.height {
            let y = rest.y + i
            let chosen = lesson.usage.use == use
            let style = chosen ? theme.selectionRow : theme.text
            if chosen { grid.put(options.glyphs.selectionMarker, x: rest.x, y: y, style: theme.selectedBar) }
            grid.write(use.name, x: rest.x + 2, y: y, style: style, limit: nameWidth)
            let summaryX = rest.x + 2 + nameWidth + 2
            grid.write(use.summary, x: summaryX, y: y, style: chosen ? style : theme.dim, limit: rest.maxX - summaryX)
        }
        let rowsHeight = TemperatureUse.allCases.count + 1
        rest = Rect(x: rest.x, y: rest.y + rowsHeight, width: rest.width, height: max(0, rest.height - rowsHeight))
        rest = writeChapterText([detail(lesson)], in: rest, into: &grid, options: options)
        let r = lesson.readout
        let chart = BarChart(labels: lesson.instrument.labels, probabilities: r.probabilities,
                             values: LogitText.column(lesson.instrument.logits), selected: lesson.instrument.selected)
        // The entropy curve goes beside the bars where there is room for both to read.
        if rest.width >= 100 && rest.height >= 8 {
            let half = rest.width / 2
            chart.render(in: Rect(x: rest.x, y: rest.y, width: half - 1, height: rest.height), into: &grid, options: options)
            EntropyCurve(logits: lesson.instrument.logits, current: r.temperature)
                .render(in: Rect(x: rest.x + half + 1, y: rest.y, width: rest.width - half - 1, height: min(rest.height, 14)),
                        into: &grid, options: options)
        } else {
            chart.render(in: rest, into: &grid, options: options)
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
