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
            let layout = ManyDrawsLayout(area: area, classCount: instrument.classCount)
            let plot = ManyDrawsPlot(total: n, width: layout.plotWidth)
            let history = ManyDrawsHistory(instrument: instrument, probabilities: readout.probabilities,
                                           checkpoints: plot.checkpoints)
            let rest = writeChapterText(ManyDrawsText.paragraphs(instrument: instrument, readout: readout, history: history),
                                        in: area, into: &grid, options: options)
            layout.renderHistogram(instrument: instrument, probabilities: readout.probabilities, in: rest,
                                   into: &grid, options: options)
            layout.renderTable(history: history, in: rest, into: &grid, options: options)
            plot.render(history: history, current: n > 0 ? instrument.histogram.totalVariation(from: readout.probabilities) : nil,
                        in: layout.plotArea(in: rest), into: &grid, options: options)
        }
    )
}

/// What the chapter says, with every number taken from the state on screen.
enum ManyDrawsText {
    static func paragraphs(instrument: ExplorerState, readout: SoftmaxReadout, history: ManyDrawsHistory) -> [String] {
        var text = [
            "One draw is noise; many draws are the distribution. d adds 1000 draws: the bars are their frequencies f, "
                + "│ marks the true p, and the total-variation distance TV = Σ |f − p| / 2 measures the gap.",
        ]
        let n = instrument.histogram.total
        guard n > 0 else {
            text.append("No draws yet: press d and watch TV fall along the 1/√n line.")
            return text
        }
        let tv = instrument.histogram.totalVariation(from: readout.probabilities)
        let scaled = tv * Double(n).squareRoot()
        text.append("Now n = \(n): TV = \(NumberFormat.fixed(tv, decimals: 4)), and TV × √n = \(NumberFormat.fixed(scaled, decimals: 2)). "
            + "The gap shrinks like 1/√n, the law of large numbers: 100 times the draws for a gap 10 times smaller.")
        if !history.isYourRun {
            text.append("The * replay the first \(n) draws from seed \(instrument.seed); yours came after other draws, "
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
    /// single draws (Space) use the generator without filling the histogram.
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

/// TV and 1/√n against n, both axes logarithmic, so 1/√n is a straight line.
struct ManyDrawsPlot {
    let total: Int
    let width: Int
    /// Decades of n on the x axis: at least 1 to 1000, more as draws accumulate.
    let decades: Int
    /// Decades of TV on the y axis, from 1 down.
    let tvDecades: Int

    static let labelWidth = 6

    init(total: Int, width: Int) {
        self.total = total
        self.width = max(2, width - Self.labelWidth)
        decades = max(3, Int(logarithm10(Double(max(1, total))).rounded(.up)))
        tvDecades = (decades + 1) / 2 + 1
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

    func render(history: ManyDrawsHistory, current: Double?, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        guard area.width >= Self.labelWidth + 12, area.height >= 5 else { return }
        let theme = options.theme
        grid.write("TV vs n, log axes: * TV  · 1/√n  ● now", x: area.x, y: area.y, style: theme.dim, limit: area.width)
        let plot = Rect(x: area.x + Self.labelWidth, y: area.y + 1, width: min(width, area.width - Self.labelWidth),
                        height: area.height - 2)
        for d in 0...tvDecades {
            let y = plot.y + row(of: power10(-Double(d)), height: plot.height)
            let label = d == 0 ? "1" : NumberFormat.fixed(power10(-Double(d)), decimals: d)
            grid.writeRight(label, in: Rect(x: area.x, y: y, width: Self.labelWidth - 1, height: 1), style: theme.dim)
        }
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
        var free = plot.x
        for d in 0...decades {
            let text = d < 4 ? NumberFormat.fixed(power10(Double(d)), decimals: 0) : "1e\(d)"
            let x = min(plot.maxX - TextWidth.of(text), plot.x + column(of: Int(power10(Double(d)).rounded())))
            guard x >= free else { continue }
            grid.write(text, x: x, y: plot.maxY, style: theme.dim)
            free = x + TextWidth.of(text) + 1
        }
        grid.writeRight("n", in: Rect(x: area.x, y: plot.maxY, width: Self.labelWidth - 1, height: 1), style: theme.dim)
    }
}

/// The histogram on the left and the plot on the right, whatever the screen.
struct ManyDrawsLayout {
    let area: Rect
    let classCount: Int

    var histogramWidth: Int { min(44, max(30, area.width * 2 / 5)) }

    var plotWidth: Int { area.width - histogramWidth - 3 }

    func plotArea(in rest: Rect) -> Rect {
        Rect(x: rest.x + histogramWidth + 3, y: rest.y, width: rest.width - histogramWidth - 3, height: rest.height)
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
        let barX = rest.x + labelWidth + 1
        let barWidth = histogramWidth - labelWidth - 1 - 7
        guard barWidth > 0 else { return }
        for i in probabilities.indices where i + 1 < rest.height {
            let y = rest.y + 1 + i
            grid.write(instrument.labels[i], x: rest.x, y: y, limit: labelWidth)
            grid.bar(n > 0 && frequencies.indices.contains(i) ? frequencies[i] : 0, in: Rect(x: barX, y: y, width: barWidth, height: 1),
                     glyphs: options.glyphs, style: theme.histogramBar, fill: options.glyphs.histogramBlock,
                     marker: probabilities[i], markerStyle: theme.trueValue)
            if n > 0, frequencies.indices.contains(i) {
                grid.writeRight(PercentText.of(frequencies[i]), in: Rect(x: barX + barWidth, y: y, width: 7, height: 1))
            }
        }
    }

    /// On a tall screen, the replayed TV at each power of ten under the histogram, beside 1/√n.
    func renderTable(history: ManyDrawsHistory, in rest: Rect, into grid: inout Grid, options: ScreenOptions) {
        let rows = history.points.filter { ManyDrawsLayout.isPowerOfTen($0.n) || $0 == history.points.last }
        let top = rest.y + classCount + 3
        guard !rows.isEmpty, top + rows.count + 1 <= rest.maxY else { return }
        grid.write(history.isYourRun ? "your draws, as they came:" : "the twin run (a replay from the seed):",
                   x: rest.x, y: top - 1, style: options.theme.dim, limit: histogramWidth)
        let columns = [(6, "n"), (8, "TV"), (8, "1/√n"), (8, "TV×√n")]
        var x = rest.x
        for (width, title) in columns {
            grid.writeRight(title, in: Rect(x: x, y: top, width: width, height: 1), style: options.theme.dim)
            x += width
        }
        for (k, point) in rows.enumerated() {
            let root = Double(point.n).squareRoot()
            let cells = ["\(point.n)", NumberFormat.fixed(point.tv, decimals: 4), NumberFormat.fixed(1 / root, decimals: 4),
                         NumberFormat.fixed(point.tv * root, decimals: 2)]
            x = rest.x
            for ((width, _), text) in zip(columns, cells) {
                grid.writeRight(text, in: Rect(x: x, y: top + 1 + k, width: width, height: 1))
                x += width
            }
        }
    }

    static func isPowerOfTen(_ n: Int) -> Bool {
        var m = n
        while m > 1 && m % 10 == 0 { m /= 10 }
        return m == 1
    }
}
