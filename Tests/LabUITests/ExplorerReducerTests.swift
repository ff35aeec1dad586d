import LabUI
import SoftmaxCore
import Testing

/// The reducer, one action at a time, each checked against the whole expected state.
@Suite struct ExplorerReducerTests {
    /// The default five logits at T = 1, seed 7, without animation.
    static func start(temperature: Temperature = .one) -> ExplorerState {
        ExplorerState(logits: [2, 1, 0.5, 0.1, -1], temperature: temperature, seed: 7, animates: false)
    }

    static func applying(_ actions: ExplorerAction..., to state: ExplorerState = start()) -> ExplorerState {
        var s = state
        for a in actions { s.apply(a) }
        return s
    }

    // MARK: Temperature

    @Test func oneStepUpIsTheNextRoundRung() throws {
        var expected = Self.start()
        expected.temperature = try Temperature(1.2)
        #expect(Self.applying(.temperatureRaised) == expected)
    }

    @Test func oneStepDown() throws {
        var expected = Self.start()
        expected.temperature = try Temperature(0.9)
        #expect(Self.applying(.temperatureLowered) == expected)
    }

    @Test func farStepIsFourRungs() throws {
        var expected = Self.start()
        expected.temperature = try Temperature(3)  // 1 → 1.2 → 1.5 → 2 → 3
        #expect(Self.applying(.temperatureRaisedFar) == expected)
        #expect(Self.applying(.temperatureLoweredFar).temperature.value == 0.6)  // 1 → 0.9 → 0.8 → 0.7 → 0.6
    }

    @Test func offLadderTemperatureStepsToTheNextRungEachWay() throws {
        let typed = Self.start(temperature: try Temperature(0.65))
        #expect(Self.applying(.temperatureRaised, to: typed).temperature.value == 0.7)
        #expect(Self.applying(.temperatureLowered, to: typed).temperature.value == 0.6)
        let tiny = Self.start(temperature: try Temperature(1e-300))
        #expect(Self.applying(.temperatureRaised, to: tiny).temperature.value == 0.05)
        #expect(Self.applying(.temperatureLowered, to: tiny).temperature == .greedy)
    }

    /// Every step moves: no two neighbours on the walk from T → 0 to T → ∞ are equal,
    /// every value between the limits is a rung, and the walk down retraces it.
    @Test func theDialHasNoDeadSteps() {
        var up: [Temperature] = [.greedy]
        while let last = up.last, !last.isUniform, up.count < 100 { up.append(TemperatureDial.moved(last, by: 1)) }
        #expect(up.count == TemperatureDial.ladder.count + 2)
        #expect(Array(up.dropFirst().dropLast()).map(\.value) == TemperatureDial.ladder)
        var down: [Temperature] = [.uniform]
        while let last = down.last, !last.isGreedy, down.count < 100 { down.append(TemperatureDial.moved(last, by: -1)) }
        #expect(down == up.reversed())
    }

    /// The T the header shows is the T the softmax uses: each rung's text reads back as exactly that double.
    @Test func everyRungReadsBackExactly() throws {
        for value in TemperatureDial.ladder {
            let text = TemperatureText.value(try Temperature(value))
            #expect(Double(text) == value, "\(text)")
        }
        #expect(TemperatureText.value(try Temperature(0.123456789)) == "0.123456789")
    }

    @Test func theEndsOfTheDialLeadToTheLimits() throws {
        let coldest = Self.start(temperature: try Temperature(0.05))
        #expect(Self.applying(.temperatureLowered, to: coldest).temperature == .greedy)
        #expect(Self.applying(.temperatureRaised, to: Self.start(temperature: .greedy)).temperature.value == 0.05)
        let hottest = Self.start(temperature: try Temperature(20))
        #expect(Self.applying(.temperatureRaised, to: hottest).temperature == .uniform)
        #expect(Self.applying(.temperatureLowered, to: Self.start(temperature: .uniform)).temperature.value == 20)
        #expect(Self.applying(.temperatureLowered, to: Self.start(temperature: .greedy)).temperature == .greedy)
        #expect(Self.applying(.temperatureRaised, to: Self.start(temperature: .uniform)).temperature == .uniform)
    }

