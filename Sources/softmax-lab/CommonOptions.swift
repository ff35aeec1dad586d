import ArgumentParser
import LabUI
import SoftmaxCore

/// How a subcommand prints its answer.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// The logits and temperature of probs and sample.
struct DistributionOptions: ParsableArguments {
    @OptionGroup var classes: LogitOptions
    @OptionGroup var tempered: TemperatureOption

    var temperature: Temperature { tempered.temperature }
    var logits: [Double] { classes.logits }
    func label(_ i: Int) -> String { classes.label(i) }
}

/// `--temperature`, of probs, sample and tokens.
struct TemperatureOption: ParsableArguments {
    @Option(
        name: [.customShort("t"), .long],
        parsing: .unconditional,
        help: ArgumentHelp("Temperature: 0 for greedy (argmax), a positive number, or inf for uniform.", valueName: "T"),
        transform: parseTemperatureArgument
    )
    var temperature: Temperature = .one
}

/// The logits and their names, which every subcommand takes; sweep takes only these,
/// since it sets T itself (so `sweep -t` is refused, not ignored).
struct LogitOptions: ParsableArguments {
    /// The explorer's default, so every subcommand starts from the same logits.
    static let defaultLogits = ExplorerState().logits

    @Option(
        name: .customLong("logits"),
        parsing: .unconditional,
        help: ArgumentHelp("Comma-separated logits (default " + defaultLogits.map(formatShortest).joined(separator: ",") + ").",
                           valueName: "list"),
        transform: parseLogitsArgument
    )
    var listedLogits: [Double]?

    @Option(
        name: .customLong("logits-file"),
        help: ArgumentHelp("Read the logits from a file: a .npy row, a JSON array, or text with one number per line "
                           + "or a comma-separated row; - reads standard input.", valueName: "file"),
        transform: LogitFileOption.read
    )
    var readFromFile: LogitFileOption.Outcome?

    /// The logits of --logits-file, once `validate` has refused a file it could not use.
    var fileLogits: [Double]? {
        guard case .logits(let values)? = readFromFile else { return nil }
        return values
    }

    /// The logits asked for: from --logits, from --logits-file, or the explorer's.
    var logits: [Double] { fileLogits ?? listedLogits ?? Self.defaultLogits }

    @Option(
        name: .long,
        help: ArgumentHelp("Class names, comma-separated (default A, B, C, ...).", valueName: "list"),
        transform: { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    )
    var labels: [String]?

    func validate() throws {
        if listedLogits != nil && readFromFile != nil {
            throw ValidationError("give the logits with --logits or --logits-file, not both")
        }
        if case .refused(let refusal)? = readFromFile { try refuseFile(refusal) }
        if let labels, labels.count != logits.count {
            throw ValidationError(labelCountMismatch(labels: labels.count, logits: logits.count))
        }
    }

    /// Ends the program over the file's contents: one line and the data-error code. It
    /// leaves as an `ExitCode`, the one error ArgumentParser does not make a usage error
    /// when `validate` throws it.
    private func refuseFile(_ refusal: DataError) throws -> Never {
        printError("softmax-lab: " + oneLine(refusal.description))
        throw ExitCode(DataError.exitCode)
    }

    /// The name shown for class `i`: its label, or for logits from a file its 0-based
    /// position there (a token id, for a vocabulary), else A, B, C, ...
    func label(_ i: Int) -> String {
        if let labels, labels.indices.contains(i) { return visibleText(labels[i]) }
        return fileLogits == nil ? ExplorerState.defaultLabel(i) : String(i)
    }
}

func parseLogitsArgument(_ text: String) throws -> [Double] {
    do {
        return try NumberParsing.parseLogits(text)
    } catch {
        // The message quotes the item that failed, which may hold control characters.
        throw ValidationError(visibleText(error.description))
    }
}

func parseTemperatureArgument(_ text: String) throws -> Temperature {
    guard let value = NumberParsing.parseDouble(text) else {
        throw ValidationError("not a number; use 0 for greedy, a positive number, or inf")
    }
    do {
        return try Temperature(value)
    } catch {
        throw ValidationError(error.description)
    }
}

/// A number option's value, refused with the option's name when it is not a number.
func parseNumberArgument(_ text: String) throws -> Double {
    guard let value = NumberParsing.parseDouble(text) else {
        throw ValidationError("not a number")
    }
    return value
}

/// "--labels: 1 label for 5 logits; give one per logit", with the plurals right.
func labelCountMismatch(labels: Int, logits: Int) -> String {
    "--labels: \(labels) label\(labels == 1 ? "" : "s") for \(logits) logit\(logits == 1 ? "" : "s"); give one per logit"
}
