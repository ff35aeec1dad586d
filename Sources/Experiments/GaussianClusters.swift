#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SoftmaxCore

/// A point of the plane.
public struct PlanePoint: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public func squaredDistance(to other: PlanePoint) -> Double {
        let dx = x - other.x, dy = y - other.y
        return dx * dx + dy * dy
    }
}

/// Classes that are two-dimensional Gaussians N(µ_k, σ²I) with one shared isotropic
/// variance, and the two ways to their posterior at a point x:
///
/// - Bayes' rule on the densities, `p(k | x) = π_k N(x; µ_k, σ²I) / Σ_j π_j N(x; µ_j, σ²I)`;
/// - the softmax of the scores `−|x − µ_k|²` at `T = 2σ²`.
///
/// With equal priors they are the same: `ln N(x; µ_k, σ²I) = −|x − µ_k|² / (2σ²) − ln(2πσ²)`,
/// and the last term and the prior are common to every class, so they cancel. The two
/// are computed apart here so that a test (and the screen) can set them side by side.
public struct GaussianClusters: Hashable, Sendable {
    public let means: [PlanePoint]
    /// σ², kept rather than σ so that T = 2σ² is exact when σ² is a power of two.
    public let variance: Double

    public init(means: [PlanePoint], variance: Double) {
        precondition(!means.isEmpty, "at least one class")
        precondition(variance > 0 && variance.isFinite, "a positive, finite variance")
        self.means = means
        self.variance = variance
    }

    public var standardDeviation: Double { variance.squareRoot() }
    /// T = 2σ²: the temperature at which the softmax of −|x − µ|² is the posterior.
    public var temperature: Double { 2 * variance }

    /// `−|x − µ_k|²` for each class (as `0 − d²`, so a class at x scores 0, not −0).
    public func scores(at x: PlanePoint) -> [Double] {
        means.map { 0 - x.squaredDistance(to: $0) }
    }

    /// The softmax of the scores at T = 2σ².
    public func softmaxPosterior(at x: PlanePoint) -> [Double] {
        softmax(scores(at: x), temperature: (try? Temperature(temperature)) ?? .one)
    }

    /// The largest posterior at x, max_k p(k | x), without building the distribution: a
    /// plot asks this of every cell. With d² the squared distances and m their least,
    /// it is 1 / Σ_k exp(−(d_k² − m) / (2σ²)), the nearest class's share of the softmax.
    public func topPosterior(at x: PlanePoint) -> Double {
        var nearest = Double.infinity
        for mu in means { nearest = min(nearest, x.squaredDistance(to: mu)) }
        var sum = 0.0
        for mu in means { sum += exp(-(x.squaredDistance(to: mu) - nearest) / (2 * variance)) }
        return 1 / sum
    }

    /// `ln N(x; µ_k, σ²I)` in two dimensions: `−|x − µ_k|² / (2σ²) − ln(2πσ²)`.
    public func logDensity(of k: Int, at x: PlanePoint) -> Double {
        -x.squaredDistance(to: means[k]) / (2 * variance) - log(2 * Double.pi * variance)
    }

    /// Bayes' rule on the class densities with priors π (equal when nil). The joint
    /// `π_k N(x; µ_k, σ²I)` is taken in logs and scaled by its largest term before
    /// dividing by the sum: the densities themselves underflow to 0 for every class once
    /// x is a few dozen σ from all the means, where the ratio is still well defined.
    public func bayesPosterior(at x: PlanePoint, priors: [Double]? = nil) -> [Double] {
        let priors = priors ?? Array(repeating: 1 / Double(means.count), count: means.count)
        precondition(priors.count == means.count, "one prior per class")
        let logJoint = means.indices.map { log(priors[$0]) + logDensity(of: $0, at: x) }
        let largest = logJoint.max() ?? 0
        let joint = logJoint.map { exp($0 - largest) }
        let evidence = joint.reduce(0, +)
        return joint.map { $0 / evidence }
    }

    /// `count` classes spread evenly on an ellipse with half-axes `radii` about the
    /// origin: the angle of class k is 90° + k·360°/count, turned by a further half step
    /// when count is even, so that 3 classes make a triangle standing on its base and 2
    /// lie side by side, as suits a plot wider than it is tall. Each coordinate is rounded
    /// to 12 decimals, so that cos 90° is 0 rather than 1.5e-16 and mirror images are
    /// exact mirrors.
    public static func ringMeans(count: Int, radii: (x: Double, y: Double)) -> [PlanePoint] {
        func rounded(_ v: Double) -> Double { (v * 1e12).rounded() / 1e12 }
        return (0..<count).map { k in
            let turn = Double.pi / 2 + 2 * Double.pi * Double(k) / Double(count) + (count % 2 == 0 ? Double.pi / Double(count) : 0)
            return PlanePoint(x: rounded(radii.x * cos(turn)), y: rounded(radii.y * sin(turn)))
        }
    }

    /// `perClass` seeded points of each class, `µ_k + σ z` with z standard normal: class
    /// 0 takes the first `perClass` draws of `standardNormalPoints`, class 1 the next,
    /// and so on. The same z serve every σ, so a larger σ spreads the same cloud, and a
    /// class added later leaves the earlier classes their draws.
    public func samples(perClass: Int, seed: UInt64) -> [[PlanePoint]] {
        let z = standardNormalPoints(count: perClass * means.count, seed: seed)
        let sigma = standardDeviation
        return means.indices.map { k in
            z[(k * perClass)..<((k + 1) * perClass)].map { PlanePoint(x: means[k].x + sigma * $0.x, y: means[k].y + sigma * $0.y) }
        }
    }
}

/// `count` points whose coordinates are independent standard normals, from the seeded
/// generator by the Box–Muller transform, one pair of uniforms per point:
/// u₁ = 1 − nextUniform() (in (0, 1], so its log is finite), u₂ = nextUniform(),
/// r = √(−2 ln u₁), and the point is (r cos 2πu₂, r sin 2πu₂).
public func standardNormalPoints(count: Int, seed: UInt64) -> [PlanePoint] {
    var generator = SeededGenerator(seed: seed)
    return (0..<max(0, count)).map { _ in
        let u1 = 1 - generator.nextUniform()
        let u2 = generator.nextUniform()
        let r = (-2 * log(u1)).squareRoot()
        return PlanePoint(x: r * cos(2 * Double.pi * u2), y: r * sin(2 * Double.pi * u2))
    }
}