    @Test func snapsToTheLimitsAndOne() throws {
        let warm = Self.start(temperature: try Temperature(3))
        #expect(Self.applying(.greedyChosen, to: warm).temperature == .greedy)
        #expect(Self.applying(.uniformChosen, to: warm).temperature == .uniform)
        #expect(Self.applying(.unitTemperatureChosen, to: warm) == Self.start())
    }

    @Test func changingTheDistributionClearsTheDraws() {
        let drawn = Self.applying(.drawRequested, .manyDrawsRequested)
        // The single draw counts too: draws add up.
        #expect(drawn.histogram.total == 1001)
        #expect(drawn.lastDraw != nil)
        for change in [ExplorerAction.temperatureRaised, .logitRaised, .classAdded, .classRemoved, .drawsCleared] {
            let after = Self.applying(change, to: drawn)
            #expect(after.histogram.total == 0, "after \(change)")
            #expect(after.lastDraw == nil, "after \(change)")
        }
        // Selecting another class changes nothing that was drawn from.
        #expect(Self.applying(.nextClassSelected, to: drawn).histogram == drawn.histogram)
    }

    // MARK: Logits

    @Test func tenStepsOfATenthAddExactlyOne() {
        var s = Self.start()
        for _ in 0..<10 { s.apply(.logitRaised) }
        var expected = Self.start()
        expected.logits[0] = 3
        #expect(s == expected)
    }

    @Test func selectionWrapsAround() {
        var expected = Self.start()
        expected.selected = 4
        #expect(Self.applying(.previousClassSelected) == expected)
        expected.selected = 0
        #expect(Self.applying(.previousClassSelected, .nextClassSelected) == expected)
    }

    @Test func farLogitStep() {
        var expected = Self.start()
        expected.selected = 1
        expected.logits[1] = 0
        #expect(Self.applying(.nextClassSelected, .logitLoweredFar) == expected)
    }

    @Test func typedValueReplacesTheLogit() {
        var s = Self.start()
        s.apply(.editStarted)
        for c in "-2.5e1" { s.apply(.editTyped(c)) }
        s.apply(.editCommitted)
        var expected = Self.start()
        expected.logits[0] = -25
        #expect(s == expected)
    }

    @Test(arguments: ["abc", "1e999", "nan", "-", "inf", "1,5", "0x10"])
    func badTypedValueIsRefusedAndTheOldValueKept(_ text: String) {
        var s = Self.start()
        s.apply(.editStarted)
        for c in text { s.apply(.editTyped(c)) }
        s.apply(.editCommitted)
        #expect(s.logits == Self.start().logits)
        #expect(s.editor?.text == text)
        #expect(s.editor?.refusal?.contains("A stays 2.00") == true)
    }

    @Test func emptyValueIsRefused() {
        let s = Self.applying(.editStarted, .editCommitted)
        #expect(s.logits == Self.start().logits)
        #expect(s.editor?.refusal != nil)
    }

    @Test func longPasteStopsAtTheLimit() {
        var s = Self.start()
        s.apply(.editStarted)
        for _ in 0..<500 { s.apply(.editTyped("1")) }
        #expect(s.editor?.text.count == NumberParsing.maximumLength)
        #expect(s.editor?.refusal != nil)
    }

    @Test func cancellingKeepsTheOldValue() {
        #expect(Self.applying(.editStarted, .editTyped("9"), .editCancelled) == Self.start())
    }

    @Test func addingAndRemovingClassesStaysWithinLimits() {
        var s = Self.start()
        for _ in 0..<20 { s.apply(.classAdded) }
        #expect(s.classCount == ExplorerState.maximumClassCount)
        #expect(s.labels == ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"])
        #expect(s.notice?.kind == .refusal)
        for _ in 0..<20 { s.apply(.classRemoved) }
        #expect(s.classCount == ExplorerState.minimumClassCount)
        #expect(s.notice?.kind == .refusal)
        #expect(s.histogram.counts.count == s.classCount)
    }

    // MARK: Drawing

