import ArgumentParser
import LogitFiles
import SoftmaxCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `softmax-lab tokens FILE`: a language model's recorded generation, re-tempered.
struct TokensCommand: AnsweringCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Re-temper a recorded generation's logprobs (OpenAI, llama.cpp server or Ollama).",
        discussion: """
            Reads the logprobs of a response: OpenAI-style chat completions \
            (choices[0].logprobs.content[].top_logprobs), the llama.cpp server \
            (completion_probabilities, with n_probs) or Ollama (logprobs, with top_logprobs). \
            The listed log-probabilities are treated as logits: at --temperature T, with the \
            cuts, the chosen token's probability is among the listed tokens only, renormalised. \
            The mass the list leaves out ("other") is known only at the temperature the API \
            reported, and is shown as that.
            """
    )

    @Argument(help: ArgumentHelp("The JSON response with logprobs, or - for standard input.", valueName: "file"))
    var file: String

    @OptionGroup var tempered: TemperatureOption
    var temperature: Temperature { tempered.temperature }

    @OptionGroup var truncation: TruncationOptions
    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

    func answer() throws -> String {
        let bytes = try LogitFileOption.readWholeInput(file)
        let name = file == LogitFiles.standardInputPath ? LogitFiles.standardInputName : file
        let generation: TokenLogprobs.Generation
        do {
            generation = try TokenLogprobs.parse(bytes)
        } catch {
            throw DataError("\(visibleText(name)): " + error.description)
        }
        let settings = try truncation.settings()
        var positions: [RetemperedPosition] = []
        for (n, position) in generation.positions.enumerated() {
            guard let read = RetemperedPosition(position, temperature: temperature, settings: settings) else {
                throw DataError("\(visibleText(name)): token \(n) lists no token with a probability above 0")
            }
            positions.append(read)
        }
        let report = TokensReport(generation: generation, positions: positions, temperature: temperature,
                                  settings: settings)
        switch format {
        case .table: return report.table()
        case .json: return report.json().render()
        case .csv: return report.rows().csv(temperature: temperature)
        }
    }
}

/// One position of the generation, its listed tokens re-tempered as logits.
struct RetemperedPosition {
    let listed: ListedTokens
    let distribution: TruncatedDistribution

    init?(_ position: TokenLogprobs.Position, temperature: Temperature, settings: TruncationSettings) {
        guard let listed = ListedTokens(position) else { return nil }
        self.listed = listed
        distribution = listed.retempered(temperature: temperature, settings: settings)
    }

    var token: String { listed.token }
    var classes: [(token: String, logprob: Double)] { Array(zip(listed.tokens, listed.logprobs)) }
    var chosen: Int? { listed.chosen }
    var chosenListed: Bool { listed.chosenListed }
    var reported: [Double] { listed.reported }
    var unlisted: Double { listed.unlisted }
    var chosenProbability: Double? { chosen.map { distribution.probabilities[$0] } }
    var chosenKept: Bool? { chosen.map { distribution.kept[$0] } }
    var entropyNats: Double { entropy(distribution.probabilities) }
}

struct TokensReport {
    let generation: TokenLogprobs.Generation
    let positions: [RetemperedPosition]
    let temperature: Temperature
    let settings: TruncationSettings

    var formatName: String { Self.sourceName(generation) }

    static func sourceName(_ generation: TokenLogprobs.Generation) -> String {
        switch generation.format {
        case .openAI: return "OpenAI chat completions"
        case .llamaCpp: return "llama.cpp server" + (generation.postSampling ? " (post-sampling probabilities)" : "")
        case .ollama: return "Ollama"
        }
    }

    static let assumption = "the listed log-probabilities are taken as logits; the probability at T, after the cuts, "
        + "is among the listed tokens only (the unlisted tokens' logits are unknown), and the unlisted mass is as reported"

