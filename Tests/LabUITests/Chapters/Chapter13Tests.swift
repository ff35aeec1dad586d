import Experiments
import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// The distillation chapter, trained once per test process: every student the views
/// show at T = 1 and α = 0. The teacher is scipy's fit of the same objective
/// (ExperimentsTests/Reference/distillation_reference.json), whose test probabilities
/// the Swift teacher matches to 1e-9 (LogisticRegressionTests), so the screens are the
/// app's; training it in Swift here would take ten seconds of a debug build.
/// `Chapter13WorkTests` check that the chapter trains its teacher through chapter 12's work.
enum DistillationFixture {
    static let index = 12

    static func opened(temperature: Temperature = .one) -> LabState {
        LabState(mode: .lesson, lesson: LessonState(
            chapterIndex: index, instrument: ExplorerState(logits: [2, 1, 0.5, 0.1, -1], temperature: temperature, seed: 7,
                                                           animates: false)))
    }

    /// The teacher's weights and intercepts as scipy fitted them.
    struct ReferenceTeacher: Decodable {
        struct Teacher: Decodable { let parameters: [Double] }
        let teacher: Teacher
    }

    static let teacher: LogisticRegressionModel = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../ExperimentsTests/Reference/distillation_reference.json").standardized
        let parameters = try! JSONDecoder().decode(ReferenceTeacher.self, from: Data(contentsOf: url)).teacher.parameters
        // The intercepts' common shift changes no probability and is not penalised, so
        // scipy leaves it anywhere; the Swift trainer keeps the last intercept at 0.
        // Shifted to match, the logits are the app's too.
        let intercepts = Array(parameters.suffix(10))
        return LogisticRegressionModel(featureCount: 64, classCount: 10, weights: Array(parameters.prefix(640)),
                                       intercepts: intercepts.map { $0 - intercepts[9] })
    }()

    /// The chapter opened with its experiment started on `teacher`.
    static func started(temperature: Temperature = .one) -> LabState {
        var state = opened(temperature: temperature)
        let dataset = try! DigitsDataset.load()
        state.lesson.distillation.work.start(dataset: dataset, split: DatasetSplit(count: dataset.count), teacher: teacher)
        return state
    }

    static let trained: LabState = {
        var state = started()
        state.lesson.finishWork()
        return state
    }()

    /// The trained chapter at another view, digit, α or T; new students are trained here.
    static func state(page: Int = 0, temperature: Temperature = .one, confusable: Int = 0, alphaIndex: Int = 0) -> LabState {
        var state = trained
        state.lesson.distillation.page = page
        state.lesson.distillation.confusable = confusable
        state.lesson.distillation.chooseHardWeight(alphaIndex)
        state.explorer.apply(.temperatureSet(temperature))
        state.lesson.finishWork()
        return state
    }

    static func screen(_ state: LabState, _ w: Int = 80, _ h: Int = 24, ascii: Bool = false, big: Bool = false) -> String {
        LabScreen.render(state, width: w, height: h, options: ScreenOptions(unicode: !ascii, color: false, big: big)).text
    }

    /// The screen's lines trimmed and joined by spaces, so wrapped text reads as written.
    static func flowed(_ screen: String) -> String {
        screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    static var experiment: DistillationExperiment { trained.lesson.distillation.work.experiment! }
}

