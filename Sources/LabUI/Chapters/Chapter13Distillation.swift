import Experiments
import SoftmaxCore

/// What the distillation chapter remembers between keys: the view, the confusable test
/// digit shown, α, and the work (the experiment and the students trained so far).
public struct DistillationSettings: Hashable, Sendable {
    public static let pageCount = 4
    /// 0: the teacher's dark knowledge, 1: the student against T, 2: thirty labels, 3: why T².
    public var page = 0
    /// The digit shown: its place among the test digits from the most confusable (0) on.
    public var confusable = 0
    /// Into `DistillationTemperatures.hardWeights`.
    public private(set) var hardWeightIndex = 0
    public var work = DistillationWork()

    public init() {}

    /// α: the weight of the hard labels' cross-entropy beside the soft targets.
    public var hardWeight: Double { DistillationTemperatures.hardWeights[hardWeightIndex] }

    public mutating func chooseHardWeight(_ index: Int) {
        hardWeightIndex = min(max(0, index), DistillationTemperatures.hardWeights.count - 1)
    }

    /// The students the views want, the open view's first, each once: the hard-label
    /// student, the one at the dial's T, then the rest of the curve; for all labels and
    /// for thirty.
    func plan(dial: Temperature) -> [StudentRecipe] {
        let curve = DistillationTemperatures.curve
        let temperatures = DistillationTemperatures.canTrain(at: dial) ? [dial] + curve.filter { $0 != dial } : curve
        let all = [StudentRecipe.hardLabels(labelledCount: nil)]
            + temperatures.map { .softTargets(temperature: $0, hardWeight: hardWeight) }
        let few = [StudentRecipe.hardLabels(labelledCount: DistillationExperiment.fewLabelCount)]
            + temperatures.map { .fewLabels(temperature: $0, labelledCount: DistillationExperiment.fewLabelCount) }
        return page == 2 ? few + all : all + few
    }
}

extension Chapters {
    /// Knowledge distillation on real digits: the calibration chapter's model is the
    /// teacher; its probabilities at a raised T, which rank its wrong answers, train a
    /// student that sees only 16 pooled pixels, with the loss T²·KL (plus α times the
    /// labels' cross-entropy). The student's test accuracy against T beside the same
    /// student trained on hard labels, the same with only thirty labels, and the T²
    /// factor in numbers. Every student trains a Newton iteration per frame.
    static let distillation = ChapterDefinition(
        title: "Distillation: soft targets",
        name: "distillation",
        bindings: ChapterDefinition.pageBindings(
            ids: ("distillationViewNext", "distillationViewPrevious"), summaries: ("next view", "previous view"),
            hint: "n p view", count: DistillationSettings.pageCount, page: \.distillation.page) + [
            ChapterDefinition.binding("confusableNext", [.down, .character("j")], "the next most confusable digit",
                                      hint: "↑↓ digit") {
                $0.distillation.page = 0
                $0.distillation.confusable += 1
            },
            ChapterDefinition.binding("confusablePrevious", [.up, .character("k")], "the previous, more confusable digit") {
                $0.distillation.page = 0
                $0.distillation.confusable -= 1
            },
            ChapterDefinition.binding("hardWeightLowered", [.character(",")], "α smaller: less weight on the labels",
                                      hint: ", . α") {
                $0.distillation.chooseHardWeight($0.distillation.hardWeightIndex - 1)
            },
            ChapterDefinition.binding("hardWeightRaised", [.character(".")], "α larger: more weight on the labels") {
                $0.distillation.chooseHardWeight($0.distillation.hardWeightIndex + 1)
            },
        ],
        featured: ["temperatureRaised", "temperatureEditStarted"],
        work: ChapterWork(isPending: DistillationChapter.isPending, step: DistillationChapter.step),
        render: { lesson, area, grid, options in
            DistillationChapter.render(lesson, in: area, into: &grid, options: options)
        }
    )
}

/// The chapter's work, its text and the dispatch to its four views.
enum DistillationChapter {
    /// The teacher: the calibration chapter's model at its opening C (weak L2), the
    /// one whose overconfidence that chapter shows first.
    static let teacherC = RegularizationLadder.values[RegularizationLadder.defaultIndex]

    static func plan(_ lesson: LessonState) -> [StudentRecipe] {
        lesson.distillation.plan(dial: lesson.instrument.temperature)
    }

    /// The calibration chapter's trained model at `teacherC`, if it has one.
    static func teacher(_ work: CalibrationWork) -> LogisticRegressionModel? {
        work.path?.entries.first { $0.inverseRegularization == teacherC }?.model
    }

    @Sendable static func isPending(_ lesson: LessonState) -> Bool {
        guard lesson.distillation.work.experiment != nil else { return lesson.calibration.work.failure == nil }
        return lesson.distillation.work.isPending(plan(lesson))
    }

