#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SoftmaxCore

/// A number as chapters 8 to 11 print it: a double where it fits, else its sign and
/// natural log, so that Z = e^800 reads 2.73e+347 and S = 801·e^−800 reads 2.94e-345
/// rather than inf and 0.
struct WideNumber: Equatable {
    /// The value as a double: exact where it fits, else rounded to ±0 or ±∞.
    let value: Double
    /// ln|x| where the number was worked out in the log domain; nil where `value` is it.
    let logMagnitude: Double?
    let isNegative: Bool

    init(_ value: Double) {
        self.value = value
        logMagnitude = nil
        isNegative = value < 0
    }

    /// ±e^logMagnitude, which need not fit in a double.
    init(logMagnitude: Double, negative: Bool = false) {
        self.logMagnitude = logMagnitude
        let magnitude = LogDomain.exponential(logMagnitude)
        value = negative ? -magnitude : magnitude
        isNegative = negative && logMagnitude > -.infinity
    }

    static let zero = WideNumber(0)

    /// ln|x|, finite for any non-zero finite x, even beyond the doubles.
    var log: Double { logMagnitude ?? LogDomain.ln(abs(value)) }
    /// Whether the double is the number itself rather than its rounding to 0 or ∞.
    var fitsDouble: Bool {
        guard let lm = logMagnitude else { return true }
        return lm == -.infinity || (value.isFinite && value != 0 && abs(value) >= 1e-300)
    }

    /// t·x for t > 0, in the log domain where the product leaves the doubles.
    func scaled(by t: Double) -> WideNumber {
        if let lm = logMagnitude { return WideNumber(logMagnitude: lm + LogDomain.ln(t), negative: isNegative) }
        let product = t * value
        guard value.isFinite, value != 0, t > 0, t.isFinite else { return WideNumber(product) }
        if product.isFinite && abs(product) >= 1e-300 { return WideNumber(product) }
        return WideNumber(logMagnitude: LogDomain.ln(t) + LogDomain.ln(abs(value)), negative: value < 0)
    }
}

/// The log-domain arithmetic behind the numbers of chapters 8 to 11: a quantity that a
/// softmax of logits 800 and 0 would round to 0 or ∞ is worked out from the readout's
/// log-probabilities, which stay finite where the probabilities underflow.
enum LogDomain {
    static func ln(_ x: Double) -> Double { log(x) }
    static func exponential(_ x: Double) -> Double { exp(x) }
    static func ln1p(_ x: Double) -> Double { log1p(x) }

    /// ln(ln(1 + e^ρ)), where ln(1 + e^ρ) ≈ e^ρ underflows: about ρ for ρ ≪ 0.
    static func lnLog1pExp(_ rho: Double) -> Double {
        rho < -40 ? rho - exp(rho) / 2 : log(log1p(exp(rho)))
    }

    /// `−ln p_i`, the surprise of class i. For the one top class of logits 800 and 0 it
    /// is ln(1 + e^−800) ≈ e^−800: the readout's log-probability rounds it to 0, so it is
    /// taken from the other classes' mass, ln(1 + r) with ln r their log-sum-exp.
    static func surprise(_ r: SoftmaxReadout, _ i: Int) -> WideNumber {
        let lp = r.logProbabilities[i]
        if lp == -.infinity { return WideNumber(.infinity) }
        let direct = -lp
        let t = r.temperature
        guard direct < 1e-290, !t.isGreedy, !t.isUniform, r.tiedMaximumCount == 1, r.logits[i] == r.maxLogit else {
            return WideNumber(max(0, direct))
        }
        let rest = r.logMassOutside(i)
        return rest == -.infinity ? .zero : WideNumber(logMagnitude: lnLog1pExp(rest))
    }

    /// The cross-entropy `−Σ t_i ln q_i` of a target given by its log-probabilities
    /// against the readout q, summed in the log domain: every term is positive, so
    /// nothing cancels, and a term of e^−800 × 800 keeps its digits.
    static func crossEntropy(targetLog lt: [Double], model q: SoftmaxReadout) -> WideNumber {
        var terms: [Double] = []
        for i in lt.indices where lt[i] > -.infinity {
            let s = surprise(q, i)
            if s.value == .infinity { return WideNumber(.infinity) }
            terms.append(lt[i] + s.log)
        }
        let total = logSumExp(terms)
        guard total > -.infinity else { return .zero }
        let value = exp(total)
        return value.isFinite && value >= 1e-300 ? WideNumber(value) : WideNumber(logMagnitude: total)
    }

