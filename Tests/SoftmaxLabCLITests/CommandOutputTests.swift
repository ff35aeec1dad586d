import Foundation
import SoftmaxCore
import Testing

/// The subcommands' answers, checked against closed forms rather than against the
/// code that produced them.
@Suite struct CommandOutputTests {
    /// Logits 0 and ln 3 give probabilities 1/4 and 3/4 at T = 1 (e^0 : e^ln3 = 1 : 3).
    static let quarterLogits = "0,\(log(3.0))"

    @Test func probsJSONHoldsTheClosedForm() throws {
        let json = try ProgramRunner.json(["probs", "--logits", Self.quarterLogits])
        let classes = try #require(json["classes"] as? [[String: Any]])
        let p = classes.compactMap { $0["probability"] as? Double }
        #expect(abs(p[0] - 0.25) < 1e-15)
        #expect(abs(p[1] - 0.75) < 1e-15)
        let h = try #require(json["entropy_nats"] as? Double)
        #expect(abs(h - -(0.25 * log(0.25) + 0.75 * log(0.75))) < 1e-15)
        // Z = 1 + 3, so ln Z = ln 4 and F = -ln 4 at T = 1.
        #expect(abs((json["log_partition"] as? Double ?? 0) - log(4)) < 1e-15)
        #expect(abs((json["free_energy"] as? Double ?? 0) + log(4)) < 1e-15)
    }

    @Test func jsonDoublesRoundTrip() throws {
        let logits = [2, 1, 0.5, 0.1]
        let run = try ProgramRunner.run(["probs", "--logits", "2,1,0.5,0.1", "--temperature", "0.7", "--format", "json"])
        // Read the digits with Double(_:), which rounds correctly, rather than through
        // JSONSerialization, whose Linux parser may be off by an ulp.
        let printed = run.stdout.split(separator: "\n")
            .filter { $0.contains("\"probability\":") }
            .compactMap { Double($0.split(separator: ":")[1].trimmingCharacters(in: .init(charactersIn: " ,"))) }
        #expect(printed == softmax(logits, temperature: try Temperature(0.7)))
    }

    @Test func temperatureZeroIsGreedyAndInfIsUniform() throws {
        let greedy = try ProgramRunner.json(["probs", "--logits", "1,3,3,2", "--temperature", "0"])
        let greedyP = (greedy["classes"] as? [[String: Any]] ?? []).compactMap { $0["probability"] as? Double }
        #expect(greedyP == [0, 0.5, 0.5, 0])
        #expect(greedy["temperature_limit"] as? String == "greedy")

        let uniform = try ProgramRunner.json(["probs", "--logits", "1,3,3,2", "--temperature", "inf"])
        let uniformP = (uniform["classes"] as? [[String: Any]] ?? []).compactMap { $0["probability"] as? Double }
        #expect(uniformP == [0.25, 0.25, 0.25, 0.25])
        #expect(abs((uniform["entropy_nats"] as? Double ?? 0) - log(4)) < 1e-15)
    }

    @Test func oneLogitIsCertain() throws {
        let run = try ProgramRunner.run(["probs", "--logits", "3"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("1.000000"))
    }

    @Test func topKCutsAndRenormalises() throws {
        // Logits 0, ln 3, ln 6 have weights 1 : 3 : 6; top-2 keeps 3 : 6, that is 1/3 and 2/3.
        let json = try ProgramRunner.json(["probs", "--logits", "0,\(log(3.0)),\(log(6.0))", "--top-k", "2"])
        let classes = json["classes"] as? [[String: Any]] ?? []
        let after = classes.compactMap { $0["probability_after_cuts"] as? Double }
        #expect(abs(after[0]) == 0)
        #expect(abs(after[1] - 1.0 / 3) < 1e-15)
        #expect(abs(after[2] - 2.0 / 3) < 1e-15)
        #expect(classes.compactMap { $0["kept"] as? Bool } == [false, true, true])
    }

    @Test func tableFitsEightyColumns() throws {
        let run = try ProgramRunner.run(["probs", "--logits", "1e300,-1e300,0.000001,12345.678", "--top-p", "0.9"])
        #expect(run.status == 0)
        for line in run.stdout.split(separator: "\n") {
            #expect(line.count <= 80, "too wide: \(line)")
        }
    }

    @Test func csvHasAHeaderAndOneRowPerClass() throws {
        let run = try ProgramRunner.run(["probs", "--logits", "2,1,0.5", "--format", "csv"])
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == "class,logit,z/T,probability,cumulative,masked,T,limit")
        // CSV is for programs: probabilities are written exactly, not rounded to six decimals.
        let printed = lines.dropFirst().compactMap { Double($0.split(separator: ",")[3]) }
        #expect(printed == softmax([2, 1, 0.5]))
    }

