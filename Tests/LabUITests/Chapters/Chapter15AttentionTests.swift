import Experiments
import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// The attention chapter: a robot's task as a query over its sensors' keys, the weights
/// at the dial's T, Σ w·v and the entropy, against closed forms worked out here.
@Suite struct Chapter15AttentionTests {
    static func lab(temperature: Temperature = .one) -> LabState {
        NamedChapterFixture.lab("attention", temperature: temperature)
    }

    static func pressing(_ keys: [Key], from state: LabState = lab()) -> LabState {
        NamedChapterFixture.pressing(keys, from: state)
    }

    static func screen(_ state: LabState, _ w: Int = 80, _ h: Int = 24, ascii: Bool = false, color: Bool = true,
                       big: Bool = false) -> String {
        NamedChapterFixture.render(state, w, h, ascii: ascii, color: color, big: big).text
    }

    /// The robot's attention by hand: q·k / √4, exp(s/T) over its sum, Σ w v, −Σ w ln w.
    static func byHand(task: Int, t: Double) -> (scores: [Double], weights: [Double], output: [Double], entropy: Double) {
        let robot = RobotAttention.example
        let q = robot.tasks[task].query
        let scores = robot.sensors.map { s in (q[0] * s.key[0] + q[1] * s.key[1] + q[2] * s.key[2] + q[3] * s.key[3]) / 2 }
        let e = scores.map { exp($0 / t) }
        let weights = e.map { $0 / e.reduce(0, +) }
        let output = (0..<3).map { j in zip(weights, robot.sensors).reduce(0) { $0 + $1.0 * $1.1.value[j] } }
        return (scores, weights, output, -weights.reduce(0) { $0 + $1 * log($1) })
    }