    func table() -> String {
        let n = positions.count
        var head = "\(n) token\(n == 1 ? "" : "s") from \(formatName), at T = \(temperature)"
        if !settings.isNone { head += ", with " + cutsText }
        var lines = [head, "probability at T: among the listed tokens, renormalised; other: the mass not listed, as reported"]
        if generation.postSampling {
            lines.append("llama.cpp gave probabilities after its own sampler: as reported means after its temperature and cuts")
        }
        for (n, p) in positions.enumerated() {
            lines.append("")
            var summary = "\(n)  \(shown(p.token))"
            if let q = p.chosenProbability, let kept = p.chosenKept {
                summary += "  probability at T \(CellNumbers.readable.probability(q))"
                summary += kept ? ", survives the cuts" : ", cut"
            } else {
                summary += "  not listed, with no log-probability: its probability at T is unknown"
            }
            summary += "; entropy \(fixed(p.entropyNats)) nats"
            lines.append(summary)
            var table = TextTable("", "token", "logprob", "as reported", "at T, cuts")
            table.leftAligned = [0, 1]
            let negligible = p.listed.unlistedIsNegligible
            let reported = CellNumbers.readable.probabilities(p.reported + (negligible ? [] : [p.unlisted]))
            let atT = CellNumbers.readable.probabilities(p.distribution.probabilities)
            for (i, c) in p.classes.enumerated() {
                let mark = i == p.chosen ? (p.chosenListed ? "*" : "* (not in the list)") : ""
                table.append([mark, shown(c.token), c.logprob == -.infinity ? "-inf" : sig(c.logprob), reported[i],
                              p.distribution.kept[i] ? atT[i] : "cut"])
            }
            table.append(["", "other", "", negligible ? "< 1e-06" : reported[p.classes.count],
                          negligible ? "none: the list holds the mass" : "unknown"])
            lines.append(table.render())
        }
        return lines.joined(separator: "\n")
    }

    func json() -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("format", .string(generation.format.rawValue)),
            ("post_sampling_probabilities", .bool(generation.postSampling)),
        ]
        fields += temperature.jsonFields
        fields += settings.jsonFields
        fields += [
            ("assumption", .string(Self.assumption)),
            ("positions", .array(positions.enumerated().map { n, p in
                .object([
                    ("position", .integer(n)),
                    ("token", .string(p.token)),
                    ("listed", .bool(p.chosenListed)),
                    ("logprob", p.chosen.map { .number(p.classes[$0].logprob) } ?? .null),
                    ("probability", p.chosenProbability.map { .number($0) } ?? .null),
                    ("kept", p.chosenKept.map { .bool($0) } ?? .null),
                    ("entropy_nats", .number(p.entropyNats)),
                    ("unlisted_mass", .number(p.unlisted)),
                    ("alternatives", .array(p.classes.enumerated().map { i, c in
                        .object([
                            ("token", .string(c.token)),
                            ("chosen", .bool(i == p.chosen)),
                            ("logprob", .number(c.logprob)),
                            ("reported_probability", .number(p.reported[i])),
                            ("probability", .number(p.distribution.probabilities[i])),
                            ("kept", .bool(p.distribution.kept[i])),
                        ])
                    })),
                ])
            })),
        ]
        return .object(fields)
    }

    /// One row per listed token; every numeric column holds only numbers.
    func rows() -> TextTable {
        var table = TextTable("position", "token", "chosen", "logprob", "reported probability", "probability", "kept",
                              "unlisted mass", "entropy nats")
        for (n, p) in positions.enumerated() {
            for (i, c) in p.classes.enumerated() {
                table.append([String(n), c.token, i == p.chosen ? "true" : "false", formatShortest(c.logprob),
                              formatShortest(p.reported[i]), formatShortest(p.distribution.probabilities[i]),
                              p.distribution.kept[i] ? "true" : "false", formatShortest(p.unlisted),
                              formatShortest(p.entropyNats)])
            }
        }
        return table
    }

    private var cutsText: String {
        var parts: [String] = []
        if let k = settings.topK { parts.append("top-k \(k)") }
        if let p = settings.topP { parts.append("top-p \(formatShortest(p))") }
        if let p = settings.minP { parts.append("min-p \(formatShortest(p))") }
        return parts.joined(separator: ", ") + " (order " + settings.order.map(\.rawValue).joined(separator: ",") + ")"
    }

    private func shown(_ token: String) -> String { "\"" + visibleText(token) + "\"" }
}
