import Experiments
import SoftmaxCore

/// What the calibration chapter remembers between keys: the view, the rung of the L2
/// slider, the test digit shown, and the work (the data and the models trained so far).
public struct CalibrationSettings: Hashable, Sendable {
    public static let pageCount = 3
    /// 0: the reliability diagrams, 1: the L2 slider and the curves against T, 2: a test digit.
    public var page = 0
    /// Into `RegularizationLadder.values`.
    public private(set) var rung = RegularizationLadder.defaultIndex
    /// The test example shown (its row in the test set), or nil for the most confident mistake.
    public var digit: Int?
    public var work = CalibrationWork()

    public init() {}

    public var inverseRegularization: Double { RegularizationLadder.values[RegularizationLadder.clamped(rung)] }

    /// Moves C to a rung (a key or a click); the work retargets on its next step.
    public mutating func chooseRung(_ index: Int) {
        rung = RegularizationLadder.clamped(index)
    }

    /// The test row shown: the one chosen, else the most confident mistake, else the first.
    func shownDigit(_ model: CalibratedModel?) -> Int {
        guard let model else { return max(0, digit ?? 0) }
        let row = digit ?? model.mostConfidentMistake ?? 0
        return ((row % model.test.count) + model.test.count) % model.test.count
    }

    /// Steps through the test digits, from the one shown.
    mutating func stepDigit(by steps: Int) {
        page = 2
        digit = shownDigit(work.models[inverseRegularization]) + steps
        if let model = work.models[inverseRegularization] { digit = shownDigit(model) }
    }
}

extension Chapters {
    /// Temperature scaling on a real model: a logistic regression trained on the UCI
    /// digits, its reliability diagram before and after T* (fitted on the validation
    /// split, judged on the test split), NLL and ECE against T, a test digit with its
    /// probabilities, and an L2 slider that retrains and shows T* crossing 1: strong L2
    /// gives an underconfident model that T* sharpens, weak L2 an overconfident one it
    /// softens. The training runs a Newton iteration per frame (see CalibrationWork).
    ///
    /// The explorer's logits play no part here, so the chapter looks the same whatever
    /// their number; its ten classes are the ten digits.
    static let calibration = ChapterDefinition(
        title: "Calibration on real digits",
        name: "calibration",
        bindings: ChapterDefinition.pageBindings(
            ids: ("calibrationViewNext", "calibrationViewPrevious"), summaries: ("next view", "previous view"),
            hint: "n p view", count: CalibrationSettings.pageCount, page: \.calibration.page) + [
            ChapterDefinition.binding("regularizationStrengthened", [.character(",")], "C smaller: stronger L2, retrain",
                                      hint: ", . C") {
                $0.calibration.chooseRung($0.calibration.rung - 1)
            },
            ChapterDefinition.binding("regularizationWeakened", [.character(".")], "C larger: weaker L2, retrain") {
                $0.calibration.chooseRung($0.calibration.rung + 1)
            },
            ChapterDefinition.binding("digitNext", [.down, .character("j")], "next test digit", hint: "↑↓ digit") {
                $0.calibration.stepDigit(by: 1)
            },
            ChapterDefinition.binding("digitPrevious", [.up, .character("k")], "previous test digit") {
                $0.calibration.stepDigit(by: -1)
            },
            ChapterDefinition.binding("mistakeShown", [.character("m")], "the most confident mistake", hint: "m mistake") {
                $0.calibration.page = 2
                $0.calibration.digit = nil
            },
            // T* to the three digits the screen shows, so the header reads as the text does;
            // the diagram at T* itself stays beside it.
            ChapterDefinition.binding("fittedTemperatureChosen", [.character("f")], "T = T*, to three digits",
                                      hint: "f T = T*") {
                if let t = CalibrationChapter.model($0)?.fit.temperature,
                   let rounded = Double(NumberFormat.significant(t, digits: 3)), let fitted = try? Temperature(rounded) {
                    $0.instrument.apply(.temperatureSet(fitted))
                }
            },
        ],
        featured: ["temperatureRaised", "temperatureEditStarted"],
        work: ChapterWork(
            isPending: { $0.calibration.work.isPending(target: $0.calibration.inverseRegularization) },
            step: { $0.calibration.work.step(target: $0.calibration.inverseRegularization) }),
        render: { lesson, area, grid, options in
            CalibrationChapter.render(lesson, in: area, into: &grid, options: options)
        }
    )
}

