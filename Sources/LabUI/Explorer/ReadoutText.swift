import SoftmaxCore

/// How temperatures read on screen: three significant digits, or the limit's name.
public enum TemperatureText {
    /// "T = 0.501", or "T → 0" and "T → ∞" at the limits.
    public static func equation(_ t: Temperature) -> String {
        t.isGreedy || t.isUniform ? "T \(value(t))" : "T = \(value(t))"
    }

    public static func value(_ t: Temperature) -> String {
        if t.isGreedy { return "→ 0" }
        if t.isUniform { return "→ ∞" }
        // Three significant digits when they are exactly T (every rung of the dial),
        // else every digit it takes: a shown T is the T used.
        let short = NumberFormat.significant(t.value, digits: 3).withTrailingZeros(significant: 3)
        return Double(short) == t.value ? short : formatShortest(t.value)
    }
}

/// Percentages with one decimal that never show a non-zero probability as 0 %
/// or an uncertain one as 100 %.
public enum PercentText {
    public static func of(_ p: Double) -> String {
        if p <= 0 { return "0%" }
        if p < 0.0005 { return "<0.1%" }
        if p >= 1 { return "100%" }
        if p > 0.9995 { return ">99.9%" }
        return NumberFormat.fixed(p * 100, decimals: 1) + "%"
    }

    /// A column of percentages that add up to exactly 100.0: each p is rounded to
    /// tenths of a percent by largest remainder (Hamilton's method), so the tenths
    /// sum to 1000. A non-zero p given no tenth still reads "<0.1%", never 0, and a
    /// p below 1 given all of them reads ">99.9%", never 100; the formula line keeps
    /// the exact values.
    public static func column(_ probabilities: [Double]) -> [String] {
        column(probabilities, logProbabilities: nil)
    }

    /// The column for a readout: its log-probabilities tell a class whose probability
    /// underflowed (e^-800, shown "<0.1%", never 0) from one with no weight at all,
    /// and so a top class that only rounds to 1 (">99.9%") from a certain one ("100%").
    /// A masked class (logit -inf) reads "masked", never 0%.
    public static func column(_ r: SoftmaxReadout) -> [String] {
        masking(column(r.probabilities, logProbabilities: r.logProbabilities), of: r)
    }

    /// A column for what a cut left: each survivor's share from the softmax of the
    /// survivors' own logits at T (so a share that underflowed reads "<0.1%", never 0),
    /// adding up to 100.0, and `cut` for the others.
    public static func survivors(logits: [Double], kept: [Bool], temperature: Temperature, cut: String) -> [String] {
        let survivors = kept.indices.filter { kept[$0] }
        let column = self.column(SoftmaxReadout(logits: survivors.map { logits[$0] }, temperature: temperature))
        var texts = Array(repeating: cut, count: kept.count)
        for (n, i) in survivors.enumerated() { texts[i] = column[n] }
        return texts
    }

    /// What a percentage column says for a masked class: it is not a class that came
    /// out at 0%, but one that cannot occur at any T.
    public static let masked = "masked"

    /// `texts` with each masked class of `r` reading "masked".
    public static func masking(_ texts: [String], of r: SoftmaxReadout) -> [String] {
        texts.indices.map { r.logits.indices.contains($0) && r.isMasked($0) ? masked : texts[$0] }
    }

    static func column(_ probabilities: [Double], logProbabilities: [Double]?) -> [String] {
        let hasWeight = { (i: Int) -> Bool in
            probabilities[i] > 0 || (logProbabilities.map { $0.indices.contains(i) && $0[i].isFinite } ?? false)
        }
        return tenths(probabilities).enumerated().map { i, tenths in
            let p = probabilities[i]
            if !hasWeight(i) { return "0%" }
            if tenths == 0 { return "<0.1%" }
            if tenths >= 1000 {
                let othersHaveWeight = probabilities.indices.contains { $0 != i && hasWeight($0) }
                return p >= 1 && !othersHaveWeight ? "100%" : ">99.9%"
            }
            return NumberFormat.fixed(Double(tenths) / 10, decimals: 1) + "%"
        }
    }

    /// Each p in tenths of a percent, by largest remainder, summing to 1000 when the
    /// probabilities sum to 1 (ties in the remainder go to the earlier class).
    public static func tenths(_ probabilities: [Double]) -> [Int] {
        let scaled = probabilities.map { max(0, $0.isFinite ? $0 : 0) * 1000 }
        var whole = scaled.map { Int($0.rounded(.down)) }
        let total = Int((scaled.reduce(0, +)).rounded())
        // Remainders equal but for rounding noise count as equal, so a tie goes to the earlier class.
        let remainder = scaled.indices.map { ((scaled[$0] - Double(whole[$0])) * 1e9).rounded() }
        let order = scaled.indices.sorted { (remainder[$0], $1) > (remainder[$1], $0) }
        var missing = total - whole.reduce(0, +)
        for i in order where missing > 0 {
            whole[i] += 1
            missing -= 1
        }
        return whole
    }
}

