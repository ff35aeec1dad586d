import Testing
@testable import LogitFiles

/// The matrix's row access and the check that warns when logits look like probabilities.
@Suite struct LogitMatrixTests {
    @Test func rowsAreSlicesOfTheRowMajorValues() throws {
        let read = try LogitFiles.readLogits(bytes: Array("1,2,3\n4,5,6\n".utf8), file: "m.csv")
        #expect(read.logits.row(1) == [4, 5, 6])
        #expect(read.logits[0, 2] == 3)
    }

    @Test func rowsOfProbabilitiesLookLikeProbabilities() {
        let matrix = LogitMatrix(rows: 2, columns: 3, values: [0.2, 0.3, 0.5, 1, 0, 0])
        #expect(matrix.looksLikeProbabilities())
    }

    /// Each way of not being probabilities: a row summing to 1 + 2e-6, a negative entry
    /// in a row summing to 1, an entry above 1, a NaN, and ordinary logits.
    @Test(arguments: [
        [0.2, 0.3, 0.500002], [-0.1, 0.6, 0.5], [1.5, -0.25, -0.25], [.nan, 0.5, 0.5], [2.0, 1.0, 0.1],
    ])
    func aRowThatIsNotProbabilitiesSpoilsTheMatrix(row: [Double]) {
        let matrix = LogitMatrix(rows: 2, columns: 3, values: [0.2, 0.3, 0.5] + row)
        #expect(!matrix.looksLikeProbabilities())
    }

    @Test func theProbabilitiesToleranceIsOneInAMillion() {
        #expect(LogitMatrix(rows: 1, columns: 2, values: [0.5, 0.5000009]).looksLikeProbabilities())
        #expect(!LogitMatrix(rows: 1, columns: 2, values: [0.5, 0.5000011]).looksLikeProbabilities())
    }
}
