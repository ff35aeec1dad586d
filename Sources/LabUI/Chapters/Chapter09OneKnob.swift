import SoftmaxCore

/// What this chapter remembers between keys: the scale on the logits and the spread
/// of the Gaussian classes, both as steps of a factor √2 so that every value the
/// keys reach is exact and halving or doubling takes two presses.
public struct KnobSettings: Hashable, Sendable {
    public static let stepRange = -6...6
    /// α = 2^(alphaStep / 2): from 1/8 to 8.
    public var alphaStep = 0
    /// σ = 2^(sigmaStep / 2): from 1/8 to 8, so 2σ² runs from 1/32 to 128.
    public var sigmaStep = 0

    public init() {}

    public var logitScale: Double { Self.powerOfRootTwo(alphaStep) }
    public var standardDeviation: Double { Self.powerOfRootTwo(sigmaStep) }
    /// T = 2σ² = 2^(sigmaStep + 1), exactly: squaring the rounded √2 would miss by an ulp
    /// (4.000000000000001), and a T on screen is the T used.
    public var gaussianTemperature: Double { Self.powerOfRootTwo(2 * (sigmaStep + 1)) }

    /// √2^k, exactly 2^(k/2) for even k.
    static func powerOfRootTwo(_ k: Int) -> Double {
        let whole = Double(sign: .plus, exponent: k >= 0 ? k / 2 : -((-k + 1) / 2), significand: 1)
        return k % 2 == 0 ? whole : whole * 2.0.squareRoot()
    }
}

extension Chapters {
    /// Teaches that a scale on the logits and the temperature are one knob: only α/T
    /// reaches the softmax, so logits of a smaller scale (as L2 regularisation tends to
    /// leave them) run hotter, and Gaussian classes with equal priors and one shared
    /// isotropic covariance σ²I come with T = 2σ² built in.
    static let oneKnob = ChapterDefinition(
        title: "One knob, many names",
        name: "knob",
        bindings: [
            ChapterDefinition.binding("alphaLowered", [.character(",")], "α smaller", hint: ", . α") {
                OneKnob.step(&$0.knob.alphaStep, by: -1)
            },
            ChapterDefinition.binding("alphaRaised", [.character(".")], "α larger") { OneKnob.step(&$0.knob.alphaStep, by: 1) },
            ChapterDefinition.binding("sigmaLowered", [.character("n")], "σ smaller", hint: "n m σ") {
                OneKnob.step(&$0.knob.sigmaStep, by: -1)
            },
            ChapterDefinition.binding("sigmaRaised", [.character("m")], "σ larger") { OneKnob.step(&$0.knob.sigmaStep, by: 1) },
        ],
        featured: ["temperatureRaised", "temperatureEditStarted"],
        render: { lesson, area, grid, options in
            let rest = writeChapterText(OneKnob.text(lesson), in: area, into: &grid, options: options)
            OneKnob.renderPanels(lesson, in: rest, into: &grid, options: options)
        }
    )
}

/// The pieces of the "one knob" chapter, apart so the tests can read its numbers.
enum OneKnob {
    /// One set of bars: a caption, the scaled logits it was computed from, the T they
    /// were taken at, and their softmax.
    struct Panel: Equatable {
        let caption: String
        let values: [Double]
        let temperature: Temperature
        let probabilities: [Double]
        /// The values as the bars label them.
        let valueTexts: [String]
        /// Classes whose value overflowed to −∞ though it is finite: a Gaussian score
        /// −(x−µ)² with |x−µ| = 1e300 is −1e600, past the doubles, yet its class has weight.
        let overflowed: Set<Int>

        init(caption: String, values: [Double], temperature: Temperature, valueTexts: [String]? = nil,
             overflowed: Set<Int> = []) {
            self.caption = caption
            self.values = values
            self.temperature = temperature
            self.valueTexts = valueTexts ?? LogitText.column(values)
            self.overflowed = overflowed
            probabilities = softmax(values, temperature: temperature)
        }

