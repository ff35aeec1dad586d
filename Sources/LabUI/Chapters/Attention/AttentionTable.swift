import Experiments
import SoftmaxCore

/// The attention chapter's table: the tasks, then one row per sensor with its key, its
/// value, its score and its weight, the query under the keys, and the outputs Σ w·v of
/// hard, dial and uniform attention under the values, each with its entropy.
///
/// The columns line up so that the arithmetic can be checked by eye: the query sits
/// under the keys it is multiplied with, and each output under the values it mixes.
struct AttentionTable {
    let robot: RobotAttention
    let task: Int
    let figures: AttentionChapter.Figures
    let dialTemperature: Temperature
    let options: ScreenOptions
    let columns: Columns

    init(robot: RobotAttention, task: Int, figures: AttentionChapter.Figures, dialTemperature: Temperature, width: Int,
         options: ScreenOptions) {
        self.robot = robot
        self.task = task
        self.figures = figures
        self.dialTemperature = dialTemperature
        self.options = options
        columns = Columns(robot: robot, width: width, glyphs: options.glyphs)
    }

    var theme: Theme { options.theme }

    /// Where each column starts, relative to the table's left edge. The feature names are
    /// spelt out where the screen is wide enough, else shortened; the weights show the
    /// three regimes side by side where they fit, else the dial's alone.
    struct Columns {
        static let nameWidth = 10
        static let scoreWidth = 7
        static let minimumWeightColumn = 16
        static let abbreviations = ["range": "rng", "vision": "vis", "sound": "snd", "motion": "mot",
                                    "obstacle": "obst", "person": "pers", "command": "cmd"]

        let keyWidth: Int
        let valueWidth: Int
        let keyX: Int
        let valueX: Int
        let scoreX: Int
        let weightX: Int
        let weightWidth: Int
        let spellsOut: Bool
        let showsThreeRegimes: Bool

        init(robot: RobotAttention, width: Int, glyphs: Glyphs) {
            let full = (key: (robot.keyFeatures.map { TextWidth.of($0) }.max() ?? 3) + 1,
                        value: (robot.valueFeatures.map { TextWidth.of($0) }.max() ?? 4) + 1)
            let short = (key: 4, value: 5)
            let three = 3 * Self.minimumWeightColumn + 4
            func weightRoom(_ w: (key: Int, value: Int)) -> Int {
                width - (2 + Self.nameWidth + 1 + robot.keyLength * w.key + 1 + robot.valueFeatures.count * w.value + 1
                    + Self.scoreWidth + 2)
            }
            // Three regimes first, then full names; the dial's weights alone on narrow screens.
            let choice: (widths: (key: Int, value: Int), three: Bool) =
                weightRoom(full) >= three ? (full, true) : weightRoom(short) >= three ? (short, true) : (short, false)
            spellsOut = choice.widths.key == full.key
            showsThreeRegimes = choice.three
            keyWidth = choice.widths.key
            valueWidth = choice.widths.value
            keyX = 2 + Self.nameWidth + 1
            valueX = keyX + robot.keyLength * keyWidth + 1
            scoreX = valueX + robot.valueFeatures.count * valueWidth + 1
            weightX = scoreX + Self.scoreWidth + 2
            // Bars longer than about 30 cells add nothing but distance to the percentages.
            weightWidth = max(0, min(width - weightX, showsThreeRegimes ? 3 * 38 : 44))
        }

        func heading(_ feature: String) -> String {
            spellsOut ? feature : Self.abbreviations[feature] ?? String(feature.prefix(3))
        }
    }

    // MARK: The tasks

    /// "task: ▶ avoid a collision  identify a person  respond to a command", the chosen one marked.
    func renderTasks(x: Int, y: Int, into grid: inout Grid) {
        var column = x + grid.write("task:", x: x, y: y, style: theme.dim)
        for (i, t) in robot.tasks.enumerated() {
            column += 2
            if i == task { grid.put(options.glyphs.selectionMarker, x: column, y: y, style: theme.selectedBar) }
            column += 2
            column += grid.write(t.name, x: column, y: y, style: i == task ? theme.selectionRow : theme.text)
        }
    }

    // MARK: The sensors