    @Test func snapshots() {
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(Self.screen(Self.lab(), w, h), named: "chapter-attention-default-\(w)x\(h)")
            // The third task at T → 0: the microphone alone.
            let hard = Self.pressing([.up, .character("0")])
            GoldenFile.assertMatches(Self.screen(hard, w, h), named: "chapter-attention-command-hard-\(w)x\(h)")
        }
        let hot = Self.lab(temperature: try! Temperature(5))
        GoldenFile.assertMatches(Self.screen(Self.pressing([.down], from: hot)), named: "chapter-attention-person-T5-80x24")
        GoldenFile.assertMatches(Self.screen(Self.lab(), ascii: true, color: false), named: "chapter-attention-default-80x24-ascii")
        GoldenFile.assertMatches(Self.screen(Self.lab(), 120, 40, big: true), named: "chapter-attention-big-120x40")
    }

    /// Every score, weight, output and entropy on the screen is the closed form's, for each
    /// task, at T = 0.5, 1 and 3 and at both limits.
    @Test(arguments: [0, 1, 2])
    func theNumbersOnScreenAreTheClosedForms(_ task: Int) throws {
        let robot = RobotAttention.example
        for t in [0.5, 1, 3] {
            var state = Self.lab(temperature: try Temperature(t))
            state.lesson.attention.task = task
            let expected = Self.byHand(task: task, t: t)
            let figures = AttentionChapter.Figures(state.lesson)
            #expect(zip(figures.dial.weights, expected.weights).allSatisfy { abs($0 - $1) < 1e-12 })
            #expect(zip(figures.dial.output, expected.output).allSatisfy { abs($0 - $1) < 1e-12 })
            #expect(abs(figures.dial.entropy - expected.entropy) < 1e-12)
            let lines = Self.screen(state).split(separator: "\n").map(String.init)
            for (i, sensor) in robot.sensors.enumerated() {
                let row = try #require(lines.first { $0.hasPrefix("    \(sensor.name) ") })
                #expect(row.contains(" \(NumberFormat.fixed(expected.scores[i], decimals: 2))  "), "\(row)")
                #expect(row.hasSuffix(" " + PercentText.of(expected.weights[i])), "\(row)")
            }
            let soft = try #require(lines.first { $0.contains("soft, T = ") })
            let outputs = expected.output.map { NumberFormat.fixed($0, decimals: 2) }.joined(separator: " ")
            #expect(soft.contains(outputs), "\(soft)")
            #expect(soft.contains("H = \(NumberFormat.fixed(expected.entropy, decimals: 3)) nats"), "\(soft)")
            #expect(soft.contains("e^H = \(NumberFormat.fixed(exp(expected.entropy), decimals: 2))"), "\(soft)")
        }
    }

    /// Hard attention reads the best sensor's value alone; uniform attention the mean of
    /// all seven, with entropy ln 7.
    @Test func theLimitsAreOnTheScreen() throws {
        let robot = RobotAttention.example
        let lines = Self.screen(Self.lab()).split(separator: "\n").map(String.init)
        let hard = try #require(lines.first { $0.contains("hard, T → 0") && $0.contains("H = ") })
        #expect(hard.contains("0.90 0.20 0.00") && hard.contains("H = 0.000 nats, e^H = 1.00"), "\(hard)")
        let mean = (0..<3).map { j in robot.sensors.reduce(0) { $0 + $1.value[j] } / 7 }
        let uniform = try #require(lines.first { $0.contains("uniform, T → ∞") })
        #expect(uniform.contains(mean.map { NumberFormat.fixed($0, decimals: 2) }.joined(separator: " ")), "\(uniform)")
        #expect(uniform.contains("H = \(NumberFormat.fixed(log(7), decimals: 3)) nats, e^H = 7.00"), "\(uniform)")
        // The dial at T → ∞: each of the seven weights reads 14.3%, none 14.2%.
        let flat = Self.screen(Self.pressing([.character("u")]))
        #expect(flat.components(separatedBy: "14.3%").count - 1 == 7 && !flat.contains("14.2%"), "\(flat)")
        // The dial at T → 0 for "respond to a command": the microphone takes every weight.
        let command = Self.screen(Self.pressing([.up, .character("0")]))
        let microphone = try #require(command.split(separator: "\n").first { $0.hasPrefix("    microphone") })
        #expect(microphone.hasSuffix(" 100%"))
        #expect(command.contains("dial, hard"))
    }

    @Test func keysChooseTheTaskAndTheRegime() {
        #expect(Self.pressing([.down]).lesson.attention.task == 1)
        #expect(Self.pressing([.character("j"), .character("j"), .character("j")]).lesson.attention.task == 0)
        #expect(Self.pressing([.up]).lesson.attention.task == 2)
        #expect(Self.pressing([.character("k")]).lesson.attention.task == 2)
        #expect(Self.pressing([.character("0")]).lesson.instrument.temperature == .greedy)
        #expect(Self.pressing([.character("u")]).lesson.instrument.temperature == .uniform)
        #expect(Self.pressing([.character("u"), .character("1")]).lesson.instrument.temperature == .one)
        // The explorer's T keys turn the τ of the attention.
        let hotter = Self.pressing([.right])
        #expect(hotter.lesson.instrument.temperature.value > 1)
        #expect(AttentionChapter.Figures(hotter.lesson).dial.entropy > AttentionChapter.Figures(Self.lab().lesson).dial.entropy)
    }

    /// The screen says the vectors are made by hand, at every size and in ASCII, with
    /// every word whole; all three outputs show at 80×24, whatever the task and T.
    @Test func illustrativeAndWholeAtEverySize() throws {
        for keys in [[Key](), [.down], [.up, .character("0")], [.character("u")]] {
            let state = Self.pressing(keys)
            for (w, h) in ChapterLayouts.sizes {
                for ascii in [false, true] {
                    let text = Self.screen(state, w, h, ascii: ascii, color: !ascii)
                    #expect(text.contains("Hand-made vectors, for illustration"))
                    #expect(text.contains(ascii ? "uniform, T -> inf" : "uniform, T → ∞"), "\(text)")
                    #expect(text.contains("query q"))
                    if ascii { WholeWords.expect(AttentionChapter.text(state.lesson), on: text, width: w) }
                }
            }
        }
    }

    /// Where the screen is wide, the weights of hard, dial and uniform attention stand side
    /// by side; at 80 columns the dial's alone.
    @Test func threeRegimesWhereTheyFit() {
        let wide = Self.screen(Self.lab(), 120, 40)
        #expect(wide.contains("hard, T → 0") && wide.contains("at T = 1.00") && wide.split(separator: "\n").contains {
            $0.hasPrefix("    lidar") && $0.contains("100%") && $0.contains("49.5%") && $0.hasSuffix("14.3%")
        })
        let narrow = Self.screen(Self.lab())
        #expect(narrow.split(separator: "\n").contains { $0.hasPrefix("    lidar") && $0.hasSuffix("49.5%") && !$0.contains("100%") })
    }
}
