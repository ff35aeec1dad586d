import Experiments
import SoftmaxCore

/// What the clusters chapter remembers between keys: the shared spread, how many
/// classes, and where the probe point is. The probe moves on a grid of quarter units,
/// kept as whole numbers so that every position is exact.
public struct ClustersSettings: Hashable, Sendable {
    /// σ² = 2^sigmaStep: σ from 1/4 to 2, so T = 2σ² runs from 1/8 to 8, each step ×√2 in σ.
    public static let sigmaSteps = -4...2
    public static let classCounts = 2...10
    /// The probe's range in quarter units: the plot's window, x in [−4.5, 4.5], y in [−3, 3].
    public static let probeColumns = -18...18
    public static let probeRows = -12...12

    public var sigmaStep = 0
    public var classCount = 3
    /// The probe at (probeColumn / 4, probeRow / 4).
    public var probeColumn = -2
    public var probeRow = 0

    public init() {}

    /// σ² = 2^sigmaStep exactly, so T = 2σ² is exact too.
    public var variance: Double { Double(sign: .plus, exponent: sigmaStep, significand: 1) }
    public var probe: PlanePoint { PlanePoint(x: Double(probeColumn) / 4, y: Double(probeRow) / 4) }

    public var clusters: GaussianClusters {
        GaussianClusters(means: GaussianClusters.ringMeans(count: classCount, radii: ClustersChapter.ringRadii),
                         variance: variance)
    }

    mutating func moveProbe(columns: Int, rows: Int) {
        probeColumn = min(max(probeColumn + columns, Self.probeColumns.lowerBound), Self.probeColumns.upperBound)
        probeRow = min(max(probeRow + rows, Self.probeRows.lowerBound), Self.probeRows.upperBound)
    }

    mutating func stepSigma(by steps: Int) {
        sigmaStep = min(max(sigmaStep + steps, Self.sigmaSteps.lowerBound), Self.sigmaSteps.upperBound)
    }

    mutating func changeClassCount(by delta: Int) {
        classCount = min(max(classCount + delta, Self.classCounts.lowerBound), Self.classCounts.upperBound)
    }
}

extension Chapters {
    /// Teaches where a temperature comes from in data: for Gaussian classes in the plane
    /// with equal priors and one shared isotropic σ, Bayes' posterior at a point is the
    /// softmax of −|x−µ|² at T = 2σ². The screen plots seeded points of each class, lets
    /// the student move a probe, and sets Bayes' posterior (from the densities) beside
    /// the softmax, both from Experiments' `GaussianClusters`; as σ grows the band where
    /// no class is sure widens: messier data, a hotter model.
    ///
    /// The explorer's logits play no part; the arrows move the probe, so T is turned
    /// with h and l, typed with t, or set to 2σ² with f.
    static let clusters = ChapterDefinition(
        title: "Gaussian clusters: T = 2σ²",
        name: "clusters",
        bindings: [
            ChapterDefinition.binding("probeLeft", [.left], "move x left", hint: "←↑↓→ x") { $0.clusters.moveProbe(columns: -1, rows: 0) },
            ChapterDefinition.binding("probeRight", [.right], "move x right") { $0.clusters.moveProbe(columns: 1, rows: 0) },
            ChapterDefinition.binding("probeUp", [.up], "move x up") { $0.clusters.moveProbe(columns: 0, rows: 1) },
            ChapterDefinition.binding("probeDown", [.down], "move x down") { $0.clusters.moveProbe(columns: 0, rows: -1) },
            ChapterDefinition.binding("probeLeftFar", [.shiftLeft], "move x left by 1") { $0.clusters.moveProbe(columns: -4, rows: 0) },
            ChapterDefinition.binding("probeRightFar", [.shiftRight], "move x right by 1") { $0.clusters.moveProbe(columns: 4, rows: 0) },
            ChapterDefinition.binding("probeUpFar", [.shiftUp], "move x up by 1") { $0.clusters.moveProbe(columns: 0, rows: 4) },
            ChapterDefinition.binding("probeDownFar", [.shiftDown], "move x down by 1") { $0.clusters.moveProbe(columns: 0, rows: -4) },
            ChapterDefinition.binding("spreadNarrowed", [.character("n")], "σ smaller: tidier data", hint: "n m σ") {
                $0.clusters.stepSigma(by: -1)
            },
            ChapterDefinition.binding("spreadWidened", [.character("m")], "σ larger: messier data") { $0.clusters.stepSigma(by: 1) },
            ChapterDefinition.binding("clusterAdded", [.character("a")], "add a class (up to 10)", hint: "a x class") {
                $0.clusters.changeClassCount(by: 1)
            },
            ChapterDefinition.binding("clusterRemoved", [.character("x")], "remove a class (down to 2)") {
                $0.clusters.changeClassCount(by: -1)
            },
            ChapterDefinition.binding("matchedTemperatureChosen", [.character("f")], "T = 2σ² on the dial", hint: "f T = 2σ²") {
                if let t = try? Temperature($0.clusters.clusters.temperature) { $0.instrument.apply(.temperatureSet(t)) }
            },
        ],
        featured: ["temperatureEditStarted"],
        render: { lesson, area, grid, options in
            ClustersChapter.render(lesson, in: area, into: &grid, options: options)
        }
    )
}

