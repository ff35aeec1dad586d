#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The few libm functions the UI's scales need, under names that no member shadows.
@inline(__always) func power10(_ x: Double) -> Double { pow(10, x) }
@inline(__always) func logarithm10(_ x: Double) -> Double { log10(x) }
