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

    /// A probability as a percentage with `decimals` decimals ("63.64%").
    public static func percent(_ p: Double, decimals: Int = 1) -> String {
        fixed(p * 100, decimals: decimals) + "%"
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
