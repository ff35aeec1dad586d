import Experiments
import Foundation
@testable import LabUI
import SoftmaxCore
import Testing

/// The clusters chapter: Gaussian classes in the plane, a probe, Bayes' posterior from
/// the densities beside the softmax of −|x−µ|² at T = 2σ², and a band that widens with σ.
@Suite struct Chapter17ClustersTests {
    static func lab(temperature: Temperature = .one) -> LabState {
        NamedChapterFixture.lab("clusters", temperature: temperature)
    }

    static func pressing(_ keys: [Key], from state: LabState = lab()) -> LabState {
        NamedChapterFixture.pressing(keys, from: state)
    }

    static func pressing(_ characters: String, from state: LabState = lab()) -> LabState {
        pressing(characters.map { Key.character($0) }, from: state)
    }

    static func render(_ state: LabState, _ w: Int = 80, _ h: Int = 24, ascii: Bool = false, color: Bool = true,
                       big: Bool = false) -> Grid {
        NamedChapterFixture.render(state, w, h, ascii: ascii, color: color, big: big)
    }

    static func screen(_ state: LabState, _ w: Int = 80, _ h: Int = 24, ascii: Bool = false, color: Bool = true,
                       big: Bool = false) -> String {
        render(state, w, h, ascii: ascii, color: color, big: big).text
    }

    /// Bayes by hand: N(x; µ_k, σ²I) = exp(−|x−µ_k|² / (2σ²)) / (2πσ²), priors 1/K, over their sum.
    static func posterior(_ settings: ClustersSettings) -> [Double] {
        let x = settings.probe
        let v = settings.variance
        let means = GaussianClusters.ringMeans(count: settings.classCount, radii: (2.5, 1.6))
        let joint = means.map { mu in
            exp(-((x.x - mu.x) * (x.x - mu.x) + (x.y - mu.y) * (x.y - mu.y)) / (2 * v)) / (2 * Double.pi * v) / Double(means.count)
        }
        return joint.map { $0 / joint.reduce(0, +) }
    }

