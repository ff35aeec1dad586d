import LabUI
import SoftmaxCore
import Testing

/// Logits typed in at the edges of the doubles: the bars stay finite and the shown
/// percentages still add up to 100 % to display precision.
@Suite struct ExtremeLogitTests {
    /// The explorer after typing `values` into classes A, B, ... with e and Enter.
    static func typed(_ values: [String], temperature: Temperature = .one) -> ExplorerState {
        var state = ExplorerState(logits: Array(repeating: 0, count: values.count), temperature: temperature, seed: 1, animates: false)
        for (index, value) in values.enumerated() {
            state.apply(.classSelected(index))
            state.apply(.editStarted)
            for character in value { state.apply(.editTyped(character)) }
            state.apply(.editCommitted)
        }
        return state
    }

    /// The percentages printed in the probability column, in class order: the first
    /// number with a % on each class's row (marked "▶ A" or "  A"). The bounds a
    /// probability beyond one decimal is shown as count as their value: "<0.1%" as 0
    /// and ">99.9%" as 100.
    static func shownPercentages(_ state: ExplorerState) -> [Double] {
        let lines = ExplorerScreen.render(state, width: 80, height: 24).lines
        return state.labels.compactMap { label in
            let row = lines.first { $0.dropFirst(2).hasPrefix(label + " ") && ($0.hasPrefix("  ") || $0.hasPrefix("▶ ")) }
            let percent = row?.split(separator: " ").first { $0.hasSuffix("%") }
            switch percent {
            case "<0.1%": return 0
            case ">99.9%": return 100
            default: return percent.flatMap { Double($0.dropLast()) }
            }
        }
    }

    @Test(arguments: [
        ["1e300", "-1e300", "0"], ["1e300", "1e300", "-1e300"], ["-1e300", "-1e300", "-1e300"],
        ["1e-300", "2e-300", "0"], ["0", "1e-300", "-1e-300", "5e-324"], ["1.7976931348623157e308", "-1.7976931348623157e308"],
    ])
    func extremeTypedLogitsGiveFiniteBarsThatSumToAHundred(_ values: [String]) throws {
        for temperature in [Temperature.greedy, .one, try Temperature(0.05), try Temperature(20), .uniform] {
            let state = Self.typed(values, temperature: temperature)
            #expect(state.logits == values.map { Double($0)! }, "every value was taken")
            let probabilities = state.readout.probabilities
            #expect(probabilities.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
            #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12, "\(values) at T = \(temperature.value)")
            let shown = Self.shownPercentages(state)
            #expect(shown.count == values.count, "a percentage per class on screen at T = \(temperature.value)")
            // One decimal each, so rounding can move the sum by 0.05 per class.
            let total: Double = shown.reduce(0, +)
            let tolerance: Double = 0.05 * Double(values.count) + 1e-9
            #expect(abs(total - 100) <= tolerance, "\(values) at T = \(temperature.value): \(shown)")
            let screen = ExplorerScreen.render(state, width: 80, height: 24).text.lowercased()
            #expect(!screen.contains("nan") && !screen.contains(" inf%"), "\(values) at T = \(temperature.value)")
        }
    }

    /// Values 1e-300 apart at T = 1 are the same distribution as equal logits, to
    /// display precision: a third each, the column adding up to exactly 100.0, so
    /// largest remainder gives the one tenth left over to the first class.
    @Test func logitsATinyDistanceApartShareTheMassEvenly() {
        let state = Self.typed(["1e-300", "2e-300", "3e-300"])
        #expect(Self.shownPercentages(state) == [33.4, 33.3, 33.3])
    }
}