    /// The entropy S = H(p, p) of a readout: its own double where that fits, else the
    /// log-domain sum (801·e^−800 for logits 800 and 0).
    static func entropy(_ r: SoftmaxReadout) -> WideNumber {
        let t = r.temperature
        guard r.entropy < 1e-290, r.classCount > 1, !t.isGreedy, !t.isUniform else { return WideNumber(r.entropy) }
        return crossEntropy(targetLog: r.logProbabilities, model: r)
    }

    /// ⟨E⟩ = −Σ p_i z_i. Where the largest logit is 0 it is Σ p_i (0 − z_i), every term
    /// positive, summed in the log domain (800·e^−800 for logits 0 and −800).
    static func meanEnergy(_ r: SoftmaxReadout) -> WideNumber {
        let t = r.temperature
        guard abs(r.meanEnergy) < 1e-290, r.maxLogit == 0, !t.isGreedy, !t.isUniform else { return WideNumber(r.meanEnergy) }
        let terms = r.logits.indices.filter { r.logits[$0] < 0 }.map { r.logProbabilities[$0] + ln(-r.logits[$0]) }
        let total = logSumExp(terms)
        return total == -.infinity ? .zero : WideNumber(logMagnitude: total)
    }

    /// `φ(u) = (1+u) ln(1+u) − u ≥ 0`, by its series where u is small and the closed
    /// form would cancel.
    static func phi(_ u: Double) -> Double {
        guard abs(u) < 1e-3 else { return (1 + u) * log1p(u) - u }
        let u2 = u * u
        return u2 * (0.5 - u / 6 + u2 / 12 - u2 * u / 20 + u2 * u2 / 30)
    }

    /// KL(q‖p) = Σ q_i ln(q_i / p_i) for a finite T > 0, with p from the readout's
    /// log-probabilities, so a p that underflowed (e^−800) still counts: q = (0.95, 0.05)
    /// against logits 800 and 0 is 39.8 nats, not ∞. Written as Σ p_i φ(q_i/p_i − 1),
    /// whose terms are all positive, so a q near p is not lost to cancellation; a q that
    /// is p's own vector is exactly 0, and a one-hot q is the surprise of its class.
    static func divergence(_ q: [Double], from r: SoftmaxReadout) -> WideNumber {
        let p = r.probabilities
        // A one-hot q first: at logits 800 and 0 p's own doubles are one-hot too, yet p
        // has weight e^−800 outside the top, and the KL is that much.
        if let j = q.firstIndex(of: 1), q.indices.allSatisfy({ $0 == j || q[$0] == 0 }) { return surprise(r, j) }
        if q == p { return .zero }
        var sum = 0.0
        for i in q.indices where i < p.count {
            let lp = r.logProbabilities[i]
            if q[i] == 0 {
                sum += p[i]
            } else if lp == -.infinity {
                return WideNumber(.infinity)
            } else if p[i] >= 1e-290 {
                sum += p[i] * phi((q[i] - p[i]) / p[i])
            } else {
                // q ln(q/p) − q + p, with p below the doubles' normal range.
                sum += q[i] * (log(q[i]) - lp - 1) + p[i]
            }
        }
        return WideNumber(max(0, sum))
    }

    /// F = ⟨E⟩ − T·S at a finite T, in the log domain where T·S leaves the doubles.
    static func freeEnergy(meanEnergy e: Double, temperature t: Double, entropy s: Double) -> WideNumber {
        let ts = t * s
        let f = e - ts
        if f.isFinite { return WideNumber(f) }
        // F = −T·S·(1 − ⟨E⟩/(T·S)), with ⟨E⟩/(T·S) taken as (⟨E⟩/T)/S so it does not overflow.
        return WideNumber(logMagnitude: ln(t) + ln(s) + log1p(-(e / t) / s), negative: true)
    }

    /// The share of the mass outside class i, Σ_{j≠i} p_j, from the log-probabilities:
    /// positive wherever another class has weight, though 1 − p_i would round to 0.
    static func massOutside(_ r: SoftmaxReadout, _ i: Int) -> Double {
        exp(r.logMassOutside(i))
    }
}

/// Probabilities as BarChart reads them for a readout: a class whose p underflowed to
/// 0 though it has weight (e^−800) keeps the smallest positive double, so its share
/// reads "<0.1%" and the top's ">99.9%", never 0% and 100%; the bars look the same.
enum ChartShares {
    static func of(_ r: SoftmaxReadout) -> [Double] {
        zip(r.probabilities, r.logProbabilities).map { p, lp in p == 0 && lp > -.infinity ? .leastNonzeroMagnitude : p }
    }

