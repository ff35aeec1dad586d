import Experiments
import SoftmaxCore

/// The distillation chapter's four views, each below its text.
enum DistillationViews {
    // MARK: 1. The teacher's dark knowledge

    /// The digit in half blocks (and twice the size where there is room), the teacher's
    /// probabilities at T = 1 and at the dial's T in the order of its logits, and a row
    /// of the most confusable digits to pick from.
    static func renderTeacher(_ f: DistillationFigures, text: [String], in area: Rect, into grid: inout Grid,
                              options: ScreenOptions) {
        let rest = writeChapterText(text, in: area, into: &grid, options: options)
        guard rest.height >= DigitsDataset.classCount + 1 else { return }
        let pixels = Array(f.experiment.testPixels(row: f.testRow))
        let small = DigitPicture(pixels: pixels, scale: 1)
        small.render(at: rest.x + 2, y: rest.y + 1, into: &grid, options: options)
        var tableX = rest.x + 2 + small.width + 3
        let large = DigitPicture(pixels: pixels, scale: 2)
        if rest.width >= 110 {
            large.render(at: tableX, y: rest.y + 1, into: &grid, options: options)
            tableX += large.width + 3
        }
        TeacherTable(figures: f).render(in: Rect(x: tableX, y: rest.y, width: min(rest.maxX - tableX, 90),
                                                 height: DigitsDataset.classCount + 1), into: &grid, options: options)
        // Below the table, after a blank row where there is room.
        let pickerY = rest.y + DigitsDataset.classCount + (rest.height > DigitsDataset.classCount + 2 ? 2 : 1)
        if pickerY < rest.maxY {
            ConfusablePicker(figures: f).render(in: Rect(x: rest.x, y: pickerY, width: rest.width, height: 1),
                                                into: &grid, options: options)
        }
    }

    // MARK: 2. The student against T

    static func renderStudent(_ f: DistillationFigures, text: [String], in area: Rect, into grid: inout Grid,
                              options: ScreenOptions) {
        let rest = writeChapterText(text, in: area, into: &grid, options: options)
        var lines: [AccuracyColumns.Line] = []
        if let hard = f.student(.hardLabels(labelledCount: nil)) {
            lines.append(.init(name: "hard labels", accuracy: hard.testAccuracy, solid: true))
        }
        let chart = AccuracyColumns(caption: "student's test accuracy", columns: columns(f) {
            .softTargets(temperature: $0, hardWeight: f.hardWeight)
        }, lines: lines)
        chart.render(in: Rect(x: rest.x, y: rest.y, width: rest.width, height: min(rest.height, 14)), into: &grid,
                     options: options)
    }

    // MARK: 3. Thirty labels

    static func renderFewLabels(_ f: DistillationFigures, text: [String], in area: Rect, into grid: inout Grid,
                                options: ScreenOptions) {
        let rest = writeChapterText(text, in: area, into: &grid, options: options)
        let count = DistillationExperiment.fewLabelCount
        var lines: [AccuracyColumns.Line] = []
        if let few = f.student(.hardLabels(labelledCount: count)) {
            lines.append(.init(name: "\(count) labels", accuracy: few.testAccuracy, solid: true))
        }
        if let all = f.student(.hardLabels(labelledCount: nil)) {
            lines.append(.init(name: "all \(f.experiment.transferLabels.count)", accuracy: all.testAccuracy, solid: false))
        }
        let chart = AccuracyColumns(caption: "\(count) labels + soft targets", columns: columns(f) {
            .fewLabels(temperature: $0, labelledCount: count)
        }, lines: lines)
        chart.render(in: Rect(x: rest.x, y: rest.y, width: rest.width, height: min(rest.height, 14)), into: &grid,
                     options: options)
    }

    /// One column per T of the curve, and the dial's T among them where a student is trained there.
    static func columns(_ f: DistillationFigures, _ recipe: (Temperature) -> StudentRecipe) -> [AccuracyColumns.Column] {
        var temperatures = DistillationTemperatures.curve
        if DistillationTemperatures.canTrain(at: f.dial) && !temperatures.contains(f.dial) {
            temperatures.append(f.dial)
            temperatures.sort { $0.value < $1.value }
        }
        return temperatures.map { t in
            AccuracyColumns.Column(label: t.isUniform ? "∞" : NumberFormat.significant(t.value, digits: 3),
                                   accuracy: f.student(recipe(t))?.testAccuracy, isDial: t == f.dial)
        }
    }

    // MARK: 4. Why T²

