#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Short spellings of the C library's functions, so that the other files of the core
// need no platform import of their own.
extension Double {
    @inline(__always) var exp: Double { libmExp(self) }
    @inline(__always) var log: Double { libmLog(self) }
    /// `ln(1 + x)`, exact for tiny x where `(1 + x).log` rounds to 0.
    @inline(__always) var log1p: Double { libmLog1p(self) }
}

@inline(__always) private func libmExp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func libmLog(_ x: Double) -> Double { log(x) }
@inline(__always) private func libmLog1p(_ x: Double) -> Double { log1p(x) }
@inline(__always) func logGamma(_ x: Double) -> Double { lgamma(x) }
