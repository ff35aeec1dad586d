import ArgumentParser
import SoftmaxCore

/// `softmax-lab probs`: what temperature (and any cut-offs) do to these logits.
struct ProbsCommand: AnsweringCommand {
    static let configuration = CommandConfiguration(
        commandName: "probs",
        abstract: "Print the softmax of the logits at a temperature, with entropy and free energy.",
        discussion: """
            At T = 0 the greedy limit splits the mass equally over tied maxima: that is \
            the exact limit of the softmax. Decoders that take the argmax (llama.cpp's \
            greedy sampler, Hugging Face's greedy search) pick the first of them instead.
            """
    )

    @OptionGroup var distribution: DistributionOptions
    @OptionGroup var truncation: TruncationOptions
    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

    @Option(help: ArgumentHelp(
        "List the n most probable classes, or all (default: all, except that a table of more than "
            + "\(ClassListing.tableLimit) lists \(ClassListing.tableDefault) and sums the rest).",
        valueName: "n|all"))
    var show: ShowCount?

    func answer() throws -> String {
        let readout = SoftmaxReadout(logits: distribution.logits, temperature: distribution.temperature)
        let settings = try truncation.settings()
        let cut = settings.isNone ? nil : truncatedSoftmax(readout.logits, temperature: readout.temperature, settings)
        let listing = ClassListing.choose(show, format: format, probabilities: cut?.probabilities ?? readout.probabilities,
                                          logits: readout.logits)
        let report = ProbsReport(readout: readout, truncated: cut, settings: settings, label: distribution.label,
                                 listing: listing)
        switch format {
        case .table: return report.table()
        case .json: return report.json().render()
        case .csv: return report.rows(.exact).csv(temperature: readout.temperature)
        }
    }
}

/// The answer of `probs`, in each output format.
struct ProbsReport {
    let readout: SoftmaxReadout
    let truncated: TruncatedDistribution?
    let settings: TruncationSettings
    let label: (Int) -> String
    let listing: ClassListing

    /// The distribution after the cut-offs, or the softmax itself when there are none.
    var final: [Double] { truncated?.probabilities ?? readout.probabilities }

    func rows(_ numbers: CellNumbers = .readable) -> TextTable {
        // CSV keeps every numeric column numeric: a cut or masked class is 0, and columns
        // of their own say whether it was kept and whether it is masked.
        var table = truncated == nil
            ? TextTable("class", "logit", "z/T", "probability", "cumulative")
            : numbers == .exact
                ? TextTable("class", "logit", "z/T", "softmax", "after cuts", "kept", "cumulative")
                : TextTable("class", "logit", "z/T", "softmax", "after cuts", "cumulative")
        if numbers == .exact { table = table.adding("masked") }
        // Each column is formatted as a whole, so it keeps one number style; only the
        // listed classes are formatted, in the order they are listed.
        let t = readout.temperature
        let listed = listing.indices
        let pick = { (values: [Double]) in listed.map { values[$0] } }
        let logits = numbers.values(pick(readout.logits))
        let scaled = numbers.values(listed.map { scaledLogit(readout.logits[$0], temperature: t) })
        let softmax = numbers.probabilities(pick(readout.probabilities), logs: pick(readout.logProbabilities))
        let after = truncated.map { numbers.probabilities(pick($0.probabilities)) }
        let cumulative = numbers.probabilities(cumulativeSums(pick(final)))
        for (k, i) in listed.enumerated() {
            // The table says "masked" where a number would read as a class that merely
            // came out at 0; CSV keeps the 0 and says it in the masked column.
            let masked = readout.isMasked(i) && numbers == .readable
            var row = [label(i), logits[k], scaled[k], masked ? Self.maskedCell : softmax[k]]
            if let truncated, let after {
                if numbers == .exact {
                    row += [after[k], truncated.kept[i] ? "true" : "false"]
                } else {
                    row.append(masked ? Self.maskedCell : truncated.kept[i] ? after[k] : "cut")
                }
            }
            row.append(cumulative[k])
            if numbers == .exact { row.append(readout.isMasked(i) ? "true" : "false") }
            table.append(row)
        }
        return table
    }

