import SoftmaxCore

/// One to four random changes to a valid input, as the readers' fuzz tests make them: a
/// bit flipped, the end cut off, a byte inserted, a byte overwritten.
func randomlyMutated(_ valid: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
    var bytes = valid
    for _ in 0..<Int.random(in: 1...4, using: &random) {
        let i = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0: bytes[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
        case 1: bytes = Array(bytes[..<i])
        case 2: bytes.insert(UInt8.random(in: 0...255, using: &random), at: i)
        default: bytes[i] = UInt8.random(in: 0...255, using: &random)
        }
        if bytes.isEmpty { break }
    }
    return bytes
}
