import SoftmaxCore

extension Chapters {
    /// The law of large numbers, seen: 1000 draws at a time fill a histogram that closes
    /// in on p, and the total-variation distance plotted against n on log axes falls
    /// along the 1/√n line.
    static let manyDraws = ChapterDefinition(
        title: "Many draws",
        name: "many-draws",
        featured: ["manyDrawsRequested", "drawsCleared", "drawRequested", "temperatureRaised"],
        render: { lesson, area, grid, options in
            let instrument = lesson.instrument
            let readout = lesson.readout
            let n = instrument.histogram.total
            let k = instrument.classCount
            // The plot's width sets the n it samples, so the layout's columns come first.
            let columns = ManyDrawsLayout(area: area, classCount: k, total: n, options: options)
            let plot = ManyDrawsPlot(total: n, width: columns.plotWidth)
            let history = ManyDrawsHistory(instrument: instrument, probabilities: readout.probabilities,
                                           checkpoints: plot.checkpoints)
            // The full wording where it leaves the histogram and the table their room, else the compact one.
            var text = ManyDrawsText.paragraphs(instrument: instrument, readout: readout, history: history, compact: false)
            let lines = text.flatMap { ChapterLines.wrap($0, width: area.width, options: options) }.count
            if area.height - lines - 1 < max(k + 1, ManyDrawsLayout.rightTableMinimum) {
                text = ManyDrawsText.paragraphs(instrument: instrument, readout: readout, history: history, compact: true)
            }
            let rest = writeChapterText(text, in: area, into: &grid, options: options)
            columns.render(instrument: instrument, probabilities: readout.probabilities, history: history, plot: plot,
                           in: rest, into: &grid, options: options)
        }
    )
}

/// What the chapter says, with every number taken from the state on screen.
enum ManyDrawsText {
    static func paragraphs(instrument: ExplorerState, readout: SoftmaxReadout, history: ManyDrawsHistory,
                           compact: Bool = false) -> [String] {
        var text = [compact
            ? "One draw is noise; many are the distribution. d adds 1000 draws: bars are their frequencies f, "
                + "│ marks the true p, and TV = Σ |f − p| / 2 is the gap."
            : "One draw is noise; many draws are the distribution. d adds 1000 draws: the bars are their frequencies f, "
                + "│ marks the true p, and the total-variation distance TV = Σ |f − p| / 2 measures the gap."]
        let n = instrument.histogram.total
        guard n > 0 else {
            text.append("No draws yet: press d and watch TV fall along the 1/√n line.")
            return text
        }
        let tv = instrument.histogram.totalVariation(from: readout.probabilities)
        let scaled = tv * Double(n).squareRoot()
        let now = "Now n = \(n): TV = \(NumberFormat.fixed(tv, decimals: 4)), and TV × √n = \(NumberFormat.fixed(scaled, decimals: 2))"
        text.append(compact
            ? now + ". The gap shrinks like 1/√n: 100 times the draws, a gap 10 times smaller."
            : now + ". The gap shrinks like 1/√n, the law of large numbers: 100 times the draws for a gap 10 times smaller.")
        if !history.isYourRun {
            text.append(compact
                ? "The * replay the first \(n) draws from seed \(instrument.seed), a twin run of yours; your TV is the ●."
                : "The * replay the first \(n) draws from seed \(instrument.seed); yours came after many other draws, "
                    + "so they are a twin run with the same trend. Your TV is the ●.")
        }
        return text
    }
}

/// TV against n for the draws in the histogram, recomputed by replaying them: the
/// instrument keeps only counts, but its generator is seeded, so the sequence can be
/// found again.
struct ManyDrawsHistory {
    struct Point: Equatable {
        let n: Int
        let tv: Double
    }

    let points: [Point]
    /// True when the replay ends with exactly the instrument's counts and generator:
    /// the points are the user's own draws, not a twin run.
    let isYourRun: Bool

    /// How far past the histogram's own draws the search for the generator's position goes:
    /// draws cleared (c, or a change of T or of a logit) leave the generator moved on.
    static let searchAllowance = 100_000

