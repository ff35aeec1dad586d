import SoftmaxCore

/// The temperature slider's scale: a ladder of round values from 0.05 to 20, with
/// the two limits T → 0 and T → ∞ one step beyond its ends.
///
/// Every value a key reaches is a rung of the ladder, written exactly as it is
/// shown, so "T = 0.7" on screen is the 0.7 the softmax uses. A T that is not on
/// the ladder (typed, or from --temperature) steps to the next rung in the
/// direction pressed, so no step is ever a dead one.
public enum TemperatureDial {
    /// Roughly even steps on a log scale: about 1.2 to 1.5 times apart.
    public static let ladder: [Double] = [
        0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.2, 1.5, 2, 3, 4, 5, 7, 10, 15, 20,
    ]
    public static var minimum: Double { ladder[0] }
    public static var maximum: Double { ladder[ladder.count - 1] }
    /// A far step skips this many rungs.
    public static let farStep = 4

    /// The temperature `steps` rungs up (or down, if negative), ending at the two limits.
    public static func moved(_ t: Temperature, by steps: Int) -> Temperature {
        guard steps != 0 else { return t }
        var current = t
        for _ in 0..<abs(steps) {
            current = steps > 0 ? oneUp(current) : oneDown(current)
        }
        return current
    }

    private static func oneUp(_ t: Temperature) -> Temperature {
        if t.isUniform { return t }
        if t.isGreedy { return finite(minimum) }
        guard let next = ladder.first(where: { $0 > t.value }) else { return .uniform }
        return finite(next)
    }

    private static func oneDown(_ t: Temperature) -> Temperature {
        if t.isGreedy { return t }
        if t.isUniform { return finite(maximum) }
        guard let next = ladder.last(where: { $0 < t.value }) else { return .greedy }
        return finite(next)
    }

    /// Where T sits on the slider, from 0 (T = 0.05 or below) to 1 (T = 20 or above).
    public static func position(of t: Temperature) -> Double {
        if t.isGreedy { return 0 }
        if t.isUniform { return 1 }
        let span = logarithm10(maximum) - logarithm10(minimum)
        return min(1, max(0, (logarithm10(t.value) - logarithm10(minimum)) / span))
    }

    /// The rung nearest a position on the slider (a click on the track): a click sets
    /// a value that reads exactly, never 0.6309573.
    public static func temperature(at position: Double) -> Temperature {
        let p = min(1, max(0, position))
        let nearest = ladder.min { abs(self.position(of: finite($0)) - p) < abs(self.position(of: finite($1)) - p) }
        return finite(nearest ?? 1)
    }

    private static func finite(_ value: Double) -> Temperature {
        (try? Temperature(value)) ?? .one
    }
}
