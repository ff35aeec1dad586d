import SoftmaxCore

/// The temperature slider's scale: log-spaced from 0.05 to 20, with the two limits
/// T -> 0 and T -> infinity one step beyond its ends.
///
/// Steps land on the grid T = 10^(k/20), so T = 1 is always on it and one step is
/// about 12 %; a far step is five of them, a quarter of a decade.
public enum TemperatureDial {
    public static let minimum = 0.05
    public static let maximum = 20.0
    public static let stepsPerDecade = 20.0
    public static let farStep = 5

    /// The temperature `steps` grid points up (or down, if negative).
    public static func moved(_ t: Temperature, by steps: Int) -> Temperature {
        guard steps != 0 else { return t }
        if steps > 0 {
            if t.isUniform { return t }
            if t.isGreedy { return finite(minimum) }
            if t.value >= maximum { return .uniform }
            // Started below the scale (--temperature 1e-300): the first step lands on its end.
            if t.value < minimum { return finite(minimum) }
            let k = (logarithm10(t.value) * stepsPerDecade + 1e-9).rounded(.down) + Double(steps)
            return finite(min(maximum, power10(k / stepsPerDecade)))
        } else {
            if t.isGreedy { return t }
            if t.isUniform { return finite(maximum) }
            if t.value <= minimum { return .greedy }
            if t.value > maximum { return finite(maximum) }
            let k = (logarithm10(t.value) * stepsPerDecade - 1e-9).rounded(.up) + Double(steps)
            return finite(max(minimum, power10(k / stepsPerDecade)))
        }
    }

    /// Where T sits on the slider, from 0 (T = 0.05 or below) to 1 (T = 20 or above).
    public static func position(of t: Temperature) -> Double {
        if t.isGreedy { return 0 }
        if t.isUniform { return 1 }
        let span = logarithm10(maximum) - logarithm10(minimum)
        return min(1, max(0, (logarithm10(t.value) - logarithm10(minimum)) / span))
    }

    /// The temperature at a position on the slider (a click on the track).
    public static func temperature(at position: Double) -> Temperature {
        let p = min(1, max(0, position))
        let span = logarithm10(maximum) - logarithm10(minimum)
        return finite(power10(logarithm10(minimum) + p * span))
    }

    private static func finite(_ value: Double) -> Temperature {
        (try? Temperature(value)) ?? .one
    }
}