/// The numbers the chapter shows, every one from Experiments' tested code: the reports
/// at T = 1, at the dial's T and at T*, on the test logits of the slider's model.
struct CalibrationFigures {
    let inverseRegularization: Double
    let model: CalibratedModel
    let dial: Temperature
    let atOne: CalibrationReport
    let atDial: CalibrationReport
    /// T* as a temperature, when the fit found one.
    let fitted: Temperature?
    let atFitted: CalibrationReport?

    init?(_ lesson: LessonState) {
        guard let model = CalibrationChapter.model(lesson) else { return nil }
        inverseRegularization = model.inverseRegularization
        self.model = model
        dial = lesson.instrument.temperature
        atOne = CalibrationReport(model.test)
        atDial = CalibrationReport(model.test, temperature: dial)
        fitted = model.fit.temperature.flatMap { try? Temperature($0) }
        atFitted = fitted.map { CalibrationReport(model.test, temperature: $0) }
    }

    var correctCount: Int { atDial.correct.filter { $0 }.count }
}

/// The chapter's text and the dispatch to its three views.
enum CalibrationChapter {
    static func page(_ lesson: LessonState) -> Int {
        min(max(0, lesson.calibration.page), CalibrationSettings.pageCount - 1)
    }

    static func model(_ lesson: LessonState) -> CalibratedModel? {
        lesson.calibration.work.models[lesson.calibration.inverseRegularization]
    }

    static let headings = ["The model's overconfidence", "The L2 slider: L2 acts like heat", "Real test digits"]

    static func heading(_ lesson: LessonState) -> String {
        let c = lesson.calibration.inverseRegularization
        let strength = c >= 100 ? "weak L2" : c <= 0.1 ? "strong L2" : "L2"
        // Strong L2 leaves the model underconfident (T* < 1): the first view says so.
        let under = page(lesson) == 0 && (model(lesson)?.fit.temperature).map { $0 < 1 } == true
        let title = under ? "The model's underconfidence" : headings[page(lesson)]
        return "\(page(lesson) + 1)/\(CalibrationSettings.pageCount) · \(title) · "
            + "C = \(RegularizationLadder.text(c)) (\(strength))"
    }