    /// The teacher is trained by the calibration chapter's own work, so the two
    /// chapters share it (whichever is opened first trains it); then the students.
    @Sendable static func step(_ lesson: inout LessonState) {
        guard lesson.distillation.work.experiment != nil else {
            if let teacher = teacher(lesson.calibration.work), let data = lesson.calibration.work.data {
                lesson.distillation.work.start(dataset: data.dataset, split: data.split, teacher: teacher)
            } else {
                lesson.calibration.work.step(target: teacherC)
            }
            return
        }
        lesson.distillation.work.step(plan(lesson))
    }

    static func page(_ lesson: LessonState) -> Int {
        min(max(0, lesson.distillation.page), DistillationSettings.pageCount - 1)
    }

    static let headings = ["The teacher's dark knowledge", "The student against T", "Thirty labels",
                           "Why the soft loss is multiplied by T²"]

    static func heading(_ lesson: LessonState) -> String {
        var text = "\(page(lesson) + 1)/\(DistillationSettings.pageCount) · \(headings[page(lesson)])"
        if page(lesson) == 1 { text += " · α = \(alphaText(lesson.distillation.hardWeight))" }
        return text
    }

    static func alphaText(_ alpha: Double) -> String { NumberFormat.significant(alpha, digits: 3) }

    static func render(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        grid.write(heading(lesson), x: area.x, y: area.y, style: options.theme.emphasis, limit: area.width)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2)
        if let failure = lesson.calibration.work.failure {
            _ = writeChapterText(["Without the digits this chapter has nothing to show; the other chapters and the "
                + "explorer work as before. " + failure + "."], in: body, into: &grid, options: options)
            return
        }
        // The last row says what is being worked on, so a frame that waits is never a mystery.
        if let line = progressLine(lesson) {
            grid.write(options.glyphs.text(line), x: area.x, y: area.maxY - 1, style: options.theme.dim, limit: area.width)
        }
        guard let experiment = lesson.distillation.work.experiment else {
            _ = writeChapterText([waitingText], in: body, into: &grid, options: options)
            return
        }
        let figures = DistillationFigures(lesson, experiment)
        switch page(lesson) {
        case 0: DistillationViews.renderTeacher(figures, text: teacherText(figures), in: body, into: &grid, options: options)
        case 1: DistillationViews.renderStudent(figures, text: studentText(figures), in: body, into: &grid, options: options)
        case 2: DistillationViews.renderFewLabels(figures, text: fewLabelText(figures), in: body, into: &grid, options: options)
        default: DistillationViews.renderTemperatureSquared(figures, text: temperatureSquaredText(figures), in: body,
                                                            into: &grid, options: options)
        }
    }

    static let waitingText = "The teacher is chapter 12's logistic regression on the 64 pixels of the UCI digits, "
        + "at C = \(RegularizationLadder.text(teacherC)). It is being trained, one Newton step a frame, so the keys "
        + "keep working: turn T, change the view, or leave the chapter. Chapter 12 shares it once it is trained."

    static func progressLine(_ lesson: LessonState) -> String? {
        let work = lesson.distillation.work
        guard work.experiment != nil else {
            return lesson.calibration.work.progressLine(target: teacherC).map { "the teacher: " + $0 }
        }
        return work.progressLine(plan(lesson))
    }

    // MARK: What each view says

    static func percent(_ x: Double) -> String { NumberFormat.percent(x, decimals: 1) }

    static func teacherText(_ f: DistillationFigures) -> [String] {
        let row = f.testRow, e = f.experiment
        let label = e.testLabels[row]
        let ranking = e.teacherRanking(testRow: row)
        let top = ranking[0]
        var text = "Test digit \(row + 1) of \(e.testLabels.count) is a \(label). The teacher, chapter 12's model "
            + "(\(percent(e.teacherTestAccuracy)) right on the test digits), says \(top) with "
            + "\(ChartShares.percent(f.atOne.probabilities[top])) at T = 1\(top == label ? "" : ": wrong"). "
        if f.dial.isGreedy {
            text += "At T → 0 the top class takes everything and the wrong ones vanish."
        } else if f.dial.isUniform {
            text += "At T → ∞ every class has 10% and their order is gone."
        } else if f.dial.value <= 1 {
            text += "Raise T (→) and its wrong answers come up in order: the dark knowledge a student can learn."
        } else {
            let shares = PercentText.column(f.atDial)
            let wrong = ranking.filter { $0 != label }.prefix(3)
            text += "At \(TemperatureText.equation(f.dial)) its wrong answers come up in order, "
                + wrong.map { "\($0) \(shares[$0])" }.joined(separator: ", ") + ": the dark knowledge a student can learn."
        }
        return [text]
    }

    static func studentText(_ f: DistillationFigures) -> [String] {
        let e = f.experiment
        let alpha = f.hardWeight
        var text = "The student sees 16 pixels, each the mean of a 2×2 block, in a logistic regression (C = "
            + "\(NumberFormat.significant(DistillationExperiment.studentInverseRegularization, digits: 3))). "
        if let hard = f.student(.hardLabels(labelledCount: nil)) {
            text += "Trained on the \(e.transferLabels.count) hard labels it is right on \(percent(hard.testAccuracy)) "
                + "of the test digits (the line). "
        }
        text += "Trained on the teacher's soft targets with T²·KL"
            + (alpha == 0 ? " alone" : " + \(alphaText(alpha))·CE on the labels") + ", against T:"
        let curve = DistillationTemperatures.curve.compactMap { t in
            f.student(.softTargets(temperature: t, hardWeight: alpha)).map { (t, $0.testAccuracy) }
        }
        if curve.count == DistillationTemperatures.curve.count, let best = curve.max(by: { $0.1 < $1.1 }),
           let limit = curve.last {
            text += " best \(percent(best.1)) at \(TemperatureText.equation(best.0)); \(percent(limit.1)) at T → ∞, "
                + "where it matches the teacher's logits."
        }
        return [text + dialSentence(f, .softTargets(temperature: f.dial, hardWeight: alpha))]
    }

    static func fewLabelText(_ f: DistillationFigures) -> [String] {
        let count = DistillationExperiment.fewLabelCount
        let e = f.experiment
        var text = "Keep only the first \(count) labels (every digit is among them). "
        if let few = f.student(.hardLabels(labelledCount: count)) {
            text += "The student trained on them is right on \(percent(few.testAccuracy)) of the test digits. "
        }
        text += "Add the teacher's soft targets at T on the other \(e.transferLabels.count - count), unlabelled"
        let curve = DistillationTemperatures.curve.compactMap { f.student(.fewLabels(temperature: $0, labelledCount: count)) }
        if curve.count == DistillationTemperatures.curve.count {
            let accuracies = curve.map(\.testAccuracy)
            text += ": \(percent(accuracies.min()!)) to \(percent(accuracies.max()!)) across T."
        } else {
            text += "."
        }
        return [text + dialSentence(f, .fewLabels(temperature: f.dial, labelledCount: count))]
    }

    /// " At the dial's T = 5.00: 87.5%." once that student is trained; why there is none at T → 0 or below 0.5.
    static func dialSentence(_ f: DistillationFigures, _ recipe: StudentRecipe) -> String {
        if f.dial.isGreedy { return " At T → 0 the T²-scaled soft loss vanishes: there is no student to train." }
        guard DistillationTemperatures.canTrain(at: f.dial) else {
            return " Below T = 0.5 the soft targets are all but the teacher's argmax: turn T up."
        }
        guard let student = f.student(recipe) else { return "" }
        return " At the dial's \(TemperatureText.equation(f.dial)): \(percent(student.testAccuracy))."
    }

    static func temperatureSquaredText(_ f: DistillationFigures) -> [String] {
        let three = { (x: Double) in NumberFormat.fixed(x, decimals: 3) }
        let one = f.atStart(.one), twenty = f.atStart(DistillationTemperatures.twenty), limit = f.atStart(.uniform)
        var text = "Each term of the loss pulls on the student's logits with its gradient. At the start (all weights 0, "
            + "every class 10% at any T) the hard term's pull is |p − onehot(y)| = \(three(one.hard)) at every T; the soft "
            + "term's, |p_T − q_T|/T, shrinks like 1/T²: \(three(one.soft)) at T = 1, \(three(twenty.soft)) at T = 20. "
            + "Times T² it levels off at \(three(limit.scaledSoft)), the pull of matching logits, so the soft targets "
            + "keep their weight against the labels at every T."
        if f.dial.isGreedy {
            text += " At T → 0 the soft loss vanishes: turn T up."
        } else if !f.dial.isUniform {
            let sizes = f.atStart(f.dial)
            text += " At \(TemperatureText.equation(f.dial)): \(NumberFormat.significant(sizes.soft, digits: 3)) × "
                + "\(NumberFormat.significant(f.dial.value * f.dial.value, digits: 3)) = \(three(sizes.scaledSoft))."
        }
        return [text]
    }
}

