import Foundation
import Testing

/// `calibrate --format json` on the fixtures of Reference/make_calibrate_reference.py,
/// compared with what numpy/scipy (and mpmath, for T*) computed on exactly the numbers
/// each file holds: T* by brentq on dNLL/dβ, not by the command's Newton iteration.
///
/// Tolerances, and why they are both safe and able to fail:
///  - T*: 1e-11 relative. The root of the float64 slope is uncertain by about 1e-14
///    (rounding in a sum of 1500 rows over a curvature of order one); the command stops
///    Newton when its step is below 1e-13 of β, and Newton's error is then far smaller.
///    The float32 and float64 copies of one set have T* 1.1e-10 apart and the CSV's
///    8-digit text 4.5e-10 from the float64 (see `toleranceTellsTheFilesApart`), so
///    reading a file as the wrong numbers fails.
///  - Metrics (NLL, ECE, adaptive ECE, Brier, accuracy): 1e-10 absolute. At T = 1 they
///    are sums of 1500 float64 terms (error near 1e-14); at T* they also move with the
///    difference between the two T* (below 1e-12 relative) times a slope of order one.
///    The generator asserts that no confidence lies within 1e-9 of a bin edge, or of a
///    right/wrong flag across an equal-mass boundary, so no row can change bin.
///  - Bins: counts exact; lower/upper/accuracy/confidence 1e-10 absolute, as above.
@Suite struct CalibrateReferenceTests {
    // MARK: The reference, as make_calibrate_reference.py wrote it

    struct Bin: Decodable, Sendable {
        let lower: Double
        let upper: Double
        let count: Int
        let accuracy: Double
        let confidence: Double
    }

    struct BinSet: Decodable, Sendable {
        let width: [Bin]
        let mass: [Bin]
        let ece: Double
        let adaptiveEce: Double
    }

    /// One set of metrics, the reference's or the command's.
    struct Metrics: Decodable, Sendable {
        let temperature: Double?
        let nll: Double
        let ece: Double
        let adaptiveEce: Double
        let brier: Double
        let accuracy: Double
        /// The command's: "greedy" at T -> 0, "uniform" at T -> inf, else null.
        let temperatureLimit: String?
        /// The reference's: its bins for each bin count ("15", "10").
        let bins: [String: BinSet]?
    }

    struct Run: Decodable, Sendable {
        let logits: String
        let labels: String?
        let labelColumn: String?
        let probabilities: Bool?
        let stdin: String?
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let examples: Int
        let classes: Int
        let input: String
        let status: String
        let temperature: Double?
        let before: Metrics
        let after: Metrics
        let run: Run
        var testDescription: String { name }
    }

    struct Reference: Decodable { let cases: [Case] }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Reference/calibrate")