    @Test func oneDrawWithSeedSeven() {
        let s = Self.applying(.drawRequested)
        // u from an independent Python implementation of SplitMix64 seeding,
        // xoshiro256** and (x >> 11) * 2^-53. With p = softmax(2, 1, 0.5, 0.1, -1) the
        // cumulative sums are 0.5585, 0.7640, ...: u = 0.7006 falls in B.
        #expect(s.lastDraw == Draw(u: 0.7005764821796896, index: 1))
        var expected = Self.start()
        expected.lastDraw = Draw(u: 0.7005764821796896, index: 1)
        expected.histogram.record(1)
        _ = expected.generator.next()
        #expect(s == expected)
    }

    @Test func theDrawAnimationLastsHalfASecond() {
        var s = ExplorerState(seed: 7, animates: true)
        s.apply(.drawRequested)
        #expect(s.drop?.progress == 0)
        // Frame-sized ticks: a single tick longer than 0.1 s is capped (see aLongPause…).
        for _ in 0..<5 { s.apply(.animationTicked(seconds: 0.05)) }
        #expect(abs((s.drop?.progress ?? 0) - 0.5) < 1e-12)
        for _ in 0..<5 { s.apply(.animationTicked(seconds: 0.05)) }
        #expect(s.drop == nil)
        #expect(!s.isAnimating)
    }

    @Test func theBatchGrowsWithTheSquareOfTime() {
        var s = ExplorerState(seed: 7, animates: true)
        s.apply(.manyDrawsRequested)
        for _ in 0..<10 { s.apply(.animationTicked(seconds: 0.1)) }
        // After 1 s of 2: (1/2)^2 of 1000.
        #expect(s.histogram.total == 250)
        for _ in 0..<10 { s.apply(.animationTicked(seconds: 0.1)) }
        #expect(s.histogram.total == 1000)
        #expect(!s.isAnimating)
    }

    @Test func resultsDoNotDependOnWatchingTheAnimation() {
        var watched = ExplorerState(seed: 11, animates: true)
        watched.apply(.manyDrawsRequested)
        for _ in 0..<300 { watched.apply(.animationTicked(seconds: 1.0 / 60)) }
        let skipped = Self.applying(.manyDrawsRequested, to: ExplorerState(seed: 11, animates: false))
        #expect(watched.histogram == skipped.histogram)
        #expect(watched.generator == skipped.generator)
    }

    @Test func anotherBatchDuringABatchAddsAThousandMore() {
        var s = ExplorerState(seed: 7, animates: true)
        s.apply(.manyDrawsRequested)
        s.apply(.animationTicked(seconds: 0.1))
        s.apply(.manyDrawsRequested)
        for _ in 0..<40 { s.apply(.animationTicked(seconds: 0.1)) }
        #expect(s.histogram.total == 2000)
    }

    @Test func aLongPauseDoesNotSkipTheAnimation() {
        var s = ExplorerState(seed: 7, animates: true)
        s.apply(.drawRequested)
        s.apply(.animationTicked(seconds: 30))
        #expect(s.drop != nil)
    }

    // MARK: Typing T

    static func typingTemperature(_ text: String, from state: ExplorerState = start()) -> ExplorerState {
        var s = state
        s.apply(.temperatureEditStarted)
        for c in text { s.apply(.editTyped(c)) }
        s.apply(.editCommitted)
        return s
    }

    @Test func typedTemperatureIsExact() throws {
        #expect(Self.typingTemperature("0.7").temperature == (try Temperature(0.7)))
        #expect(Self.typingTemperature("0").temperature == .greedy)
        #expect(Self.typingTemperature("inf").temperature == .uniform)
        #expect(Self.typingTemperature("1e-300").temperature.value == 1e-300)
        #expect(Self.typingTemperature("0.7").editor == nil)
    }

    @Test func aRefusedTemperatureKeepsTheOldOneAndSaysWhy() {
        for text in ["-1", "nan", "abc", ""] {
            let s = Self.typingTemperature(text)
            #expect(s.temperature == .one, "\(text)")
            #expect(s.editor?.refusal?.contains("T = 1.00 is kept") == true, "\(text): \(String(describing: s.editor?.refusal))")
        }
    }

    // MARK: Quitting

    @Test func quitFromAnywhere() {
        #expect(Self.applying(.quitRequested).quitRequested)
        #expect(Self.applying(.editStarted, .quitRequested).quitRequested)
        #expect(Self.applying(.temperatureEditStarted, .quitRequested).quitRequested)
    }
}
