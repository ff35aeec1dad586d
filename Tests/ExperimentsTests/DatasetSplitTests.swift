import Experiments
import Testing

/// The seeded 60/20/20 split against the Python re-implementation of the generator and
/// the shuffle in Reference/make_digits_reference.py.
@Suite struct DatasetSplitTests {
    @Test func theStandardSplitIsThePythonOneIndexForIndex() throws {
        let reference = try References.digits.get().split
        #expect(reference.seed == DatasetSplit.standardSeed)
        let split = DatasetSplit(count: 1_797)
        #expect(split.train == reference.train)
        #expect(split.validation == reference.validation)
        #expect(split.test == reference.test)
    }

    @Test func itPartitionsTheExamples() {
        let split = DatasetSplit(count: 1_797)
        #expect(split.train.count == 1_078 && split.validation.count == 359 && split.test.count == 360)
        let all = split.train + split.validation + split.test
        #expect(all.sorted() == Array(0..<1_797))
    }

    @Test func theSeedDecidesTheOrder() {
        #expect(DatasetSplit(count: 100, seed: 5) == DatasetSplit(count: 100, seed: 5))
        #expect(DatasetSplit(count: 100, seed: 5).train != DatasetSplit(count: 100, seed: 6).train)
        #expect(DatasetSplit.shuffledIndices(count: 100, seed: 5) != Array(0..<100))
    }

    @Test(arguments: [0, 1, 2, 4, 5, 7])
    func smallCountsSplitByTheSameRule(count: Int) {
        let split = DatasetSplit(count: count)
        #expect(split.train.count == count * 3 / 5)
        #expect(split.validation.count == count / 5)
        #expect((split.train + split.validation + split.test).sorted() == Array(0..<count))
    }
}
