#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SoftmaxCore

extension Chapters {
    /// The law of large numbers, seen: 1000 draws at a time fill a histogram that closes
    /// in on p. The total-variation distance, plotted against n on log axes, follows its
    /// expected value for these p, a curve that for large n is the line c/√n: the central
    /// limit theorem's rate, with c set by p.
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
            var columns = ManyDrawsLayout(area: area, classCount: k, total: n, options: options)
            columns.hiddenWeight = readout.probabilities.indices.contains {
                readout.probabilities[$0] == 0 && ChapterLines.hasWeight(readout, $0)
            }
            let expected = ExpectedTotalVariation(readout)
            let plot = ManyDrawsPlot(total: n, width: columns.plotWidth, expected: expected)
            let history = ManyDrawsHistory(instrument: instrument, probabilities: readout.probabilities,
                                           checkpoints: plot.checkpoints)
            // The full wording where it leaves the histogram and the table their room, else the compact one.
            // π has no ASCII spelling of its own: "pi".
            func spelt(_ paragraphs: [String]) -> [String] {
                options.glyphs.asciiOnly ? paragraphs.map { String($0.flatMap { $0 == "π" ? "pi" : String($0) }) } : paragraphs
            }
            var text = spelt(ManyDrawsText.paragraphs(instrument: instrument, readout: readout, history: history, compact: false))
            let lines = text.flatMap { ChapterLines.wrap($0, width: area.width, options: options) }.count
            if area.height - lines - 1 < max(k + 1, ManyDrawsLayout.rightTableMinimum) {
                text = spelt(ManyDrawsText.paragraphs(instrument: instrument, readout: readout, history: history, compact: true))
            }
            let rest = writeChapterText(text, in: area, into: &grid, options: options)
            columns.render(instrument: instrument, probabilities: readout.probabilities, history: history, plot: plot,
                           in: rest, into: &grid, options: options)
        }
    )
}

/// What the chapter says, with every number taken from the state on screen.
///
/// Which law says what: the law of large numbers gives f → p, so TV → 0, and says
/// nothing of how fast; the central limit theorem gives the pace, 1/√n (each count is
/// Binomial(n, p_i), nearly normal with spread √(n p_i (1 − p_i))). The curve drawn is
/// E[TV] itself, exact at every n (see ExpectedTotalVariation), which for large n is
/// c/√n with c = Σ √(p_i (1 − p_i) / (2π)), not 1/√n: c depends on p.
enum ManyDrawsText {
    static func paragraphs(instrument: ExplorerState, readout: SoftmaxReadout, history: ManyDrawsHistory,
                           compact: Bool = false) -> [String] {
        var text = [compact
            ? "One draw is noise; many are the distribution. d adds 1000 draws: bars are their frequencies f, "
                + "│ marks the true p, and TV = Σ |f − p| / 2 is the gap."
            : "One draw is noise; many draws are the distribution. d adds 1000 draws: the bars are their frequencies f, "
                + "│ marks the true p, and the total-variation distance TV = Σ |f − p| / 2 measures the gap."]
        let n = instrument.histogram.total
        let c = ExpectedTotalVariation(readout).constantText
        guard n > 0 else {
            text.append("No draws yet: press d and watch TV follow the · curve, its expected value E[TV] for these p "
                + "(for large n, c/√n with c = \(c)).")
            return text
        }
        let tv = ManyDrawsText.totalVariation(instrument.histogram, readout)
        let now = "Now n = \(n): TV = \(tv.text), and TV × √n = \(tv.scaledText(n: n))"
        text.append(compact
            ? now + ". f → p by the law of large numbers, at the 1/√n pace of the central limit theorem; "
                + "· is E[TV], near c/√n for large n, c = Σ √(p(1−p)/(2π)) = \(c)."
            : now + ". The law of large numbers makes f → p; the central limit theorem sets the pace, 1/√n: "
                + "100 times the draws, a gap 10 times smaller. The · curve is E[TV] for these p; for large n it is "
                + "c/√n with c = Σ √(p(1−p)/(2π)) = \(c).")
        if !history.isYourRun {
            text.append(compact
                ? "The * replay the first \(n) draws from seed \(instrument.seed), a twin run of yours; your TV is the ●."
                : "The * replay the first \(n) draws from seed \(instrument.seed); yours came after many other draws, "
                    + "so they are a twin run with the same trend. Your TV is the ●.")
        }
        return text
    }
}

extension ManyDrawsText {
    /// TV of the histogram from p, with its log where it is too small for four decimals:
    /// with logits 800 and 0 every draw is A and TV = p(B) = e^-800 = 3.67e-348, which the
    /// doubles round to 0. TV = Σ (p_i − f_i) over the classes p_i exceeds (half the L1
    /// distance, as the frequencies and p both sum to 1); a class never drawn adds its p,
    /// taken from its log.
    struct Distance {
        let value: Double
        /// ln TV; −∞ for a TV of exactly 0.
        let logValue: Double