    /// A percentage of a share known to be positive (or below 1) though its double
    /// rounds to 0 (or 1): "<0.1%" and ">99.9%" there, else PercentText's own.
    static func percent(_ p: Double, positive: Bool = true, belowOne: Bool = true) -> String {
        if p <= 0 && positive { return "<0.1%" }
        if p >= 1 && belowOne { return ">99.9%" }
        return PercentText.of(p)
    }
}

/// What this chapter remembers between keys: the distribution the student nudges.
public struct EnergySettings: Hashable, Sendable {
    /// How much probability one press of > or < moves.
    public static let nudgeStep = 0.05

    /// The student's own distribution; nil while it simply follows the softmax,
    /// which is where the first nudge starts from.
    public var nudged: [Double]?

    public init() {}

    /// The student's distribution for K classes: the nudged one if it still fits, else p.
    func yours(following p: [Double]) -> [Double] {
        guard let q = nudged, q.count == p.count else { return p }
        return q
    }

    /// Whether the student's q is p itself: not nudged, or nudged for another class count.
    func follows(classCount: Int) -> Bool {
        nudged.map { $0.count != classCount } ?? true
    }

    /// Moves probability into class `i` (out of it for a negative amount).
    mutating func nudge(class i: Int, by amount: Double, softmax p: [Double]) {
        nudged = movingMass(in: yours(following: p), to: i, amount: amount)
    }
}

/// Moves `amount` of probability into class `i` (out of it when negative), clamped so
/// that q_i stays in [0, 1]; the other classes share the change in proportion to what
/// they hold (evenly if they hold nothing), so q stays a distribution.
func movingMass(in q: [Double], to i: Int, amount: Double) -> [Double] {
    guard q.indices.contains(i), q.count > 1 else { return q }
    let target = min(1, max(0, q[i] + amount))
    let restBefore = 1 - q[i]
    let restAfter = 1 - target
    var moved = q.indices.map { j -> Double in
        if j == i { return target }
        return restBefore > 1e-12 ? q[j] * restAfter / restBefore : restAfter / Double(q.count - 1)
    }
    // Scaling can leave the sum a rounding error away from 1; take it out again.
    let sum = moved.reduce(0, +)
    if sum > 0 { moved = moved.map { $0 / sum } }
    return moved
}

/// One distribution's row of the free-energy table.
struct EnergyRow: Equatable {
    /// What the row's distribution is, which decides exactly when it is the softmax.
    enum Kind: Equatable {
        case softmax, uniform, oneHot
        /// The student's q: p itself while it follows the softmax, else a vector of its own.
        case yours(followsSoftmax: Bool)
    }

    let name: String
    let kind: Kind
    let distribution: [Double]
    let meanEnergy: WideNumber
    let entropy: WideNumber
    let freeEnergy: WideNumber
    /// `F[q] − F[p]`, which equals `T·KL(q‖p)`; at the two limits, its limit.
    let gap: WideNumber
}

/// The four distributions set beside each other, and the limits made explicit.
enum EnergyTable {
    /// `followsSoftmax` says whether `yours` is p itself (the student has not nudged it);
    /// nil works it out from the vectors.
    static func rows(logits: [Double], labels: [String], temperature: Temperature, yours: [Double],
                     followsSoftmax: Bool? = nil) -> [EnergyRow] {
        let k = logits.count
        let r = SoftmaxReadout(logits: logits, temperature: temperature)
        let top = argmax(logits)
        let uniform = Array(repeating: k > 0 ? 1 / Double(k) : 0, count: k)
        let oneHot = (0..<k).map { $0 == top ? 1.0 : 0.0 }
        let topLabel = labels.indices.contains(top) ? labels[top] : ""
        let softmaxRow = EnergyRow(name: "softmax p", kind: .softmax, distribution: r.probabilities,
                                   meanEnergy: LogDomain.meanEnergy(r), entropy: LogDomain.entropy(r),
                                   freeEnergy: freeEnergyOfSoftmax(r), gap: .zero)
        let follows = followsSoftmax ?? (yours == r.probabilities)
        let named: [(String, EnergyRow.Kind, [Double])] = [
            ("uniform", .uniform, uniform), ("one-hot \(topLabel)", .oneHot, oneHot),
            ("yours q", .yours(followsSoftmax: follows), yours),
        ]
        return [softmaxRow] + named.map { name, kind, q in
            if kind == .yours(followsSoftmax: true) {
                return EnergyRow(name: name, kind: kind, distribution: q, meanEnergy: softmaxRow.meanEnergy,
                                 entropy: softmaxRow.entropy, freeEnergy: softmaxRow.freeEnergy, gap: .zero)
            }
            let energy = -zip(q, logits).reduce(0) { $0 + $1.0 * $1.1 }
            let s = entropy(q)
            return EnergyRow(name: name, kind: kind, distribution: q, meanEnergy: WideNumber(energy), entropy: WideNumber(s),
                             freeEnergy: freeEnergy(meanEnergy: energy, entropy: s, temperature: temperature),
                             gap: gap(q, readout: r))
        }
    }

