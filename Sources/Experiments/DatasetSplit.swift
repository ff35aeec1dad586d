import SoftmaxCore

/// A fixed partition of `count` examples into train (60%), validation (20%) and test
/// (the remaining ~20%), from a seeded shuffle so every machine gets the same sets.
///
/// The recipe, which Tests/ExperimentsTests/Reference/make_digits_reference.py repeats
/// in Python: start from 0, 1, …, count−1; for i from count−1 down to 1 draw
/// j = ⌊next() · (i+1) / 2⁶⁴⌋ (the high word of the 128-bit product) from
/// `SeededGenerator(seed:)`, and swap elements i and j (Fisher–Yates). The first
/// ⌊3·count/5⌋ shuffled indices are the training set, the next ⌊count/5⌋ the
/// validation set, the rest the test set. Each set keeps the shuffled order.
public struct DatasetSplit: Sendable, Equatable {
    /// The seed of the split that the experiments use: the year of Guo et al.'s
    /// "On Calibration of Modern Neural Networks", which the calibration metrics follow.
    public static let standardSeed: UInt64 = 2017

    public let seed: UInt64
    public let train: [Int]
    public let validation: [Int]
    public let test: [Int]

    public init(count: Int, seed: UInt64 = standardSeed) {
        precondition(count >= 0, "count must not be negative")
        let order = Self.shuffledIndices(count: count, seed: seed)
        let trainCount = count * 3 / 5
        let validationCount = count / 5
        self.seed = seed
        train = Array(order[..<trainCount])
        validation = Array(order[trainCount..<(trainCount + validationCount)])
        test = Array(order[(trainCount + validationCount)...])
    }

    /// 0..<count in the order of a Fisher–Yates shuffle driven by the seeded generator.
    public static func shuffledIndices(count: Int, seed: UInt64) -> [Int] {
        var order = Array(0..<count)
        var generator = SeededGenerator(seed: seed)
        var i = count - 1
        while i > 0 {
            // The high word of next() · (i+1) is uniform on 0...i up to a bias of
            // (i+1)/2⁶⁴, and takes one draw whatever the value (unlike rejection).
            let j = Int(generator.next().multipliedFullWidth(by: UInt64(i + 1)).high)
            order.swapAt(i, j)
            i -= 1
        }
        return order
    }
}
