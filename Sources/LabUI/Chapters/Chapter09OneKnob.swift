import SoftmaxCore

/// What this chapter remembers between keys: the scale on the logits, as steps of a
/// factor √2 so that every value the keys reach is exact and halving or doubling takes
/// two presses.
public struct KnobSettings: Hashable, Sendable {
    public static let stepRange = -6...6
    /// α = 2^(alphaStep / 2): from 1/8 to 8.
    public var alphaStep = 0

    public init() {}

    public var logitScale: Double { Self.powerOfRootTwo(alphaStep) }

    /// √2^k, exactly 2^(k/2) for even k.
    static func powerOfRootTwo(_ k: Int) -> Double {
        let whole = Double(sign: .plus, exponent: k >= 0 ? k / 2 : -((-k + 1) / 2), significand: 1)
        return k % 2 == 0 ? whole : whole * 2.0.squareRoot()
    }
}

extension Chapters {
    /// Teaches that a scale on the logits and the temperature are one knob: only α/T
    /// reaches the softmax, so logits of a smaller scale (as L2 regularisation tends to
    /// leave them) run hotter. Noisy data is heat too; the clusters chapter shows it with
    /// Gaussian classes, whose posterior is a softmax at T = 2σ².
    static let oneKnob = ChapterDefinition(
        title: "One knob, many names",
        name: "knob",
        bindings: [
            ChapterDefinition.binding("alphaLowered", [.character(",")], "α smaller", hint: ", . α") {
                OneKnob.step(&$0.knob.alphaStep, by: -1)
            },
            ChapterDefinition.binding("alphaRaised", [.character(".")], "α larger") { OneKnob.step(&$0.knob.alphaStep, by: 1) },
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

        init(caption: String, values: [Double], temperature: Temperature) {
            self.caption = caption
            self.values = values
            self.temperature = temperature
            valueTexts = LogitText.column(values)
            probabilities = softmax(values, temperature: temperature)
        }

        /// The shares the bars are drawn with, from the panel's readout, so a class whose
        /// p underflowed reads "<0.1%" and a top share below 1 ">99.9%".
        var shares: [Double] { ChartShares.of(SoftmaxReadout(logits: values, temperature: temperature)) }
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
        let ratio = logitScaleOverTemperature(logitScale: alpha, temperature: t)
        let effective = effectiveTemperature(logitScale: alpha, temperature: t)
        let heat = alpha < 1 ? "hotter than the dial" : (alpha > 1 ? "colder than the dial" : "the dial's own T")
        return [
            "The softmax of αz/T sees only α/T. Left: α = \(number(alpha)) at \(TemperatureText.equation(t)); "
                + "right: α = \(number(2 * alpha)) at \(TemperatureText.equation(doubled(t))); both have "
                + "α/T = \(number(ratio)), so the same bars. L2 regularisation tends to shrink the logits' scale, "
                + "not uniformly; a smaller α is a higher T: the left bars are the plain logits at "
                + "\(ratioEquation("T/α", effective)), \(heat).",
            "Noisy data is heat too: for Gaussian classes with one shared σ, the posterior is a softmax at T = 2σ². "
                + "\(clustersChapterReference) plots them and lets you move a point among them.",
        ]
    }

    /// "Chapter 17 (clusters)", numbered as the lesson stands.
    static var clustersChapterReference: String {
        Chapters.index(named: "clusters").map { "Chapter \($0 + 1) (clusters)" } ?? "The clusters chapter"
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
        let fitsThree = area.width >= 3 * minimumPanelWidth + 4
        let panels = panels(lesson, includingPlain: fitsThree)
        let gap = 2
        let width = (area.width - gap * (panels.count - 1)) / panels.count
        let selected = lesson.instrument.selected
        for (i, panel) in panels.enumerated() {
            let x = area.x + i * (width + gap)
            grid.write(panel.caption, x: x + 2, y: area.y, style: options.theme.emphasis, limit: width - 2)
            BarChart(labels: lesson.instrument.labels, probabilities: panel.shares,
                     values: panel.valueTexts, selected: selected)
                .render(in: Rect(x: x, y: area.y + 1, width: width, height: area.height - 1), into: &grid, options: options)
        }
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