    func table() -> String {
        let t = readout.temperature
        var lines = ["softmax of \(logitCountText(readout.logits)) at T = \(t)"]
        if !settings.isNone { lines[0] += settings.cutsFollowTemperature ? ", then " + settingsText : ", " + settingsText }
        if !listing.isComplete {
            lines.append("the \(listing.indices.count) most probable, most probable first (--show all lists every class)")
        }
        lines += ["", rows().render()]
        if !listing.isComplete { lines.append(restLine) }
        lines.append("")
        let h = finalEntropy
        let which = truncated == nil ? "" : " (after cuts)"
        lines.append("entropy\(which)  \(fixed(h.nats)) nats = \(fixed(h.bits)) bits, H/ln K = \(fixed(h.normalized))")
        lines.append("perplexity\(which)  \(fixed(h.perplexity))")
        lines.append("ln Z  \(sig(readout.logPartition))    F = -T ln Z = \(sig(readout.freeEnergy))")
        lines.append("<E> = \(sig(readout.meanEnergy)) (energies E = -z), S = \(fixed(readout.entropy)), F = <E> - T S")
        return lines.joined(separator: "\n")
    }

    func json() -> JSONValue {
        // Running sums in the order the classes are listed.
        let cumulative = cumulativeSums(listing.indices.map { final[$0] })
        let classes: [JSONValue] = listing.indices.enumerated().map { k, i in
            var fields: [(String, JSONValue)] = [
                ("label", .string(label(i))),
                // null for a masked class's -inf, as for every infinity; masked says why.
                ("logit", .number(readout.logits[i])),
                ("masked", .bool(readout.isMasked(i))),
                ("scaled_logit", .number(scaledLogit(readout.logits[i], temperature: readout.temperature))),
                // null where the probability is below the smallest double; log_probability holds it.
                ("probability", Self.underflows(readout, i) ? .null : .number(readout.probabilities[i])),
                ("log_probability", .number(readout.logProbabilities[i])),
            ]
            if let truncated {
                fields.append(("kept", .bool(truncated.kept[i])))
                fields.append(("probability_after_cuts", .number(truncated.probabilities[i])))
            }
            fields.append(("cumulative", .number(cumulative[k])))
            return .object(fields)
        }
        let h = finalEntropy
        var fields = readout.temperature.jsonFields
        fields += settings.jsonFields
        fields += [
            ("class_count", .integer(readout.classCount)),
            ("classes_listed", .string(listing.isComplete ? "all" : "most probable \(listing.indices.count)")),
            ("classes", .array(classes)),
            ("entropy_nats", .number(h.nats)),
            ("entropy_bits", .number(h.bits)),
            ("normalized_entropy", .number(h.normalized)),
            ("perplexity", .number(h.perplexity)),
            ("log_partition", .number(readout.logPartition)),
            ("mean_energy", .number(readout.meanEnergy)),
            ("softmax_entropy_nats", .number(readout.entropy)),
            ("free_energy", .number(readout.freeEnergy)),
        ]
        if readout.logits.indices.contains(where: { Self.underflows(readout, $0) }) {
            fields.append(("note", .string("probability is null where it is below the smallest double; "
                                           + "log_probability holds its natural log")))
        }
        return .object(fields)
    }

    /// A class with weight whose probability is too small for a double (e^-800).
    static func underflows(_ r: SoftmaxReadout, _ i: Int) -> Bool {
        r.probabilities[i] == 0 && r.logProbabilities[i].isFinite
    }

    /// The entropy of what is finally sampled from: after the cuts, if any. K counts
    /// the unmasked classes, as if the masked ones were not there.
    private var finalEntropy: EntropyReadout {
        truncated.map { EntropyReadout(nats: entropy($0.probabilities), classCount: readout.unmaskedCount) }
            ?? readout.entropyReadout
    }

    /// The classes not listed: how many, and the probability they hold together.
    private var restLine: String {
        let listed = Set(listing.indices)
        var softmaxMass = 0.0, finalMass = 0.0
        for i in readout.probabilities.indices where !listed.contains(i) {
            softmaxMass += readout.probabilities[i]
            finalMass += final[i]
        }
        let n = listing.omitted
        return "... \(n) more class\(n == 1 ? "" : "es"), holding \(sig(softmaxMass)) of the softmax"
            + (truncated == nil ? "" : " and \(sig(finalMass)) after the cuts")
    }

    /// What the table's probability columns say for a masked class.
    static let maskedCell = "masked"