    /// F of the softmax, `−T ln Z`: the readout's own, or in the log domain where T ln Z
    /// leaves the doubles (T = 1e308 with ten classes).
    static func freeEnergyOfSoftmax(_ r: SoftmaxReadout) -> WideNumber {
        let t = r.temperature
        guard !t.isGreedy, !t.isUniform else { return WideNumber(r.freeEnergy) }
        if !r.freeEnergy.isFinite {
            return LogDomain.freeEnergy(meanEnergy: r.meanEnergy, temperature: t.value, entropy: r.entropy)
        }
        // F = −max z − T·(−ln p_top): with the largest logit 0 it is −T times the top's
        // surprise, −e^−800 for logits 0 and −800, which the double rounds to 0.
        if r.maxLogit == 0, abs(r.freeEnergy) < 1e-290 {
            let s = LogDomain.surprise(r, argmax(r.logits))
            return s.value == 0 && s.fitsDouble ? .zero : WideNumber(logMagnitude: s.log + LogDomain.ln(t.value), negative: true)
        }
        return WideNumber(r.freeEnergy)
    }

    /// `F[q] = ⟨E⟩ − T·S` of a distribution with mean energy `energy` and entropy `s`, and
    /// its limits: ⟨E⟩ at T → 0, and −∞ at T → ∞ for any q with S > 0.
    static func freeEnergy(meanEnergy energy: Double, entropy s: Double, temperature t: Temperature) -> WideNumber {
        if t.isGreedy { return WideNumber(energy) }
        if t.isUniform { return WideNumber(s > 0 ? -.infinity : energy) }
        return LogDomain.freeEnergy(meanEnergy: energy, temperature: t.value, entropy: s)
    }

    /// `F[q] − F[p] = T·KL(q‖p)`, with KL from p's log-probabilities. At T → 0 it is
    /// Σ q_i (max z − z_i), summed without cancelling; at T → ∞ both F are −∞ for any
    /// spread-out q, and the limit of the difference is 0 for the uniform q and +∞ for
    /// any other.
    static func gap(_ q: [Double], readout r: SoftmaxReadout) -> WideNumber {
        let t = r.temperature
        if t.isGreedy {
            let m = r.maxLogit
            return WideNumber(zip(q, r.logits).reduce(0) { $0 + ($1.0 > 0 ? $1.0 * (m - $1.1) : 0) })
        }
        if t.isUniform {
            return WideNumber(q.allSatisfy { $0 == q.first } ? 0 : .infinity)
        }
        return LogDomain.divergence(q, from: r).scaled(by: t.value)
    }

    /// `KL(q‖p)` on its own, for finite T; nil at the limits, where T·KL is 0·∞.
    static func divergence(_ row: EnergyRow, readout r: SoftmaxReadout) -> WideNumber? {
        guard !r.temperature.isGreedy, !r.temperature.isUniform else { return nil }
        if row.kind == .softmax || row.kind == .yours(followsSoftmax: true) { return .zero }
        return LogDomain.divergence(row.distribution, from: r)
    }

    /// Whether a row's distribution is, exactly, the softmax of `logits` at the finite T
    /// `t` (the dial's T being `dial`). No tolerance: with logits not all equal, p at a
    /// finite T has ratios e^((z_i − z_j)/T), irrational for rational exponents, so no
    /// vector of doubles is p; only the softmax row and a q that follows p at that very T
    /// are. With all logits equal, p is uniform at every T.
    static func isSoftmax(_ row: EnergyRow, logits: [Double], at t: Temperature, dial: Temperature) -> Bool {
        let allEqual = logits.allSatisfy { $0 == logits.first }
        switch row.kind {
        case .softmax: return true
        case .yours(followsSoftmax: true): return dial == t || allEqual
        case .uniform: return allEqual
        case .oneHot: return logits.count == 1
        case .yours(followsSoftmax: false): return allEqual && row.distribution.allSatisfy { $0 == row.distribution.first }
        }
    }
}

