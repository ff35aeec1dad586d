import LogitFiles
import SoftmaxCore

/// Draws a recorded generation: the text so far, each token coloured by its surprise
/// at the dial's T after the cuts, the current token highlighted; under it the
/// current position's alternatives (the ten most likely and the rest) as classes.
struct RecordingScreen {
    let recording: RecordingState
    let lesson: LessonState
    let options: ScreenOptions
    var theme: Theme { options.theme }
    var temperature: Temperature { lesson.instrument.temperature }
    var cuts: TruncationSettings { lesson.decoding.truncation }

    /// The alternatives shown as classes; the rest are summed in the "other" row.
    static let shownAlternatives = 10

    /// Rows the table needs: one per class shown at the widest position, and "other".
    var tableRows: Int {
        min(Self.shownAlternatives, recording.generation.positions.map(\.tokens.count).max() ?? 1) + 1
    }

    func paint(into grid: inout Grid) {
        let width = grid.width
        let height = grid.height
        // Title, T line, blank, caption, text, blank, table header, table, two of summary, prompt, status.
        let fixed = 10 + tableRows
        let spare = max(1, height - fixed)
        let sliderRows = spare >= 9 ? 2 : 0
        var y = 0
        paintTitle(&grid, y: y)
        y += 1
        paintTemperature(&grid, y: y)
        y += 1
        if sliderRows > 0 {
            TemperatureSlider(temperature: temperature, glyphs: options.glyphs, theme: theme)
                .render(in: Rect(x: 1, y: y, width: width - 2, height: 2), into: &grid)
            y += sliderRows
        }
        y += 1
        paintLegend(&grid, y: y)
        y += 1
        let textRows = max(1, spare - sliderRows)
        paintText(&grid, area: Rect(x: 1, y: y, width: width - 2, height: textRows))
        y += textRows + 1
        let current = RetemperedTokens(recording.current, temperature: temperature, cuts: cuts)
        RecordingTable(tokens: current, options: options)
            .render(in: Rect(x: 0, y: y, width: width, height: tableRows + 1), into: &grid)
        y += tableRows + 1
        paintSummary(current, into: &grid, y: y)
    }

    private func paintTitle(_ grid: inout Grid, y: Int) {
        let g = recording.generation
        let used = grid.write(" Recorded generation", x: 0, y: y, style: theme.title)
        let count = "token \(recording.position + 1) of \(g.positions.count) "
        grid.write(TextWidth.truncate(" · \(g.name) · \(g.source)", to: grid.width - used - TextWidth.of(count) - 2),
                   x: used, y: y, style: theme.dim)
        grid.writeRight(count, in: Rect(x: 0, y: y, width: grid.width, height: 1), style: theme.emphasis)
    }

    private func paintTemperature(_ grid: inout Grid, y: Int) {
        let value = " \(TemperatureText.equation(temperature)) "
        grid.targets.append(HitTarget(Rect(x: 1, y: y, width: TextWidth.of(value), height: 1), .input))
        var x = 1 + grid.write(value, x: 1, y: y, style: theme.temperature)
        x += 2
        grid.write(RecordingText.cuts(lesson.decoding), x: x, y: y, style: theme.text, limit: grid.width - x - 1)
    }

    private func paintLegend(_ grid: inout Grid, y: Int) {
        var x = 1 + grid.write("The text so far; surprise −ln p at T after the cuts:", x: 1, y: y, style: theme.dim)
        for band in [SurpriseBand.low, .middle, .high, .cut] where x < grid.width - 8 {
            x += 1
            x += grid.write(band.legend, x: x, y: y, style: theme.surprise[band.rawValue], limit: grid.width - x)
        }
    }

    /// The tokens up to the current one, wrapped at spaces; the last lines when they
    /// do not fit, so the current token is always in sight.
    private func paintText(_ grid: inout Grid, area: Rect) {
        let shown = recording.generation.positions[...recording.position].map { RecordedText.shown($0.token, glyphs: options.glyphs) }
        let lines = RecordedTextFlow.lines(shown, width: area.width)
        let visible = lines.suffix(area.height)
        var bands: [Int: SurpriseBand] = [:]
        for (row, line) in visible.enumerated() {
            var x = area.x
            for cell in line {
                let band = bands[cell.position] ?? {
                    let b = SurpriseBand(RetemperedTokens(recording.generation.positions[cell.position],
                                                          temperature: temperature, cuts: cuts))
                    bands[cell.position] = b
                    return b
                }()
                var style = theme.surprise[band.rawValue]
                if cell.position == recording.position {
                    style.reverse = true
                    style.bold = true
                }
                grid.write(String(cell.character), x: x, y: area.y + row, style: style, limit: area.maxX - x)
                grid.targets.append(HitTarget(Rect(x: x, y: area.y + row, width: cell.width, height: 1),
                                              .recordedPosition(cell.position)))
                x += cell.width
            }
        }
    }