        var text: String { Self.text(value, log: logValue, decimals: 4) }

        /// TV × √n to two decimals, or from its log.
        func scaledText(n: Int) -> String {
            let root = Double(n).squareRoot()
            return Self.text(value * root, log: logValue + 0.5 * log(Double(n)), decimals: 2)
        }

        /// Fixed decimals, or below half the last one from the log ("3.67e-348"); 0 only for 0.
        static func text(_ x: Double, log logX: Double, decimals: Int) -> String {
            if x >= 0.5 * power10(-Double(decimals)) || logX == -.infinity { return NumberFormat.fixed(x, decimals: decimals) }
            return NumberFormat.scientific(fromLog: logX)
        }
    }

    static func totalVariation(_ histogram: Histogram, _ r: SoftmaxReadout) -> Distance {
        let tv = histogram.totalVariation(from: r.probabilities)
        let n = Double(histogram.total)
        guard n > 0, tv < 0.00005 else { return Distance(value: tv, logValue: log(tv)) }
        var drawnPart = 0.0
        var undrawnLogs: [Double] = []
        for i in r.probabilities.indices {
            let f = Double(histogram.counts[i]) / n
            if histogram.counts[i] == 0 {
                undrawnLogs.append(r.logProbabilities[i])
            } else if r.probabilities[i] > f {
                drawnPart += r.probabilities[i] - f
            }
        }
        let logTV = logSumExp(undrawnLogs + [log(drawnPart)])
        return Distance(value: exp(logTV), logValue: logTV)
    }
}

/// The expected total-variation distance between the frequencies of n draws and p,
/// exactly, and its large-n form c/√n.
///
/// Each count X_i is Binomial(n, p_i), so E[TV] = Σ_i E|X_i − n p_i| / (2n), and the mean
/// absolute deviation of a binomial has de Moivre's closed form (Diaconis & Zabell 1991):
/// E|X − np| = 2 ν (1 − p)^(n−ν+1) p^ν C(n, ν), with ν = ⌊np⌋ + 1. It is worked out in logs,
/// with q = min(p, 1 − p) (X and n − X deviate alike), so no class underflows.
/// For large n each X_i is nearly normal with spread σ_i = √(n p_i (1 − p_i)), whose mean
/// absolute deviation is σ_i √(2/π): E[TV] ≈ ½ Σ √(2 p_i (1 − p_i) / (π n)) = c/√n with
/// c = Σ √(p_i (1 − p_i) / (2π)).
struct ExpectedTotalVariation {
    /// ln p_i and ln(1 − p_i) for each class with weight.
    let logP: [Double]
    let logQ: [Double]

    init(_ r: SoftmaxReadout) {
        let logs = r.logProbabilities
        var logP: [Double] = [], logQ: [Double] = []
        for i in logs.indices where logs[i] > -.infinity {
            logP.append(logs[i])
            // ln(1 − p): from the others' logs where p is near 1, else log1p.
            let p = exp(logs[i])
            logQ.append(p > 0.5 ? r.logMassOutside(i) : log1p(-p))
        }
        self.logP = logP
        self.logQ = logQ
    }

    /// ln E|X − np| for X ~ Binomial(n, p), from ln p and ln(1 − p), by de Moivre's formula.
    static func logMeanDeviation(n: Int, logP: Double, logQ: Double) -> Double {
        // The smaller of p and 1 − p: X and n − X have the same deviation.
        let (lp, lq) = logP <= logQ ? (logP, logQ) : (logQ, logP)
        let nu = Int((Double(n) * exp(lp)).rounded(.down)) + 1
        guard nu <= n else { return -.infinity }
        let logChoose = lgamma(Double(n) + 1) - lgamma(Double(nu) + 1) - lgamma(Double(n - nu) + 1)
        return log(2.0) + log(Double(nu)) + Double(n - nu + 1) * lq + Double(nu) * lp + logChoose
    }

    /// ln E[TV] after n draws.
    func logExpected(n: Int) -> Double {
        guard n > 0 else { return 0 }
        let deviations = logP.indices.map { Self.logMeanDeviation(n: n, logP: logP[$0], logQ: logQ[$0]) }
        return logSumExp(deviations) - log(2 * Double(n))
    }

    func expected(n: Int) -> Double { exp(logExpected(n: n)) }

    /// ln c, c = Σ √(p (1 − p) / (2π)): E[TV] ≈ c/√n for large n.
    var logConstant: Double {
        logSumExp(logP.indices.map { 0.5 * (logP[$0] + logQ[$0]) }) - 0.5 * log(2 * Double.pi)
    }

