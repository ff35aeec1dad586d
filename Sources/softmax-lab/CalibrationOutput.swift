import Experiments
import SoftmaxCore

/// `calibrate`'s answer in each output format.
extension CalibrationOutcome {
    func table() -> String {
        let judged = beforeReport.count
        var lines = ["calibrate: \(visibleText(settings.file)), \(rows) example\(rows == 1 ? "" : "s") x \(classCount) classes"
            + (settings.input == .probabilities ? " of probabilities (their log taken)" : "")
            + ", labels from \(visibleText(settings.labelSource))"]
        let fittedOn = settings.split.map {
            "fitted on \(fitExamples) rows (--split \(formatShortest($0.fraction)), --seed \($0.seed)), reported on the other \(judged)"
        } ?? "fitted and reported on all \(judged) rows"
        lines.append(fitLine + "; " + fittedOn)
        lines.append("")
        var metrics = TextTable("", "before (T = 1)", "after (\(afterName))", "")
        metrics.leftAligned = [0, 3]
        let b = beforeReport, a = afterReport
        let binText = "\(settings.binCount) bin\(settings.binCount == 1 ? "" : "s")"
        metrics.append(["NLL", fixed(b.meanNLL), fixed(a.meanNLL), "mean -ln p(label); T* minimises it"])
        metrics.append(["ECE", smallMeasure(b.expectedCalibrationError), smallMeasure(a.expectedCalibrationError),
                        "\(binText) of equal width (lo, hi]"])
        metrics.append(["adaptive ECE", smallMeasure(b.adaptiveCalibrationError), smallMeasure(a.adaptiveCalibrationError),
                        "\(binText) of equal mass"])
        metrics.append(["Brier", fixed(b.brierScore), fixed(a.brierScore), "mean sum of (p - onehot)^2"])
        metrics.append(["accuracy", fixed(b.accuracy), fixed(a.accuracy), "the same: T > 0 keeps each argmax"])
        metrics.append(["mean confidence - accuracy", signed(b.overconfidence), signed(a.overconfidence),
                        "> 0: overconfident"])
        lines += [metrics.render(), ""]
        lines += diagramLines(beforeReport, title: "before, T = 1")
        lines.append("")
        lines += diagramLines(afterReport, title: "after, \(afterName)")
        return lines.joined(separator: "\n")
    }

    /// "T* = 1.8523 (Newton on 1/T, 6 iterations)", or the limit and why.
    var fitLine: String {
        switch fit {
        case .converged(let temperature, _, let iterations):
            return "T* = \(sig(temperature)) (Newton on 1/T, \(iterations) iteration\(iterations == 1 ? "" : "s"))"
                + (temperature > 1 ? ": soften" : temperature < 1 ? ": sharpen" : "")
        case .sharpensWithoutLimit:
            return "no finite T*: every label is its row's top logit, so the NLL falls all the way to T -> 0"
        case .flattensWithoutLimit:
            return "no finite T*: the logits rank labels no better than average, so the NLL is least as T -> inf"
        case .notConverged:
            return "T* did not converge"
        }
    }

    var afterName: String {
        after.isGreedy ? "T -> 0" : after.isUniform ? "T -> inf" : "T* = \(sig(after.value))"
    }

    /// A text reliability diagram: per bin, the count, mean confidence and accuracy, and
    /// a bar over [0, 1] of accuracy (#) with the mean confidence marked (|). A calibrated
    /// bin has its | at the end of its #s; dots between them are overconfidence.
    func diagramLines(_ report: CalibrationReport, title: String) -> [String] {
        let diagram = diagram(report)
        let kind = settings.binning == .equalWidth ? "equal-width bins (lo, hi]" : "equal-mass bins [min, max]"
        var table = TextTable("confidence", "count", "mean conf", "accuracy", "0" + String(repeating: " ", count: Self.barWidth - 1) + "1")
        table.leftAligned = [0, 4]
        for bin in diagram.bins {
            let range = settings.binning == .equalWidth
                ? "(\(fixed(bin.lowerBound, 3)), \(fixed(bin.upperBound, 3))]"
                : bin.count == 0 ? "(empty)" : "[\(fixed(bin.lowerBound, 3)), \(fixed(bin.upperBound, 3))]"
            guard bin.count > 0 else {
                table.append([range, "0", "-", "-", ""])
                continue
            }
            table.append([range, String(bin.count), fixed(bin.meanConfidence), fixed(bin.accuracy),
                          Self.bar(accuracy: bin.accuracy, confidence: bin.meanConfidence)])
        }
        return ["reliability \(title): \(settings.binCount) \(kind); # = accuracy, | = mean confidence", table.render()]
    }