    /// The cuts in the order they run; when some run before the temperature, the whole
    /// chain, so that it says which distribution each cut judged.
    private var settingsText: String {
        var parts: [String] = []
        for stage in settings.order {
            switch stage {
            case .temperature: if !settings.cutsFollowTemperature { parts.append("T") }
            case .topK: if let k = settings.topK { parts.append("top-k \(k)") }
            case .topP: if let p = settings.topP { parts.append("top-p \(formatShortest(p))") }
            case .minP: if let p = settings.minP { parts.append("min-p \(formatShortest(p))") }
            }
        }
        let keep = settings.minKeep > 1 ? " (each keeping at least \(settings.minKeep))" : ""
        guard !settings.cutsFollowTemperature else { return parts.joined(separator: ", ") + keep }
        return "samplers " + parts.joined(separator: " -> ") + keep + "; cuts before T judge the softmax at T = 1"
    }
}

/// "3 logits", or "3 logits (1 masked)" when some are -inf.
func logitCountText(_ logits: [Double]) -> String {
    let masked = logits.count - unmaskedClassCount(logits)
    return "\(logits.count) logit\(logits.count == 1 ? "" : "s")" + (masked > 0 ? " (\(masked) masked)" : "")
}

func fixed(_ x: Double) -> String { NumberFormat.fixed(x, decimals: 4) }
/// Four decimals, or three significant digits below 0.001, so that a distance that
/// shrinks with 10^9 draws never reads as 0.0000.
func smallMeasure(_ x: Double) -> String {
    x != 0 && abs(x) < 0.001 ? NumberFormat.significant(x, digits: 3) : fixed(x)
}
func sig(_ x: Double) -> String { NumberFormat.significant(x, digits: 6) }

/// How numbers are written in a table's cells: rounded for people to read, or
/// exact (the shortest text that reads back as the same double) for CSV, which
/// other programs read.
enum CellNumbers {
    case readable, exact

    /// Probabilities: six decimals, or scientific below 1e-4 so that a small but
    /// non-zero probability never reads as zero. Given its log, a probability below
    /// the smallest double is written from the log (e^-800 is 3.66e-348, not 0).
    func probability(_ p: Double, log: Double? = nil) -> String {
        if p == 0, let log, log.isFinite {
            return NumberFormat.scientific(fromLog: log, digits: self == .exact ? 12 : 3)
        }
        if self == .exact { return formatShortest(p) }
        if p == 0 { return "0" }
        if p < 1e-4 { return NumberFormat.significant(p, digits: 3) }
        return NumberFormat.fixed(p, decimals: 6)
    }

    /// Logits, temperatures and other values: six significant digits.
    func value(_ x: Double) -> String {
        self == .exact ? formatShortest(x) : sig(x)
    }

    /// A column of values in one style: six significant digits in plain notation
    /// while every value reads well that way, else all in scientific notation.
    func values(_ xs: [Double]) -> [String] {
        guard self == .readable else { return xs.map(formatShortest) }
        let plain = xs.allSatisfy { !$0.isFinite || $0 == 0 || (abs($0) >= 1e-4 && abs($0) < 1e6) }
        return xs.map { plain || !$0.isFinite ? sig($0) : NumberFormat.exponential($0, digits: 6) }
    }

    /// A column of probabilities in one style: six decimals, or, once any of them is
    /// below 1e-4 (and would read as 0.000000), all in scientific notation. A
    /// probability below the doubles is written from its log.
    func probabilities(_ ps: [Double], logs: [Double]? = nil) -> [String] {
        let log = { (i: Int) -> Double? in logs.flatMap { $0.indices.contains(i) ? $0[i] : nil } }
        guard self == .readable else { return ps.indices.map { probability(ps[$0], log: log($0)) } }
        let scientific = ps.indices.contains { i in
            (ps[i] > 0 && ps[i] < 1e-4) || (ps[i] == 0 && log(i)?.isFinite == true)
        }
        return ps.indices.map { i in
            let p = ps[i]
            if p == 0, let l = log(i), l.isFinite { return NumberFormat.scientific(fromLog: l, digits: 3) }
            if p == 0 { return "0" }
            return scientific ? NumberFormat.exponential(p, digits: 4) : NumberFormat.fixed(p, decimals: 6)
        }
    }

    /// Entropies and distances: four decimals.
    func measure(_ x: Double) -> String {
        self == .exact ? formatShortest(x) : fixed(x)
    }
}
