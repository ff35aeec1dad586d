import Experiments
import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// The calibration chapter, trained once per test process: every rung of the L2 slider
/// and the default rung's curves (about 20 s in a debug build, well under 2 s in release).
enum CalibrationFixture {
    static let index = 11

    static func opened(temperature: Temperature = .one) -> LabState {
        LabState(mode: .lesson, lesson: LessonState(
            chapterIndex: index, instrument: ExplorerState(logits: [2, 1, 0.5, 0.1, -1], temperature: temperature, seed: 7,
                                                           animates: false)))
    }

    static let trained: LabState = {
        var state = opened()
        state.lesson.finishWork()
        return state
    }()

    /// The trained chapter at another view, rung or T; a new rung's curves are computed here.
    static func state(page: Int = 0, rung: Int? = nil, temperature: Temperature = .one, digit: Int? = nil) -> LabState {
        var state = trained
        state.lesson.calibration.page = page
        if let rung { state.lesson.calibration.chooseRung(rung) }
        state.lesson.calibration.digit = digit
        state.explorer.apply(.temperatureSet(temperature))
        state.lesson.finishWork()
        return state
    }

    static func screen(_ state: LabState, _ w: Int = 80, _ h: Int = 24, ascii: Bool = false, big: Bool = false) -> String {
        LabScreen.render(state, width: w, height: h, options: ScreenOptions(unicode: !ascii, color: false, big: big)).text
    }

    /// The digits, split and problem as ExperimentsTests build them, apart from the chapter.
    struct Reference {
        let dataset: DigitsDataset
        let split: DatasetSplit

        /// Labelled logits of `rows` from the model the chapter trained at C.
        func logits(at c: Double, rows: [Int]) throws -> LabeledLogits {
            let entry = try #require(CalibrationFixture.trained.lesson.calibration.work.path?.entries
                .first { $0.inverseRegularization == c })
            return try LabeledLogits(logits: entry.model.logits(for: dataset.features(rows: rows)),
                                     classCount: DigitsDataset.classCount, labels: dataset.labels(rows: rows))
        }
    }

    static func reference() throws -> Reference {
        let dataset = try DigitsDataset.load()
        return Reference(dataset: dataset, split: DatasetSplit(count: dataset.count))
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    /// The screen's lines trimmed and joined by spaces, so wrapped text reads as written.
    static func flowed(_ screen: String) -> String {
        screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}

@Suite struct Chapter12GoldenTests {
    @Test(arguments: [0, 1, 2])
    func viewsAtBothSizes(_ page: Int) {
        let state = CalibrationFixture.state(page: page)
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(CalibrationFixture.screen(state, w, h), named: "chapter-12-view\(page + 1)-\(w)x\(h)")
        }
        GoldenFile.assertMatches(CalibrationFixture.screen(state, 80, 24, ascii: true),
                                 named: "chapter-12-view\(page + 1)-80x24-ascii")
    }

    @Test func bigStrongL2AndTurnedDial() {
        GoldenFile.assertMatches(CalibrationFixture.screen(CalibrationFixture.state(), 120, 40, big: true),
                                 named: "chapter-12-view1-big-120x40")
        GoldenFile.assertMatches(CalibrationFixture.screen(CalibrationFixture.state(rung: 0)),
                                 named: "chapter-12-view1-C0.01-80x24")
        GoldenFile.assertMatches(CalibrationFixture.screen(CalibrationFixture.state(page: 1, rung: 0)),
                                 named: "chapter-12-view2-C0.01-80x24")
        GoldenFile.assertMatches(CalibrationFixture.screen(CalibrationFixture.state(temperature: try! Temperature(2))),
                                 named: "chapter-12-view1-T2-80x24")
    }

    @Test func openingAndMissingData() {
        GoldenFile.assertMatches(CalibrationFixture.screen(CalibrationFixture.opened()), named: "chapter-12-opening-80x24")
        var missing = CalibrationFixture.opened()
        missing.lesson.calibration.work = CalibrationWork(loader: { () throws(DigitsDatasetError) in
            throw .notFound(searched: ["/nowhere/assets/digits.csv.gz"])
        })
        missing.lesson.finishWork()
        GoldenFile.assertMatches(CalibrationFixture.screen(missing), named: "chapter-12-missing-data-80x24")
    }
}