    private func paintSummary(_ t: RetemperedTokens, into grid: inout Grid, y: Int) {
        grid.write(RecordingText.summary(t, generation: recording.generation), x: 1, y: y, style: theme.emphasis,
                   limit: grid.width - 2)
        grid.write(RecordingText.spread(t), x: 1, y: y + 1, style: theme.text, limit: grid.width - 2)
    }
}

/// The current position's classes: marker, token, logprob, the probability the API
/// reported, and the probability at T after the cuts with its bar; then "other".
struct RecordingTable {
    let tokens: RetemperedTokens
    let options: ScreenOptions

    func render(in area: Rect, into grid: inout Grid) {
        let theme = options.theme
        let listed = tokens.listed
        let shown = Array(listed.ranking.prefix(RecordingScreen.shownAlternatives))
        let tokenWidth = min(20, max(7, shown.map { TextWidth.of(RecordedText.quoted(listed.tokens[$0], glyphs: options.glyphs)) }.max() ?? 7))
        let logprobEnd = 3 + tokenWidth + 9
        let reportedEnd = logprobEnd + 10
        let bar = reportedEnd + 2
        let percentWidth = 7
        let barWidth = max(4, area.width - bar - percentWidth - 2)
        let y0 = area.y
        grid.write("token", x: 3, y: y0, style: theme.dim)
        grid.writeRight("logprob", in: Rect(x: logprobEnd - 7, y: y0, width: 7, height: 1), style: theme.dim)
        grid.writeRight("reported", in: Rect(x: reportedEnd - 8, y: y0, width: 8, height: 1), style: theme.dim)
        grid.write("at T, after the cuts, among the listed tokens", x: bar, y: y0, style: theme.dim,
                   limit: barWidth + percentWidth)
        let percents = PercentText.survivors(logits: listed.logprobs, kept: tokens.distribution.kept,
                                             temperature: tokens.temperature, cut: "cut")
        for (row, i) in shown.enumerated() {
            let y = y0 + 1 + row
            let isChosen = i == listed.chosen
            let style = isChosen ? theme.selectionRow : theme.text
            if isChosen { grid.put(options.glyphs.selectionMarker, x: 1, y: y, style: theme.selectedBar) }
            grid.write(TextWidth.truncate(RecordedText.quoted(listed.tokens[i], glyphs: options.glyphs), to: tokenWidth),
                       x: 3, y: y, style: style)
            grid.writeRight(RecordedText.logprob(listed.logprobs[i]), in: Rect(x: logprobEnd - 9, y: y, width: 9, height: 1),
                            style: style)
            grid.writeRight(PercentText.of(listed.reported[i]), in: Rect(x: reportedEnd - 9, y: y, width: 9, height: 1),
                            style: theme.dim)
            let p = tokens.distribution.probabilities[i]
            grid.bar(p, in: Rect(x: bar, y: y, width: barWidth, height: 1), glyphs: options.glyphs,
                     style: isChosen ? theme.selectedBar : theme.bar)
            grid.writeRight(percents[i], in: Rect(x: bar + barWidth, y: y, width: percentWidth, height: 1),
                            style: tokens.distribution.kept[i] ? style : theme.refusal)
        }
        let y = y0 + 1 + shown.count
        let rest = listed.ranking.dropFirst(shown.count)
        grid.write("other", x: 3, y: y, style: theme.dim)
        let unlisted = listed.unlistedIsNegligible ? 0 : listed.unlisted
        let reportedRest = rest.reduce(0) { $0 + listed.reported[$1] } + unlisted
        grid.writeRight(rest.isEmpty && unlisted == 0 ? "none" : PercentText.of(reportedRest),
                        in: Rect(x: reportedEnd - 9, y: y, width: 9, height: 1), style: theme.dim)
        grid.write(RecordingText.other(listed: rest.count, atT: rest.reduce(0) { $0 + tokens.distribution.probabilities[$1] },
                                       unlistedIsNegligible: listed.unlistedIsNegligible),
                   x: bar, y: y, style: theme.dim, limit: area.maxX - bar - 1)
    }
}