    static let barWidth = 30

    static func bar(accuracy: Double, confidence: Double) -> String {
        let filled = Int((accuracy * Double(barWidth)).rounded())
        let mark = min(Int((confidence * Double(barWidth)).rounded()), barWidth)
        var cells = Array(repeating: Character(" "), count: barWidth + 1)
        for i in 0..<filled { cells[i] = "#" }
        for i in filled..<max(filled, mark) { cells[i] = "." }
        cells[max(mark - 1, 0)] = "|"
        return String(cells).trimmingTrailingSpaces
    }

    func json() -> JSONValue {
        .object([
            ("logits", .string(settings.file)),
            ("labels", .string(settings.labelSource)),
            ("examples", .integer(rows)),
            ("classes", .integer(classCount)),
            ("input", .string(settings.input.rawValue)),
            ("fit", .object([
                ("status", .string(status)),
                ("iterations", iterations.map(JSONValue.integer) ?? .null),
                ("examples", .integer(fitExamples)),
            ])),
            ("split", settings.split.map { split in
                .object([
                    ("fraction", .number(split.fraction)),
                    ("seed", .string(String(split.seed))),
                    ("fit_examples", .integer(split.fitRows.count)),
                    ("evaluated_examples", .integer(split.evaluatedRows.count)),
                ])
            } ?? .null),
            ("temperature", fit.temperature.map(JSONValue.number) ?? .null),
            ("bin_count", .integer(settings.binCount)),
            ("binning", .string(settings.binning == .equalWidth ? "width" : "mass")),
            ("before", metricsJSON(beforeReport)),
            ("after", metricsJSON(afterReport)),
            ("bins", .object([
                ("before", binsJSON(beforeReport)),
                ("after", binsJSON(afterReport)),
            ])),
        ])
    }

    private func metricsJSON(_ report: CalibrationReport) -> JSONValue {
        .object(report.temperature.jsonFields + [
            ("nll", .number(report.meanNLL)),
            ("ece", .number(report.expectedCalibrationError)),
            ("adaptive_ece", .number(report.adaptiveCalibrationError)),
            ("brier", .number(report.brierScore)),
            ("accuracy", .number(report.accuracy)),
        ])
    }

    private func binsJSON(_ report: CalibrationReport) -> JSONValue {
        .array(diagram(report).bins.map { bin in
            .object([
                ("lower", .number(bin.lowerBound)),
                ("upper", .number(bin.upperBound)),
                ("count", .integer(bin.count)),
                ("accuracy", .number(bin.accuracy)),
                ("confidence", .number(bin.meanConfidence)),
            ])
        })
    }

    func csv() -> String {
        // As every CSV here: the temperature is a number, or empty at the uniform limit,
        // and `limit` names a limit.
        var table = TextTable("set", "temperature", "limit", "nll", "ece", "adaptive_ece", "brier", "accuracy")
        for (name, report) in [("before", beforeReport), ("after", afterReport)] {
            let t = report.temperature
            table.append([name, t.isUniform ? "" : formatShortest(t.value),
                          t.isGreedy ? "greedy" : t.isUniform ? "uniform" : ""] + [
                report.meanNLL, report.expectedCalibrationError, report.adaptiveCalibrationError,
                report.brierScore, report.accuracy,
            ].map { $0.isFinite ? formatShortest($0) : "inf" })
        }
        return table.csv()
    }
}

private func fixed(_ x: Double, _ decimals: Int) -> String { NumberFormat.fixed(x, decimals: decimals) }

private func signed(_ x: Double) -> String { (x >= 0 ? "+" : "") + fixed(x) }

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