@Suite struct Chapter12FigureTests {
    /// The metrics under the diagrams are CalibrationReport's on the model's own test
    /// logits, recomputed here from the dataset, at T = 1, at the dial's T and at T*.
    @Test(arguments: [1.0, 0.5, 2.0])
    func metricsAreTheReportsOnTheTestLogits(_ t: Double) throws {
        let reference = try CalibrationFixture.reference()
        let test = try reference.logits(at: 1e4, rows: reference.split.test)
        let dial = try Temperature(t)
        let state = CalibrationFixture.state(temperature: dial)
        let figures = try #require(CalibrationFigures(state.lesson))
        let expected = CalibrationReport(test, temperature: dial)
        #expect(figures.atDial == expected)
        let text = CalibrationFixture.screen(state)
        #expect(text.contains("ECE \(CalibrationFixture.percent(expected.expectedCalibrationError))  "
            + "NLL \(String(format: "%.3f", expected.meanNLL))  acc \(CalibrationFixture.percent(expected.accuracy))"), "\(text)")
        let fitted = try #require(TemperatureFit.fit(try reference.logits(at: 1e4, rows: reference.split.validation)).temperature)
        #expect(figures.fitted?.value == fitted)
        let after = CalibrationReport(test, temperature: try Temperature(fitted))
        #expect(text.contains("ECE \(CalibrationFixture.percent(after.expectedCalibrationError))  NLL \(String(format: "%.3f", after.meanNLL))"))
    }

    /// T* on the ladder, as Experiments measured it (fit on the validation split): it
    /// crosses 1 between C = 10 and C = 100, rising with C.
    @Test func theLadderShowsTStarRisingWithC() throws {
        let reference = try CalibrationFixture.reference()
        let screen = CalibrationFixture.screen(CalibrationFixture.state(page: 1))
        let row = try #require(screen.split(separator: "\n").first { $0.contains("T*") && $0.contains("0.174") })
        var fitted: [Double] = []
        for c in RegularizationLadder.values {
            let t = try #require(TemperatureFit.fit(try reference.logits(at: c, rows: reference.split.validation)).temperature)
            fitted.append(t)
            #expect(row.contains(String(format: "%.3g", t)), "C = \(c): \(row)")
        }
        #expect(fitted == fitted.sorted())
        #expect(String(format: "%.3g", fitted[0]) == "0.174" && String(format: "%.3g", fitted[2]) == "0.529")
        #expect(String(format: "%.3g", fitted[4]) == "1.19" && String(format: "%.3g", fitted[6]) == "2.24")
        #expect(fitted[3] < 1 && fitted[4] > 1)
        #expect(screen.contains("sharpen") && screen.contains("soften"))
        #expect(CalibrationFixture.screen(CalibrationFixture.state(rung: 0)).contains("The model's underconfidence"))
        #expect(CalibrationFixture.screen(CalibrationFixture.state(rung: 6)).contains("The model's overconfidence"))
    }

    /// The accuracy line reads the same at every T, from T → 0 to T → ∞, while the ECE moves.
    @Test func accuracyIsTheSameAtEveryTemperature() throws {
        let atOne = try #require(CalibrationFigures(CalibrationFixture.state().lesson))
        let accuracy = "(\(CalibrationFixture.percent(atOne.atOne.accuracy))) at every T"
        var eces: Set<Double> = []
        for t in [Temperature.greedy, try Temperature(0.1), .one, try Temperature(7), .uniform] {
            let state = CalibrationFixture.state(temperature: t)
            let figures = try #require(CalibrationFigures(state.lesson))
            #expect(figures.atDial.accuracy == atOne.atOne.accuracy)
            #expect(CalibrationFixture.flowed(CalibrationFixture.screen(state)).contains(accuracy))
            eces.insert(figures.atDial.expectedCalibrationError)
        }
        #expect(eces.count == 5)
        #expect(CalibrationFixture.flowed(CalibrationFixture.screen(CalibrationFixture.state()))
            .contains("dividing the logits by T > 0 keeps each argmax"))
    }

    /// Turning T moves the dial's diagram and leaves the one at T* where it was.
    @Test func turningTMovesTheDiagram() {
        let one = CalibrationFixture.screen(CalibrationFixture.state()).split(separator: "\n")
        let two = CalibrationFixture.screen(CalibrationFixture.state(temperature: try! Temperature(2))).split(separator: "\n")
        let chartRows = 9..<18
        #expect(chartRows.contains { one[$0].prefix(38) != two[$0].prefix(38) })
        #expect(chartRows.allSatisfy { one[$0].dropFirst(38) == two[$0].dropFirst(38) })
    }

    /// The digit shown first is the test digit whose wrong answer has the highest confidence at T = 1.
    @Test func theFirstDigitIsTheMostConfidentMistake() throws {
        let reference = try CalibrationFixture.reference()
        let test = try reference.logits(at: 1e4, rows: reference.split.test)
        let report = CalibrationReport(test)
        let wrong = report.correct.indices.filter { !report.correct[$0] }
        let worst = try #require(wrong.max { report.confidences[$0] < report.confidences[$1] })
        let text = CalibrationFixture.flowed(CalibrationFixture.screen(CalibrationFixture.state(page: 2)))
        #expect(text.contains("Test digit \(worst + 1) of 360 is a \(test.labels[worst])"), "\(text)")
        #expect(text.contains("the model says \(test.predictedClass(worst))"))
        #expect(text.contains("most confident mistake"))
        let next = CalibrationFixture.flowed(CalibrationFixture.screen(KeyWalk.pressing([.down], from: CalibrationFixture.state(page: 2))))
        let following = (worst + 1) % 360
        #expect(next.contains("Test digit \(following + 1) of 360 is a \(test.labels[following])"))
    }
}