    @Test func sampleIsReproducibleForASeed() throws {
        let a = try ProgramRunner.run(["sample", "--count", "5000", "--seed", "7"])
        let b = try ProgramRunner.run(["sample", "--count", "5000", "--seed", "7"])
        let c = try ProgramRunner.run(["sample", "--count", "5000", "--seed", "8"])
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout != c.stdout)
    }

    @Test func sampleCountsAddUpAndMatchTheProbabilities() throws {
        let json = try ProgramRunner.json(["sample", "--logits", Self.quarterLogits, "--count", "100000", "--seed", "3"])
        let classes = json["classes"] as? [[String: Any]] ?? []
        let counts = classes.compactMap { $0["count"] as? Int }
        #expect(counts.reduce(0, +) == 100_000)
        // Binomial standard deviation of the count of class B: sqrt(n p (1 - p)), about 137; allow 5 of them.
        #expect(abs(Double(counts[1]) - 75_000) < 5 * (100_000 * 0.75 * 0.25).squareRoot())
        #expect(json["seed"] as? String == "3")
    }

    @Test func sweepIsLogSpacedAndEntropyRises() throws {
        let json = try ProgramRunner.json(["sweep", "--from", "0.1", "--to", "10", "--steps", "3"])
        let points = json["points"] as? [[String: Any]] ?? []
        let temperatures = points.compactMap { $0["temperature"] as? Double }
        #expect(temperatures.count == 3)
        #expect(abs(temperatures[0] - 0.1) < 1e-15 && abs(temperatures[1] - 1) < 1e-14 && temperatures[2] == 10)
        let entropies = points.compactMap { $0["entropy_nats"] as? Double }
        #expect(entropies == entropies.sorted())
    }

    @Test func versionNamesTheCursesLibrary() throws {
        let run = try ProgramRunner.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("softmax-lab"))
        #expect(run.stdout.contains("ncurses"))
    }
}

/// `--samplers` and `--min-keep` through the binary: llama.cpp's spelling is read, the
/// order reaches the numbers, and JSON says which chain ran.
@Suite struct SamplerChainOutputTests {
    @Test func llamaCppsOrderCutsBeforeTheTemperature() throws {
        // At T = 1 A's share e³/(e³+e²+e+1) = 0.644 reaches top-p 0.6, so A alone survives.
        let json = try ProgramRunner.json(["probs", "--logits", "3,2,1,0", "-t", "2", "--top-p", "0.6",
                                           "--samplers", "top_k;top_p;min_p;temperature"])
        #expect(json["samplers"] as? [String] == ["top-k", "top-p", "min-p", "temperature"])
        let classes = try #require(json["classes"] as? [[String: Any]])
        #expect(classes.map { $0["probability_after_cuts"] as? Double } == [1, 0, 0, 0])
        // Hugging Face's order judges softmax(z / 2): A and B survive.
        let hf = try ProgramRunner.json(["probs", "--logits", "3,2,1,0", "-t", "2", "--top-p", "0.6"])
        let kept = try #require(hf["classes"] as? [[String: Any]]).filter { ($0["kept"] as? Bool) == true }
        #expect(kept.count == 2)
        #expect(hf["min_keep"] as? Int == 1)
    }

    @Test func minKeepHoldsEveryCutOpen() throws {
        let json = try ProgramRunner.json(["probs", "--logits", "3,2,1,0", "--top-k", "1", "--min-keep", "3"])
        let kept = try #require(json["classes"] as? [[String: Any]]).filter { ($0["kept"] as? Bool) == true }
        #expect(kept.count == 3)
    }
}