        /// The shares the bars are drawn with, from the panel's readout, so a class whose
        /// p underflowed reads "<0.1%" and a top share below 1 ">99.9%"; a class whose
        /// value overflowed keeps weight too.
        var shares: [Double] {
            let shares = ChartShares.of(SoftmaxReadout(logits: values, temperature: temperature))
            return shares.indices.map { overflowed.contains($0) && shares[$0] == 0 ? .leastNonzeroMagnitude : shares[$0] }
        }
    }

    static func step(_ value: inout Int, by delta: Int) {
        value = min(KnobSettings.stepRange.upperBound, max(KnobSettings.stepRange.lowerBound, value + delta))
    }

    /// T doubled, which keeps T = 0 and T = ∞ where they are.
    static func doubled(_ t: Temperature) -> Temperature {
        (try? Temperature(2 * t.value)) ?? t
    }

    static func text(_ lesson: LessonState) -> [String] {
        let alpha = lesson.knob.logitScale
        let t = lesson.instrument.temperature
        let sigma = lesson.knob.standardDeviation
        let ratio = logitScaleOverTemperature(logitScale: alpha, temperature: t)
        let effective = effectiveTemperature(logitScale: alpha, temperature: t)
        let heat = alpha < 1 ? "hotter than the dial" : (alpha > 1 ? "colder than the dial" : "the dial's own T")
        let gaussian = (try? Temperature(lesson.knob.gaussianTemperature)) ?? .one
        return [
            "The softmax of αz/T sees only α/T. Left: α = \(number(alpha)) at \(TemperatureText.equation(t)); "
                + "right: α = \(number(2 * alpha)) at \(TemperatureText.equation(doubled(t))); both have "
                + "α/T = \(number(ratio)), so the same bars. L2 regularisation tends to shrink the logits' scale, "
                + "not uniformly; a smaller α is a higher T: the left bars are the plain logits at "
                + "\(ratioEquation("T/α", effective)), \(heat).",
            "Gaussian classes with equal priors and one shared isotropic covariance σ²I, σ = \(number(sigma)), "
                + "score −|x−µ|²/(2σ²) plus a common term: a softmax of −|x−µ|² at T = 2σ² = "
                + "\(TemperatureText.value(gaussian)). Messier data, hotter model.",
        ]
    }

    /// (α, T) and (2α, 2T), and, where there is room, the plain logits at T/α. Each is
    /// computed from its own scaled logits, so equal bars are a result, not a copy.
    static func panels(_ lesson: LessonState, includingPlain: Bool) -> [Panel] {
        let z = lesson.instrument.logits
        let alpha = lesson.knob.logitScale
        let t = lesson.instrument.temperature
        var result: [Panel] = []
        for (scale, temperature) in [(alpha, t), (2 * alpha, doubled(t))] {
            let scaled = scaledLogits(z, by: scale)
            result.append(Panel(caption: "\(number(scale)) × z at \(TemperatureText.equation(temperature))",
                                values: scaled, temperature: temperature))
        }
        if includingPlain {
            let effective = effectiveTemperature(logitScale: alpha, temperature: t)
            result.append(Panel(caption: "z at \(ratioEquation("T/α", effective))", values: z, temperature: effective))
        }
        return result
    }

    static let minimumPanelWidth = 34

    static func renderPanels(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        guard area.height >= 2 else { return }
        let classCount = lesson.instrument.classCount
        let fitsThree = area.width >= 3 * minimumPanelWidth + 4
        let panels = panels(lesson, includingPlain: fitsThree)
        let gap = 2
        let width = (area.width - gap * (panels.count - 1)) / panels.count
        // The Gaussian example goes below only where the bars keep all their rows.
        let gaussianCaption = gaussianCaptionLines(lesson, width: area.width - 2, glyphs: options.glyphs)
        let gaussianHeight = 1 + gaussianCaption.count + classCount
        let showsGaussian = area.height >= (classCount + 1) + 1 + gaussianHeight
        let barsHeight = showsGaussian ? classCount + 1 : area.height
        let selected = lesson.instrument.selected
        for (i, panel) in panels.enumerated() {
            let x = area.x + i * (width + gap)
            grid.write(panel.caption, x: x + 2, y: area.y, style: options.theme.emphasis, limit: width - 2)
            BarChart(labels: lesson.instrument.labels, probabilities: panel.shares,
                     values: panel.valueTexts, selected: selected)
                .render(in: Rect(x: x, y: area.y + 1, width: width, height: barsHeight - 1), into: &grid, options: options)
        }
        if showsGaussian {
            renderGaussian(lesson, caption: gaussianCaption,
                           in: Rect(x: area.x, y: area.y + barsHeight + 1, width: area.width, height: gaussianHeight),
                           barWidth: width, into: &grid, options: options)
        }
    }