@Suite struct Chapter13GoldenTests {
    @Test(arguments: [0, 1, 2, 3])
    func viewsAtBothSizes(_ page: Int) {
        let state = DistillationFixture.state(page: page)
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(DistillationFixture.screen(state, w, h), named: "chapter-13-view\(page + 1)-\(w)x\(h)")
        }
    }

    @Test func raisedTemperatureAsciiAndBig() throws {
        let four = try Temperature(4)
        for page in 0..<DistillationSettings.pageCount {
            GoldenFile.assertMatches(DistillationFixture.screen(DistillationFixture.state(page: page, temperature: four)),
                                     named: "chapter-13-view\(page + 1)-T4-80x24")
        }
        GoldenFile.assertMatches(DistillationFixture.screen(DistillationFixture.state(temperature: four), ascii: true),
                                 named: "chapter-13-view1-T4-80x24-ascii")
        GoldenFile.assertMatches(DistillationFixture.screen(DistillationFixture.state(page: 1), ascii: true),
                                 named: "chapter-13-view2-80x24-ascii")
        GoldenFile.assertMatches(DistillationFixture.screen(DistillationFixture.state(page: 1, temperature: four), 120, 40,
                                                            big: true), named: "chapter-13-view2-T4-big-120x40")
        GoldenFile.assertMatches(DistillationFixture.screen(DistillationFixture.state(page: 1, alphaIndex: 1)),
                                 named: "chapter-13-view2-alpha0.5-80x24")
    }

    @Test func limitsOfTheDial() {
        for (t, name) in [(Temperature.greedy, "T0"), (.uniform, "Tinf")] {
            GoldenFile.assertMatches(DistillationFixture.screen(DistillationFixture.state(page: 0, temperature: t)),
                                     named: "chapter-13-view1-\(name)-80x24")
            GoldenFile.assertMatches(DistillationFixture.screen(DistillationFixture.state(page: 3, temperature: t)),
                                     named: "chapter-13-view4-\(name)-80x24")
        }
    }

    @Test func openingAndMissingData() {
        GoldenFile.assertMatches(DistillationFixture.screen(DistillationFixture.opened()), named: "chapter-13-opening-80x24")
        var missing = DistillationFixture.opened()
        missing.lesson.calibration.work = CalibrationWork(loader: { () throws(DigitsDatasetError) in
            throw .notFound(searched: ["/nowhere/assets/digits.csv.gz"])
        })
        missing.lesson.finishWork()
        GoldenFile.assertMatches(DistillationFixture.screen(missing), named: "chapter-13-missing-data-80x24")
    }
}

/// What the reference script measured, to check the screens' numbers against.
struct DistillationReferenceFigures: Decodable {
    struct Teacher: Decodable {
        let testAccuracy: Double
        let confusableTestRows: [Int]
    }

    struct Student: Decodable {
        let name: String
        let testAccuracy: Double
    }

    struct GradientSize: Decodable {
        let soft: Double
        let scaledSoft: Double
        let hard: Double
    }

    struct GradientSizes: Decodable { let untrained: [GradientSize] }

    let teacher: Teacher
    let students: [Student]
    let gradientSizes: GradientSizes

    static func load() throws -> DistillationReferenceFigures {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../ExperimentsTests/Reference/distillation_reference.json").standardized
        return try JSONDecoder().decode(DistillationReferenceFigures.self, from: Data(contentsOf: url))
    }

    func accuracy(_ name: String) throws -> Double { try #require(students.first { $0.name == name }).testAccuracy }
}

@Suite struct Chapter13FigureTests {
    /// The accuracies on the curves are those of scipy's students on the same targets
    /// (each recipe the reference trained), though the chapter warm-starts each student
    /// from its neighbour.
    @Test func accuraciesAreScipysStudents() throws {
        let reference = try DistillationReferenceFigures.load()
        let students = DistillationFixture.trained.lesson.distillation.work.students
        let four = try Temperature(4), twenty = try Temperature(20)
        let cases: [(StudentRecipe, String)] = [
            (.hardLabels(labelledCount: nil), "hard"), (.hardLabels(labelledCount: 30), "hard30"),
            (.softTargets(temperature: .one, hardWeight: 0), "soft_T1"), (.softTargets(temperature: four, hardWeight: 0), "soft_T4"),
            (.softTargets(temperature: twenty, hardWeight: 0), "soft_T20"),
            (.softTargets(temperature: .uniform, hardWeight: 0), "soft_Tinf"),
            (.fewLabels(temperature: four, labelledCount: 30), "few30_T4"),
        ]
        for (recipe, name) in cases {
            let student = try #require(students[recipe], "\(name)")
            #expect(student.progress.status == .converged)
            #expect(student.testAccuracy == (try reference.accuracy(name)), "\(name)")
        }
        let screen = DistillationFixture.screen(DistillationFixture.state(page: 1))
        let values = try #require(screen.split(separator: "\n").first { $0.contains("86.9") && $0.contains("80.6") })
        for name in ["soft_T1", "soft_T4", "soft_T20", "soft_Tinf"] {
            #expect(values.contains(String(format: "%.1f", try reference.accuracy(name) * 100)))
        }
        let text = DistillationFixture.flowed(screen)
        #expect(text.contains("on the 1078 hard labels it is right on \(DistillationFixture.percent(try reference.accuracy("hard")))"))
        #expect(text.contains("hard labels \(DistillationFixture.percent(try reference.accuracy("hard")))"))
        let few = DistillationFixture.flowed(DistillationFixture.screen(DistillationFixture.state(page: 2)))
        #expect(few.contains("right on \(DistillationFixture.percent(try reference.accuracy("hard30"))) of the test digits"))
    }

