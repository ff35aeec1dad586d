import Foundation
import Testing

/// `probs --format json` for random logits at every scale (to ±1e300, near-ties
/// 1e-15 apart) and every T (1e-300 to 1e300, 0 and ∞): every number it prints
/// matches mpmath to 1e-12 relative, or is null where the README says JSON writes
/// null (a value beyond the doubles, or a probability below them).
@Suite struct ExtremeProbsTests {
    /// The value of each `"key": value` line, in order (the JSON is one field a line).
    static func values(_ key: String, in json: String) -> [String] {
        json.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\"\(key)\": ") else { return nil }
            return String(trimmed.dropFirst(key.count + 4)).trimmingCharacters(in: CharacterSet(charactersIn: ","))
        }
    }

    /// Whether a printed value agrees with the reference text ("big", "tiny", "-inf" or a number).
    static func agrees(_ printed: String, _ reference: String) -> Bool {
        switch reference {
        case "big", "-inf": return printed == "null"
        // Below the normal doubles: null, or a value too small to matter at 1e-300.
        case "tiny": return printed == "null" || (Double(printed).map { abs($0) < 1e-300 } ?? false)
        default:
            guard let a = Double(printed), let b = Double(reference) else { return false }
            return a == b || abs(a - b) <= 1e-12 * abs(b) || (abs(b) < 1e-300 && abs(a) < 1e-300)
        }
    }

    @Test(arguments: ExtremeProbsReference.cases)
    func everyPrintedNumberMatchesMpmath(_ c: ExtremeProbsCase) throws {
        let run = try ProgramRunner.run(["probs", "--logits", c.logits, "-t", c.temperature, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = run.stdout
        let p = Self.values("probability", in: json)
        let logP = Self.values("log_probability", in: json)
        #expect(p.count == c.probabilities.count && logP.count == c.logProbabilities.count)
        for (i, (printed, reference)) in zip(p, c.probabilities).enumerated() {
            #expect(Self.agrees(printed, reference), "p[\(i)] = \(printed), mpmath \(reference)")
        }
        for (i, (printed, reference)) in zip(logP, c.logProbabilities).enumerated() {
            #expect(Self.agrees(printed, reference), "ln p[\(i)] = \(printed), mpmath \(reference)")
        }
        let h = try #require(Self.values("softmax_entropy_nats", in: json).first)
        #expect(Self.agrees(h, c.entropy), "H = \(h), mpmath \(c.entropy)")
        let e = try #require(Self.values("mean_energy", in: json).first)
        #expect(Self.agrees(e, c.meanEnergy), "<E> = \(e), mpmath \(c.meanEnergy)")
        if let reference = c.logPartition {
            let lnZ = try #require(Self.values("log_partition", in: json).first)
            #expect(Self.agrees(lnZ, reference), "ln Z = \(lnZ), mpmath \(reference)")
        }
    }
}