/// The numbers the views show, every one from Experiments' tested code.
struct DistillationFigures {
    let experiment: DistillationExperiment
    let work: DistillationWork
    let dial: Temperature
    let hardWeight: Double
    /// The test digit shown (its row in the test set).
    let testRow: Int
    /// Its place among the confusable digits, wrapped into range.
    let confusable: Int
    let atOne: SoftmaxReadout
    let atDial: SoftmaxReadout

    init(_ lesson: LessonState, _ experiment: DistillationExperiment) {
        self.experiment = experiment
        work = lesson.distillation.work
        dial = lesson.instrument.temperature
        hardWeight = lesson.distillation.hardWeight
        let order = experiment.confusableTestDigits
        confusable = ((lesson.distillation.confusable % order.count) + order.count) % order.count
        testRow = order[confusable]
        let logits = experiment.teacherTestLogits(row: testRow)
        atOne = SoftmaxReadout(logits: logits)
        atDial = SoftmaxReadout(logits: logits, temperature: dial)
    }

    func student(_ recipe: StudentRecipe) -> TrainedStudent? { work.students[recipe] }

    /// The gradient sizes at the untrained student: kept by the work for the T the
    /// views always show, computed here for another (a pass over the transfer set).
    func atStart(_ t: Temperature) -> LossGradientSizes { work.gradientSizes[t] ?? experiment.gradientSizes(at: t) }
}
