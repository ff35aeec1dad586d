import Foundation
import Testing

/// `tokens` on small files written here in each format (none of them model output),
/// with the numbers checked against closed forms: the listed logprobs, exponentiated
/// and renormalised at T.
@Suite struct TokensCommandTests {
    final class Files {
        let directory = NSTemporaryDirectory() + "tokens-tests-\(UUID().uuidString)"

        init() throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        func write(_ name: String, _ text: String) -> String {
            let path = directory + "/" + name
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            return path
        }
    }

    static let l6 = log(0.6), l3 = log(0.3), l1 = log(0.1)

    /// Position 0 chose "a" (0.6) over "b" (0.3), 0.1 unlisted; position 1 chose "b" (0.3), "a" (0.6) listed first.
    static let openAI = """
        {"id": "x", "choices": [{"index": 0, "logprobs": {"content": [
          {"token": "a", "logprob": \(l6), "top_logprobs": [{"token": "a", "logprob": \(l6)}, {"token": "b", "logprob": \(l3)}]},
          {"token": "b", "logprob": \(l3), "top_logprobs": [{"token": "a", "logprob": \(l6)}, {"token": "b", "logprob": \(l3)}]}
        ]}}]}
        """
    static let llamaCpp = """
        {"content": "ab", "completion_probabilities": [
          {"id": 1, "token": "a", "logprob": \(l6), "bytes": [97], "top_logprobs": [{"id": 1, "token": "a", "logprob": \(l6)}, {"id": 2, "token": "b", "logprob": \(l3)}]},
          {"id": 2, "token": "b", "logprob": \(l3), "bytes": [98], "top_logprobs": [{"id": 1, "token": "a", "logprob": \(l6)}, {"id": 2, "token": "b", "logprob": \(l3)}]}
        ]}
        """
    static let llamaCppOld = """
        {"content": "ab", "completion_probabilities": [
          {"content": "a", "probs": [{"tok_str": "a", "prob": 0.6}, {"tok_str": "b", "prob": 0.3}]},
          {"content": "b", "probs": [{"tok_str": "a", "prob": 0.6}, {"tok_str": "b", "prob": 0.3}]}
        ]}
        """
    static let ollama = """
        {"model": "m", "response": "ab", "done": true, "logprobs": [
          {"token": "a", "logprob": \(l6), "bytes": [97], "top_logprobs": [{"token": "a", "logprob": \(l6)}, {"token": "b", "logprob": \(l3)}]},
          {"token": "b", "logprob": \(l3), "bytes": [98], "top_logprobs": [{"token": "a", "logprob": \(l6)}, {"token": "b", "logprob": \(l3)}]}
        ]}
        """
    static let ollamaStream = """
        {"model": "m", "response": "a", "done": false, "logprobs": [{"token": "a", "logprob": \(l6), "top_logprobs": [{"token": "a", "logprob": \(l6)}, {"token": "b", "logprob": \(l3)}]}]}
        {"model": "m", "response": "b", "done": true, "logprobs": [{"token": "b", "logprob": \(l3), "top_logprobs": [{"token": "a", "logprob": \(l6)}, {"token": "b", "logprob": \(l3)}]}]}
        """

    /// softmax of (ln 0.6, ln 0.3) at T: 0.6^(1/T) / (0.6^(1/T) + 0.3^(1/T)).
    static func pA(_ t: Double) -> Double { pow(0.6, 1 / t) / (pow(0.6, 1 / t) + pow(0.3, 1 / t)) }
    static func h(_ p: Double) -> Double { -(p * log(p) + (1 - p) * log(1 - p)) }

    static func positions(_ json: [String: Any]) -> [[String: Any]] { json["positions"] as? [[String: Any]] ?? [] }

    @Test(arguments: [("openai", openAI, "openai"), ("llama", llamaCpp, "llama.cpp"), ("old", llamaCppOld, "llama.cpp"),
                      ("ollama", ollama, "ollama"), ("stream", ollamaStream, "ollama")])
    func eachFormatReadsAndRetempers(_ name: String, _ text: String, _ format: String) throws {
        let files = try Files()
        let path = files.write(name + ".json", text)
        for t in [1.0, 0.5, 2.0] {
            let json = try ProgramRunner.json(["tokens", path, "--temperature", formatNumber(t)])
            #expect(json["format"] as? String == format)
            #expect(json["post_sampling_probabilities"] as? Bool == (name == "old"))
            let p = Self.positions(json)
            try #require(p.count == 2)
            #expect(p[0]["token"] as? String == "a")
            #expect(p[1]["token"] as? String == "b")
            let a = Self.pA(t)
            #expect(abs((p[0]["probability"] as? Double ?? -1) - a) < 1e-12)
            #expect(abs((p[1]["probability"] as? Double ?? -1) - (1 - a)) < 1e-12)
            #expect(abs((p[0]["entropy_nats"] as? Double ?? -1) - Self.h(a)) < 1e-12)
            #expect(abs((p[0]["unlisted_mass"] as? Double ?? -1) - 0.1) < 1e-12)
            #expect(p[0]["kept"] as? Bool == true)
            let alternatives = p[0]["alternatives"] as? [[String: Any]] ?? []
            #expect(alternatives.count == 2)
            #expect(abs((alternatives.first?["reported_probability"] as? Double ?? -1) - 0.6) < 1e-12)
        }
    }

