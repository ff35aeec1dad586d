import ArgumentParser
import Experiments
import LogitFiles
import SoftmaxCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `softmax-lab calibrate`: temperature scaling for the user's own classifier.
struct CalibrateCommand: AnsweringCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit the temperature T* that calibrates a classifier's logits, and show what it changes.",
        discussion: """
            LOGITS is a .npy (float32 or float64, 2-D, C or Fortran order), a .csv, .tsv or \
            whitespace-separated text file with one row per example, or - for CSV on standard \
            input. The labels come from --labels (a .npy of integers, or text with one integer \
            per line) or from a column of the logits file (--label-column; -1 is the last).

            T* is the exact minimiser of the mean negative log-likelihood (NLL) of \
            softmax(z / T): Newton's method on 1/T, in which the NLL is convex. When no finite \
            T* exists, it says which limit the NLL falls towards: T -> 0 when every label is \
            already its row's top logit, T -> inf when the logits rank labels no better than \
            average. ECE is the top-label expected calibration error over equal-width bins \
            (lo, hi] (Guo et al. 2017); adaptive ECE uses equal-mass bins. Accuracy is the same \
            before and after, since dividing by T > 0 keeps every row's argmax.

            With --split F, T* is fitted on a seeded random fraction F of the rows and every \
            metric is reported on the other rows: the honest, held-out figure. Exit status 65 \
            means the data were refused (the message names the file, row and column), 64 a \
            usage error.
            """
    )

    @Argument(help: ArgumentHelp("The logits: .npy, .csv, .tsv, text, or - for CSV on standard input.", valueName: "LOGITS"))
    var logitsPath: String

    @Option(help: ArgumentHelp("Integer labels: a .npy, or text with one per line.", valueName: "FILE"))
    var labels: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Take the labels from this column of the logits file: 0 is the first, -1 the last.", valueName: "N"),
        transform: parseColumnArgument)
    var labelColumn: Int?

    @Option(help: ArgumentHelp("Bins of the ECE and of the reliability diagram.", valueName: "B"), transform: parseBinCount)
    var bins: Int = 15

    @Option(help: ArgumentHelp("The diagram's bins: width (equal-width) or mass (equal counts).", valueName: "width|mass"))
    var binning: BinningArgument = .width

    @Option(
        help: ArgumentHelp("Fit T* on this fraction of the rows and report on the rest.", valueName: "FRACTION"),
        transform: parseSplitFraction)
    var split: Double?

    @Option(help: ArgumentHelp("Seed of --split's shuffle (default 0).", valueName: "N"), transform: parseSeedArgument)
    var seed: UInt64?

    @Flag(help: "The file holds probabilities, not logits: take their log.")
    var probabilities = false

    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

    func validate() throws {
        switch (labels, labelColumn) {
        case (nil, nil): throw ValidationError("give the labels with --labels FILE or --label-column N")
        case (.some, .some): throw ValidationError("give the labels with --labels or --label-column, not both")
        default: break
        }
        if seed != nil && split == nil { throw ValidationError("--seed chooses --split's rows; give --split too") }
        if labels == LogitFiles.standardInputPath && logitsPath == LogitFiles.standardInputPath {
            throw ValidationError("standard input can hold the logits or the labels, not both")
        }
    }

    func answer() throws -> String {
        let input = StandardInputBytes()
        let outcome = try Self.readingErrors { () throws(LogitFileError) -> Result<CalibrationOutcome, any Error> in
            // -inf is a class of probability 0, which temperature scaling handles exactly.
            try LogitFiles.withLogitView(path: logitsPath, labelColumn: labelColumn, allowingMaskedClasses: true,
                                         standardInput: input.read) { source in
                Result { () throws -> CalibrationOutcome in try calibrate(source, standardInput: input.read) }
            }
        }
        let report = try outcome.get()
        for warning in report.warnings { printError("softmax-lab: warning: " + warning) }
        switch format {
        case .table: return report.table()
        case .json: return report.json().render()
        case .csv: return report.csv()
        }
    }

    /// Everything after the logits are read, while they are lent.
    private func calibrate(_ source: LogitSource, standardInput: () -> [UInt8]) throws -> CalibrationOutcome {
        let labelsPath = labels ?? ""
        let labelList = try Self.readingErrors { () throws(LogitFileError) -> LabelList in
            let list: LabelList
            if let fromColumn = source.labels {
                list = fromColumn
            } else {
                list = try LogitFiles.readLabels(path: labelsPath, standardInput: standardInput)
            }
            try LogitFiles.validate(list, classCount: source.logits.columns)
            guard list.count == source.logits.rows else {
                throw LogitFileError(file: list.file, problem: .labelCountMismatch(
                    labels: list.count, rows: source.logits.rows, logitsFile: source.file))
            }
            return list
        }
        var warnings: [String] = []
        if !probabilities && source.logits.looksLikeProbabilities() {
            warnings.append("every row of \(visibleText(source.file)) is in [0, 1] and sums to 1: "
                + "these look like probabilities, not logits; pass --probabilities to take their log")
        }
        let rows = source.logits.rows
        let split = try split.map { fraction throws(DataError) in
            try RowSplit(rows: rows, fitFraction: fraction, seed: seed ?? 0)
        }
        let settings = CalibrationSettings(
            file: source.file, labelSource: labelColumn.map { "column \($0)" } ?? labelList.file,
            binCount: bins, binning: binning.binning, split: split, input: probabilities ? .probabilities : .logits)
        if probabilities {
            var logs = try Self.readingErrors { () throws(LogitFileError) -> [Double] in
                try source.logits.logProbabilities(file: source.file)
            }
            return try logs.withUnsafeMutableBufferPointer { logs throws -> CalibrationOutcome in
                let view = LogitView(doubles: UnsafeBufferPointer(logs), rows: rows, columns: source.logits.columns)
                return try CalibrationOutcome(view, labels: labelList.values, settings: settings, warnings: warnings)
            }
        }
        return try CalibrationOutcome(source.logits, labels: labelList.values, settings: settings, warnings: warnings)
    }

    /// Runs `body`, turning a file's refusal into a data error.
    static func readingErrors<R>(_ body: () throws(LogitFileError) -> R) throws(DataError) -> R {
        do {
            return try body()
        } catch {
            throw DataError(error.description)
        }
    }
}

