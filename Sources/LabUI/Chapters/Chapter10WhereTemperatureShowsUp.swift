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
    case generation, distillation, guidance, exploration, calibration, attention, clusters

    var name: String {
        switch self {
        case .generation: "Text generation"
        case .distillation: "Distillation"
        case .attention: "Attention"
        case .guidance: "Diffusion guidance"
        case .exploration: "RL exploration"
        case .clusters: "Gaussian classes"
        case .calibration: "Calibration"
        }
    }

    /// The row's summary. The ranges are the usual ones in practice and in the papers
    /// cited in the detail lines, not values computed here.
    var summary: String {
        switch self {
        case .generation: "0.7–1 varied, 0.1–0.3 near-deterministic, 0 greedy"
        case .distillation: "soft targets at a raised T, often ≈ 4, loss × T²"
        case .attention: "scores over √d, a built-in T; τ → 0: hard"
        case .guidance: "a scale w ≈ 4–8 trades diversity for fidelity"
        case .exploration: "Boltzmann policy over Q, annealed hot to cold"
        case .clusters: "shared σ²: Bayes = softmax(−|x−µ|²) at T = 2σ²"
        case .calibration: "one T fitted to held-out NLL, usually above 1"
        }
    }

    /// The temperatures , and . set (the first) and Space steps through. Guidance is
    /// stated as scales w of the form u + w(c − u), which against a flat unconditional
    /// model is T = 1/w; the scales are chosen so that 1/w is a short decimal, since a T
    /// on screen is the T used.
    var temperatures: [Temperature] {
        let values: [Double]
        switch self {
        case .generation: values = [0.7, 1.0, 0.2]
        case .distillation: values = [4]
        case .attention: values = [1, 0.25]
        case .guidance: return Self.guidanceScales.map { guidanceEquivalentTemperature(scale: $0) }
        case .exploration: values = Self.annealingSchedule
        case .clusters: values = [2, 0.5, 8]
        case .calibration: values = [1.5]
        }
        return values.compactMap { try? Temperature($0) }
    }

    /// The lab chapter that runs this use on real computation (by `--chapter` name), if any.
    var lab: String? {
        switch self {
        case .generation: "generation"
        case .distillation: "distillation"
        case .attention: "attention"
        case .guidance: nil
        case .exploration: "exploration"
        case .clusters: "clusters"
        case .calibration: "calibration"
        }
    }

    /// The lab's chapter index, when the lesson has it.
    var labIndex: Int? { lab.flatMap(Chapters.index(named:)) }

    static let guidanceScales = [4.0, 5.0, 8.0]
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
            ChapterDefinition.binding("useLabOpened", [.character("g")], "go to the chosen use's lab", hint: "g its lab") {
                Usage.openLab(in: &$0)
            },
            ChapterDefinition.binding("useValueNext", [.character(" ")], "the use's next typical T (none chosen: the first use)",
                                      hint: "Space next T") {
                if let use = $0.usage.use { Usage.choose(use, in: &$0) } else { Usage.move(by: 1, in: &$0) }
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

    /// Opens the chosen use's lab (the first use with a lab when none is chosen); a
    /// use without one says so and stays.
    static func openLab(in lesson: inout LessonState) {
        let use = lesson.usage.use ?? TemperatureUse.allCases.first { $0.labIndex != nil }
        guard let use, let index = use.labIndex else {
            lesson.instrument.notice = .info("\(lesson.usage.use?.name ?? "This use") has no lab of its own; , and . choose another.")
            return
        }
        lesson.go(to: index)
    }

    static func choose(_ use: TemperatureUse, in lesson: inout LessonState) {
        let values = use.temperatures
        guard !values.isEmpty else { return }
        let step = lesson.usage.use == use ? (lesson.usage.step + 1) % values.count : 0
        lesson.usage.use = use
        lesson.usage.step = step
        lesson.instrument.apply(.temperatureSet(values[step]))
    }

    static let introduction = "The same division by T, under other names: , and . choose a use and set its T, "
        + "Space steps its values, g goes to its lab (right)."

    /// What the current T means for the chosen use, with its numbers computed from the
    /// instrument, and, only for a use with several typical values, which one is set.
    static func detail(_ lesson: LessonState) -> String {
        let r = lesson.readout
        let t = r.temperature
        let equation = TemperatureText.equation(t)
        let labels = lesson.instrument.labels
        // "top: ant 38.9%", or the tie, rounded as the bars are.
        let top = TopText.of(r, labels: labels)
        let entropy = "entropy \(NumberFormat.fixed(r.entropy, decimals: 3)) nats"
        guard let use = lesson.usage.use else {
            return "Now \(equation), \(top), \(entropy). Press . for the first use."
        }
        let text: String
        switch use {
        case .generation:
            text = "Sampling the next token at \(equation), \(top), \(entropy). Only T → 0 is deterministic: "
                + "at T = 0.2 a draw still differs from the greedy pick \(greedyMiss(lesson.instrument.logits)) of the time."
        case .attention:
            text = "A query scores each key by q·k/√d and attends by softmax(scores/τ): the √d is a temperature built "
                + "in so scores of a wide d do not saturate. At \(equation) the weights are the bars, \(top), \(entropy); "
                + "τ → 0 is hard attention, τ → ∞ an average."
        case .clusters:
            text = "Gaussian classes with equal priors and one shared covariance σ²I: the posterior is "
                + "softmax(−|x−µ|²/(2σ²)), temperature T = 2σ² on the logits −|x−µ|². Now \(equation): σ = "
                + (t.isGreedy || t.isUniform ? (t.isGreedy ? "0" : "∞") : NumberFormat.significant((t.value / 2).squareRoot(), digits: 3))
                + ", \(top)."
        case .distillation:
            let factor = distillationLossFactor(temperature: t)
            text = "The student learns from the bars as soft targets at \(equation) (\(top)). Their gradients shrink "
                + "as 1/T², so the loss is multiplied by T² = \(OneKnob.number(factor)). "
                + "Hinton et al. (2015) used T = 20 on MNIST."
        case .guidance:
            let w = t.isUniform ? 0 : (t.isGreedy ? Double.infinity : 1 / t.value)
            let theirs = guidanceTemperature(hoSalimansScale: w)
            text = "With u and c the unconditional and conditional predictions, u + w(c−u) is T = 1/w against a "
                + "flat u; Ho & Salimans write (1+w)c − wu, T = 1/(1+w). w = \(OneKnob.number(w)) gives \(equation) "
                + "(\(theirs.isGreedy ? "T → 0" : "T = " + OneKnob.number(theirs.value)) in their form), \(top)."
        case .exploration:
            let schedule = TemperatureUse.annealingSchedule.map { NumberFormat.significant($0, digits: 3) }
            text = "An agent picks action i with probability softmax(Q/T): hot to explore, cold to exploit. "
                + "Schedule \(schedule.joined(separator: " → ")); now \(equation), \(top), \(entropy)."
        case .calibration:
            let plain = SoftmaxReadout(logits: lesson.instrument.logits, temperature: .one)
            let before = PercentText.column(plain)[plain.topIndex]
            let after = PercentText.column(r)[r.topIndex]
            let ties = r.tiedMaximumCount
            let who = ties > 1 ? "each of the \(ties) tied top classes goes" : "the top class goes"
            text = "Dividing by one fitted T keeps the ranking, so accuracy is unchanged: \(who) "
                + "from \(before) at T = 1 to \(after) at \(equation). "
                + "Guo et al. (2017) fit T by minimising the NLL on held-out data; ResNet-110 on CIFAR-100: "
                + "ECE 16.53% → 1.26%."
        }
        return text + stepText(use, step: lesson.usage.step, temperature: t)
    }

    /// How often a draw at T = 0.2, the low end of "near-deterministic", differs from the
    /// greedy pick (the top logit, the first of a tie): the mass outside it, from the
    /// log-probabilities, so an e^−800 reads "<0.1%" rather than 0%.
    static func greedyMiss(_ logits: [Double]) -> String {
        let r = SoftmaxReadout(logits: logits, temperature: nearDeterministic)
        let top = r.topIndex
        let others = logits.indices.contains { $0 != top }
        return ChartShares.percent(LogDomain.massOutside(r, top), positive: others)
    }

    static let nearDeterministic = (try? Temperature(0.2)) ?? .one

    /// The temperature of Ho & Salimans' guidance (1+w)·c − w·u at scale w against a flat
    /// u: the conditional log-probabilities times 1 + w, so T = 1/(1+w).
    static func guidanceTemperature(hoSalimansScale w: Double) -> Temperature {
        guidanceEquivalentTemperature(scale: 1 + w)
    }

    /// " Space: the next typical T (2 of 3: 0.7, 1, 0.2)." for a use with several
    /// values (without the "2 of 3" once T was turned away from them); nothing for a
    /// use with one, where there is no next.
    static func stepText(_ use: TemperatureUse, step: Int, temperature: Temperature) -> String {
        let values = use.temperatures
        guard values.count > 1 else { return "" }
        let list = use == .guidance
            ? "w = " + TemperatureUse.guidanceScales.map { NumberFormat.significant($0, digits: 3) }.joined(separator: ", ")
            : values.map { NumberFormat.significant($0.value, digits: 3) }.joined(separator: ", ")
        let position = values.indices.contains(step) && values[step] == temperature ? "\(step + 1) of \(values.count): " : ""
        return " Space: the next typical T (\(position)\(list))."
    }

    static func render(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        var rest = writeChapterText([introduction], in: area, into: &grid, options: options)
        // Where ten classes would not fit under the uses, the blank row under the text goes.
        if rest.height < TemperatureUse.allCases.count + lesson.instrument.classCount, rest.y > area.y {
            rest = Rect(x: rest.x, y: rest.y - 1, width: rest.width, height: rest.height + 1)
        }
        let nameWidth = TemperatureUse.allCases.map { TextWidth.of($0.name) }.max() ?? 0
        for (i, use) in TemperatureUse.allCases.enumerated() where i < rest.height {
            let y = rest.y + i
            let chosen = lesson.usage.use == use
            let style = chosen ? theme.selectionRow : theme.text
            if chosen { grid.put(options.glyphs.selectionMarker, x: rest.x, y: y, style: theme.selectedBar) }
            grid.write(use.name, x: rest.x + 2, y: y, style: style, limit: nameWidth)
            let summaryX = rest.x + 2 + nameWidth + 2
            // The lab's chapter number, right-aligned, so the map says where Enter goes.
            let lab = use.labIndex.map { " \($0 + 1)" } ?? ""
            grid.write(use.summary, x: summaryX, y: y, style: chosen ? style : theme.dim,
                       limit: rest.maxX - summaryX - 4)
            grid.writeRight(lab, in: Rect(x: rest.maxX - 4, y: y, width: 4, height: 1), style: chosen ? style : theme.emphasis)
        }
        // A blank row under the uses where the bars can spare it.
        let spare = rest.height - TemperatureUse.allCases.count - lesson.instrument.classCount
        let rowsHeight = TemperatureUse.allCases.count + (spare > 1 ? 1 : 0)
        rest = Rect(x: rest.x, y: rest.y + rowsHeight, width: rest.width, height: max(0, rest.height - rowsHeight))
        let r = lesson.readout
        let chart = BarChart(labels: lesson.instrument.labels, probabilities: ChartShares.of(r),
                             values: LogitText.column(lesson.instrument.logits), selected: lesson.instrument.selected)
        let detail = detail(lesson)
        // The bars on the left; the detail on the right, with the entropy curve under it
        // where there is room. Where the detail will not fit beside the bars, it goes
        // above them, full width, and the bars take what is left.
        let chartWidth = rest.width >= 100 ? rest.width / 2 - 1 : min(rest.width / 2, 40)
        let side = Rect(x: rest.x + chartWidth + 2, y: rest.y, width: rest.width - chartWidth - 2, height: rest.height)
        let sideLines = TooSmallScreen.wrap(options.glyphs.text(detail), width: side.width)
        guard sideLines.count <= side.height else {
            let below = writeChapterText([detail], in: rest, into: &grid, options: options)
            chart.render(in: below, into: &grid, options: options)
            return
        }
        chart.render(in: Rect(x: rest.x, y: rest.y, width: chartWidth, height: rest.height), into: &grid, options: options)
        for (i, line) in sideLines.enumerated() {
            grid.write(line, x: side.x, y: side.y + i, style: theme.text, limit: side.width)
        }
        let curveTop = side.y + sideLines.count + 1
        if side.maxY - curveTop >= 8 {
            EntropyCurve(logits: lesson.instrument.logits, current: r.temperature)
                .render(in: Rect(x: side.x, y: curveTop, width: side.width, height: min(side.maxY - curveTop, 16)),
                        into: &grid, options: options)
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