    init(instrument: ExplorerState, probabilities: [Double], checkpoints: [Int]) {
        let total = instrument.histogram.total
        guard total > 0 else {
            points = []
            isYourRun = false
            return
        }
        // How many uniforms the instrument's generator has used since its seed.
        var probe = SeededGenerator(seed: instrument.seed)
        var used = 0
        while probe != instrument.generator && used < total + Self.searchAllowance {
            _ = probe.next()
            used += 1
        }
        let found = probe == instrument.generator && used >= total
        // The histogram's draws are the last `total` uniforms when they were drawn in
        // one run with nothing in between; the counts check that below.
        var replay = SeededGenerator(seed: instrument.seed)
        for _ in 0..<(found ? used - total : 0) { _ = replay.next() }
        let sampler = InverseCDFSampler(probabilities: probabilities)
        var histogram = Histogram(classCount: probabilities.count)
        var points: [Point] = []
        var marks = checkpoints.filter { $0 >= 1 && $0 <= total }.sorted().makeIterator()
        var next = marks.next()
        for drawn in 1...total {
            histogram.record(sampler.draw(using: &replay).index)
            while let mark = next, mark <= drawn {
                if mark == drawn { points.append(Point(n: drawn, tv: histogram.totalVariation(from: probabilities))) }
                next = marks.next()
            }
        }
        if points.last?.n != total {
            points.append(Point(n: total, tv: histogram.totalVariation(from: probabilities)))
        }
        self.points = points
        isYourRun = found && histogram.counts == instrument.histogram.counts && replay == instrument.generator
    }
}

/// TV and 1/√n against n, both axes logarithmic, so 1/√n is a straight line, on axes
/// of their own: the labels sit on the axis lines, apart from the table beside them.
struct ManyDrawsPlot {
    let total: Int
    /// Columns of the plot itself, the axis and its labels aside.
    let width: Int
    /// Decades of n on the x axis: at least 1 to 1000, more as draws accumulate.
    let decades: Int
    /// Decades of TV on the y axis, from 1 down.
    let tvDecades: Int
    /// The TV labels and the axis line to their right.
    let labelWidth: Int

    /// `width` is all the plot may take, labels and axis included.
    init(total: Int, width: Int) {
        self.total = total
        decades = max(3, Int(logarithm10(Double(max(1, total))).rounded(.up)))
        tvDecades = (decades + 1) / 2 + 1
        labelWidth = Self.tvLabel(tvDecades).count + 2
        self.width = max(2, width - labelWidth)
    }

    /// "1", "0.1", "0.01", …
    static func tvLabel(_ decade: Int) -> String {
        decade == 0 ? "1" : NumberFormat.fixed(power10(-Double(decade)), decimals: decade)
    }

    /// The n at each column of the plot: 10^(column / (width − 1) × decades), rounded.
    func n(atColumn c: Int) -> Int {
        Int(power10(Double(c) / Double(width - 1) * Double(decades)).rounded())
    }

    func column(of n: Int) -> Int {
        guard n > 0 else { return 0 }
        let fraction = logarithm10(Double(n)) / Double(decades)
        return min(width - 1, max(0, Int((fraction * Double(width - 1)).rounded())))
    }

    /// One n per column, and every power of ten for the table beside the histogram.
    var checkpoints: [Int] {
        Array(Set((0..<width).map(n(atColumn:)) + (0...decades).map { Int(power10(Double($0)).rounded()) })).sorted()
    }

    func row(of tv: Double, height: Int) -> Int {
        guard tv > 0 else { return height - 1 }
        let fraction = -logarithm10(tv) / Double(tvDecades)
        return min(height - 1, max(0, Int((fraction * Double(height - 1)).rounded())))
    }

    /// The TV decades labelled on a plot `height` rows tall: every one when each has a
    /// row of its own, else every second (or third …), evenly, so none is skipped alone.
    func labelledDecades(height: Int) -> [Int] {
        for step in 1...max(1, tvDecades) {
            let decades = Array(stride(from: 0, through: tvDecades, by: step))
            let rows = decades.map { row(of: power10(-Double($0)), height: height) }
            if Set(rows).count == rows.count { return decades }
        }
        return [0]
    }

    /// The fewest rows the plot is drawn in: the title, four rows of plot, the n axis and its labels.
    static let minimumHeight = 7