/// Bad data, as opposed to bad usage: exit status 65 (EX_DATAERR) and one line.
struct DataError: Error, CustomStringConvertible {
    /// EX_DATAERR.
    static let exitCode: Int32 = 65
    let description: String
    init(_ description: String) { self.description = description }
}

enum BinningArgument: String, ExpressibleByArgument, CaseIterable {
    case width, mass
    var binning: ConfidenceBinning { self == .width ? .equalWidth : .equalMass }
}

func parseColumnArgument(_ text: String) throws -> Int {
    guard let column = Int(text.trimmingSpaces) else {
        throw ValidationError("must be a whole number: 0 is the first column, -1 the last")
    }
    return column
}

func parseBinCount(_ text: String) throws -> Int {
    guard let count = Int(text.trimmingSpaces), (1...10_000).contains(count) else {
        throw ValidationError("must be a whole number from 1 to 10000")
    }
    return count
}

func parseSplitFraction(_ text: String) throws -> Double {
    guard let fraction = NumberParsing.parseDouble(text), fraction > 0, fraction < 1 else {
        throw ValidationError("must be a fraction between 0 and 1 (the share of rows that fits T*), such as 0.5")
    }
    return fraction
}

/// Standard input, read once on first use, for whichever file is "-".
final class StandardInputBytes {
    private var bytes: [UInt8]?

    func read() -> [UInt8] {
        if let bytes { return bytes }
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            all.append(contentsOf: chunk[0..<got])
        }
        bytes = all
        return all
    }
}
