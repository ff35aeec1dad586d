import Experiments
import Foundation
import SoftmaxCore
import Testing

/// What Reference/make_clusters_reference.py wrote (numpy, scipy, and the Python
/// re-implementation of the seeded generator).
struct ClustersReference: Decodable, Sendable {
    struct Posterior: Decodable, Sendable, CustomTestStringConvertible {
        let classCount: Int
        let variance: Double
        let probe: [Double]
        let priors: [Double]?
        let posterior: [Double]
        /// "pdf" where scipy's densities were divided by their sum, "logpdf" where they underflowed.
        let route: String

        var point: PlanePoint { PlanePoint(x: probe[0], y: probe[1]) }
        var testDescription: String { "K = \(classCount), σ² = \(variance), x = \(probe)\(priors.map { ", priors \($0)" } ?? "")" }
    }

    let radii: [Double]
    let rings: [String: [[Double]]]
    let normals: [String: [[Double]]]
    let posteriors: [Posterior]
}

extension References {
    static let clusters: Result<ClustersReference, any Error> = Result {
        try decode(ClustersReference.self, from: "clusters_reference.json")
    }

    static var clusterPosteriors: [ClustersReference.Posterior] { (try? clusters.get().posteriors) ?? [] }
}

/// The clusters' softmax against Bayes' posterior: each route against scipy's densities,
/// and the two against each other to 1e-12; the means and seeded points against the
/// Python recipe.
@Suite struct GaussianClustersTests {
    static let radii = (x: 2.5, y: 1.6)

    static func clusters(_ count: Int, variance: Double) -> GaussianClusters {
        GaussianClusters(means: GaussianClusters.ringMeans(count: count, radii: radii), variance: variance)
    }

    @Test(arguments: References.clusterPosteriors)
    func bothRoutesMatchScipysPosterior(_ reference: ClustersReference.Posterior) {
        let c = Self.clusters(reference.classCount, variance: reference.variance)
        let bayes = c.bayesPosterior(at: reference.point, priors: reference.priors)
        #expect(largestDifference(bayes, reference.posterior) <= 1e-12, "\(bayes) vs \(reference.posterior)")
        guard reference.priors == nil else { return }
        let soft = c.softmaxPosterior(at: reference.point)
        #expect(largestDifference(soft, reference.posterior) <= 1e-12, "\(soft) vs \(reference.posterior)")
    }

    /// The issue's test: over a grid of probes across the plot, every σ the lesson
    /// reaches and 2 to 10 classes, the softmax of −|x−µ|² at T = 2σ² and Bayes with
    /// equal priors, here on the plain densities written out in full, agree to 1e-12.
    @Test(arguments: 2...10)
    func theSoftmaxIsTheBayesPosteriorOnTheDensities(_ count: Int) throws {
        for step in -4...2 {
            let variance = pow(2.0, Double(step))
            let c = Self.clusters(count, variance: variance)
            for i in stride(from: -18, through: 18, by: 3) {
                for j in stride(from: -12, through: 12, by: 3) {
                    let x = PlanePoint(x: Double(i) / 4, y: Double(j) / 4)
                    // N(x; µ, σ²I) = exp(−|x−µ|² / (2σ²)) / (2πσ²), each class's prior 1/K.
                    let joint = c.means.map { mu in
                        exp(-((x.x - mu.x) * (x.x - mu.x) + (x.y - mu.y) * (x.y - mu.y)) / (2 * variance))
                            / (2 * Double.pi * variance) / Double(count)
                    }
                    let evidence = joint.reduce(0, +)
                    try #require(evidence > 1e-250, "the densities underflow at \(x), σ² = \(variance)")
                    let posterior = joint.map { $0 / evidence }
                    #expect(largestDifference(c.softmaxPosterior(at: x), posterior) <= 1e-12, "\(x), σ² = \(variance)")
                    #expect(largestDifference(c.bayesPosterior(at: x), posterior) <= 1e-12, "\(x), σ² = \(variance)")
                    #expect(abs(c.topPosterior(at: x) - posterior.max()!) <= 1e-12, "\(x), σ² = \(variance)")
                }
            }
        }
    }