@Suite struct Chapter12WorkTests {
    /// Opening the chapter does nothing at once: the work is steps, each at most a third
    /// of a Newton iteration, and a key pressed between two steps acts at once.
    @Test func trainingIsStepsThatKeysInterleave() throws {
        var state = CalibrationFixture.opened()
        #expect(state.lesson.isWorking)
        #expect(CalibrationFixture.screen(state).contains("loading the digits"))
        state.lesson.stepWork()
        #expect(state.lesson.calibration.work.data != nil)
        state.lesson.stepWork()
        #expect(state.lesson.calibration.work.training?.trainer.progress.iterations == 0)
        // A part of an iteration a step: the Hessian, its factor, then the step that uses it.
        var previous = try #require(state.lesson.calibration.work.training?.trainer.progress)
        while previous.iterations < 3 {
            state.lesson.stepWork()
            let now = try #require(state.lesson.calibration.work.training?.trainer.progress)
            #expect(now.iterations + now.factorizations <= previous.iterations + previous.factorizations + 1)
            previous = now
        }
        let progress = try #require(state.lesson.calibration.work.training?.trainer.progress)
        #expect(CalibrationFixture.screen(state).contains(
            "training C = 1e4: Newton step 3, gradient \(String(format: "%.1e", progress.gradientNorm))"))
        // A key acts between steps: T turns, and moving C retargets the training.
        state.handle(.right)
        #expect(state.explorer.temperature == (try Temperature(1.2)))
        state.handle(.character(","))
        #expect(state.lesson.calibration.work.nextStep(target: 1e3) == .startTraining(1e3))
        state.lesson.stepWork()
        #expect(state.lesson.calibration.work.training?.trainer.inverseRegularization == 1e3)
        #expect(CalibrationFixture.screen(state).contains("training C = 1e3: Newton step 0"))
    }

    /// The model's lab runs only in the lesson, on this chapter; the backend ticks it like an animation.
    @Test func workRunsOnlyWhileTheChapterIsOpen() {
        var model = LabModel(state: CalibrationFixture.opened(), options: ScreenOptions())
        #expect(model.isAnimating)
        model.state.handle(.character("["))
        #expect(!model.isAnimating)
        model.tick(seconds: 0.02)
        #expect(model.state.lesson.calibration.work.data == nil)
    }

    /// The frame after a key paints the key's effect before the next step of work; the
    /// tick after that takes it.
    @Test func theFrameAfterAKeyTakesNoStep() {
        var model = LabModel(state: CalibrationFixture.opened(), options: ScreenOptions())
        model.handle(.right)
        model.tick(seconds: 0.01)
        #expect(model.state.lesson.calibration.work.data == nil && model.isAnimating)
        model.tick(seconds: 0.02)
        #expect(model.state.lesson.calibration.work.data != nil)
    }

    /// Without the data the chapter says so on one line, and the keys still work.
    @Test func missingDataIsOneLineAndTheRestWorks() {
        var state = CalibrationFixture.opened()
        state.lesson.calibration.work = CalibrationWork(loader: { () throws(DigitsDatasetError) in
            throw .notFound(searched: ["/nowhere/assets/digits.csv.gz"])
        })
        state.lesson.stepWork()
        #expect(!state.lesson.isWorking)
        let text = CalibrationFixture.flowed(CalibrationFixture.screen(state))
        #expect(text.contains("digits dataset not found: looked for digits.csv.gz in /nowhere/assets/digits.csv.gz"), "\(text)")
        state.handle(.right)
        state.handle(.character("n"))
        #expect(state.explorer.temperature == (try! Temperature(1.2)))
        #expect(state.lesson.calibration.page == 1)
    }

    /// A click on a rung of the ladder moves C there, as , and . do.
    @Test func aClickOnTheLadderMovesC() throws {
        var model = LabModel(state: CalibrationFixture.state(page: 1), options: ScreenOptions(unicode: true, color: false))
        let grid = model.render(width: 80, height: 24)
        let target = try #require(grid.targets.first { $0.kind == .regularizationRung(2) })
        model.handle(.mouse(MouseEvent(kind: .press, x: target.area.x + 3, y: target.area.y, screenWidth: 80, screenHeight: 24)))
        #expect(model.state.lesson.calibration.inverseRegularization == 1)
        #expect(model.state.lesson.isWorking)  // the curves of C = 1 are still to do
    }

    @Test func fittedTemperatureKeySetsTheDialToTStar() throws {
        let state = KeyWalk.pressing([.character("f")], from: CalibrationFixture.state())
        let fitted = try #require(CalibrationFixture.trained.lesson.calibration.work.models[1e4]?.fit.temperature)
        #expect(state.explorer.temperature.value == Double(String(format: "%.3g", fitted)))
        #expect(state.explorer.temperature.value == 2.24)
    }
}
