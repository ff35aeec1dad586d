import Experiments
import SoftmaxCore

/// The exploration chapter's two views, each below its text.
enum ExplorationViews {
    /// The rows each view needs below its text: the table, a blank row, the caption and
    /// a chart of at least three rows over its axis and labels; the table and a chart of five.
    static let runHeight = ExplorationSettings.armCount + 1 + 1 + 1 + 5
    static let curvesHeight = ExplorationStrategy.allCases.count + 1 + 1 + 7

    // MARK: 1. One run

    /// The strategy and seed, the arms (truth, estimate, pulls, the policy's next p), and
    /// the run's regret so far over the average of 200 runs of the same strategy.
    static func renderRun(_ s: ExplorationSettings, text: [String], in area: Rect, into grid: inout Grid,
                          options: ScreenOptions) {
        let theme = options.theme
        let rest = writeChapterText(text, in: area, into: &grid, options: options)
        let tableHeight = ExplorationSettings.armCount + 1
        guard rest.height >= tableHeight else { return }
        ArmTable(run: s.run).render(in: Rect(x: rest.x, y: rest.y, width: rest.width, height: tableHeight),
                                    into: &grid, options: options)
        let below = Rect(x: rest.x, y: rest.y + 1 + tableHeight, width: rest.width,
                         height: rest.maxY - rest.y - 1 - tableHeight)
        guard below.height >= 4 else { return }
        let average = s.curve(of: s.strategy).flatMap { $0.isComplete ? $0.meanRegret : nil }
        grid.write(regretCaption(s, average: average), x: below.x, y: below.y, style: theme.text, limit: below.width)
        var series = [RegretChart.Series(values: s.run.cumulativeRegret, marker: nil, style: theme.bar)]
        if let average { series.append(RegretChart.Series(values: average, marker: averageMarker, style: theme.marker)) }
        RegretChart(series: series, horizon: s.run.horizon)
            .render(in: Rect(x: below.x, y: below.y + 1, width: below.width, height: below.height - 1),
                    into: &grid, options: options)
    }

    /// The average's letter; ASCII spells it "*".
    static let averageMarker: Character = "•"

    /// "step 437 of 1000 at T ≈ 0.0923: regret 23.4, • the average of 200 runs"
    static func regretCaption(_ s: ExplorationSettings, average: [Double]?) -> String {
        let run = s.run
        var text = "step \(run.step) of \(run.horizon)"
        if let t = s.policy(of: s.strategy).temperature(atStep: max(0, run.step - 1)), s.strategy == .annealed {
            text += " at " + ExplorationText.temperature(t.value)
        }
        text += ": regret \(ExplorationText.regret(run.totalRegret))"
        if let average {
            let index = max(0, min(run.step, run.horizon) - 1)
            text += run.step > 0
                ? "; the average of \(ExplorationSettings.runCount) runs \(ExplorationText.regret(average[index])) (•)"
                : "; • the average of \(ExplorationSettings.runCount) runs"
        }
        return text
    }

    // MARK: 2. The averaged curves

    /// The four strategies' mean regret against the step, and a table of where each ends.
    static func renderCurves(_ s: ExplorationSettings, text: [String], in area: Rect, into grid: inout Grid,
                             options: ScreenOptions) {
        let rest = writeChapterText(text, in: area, into: &grid, options: options)
        let tableHeight = ExplorationStrategy.allCases.count + 1
        guard rest.height >= tableHeight else { return }
        // At most 90 columns, so each row's numbers stay near its name on a wide screen.
        CurvesTable(settings: s).render(in: Rect(x: rest.x, y: rest.y, width: min(rest.width, 90), height: tableHeight),
                                        into: &grid, options: options)
        let chart = Rect(x: rest.x, y: rest.y + tableHeight + 1, width: rest.width,
                         height: rest.maxY - rest.y - tableHeight - 1)
        guard chart.height >= 4 else { return }
        // The shown strategy last, so its letters lie on top where curves cross.
        let order = ExplorationStrategy.allCases.filter { $0 != s.strategy } + [s.strategy]
        let series = order.compactMap { strategy -> RegretChart.Series? in
            guard let curve = s.curve(of: strategy), curve.isComplete else { return nil }
            return RegretChart.Series(values: curve.meanRegret, marker: strategy.marker, style: style(strategy, options))
        }
        RegretChart(series: series, horizon: ExplorationSettings.horizon).render(in: chart, into: &grid, options: options)
    }

