import ArgumentParser
import SoftmaxCore

/// `softmax-lab sample`: draw from the softmax and compare the counts with it.
struct SampleCommand: AnsweringCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw from the softmax and compare the counts with the probabilities."
    )

    /// Enough for any classroom question, and about five seconds of drawing.
    static let maximumCount = 1_000_000_000

    @OptionGroup var distribution: DistributionOptions
    @OptionGroup var truncation: TruncationOptions

    @Option(
        name: [.customShort("n"), .long], parsing: .unconditional,
        help: ArgumentHelp("How many draws, 1 to 10^9.", valueName: "n"),
        transform: parseCountArgument)
    var count: Int = 1000

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Seed for the random generator; the same seed gives the same draws everywhere. Random if omitted.", valueName: "n"),
        transform: parseSeedArgument)
    var seed: UInt64?

    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

    @Option(help: ArgumentHelp(
        "List the n most probable classes, or all (default: all, except that a table of more than "
            + "\(ClassListing.tableLimit) lists \(ClassListing.tableDefault)).",
        valueName: "n|all"))
    var show: ShowCount?

    func answer() throws -> String {
        let settings = try truncation.settings()
        let probabilities = truncatedSoftmax(distribution.logits, temperature: distribution.temperature, settings).probabilities
        let seed = self.seed ?? UInt64.random(in: 0...UInt64(Int64.max))
        var generator = SeededGenerator(seed: seed)
        let counts = AliasTable(probabilities: probabilities).counts(draws: count, using: &generator)
        let listing = ClassListing.choose(show, format: format, probabilities: probabilities, logits: distribution.logits)
        let report = SampleReport(
            probabilities: probabilities, masked: distribution.logits.map(\.isMaskedLogit),
            histogram: Histogram(counts: counts), seed: seed,
            temperature: distribution.temperature, label: distribution.label, listing: listing)
        switch format {
        case .table: return report.table()
        case .json: return report.json().render()
        case .csv: return report.rows(.exact).csv(temperature: distribution.temperature)
        }
    }
}

func parseCountArgument(_ text: String) throws -> Int {
    guard let n = Int(text.trimmingSpaces), n >= 1, n <= SampleCommand.maximumCount else {
        throw ValidationError("must be a whole number from 1 to 1000000000")
    }
    return n
}

func parseSeedArgument(_ text: String) throws -> UInt64 {
    guard let seed = UInt64(text.trimmingSpaces) else {
        throw ValidationError("must be a whole number from 0 to 18446744073709551615")
    }
    return seed
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

struct SampleReport {
    let probabilities: [Double]
    /// Which classes have a logit of -inf: never drawn, and said so rather than 0.
    let masked: [Bool]
    let histogram: Histogram
    let seed: UInt64
    let temperature: Temperature
    let label: (Int) -> String
    var listing: ClassListing

    var chiSquare: ChiSquareTest { ChiSquareTest(counts: histogram.counts, probabilities: probabilities) }

    func rows(_ numbers: CellNumbers = .readable) -> TextTable {
        var table = TextTable("class", "count", "frequency", "expected", "difference")
        if numbers == .exact { table = table.adding("masked") }
        let frequencies = histogram.frequencies
        // Each column formatted as a whole, in one number style.
        let listed = listing.indices
        let frequencyCells = numbers.probabilities(listed.map { frequencies[$0] })
        let expectedCells = numbers.probabilities(listed.map { probabilities[$0] })
        let differenceCells = numbers.values(listed.map { frequencies[$0] - probabilities[$0] })
        for (k, i) in listed.enumerated() {
            let maskedCell = masked[i] && numbers == .readable
            var row = [
                label(i), String(histogram.counts[i]),
                frequencyCells[k], maskedCell ? ProbsReport.maskedCell : expectedCells[k], differenceCells[k],
            ]
            if numbers == .exact { row.append(masked[i] ? "true" : "false") }
            table.append(row)
        }
        return table
    }

    func table() -> String {
        let n = histogram.total
        let test = chiSquare
        return [
            "\(n) draw\(n == 1 ? "" : "s") at T = \(temperature), seed \(seed)",
            "",
            rows().render() + (listing.isComplete ? "" : "\n... \(listing.omitted) more classes (--show all lists them)"),
            "",
            "total-variation distance  \(smallMeasure(histogram.totalVariation(from: probabilities)))"
                + "  (1/sqrt(n) = \(smallMeasure(inverseSquareRoot(n))))",
            "chi-square  \(sig(test.statistic)) with \(test.degreesOfFreedom) degrees of freedom, p = \(sig(test.pValue))",
        ].joined(separator: "\n")
    }

    func json() -> JSONValue {
        let frequencies = histogram.frequencies
        let classes: [JSONValue] = listing.indices.map { i in
            .object([
                ("label", .string(label(i))),
                ("masked", .bool(masked[i])),
                ("count", .integer(histogram.counts[i])),
                ("frequency", .number(frequencies[i])),
                ("expected", .number(probabilities[i])),
            ])
        }
        let test = chiSquare
        return .object(temperature.jsonFields + [
            ("draws", .integer(histogram.total)),
            ("seed", .string(String(seed))),
            ("classes", .array(classes)),
            ("total_variation", .number(histogram.totalVariation(from: probabilities))),
            ("chi_square", .number(test.statistic)),
            ("degrees_of_freedom", .integer(test.degreesOfFreedom)),
            ("p_value", .number(test.pValue)),
        ])
    }
}

func inverseSquareRoot(_ n: Int) -> Double { n > 0 ? 1 / Double(n).squareRoot() : 0 }
