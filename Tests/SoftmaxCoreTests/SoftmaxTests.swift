import Testing
import SoftmaxCore

// Closed forms: the limits T = 0 and T = infinity, extreme logits, and the helpers
// around softmax. Expected values follow from the definitions, not from the code.
@Suite("Softmax")
struct SoftmaxTests {
    @Test("T = infinity is exactly 1/K for every class, whatever the logits")
    func uniformLimit() {
        for logits in [[2.0, 1, 0.5, 0.1], [1e300, -1e300, 0], [5.0], [-3.0, -3.0, 7, 1e-300, 42, 0, 0.5]] {
            let p = softmax(logits, temperature: .uniform)
            // 1 / K is one correctly rounded division, and so is weight 1 over sum K.
            let k = Double(logits.count)
            #expect(p == Array(repeating: 1 / k, count: logits.count))
            #expect(logSoftmax(logits, temperature: .uniform).allSatisfy { isClose($0, -ln(k), tolerance: 1e-15) })
        }
    }

    @Test("T = 0 puts 1/m on each of m tied maxima and exactly 0 elsewhere")
    func greedyLimit() {
        #expect(softmax([2, 1, 0.5, 0.1], temperature: .greedy) == [1, 0, 0, 0])
        #expect(softmax([-1.5, 3, 3, -0.25, 0], temperature: .greedy) == [0, 0.5, 0.5, 0, 0])
        let third: Double = 1.0 / 3
        #expect(softmax([7, 1, 7, 7], temperature: .greedy) == [third, 0, third, third])
        #expect(softmax([-4, -4, -4, -4, -4], temperature: .greedy) == Array(repeating: 0.2, count: 5))
        // The smallest possible gap still decides.
        #expect(softmax([1, 1.0.nextUp], temperature: .greedy) == [0, 1])
    }

    @Test("T = 0 log-probabilities: -ln m on the maxima, -infinity on the rest")
    func greedyLogProbabilities() {
        let logP = logSoftmax([1, 3, 3, 2], temperature: .greedy)
        #expect(logP[0] == -.infinity && logP[3] == -.infinity)
        #expect(isClose(logP[1], -ln(2), tolerance: 1e-15))
        #expect(logP[1] == logP[2])
    }

    @Test("logits of +-1e300 give finite probabilities summing to 1")
    func hugeLogits() {
        let cases: [([Double], [Double])] = [
            ([1e300, -1e300], [1, 0]),
            ([-1e300, 1e300], [0, 1]),
            ([1e300, 1e300, -1e300], [0.5, 0.5, 0]),
            ([-1e300, -1e300], [0.5, 0.5]),
            ([1e300, 0, -1e300], [1, 0, 0]),
        ]
        for (logits, expected) in cases {
            for t in [1e-300, 1e-3, 1, 1e3] {
                let p = softmax(logits, temperature: try! Temperature(t))
                #expect(p.allSatisfy { $0.isFinite && $0 >= 0 })
                #expect(p.reduce(0, +) == 1)
                #expect(p == expected, "\(logits) at T = \(t)")
            }
        }
        // The largest doubles: z_i - max overflows to -infinity, which must still give 0, not NaN.
        let extreme = softmax([.greatestFiniteMagnitude, -.greatestFiniteMagnitude])
        #expect(extreme == [1, 0])
    }

    @Test("a single class has probability 1 at every temperature")
    func singleClass() {
        for t in [Temperature.greedy, .one, .uniform, try! Temperature(1e-300), try! Temperature(1e300)] {
            #expect(softmax([-123.5], temperature: t) == [1])
            #expect(logSoftmax([-123.5], temperature: t) == [0])
        }
    }

    @Test("default temperature is 1")
    func defaultTemperature() {
        let logits = [2.0, 1, 0.5, 0.1]
        #expect(softmax(logits) == softmax(logits, temperature: try! Temperature(1)))
        #expect(Temperature.one.value == 1)
    }