    func render(history: ManyDrawsHistory, current: Double?, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        guard area.width >= labelWidth + 12, area.height >= Self.minimumHeight else { return }
        let theme = options.theme
        grid.write("TV vs n: * TV  · 1/√n  ● now", x: area.x, y: area.y, style: theme.dim, limit: area.width)
        let plot = Rect(x: area.x + labelWidth, y: area.y + 1, width: min(width, area.width - labelWidth),
                        height: area.height - 3)
        let axisX = plot.x - 1
        for y in plot.y..<plot.maxY { grid.put("│", x: axisX, y: y, style: theme.dim) }
        for d in labelledDecades(height: plot.height) {
            let y = plot.y + row(of: power10(-Double(d)), height: plot.height)
            grid.writeRight(Self.tvLabel(d), in: Rect(x: area.x, y: y, width: labelWidth - 2, height: 1), style: theme.dim)
            grid.put("┤", x: axisX, y: y, style: theme.dim)
        }
        grid.put("└", x: axisX, y: plot.maxY, style: theme.dim)
        for x in plot.x..<plot.maxX { grid.put("─", x: x, y: plot.maxY, style: theme.dim) }
        for c in 0..<plot.width {
            let n = n(atColumn: c)
            grid.put("·", x: plot.x + c, y: plot.y + row(of: 1 / Double(n).squareRoot(), height: plot.height), style: theme.dim)
        }
        for point in history.points {
            grid.put("*", x: plot.x + column(of: point.n), y: plot.y + row(of: point.tv, height: plot.height), style: theme.histogramBar)
        }
        if let current, total > 0 {
            grid.put(options.glyphs.sliderKnob, x: plot.x + column(of: total), y: plot.y + row(of: current, height: plot.height),
                     style: theme.knob)
        }
        let labels = plot.maxY + 1
        var free = plot.x
        for d in 0...decades {
            let text = d < 4 ? NumberFormat.fixed(power10(Double(d)), decimals: 0) : "1e\(d)"
            let x = min(plot.maxX - TextWidth.of(text), plot.x + column(of: Int(power10(Double(d)).rounded())))
            guard x >= free else { continue }
            grid.write(text, x: x, y: labels, style: theme.dim)
            free = x + TextWidth.of(text) + 1
        }
        grid.writeRight("n", in: Rect(x: area.x, y: labels, width: labelWidth - 2, height: 1), style: theme.dim)
    }
}

/// The histogram on the left, the plot on the right, and the table of TV at each
/// power of ten under the histogram or, when the classes fill that column, under
/// the plot; the table keeps its largest n when rows run short.
struct ManyDrawsLayout {
    let area: Rect
    let classCount: Int
    let tableColumns: [(width: Int, title: String)]

    static let gap = 4
    /// The rows the right column needs for the plot and a table of two rows under it.
    static let rightTableMinimum = ManyDrawsPlot.minimumHeight + 1 + 1 + 4

    init(area: Rect, classCount: Int, total: Int, options: ScreenOptions) {
        self.area = area
        self.classCount = classCount
        // Each column as wide as its title as spelt (ASCII spells √ as "sqrt ") or its widest number, plus two.
        let titles = ["n", "TV", "1/√n", "TV×√n"]
        let contents = [max(4, "\(total)".count), 6, 6, 5]
        tableColumns = zip(titles, contents).map { title, content in
            (max(TextWidth.of(options.glyphs.text(title)), content) + 2, title)
        }
    }

    var tableWidth: Int { tableColumns.reduce(0) { $0 + $1.width } }

    var histogramWidth: Int { min(44, max(30, area.width * 2 / 5, tableWidth)) }

    var plotWidth: Int { area.width - histogramWidth - Self.gap }

    /// Where the table goes, and how many of its rows (the largest n) it shows.
    struct Placement: Equatable {
        var underPlot: Bool
        var rows: Int
        var titled: Bool
    }

    func placement(rows all: Int, in rest: Rect) -> Placement? {
        guard all > 0 else { return nil }
        // Under the histogram: one blank row, an optional title, the header, then the rows.
        let left = rest.height - (classCount + 1) - 1
        if left >= 1 + min(2, all) {
            let titled = left >= all + 2
            return Placement(underPlot: false, rows: min(all, left - 1 - (titled ? 1 : 0)), titled: titled)
        }
        let right = rest.height - ManyDrawsPlot.minimumHeight - 1 - 1
        guard right >= 1 else { return nil }
        return Placement(underPlot: true, rows: min(all, right), titled: false)
    }

    /// Where the histogram, the table (if any) and the plot go in `rest`, for a table of `rows` rows.
    struct Frames: Equatable {
        var histogram: Rect
        var table: Rect?
        var tableRows: Int
        var titled: Bool
        var plot: Rect
    }

    func frames(rows: Int, in rest: Rect) -> Frames {
        let histogram = Rect(x: rest.x, y: rest.y, width: histogramWidth, height: min(rest.height, classCount + 1))
        var plot = Rect(x: rest.x + histogramWidth + Self.gap, y: rest.y, width: plotWidth, height: rest.height)
        guard let place = placement(rows: rows, in: rest) else {
            return Frames(histogram: histogram, table: nil, tableRows: 0, titled: false, plot: plot)
        }
        let height = (place.titled ? 1 : 0) + 1 + place.rows
        let table: Rect
        if place.underPlot {
            table = Rect(x: plot.x, y: rest.maxY - height, width: plot.width, height: height)
            plot = Rect(x: plot.x, y: plot.y, width: plot.width, height: table.y - 1 - plot.y)
        } else {
            table = Rect(x: rest.x, y: rest.y + classCount + 2, width: histogramWidth, height: height)
        }
        return Frames(histogram: histogram, table: table, tableRows: place.rows, titled: place.titled, plot: plot)
    }

