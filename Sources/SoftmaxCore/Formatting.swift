#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Number formatting shared by the CLI tables and the explorer's screen, so the
/// same value reads the same everywhere. C's printf rounds correctly, and using it
/// keeps Foundation out of the core.
public enum NumberFormat {
    /// `x` with a fixed number of decimals ("0.6364"); "inf", "-inf" and "nan" spelt out.
    public static func fixed(_ x: Double, decimals: Int) -> String {
        printf(x, "%.\(min(max(decimals, 0), 17))f")
    }

    /// `x` with `digits` significant digits, in plain or scientific notation,
    /// whichever C's %g picks ("2.718", "1e-300").
    public static func significant(_ x: Double, digits: Int) -> String {
        printf(x, "%.\(min(max(digits, 1), 17))g")
    }

    /// `x` in scientific notation with `digits` significant digits ("5.59e-01").
    public static func exponential(_ x: Double, digits: Int) -> String {
        printf(x, "%.\(min(max(digits - 1, 0), 16))e")
    }

    /// A probability as a percentage with `decimals` decimals ("63.64%").
    public static func percent(_ p: Double, decimals: Int = 1) -> String {
        fixed(p * 100, decimals: decimals) + "%"
    }

    /// The number whose natural log is `logValue`, in scientific notation with
    /// `digits` significant digits, worked out in the log domain: e^800 and e^-800
    /// leave the doubles, yet read "2.73e+347" and "3.66e-348" rather than inf and 0.
    /// Within the doubles it is the same text as `significant`.
    public static func scientific(fromLog logValue: Double, digits: Int = 3) -> String {
        if logValue.isNaN { return "nan" }
        if logValue == -.infinity { return "0" }
        if logValue == .infinity { return "inf" }
        let direct = logValue.exp
        if direct.isFinite && direct >= 1e-300 && direct <= 1e300 { return significant(direct, digits: digits) }
        // ln x = ln 10 × (e + f) with e whole and f in [0, 1): x = 10^f × 10^e.
        let log10 = logValue / 2.302585092994045684
        // Past 10^(10^15) no digit of the mantissa survives in a double's log: say
        // the power of ten itself ("10^-8.69e+299" for e^-2e300).
        guard abs(log10) < 1e15 else { return "10^" + significant(log10, digits: digits) }
        var exponent = log10.rounded(.down)
        var mantissa = printf(pow(10, log10 - exponent), "%.\(max(0, digits - 1))f")
        // Rounding can carry the mantissa to 10 ("9.999" → "10.00").
        if mantissa.hasPrefix("10") {
            exponent += 1
            mantissa = printf(pow(10, log10 - exponent), "%.\(max(0, digits - 1))f")
        }
        let sign = exponent < 0 ? "-" : "+"
        return "\(mantissa)e\(sign)\(Int(abs(exponent)))"
    }

    private static func printf(_ x: Double, _ spec: String) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        // %f of 1e308 has 309 digits; the buffer is sized for the widest double.
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
            _ = withVaList([x]) { vsnprintf(buffer.baseAddress, buffer.count, spec, $0) }
            return String(cString: buffer.baseAddress!)
        }
    }
}