    @Test("logSumExp: empty, single, infinite and huge inputs")
    func logSumExpEdges() {
        #expect(logSumExp([]) == -.infinity)
        #expect(logSumExp([3.25]) == 3.25)
        #expect(logSumExp([-.infinity, -.infinity]) == -.infinity)
        #expect(logSumExp([.infinity, 0]) == .infinity)
        // ln(e^x + e^x) = x + ln 2, where exp(x) alone overflows.
        #expect(isClose(logSumExp([800, 800]), 800 + ln(2), tolerance: 1e-15))
        #expect(logSumExp([1e308, 1e308]) == 1e308)
        // A -infinity term contributes exp(-inf) = 0.
        #expect(logSumExp([2, -.infinity]) == 2)
    }

    @Test("Temperature refuses negative and NaN values, accepts 0 and infinity")
    func temperatureValidation() throws {
        #expect(throws: SoftmaxInputError.invalidTemperature(-1)) { try Temperature(-1) }
        #expect(throws: SoftmaxInputError.invalidTemperature(-.infinity)) { try Temperature(-.infinity) }
        #expect(throws: SoftmaxInputError.self) { try Temperature(.nan) }
        #expect(throws: SoftmaxInputError.self) { try Temperature(-.leastNonzeroMagnitude) }
        #expect(try Temperature(0).isGreedy)
        #expect(try Temperature(.infinity).isUniform)
        #expect(try Temperature(0) == .greedy)
        #expect(try Temperature(.infinity) == .uniform)
        let small = try Temperature(.leastNonzeroMagnitude)
        #expect(!small.isGreedy && !small.isUniform)
        #expect(!Temperature.one.isGreedy && !Temperature.one.isUniform)
    }

    @Test("Temperature and error descriptions")
    func descriptions() throws {
        #expect(Temperature.greedy.description == "0 (greedy)")
        #expect(Temperature.uniform.description == "inf (uniform)")
        #expect(try Temperature(0.7).description == "0.7")
        #expect(try Temperature(2).description == "2")
        #expect(SoftmaxInputError.invalidTemperature(-0.5).description.contains("-0.5"))
        #expect(SoftmaxInputError.nonFiniteLogit(index: 2, value: .nan).description == "logit 3 is nan; logits must be finite numbers")
        #expect(SoftmaxInputError.invalidTopK(0).description == "top-k must be at least 1, not 0")
        #expect(SoftmaxInputError.invalidTopP(1.5).description == "top-p must be in (0, 1], not 1.5")
        #expect(SoftmaxInputError.invalidMinP(-1).description == "min-p must be in [0, 1], not -1")
    }

    @Test("scaledLogit is z / T with the limits taken, never NaN")
    func scaledLogitLimits() throws {
        #expect(scaledLogit(3, temperature: try Temperature(0.5)) == 6)
        #expect(scaledLogit(-3, temperature: .one) == -3)
        #expect(scaledLogit(3, temperature: .greedy) == .infinity)
        #expect(scaledLogit(-3, temperature: .greedy) == -.infinity)
        #expect(scaledLogit(0, temperature: .greedy) == 0)
        #expect(scaledLogit(1e300, temperature: .uniform) == 0)
        #expect(scaledLogit(0, temperature: .uniform) == 0)
    }

    @Test("logSpaced: ends exact, equal ratios between neighbours")
    func logSpacedTemperatures() {
        let t = logSpaced(from: 0.01, to: 100, count: 5)
        #expect(t.count == 5)
        #expect(t.first == 0.01 && t.last == 100)
        // 0.01, 0.1, 1, 10, 100: ratio 10 each step.
        #expect(isClose(t, [0.01, 0.1, 1, 10, 100], tolerance: 1e-14))
        #expect(logSpaced(from: 0.5, to: 2, count: 1) == [0.5])
        #expect(logSpaced(from: 0.5, to: 2, count: 0) == [])
        #expect(logSpaced(from: 0.5, to: 2, count: -3) == [])
        #expect(logSpaced(from: 0.5, to: 2, count: 2) == [0.5, 2])
    }

    @Test("argmax takes the lowest index among ties; cumulativeSums runs left to right")
    func argmaxAndCumulative() {
        #expect(argmax([0.1, 0.4, 0.4, 0.1]) == 1)
        #expect(argmax([3]) == 0)
        #expect(argmax([]) == 0)
        #expect(argmax([-5, -2, -2]) == 1)
        #expect(cumulativeSums([0.25, 0.5, 0.125, 0.125]) == [0.25, 0.75, 0.875, 1])
        #expect(cumulativeSums([]) == [])
    }
}
