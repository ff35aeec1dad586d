import Experiments
import SoftmaxCore

extension Chapters {
    /// Temperature as exploration: Boltzmann exploration on a five-armed Gaussian bandit,
    /// at a constant hot T, a constant cold T, and annealed from hot to cold on a schedule
    /// the student sets, beside ε-greedy. One run is animated, a few steps a frame; the
    /// regret of each strategy averaged over 200 seeded runs is computed in slices between
    /// frames (see ExplorationSettings), so no key waits.
    ///
    /// The explorer's logits and T play no part here: the bandit has its own five arms.
    static let exploration = ChapterDefinition(
        title: "Exploration: hot, cold, annealed",
        name: "exploration",
        bindings: ChapterDefinition.pageBindings(
            ids: ("explorationViewNext", "explorationViewPrevious"), summaries: ("next view", "previous view"),
            hint: "n p view", count: ExplorationSettings.pageCount, page: \.exploration.page) + [
            ChapterDefinition.binding("explorationScheduleNext", [.down, .character("j")],
                                      "next schedule: hot, cold, annealed, ε-greedy", hint: "↑↓ schedule") {
                $0.exploration.cycleStrategy(by: 1)
            },
            ChapterDefinition.binding("explorationSchedulePrevious", [.up, .character("k")], "previous schedule") {
                $0.exploration.cycleStrategy(by: -1)
            },
            ChapterDefinition.binding("annealShortened", [.character(",")], "anneal from hot to cold in fewer steps",
                                      hint: ", . anneal") {
                $0.exploration.stepAnneal(by: -1)
            },
            ChapterDefinition.binding("annealLengthened", [.character(".")], "anneal from hot to cold in more steps") {
                $0.exploration.stepAnneal(by: 1)
            },
            ChapterDefinition.binding("annealShapeToggled", [.character("g")], "anneal geometrically or linearly",
                                      hint: "g shape") {
                $0.exploration.toggleAnnealShape()
            },
            ChapterDefinition.binding("runRepeated", [.character("r")], "a new run with the next seed", hint: "r rerun") {
                $0.exploration.rerun()
            },
            ChapterDefinition.binding("runPaused", [.character(" ")], "pause or resume the run; at its end, replay it",
                                      hint: "Space pause") {
                $0.exploration.togglePause()
            },
            ChapterDefinition.binding("banditChanged", [.character("b")], "a new bandit: new hidden means",
                                      hint: "b bandit") {
                $0.exploration.nextBandit()
            },
        ],
        work: ChapterWork(isPending: { $0.exploration.isWorking }, step: { $0.exploration.stepWork() }),
        render: { lesson, area, grid, options in
            ExplorationChapter.render(lesson.exploration, in: area, into: &grid, options: options)
        }
    )
}

/// The chapter's heading, text and the dispatch to its two views.
enum ExplorationChapter {
    static func page(_ settings: ExplorationSettings) -> Int {
        min(max(0, settings.page), ExplorationSettings.pageCount - 1)
    }

    static func heading(_ s: ExplorationSettings) -> String {
        let title = page(s) == 0
            ? "One run · \(s.strategy.name), \(s.strategy.summary(s.anneal)) · run seed \(s.runSeed)" + (s.isPaused ? " · paused" : "")
            : "Regret averaged over \(ExplorationSettings.runCount) runs of each"
        return "\(page(s) + 1)/\(ExplorationSettings.pageCount) · " + title
    }

    static func render(_ settings: ExplorationSettings, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        grid.write(heading(settings), x: area.x, y: area.y, style: options.theme.emphasis, limit: area.width)
        // The last row says what the averaging is doing, so a slow frame is never a mystery.
        if let line = settings.progressLine {
            grid.write(line, x: area.x, y: area.maxY - 1, style: options.theme.dim, limit: area.width)
        }
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2)
        // The full wording where it leaves the view its room, else the compact one.
        let isRun = page(settings) == 0
        let room = body.height - (isRun ? ExplorationViews.runHeight : ExplorationViews.curvesHeight)
        var text = isRun ? runText(settings, compact: false) : curvesText(settings, compact: false)
        if text.flatMap({ ChapterLines.wrap($0, width: body.width, options: options) }).count + 1 > room {
            text = isRun ? runText(settings, compact: true) : curvesText(settings, compact: true)
        }
        if isRun {
            ExplorationViews.renderRun(settings, text: text, in: body, into: &grid, options: options)
        } else {
            ExplorationViews.renderCurves(settings, text: text, in: body, into: &grid, options: options)
        }
    }

    // MARK: What each view says

    static func runText(_ s: ExplorationSettings, compact: Bool) -> [String] {
        let rule = s.strategy == .epsilonGreedy
            ? "a random arm with probability ε = \(ExplorationText.number(ExplorationStrategy.epsilon)), else the arm "
                + "of largest Q"
            : "arm k with probability softmax(Q/T)_k"
        let intro = "The \(ExplorationSettings.armCount) arms of bandit \(s.banditSeed) pay rewards drawn from N(µ, 1); "
            + "the agent sees only Q, each arm's mean reward so far. It pulls each arm once, then \(rule). "
            + "Regret adds up µ* − µ."
        if compact { return [intro] }
        return [intro, "A hot T keeps trying every arm and pays for it at every step; a cold T settles on whatever "
            + "looked best after a pull or two, right or wrong; annealing from hot to cold explores first and "
            + "exploits later."]
    }

    static func curvesText(_ s: ExplorationSettings, compact: Bool) -> [String] {
        let runs = ExplorationSettings.runCount
        let intro = "Each schedule ran \(runs) times on bandit \(s.banditSeed), seeds 1 to \(runs): no single lucky "
            + "run decides. ± is one standard error; stuck counts the runs that gave the best arm under half their pulls."
        guard !compact, let verdict = verdict(s) else { return [intro] }
        return [intro, verdict]
    }

    /// Which strategy ended with the least regret, and which got stuck most often: once
    /// every average is done.
    static func verdict(_ s: ExplorationSettings) -> String? {
        let finals = ExplorationStrategy.allCases.compactMap { strategy in
            s.curve(of: strategy).flatMap { $0.isComplete ? $0 : nil }.map { (strategy, $0) }
        }
        guard finals.count == ExplorationStrategy.allCases.count,
              let best = finals.min(by: { ($0.1.finalRegret?.mean ?? 0) < ($1.1.finalRegret?.mean ?? 0) }),
              let stuck = finals.max(by: { $0.1.runsMostlyOffBest < $1.1.runsMostlyOffBest })
        else { return nil }
        var text = "After \(ExplorationSettings.horizon) steps \(best.0.name) has the least regret on average"
        if stuck.1.runsMostlyOffBest > 0 {
            text += "; \(stuck.0.name) gave the best arm under half its pulls in \(stuck.1.runsMostlyOffBest) of "
                + "\(ExplorationSettings.runCount) runs"
        }
        return text + "."
    }
}

/// Numbers as the chapter spells them.
enum ExplorationText {
    /// A setting such as 0.5 or 0.05: %g with three significant digits.
    static func number(_ x: Double) -> String { NumberFormat.significant(x, digits: 3) }

    /// A regret to one decimal.
    static func regret(_ x: Double) -> String { NumberFormat.fixed(x, decimals: 1) }

    /// "T = 0.5", or "T ≈ 0.0923" for a T along an anneal that three digits do not hold.
    static func temperature(_ t: Double) -> String {
        let short = NumberFormat.significant(t, digits: 3)
        return Double(short) == t ? "T = \(short)" : "T ≈ \(short)"
    }
}
