import ArgumentParser
import SoftmaxCore

/// `softmax-lab sweep`: entropy and top probability across a range of temperatures.
struct SweepCommand: AnsweringCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Print entropy and the top probability at log-spaced temperatures."
    )

    @OptionGroup var distribution: LogitOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Lowest temperature, above 0.", valueName: "T"),
            transform: parseNumberArgument)
    var from: Double = 0.05

    @Option(parsing: .unconditional, help: ArgumentHelp("Highest temperature, above --from.", valueName: "T"),
            transform: parseNumberArgument)
    var to: Double = 20

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of temperatures, 2 to 10000.", valueName: "n"),
            transform: parseStepsArgument)
    var steps: Int = 25

    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

    func validate() throws {
        guard from > 0, from.isFinite else {
            throw ValidationError("--from must be a finite temperature above 0, not \(formatShortest(from))")
        }
        guard to > from, to.isFinite else {
            throw ValidationError("--to must be finite and above --from (\(formatShortest(from))), not \(formatShortest(to))")
        }
    }

    func answer() throws -> String {
        let temperatures = logSpaced(from: from, to: to, count: steps)
        let numbers: CellNumbers = format == .csv ? .exact : .readable
        var table = TextTable("T", "entropy", "bits", "H/ln K", "perplexity", "top p", "top")
        var points: [JSONValue] = []
        let temperatureCells = numbers.values(temperatures)
        for (row, t) in temperatures.enumerated() {
            let readout = SoftmaxReadout(logits: distribution.logits, temperature: try Temperature(t))
            let h = readout.entropyReadout
            table.append([
                temperatureCells[row], numbers.measure(h.nats), numbers.measure(h.bits), numbers.measure(h.normalized),
                numbers.measure(h.perplexity), numbers.probability(readout.topProbability), distribution.label(readout.topIndex),
            ])
            points.append(.object([
                ("temperature", .number(t)), ("entropy_nats", .number(h.nats)), ("entropy_bits", .number(h.bits)),
                ("normalized_entropy", .number(h.normalized)), ("perplexity", .number(h.perplexity)),
                ("top_probability", .number(readout.topProbability)), ("top_class", .string(distribution.label(readout.topIndex))),
            ]))
        }
        switch format {
        case .table:
            return "entropy of the softmax of \(logitCountText(distribution.logits)) from T = \(sig(from)) to \(sig(to))\n\n"
                + table.render()
        case .json: return JSONValue.object([("points", .array(points))]).render()
        case .csv: return table.csv()
        }
    }
}

func parseStepsArgument(_ text: String) throws -> Int {
    guard let n = Int(text.trimmingSpaces), n >= 2, n <= 10_000 else {
        throw ValidationError("must be a whole number from 2 to 10000")
    }
    return n
}