    static func render(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        grid.write(heading(lesson), x: area.x, y: area.y, style: options.theme.emphasis, limit: area.width)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2)
        let work = lesson.calibration.work
        let target = lesson.calibration.inverseRegularization
        if let failure = work.failure {
            // One message, wrapped rather than cut: the reason names the file and the fix.
            _ = writeChapterText(["Without the digits this chapter has nothing to show; the other chapters and the "
                + "explorer work as before. " + failure + "."], in: body, into: &grid, options: options)
            return
        }
        // The last row says what is being worked on, so a frame that waits is never a mystery.
        if let line = work.progressLine(target: target) {
            grid.write(line, x: area.x, y: area.maxY - 1, style: options.theme.dim, limit: area.width)
        }
        guard let figures = CalibrationFigures(lesson) else {
            _ = writeChapterText([waitingText(lesson)], in: body, into: &grid, options: options)
            return
        }
        switch page(lesson) {
        case 0: CalibrationViews.renderDiagrams(lesson, figures, text: diagramText(figures), in: body, into: &grid, options: options)
        case 1: CalibrationViews.renderLadder(lesson, figures, text: ladderText(figures), in: body, into: &grid, options: options)
        default: CalibrationViews.renderDigit(lesson, figures, text: digitText(lesson, figures), in: body, into: &grid,
                                              options: options)
        }
    }

    static func waitingText(_ lesson: LessonState) -> String {
        "A logistic regression is being trained on \(lesson.calibration.work.data.map { "\($0.problem.exampleCount) of " } ?? "")"
            + "the UCI digits at C = "
            + "\(RegularizationLadder.text(lesson.calibration.inverseRegularization)), one Newton step a frame, so the keys "
            + "keep working: turn T, move C with , and ., or leave the chapter."
    }

    // MARK: Numbers as the text spells them

    static func percent(_ x: Double) -> String { NumberFormat.percent(x, decimals: 1) }

    /// A mean NLL to three decimals; ∞ at T → 0 when some prediction is wrong.
    static func nll(_ x: Double) -> String { x == .infinity ? "∞" : NumberFormat.fixed(x, decimals: 3) }

    /// T* to three significant digits, or what the fit found instead.
    static func fittedText(_ fit: TemperatureFit) -> String {
        switch fit {
        case .converged(let t, _, _): "T* = " + NumberFormat.significant(t, digits: 3).withTrailingZeros(significant: 3)
        case .sharpensWithoutLimit: "T* → 0"
        case .flattensWithoutLimit: "T* → ∞"
        case .notConverged: "no T* (the fit did not converge)"
        }
    }

    static func metrics(_ report: CalibrationReport) -> String {
        "ECE \(percent(report.expectedCalibrationError))  NLL \(nll(report.meanNLL))  accuracy \(percent(report.accuracy))"
    }

    // MARK: What each view says

    static func diagramText(_ f: CalibrationFigures) -> [String] {
        let n = f.model.test.count
        let over = f.atOne.overconfidence > 0
        var text = "Trained on \(f.model.trainingCount) digits, the model is right on \(f.correctCount) of \(n) test digits "
            + "(\(percent(f.atDial.accuracy))) at every T: dividing the logits by T > 0 keeps each argmax. "
            + "At T = 1 its mean confidence is \(over ? "above" : "below") its accuracy "
            + "(ECE \(percent(f.atOne.expectedCalibrationError))): \(over ? "overconfident" : "underconfident"). "
            + "\(fittedText(f.model.fit)), fitted on the \(f.model.validation.count) validation digits"
        if let fitted = f.fitted, let after = f.atFitted {
            text += ", \(fitted.value > 1 ? "softens" : "sharpens") it: ECE \(percent(after.expectedCalibrationError))."
        } else {
            text += "."
        }
        return [text]
    }

    static func ladderText(_ f: CalibrationFigures) -> [String] {
        ["Strong L2 (small C) keeps the weights, and so the logits, small: an underconfident model, T* < 1 sharpens it. "
            + "Weak L2 (large C) lets them grow: overconfident, T* > 1 softens it. Temperature scaling does not always "
            + "soften, and L2 acts like heat, as chapter 9 says. Here \(fittedText(f.model.fit)); the test accuracy, "
            + "\(percent(f.atDial.accuracy)), is the same at every T."]
    }

    static func digitText(_ lesson: LessonState, _ f: CalibrationFigures) -> [String] {
        let row = lesson.calibration.shownDigit(f.model)
        let label = f.model.test.labels[row]
        let predicted = f.model.test.predictedClass(row)
        let confidence = f.atDial.confidences[row]
        let verdict = predicted == label ? "right" : "wrong"
        var text = "Test digit \(row + 1) of \(f.model.test.count) is a \(label). At \(TemperatureText.equation(f.dial)) "
            + "the model says \(predicted) with \(ChartShares.percent(confidence, belowOne: !f.dial.isGreedy)) (\(verdict))"
        if row == f.model.mostConfidentMistake {
            text += ": its most confident mistake on the test set, at T = 1."
        } else {
            text += "; m shows its most confident mistake."
        }
        return [text + " Turning T changes the percentages, never the pick."]
    }
}