    /// A colour per strategy; without colour the letters tell them apart.
    static func style(_ strategy: ExplorationStrategy, _ options: ScreenOptions) -> Style {
        let theme = options.theme
        switch strategy {
        case .hot: return theme.trueValue
        case .cold: return theme.bar
        case .annealed: return theme.selectedBar
        case .epsilonGreedy: return theme.histogramBar
        }
    }
}

/// One row per arm: its true mean, its estimate, both on a line, its pulls, and the
/// policy's probability of pulling it next. A marker shows the arm pulled last.
struct ArmTable {
    let run: BanditRun

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        let glyphs = options.glyphs
        let bandit = run.bandit
        // arm | µ | Q | the line | pulls | share bar and % | p next
        let fixed = 7 + 7 + 7 + 2 + 2 + 6 + 1 + 7 + 8
        let flexible = max(0, area.width - fixed)
        let lineWidth = min(40, flexible / 2)
        let barWidth = min(50, flexible - lineWidth)
        let xMean = area.x + 7, xEstimate = xMean + 7, xLine = xEstimate + 7 + 2
        let xPulls = xLine + lineWidth + 2, xBar = xPulls + 6 + 1, xShare = xBar + barWidth, xNext = xShare + 7
        let scale = LineScale(bandit: bandit, run: run)
        let y = area.y
        grid.write("arm", x: area.x + 2, y: y, style: theme.dim)
        grid.writeRight("µ", in: Rect(x: xMean, y: y, width: 6, height: 1), style: theme.dim)
        grid.writeRight("Q", in: Rect(x: xEstimate, y: y, width: 6, height: 1), style: theme.dim)
        if lineWidth >= 12 {
            grid.write(LineScale.label(scale.low), x: xLine, y: y, style: theme.dim)
            grid.writeCentered("\(glyphs.trueValueMarker)µ \(glyphs.sliderKnob)Q", in: Rect(x: xLine, y: y, width: lineWidth, height: 1),
                               style: theme.dim)
            grid.writeRight(LineScale.label(scale.high), in: Rect(x: xLine, y: y, width: lineWidth, height: 1), style: theme.dim)
        }
        grid.writeRight("pulls", in: Rect(x: xPulls, y: y, width: 6, height: 1), style: theme.dim)
        grid.write("share", x: xBar, y: y, style: theme.dim, limit: barWidth)
        grid.writeRight("p next", in: Rect(x: xNext, y: y, width: 8, height: 1), style: theme.dim)
        let shares = PercentText.column(run.shares)
        let next = run.nextProbabilities
        let nextTexts = next.map(PercentText.column)
        for arm in 0..<bandit.armCount where arm + 1 < area.height {
            let y = area.y + 1 + arm
            let isBest = arm == bandit.bestArm
            let text = isBest ? theme.emphasis : theme.text
            if arm == run.lastArm { grid.put(glyphs.selectionMarker, x: area.x, y: y, style: theme.selectedBar) }
            grid.write("\(arm + 1)" + (isBest ? " best" : ""), x: area.x + 2, y: y, style: text)
            grid.writeRight(NumberFormat.fixed(bandit.means[arm], decimals: 2), in: Rect(x: xMean, y: y, width: 6, height: 1),
                            style: text)
            let pulled = run.pulls[arm] > 0
            grid.writeRight(pulled ? NumberFormat.fixed(run.estimates[arm], decimals: 2) : "–",
                            in: Rect(x: xEstimate, y: y, width: 6, height: 1), style: text)
            if lineWidth >= 12 {
                for x in xLine..<(xLine + lineWidth) { grid.put("·", x: x, y: y, style: theme.dim) }
                grid.put(glyphs.trueValueMarker, x: xLine + scale.column(bandit.means[arm], width: lineWidth), y: y,
                         style: theme.trueValue)
                if pulled {
                    grid.put(glyphs.sliderKnob, x: xLine + scale.column(run.estimates[arm], width: lineWidth), y: y,
                             style: theme.knob)
                }
            }
            grid.writeRight("\(run.pulls[arm])", in: Rect(x: xPulls, y: y, width: 6, height: 1), style: text)
            grid.bar(run.shares[arm], in: Rect(x: xBar, y: y, width: barWidth, height: 1), glyphs: glyphs,
                     style: isBest ? theme.selectedBar : theme.bar)
            grid.writeRight(run.step > 0 ? shares[arm] : "–", in: Rect(x: xShare, y: y, width: 7, height: 1), style: text)
            grid.writeRight(nextTexts?[arm] ?? "–", in: Rect(x: xNext, y: y, width: 8, height: 1), style: text)
        }
    }
}