/// The live formula for the selected class, with its numbers filled in.
enum FormulaText {
    /// The fullest form of the formula that fits in `width` columns; shorter forms
    /// drop words, never the result.
    static func line(_ r: SoftmaxReadout, selected i: Int, labels: [String], logitText: String, width: Int) -> String {
        let candidates = forms(r, selected: i, label: labels[i], logitText: logitText)
            + forms(r, selected: i, label: TextWidth.truncate(labels[i], to: 4), logitText: logitText)
        return candidates.first { TextWidth.of($0) <= width } ?? candidates.last ?? ""
    }

    private static func forms(_ r: SoftmaxReadout, selected i: Int, label: String, logitText z: String) -> [String] {
        let p = NumberFormat.fixed(r.probabilities[i], decimals: 4)
        let t = r.temperature
        if r.isMasked(i) {
            return ["p(\(label)) = 0 at every T: its logit is -inf, so \(label) is masked", "p(\(label)) = 0: masked"]
        }
        if t.isGreedy {
            let m = r.tiedMaximumCount
            if r.logits[i] != r.maxLogit {
                return ["T → 0: p(\(label)) = 0, because \(label) is not the largest logit", "T → 0: p(\(label)) = 0"]
            }
            return m == 1
                ? ["T → 0: p(\(label)) = 1, the largest logit takes all", "T → 0: p(\(label)) = 1"]
                : ["T → 0: p(\(label)) = 1/\(m) = \(p), shared by the \(m) tied largest logits", "T → 0: p(\(label)) = 1/\(m) = \(p)"]
        }
        if t.isUniform {
            // K counts the unmasked classes: a masked one keeps weight 0 in the limit too.
            let k = r.unmaskedCount
            let every = k < r.classCount ? "every unmasked z/T → 0" : "every z/T → 0"
            return ["T → ∞: \(every), so p(\(label)) = 1/K = 1/\(k) = \(p)", "T → ∞: p(\(label)) = 1/\(k) = \(p)"]
        }
        let tt = TemperatureText.value(t)
        let numerator = r.weight(i)
        let denominator = r.partitionFunction
        if numerator.isFinite && denominator.isFinite && denominator < 1e15 && numerator > 1e-4 {
            let n = short(numerator)
            let d = short(denominator)
            return ["p(\(label)) = exp(\(z)/\(tt)) / Σ exp(z/T) = \(n) / \(d) = \(p)",
                    "p(\(label)) = exp(\(z)/\(tt)) / \(d) = \(n) / \(d) = \(p)",
                    "p(\(label)) = \(n) / \(d) = \(p)", "p(\(label)) = \(p)"]
        }
        // exp(z/T) would overflow or read as 0: show the max-subtracted form the code uses.
        let n = short(r.shiftedWeights[i])
        let d = short(r.shiftedPartition)
        return ["p(\(label)) = exp((z−max)/T) / Σ exp((z−max)/T) = \(n) / \(d) = \(p)",
                "p(\(label)) = \(n) / \(d) = \(p)  (max subtracted)", "p(\(label)) = \(p)"]
    }

    private static func short(_ x: Double) -> String {
        x >= 0.001 && x < 1e6 ? NumberFormat.significant(x, digits: 5) : NumberFormat.significant(x, digits: 3)
    }
}

extension String {
    /// "%.3g" drops trailing zeros ("1", "20"); put them back ("1.00", "20.0") so the
    /// temperature keeps its width as it turns.
    func withTrailingZeros(significant: Int) -> String {
        guard !contains("e") else { return self }
        let digits = filter(\.isNumber).drop { $0 == "0" }.count
        guard digits < significant, digits > 0 else { return self }
        return (contains(".") ? self : self + ".") + String(repeating: "0", count: significant - digits)
    }
}

/// What one draw means, in a line: the answer to "why didn't it pick the most likely one?"
enum DrawText {
    static func explanation(of draw: Draw, readout: SoftmaxReadout, labels: [String]) -> String {
        let top = readout.topIndex
        let p = readout.probabilities
        let tied = readout.tiedMaximumCount
        if readout.logits[draw.index] == readout.maxLogit && tied > 1 {
            return "tied for likeliest with \(tied - 1) other\(tied > 2 ? "s" : ""), picked in \(PercentText.of(p[draw.index])) of draws"
        }
        if draw.index == top || p[draw.index] == p[top] {
            return "the likeliest class, picked in \(PercentText.of(p[draw.index])) of draws"
        }
        return "not the likeliest: \(PercentText.of(p[draw.index])) of draws pick \(labels[draw.index]), "
            + "\(PercentText.of(1 - p[top])) miss \(labels[top])"
    }
}

/// The likeliest class, or the tie when several logits share the maximum (a tie
/// holds at every T, so it is never "the likeliest" one of them).
public enum TopText {
    public static func of(_ r: SoftmaxReadout, labels: [String]) -> String {
        let top = r.topIndex
        let shown = PercentText.column(r)[top]
        let tied = r.logits.indices.filter { r.logits[$0] == r.maxLogit }
        func label(_ i: Int) -> String { labels.indices.contains(i) ? labels[i] : "?" }
        switch tied.count {
        case 0, 1: return "top: \(label(top)) \(shown)"
        case 2: return "tie: \(label(tied[0])) and \(label(tied[1])), \(shown) each"
        default: return "\(tied.count)-way tie, \(shown) each"
        }
    }
}