    /// The digit shown first is numpy's most confusable test digit (the smallest gap
    /// between the teacher's two largest logits); ↓ and ↑ walk the same order.
    @Test func theConfusablePickerWalksNumpysOrder() throws {
        let reference = try DistillationReferenceFigures.load()
        let experiment = DistillationFixture.experiment
        let rows = reference.teacher.confusableTestRows
        #expect(experiment.teacherTestAccuracy == reference.teacher.testAccuracy)
        var state = DistillationFixture.state()
        for (place, row) in rows.prefix(4).enumerated() {
            let text = DistillationFixture.flowed(DistillationFixture.screen(state))
            #expect(text.contains("Test digit \(row + 1) of 360 is a \(experiment.testLabels[row])"), "\(place): \(text)")
            state.handle(.down)
        }
        state.handle(.up)
        state.handle(.up)
        state.handle(.up)
        state.handle(.up)
        state.handle(.up)  // before the first: the least confusable, at the end
        let last = try #require(experiment.confusableTestDigits.last)
        #expect(DistillationFixture.flowed(DistillationFixture.screen(state)).contains("Test digit \(last + 1) of 360"))
    }

    /// The teacher's columns are the softmax of its logits at T = 1 and at the dial's T,
    /// in the order of the logits, which is the same at both.
    @Test func theTeacherTableIsTheSoftmaxAtBothTemperatures() throws {
        let four = try Temperature(4)
        let state = DistillationFixture.state(temperature: four)
        let experiment = DistillationFixture.experiment
        let row = experiment.confusableTestDigits[0]
        let logits = experiment.teacherTestLogits(row: row)
        let atOne = PercentText.column(SoftmaxReadout(logits: logits))
        let atFour = PercentText.column(SoftmaxReadout(logits: logits, temperature: four))
        let lines = DistillationFixture.screen(state).split(separator: "\n").map(String.init)
        let ranking = logits.indices.sorted { logits[$0] > logits[$1] }
        // A row of the table: the class at column 15, after the half-block digit, then its logit.
        let isRow = { (line: String, k: Int) in
            line.dropFirst(15).hasPrefix("\(k) ") && line.contains(String(format: "%.2f", logits[k]))
        }
        for k in ranking {
            let line = try #require(lines.first { isRow($0, k) }, "class \(k)")
            #expect(line.contains(atOne[k]) && line.hasSuffix(atFour[k]), "\(line)")
        }
        let order = lines.compactMap { line in ranking.first { isRow(line, $0) } }
        #expect(order == ranking)
        // The top two at T = 4 are the text's first wrong answers.
        let text = DistillationFixture.flowed(DistillationFixture.screen(state))
        let label = experiment.testLabels[row]
        let wrong = ranking.filter { $0 != label }
        #expect(text.contains("come up in order, \(wrong[0]) \(atFour[wrong[0]]), \(wrong[1]) \(atFour[wrong[1]])"), "\(text)")
    }

    /// Every test digit's text leaves room at 80×24 for the whole table and the picker,
    /// at a raised T, where it is longest (it lists the wrong answers).
    @Test func everyDigitFitsAt80x24() throws {
        for t in [try Temperature(12.5)] {
            var state = DistillationFixture.state(temperature: t)
            for place in 0..<DistillationFixture.experiment.confusableTestDigits.count {
                state.lesson.distillation.confusable = place
                let lines = DistillationFixture.screen(state).split(separator: "\n", omittingEmptySubsequences: false)
                #expect(lines.contains { $0.contains("most confusable (↑↓):") }, "T = \(t), digit \(place)")
                #expect(lines.filter { $0.contains("%") && $0.contains("  ") }.count >= 10)
            }
        }
    }