    /// The two heading rows, a row per sensor and the query's row; returns the row below.
    func renderWeights(x: Int, y: Int, into grid: inout Grid) -> Int {
        let c = columns
        grid.write("key k", x: x + c.keyX, y: y, style: theme.dim)
        grid.write("value v", x: x + c.valueX, y: y, style: theme.dim)
        ChapterLines.writeRight("score", in: Rect(x: x + c.scoreX, y: y, width: Columns.scoreWidth, height: 1),
                                style: theme.dim, into: &grid, options: options)
        for (i, feature) in robot.keyFeatures.enumerated() {
            grid.writeRight(c.heading(feature), in: cell(x + c.keyX, i, c.keyWidth, y + 1), style: theme.dim)
        }
        for (i, feature) in robot.valueFeatures.enumerated() {
            grid.writeRight(c.heading(feature), in: cell(x + c.valueX, i, c.valueWidth, y + 1), style: theme.dim)
        }
        // "q·k/√d" under "score" where it fits; spelt "q.k/sqrt d" in ASCII it would not, and the text says it.
        let formula = options.glyphs.text("q·k/√d")
        if TextWidth.of(formula) <= Columns.scoreWidth {
            grid.writeRight(formula, in: Rect(x: x + c.scoreX, y: y + 1, width: Columns.scoreWidth, height: 1), style: theme.dim)
        }
        let regimes = weightColumns
        for (column, regime) in regimes.enumerated() {
            grid.write(regime.title, x: x + column * regime.width + c.weightX, y: y + 1, style: theme.dim, limit: regime.width - 1)
        }
        grid.write("weight", x: x + c.weightX, y: y, style: theme.dim)
        let top = figures.dial.strongestKey
        for (row, sensor) in robot.sensors.enumerated() {
            let ry = y + 2 + row
            let style = row == top ? theme.selectionRow : theme.text
            grid.write(sensor.name, x: x + 2, y: ry, style: style, limit: Columns.nameWidth)
            writeNumbers(sensor.key.map(Self.keyText), x: x + c.keyX, width: c.keyWidth, y: ry, style: style, into: &grid)
            writeNumbers(sensor.value.map(Self.valueText), x: x + c.valueX, width: c.valueWidth, y: ry, style: style, into: &grid)
            grid.writeRight(NumberFormat.fixed(figures.dial.scores[row], decimals: 2),
                            in: Rect(x: x + c.scoreX, y: ry, width: Columns.scoreWidth, height: 1), style: style)
            for (column, regime) in regimes.enumerated() {
                let left = x + c.weightX + column * regime.width
                let barWidth = regime.width - 7 - (regimes.count > 1 ? 1 : 0)
                grid.bar(regime.attention.weights[row], in: Rect(x: left, y: ry, width: barWidth, height: 1),
                         glyphs: options.glyphs, style: regime.isDial ? theme.bar : theme.dim)
                grid.writeRight(regime.percents[row], in: Rect(x: left + barWidth, y: ry, width: 7, height: 1), style: style)
            }
        }
        let qy = y + 2 + robot.sensors.count
        grid.write("query q", x: x + 2, y: qy, style: theme.emphasis, limit: Columns.nameWidth)
        writeNumbers(robot.tasks[task].query.map(Self.keyText), x: x + c.keyX, width: c.keyWidth, y: qy, style: theme.emphasis,
                     into: &grid)
        return qy + 1
    }

    /// A weight column: the attention it shows, its heading and its percentages.
    struct WeightColumn {
        let attention: Attention
        let title: String
        let width: Int
        let isDial: Bool
        /// Each weight rounded on its own: uniform attention reads 14.3% for every one of
        /// seven sensors, where a column forced to sum to 100.0 would give one 14.2%.
        var percents: [String] { attention.weights.map(PercentText.of) }
    }

    /// Hard, dial and uniform side by side, or the dial's alone.
    var weightColumns: [WeightColumn] {
        let c = columns
        guard c.showsThreeRegimes else {
            return [WeightColumn(attention: figures.dial, title: "at \(TemperatureText.equation(dialTemperature))",
                                 width: c.weightWidth, isDial: true)]
        }
        let width = c.weightWidth / 3
        return [
            WeightColumn(attention: figures.hard, title: "hard, T → 0", width: width, isDial: false),
            WeightColumn(attention: figures.dial, title: "at \(TemperatureText.equation(dialTemperature))", width: width,
                         isDial: true),
            WeightColumn(attention: figures.uniform, title: "uniform, T → ∞", width: width, isDial: false),
        ]
    }

    // MARK: The outputs

    /// A heading and, for hard, dial and uniform attention, Σ w·v under the values and
    /// the entropy; returns the row below.
    func renderOutputs(x: Int, y: Int, into grid: inout Grid) -> Int {
        let c = columns
        grid.write("output Σ w·v", x: x + c.valueX, y: y, style: theme.dim)
        grid.write("entropy of the weights", x: x + c.scoreX + 2, y: y, style: theme.dim)
        let rows: [(String, Attention)] = [
            ("hard, T → 0", figures.hard), (dialLabel, figures.dial), ("uniform, T → ∞", figures.uniform),
        ]
        for (i, (label, attention)) in rows.enumerated() {
            let ry = y + 1 + i
            let style = i == 1 ? theme.emphasis : theme.text
            grid.write(label, x: x + 2, y: ry, style: style, limit: c.valueX - 3)
            writeNumbers(attention.output.map { NumberFormat.fixed($0, decimals: 2) }, x: x + c.valueX, width: c.valueWidth,
                         y: ry, style: style, into: &grid)
            grid.write(entropyText(attention), x: x + c.scoreX + 2, y: ry, style: style)
        }
        return y + 1 + rows.count
    }

    /// "soft, T = 1.00"; at a limit the dial's row says which regime it is.
    var dialLabel: String {
        if dialTemperature.isGreedy { return "dial, hard" }
        if dialTemperature.isUniform { return "dial, uniform" }
        return "soft, \(TemperatureText.equation(dialTemperature))"
    }

    /// "H = 1.344 nats, e^H = 3.83": e^H is how many sensors the attention spreads over in effect.
    func entropyText(_ a: Attention) -> String {
        "H = \(NumberFormat.fixed(a.entropy, decimals: 3)) nats, e^H = \(NumberFormat.fixed(a.effectiveKeyCount, decimals: 2))"
    }

    // MARK: Cells

    func cell(_ x: Int, _ index: Int, _ width: Int, _ y: Int) -> Rect {
        Rect(x: x + index * width, y: y, width: width, height: 1)
    }

    func writeNumbers(_ texts: [String], x: Int, width: Int, y: Int, style: Style, into grid: inout Grid) {
        for (i, text) in texts.enumerated() {
            grid.writeRight(text, in: cell(x, i, width, y), style: style)
        }
    }

    /// A key's or the query's feature: the hand-made numbers as written ("3", "0.5").
    static func keyText(_ v: Double) -> String { NumberFormat.significant(v, digits: 3) }
    /// A value's feature, to one decimal as the hand-made values are written.
    static func valueText(_ v: Double) -> String { NumberFormat.fixed(v, decimals: 1) }
}