/// Numbers as the chapter prints them: three decimals where they fit, else powers of
/// ten worked out from their logs, and the infinities by name.
enum EnergyText {
    /// A number in running text: three decimals from 0.0005 to a million, else four
    /// significant digits ("−1e+300", "2.726e+347", "2.94e-345").
    static func number(_ x: WideNumber) -> String {
        if let named = named(x) { return named }
        let v = x.value
        if v == 0 && x.fitsDouble { return "0.000" }
        if x.fitsDouble, abs(v) >= 0.0005, abs(v) < 1e6 { return fixed(v) }
        return sign(x) + NumberFormat.scientific(fromLog: x.log, digits: 4)
    }

    static func number(_ x: Double) -> String { number(WideNumber(x)) }

    /// A table cell of `width` columns, one kept free before it: three decimals where
    /// they fit, else as many significant digits as fit (at least one); a number too
    /// small or too large for even that reads as a bound ("<1e-308"), never as 0 or ∞.
    static func cell(_ x: WideNumber, width: Int) -> String {
        if let named = named(x) { return named }
        let room = width - 1
        let v = x.value
        if v == 0 && x.fitsDouble { return "0.000" }
        if x.fitsDouble, abs(v) >= 0.0005 {
            let text = fixed(v)
            if TextWidth.of(text) <= room { return text }
        }
        for digits in stride(from: 4, through: 1, by: -1) {
            let text = sign(x) + NumberFormat.scientific(fromLog: x.log, digits: digits)
            if TextWidth.of(text) <= room { return text }
        }
        // Beyond even one digit's room (e^−1e300 is 10^-4.34e+299): a bound, the tightest that fits.
        let bounds: [String]
        switch (x.isNegative, x.log < 0) {
        case (false, true): bounds = ["<1e-308", "<1e-99"]
        case (true, true): bounds = [">−1e-308", ">−1e-99"]
        case (false, false): bounds = [">1e+308", ">1e+99"]
        case (true, false): bounds = ["<−1e+308", "<−1e+99"]
        }
        return bounds.first { TextWidth.of($0) <= room } ?? bounds[bounds.count - 1]
    }

    private static func named(_ x: WideNumber) -> String? {
        if x.value.isNaN { return "undefined" }
        guard x.logMagnitude == nil else { return x.logMagnitude == .infinity ? (x.isNegative ? "−∞" : "+∞") : nil }
        if x.value == .infinity { return "+∞" }
        if x.value == -.infinity { return "−∞" }
        return nil
    }

    private static func sign(_ x: WideNumber) -> String { x.isNegative ? "−" : "" }

    private static func fixed(_ x: Double) -> String {
        let text = NumberFormat.fixed(x, decimals: 3)
        return text == "-0.000" ? "0.000" : text.replacingMinus
    }

    /// Z from ln Z: "13.23" where Z is a double, "≈ 2.73e+347" where it is not.
    static func partition(_ r: SoftmaxReadout) -> String {
        let z = r.partitionFunction
        if z.isFinite && z >= 1e-300 { return "= " + NumberFormat.significant(z, digits: 4).withTrailingZeros(significant: 4) }
        return "≈ " + NumberFormat.scientific(fromLog: r.logPartition, digits: 3)
    }

    /// A row name shortened with an ellipsis to fit, as it will be spelt, so the ASCII
    /// "..." is counted too.
    static func fitted(_ name: String, to width: Int, glyphs: Glyphs) -> String {
        let spelt = glyphs.text(name)
        guard TextWidth.of(spelt) > width else { return spelt }
        guard glyphs.asciiOnly else { return TextWidth.truncate(name, to: width) }
        return String(spelt.prefix(max(0, width - 3))) + "..."
    }

    static func paragraphs(_ r: SoftmaxReadout) -> [String] {
        let t = r.temperature
        let intro = "Read each logit as a negative energy, E = −z. The softmax is then the Boltzmann distribution "
            + "p = exp(−E/T)/Z, and of all distributions q it has the least free energy F[q] = ⟨E⟩ − T×S."
        let s = number(LogDomain.entropy(r))
        let e = number(LogDomain.meanEnergy(r))
        let f = number(EnergyTable.freeEnergyOfSoftmax(r))
        let now: String
        if t.isGreedy {
            now = "At T → 0: ln Z → \(number(r.logPartition)), yet F = −T ln Z → −max z = \(f); "
                + "p sits on the lowest energy, ⟨E⟩ = \(e), S = \(s)."
        } else if t.isUniform {
            now = "At T → ∞: Z → K = \(r.classCount), ⟨E⟩ = \(e) (the plain average), S = ln K = \(s), "
                + "and F = ⟨E⟩ − T×S → \(f): so the gaps below are limits."
        } else {
            now = "Now Z \(partition(r)), ⟨E⟩ = \(e), S = \(s) nats, and F = ⟨E⟩ − T×S = −T ln Z = \(f)."
        }
        return [intro, now]
    }

