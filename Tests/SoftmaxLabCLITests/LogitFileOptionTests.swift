import Foundation
import Testing

/// `--logits-file` in each format and from standard input gives what `--logits` gives;
/// bad files are one line naming the file and the place, exit 65 (a file that cannot be
/// read is a usage error, 64); and `--show` lists
/// the most probable classes of a large vocabulary with the rest summed.
@Suite struct LogitFileOptionTests {
    static let values: [Double] = [2, 1, 0.5, 0.1, -3.25]

    static func scratch(_ name: String, _ bytes: [UInt8]) -> String {
        let directory = NSTemporaryDirectory() + "logits-file-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    static func npy(_ values: [Double], shape: String) -> [UInt8] {
        var header = Array("{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }".utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        return [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.count), 0] + header
            + values.flatMap { v in (0..<8).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * $0)) } }
    }

    static var files: [(String, [UInt8])] {
        let text = values.map { String($0) }
        return [
            ("row.npy", npy(values, shape: "(5,)")),
            ("matrix-row.npy", npy(values, shape: "(1, 5)")),
            ("row.json", Array(("[" + text.joined(separator: ", ") + "]\n").utf8)),
            ("lines.txt", Array((text.joined(separator: "\n") + "\n").utf8)),
            ("row.csv", Array((text.joined(separator: ",") + "\n").utf8)),
        ]
    }

    @Test(arguments: 0..<5)
    func eachFormatGivesWhatTheListGives(_ index: Int) throws {
        let (name, bytes) = Self.files[index]
        let path = Self.scratch(name, bytes)
        // Classes from a file are named by their 0-based position.
        let expected = try ProgramRunner.run(["probs", "--logits", "2,1,0.5,0.1,-3.25", "--labels", "0,1,2,3,4",
                                              "-t", "0.7", "--format", "csv"])
        let fromFile = try ProgramRunner.run(["probs", "--logits-file", path, "-t", "0.7", "--format", "csv"])
        #expect(fromFile.status == 0, "stderr: \(fromFile.stderr)")
        #expect(fromFile.stdout == expected.stdout)
    }

    @Test func standardInputReadsJSONOrText() throws {
        let expected = try ProgramRunner.run(["probs", "--logits", "3,1", "--labels", "0,1", "--format", "csv"])
        for input in ["[3, 1]", "3\n1\n", "3,1\n"] {
            let run = try ProgramRunner.run(["probs", "--logits-file", "-", "--format", "csv"], standardInput: Data(input.utf8))
            #expect(run.stdout == expected.stdout, "input \(input)")
        }
    }

    @Test(arguments: [
        ("bad.json", "[2, 1, x]", "item 3: 'x' is not a number"),
        ("open.json", "[2, 1", "not closed"),
        ("empty.json", "[]", "empty"),
        ("lead.json", "[01]", "item 1"),
        ("inf.json", "[1e999]", "not a finite number"),
        ("word.txt", "2\nabc\n", "line 2"),
        ("grid.csv", "1,2\n3,4\n", "2 rows of 2 numbers"),
        ("blank.txt", "", "empty"),
    ])
    func aBadFileIsOneLineWithExit65(name: String, text: String, mention: String) throws {
        let path = Self.scratch(name, Array(text.utf8))
        let run = try ProgramRunner.run(["probs", "--logits-file", path])
        #expect(run.status == 65)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains(path), "stderr: \(run.stderr)")
        #expect(run.stderr.contains(mention), "stderr: \(run.stderr)")
    }

    @Test(arguments: ["/no/such/file.npy", "/no/such/file.json", "/tmp"])
    func aFileThatCannotBeReadIsAUsageError(path: String) throws {
        let run = try ProgramRunner.run(["probs", "--logits-file", path])
        #expect(run.status == 64)
        #expect(run.stderrLines.count == 1 && run.stderr.contains("cannot read"), "stderr: \(run.stderr)")
    }

    @Test func theListAndTheFileTogetherAreRefused() throws {
        let path = Self.scratch("row.json", Array("[1, 2]".utf8))
        let run = try ProgramRunner.run(["probs", "--logits-file", path, "--logits", "1,2"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("not both"))
    }

    /// 200 classes: the table lists the 20 most probable (checked against the logits'
    /// order) and sums the rest; JSON lists all unless --show says otherwise.
    @Test func aLargeVocabularyListsTheMostProbable() throws {
        let logits = (0..<200).map { Double(($0 * 37) % 200) / 10 }
        let path = Self.scratch("vocabulary.json", Array(("[" + logits.map { String($0) }.joined(separator: ",") + "]").utf8))
        let table = try ProgramRunner.run(["probs", "--logits-file", path])
        let rows = table.stdout.split(separator: "\n").filter { $0.first?.isNumber == true }
        #expect(rows.count == 20)
        let top = logits.indices.sorted { logits[$0] > logits[$1] }.prefix(20).map(String.init)
        #expect(rows.map { String($0.split(separator: " ")[0]) } == top)
        let rest = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("... 180 more classes") })
        // The rest's mass, from the closed form of the softmax.
        let weights = logits.map { exp($0 - 19.9) }
        let restMass = logits.indices.filter { !top.contains(String($0)) }.reduce(0.0) { $0 + weights[$1] }
            / weights.reduce(0, +)
        #expect(rest.contains(String(format: "%.6g", restMass)), "\(rest)")
        let json = try ProgramRunner.json(["probs", "--logits-file", path])
        #expect((json["classes"] as? [Any])?.count == 200)
        #expect(json["classes_listed"] as? String == "all")
        let three = try ProgramRunner.json(["probs", "--logits-file", path, "--show", "3"])
        let listed = try #require(three["classes"] as? [[String: Any]])
        #expect(listed.map { $0["label"] as? String } == top.prefix(3).map { $0 })
        let all = try ProgramRunner.run(["probs", "--logits-file", path, "--show", "all"])
        #expect(all.stdout.split(separator: "\n").filter { $0.first?.isNumber == true }.count == 200)
    }

    /// -inf in a file masks its class, as in --logits: -inf in text, -Infinity in JSON.
    @Test(arguments: [("masked.txt", "2\n-inf\n1\n"), ("masked.json", "[2, -Infinity, 1]")])
    func minusInfinityInAFileMasksItsClass(name: String, text: String) throws {
        let path = Self.scratch(name, Array(text.utf8))
        let fromFile = try ProgramRunner.run(["probs", "--logits-file", path, "--format", "csv"])
        let listed = try ProgramRunner.run(["probs", "--logits", "2,-inf,1", "--labels", "0,1,2", "--format", "csv"])
        #expect(fromFile.status == 0, "stderr: \(fromFile.stderr)")
        #expect(fromFile.stdout == listed.stdout)
        let all = Self.scratch("all-" + name, Array((name.hasSuffix(".json") ? "[-Infinity]" : "-inf\n").utf8))
        let refused = try ProgramRunner.run(["probs", "--logits-file", all])
        #expect(refused.status == 65)
        #expect(refused.stderrLines == ["softmax-lab: \(all): every class is masked (-inf); at least one logit must be finite"])
    }
}
