import Experiments
import SoftmaxCore

/// What the attention chapter remembers between keys: which of the robot's tasks asks.
public struct AttentionSettings: Hashable, Sendable {
    /// Into `RobotAttention.example.tasks`.
    public var task = 0

    public init() {}

    /// The next (or previous) task, wrapping around.
    mutating func stepTask(by steps: Int) {
        let count = AttentionChapter.robot.tasks.count
        task = ((task + steps) % count + count) % count
    }
}

extension Chapters {
    /// Teaches that attention is a softmax with a temperature: a query scores every key
    /// by q·k/√d, the softmax of the scores at τ (the dial's T) weighs the values, and
    /// τ runs from hard attention (τ → 0, one key) to uniform attention (τ → ∞, the mean).
    /// The robot's vectors are hand-made (Experiments' `RobotAttention`), and the screen
    /// says so; every number on it is computed by Experiments' `Attention`.
    ///
    /// The explorer's logits play no part here: the scores are the logits.
    static let attention = ChapterDefinition(
        title: "Attention: a softmax over keys",
        name: "attention",
        bindings: [
            ChapterDefinition.binding("taskNext", [.down, .character("j")], "the next task: its query", hint: "↑↓ task") {
                $0.attention.stepTask(by: 1)
            },
            ChapterDefinition.binding("taskPrevious", [.up, .character("k")], "the previous task: its query") {
                $0.attention.stepTask(by: -1)
            },
            ChapterDefinition.binding("hardAttentionChosen", [.character("0")], "T → 0: hard attention, one key",
                                      hint: "0 hard") {
                $0.instrument.apply(.greedyChosen)
            },
            ChapterDefinition.binding("uniformAttentionChosen", [.character("u")], "T → ∞: uniform attention, the mean",
                                      hint: "u uniform") {
                $0.instrument.apply(.uniformChosen)
            },
        ],
        featured: ["temperatureRaised", "temperatureEditStarted"],
        render: { lesson, area, grid, options in
            AttentionChapter.render(lesson, in: area, into: &grid, options: options)
        }
    )
}

/// The pieces of the attention chapter, apart so the tests can read its numbers.
enum AttentionChapter {
    static let robot = RobotAttention.example

    static func task(_ lesson: LessonState) -> Int {
        min(max(0, lesson.attention.task), robot.tasks.count - 1)
    }

    /// The three attentions the screen compares: hard (T → 0), at the dial's T, and uniform (T → ∞).
    struct Figures {
        let hard: Attention
        let dial: Attention
        let uniform: Attention

        init(_ lesson: LessonState) {
            let task = AttentionChapter.task(lesson)
            hard = robot.attention(task: task, temperature: .greedy)
            dial = robot.attention(task: task, temperature: lesson.instrument.temperature)
            uniform = robot.attention(task: task, temperature: .uniform)
        }
    }

    static func text(_ lesson: LessonState) -> [String] {
        ["Hand-made vectors, for illustration: a robot's task asks with a query q; each sensor has a key k and a "
            + "value v. Scores q·k/√d (d = \(robot.keyLength)) become weights by a softmax at τ, the dial's T; the "
            + "robot reads Σ w·v."]
    }

    /// What the numbers say, for screens with room below the table: which sensor leads
    /// and by how much, and how many sensors the attention spreads over in effect.
    static func commentary(_ lesson: LessonState, _ f: Figures) -> String {
        let top = f.dial.strongestKey
        let name = robot.sensors[top].name
        let t = lesson.instrument.temperature
        let share = PercentText.column(f.dial.weights)[top]
        let effective = NumberFormat.fixed(f.dial.effectiveKeyCount, decimals: 2)
        let lead: String
        if t.isGreedy {
            lead = "At T → 0 the best-matching key takes every weight: the robot reads \(name)'s value alone."
        } else if t.isUniform {
            lead = "At T → ∞ every sensor weighs the same: the robot reads the plain mean of the values, whatever the task."
        } else {
            lead = "At \(TemperatureText.equation(t)) \(name) leads with \(share)."
        }
        return lead + " e^H = \(effective) sensors in effect, of \(robot.sensors.count): lower T to trust the best "
            + "match alone, raise it to blend in every sensor, relevant or not."
    }

    static func render(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let figures = Figures(lesson)
        let textLines = writeChapterText(text(lesson), in: area, into: &grid, options: options)
        let table = AttentionTable(robot: robot, task: task(lesson), figures: figures, dialTemperature: lesson.instrument.temperature,
                                   width: textLines.width, options: options)
        // The fixed rows: the tasks, the table's heading, the sensors, the query, and the
        // three outputs with their heading; blank rows go between where there is room.
        let fixed = 1 + 2 + robot.sensors.count + 1 + 1 + 3
        var spare = textLines.height - fixed
        var y = textLines.y
        func gap() {
            if spare > 0 { y += 1; spare -= 1 }
        }
        table.renderTasks(x: textLines.x, y: y, into: &grid)
        y += 1
        gap()
        y = table.renderWeights(x: textLines.x, y: y, into: &grid)
        gap()
        y = table.renderOutputs(x: textLines.x, y: y, into: &grid)
        gap()
        // The commentary only whole, where every line of it fits.
        let commentary = ChapterLines.wrap(commentary(lesson, figures), width: textLines.width, options: options)
        guard commentary.count <= textLines.maxY - y else { return }
        for (i, line) in commentary.enumerated() {
            grid.write(line, x: textLines.x, y: y + i, style: options.theme.text, limit: textLines.width)
        }
    }
}