    /// The identity under the table, for the student's q.
    static func identity(_ yours: EnergyRow, readout r: SoftmaxReadout) -> String {
        let gap = number(yours.gap)
        if let kl = EnergyTable.divergence(yours, readout: r) {
            return "Yours: F[q] − F[p] = \(gap) = T×KL(q||p) = \(TemperatureText.value(r.temperature)) × "
                + "\(number(kl)) = \(number(kl.scaled(by: r.temperature.value))); it is 0 only at q = p."
        }
        if r.temperature.isGreedy {
            return "Yours: F[q] − F[p] = \(gap). At T → 0, KL(q||p) is infinite once q leaves the top class, "
                + "but T×KL(q||p) tends to this gap."
        }
        return "Yours: F[q] − F[p] = T×KL(q||p) → \(gap): at T → ∞ only the uniform q keeps up with p."
    }
}

extension String {
    /// The typographic minus, as the rest of the chapter's formulas use.
    fileprivate var replacingMinus: String { hasPrefix("-") ? "−" + dropFirst() : self }
}

extension Chapters {
    /// Teaches the physics reading of the softmax: logits are negative energies, Z
    /// the partition function, and the softmax the one distribution that minimises the
    /// free energy ⟨E⟩ − T·S, by exactly T·KL(q‖p) below any other q. The student
    /// nudges a q by hand and watches its F stay above.
    static let freeEnergy = ChapterDefinition(
        title: "Energy, entropy, free energy",
        name: "energy",
        bindings: [
            ChapterDefinition.binding("massMovedTo", [.character(">"), .shiftUp], "move 5% of q to the selected class",
                                      hint: "> < move 5% to/from it") {
                $0.energy.nudge(class: $0.instrument.selected, by: EnergySettings.nudgeStep, softmax: $0.readout.probabilities)
            },
            ChapterDefinition.binding("massMovedFrom", [.character("<"), .shiftDown], "move 5% of q away from it") {
                $0.energy.nudge(class: $0.instrument.selected, by: -EnergySettings.nudgeStep, softmax: $0.readout.probabilities)
            },
            ChapterDefinition.binding("yoursReset", [.character("r")], "reset q to p", hint: "r q = p") {
                $0.energy.nudged = nil
            },
        ],
        featured: ["temperatureRaised", "previousClassSelected"],
        needsFiniteLogits: true,
        render: { lesson, area, grid, options in
            let r = lesson.readout
            let rest = writeChapterText(EnergyText.paragraphs(r), in: area, into: &grid, options: options)
            EnergyPanel(instrument: lesson.instrument, yours: lesson.energy.yours(following: r.probabilities),
                        followsSoftmax: lesson.energy.follows(classCount: r.classCount))
                .render(in: rest, into: &grid, options: options)
        }
    )
}

/// The table of ⟨E⟩, S, F and the gap for the four distributions, the identity line
/// for the student's q, and q's bars beside p's percentages.
struct EnergyPanel {
    let instrument: ExplorerState
    let yours: [Double]
    /// Whether `yours` is p itself, not yet nudged.
    var followsSoftmax = false

    static let numberWidth = 10
    /// The narrowest bar the chart of q keeps before the panel stacks instead.
    static let minimumBarWidth = 6

    /// Where the parts go: the table and the chart side by side, the columns as wide
    /// as the room allows; or, where even the narrowest do not fit, the chart under
    /// the table.
    struct Layout: Equatable {
        var nameWidth: Int
        var numberWidth: Int
        var table: Rect
        var chart: Rect
        /// Where the identity line goes: under the table, or across the whole width.
        var identity: Rect
        var stacked: Bool
    }