    /// The table's rows: each power of ten of n, and n now.
    static func tableRows(_ history: ManyDrawsHistory) -> [ManyDrawsHistory.Point] {
        history.points.filter { isPowerOfTen($0.n) || $0 == history.points.last }
    }

    func render(instrument: ExplorerState, probabilities: [Double], history: ManyDrawsHistory, plot: ManyDrawsPlot,
                in rest: Rect, into grid: inout Grid, options: ScreenOptions) {
        guard rest.height > 0 else { return }
        renderHistogram(instrument: instrument, probabilities: probabilities, in: rest, into: &grid, options: options)
        let rows = Self.tableRows(history)
        let frames = frames(rows: rows.count, in: rest)
        if let table = frames.table {
            renderTable(Array(rows.suffix(frames.tableRows)), titled: frames.titled, isYourRun: history.isYourRun, in: table,
                        into: &grid, options: options)
        }
        let n = instrument.histogram.total
        plot.render(history: history, current: n > 0 ? instrument.histogram.totalVariation(from: probabilities) : nil,
                    in: frames.plot, into: &grid, options: options)
    }

    func renderHistogram(instrument: ExplorerState, probabilities: [Double], in rest: Rect, into grid: inout Grid,
                         options: ScreenOptions) {
        guard rest.height > 0 else { return }
        let theme = options.theme
        let n = instrument.histogram.total
        grid.write(n == 0 ? "draws: none yet (d: 1000)" : "draws n = \(n)", x: rest.x, y: rest.y, style: theme.dim,
                   limit: histogramWidth)
        let labelWidth = min(10, max(1, instrument.labels.map { TextWidth.of($0) }.max() ?? 1))
        let frequencies = instrument.histogram.frequencies
        let shares = PercentText.column(frequencies)
        let barX = rest.x + labelWidth + 1
        let barWidth = histogramWidth - labelWidth - 1 - 7
        guard barWidth > 0 else { return }
        // Rows for the classes; when they do not all fit, the last says how many more.
        let room = rest.height - 1
        let shown = probabilities.count <= room ? probabilities.count : max(0, room - 1)
        for i in probabilities.indices where i < shown {
            let y = rest.y + 1 + i
            grid.write(instrument.labels[i], x: rest.x, y: y, limit: labelWidth)
            grid.bar(n > 0 && frequencies.indices.contains(i) ? frequencies[i] : 0, in: Rect(x: barX, y: y, width: barWidth, height: 1),
                     glyphs: options.glyphs, style: theme.histogramBar, fill: options.glyphs.histogramBlock,
                     marker: probabilities[i], markerStyle: theme.trueValue)
            if n > 0, shares.indices.contains(i) {
                grid.writeRight(shares[i], in: Rect(x: barX + barWidth, y: y, width: 7, height: 1))
            }
        }
        if shown < probabilities.count, room > 0 {
            grid.write("… \(probabilities.count - shown) more", x: rest.x, y: rest.y + 1 + shown, style: theme.dim,
                       limit: histogramWidth)
        }
    }

    /// TV replayed at each power of ten (and now), beside 1/√n: their product stays near a constant.
    func renderTable(_ rows: [ManyDrawsHistory.Point], titled: Bool, isYourRun: Bool, in table: Rect, into grid: inout Grid,
                     options: ScreenOptions) {
        var y = table.y
        if titled {
            grid.write(isYourRun ? "your draws, as they came:" : "the twin run (a replay from the seed):",
                       x: table.x, y: y, style: options.theme.dim, limit: table.width)
            y += 1
        }
        var x = table.x
        for column in tableColumns {
            ChapterLines.writeRight(column.title, in: Rect(x: x, y: y, width: column.width, height: 1), style: options.theme.dim,
                                    into: &grid, options: options)
            x += column.width
        }
        for point in rows {
            y += 1
            let root = Double(point.n).squareRoot()
            let cells = ["\(point.n)", NumberFormat.fixed(point.tv, decimals: 4), NumberFormat.fixed(1 / root, decimals: 4),
                         NumberFormat.fixed(point.tv * root, decimals: 2)]
            x = table.x
            for (column, text) in zip(tableColumns, cells) {
                grid.writeRight(text, in: Rect(x: x, y: y, width: column.width, height: 1))
                x += column.width
            }
        }
    }

    static func isPowerOfTen(_ n: Int) -> Bool {
        var m = n
        while m > 1 && m % 10 == 0 { m /= 10 }
        return m == 1
    }
}