/// The common line on which every arm's µ and Q are placed: whole numbers from below
/// the least to above the greatest of the means and the estimates so far.
struct LineScale {
    let low: Double
    let high: Double

    init(bandit: GaussianBandit, run: BanditRun) {
        let estimates = run.pulls.indices.filter { run.pulls[$0] > 0 }.map { run.estimates[$0] }
        let values = bandit.means + estimates
        low = (values.min() ?? -1).rounded(.down)
        high = max(low + 1, (values.max() ?? 1).rounded(.up))
    }

    func column(_ value: Double, width: Int) -> Int {
        let fraction = (value - low) / (high - low)
        return min(width - 1, max(0, Int((fraction * Double(width - 1)).rounded())))
    }

    static func label(_ x: Double) -> String { String(Int(x)) }
}

/// Where each strategy ends at the horizon, averaged over the runs: mean regret ± one
/// standard error, and how many runs stuck to a worse arm; or how far its average has come.
struct CurvesTable {
    let settings: ExplorationSettings

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        let numbersWidth = 13, stuckWidth = 10
        let xStuck = area.maxX - stuckWidth, xNumbers = xStuck - numbersWidth
        let runs = ExplorationSettings.runCount
        grid.write("schedule", x: area.x + 4, y: area.y, style: theme.dim)
        grid.writeRight("final regret", in: Rect(x: xNumbers, y: area.y, width: numbersWidth, height: 1), style: theme.dim)
        grid.writeRight("stuck", in: Rect(x: xStuck, y: area.y, width: stuckWidth, height: 1), style: theme.dim)
        for (i, strategy) in ExplorationStrategy.allCases.enumerated() where i + 1 < area.height {
            let y = area.y + 1 + i
            let isShown = strategy == settings.strategy
            let text = isShown ? theme.selectionRow : theme.text
            if isShown { grid.put(options.glyphs.selectionMarker, x: area.x, y: y, style: theme.selectedBar) }
            grid.put(strategy.marker, x: area.x + 2, y: y, style: ExplorationViews.style(strategy, options))
            grid.write("\(strategy.name), \(strategy.summary(settings.anneal))", x: area.x + 4, y: y, style: text,
                       limit: xNumbers - area.x - 5)
            let curve = settings.curve(of: strategy)
            guard let curve, curve.isComplete, let final = curve.finalRegret else {
                let done = curve?.completedRuns ?? 0
                grid.writeRight("\(done) of \(runs) runs…", in: Rect(x: xNumbers, y: y, width: numbersWidth + stuckWidth, height: 1),
                                style: theme.dim)
                continue
            }
            let error = final.standardError.map { " ± " + ExplorationText.regret($0) } ?? ""
            grid.writeRight(ExplorationText.regret(final.mean) + error, in: Rect(x: xNumbers, y: y, width: numbersWidth, height: 1),
                            style: text)
            grid.writeRight("\(curve.runsMostlyOffBest) of \(runs)", in: Rect(x: xStuck, y: y, width: stuckWidth, height: 1),
                            style: text)
        }
    }
}
