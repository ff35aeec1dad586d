import Foundation
import Testing

/// `--logits 2,-inf,1`: the masked class B in the table, CSV and JSON of probs at
/// T = 0, 1 and infinity, in sample and sweep, and the refusal when every class is masked.
@Suite struct MaskedClassCommandTests {
    static let logits = "2,-inf,1"

    /// The table's class rows, each split into its cells.
    static func tableRows(_ stdout: String) -> [[Substring]] {
        stdout.split(separator: "\n").filter { $0.hasPrefix("A ") || $0.hasPrefix("B ") || $0.hasPrefix("C ") }
            .map { $0.split(separator: " ") }
    }

    @Test(arguments: ["0", "1", "inf"])
    func probsTableSaysMasked(temperature: String) throws {
        let run = try ProgramRunner.run(["probs", "--logits", Self.logits, "-t", temperature])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("softmax of 3 logits (1 masked) at T = "))
        let rows = Self.tableRows(run.stdout)
        #expect(rows.count == 3)
        #expect(rows[1] == ["B", "-inf", "-inf", "masked", rows[0].last!])
        #expect(!run.stdout.contains("nan"))
        #expect(!run.stdout.lowercased().contains("nan"))
    }

    @Test func probsTableClosedForms() throws {
        let greedy = Self.tableRows(try ProgramRunner.run(["probs", "--logits", Self.logits, "-t", "0"]).stdout)
        #expect(greedy[0][3] == "1.000000" && greedy[2][3] == "0")
        // T -> infinity spreads the mass over A and C only: a half each, and H / ln K = 1 with K = 2.
        let uniform = try ProgramRunner.run(["probs", "--logits", Self.logits, "-t", "inf"]).stdout
        let rows = Self.tableRows(uniform)
        #expect(rows[0][3] == "0.500000" && rows[2][3] == "0.500000")
        #expect(uniform.contains("entropy  0.6931 nats = 1.0000 bits, H/ln K = 1.0000"))
        #expect(uniform.contains("perplexity  2.0000"))
    }

    @Test(arguments: [("0", [1.0, 0, 0]), ("1", [1 / (1 + 1 / M_E), 0, 1 / (1 + M_E)]), ("inf", [0.5, 0, 0.5])])
    func probsJSONMarksTheMaskedClass(temperature: String, expected: [Double]) throws {
        let json = try ProgramRunner.json(["probs", "--logits", Self.logits, "-t", temperature])
        let classes = try #require(json["classes"] as? [[String: Any]])
        #expect(classes.map { $0["masked"] as? Bool } == [false, true, false])
        let p = classes.compactMap { $0["probability"] as? Double }
        #expect(p.count == 3)
        #expect(zip(p, expected).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(p[1] == 0)
        // -inf is not JSON: the logit and its log-probability are null, and masked says why.
        #expect(classes[1]["logit"] is NSNull)
        #expect(classes[1]["log_probability"] is NSNull)
        #expect(json["entropy_nats"] is Double && json["mean_energy"] is Double)
    }

    @Test(arguments: ["0", "1", "inf"])
    func probsCSVKeepsNumbersAndSaysMasked(temperature: String) throws {
        let run = try ProgramRunner.run(["probs", "--logits", Self.logits, "-t", temperature, "--format", "csv"])
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(lines[0] == ["class", "logit", "z/T", "probability", "cumulative", "masked", "T", "limit"])
        #expect(lines[1][5] == "false" && lines[2][5] == "true" && lines[3][5] == "false")
        #expect(lines[2][1] == "-inf" && lines[2][2] == "-inf" && lines[2][3] == "0")
        // Every cell of the numeric columns reads as a number.
        for row in lines.dropFirst() {
            for column in 1...4 { #expect(Double(row[column]) != nil, "\(row)") }
        }
    }

    @Test func cutsNeverKeepTheMaskedClassAndTopKCountsTheOthers() throws {
        let json = try ProgramRunner.json(["probs", "--logits", "-inf,2,1", "-t", "inf", "--top-k", "2"])
        let classes = try #require(json["classes"] as? [[String: Any]])
        #expect(classes.map { $0["kept"] as? Bool } == [false, true, true])
        #expect(classes.compactMap { $0["probability_after_cuts"] as? Double } == [0, 0.5, 0.5])
        let table = try ProgramRunner.run(["probs", "--logits", "-inf,2,1", "--top-p", "0.5"]).stdout
        #expect(Self.tableRows(table)[0].prefix(5) == ["A", "-inf", "-inf", "masked", "masked"])
    }

    @Test(arguments: ["1", "inf"])
    func sampleNeverDrawsTheMaskedClass(temperature: String) throws {
        let json = try ProgramRunner.json(["sample", "--logits", Self.logits, "-t", temperature, "--seed", "7", "-n", "100000"])
        let classes = try #require(json["classes"] as? [[String: Any]])
        #expect(classes.map { $0["masked"] as? Bool } == [false, true, false])
        #expect(classes[1]["count"] as? Int == 0)
        #expect(json["degrees_of_freedom"] as? Int == 1)
        let table = try ProgramRunner.run(["sample", "--logits", Self.logits, "-t", temperature, "--seed", "7"]).stdout
        #expect(Self.tableRows(table)[1] == ["B", "0", "0", "masked", "0"])
    }

    @Test func sweepReadsTheUnmaskedClassesOnly() throws {
        let masked = try ProgramRunner.run(["sweep", "--logits", Self.logits, "--steps", "4", "--format", "csv"]).stdout
        let removed = try ProgramRunner.run(["sweep", "--logits", "2,1", "--steps", "4", "--format", "csv"]).stdout
        // The top column names A in both (C in the removed list is B there, and never the top).
        #expect(masked == removed)
        let table = try ProgramRunner.run(["sweep", "--logits", Self.logits]).stdout
        #expect(table.hasPrefix("entropy of the softmax of 3 logits (1 masked) from"))
    }

    @Test(arguments: ["probs", "sample", "sweep"])
    func everyClassMaskedIsRefusedInOneLine(command: String) throws {
        let run = try ProgramRunner.run([command, "--logits", "-inf,-inf"])
        #expect(run.status == usageExitCode)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrLines == [
            "softmax-lab: The value '-inf,-inf' is invalid for '--logits <list>': "
                + "every class is masked (-inf); at least one logit must be finite",
        ])
    }
}