/// The pieces of the clusters chapter, apart so the tests can read its numbers.
enum ClustersChapter {
    /// The half-axes of the ellipse the means sit on.
    static let ringRadii = (x: 2.5, y: 1.6)
    static let pointsPerClass = 80
    /// Below this the top class is "not sure": the band the plot shades.
    static let sureProbability = 0.9

    /// The numbers the screen shows at the probe, every one from `GaussianClusters`.
    struct Figures {
        let clusters: GaussianClusters
        let probe: PlanePoint
        let scores: [Double]
        let bayes: [Double]
        let softmax: [Double]
        /// The softmax of the same scores at the dial's T.
        let dial: [Double]
        let dialTemperature: Temperature
        /// max_k |softmax_k − Bayes_k|.
        let largestGap: Double

        init(_ lesson: LessonState) {
            clusters = lesson.clusters.clusters
            probe = lesson.clusters.probe
            scores = clusters.scores(at: probe)
            bayes = clusters.bayesPosterior(at: probe)
            softmax = clusters.softmaxPosterior(at: probe)
            dialTemperature = lesson.instrument.temperature
            dial = SoftmaxCore.softmax(scores, temperature: dialTemperature)
            largestGap = zip(softmax, bayes).map { abs($0 - $1) }.max() ?? 0
        }

        var matchedTemperature: Temperature { (try? Temperature(clusters.temperature)) ?? .one }
    }

    static func countWord(_ n: Int) -> String {
        ["no", "one", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"][min(max(0, n), 10)]
    }

    static func text(_ lesson: LessonState) -> [String] {
        let f = Figures(lesson)
        return ["\(countWord(f.clusters.means.count)) Gaussian classes share one σ = \(number(f.clusters.standardDeviation)) "
            + "(n m). At x, Bayes with equal priors weighs class k by e^(−|x−µ|²/2σ²): the softmax of −|x−µ|² at "
            + "T = 2σ² = \(TemperatureText.value(f.matchedTemperature)). Messier data, a hotter model."]
    }

    /// What the dial's T makes of the same scores, against the posterior.
    static func dialVerdict(_ f: Figures) -> String {
        let top = argmax(f.bayes)
        let label = ExplorerState.defaultLabel(top)
        let posterior = PercentText.of(f.bayes[top])
        let atDial = PercentText.of(f.dial[top])
        let t = f.dialTemperature
        let matched = f.clusters.temperature
        if !t.isGreedy && !t.isUniform && t.value == matched {
            return "The dial's T is 2σ²: its softmax is the posterior, \(label) \(atDial)."
        }
        let (relation, verdict) = t.isGreedy || (!t.isUniform && t.value < matched)
            ? ("below", "too cold for this data, so overconfident")
            : ("above", "too hot for this data, so underconfident")
        return "At the dial's \(TemperatureText.equation(t)), \(relation) 2σ², \(label) gets \(atDial) against the posterior's "
            + "\(posterior): \(verdict). f sets T = 2σ²."
    }

    static func render(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let f = Figures(lesson)
        let rest = writeChapterText(text(lesson), in: area, into: &grid, options: options)
        let panelWidth = ClusterReadout.width
        // The plot takes what the numbers leave, up to a size past which it only grows
        // coarser points and slower frames (a 400-column terminal).
        let plotArea = Rect(x: rest.x, y: rest.y, width: min(ClusterPlot.largest.width, rest.width - panelWidth - 2),
                            height: min(ClusterPlot.largest.height, rest.height - 1))
        let plot = ClusterPlot(clusters: f.clusters, probe: f.probe,
                               points: f.clusters.samples(perClass: pointsPerClass, seed: lesson.instrument.seed),
                               sureProbability: sureProbability, area: plotArea, options: options)
        plot.render(into: &grid)
        plot.renderLegend(x: rest.x, y: plotArea.maxY, width: rest.width, into: &grid)
        let panel = Rect(x: plotArea.maxX + 2, y: rest.y, width: panelWidth, height: plotArea.height)
        ClusterReadout(figures: f, verdict: dialVerdict(f), options: options).render(in: panel, into: &grid)
    }

    /// Three significant digits, trailing zeros kept.
    static func number(_ x: Double) -> String {
        NumberFormat.significant(x, digits: 3).withTrailingZeros(significant: 3)
    }
}