    var constant: Double { exp(logConstant) }

    /// c to two decimals, or from its log when smaller ("1.53e-174" for logits 800 and 0).
    var constantText: String { ManyDrawsText.Distance.text(constant, log: logConstant, decimals: 2) }
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

/// TV and its expected value E[TV] against n, both axes logarithmic, so the large-n
/// form c/√n is a straight line of slope −½, on axes of their own: the labels sit on the
/// axis lines, apart from the table beside them.
struct ManyDrawsPlot {
    let total: Int
    /// E[TV] for the p on screen, drawn as the · curve; nil draws none.
    let expected: ExpectedTotalVariation?
    /// Columns of the plot itself, the axis and its labels aside.
    let width: Int
    /// Decades of n on the x axis: at least 1 to 1000, more as draws accumulate.
    let decades: Int
    /// Decades of TV on the y axis, from 1 down.
    let tvDecades: Int
    /// The TV labels and the axis line to their right.
    let labelWidth: Int

    /// `width` is all the plot may take, labels and axis included.
    init(total: Int, width: Int, expected: ExpectedTotalVariation? = nil) {
        self.total = total
        self.expected = expected
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
        // A TV below the lowest decade (0 on a log axis is infinitely far down) is an arrow
        // on the floor, not a point that reads as the floor's value.
        let floor = power10(-Double(tvDecades))
        let below = { (tv: Double) in tv < floor * 0.5 }
        let anyBelow = history.points.contains { below($0.tv) } || (current.map(below) ?? false)
        let legend = "TV vs n: * TV" + (anyBelow ? " (↓ lower)" : "") + (expected == nil ? "" : "  · E[TV]") + "  ● now"
        grid.write(legend, x: area.x, y: area.y, style: theme.dim, limit: area.width)
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
        if let expected {
            // E[TV] at each column's n; below the lowest decade it is off the plot, not on its floor.
            for c in 0..<plot.width {
                let value = expected.expected(n: n(atColumn: c))
                guard !below(value) else { continue }
                grid.put("·", x: plot.x + c, y: plot.y + row(of: value, height: plot.height), style: theme.dim)
            }
        }
        for point in history.points {
            grid.put(below(point.tv) ? "↓" : "*", x: plot.x + column(of: point.n), y: plot.y + row(of: point.tv, height: plot.height),
                     style: theme.histogramBar)
        }
        if let current, total > 0 {
            grid.put(below(current) ? "↓" : options.glyphs.sliderKnob, x: plot.x + column(of: total),
                     y: plot.y + row(of: current, height: plot.height), style: theme.knob)
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
        let titles = ["n", "TV", "E[TV]", "TV×√n"]
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
            renderTable(Array(rows.suffix(frames.tableRows)), titled: frames.titled, isYourRun: history.isYourRun,
                        expected: plot.expected, hiddenWeight: hiddenWeight, in: table, into: &grid, options: options)
        }
        let n = instrument.histogram.total
        plot.render(history: history, current: n > 0 ? instrument.histogram.totalVariation(from: probabilities) : nil,
                    in: frames.plot, into: &grid, options: options)
    }

    /// Set by the chapter: whether some class has weight but a probability that underflows to 0.
    var hiddenWeight = false

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

    /// TV replayed at each power of ten (and now), beside its expected value E[TV], and
    /// TV × √n, which stays near c. A value too small for the column's decimals is a bound
    /// ("<1e-4"), never 0.0000, unless it is 0: `hiddenWeight` says TV cannot be (a class
    /// whose probability underflows is never drawn, and adds its p to TV).
    func renderTable(_ rows: [ManyDrawsHistory.Point], titled: Bool, isYourRun: Bool, expected: ExpectedTotalVariation?,
                     hiddenWeight: Bool, in table: Rect, into grid: inout Grid, options: ScreenOptions) {
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
        func cell(_ x: Double, positive: Bool, decimals: Int) -> String {
            if x >= 0.5 * power10(-Double(decimals)) || !positive { return NumberFormat.fixed(x, decimals: decimals) }
            return decimals == 4 ? "<1e-4" : "<0.01"
        }
        for point in rows {
            y += 1
            let root = Double(point.n).squareRoot()
            let mean = expected.map { $0.logExpected(n: point.n) }
            let positive = point.tv > 0 || hiddenWeight
            let cells = ["\(point.n)", cell(point.tv, positive: positive, decimals: 4),
                         mean.map { cell(exp($0), positive: $0 > -.infinity, decimals: 4) } ?? "",
                         cell(point.tv * root, positive: positive, decimals: 2)]
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