    static func layout(in area: Rect, rowNames: [String], labels: [String], percentWidth: Int, identityLines: (Int) -> Int)
        -> Layout {
        let fullName = min(18, rowNames.map { TextWidth.of($0) }.max() ?? 0)
        let labelWidth = min(12, max(1, labels.map { TextWidth.of($0) }.max() ?? 1))
        // BarChart's columns: marker, label, the p column, the bar, the q percentage.
        let chartMinimum = 2 + labelWidth + 1 + percentWidth + 1 + minimumBarWidth + 7
        let gap = 2
        let classRows = 1 + labels.count
        // The widest columns that leave the names whole; at the narrowest, names may
        // be shortened to nine columns ("one-hot …") before the chart goes below.
        let tries = [(10, fullName), (9, fullName), (8, fullName), (8, min(fullName, 9))]
        for (numberWidth, shortest) in tries {
            let room = area.width - chartMinimum - gap - 4 * numberWidth
            let nameWidth = min(fullName, room)
            guard nameWidth >= shortest else { continue }
            let tableWidth = nameWidth + 4 * numberWidth
            let table = Rect(x: area.x, y: area.y, width: tableWidth, height: 5)
            let chart = Rect(x: area.x + tableWidth + gap, y: area.y, width: area.width - tableWidth - gap, height: area.height)
            // Across the whole width below both where there is room; else under the table.
            let below = area.y + max(5, classRows) + 1
            let identity = area.maxY - below >= identityLines(area.width)
                ? Rect(x: area.x, y: below, width: area.width, height: area.maxY - below)
                : Rect(x: area.x, y: area.y + 6, width: tableWidth, height: max(0, area.height - 6))
            return Layout(nameWidth: nameWidth, numberWidth: numberWidth, table: table, chart: chart, identity: identity,
                          stacked: false)
        }
        let nameWidth = min(fullName, area.width - 4 * 8)
        let identityHeight = identityLines(area.width)
        let table = Rect(x: area.x, y: area.y, width: nameWidth + 32, height: 5)
        let identity = Rect(x: area.x, y: area.y + 6, width: area.width, height: identityHeight)
        let chartTop = identity.maxY + 1
        return Layout(nameWidth: nameWidth, numberWidth: 8, table: table,
                      chart: Rect(x: area.x, y: chartTop, width: area.width, height: max(0, area.maxY - chartTop)),
                      identity: identity, stacked: true)
    }

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let r = instrument.readout
        let rows = EnergyTable.rows(logits: instrument.logits, labels: instrument.labels, temperature: r.temperature,
                                    yours: yours, followsSoftmax: followsSoftmax)
        guard area.height >= 6, area.width >= 40 else { return }
        let theme = options.theme
        let glyphs = options.glyphs
        // p's column is rounded as one distribution, as BarChart rounds q's, so each adds
        // up to 100.0%; from the readout, so e^−800 reads <0.1%, not 0%, and its top >99.9%.
        let values = PercentText.column(r)
        let percentWidth = values.map { TextWidth.of(glyphs.text($0)) }.max() ?? 0
        let identityText = rows.last.map { EnergyText.identity($0, readout: r) } ?? ""
        let layout = Self.layout(in: area, rowNames: rows.map(\.name), labels: instrument.labels, percentWidth: percentWidth,
                                 identityLines: { TooSmallScreen.wrap(glyphs.text(identityText), width: $0).count })
        let width = layout.numberWidth
        // "F − F[p]" fills a column of 10; narrower columns take the short form.
        let headers = ["⟨E⟩", "S", "F", width >= 10 ? "F − F[p]" : "F−F[p]"]
        let table = layout.table
        for (c, header) in headers.enumerated() {
            grid.writeRight(header, in: Rect(x: table.x + layout.nameWidth + c * width, y: table.y, width: width, height: 1),
                            style: theme.dim)
        }
        for (n, row) in rows.enumerated() {
            let y = table.y + 1 + n
            let style = n == 0 ? theme.emphasis : (n == rows.count - 1 ? theme.selectionRow : theme.text)
            grid.write(EnergyText.fitted(row.name, to: layout.nameWidth, glyphs: glyphs), x: table.x, y: y, style: style,
                       limit: layout.nameWidth)
            let cells = [row.meanEnergy, row.entropy, row.freeEnergy, row.gap].map { EnergyText.cell($0, width: width) }
            for (c, cell) in cells.enumerated() {
                grid.writeRight(cell, in: Rect(x: table.x + layout.nameWidth + c * width, y: y, width: width, height: 1),
                                style: style)
            }
        }
        var y = layout.identity.y
        for line in TooSmallScreen.wrap(glyphs.text(identityText), width: layout.identity.width) where y < layout.identity.maxY {
            grid.write(line, x: layout.identity.x, y: y, style: theme.text, limit: layout.identity.width)
            y += 1
        }
        if !layout.stacked, layout.identity.width == area.width, area.maxY - y >= rows.count + 3 {
            FreeEnergyAtOtherTemperatures(instrument: instrument, rows: rows)
                .render(in: Rect(x: area.x, y: y + 1, width: area.width, height: area.maxY - y - 1),
                        into: &grid, options: options)
        }
        let chart = layout.chart
        guard chart.height >= 2 else { return }
        // The headers sit over BarChart's value and bar columns, which it places the same way.
        let labelWidth = min(12, max(1, instrument.labels.map { TextWidth.of($0) }.max() ?? 1))
        let valueEnd = 2 + labelWidth + 1 + percentWidth
        grid.writeRight("p", in: Rect(x: chart.x, y: chart.y, width: valueEnd, height: 1), style: theme.dim)
        grid.write("yours q", x: chart.x + valueEnd + 1, y: chart.y, style: theme.dim)
        // A q that follows p reads as p does: its underflowed shares <0.1%, its top >99.9%.
        let shares = followsSoftmax ? ChartShares.of(r) : yours
        BarChart(labels: instrument.labels, probabilities: shares, values: values, selected: instrument.selected)
            .render(in: Rect(x: chart.x, y: chart.y + 1, width: chart.width, height: chart.height - 1),
                    into: &grid, options: options)
    }
}

