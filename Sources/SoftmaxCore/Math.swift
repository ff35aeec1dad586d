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
}

@inline(__always) private func libmExp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func libmLog(_ x: Double) -> Double { log(x) }
@inline(__always) func logGamma(_ x: Double) -> Double { lgamma(x) }