    @Test func cutsDecideWhetherTheChosenTokenSurvives() throws {
        let files = try Files()
        let path = files.write("openai.json", Self.openAI)
        let p = Self.positions(try ProgramRunner.json(["tokens", path, "--top-k", "1"]))
        try #require(p.count == 2)
        #expect(p[0]["kept"] as? Bool == true)
        #expect(p[0]["probability"] as? Double == 1)
        #expect(p[1]["kept"] as? Bool == false)
        #expect(p[1]["probability"] as? Double == 0)
        // top-p 0.7 of (2/3, 1/3) at T = 1 needs both.
        let q = Self.positions(try ProgramRunner.json(["tokens", path, "--top-p", "0.7"]))
        #expect(q.last?["kept"] as? Bool == true)
        // T = 0: greedy over the listed tokens.
        let g = Self.positions(try ProgramRunner.json(["tokens", path, "-t", "0"]))
        #expect(g.first?["probability"] as? Double == 1)
        #expect(g.last?["probability"] as? Double == 0)
    }

    @Test func aChosenTokenOutsideTheListIsAddedFromItsLogprob() throws {
        let files = try Files()
        let path = files.write("outside.json", """
            {"choices": [{"logprobs": {"content": [
              {"token": "c", "logprob": \(Self.l1), "top_logprobs": [{"token": "a", "logprob": \(Self.l6)}, {"token": "b", "logprob": \(Self.l3)}]}
            ]}}]}
            """)
        let p = Self.positions(try ProgramRunner.json(["tokens", path]))
        try #require(p.count == 1)
        #expect(p[0]["listed"] as? Bool == false)
        #expect(abs((p[0]["probability"] as? Double ?? -1) - 0.1) < 1e-12)
        #expect(abs(p[0]["unlisted_mass"] as? Double ?? -1) < 1e-12)
        let table = try ProgramRunner.run(["tokens", path])
        #expect(table.status == 0)
        #expect(table.stdout.contains("none: the list holds the mass"))
        #expect(table.stdout.contains("* (not in the list)"))
    }

    @Test func tableAndCSV() throws {
        let files = try Files()
        let path = files.write("openai.json", Self.openAI)
        let table = try ProgramRunner.run(["tokens", path, "--temperature", "2"])
        #expect(table.status == 0)
        let lines = table.stdout.components(separatedBy: "\n")
        #expect(lines.first == "2 tokens from OpenAI chat completions, at T = 2")
        #expect(lines.contains { $0.hasPrefix("0  \"a\"  probability at T \(String(format: "%.6f", Self.pA(2))), survives the cuts") })
        #expect(lines.contains { $0.hasPrefix("   other") && $0.contains("0.100000") && $0.hasSuffix("unknown") })
        let csv = try ProgramRunner.run(["tokens", path, "--temperature", "2", "--format", "csv"])
        #expect(csv.status == 0)
        let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.first?.joined(separator: ",")
            == "position,token,chosen,logprob,reported probability,probability,kept,unlisted mass,entropy nats,T,limit")
        try #require(rows.count == 5)
        #expect(rows[1][0] == "0" && rows[1][1] == "a" && rows[1][2] == "true")
        #expect(abs((Double(String(rows[1][5])) ?? -1) - Self.pA(2)) < 1e-12)
        #expect(abs((Double(String(rows[2][4])) ?? -1) - 0.3) < 1e-12)
        for row in rows.dropFirst() {
            for column in [3, 4, 5, 7, 8, 9] { #expect(Double(String(row[column])) != nil, "\(row)") }
        }
    }

    @Test(arguments: [
        ("not.json", "this is not json", "not JSON"),
        ("empty.json", "", "empty"),
        ("shape.json", "{\"foo\": 1}", "not a logprobs response"),
        ("string.json", "{\"logprobs\": [{\"token\": \"a\", \"logprob\": \"abc\"}]}", "logprobs[0].logprob: not a number"),
        ("positive.json", "{\"logprobs\": [{\"token\": \"a\", \"logprob\": 2}]}", "not a log-probability"),
        ("none.json", "{\"logprobs\": []}", "no tokens"),
        ("notoken.json", "{\"logprobs\": [{\"logprob\": -1}]}", "no token text"),
        ("deep.json", String(repeating: "[", count: 100_000), "nested too deeply"),
        ("noprob.json", "{\"completion_probabilities\": [{\"content\": \"a\", \"probs\": [{\"tok_str\": \"a\", \"prob\": 0}]}]}",
         "no token with a probability above 0"),
        ("chat.json", "{\"choices\": [{\"message\": {\"content\": \"hi\"}}]}", "choices[0].logprobs.content is missing"),
    ])
    func badFilesAreOneLineWithExit65(_ name: String, _ text: String, _ says: String) throws {
        let files = try Files()
        let path = files.write(name, text)
        let run = try ProgramRunner.run(["tokens", path])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains(says), "\(run.stderr)")
        #expect(run.stderr.hasPrefix("softmax-lab: " + path + ": "))
        if says != "no tokens" && name != "noprob.json" && name != "notoken.json" && name != "string.json"
            && name != "positive.json" {
            #expect(run.stderr.contains("OpenAI chat completions") && run.stderr.contains("Ollama"))
        }
    }

    @Test func aMissingFileIsAUsageError() throws {
        let run = try ProgramRunner.run(["tokens", "/nonexistent/tokens.json"])
        #expect(run.status == usageExitCode)
        #expect(run.stderrLines.count == 1)
    }
}

private func formatNumber(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