    /// A table of the two terms' pulls at the start of training, for a few T and the dial's.
    static func renderTemperatureSquared(_ f: DistillationFigures, text: [String], in area: Rect, into grid: inout Grid,
                                         options: ScreenOptions) {
        let rest = writeChapterText(text, in: area, into: &grid, options: options)
        var temperatures = DistillationTemperatures.table
        if !f.dial.isGreedy && !temperatures.contains(f.dial) {
            temperatures.append(f.dial)
            temperatures.sort { $0.value < $1.value }
        }
        let headers = ["T", "soft pull", "T²", "T² × soft pull", "ratio to hard"]
        let widths = [8, 12, 10, 16, 14]
        guard rest.height >= 2, rest.width >= widths.reduce(0, +) + 2 else { return }
        var x = rest.x + 2
        for (header, width) in zip(headers, widths) {
            grid.writeRight(options.glyphs.text(header), in: Rect(x: x, y: rest.y, width: width, height: 1),
                            style: options.theme.dim)
            x += width
        }
        for (i, t) in temperatures.enumerated() where rest.y + 1 + i < rest.maxY {
            let sizes = f.atStart(t)
            let isDial = t == f.dial
            let cells = [
                t.isUniform ? "∞" : TemperatureText.value(t),
                t.isUniform ? "0" : NumberFormat.significant(sizes.soft, digits: 3),
                t.isUniform ? "∞" : NumberFormat.significant(t.value * t.value, digits: 3),
                NumberFormat.fixed(sizes.scaledSoft, decimals: 3),
                NumberFormat.fixed(sizes.scaledSoft / sizes.hard, decimals: 2),
            ]
            let y = rest.y + 1 + i
            if isDial { grid.put(options.glyphs.selectionMarker, x: rest.x, y: y, style: options.theme.selectedBar) }
            var x = rest.x + 2
            for (cell, width) in zip(cells, widths) {
                grid.writeRight(options.glyphs.text(cell), in: Rect(x: x, y: y, width: width, height: 1),
                                style: isDial ? options.theme.selectionRow : options.theme.text)
                x += width
            }
        }
    }
}

/// The teacher's probabilities for one test digit, its classes in the order of its
/// logits (the same order at every T > 0): at T = 1, where the wrong ones are hardly
/// seen, and at the dial's T.
struct TeacherTable {
    let figures: DistillationFigures

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme, f = figures
        let label = f.experiment.testLabels[f.testRow]
        let ranking = f.experiment.teacherRanking(testRow: f.testRow)
        let names = ranking.map { $0 == label ? "\($0) true" : "\($0)" }
        let logits = LogitText.column(ranking.map { f.atOne.logits[$0] })
        let nameWidth = names.map { TextWidth.of($0) }.max() ?? 1
        let logitWidth = max(1, logits.map { TextWidth.of($0) }.max() ?? 1)
        let barsX = area.x + nameWidth + 1 + logitWidth + 2
        let percentWidth = 7
        let barWidth = (area.maxX - barsX - 2 * percentWidth - 2) / 2
        guard barWidth >= 4 else { return }
        let groupWidth = barWidth + percentWidth + 2
        grid.writeRight("z", in: Rect(x: area.x + nameWidth + 1, y: area.y, width: logitWidth, height: 1), style: theme.dim)
        let readouts = [f.atOne, f.atDial]
        for (g, readout) in readouts.enumerated() {
            grid.write("p at " + options.glyphs.text(TemperatureText.equation(readout.temperature)), x: barsX + g * groupWidth,
                       y: area.y, style: theme.dim, limit: groupWidth - 1)
        }
        let shares = readouts.map { ChartShares.of($0) }
        let percents = readouts.map { PercentText.column($0) }
        for (i, k) in ranking.enumerated() where area.y + 1 + i < area.maxY {
            let y = area.y + 1 + i
            let style = k == label ? theme.selectionRow : theme.text
            grid.write(names[i], x: area.x, y: y, style: style)
            grid.writeRight(logits[i], in: Rect(x: area.x + nameWidth + 1, y: y, width: logitWidth, height: 1), style: style)
            for g in readouts.indices {
                let x = barsX + g * groupWidth
                grid.bar(shares[g][k], in: Rect(x: x, y: y, width: barWidth, height: 1), glyphs: options.glyphs,
                         style: k == label ? theme.selectedBar : theme.bar)
                grid.writeRight(percents[g][k], in: Rect(x: x + barWidth, y: y, width: percentWidth, height: 1), style: style)
            }
        }
    }
}

/// The most confusable test digits as a row to pick from: each as the teacher's two
/// likeliest classes ("3/8"), the one shown marked.
struct ConfusablePicker {
    let figures: DistillationFigures
    static let entryWidth = 6

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme, f = figures
        let title = options.glyphs.text("most confusable (↑↓):")
        let x0 = area.x + grid.write(title, x: area.x, y: area.y, style: theme.dim, limit: area.width) + 1
        let fitting = max(0, (area.maxX - x0) / Self.entryWidth)
        guard fitting > 0 else { return }
        let order = f.experiment.confusableTestDigits
        // The window of entries keeps the shown one in view, a couple from the left.
        let first = max(0, min(f.confusable - 2, order.count - fitting))
        for (slot, place) in (first..<min(order.count, first + fitting)).enumerated() {
            let ranking = f.experiment.teacherRanking(testRow: order[place])
            let isShown = place == f.confusable
            let x = x0 + slot * Self.entryWidth
            if isShown { grid.put(options.glyphs.selectionMarker, x: x, y: area.y, style: theme.selectedBar) }
            grid.write("\(ranking[0])/\(ranking[1])", x: x + 1, y: area.y, style: isShown ? theme.selectionRow : theme.text)
        }
    }
}