    /// The Gaussian panel's heading (dim) and caption, wrapped as they will be spelt.
    static func gaussianCaptionLines(_ lesson: LessonState, width: Int, glyphs: Glyphs) -> [(text: String, isHeading: Bool)] {
        let heading = TooSmallScreen.wrap(glyphs.text("Gaussian classes on a line, centred on the logits' values"), width: width)
        let caption = TooSmallScreen.wrap(glyphs.text(gaussianPanel(lesson).caption), width: width)
        return heading.map { ($0, true) } + caption.map { ($0, false) }
    }

    /// The posterior of one-dimensional Gaussian classes centred on the logits' values,
    /// for a point at the selected class's centre: a softmax of −(x−µ)² at T = 2σ².
    static func gaussianPanel(_ lesson: LessonState) -> Panel {
        let means = lesson.instrument.logits
        let selected = min(max(0, lesson.instrument.selected), max(0, means.count - 1))
        let x = means.isEmpty ? 0 : means[selected]
        let scores = gaussianClassScores(point: x, means: means)
        let t = (try? Temperature(lesson.knob.gaussianTemperature)) ?? .one
        // −(x−µ)² leaves the doubles once |x−µ| passes 1.3e154: written from its log ("-1.00e+600"),
        // never as -inf, and its class keeps its (tiny) weight.
        let overflowed = Set(scores.indices.filter { scores[$0] == -.infinity && (x - means[$0]).isFinite })
        var texts = LogitText.column(scores)
        for i in overflowed {
            texts[i] = "-" + NumberFormat.scientific(fromLog: 2 * LogDomain.ln(abs(x - means[i])), digits: 3)
        }
        return Panel(caption: "σ = \(number(lesson.knob.standardDeviation)), x = µ of the selected class: "
                        + "the softmax of −(x−µ)² at \(TemperatureText.equation(t)).",
                     values: scores, temperature: t, valueTexts: texts, overflowed: overflowed)
    }

    static func renderGaussian(_ lesson: LessonState, caption: [(text: String, isHeading: Bool)], in area: Rect, barWidth: Int, into grid: inout Grid,
                               options: ScreenOptions) {
        let panel = gaussianPanel(lesson)
        for (i, line) in caption.enumerated() {
            grid.write(line.text, x: area.x + 2, y: area.y + i, style: line.isHeading ? options.theme.dim : options.theme.emphasis,
                       limit: area.width - 2)
        }
        let top = area.y + caption.count
        BarChart(labels: lesson.instrument.labels, probabilities: panel.shares,
                 values: panel.valueTexts, selected: lesson.instrument.selected)
            .render(in: Rect(x: area.x, y: top, width: barWidth, height: area.maxY - top), into: &grid, options: options)
    }

    /// "T/α = 0.707", or "T/α → ∞" at a limit. T/α is a ratio worked out here, mostly
    /// irrational, so three significant digits, as α and α/T are shown.
    static func ratioEquation(_ name: String, _ t: Temperature) -> String {
        t.isGreedy || t.isUniform ? "\(name) \(TemperatureText.value(t))" : "\(name) = \(number(t.value))"
    }

    /// Three significant digits, trailing zeros kept; ∞ and 0 for the limits of α/T.
    static func number(_ x: Double) -> String {
        if x == .infinity { return "∞" }
        return NumberFormat.significant(x, digits: 3).withTrailingZeros(significant: 3)
    }
}
