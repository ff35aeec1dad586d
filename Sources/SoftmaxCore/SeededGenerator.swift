/// xoshiro256** seeded through SplitMix64: a small, fast generator whose output
/// depends only on the seed, so a class can replay a demo on any machine.
///
/// Swift's own `SystemRandomNumberGenerator` cannot be seeded, and the standard
/// library does not promise how `Double.random(in:using:)` consumes bits, so
/// uniforms come from `nextUniform()`, whose recipe is fixed here.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var s0, s1, s2, s3: UInt64

    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(by: 45)
        return result
    }
}

extension RandomNumberGenerator {
    /// A uniform double in [0, 1) from the top 53 bits of one 64-bit output.
    @inline(__always)
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}

/// SplitMix64 spreads a seed such as 0 or 1 over all 256 bits of xoshiro's state,
/// as the xoshiro authors recommend.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension UInt64 {
    @inline(__always)
    func rotatedLeft(by k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}
