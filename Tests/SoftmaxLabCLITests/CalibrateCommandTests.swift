import Foundation
import Testing

/// `calibrate` as a person runs it: every bad file is one line naming the file (and the
/// row or line and column) with exit 65; every bad option one line with exit 64; and the
/// behaviours around the numbers (--split, the probabilities warning, standard input).
/// The numbers themselves are checked against Python in CalibrateReferenceTests.
@Suite struct CalibrateCommandTests {
    /// A scratch folder of files, removed at the end.
    final class Files {
        let directory = NSTemporaryDirectory() + "calibrate-tests-\(UUID().uuidString)"

        init() throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        func write(_ name: String, _ bytes: [UInt8]) -> String {
            let path = directory + "/" + name
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            return path
        }

        func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }
    }

    /// A .npy of the given descr, shape and raw data bytes.
    static func npy(_ descr: String, shape: String, data: [UInt8]) -> [UInt8] {
        var header = Array("{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }".utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        return [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.count), 0] + header + data
    }

    static func doubles(_ values: [Double]) -> [UInt8] {
        values.flatMap { v in (0..<8).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * $0)) } }
    }

    static func integers(_ values: [Int64]) -> [UInt8] {
        values.flatMap { v in (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    }

    /// Seeded logits and labels as CSV text, the label last; a few hundred rows.
    static func csv(rows: Int = 240) -> String {
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        return (0..<rows).map { _ in
            let logits = (0..<4).map { _ in (next() - 0.5) * 10 }
            let label = next() < 0.6 ? logits.indices.max { logits[$0] < logits[$1] }! : Int(next() * 4)
            return logits.map { String($0) }.joined(separator: ",") + ",\(label)"
        }.joined(separator: "\n") + "\n"
    }

    struct BadFile: CustomTestStringConvertible, Sendable {
        let name: String
        let logits: [UInt8]
        let labels: [UInt8]?
        /// Whether the line names the labels' file rather than the logits'.
        var blamesLabels = false
        /// What the one line must say, after the file's name.
        let mentions: [String]
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "ragged.csv", logits: Array("1,2,0\n3,4\n".utf8), labels: nil, mentions: ["line 2", "ragged row"]),
        BadFile(name: "word.csv", logits: Array("1,2,0\n3,abc,1\n".utf8), labels: nil, mentions: ["line 2, column 2", "'abc' is not a number"]),
        BadFile(name: "nan.csv", logits: Array("1,2,0\n3,nan,1\n".utf8), labels: nil, mentions: ["line 2, column 2", "not a finite number"]),
        BadFile(name: "inf.csv", logits: Array("1,inf,0\n".utf8), labels: nil, mentions: ["line 1, column 2", "not a finite number"]),
        BadFile(name: "range.csv", logits: Array("1,2,0\n3,4,7\n".utf8), labels: nil, mentions: ["line 2, column 3", "label 7 is out of range"]),
        BadFile(name: "fraction.csv", logits: Array("1,2,0\n3,4,0.5\n".utf8), labels: nil, mentions: ["line 2, column 3", "not an integer"]),
        BadFile(name: "empty.csv", logits: [], labels: nil, mentions: ["the file is empty"]),
        BadFile(name: "count.npy", logits: npy("<f8", shape: "(2, 2)", data: doubles([1, 2, 3, 4])),
                labels: npy("<i8", shape: "(3,)", data: integers([0, 1, 1])), blamesLabels: true, mentions: ["3 labels", "count.npy has 2 rows"]),
        BadFile(name: "labelrange.npy", logits: npy("<f8", shape: "(2, 2)", data: doubles([1, 2, 3, 4])),
                labels: npy("<i8", shape: "(2,)", data: integers([0, 2])), blamesLabels: true, mentions: ["row 2", "label 2 is out of range"]),
        BadFile(name: "truncated.npy", logits: Array(npy("<f8", shape: "(2, 2)", data: doubles([1, 2, 3, 4])).dropLast(3)),
                labels: npy("<i8", shape: "(2,)", data: integers([0, 1])), mentions: ["truncated"]),
        BadFile(name: "huge.npy", logits: npy("<f4", shape: "(1000000000, 1000)", data: doubles([1, 2])),
                labels: npy("<i8", shape: "(2,)", data: integers([0, 1])), mentions: ["truncated", "(1000000000, 1000)"]),
        BadFile(name: "dtype.npy", logits: npy("<i4", shape: "(1, 2)", data: [1, 0, 0, 0, 2, 0, 0, 0]),
                labels: npy("<i8", shape: "(1,)", data: integers([0])), mentions: ["unsupported dtype '<i4'"]),
        BadFile(name: "infnpy.npy", logits: npy("<f8", shape: "(2, 2)", data: doubles([1, 2, .infinity, 4])),
                labels: npy("<i8", shape: "(2,)", data: integers([0, 1])), mentions: ["row 2, column 1", "'inf' is not a finite number"]),
        BadFile(name: "float-labels.npy", logits: npy("<f8", shape: "(2, 2)", data: doubles([1, 2, 3, 4])),
                labels: npy("<f8", shape: "(2,)", data: doubles([0, 1])), blamesLabels: true, mentions: ["unsupported dtype '<f8'"]),
        BadFile(name: "text-labels.csv", logits: Array("1,2\n3,4\n".utf8), labels: Array("0\nx\n".utf8),
                blamesLabels: true, mentions: ["line 2", "'x' is not an integer"]),
    ]

    @Test(arguments: badFiles)
    func aBadFileIsOneLineNamingItWithExit65(_ bad: BadFile) throws {
        let files = try Files()
        let logits = files.write(bad.name, bad.logits)
        var arguments = ["calibrate", logits]
        var named = logits
        if let labels = bad.labels {
            let path = files.write("labels-" + bad.name + (bad.name.hasSuffix(".csv") ? ".txt" : ".npy"), labels)
            arguments += ["--labels", path]
            if bad.blamesLabels { named = path }
        } else {
            arguments += ["--label-column", "-1"]
        }
        let run = try ProgramRunner.run(arguments)
        #expect(run.status == 65, "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderrLines.count == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.hasPrefix("softmax-lab: " + named + ": "), "stderr: \(run.stderr)")
        for fragment in bad.mentions { #expect(run.stderr.contains(fragment), "stderr: \(run.stderr)") }
    }

    @Test(arguments: [
        (["calibrate", "x.csv"], "--labels FILE or --label-column N"),
        (["calibrate", "x.csv", "--labels", "y", "--label-column", "1"], "not both"),
        (["calibrate", "x.csv", "--label-column", "-1", "--seed", "3"], "give --split too"),
        (["calibrate", "x.csv", "--label-column", "-1", "--split", "1"], "--split"),
        (["calibrate", "x.csv", "--label-column", "-1", "--split", "abc"], "--split"),
        (["calibrate", "x.csv", "--label-column", "-1", "--bins", "0"], "--bins"),
        (["calibrate", "x.csv", "--label-column", "-1", "--binning", "quantile"], "--binning"),
        (["calibrate", "x.csv", "--label-column", "z"], "--label-column"),
        (["calibrate", "-", "--labels", "-"], "standard input"),
    ])
    func aBadOptionIsOneLineWithExit64(arguments: [String], mention: String) throws {
        let run = try ProgramRunner.run(arguments)
        #expect(run.status == 64, "stderr: \(run.stderr)")
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains(mention), "stderr: \(run.stderr)")
    }

    @Test func theSplitFitsOnOnePartAndReportsOnTheOther() throws {
        let files = try Files()
        let path = files.write("set.csv", Self.csv())
        let base = ["calibrate", path, "--label-column", "-1", "--format", "json"]
        func json(_ extra: [String]) throws -> [String: Any] {
            let run = try ProgramRunner.run(base + extra)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        }
        let whole = try json([])
        let first = try json(["--split", "0.25", "--seed", "7"])
        let again = try json(["--split", "0.25", "--seed", "7"])
        let other = try json(["--split", "0.25", "--seed", "8"])
        let split = try #require(first["split"] as? [String: Any])
        #expect(split["fit_examples"] as? Int == 60)
        #expect(split["evaluated_examples"] as? Int == 180)
        #expect((first["fit"] as? [String: Any])?["examples"] as? Int == 60)
        // The same seed gives the same rows; another seed, other rows and another T*.
        #expect(first["temperature"] as? Double == again["temperature"] as? Double)
        #expect(first["temperature"] as? Double != other["temperature"] as? Double)
        #expect(first["temperature"] as? Double != whole["temperature"] as? Double)
        let before = try #require(first["before"] as? [String: Any])
        let bins = try #require((first["bins"] as? [String: Any])?["before"] as? [[String: Any]])
        #expect(bins.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 180)
        #expect(before["accuracy"] as? Double == (first["after"] as? [String: Any])?["accuracy"] as? Double)
    }

    @Test func probabilitiesPassedAsLogitsGetOneLineOfWarning() throws {
        let files = try Files()
        let path = files.write("p.csv", "0.7,0.2,0.1,0\n0.1,0.8,0.1,1\n0.3,0.3,0.4,2\n")
        let run = try ProgramRunner.run(["calibrate", path, "--label-column", "-1"])
        #expect(run.status == 0)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains("look like probabilities") && run.stderr.contains("--probabilities"))
        let told = try ProgramRunner.run(["calibrate", path, "--label-column", "-1", "--probabilities"])
        #expect(told.status == 0 && told.stderr.isEmpty)
        #expect(told.stdout.contains("of probabilities (their log taken)"))
        let bad = files.write("bad.csv", "0.7,1.2,0\n")
        let refused = try ProgramRunner.run(["calibrate", bad, "--label-column", "-1", "--probabilities"])
        #expect(refused.status == 65)
        #expect(refused.stderr == "softmax-lab: \(bad): row 1, column 2: '1.2' is not a probability (outside [0, 1])\n")
    }

    @Test func standardInputGivesWhatTheFileGives() throws {
        let files = try Files()
        let text = Self.csv()
        let path = files.write("set.csv", text)
        let fromFile = try ProgramRunner.run(["calibrate", path, "--label-column", "-1", "--format", "csv"])
        let fromInput = try ProgramRunner.run(["calibrate", "-", "--label-column", "-1", "--format", "csv"],
                                              standardInput: Data(text.utf8))
        #expect(fromFile.status == 0 && fromInput.status == 0)
        #expect(fromInput.stdout == fromFile.stdout)
        #expect(fromFile.stdout.hasPrefix("set,temperature,limit,nll,ece,adaptive_ece,brier,accuracy\nbefore,1,,"))
    }

    /// The table: T*, the metrics before and after, and both reliability diagrams, where
    /// each bar's | sits at the bin's mean confidence.
    @Test func theTableShowsBothDiagrams() throws {
        let files = try Files()
        let path = files.write("set.csv", Self.csv())
        let run = try ProgramRunner.run(["calibrate", path, "--label-column", "-1", "--bins", "5"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1].hasPrefix("T* = "))
        #expect(lines.filter { $0.hasPrefix("reliability before") || $0.hasPrefix("reliability after") }.count == 2)
        for line in lines where line.hasPrefix("(") && line.contains("|") {
            let cells = line.split(separator: " ", omittingEmptySubsequences: true)
            let confidence = try #require(Double(cells[3]))
            // The bar starts under the header's "0"; cell c (1-based) covers ((c-1)/30, c/30].
            let header = try #require(lines.first { $0.hasPrefix("confidence") })
            let zero = try #require(header.range(of: " 0 ")).lowerBound
            let barStart = header.distance(from: header.startIndex, to: zero) + 1
            let offset = line.distance(from: line.startIndex, to: try #require(line.firstIndex(of: "|")))
            let column = offset - barStart + 1
            #expect(column == max(Int((confidence * 30).rounded()), 1), "\(line)")
        }
    }

    /// A class of logit -inf in every row has probability 0 at every T: T* and every
    /// metric are those of the file without it.
    @Test func aMaskedClassChangesNothing() throws {
        let files = try Files()
        let text = Self.csv()
        let plain = files.write("plain.csv", text)
        let a = try ProgramRunner.run(["calibrate", plain, "--label-column", "-1", "--format", "csv"])
        #expect(a.status == 0)
        // A masked class first: the labels shift by one; the metrics must not move.
        let shifted = text.split(separator: "\n").map { line -> String in
            let cells = line.split(separator: ",")
            return (["-inf"] + cells.dropLast()).joined(separator: ",") + ",\(Int(cells.last!)! + 1)"
        }.joined(separator: "\n") + "\n"
        let relabelled = files.write("relabelled.csv", shifted)
        let c = try ProgramRunner.run(["calibrate", relabelled, "--label-column", "-1", "--format", "csv"])
        #expect(c.status == 0, "stderr: \(c.stderr)")
        let numbers = { (run: ProgramRun) in
            run.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(3).compactMap { Double($0) } }
        }
        for (x, y) in zip(numbers(a).joined(), numbers(c).joined()) {
            #expect(abs(x - y) <= 1e-12 * max(1, abs(x)), "\(a.stdout) vs \(c.stdout)")
        }
    }
}
