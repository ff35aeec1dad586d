#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The C library's log and exp, under names that do not clash with the locals of a test.
func ln(_ x: Double) -> Double { log(x) }
func expOf(_ x: Double) -> Double { exp(x) }

/// Closeness for values whose size is not known in advance: an absolute tolerance up to
/// magnitude 1 and a relative one above it, so that 0.5 and -20000.5 are both checked
/// to about the same number of significant bits. Infinities must match exactly.
func isClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    if expected.isInfinite || actual.isInfinite { return actual == expected }
    return abs(actual - expected) <= tolerance * max(1, abs(expected))
}

func isClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { isClose($0, $1, tolerance: tolerance) }
}

/// Hands out fixed 64-bit words, so a sampler can be fed a chosen u or column.
struct ScriptedGenerator: RandomNumberGenerator {
    var words: [UInt64]
    private var position = 0

    init(_ words: [UInt64]) { self.words = words }

    mutating func next() -> UInt64 {
        defer { position += 1 }
        return words[position % words.count]
    }
}

/// The word from which nextUniform() yields exactly u, for u a multiple of 2^-53 in [0, 1).
func word(forUniform u: Double) -> UInt64 {
    UInt64(u * 0x1p53) << 11
}