    /// T = 2σ² only under its conditions: with unequal priors, or each class its own σ,
    /// Bayes differs from the softmax, and a softmax at another T differs from Bayes.
    @Test func theConditionsMatter() throws {
        let c = Self.clusters(3, variance: 1)
        let x = PlanePoint(x: -0.5, y: 0)
        let soft = c.softmaxPosterior(at: x)
        #expect(largestDifference(c.bayesPosterior(at: x, priors: [0.5, 0.3, 0.2]), soft) > 0.01)
        let atOne = softmax(c.scores(at: x), temperature: .one)
        #expect(largestDifference(atOne, soft) > 0.01)
        // Each class its own σ: Bayes on those densities is no softmax at one T = 2σ².
        let spreads = [1.0, 0.8, 2.0]
        let joint = c.means.indices.map { k in
            exp(-x.squaredDistance(to: c.means[k]) / (2 * spreads[k] * spreads[k])) / (2 * Double.pi * spreads[k] * spreads[k])
        }
        #expect(largestDifference(joint.map { $0 / joint.reduce(0, +) }, soft) > 0.01)
        #expect(c.temperature == 2)
        #expect(Self.clusters(3, variance: 0.0625).temperature == 0.125)
    }

    /// Far from every mean the densities underflow to 0, yet both routes still give the
    /// posterior: the class whose mean is nearest, or a fair share among equidistant ones.
    @Test func farFromEveryMeanBothRoutesStayFinite() {
        let c = Self.clusters(2, variance: 1.0 / 16)
        let far = PlanePoint(x: 300, y: 0)
        #expect(exp(c.logDensity(of: 0, at: far)) == 0 && exp(c.logDensity(of: 1, at: far)) == 0)
        #expect(c.bayesPosterior(at: far) == [0, 1])
        #expect(c.softmaxPosterior(at: far) == [0, 1])
        let between = PlanePoint(x: 0, y: 500)
        #expect(largestDifference(c.bayesPosterior(at: between), [0.5, 0.5]) <= 1e-12)
        #expect(largestDifference(c.softmaxPosterior(at: between), [0.5, 0.5]) <= 1e-12)
    }

    @Test func theScoresAreNegativeSquaredDistances() {
        let c = GaussianClusters(means: [PlanePoint(x: 1, y: 2), PlanePoint(x: -2, y: 0)], variance: 0.5)
        #expect(c.scores(at: PlanePoint(x: 1, y: 2)) == [0, -13])
        #expect(c.scores(at: PlanePoint(x: 1, y: 2))[0].sign == .plus)
        #expect(c.standardDeviation == 0.5.squareRoot())
    }

    @Test func theRingMatchesTheRecipe() throws {
        let reference = try References.clusters.get()
        #expect(reference.radii == [Self.radii.x, Self.radii.y])
        for count in 2...10 {
            let expected = try #require(reference.rings["\(count)"])
            let means = GaussianClusters.ringMeans(count: count, radii: Self.radii)
            #expect(means.count == count)
            #expect(largestDifference(means.flatMap { [$0.x, $0.y] }, expected.flatMap { $0 }) <= 1e-12, "K = \(count)")
        }
        // Three stand on their base; two lie side by side.
        let three = GaussianClusters.ringMeans(count: 3, radii: Self.radii)
        #expect(three[0] == PlanePoint(x: 0, y: 1.6) && three[1].y == -0.8 && three[2] == PlanePoint(x: -three[1].x, y: -0.8))
        #expect(GaussianClusters.ringMeans(count: 2, radii: Self.radii) == [PlanePoint(x: -2.5, y: 0), PlanePoint(x: 2.5, y: 0)])
    }

    @Test(arguments: [UInt64(1), 7])
    func theSeededPointsMatchPython(_ seed: UInt64) throws {
        let expected = try #require(try References.clusters.get().normals["\(seed)"])
        let z = standardNormalPoints(count: expected.count, seed: seed)
        #expect(largestDifference(z.flatMap { [$0.x, $0.y] }, expected.flatMap { $0 }) <= 1e-14)
        // Class k's points are µ_k + σ z over its own stretch of the same draws.
        let c = Self.clusters(2, variance: 4)
        let samples = c.samples(perClass: 20, seed: seed)
        #expect(samples.map(\.count) == [20, 20])
        let second = samples[1][3]
        #expect(abs(second.x - (c.means[1].x + 2 * expected[23][0])) <= 1e-14)
        #expect(abs(second.y - (c.means[1].y + 2 * expected[23][1])) <= 1e-14)
        // A third class leaves the first two their draws.
        let more = GaussianClusters(means: c.means + [PlanePoint(x: 0, y: 0)], variance: 4).samples(perClass: 20, seed: seed)
        #expect(Array(more.prefix(2)) == samples)
    }
}