    /// The T² table: the soft pull without T² falls like 1/T², with T² it levels off at
    /// the logit-matching pull; each number as numpy computed it.
    @Test func theTemperatureSquaredTableIsNumpys() throws {
        let reference = try DistillationReferenceFigures.load()
        let sizes = reference.gradientSizes.untrained  // T = 0.5, 1, 4, 20, 1000, ∞
        let screen = DistillationFixture.screen(DistillationFixture.state(page: 3))
        let lines = screen.split(separator: "\n").map(String.init)
        for (index, label) in [(1, "1.00"), (2, "4.00"), (3, "20.0"), (5, "∞")] {
            let row = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) || $0.contains(" \(label) ") })
            let expected = sizes[index]
            #expect(row.contains(String(format: "%.3f", expected.scaledSoft)), "\(row)")
            if label != "∞" { #expect(row.contains(String(format: "%.3g", expected.soft)), "\(row)") }
            #expect(row.contains(String(format: "%.2f", expected.scaledSoft / expected.hard)), "\(row)")
        }
        let text = DistillationFixture.flowed(screen)
        #expect(text.contains(String(format: "|p − onehot(y)| = %.3f", sizes[1].hard)))
        #expect(text.contains(String(format: "levels off at %.3f", sizes[5].scaledSoft)))
        #expect(sizes[3].soft < sizes[1].soft / 40)  // T = 20 against T = 1: far below
    }

    /// A student at the dial's T joins the curve, as a column of its own.
    @Test func theDialsTemperatureGetsAStudent() throws {
        let five = try Temperature(5)
        let state = DistillationFixture.state(page: 1, temperature: five)
        let student = try #require(state.lesson.distillation.work.students[.softTargets(temperature: five, hardWeight: 0)])
        var cold = DistillationFixture.experiment.trainer(.softTargets(temperature: five, hardWeight: 0))
        cold.train()
        #expect(DistillationFixture.experiment.testAccuracy(cold.model) == student.testAccuracy)
        let screen = DistillationFixture.screen(state)
        #expect(DistillationFixture.flowed(screen).contains("At the dial's T = 5.00: \(DistillationFixture.percent(student.testAccuracy))."))
        #expect(screen.contains("▶5"))
        // Below T = 0.5 and at T → 0 there is none, and the text says why.
        #expect(DistillationFixture.flowed(DistillationFixture.screen(DistillationFixture.state(page: 1, temperature: try Temperature(0.2))))
            .contains("Below T = 0.5"))
        #expect(DistillationFixture.flowed(DistillationFixture.screen(DistillationFixture.state(page: 1, temperature: .greedy)))
            .contains("At T → 0 the T²-scaled soft loss vanishes"))
    }
}

@Suite struct Chapter13WorkTests {
    /// The first 150 digits, so that the teacher trains in a moment of a debug build.
    static let smallDigits: @Sendable () throws(DigitsDatasetError) -> DigitsDataset = { () throws(DigitsDatasetError) in
        let full = try DigitsDataset.load()
        let rows = (0..<150).map { row in
            (full.pixels[(row * 64)..<((row + 1) * 64)].map { "\($0)" } + ["\(full.labels[row])"]).joined(separator: ",")
        }
        return try DigitsDataset.parse(csv: Array(rows.joined(separator: "\n").utf8))
    }

    /// The teacher is chapter 12's model at C = 1e4, trained by chapter 12's own work
    /// (which then has it too, and trains nothing else), a part of a Newton iteration a step.
    @Test func theTeacherIsTrainedByTheCalibrationChaptersWork() throws {
        var state = DistillationFixture.opened()
        state.lesson.calibration.work = CalibrationWork(loader: Self.smallDigits)
        #expect(state.lesson.isWorking)
        #expect(DistillationFixture.screen(state).contains("the teacher: loading the digits"))
        state.lesson.stepWork()
        #expect(state.lesson.calibration.work.data != nil)
        state.lesson.stepWork()
        #expect(DistillationFixture.screen(state).contains("the teacher: training C = 1e4: Newton step 0"))
        var steps = 0
        while state.lesson.distillation.work.experiment == nil && steps < 1000 {
            let before = state.lesson.calibration.work.training?.trainer.progress
            state.lesson.stepWork()
            if let before, let after = state.lesson.calibration.work.training?.trainer.progress {
                #expect(after.iterations + after.factorizations <= before.iterations + before.factorizations + 1)
            }
            steps += 1
        }
        let experiment = try #require(state.lesson.distillation.work.experiment)
        let entry = try #require(state.lesson.calibration.work.path?.entries.first { $0.inverseRegularization == 1e4 })
        #expect(experiment.teacher == entry.model)
        #expect(entry.progress.status == .converged)
        #expect(state.lesson.calibration.work.models.keys.sorted() == [1e4])
        #expect(experiment.transferLabels.count == 90 && experiment.testLabels.count == 30)
        // Then a student, a Newton iteration a step.
        state.lesson.stepWork()
        let first = try #require(state.lesson.distillation.work.training)
        #expect(first.recipe == .hardLabels(labelledCount: nil) && first.trainer.progress.iterations == 0)
        state.lesson.stepWork()
        #expect(state.lesson.distillation.work.training?.trainer.progress.iterations == 1)
        #expect(DistillationFixture.screen(state).contains("training student 1/22, all labels: Newton step 1"))
    }