    static let cases: [Case] = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            let data = try Data(contentsOf: folder.appendingPathComponent("expected.json"))
            return try decoder.decode(Reference.self, from: data).cases
        } catch {
            fatalError("Reference/calibrate/expected.json: \(error)")
        }
    }()

    static func reference(_ name: String) throws -> Case {
        try #require(cases.first { $0.name == name }, "no reference case \(name)")
    }

    // MARK: What the command prints

    struct OutputFit: Decodable {
        let status: String
        let iterations: Int?
        let examples: Int
    }

    struct OutputBins: Decodable {
        let before: [Bin]
        let after: [Bin]
    }

    struct Output: Decodable {
        let logits: String
        let examples: Int
        let classes: Int
        let input: String
        let fit: OutputFit
        let temperature: Double?
        let binCount: Int
        let binning: String
        let before: Metrics
        let after: Metrics
        let bins: OutputBins
    }

    static let tolerance = (temperature: 1e-11, metric: 1e-10)

    static func path(_ file: String) -> String { folder.appendingPathComponent(file).path }

    /// The command's arguments for a case (without --format), logits path first.
    static func arguments(_ run: Run) -> [String] {
        var arguments = ["calibrate", run.logits == "-" ? "-" : path(run.logits)]
        if let labels = run.labels { arguments += ["--labels", path(labels)] }
        if let column = run.labelColumn { arguments += ["--label-column", column] }
        if run.probabilities == true { arguments += ["--probabilities"] }
        return arguments
    }

    /// Runs the binary; with `stdin`, that file's bytes are its standard input.
    static func execute(_ arguments: [String], stdin: String? = nil) throws -> ProgramRun {
        let input = try stdin.map { try Data(contentsOf: URL(fileURLWithPath: path($0))) }
        return try ProgramRunner.run(arguments, standardInput: input)
    }

    static func output(_ arguments: [String], stdin: String? = nil) throws -> Output {
        let run = try execute(arguments + ["--format", "json"], stdin: stdin)
        try #require(run.status == 0, "exit \(run.status): \(run.stderr)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(Output.self, from: Data(run.stdout.utf8))
        } catch {
            Issue.record("the JSON does not decode: \(error)\n\(run.stdout)")
            throw error
        }
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool { abs(a - b) <= tolerance }

    static func compare(_ got: Metrics, _ expected: Metrics, _ label: String) {
        let t = tolerance.metric
        #expect(close(got.nll, expected.nll, t), "\(label) nll \(got.nll), reference \(expected.nll)")
        #expect(close(got.ece, expected.ece, t), "\(label) ece \(got.ece), reference \(expected.ece)")
        #expect(close(got.adaptiveEce, expected.adaptiveEce, t),
                "\(label) adaptive_ece \(got.adaptiveEce), reference \(expected.adaptiveEce)")
        #expect(close(got.brier, expected.brier, t), "\(label) brier \(got.brier), reference \(expected.brier)")
        #expect(close(got.accuracy, expected.accuracy, 1e-12),
                "\(label) accuracy \(got.accuracy), reference \(expected.accuracy)")
    }

    static func compare(_ got: [Bin], _ expected: [Bin], _ label: String) {
        #expect(got.count == expected.count, "\(label): \(got.count) bins, reference \(expected.count)")
        let t = tolerance.metric
        for (b, (g, e)) in zip(got, expected).enumerated() {
            #expect(g.count == e.count, "\(label) bin \(b) count \(g.count), reference \(e.count)")
            #expect(close(g.lower, e.lower, t) && close(g.upper, e.upper, t),
                    "\(label) bin \(b) (\(g.lower), \(g.upper)], reference (\(e.lower), \(e.upper)]")
            #expect(close(g.accuracy, e.accuracy, 1e-12),
                    "\(label) bin \(b) accuracy \(g.accuracy), reference \(e.accuracy)")
            #expect(close(g.confidence, e.confidence, t),
                    "\(label) bin \(b) confidence \(g.confidence), reference \(e.confidence)")
        }
    }

    // MARK: Tests

    /// Every fixture: sizes, the fit's status, T*, every metric before and after, and the
    /// 15 equal-width reliability bins before and after.
    @Test(arguments: cases)
    func matchesTheReference(_ c: Case) throws {
        let out = try Self.output(Self.arguments(c.run), stdin: c.run.stdin)
        #expect(out.examples == c.examples && out.classes == c.classes,
                "\(out.examples) x \(out.classes), reference \(c.examples) x \(c.classes)")
        #expect(out.input == c.input)
        #expect(out.fit.status == c.status, "status \(out.fit.status), reference \(c.status)")
        #expect(out.fit.examples == c.examples)
        #expect(out.binCount == 15 && out.binning == "width")
        if let expected = c.temperature {
            let got = try #require(out.temperature, "no temperature; reference \(expected)")
            #expect(abs(got / expected - 1) <= Self.tolerance.temperature, "T* \(got), reference \(expected)")
            #expect(out.after.temperature.map { abs($0 / expected - 1) <= Self.tolerance.temperature } == true,
                    "after.temperature \(String(describing: out.after.temperature)), reference \(expected)")
            #expect(out.fit.iterations != nil && out.after.temperatureLimit == nil)
        } else {
            #expect(out.temperature == nil, "T* \(String(describing: out.temperature)) where none exists")
            let limit = c.status == "sharpens without limit" ? "greedy" : "uniform"
            #expect(out.after.temperatureLimit == limit, "after: \(String(describing: out.after.temperatureLimit))")
        }
        #expect(out.before.temperature == 1)
        Self.compare(out.before, c.before, "before")
        Self.compare(out.after, c.after, "after")
        Self.compare(out.bins.before, c.before.bins!["15"]!.width, "before")
        Self.compare(out.bins.after, c.after.bins!["15"]!.width, "after")
    }

    /// `--binning mass` reports the equal-mass bins (lower/upper the least and greatest
    /// confidence in each) and changes none of the metrics.
    @Test(arguments: ["over10_f64", "under3_f64", "sharpen_ties", "flatten"])
    func equalMassBins(_ name: String) throws {
        let c = try Self.reference(name)
        let out = try Self.output(Self.arguments(c.run) + ["--binning", "mass"])
        #expect(out.binning == "mass")
        Self.compare(out.before, c.before, "before")
        Self.compare(out.after, c.after, "after")
        Self.compare(out.bins.before, c.before.bins!["15"]!.mass, "before")
        Self.compare(out.bins.after, c.after.bins!["15"]!.mass, "after")
    }

    /// `--bins 10`: ECE and adaptive ECE over ten bins, and ten reliability bins.
    @Test(arguments: ["over10_f64", "under3_f64"])
    func tenBins(_ name: String) throws {
        let c = try Self.reference(name)
        let t = Self.tolerance.metric
        for binning in ["width", "mass"] {
            let out = try Self.output(Self.arguments(c.run) + ["--bins", "10", "--binning", binning])
            #expect(out.binCount == 10)
            for (got, expected, label) in [(out.before, c.before, "before"), (out.after, c.after, "after")] {
                let ten = expected.bins!["10"]!
                #expect(Self.close(got.ece, ten.ece, t), "\(label) ece(10) \(got.ece), reference \(ten.ece)")
                #expect(Self.close(got.adaptiveEce, ten.adaptiveEce, t),
                        "\(label) adaptive_ece(10) \(got.adaptiveEce), reference \(ten.adaptiveEce)")
            }
            let before = c.before.bins!["10"]!, after = c.after.bins!["10"]!
            Self.compare(out.bins.before, binning == "width" ? before.width : before.mass, "before/10 \(binning)")
            Self.compare(out.bins.after, binning == "width" ? after.width : after.mass, "after/10 \(binning)")
        }
    }

    /// The label as a column of the logits (-1 and its positive index 3) gives exactly what
    /// the same logits with the labels in their own file give.
    @Test func labelColumnAgreesWithLabelsFile() throws {
        let withFile = try ProgramRunner.run(["calibrate", Self.path("under3_f64.npy"),
                                              "--labels", Self.path("under3_labels.npy"), "--format", "csv"])
        #expect(withFile.status == 0, "\(withFile.stderr)")
        for column in ["-1", "3"] {
            let withColumn = try ProgramRunner.run(["calibrate", Self.path("under3_f64_with_labels.npy"),
                                                    "--label-column", column, "--format", "csv"])
            #expect(withColumn.status == 0, "\(withColumn.stderr)")
            #expect(withColumn.stdout == withFile.stdout, "--label-column \(column):\n\(withColumn.stdout)")
        }
        // The same for text: the CSV with its label last, against the same text read through stdin.
        let csv = try Self.output(["calibrate", Self.path("under3.csv"), "--label-column", "-1"])
        let piped = try Self.output(["calibrate", "-", "--label-column", "-1"], stdin: "under3.csv")
        #expect(piped.temperature == csv.temperature && piped.after.nll == csv.after.nll
                && piped.after.ece == csv.after.ece && piped.before.brier == csv.before.brier)
    }

    /// `--format csv`: the header, then before and after with the reference's numbers
    /// (the limit column is empty for a finite temperature).
    @Test func csvFormat() throws {
        let c = try Self.reference("over10_f64")
        let run = try ProgramRunner.run(Self.arguments(c.run) + ["--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 3, "\(run.stdout)")
        #expect(lines[0] == "set,temperature,limit,nll,ece,adaptive_ece,brier,accuracy")
        for (line, expected, set) in [(lines[1], c.before, "before"), (lines[2], c.after, "after")] {
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(cells.count == 8, "\(line)")
            #expect(cells[0] == set && cells[2] == "", "\(line)")
            cells.remove(at: 2)
            let numbers = cells.dropFirst().map { Double($0) }
            let reference = [expected.temperature ?? 0, expected.nll, expected.ece, expected.adaptiveEce,
                             expected.brier, expected.accuracy]
            for (k, (got, want)) in zip(numbers, reference).enumerated() {
                let value = try #require(got, "\(set): cell \(k + 1) is \(cells[k + 1])")
                let ok = k == 0 ? abs(value / want - 1) <= Self.tolerance.temperature
                                : Self.close(value, want, Self.tolerance.metric)
                #expect(ok, "\(set) column \(k + 1) \(value), reference \(want)")
            }
        }
    }

    /// The limits: T → 0 when every label is a top logit (NLL → mean ln #tops, 0 without
    /// ties), T → ∞ when the labels sit below their rows' means (NLL → ln K, Brier → 1 − 1/K).
    /// Exact values, to 1e-13: a mean of a few hundred equal doubles may round by a few
    /// hundred ulps (the command's ln 4 over 300 rows is 13 ulps high).
    @Test func limitsWithoutFiniteTemperature() throws {
        let sharpen = try Self.output(Self.arguments(try Self.reference("sharpen").run))
        #expect(sharpen.after.nll == 0 && sharpen.after.brier == 0 && sharpen.after.accuracy == 1
                && sharpen.after.ece == 0, "\(sharpen.after)")
        let ties = try Self.output(Self.arguments(try Self.reference("sharpen_ties").run))
        #expect(Self.close(ties.after.nll, 40 * log(2.0) / 400, 1e-13), "\(ties.after.nll)")
        #expect(Self.close(ties.after.brier, 40 * 0.5 / 400, 1e-13), "\(ties.after.brier)")
        let flatten = try Self.output(Self.arguments(try Self.reference("flatten").run))
        #expect(Self.close(flatten.after.nll, log(4.0), 1e-13), "nll \(flatten.after.nll), ln 4 = \(log(4.0))")
        #expect(Self.close(flatten.after.brier, 0.75, 1e-13), "brier \(flatten.after.brier)")
        #expect(flatten.bins.after.map(\.count) == [0, 0, 0, 300] + [Int](repeating: 0, count: 11))
    }

    /// The fixtures differ from each other by more than the tolerances, so a reader that
    /// widened float32 wrongly, or read the float64 numbers for the CSV text, would fail.
    @Test func toleranceTellsTheFilesApart() throws {
        let t64 = try #require(try Self.reference("over10_f64").temperature)
        let t32 = try #require(try Self.reference("over10_f32").temperature)
        let tCSV = try #require(try Self.reference("over10_csv").temperature)
        #expect(abs(t32 / t64 - 1) > 5 * Self.tolerance.temperature)
        #expect(abs(tCSV / t64 - 1) > 5 * Self.tolerance.temperature)
        let u64 = try #require(try Self.reference("under3_f64").temperature)
        let u32 = try #require(try Self.reference("under3_f32").temperature)
        #expect(abs(u32 / u64 - 1) > 5 * Self.tolerance.temperature)
        // The limits were worked out by the generator, not copied from the command.
        #expect(Self.close(try Self.reference("sharpen_ties").after.nll, 40 * log(2.0) / 400, 1e-15))
    }
}