    @Test func snapshots() {
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(Self.screen(Self.lab(), w, h), named: "chapter-clusters-default-\(w)x\(h)")
            GoldenFile.assertMatches(Self.screen(Self.lab(), w, h, color: false), named: "chapter-clusters-default-\(w)x\(h)-mono")
            // σ = 2 (T = 8) with the dial matched by f: a wide band, soft posteriors.
            GoldenFile.assertMatches(Self.screen(Self.pressing("mmf"), w, h), named: "chapter-clusters-messy-matched-\(w)x\(h)")
        }
        // σ = 1/4 with ten classes, the probe moved right and up.
        let ten = Self.pressing([.right, .right, .shiftUp] + "nnnnaaaaaaa".map { Key.character($0) })
        GoldenFile.assertMatches(Self.screen(ten), named: "chapter-clusters-ten-tidy-80x24")
        GoldenFile.assertMatches(Self.screen(ten, ascii: true, color: false), named: "chapter-clusters-ten-tidy-80x24-ascii")
        GoldenFile.assertMatches(Self.screen(Self.lab(), 120, 40, big: true), named: "chapter-clusters-big-120x40")
    }

    /// The claim, on the screen: for each class the Bayes column (from the
    /// densities) and the softmax column (T = 2σ²) both read the posterior worked out here,
    /// to six decimals, for 2 to 10 classes, every σ, and probes across the plane.
    @Test(arguments: [2, 3, 5, 10])
    func bothColumnsReadThePosterior(_ classes: Int) {
        let probes = [(-2, 0), (0, 0), (7, -5), (-18, 12), (18, -12)]
        for step in ClustersSettings.sigmaSteps {
            for (i, (column, row)) in probes.enumerated() {
                var state = Self.lab()
                state.lesson.clusters.classCount = classes
                state.lesson.clusters.sigmaStep = step
                state.lesson.clusters.probeColumn = column
                state.lesson.clusters.probeRow = row
                let expected = Self.posterior(state.lesson.clusters)
                let f = ClustersChapter.Figures(state.lesson)
                #expect(zip(f.bayes, expected).allSatisfy { abs($0 - $1) <= 1e-12 })
                #expect(zip(f.softmax, expected).allSatisfy { abs($0 - $1) <= 1e-12 })
                #expect(f.largestGap <= 1e-12)
                // One screen per σ (a different probe each time), to keep the test quick.
                guard i == (step + classes + 4) % probes.count else { continue }
                let lines = Self.screen(state).split(separator: "\n").map(String.init)
                for k in 0..<classes {
                    let label = ExplorerState.defaultLabel(k)
                    let p = ClusterReadout.probability(expected[k])
                    // The class's row shows the value twice: once under Bayes, once under softmax.
                    let row = lines.first { $0.contains("  \(label)  ") && $0.components(separatedBy: " \(p) ").count == 3 }
                    #expect(row != nil, "K = \(classes), σ² = \(state.lesson.clusters.variance), class \(label): \(p)")
                }
            }
        }
    }

    @Test func theProbeMovesInQuartersWithinTheWindow() {
        #expect(Self.pressing([.right]).lesson.clusters.probe == PlanePoint(x: -0.25, y: 0))
        #expect(Self.pressing([.up, .up]).lesson.clusters.probe == PlanePoint(x: -0.5, y: 0.5))
        #expect(Self.pressing([.down]).lesson.clusters.probe == PlanePoint(x: -0.5, y: -0.25))
        #expect(Self.pressing([.shiftLeft]).lesson.clusters.probe == PlanePoint(x: -1.5, y: 0))
        #expect(Self.pressing([.shiftRight, .shiftDown]).lesson.clusters.probe == PlanePoint(x: 0.5, y: -1))
        #expect(Self.pressing(Array(repeating: .shiftLeft, count: 9)).lesson.clusters.probe.x == -4.5)
        #expect(Self.pressing(Array(repeating: .shiftUp, count: 9)).lesson.clusters.probe.y == 3)
        // The arrows move the probe here, not T: h and l still turn T.
        #expect(Self.pressing([.right, .left]).lesson.instrument.temperature == .one)
        #expect(Self.pressing("l").lesson.instrument.temperature.value > 1)
    }

    @Test func sigmaClassesAndTheMatchedTemperature() throws {
        #expect(Self.pressing("m").lesson.clusters.variance == 2)
        #expect(Self.pressing("mmmmm").lesson.clusters.variance == 4)
        #expect(Self.pressing("nnnnnn").lesson.clusters.variance == 1.0 / 16)
        #expect(Self.pressing("a").lesson.clusters.classCount == 4)
        #expect(Self.pressing(String(repeating: "a", count: 12)).lesson.clusters.classCount == 10)
        #expect(Self.pressing("xx").lesson.clusters.classCount == 2)
        // f sets T = 2σ² exactly, and the verdict then says the softmax is the posterior.
        for (keys, t) in [("f", 2.0), ("nnnnf", 0.125), ("mmf", 8.0), ("nf", 1.0)] {
            let s = Self.pressing(keys)
            #expect(s.lesson.instrument.temperature == (try Temperature(t)), "\(keys)")
            let verdict = ClustersChapter.dialVerdict(ClustersChapter.Figures(s.lesson))
            #expect(verdict.hasPrefix("The dial's T is 2σ²: its softmax is the posterior"), "\(verdict)")
        }
        // Colder than 2σ², the dial's softmax is surer than the posterior; hotter, less sure.
        let cold = ClustersChapter.Figures(Self.lab().lesson)
        #expect(cold.dial.max()! > cold.bayes.max()! && ClustersChapter.dialVerdict(cold).contains("overconfident"))
        let hot = ClustersChapter.Figures(Self.lab(temperature: try Temperature(5)).lesson)
        #expect(hot.dial.max()! < hot.bayes.max()! && ClustersChapter.dialVerdict(hot).contains("underconfident"))
    }

    /// Messier data, a hotter model: the cells where no class reaches 90% grow with σ.
    @Test func theUncertainBandWidensWithSigma() {
        var counts: [Int] = []
        for step in ClustersSettings.sigmaSteps {
            var state = Self.lab()
            state.lesson.clusters.sigmaStep = step
            // The shaded cells; seeded points cover a few of them, as many at every σ or fewer.
            let grid = Self.render(state)
            counts.append(grid.cells.filter { $0.symbol == "░" }.count)
        }
        #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 < $1 }, "\(counts)")
        #expect(counts.first! * 5 < counts.last!, "\(counts)")
    }

    /// With colour the points are braille dots coloured by class; without colour, or in
    /// ASCII, each cell with points shows its class's letter, so no class is told by colour alone.
    @Test func pointsAreColouredDotsOrLetters() {
        let isBraille = { (c: Cell) in c.symbol.unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } ?? false }
        let colour = Self.render(Self.lab())
        let dots = colour.cells.filter(isBraille)
        #expect(dots.count > 50)
        #expect(Set(dots.compactMap(\.style.foreground)) == [.blue, .green, .magenta])
        for options in [(ascii: false, color: false), (ascii: true, color: false), (ascii: true, color: true)] {
            let grid = Self.render(Self.lab(), ascii: options.ascii, color: options.color)
            #expect(!grid.cells.contains(where: isBraille))
            let text = grid.text
            for letter in ["a", "b", "c"] {
                #expect(text.split(separator: "\n").dropFirst(5).prefix(14).contains { $0.prefix(36).contains(letter) })
            }
        }
    }

    /// Ten classes at 80×24: every class has its row of numbers; and in ASCII every word
    /// of the text is whole, for 2 to 10 classes and every σ, at both sizes.
    @Test func everyClassCountFitsAndAsciiKeepsWordsWhole() {
        let ten = Self.pressing(String(repeating: "a", count: 7))
        let text = Self.screen(ten)
        for k in 0..<10 {
            let label = ExplorerState.defaultLabel(k)
            #expect(text.split(separator: "\n").contains { $0.dropFirst(38).hasPrefix("\(label)  ") }, "\(label)\n\(text)")
        }
        for classes in [2, 5, 10] {
            for step in [-4, 0, 2] {
                var state = Self.lab()
                state.lesson.clusters.classCount = classes
                state.lesson.clusters.sigmaStep = step
                for (w, h) in ChapterLayouts.sizes {
                    let ascii = Self.screen(state, w, h, ascii: true, color: false)
                    WholeWords.expect(ClustersChapter.text(state.lesson), on: ascii, width: w)
                    #expect(ascii.contains("largest gap, softmax - Bayes: "))
                }
            }
        }
    }

    /// The probe sits in the cell its coordinates fall in, at each corner of its range.
    @Test func theProbeIsDrawnWhereItIs() throws {
        for keys in [[Key](), Array(repeating: .shiftLeft, count: 5) + Array(repeating: .shiftUp, count: 4),
                     Array(repeating: .shiftRight, count: 6) + Array(repeating: .shiftDown, count: 4)] {
            let state = Self.pressing(keys)
            let grid = Self.render(state)
            // The probe's glyph above the legend row (which shows it too).
            let probes = grid.cells.indices.filter { grid.cells[$0].symbol == "●" && $0 / 80 < 20 }
            #expect(probes.count == 1)
            let f = ClustersChapter.Figures(state.lesson)
            // The plot's area as the chapter lays it out at 80×24: below the text, left of the panel.
            let plot = ClusterPlot(clusters: f.clusters, probe: f.probe, points: [], sureProbability: 0.9,
                                   area: Rect(x: 2, y: 6, width: 76 - ClusterReadout.width - 2, height: 14), options: ScreenOptions())
            let cell = try #require(plot.cell(of: f.probe))
            #expect(probes.first == (6 + cell.y) * 80 + 2 + cell.x, "\(f.probe)")
        }
    }
}