    /// Keys act between steps: T turns, and the student at the new T comes first; α
    /// retargets the curve, and a half-trained student no longer wanted is dropped; one
    /// still wanted is finished first.
    @Test func keysRetargetTheTraining() throws {
        var state = DistillationFixture.started()
        state.lesson.stepWork()
        state.lesson.stepWork()
        state.handle(.right)
        #expect(state.explorer.temperature == (try Temperature(1.2)))
        let plan = state.lesson.distillation.plan(dial: state.explorer.temperature)
        #expect(Array(plan.prefix(2)) == [.hardLabels(labelledCount: nil),
                                          .softTargets(temperature: try Temperature(1.2), hardWeight: 0)])
        #expect(plan.count == 24)
        state.handle(.character("."))
        #expect(state.lesson.distillation.hardWeight == 0.5)
        #expect(DistillationFixture.screen(state).contains("2/4") == false)
        state.handle(.character("n"))
        #expect(DistillationFixture.screen(state).contains("2/4 · The student against T · α = 0.5"))
        while state.lesson.distillation.work.students[.hardLabels(labelledCount: nil)] == nil { state.lesson.stepWork() }
        state.lesson.stepWork()
        #expect(state.lesson.distillation.work.training?.recipe == .softTargets(temperature: try Temperature(1.2), hardWeight: 0.5))
        #expect(DistillationFixture.screen(state).contains("soft targets at T = 1.20, α = 0.5"))
        state.handle(.character(","))
        state.lesson.stepWork()
        #expect(state.lesson.distillation.work.training?.recipe == .softTargets(temperature: try Temperature(1.2), hardWeight: 0))
        // The thirty-label view puts its own students first, once the student under way is done.
        state.handle(.character("n"))
        #expect(state.lesson.distillation.plan(dial: state.explorer.temperature).first == .hardLabels(labelledCount: 30))
        let underWay = try #require(state.lesson.distillation.work.training?.trainer.progress.iterations)
        state.lesson.stepWork()
        #expect(state.lesson.distillation.work.training?.recipe == .softTargets(temperature: try Temperature(1.2), hardWeight: 0))
        #expect(state.lesson.distillation.work.training?.trainer.progress.iterations == underWay + 1)
        while state.lesson.distillation.work.students[.softTargets(temperature: try Temperature(1.2), hardWeight: 0)] == nil {
            state.lesson.stepWork()
        }
        state.lesson.stepWork()
        #expect(state.lesson.distillation.work.training?.recipe == .hardLabels(labelledCount: 30))
    }

    /// The work runs only in the lesson, on this chapter; the backend ticks it like an animation.
    @Test func workRunsOnlyWhileTheChapterIsOpen() {
        var model = LabModel(state: DistillationFixture.started(), options: ScreenOptions())
        #expect(model.isAnimating)
        model.state.handle(.tab)  // the explorer, where no chapter works
        #expect(!model.isAnimating)
        model.tick(seconds: 0.02)
        #expect(model.state.lesson.distillation.work.training == nil)
        model.state.handle(.tab)
        model.tick(seconds: 0.02)
        #expect(model.state.lesson.distillation.work.training != nil)
    }

    /// Without the data the chapter says so on one line, and the keys still work.
    @Test func missingDataIsOneLineAndTheRestWorks() {
        var state = DistillationFixture.opened()
        state.lesson.calibration.work = CalibrationWork(loader: { () throws(DigitsDatasetError) in
            throw .notFound(searched: ["/nowhere/assets/digits.csv.gz"])
        })
        state.lesson.stepWork()
        #expect(!state.lesson.isWorking)
        let text = DistillationFixture.flowed(DistillationFixture.screen(state))
        #expect(text.contains("digits dataset not found: looked for digits.csv.gz in /nowhere/assets/digits.csv.gz"), "\(text)")
        state.handle(.right)
        state.handle(.character("n"))
        #expect(state.explorer.temperature == (try! Temperature(1.2)))
        #expect(state.lesson.distillation.page == 1)
    }

    /// Everything the chapter trains converges, in few iterations once warm-started.
    @Test func everyStudentConverges() {
        let students = DistillationFixture.trained.lesson.distillation.work.students
        #expect(students.count == 22)
        for (recipe, student) in students {
            #expect(student.progress.status == .converged, "\(recipe)")
            #expect(student.progress.gradientNorm <= 1e-6)
        }
    }
}
