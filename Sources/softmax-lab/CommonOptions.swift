import ArgumentParser
import LabUI
import SoftmaxCore

/// How a subcommand prints its answer.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// The logits and temperature every subcommand takes.
struct DistributionOptions: ParsableArguments {
    @Option(
        name: .long,
        parsing: .unconditional,
        help: ArgumentHelp("Comma-separated logits, such as 2,1,0.5,0.1.", valueName: "list"),
        transform: parseLogitsArgument
    )
    var logits: [Double] = [2, 1, 0.5, 0.1]

    @Option(
        name: [.customShort("t"), .long],
        parsing: .unconditional,
        help: ArgumentHelp("Temperature: 0 for greedy (argmax), a positive number, or inf for uniform.", valueName: "T"),
        transform: parseTemperatureArgument
    )
    var temperature: Temperature = .one

    @Option(
        name: .long,
        help: ArgumentHelp("Class names, comma-separated (default A, B, C, ...).", valueName: "list"),
        transform: { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    )
    var labels: [String]?

    func validate() throws {
        if let labels, labels.count != logits.count {
            throw ValidationError("--labels: \(labels.count) labels for \(logits.count) logits; give one per logit")
        }
    }

    /// The name shown for class `i`.
    func label(_ i: Int) -> String {
        if let labels, labels.indices.contains(i) { return visibleText(labels[i]) }
        return ExplorerState.defaultLabel(i)
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
