import Experiments
import LogitFiles
import SoftmaxCore

/// What `calibrate` was asked, apart from the logits and labels themselves.
struct CalibrationSettings {
    enum Input: String { case logits, probabilities }

    var file: String
    /// "column N", or the labels' file.
    var labelSource: String
    var binCount: Int
    var binning: ConfidenceBinning
    var split: RowSplit?
    var input: Input
}

/// The rows that fit T* and the rows that judge it: a seeded shuffle of all rows, the
/// first ⌊fraction · rows⌉ of it fitting.
struct RowSplit {
    let fraction: Double
    let seed: UInt64
    let fitRows: [Int]
    let evaluatedRows: [Int]

    init(rows: Int, fitFraction: Double, seed: UInt64) throws(DataError) {
        let order = DatasetSplit.shuffledIndices(count: rows, seed: seed)
        let fitCount = Int((fitFraction * Double(rows)).rounded())
        guard fitCount >= 1, fitCount < rows else {
            throw DataError("--split \(formatShortest(fitFraction)) of \(rows) row\(rows == 1 ? "" : "s") leaves "
                + (fitCount < 1 ? "no row to fit T* on" : "no row to report on"))
        }
        fraction = fitFraction
        self.seed = seed
        fitRows = Array(order[..<fitCount])
        evaluatedRows = Array(order[fitCount...])
    }
}

/// T* and the metrics before and after it: everything `calibrate` prints.
struct CalibrationOutcome {
    let settings: CalibrationSettings
    let rows: Int
    let classCount: Int
    let fit: TemperatureFit
    let fitExamples: Int
    /// The temperature the "after" column uses: T*, or the limit the NLL falls towards.
    let after: Temperature
    let beforeReport: CalibrationReport
    let afterReport: CalibrationReport
    let warnings: [String]

    init(_ logits: LogitView, labels: [Int], settings: CalibrationSettings, warnings: [String]) throws(DataError) {
        do {
            let fitSet = try TemperatureScalingSet(logits: logits, labels: labels, rows: settings.split?.fitRows)
            fit = TemperatureFit.fit(fitSet)
            let judged = try settings.split.map { split throws(TemperatureScalingError) in
                try TemperatureScalingSet(logits: logits, labels: labels, rows: split.evaluatedRows)
            } ?? fitSet
            fitExamples = fitSet.count
            switch fit {
            case .converged(let temperature, _, _):
                // Newton keeps γ inside (0, ∞), so T* is positive; a refusal would be a bug.
                guard let fitted = try? Temperature(temperature) else {
                    throw DataError("\(settings.file): the fit gave T* = \(temperature); please report this file")
                }
                after = fitted
            case .sharpensWithoutLimit: after = .greedy
            case .flattensWithoutLimit: after = .uniform
            case .notConverged:
                throw DataError("\(settings.file): the fit of T* did not converge (\(fit)); please report this file")
            }
            beforeReport = judged.report(at: .one, binCount: settings.binCount)
            afterReport = judged.report(at: after, binCount: settings.binCount)
        } catch let error as TemperatureScalingError {
            throw DataError("\(settings.file): \(error)")
        } catch let error as DataError {
            throw error
        } catch {
            throw DataError("\(settings.file): \(error)")
        }
        self.settings = settings
        rows = logits.rows
        classCount = logits.columns
        self.warnings = warnings
    }

    /// How the fit ended, in words.
    var status: String {
        switch fit {
        case .converged: return "converged"
        case .sharpensWithoutLimit: return "sharpens without limit"
        case .flattensWithoutLimit: return "flattens without limit"
        case .notConverged: return "not converged"
        }
    }

    var iterations: Int? {
        if case .converged(_, _, let iterations) = fit { return iterations }
        return nil
    }

    /// The diagram `--binning` chose.
    func diagram(_ report: CalibrationReport) -> ReliabilityDiagram {
        settings.binning == .equalWidth ? report.reliability : report.adaptiveReliability
    }
}