/// On tall screens: F of the same four distributions at other temperatures, so the
/// softmax of each column's T can be seen lowest in every column, not just at this T.
/// The softmax row is recomputed at each T; the other rows keep their distribution.
struct FreeEnergyAtOtherTemperatures {
    let instrument: ExplorerState
    let rows: [EnergyRow]

    static let temperatures: [Double] = [0.1, 0.3, 1, 3, 10]

    /// F of each row at `t`, and whether it is the lowest. The softmax is the one
    /// minimiser of F at every T, and a row ties with it only where its q is p at that T
    /// exactly, which EnergyTable.isSoftmax decides without comparing rounded F's: at
    /// logits 800 and 0 the F's of p at T = 1 and at T = 0.1 agree in every digit a double
    /// keeps, yet only the latter is lowest at T = 0.1.
    static func column(rows: [EnergyRow], logits: [Double], at t: Temperature, dial: Temperature)
        -> [(freeEnergy: WideNumber, isLowest: Bool)] {
        rows.map { row in
            let f = row.kind == .softmax
                ? EnergyTable.freeEnergyOfSoftmax(SoftmaxReadout(logits: logits, temperature: t))
                : EnergyTable.freeEnergy(meanEnergy: row.meanEnergy.value, entropy: row.entropy.value, temperature: t)
            return (f, EnergyTable.isSoftmax(row, logits: logits, at: t, dial: dial))
        }
    }

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        let nameWidth = min(18, rows.map { TextWidth.of($0.name) }.max() ?? 0)
        let width = EnergyPanel.numberWidth
        let caption = TooSmallScreen.wrap(
            options.glyphs.text("F at other T: the softmax recomputed at each, the other rows' q kept; * marks the lowest."),
            width: area.width)
        let top = area.y + caption.count
        guard area.maxY - top >= rows.count + 1, nameWidth + Self.temperatures.count * width <= area.width else { return }
        for (i, line) in caption.enumerated() {
            grid.write(line, x: area.x, y: area.y + i, style: theme.dim, limit: area.width)
        }
        let ts = Self.temperatures.compactMap { try? Temperature($0) }
        for (c, t) in ts.enumerated() {
            if c == 0 { grid.write("at T =", x: area.x, y: top, style: theme.dim, limit: nameWidth) }
            grid.writeRight(TemperatureText.value(t), in: Rect(x: area.x + nameWidth + c * width, y: top,
                                                            width: width, height: 1), style: theme.dim)
            let column = Self.column(rows: rows, logits: instrument.logits, at: t, dial: instrument.temperature)
            for (n, entry) in column.enumerated() {
                let y = top + 1 + n
                if c == 0 {
                    grid.write(EnergyText.fitted(rows[n].name, to: nameWidth, glyphs: options.glyphs), x: area.x, y: y,
                               style: theme.text, limit: nameWidth)
                }
                grid.writeRight(EnergyText.cell(entry.freeEnergy, width: width) + (entry.isLowest ? "*" : " "),
                                in: Rect(x: area.x + nameWidth + c * width, y: y, width: width + 1, height: 1),
                                style: entry.isLowest ? theme.emphasis : theme.text)
            }
        }
    }
}
