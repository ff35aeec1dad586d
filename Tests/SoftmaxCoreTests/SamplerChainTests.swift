import Foundation
import SoftmaxCore
import Testing

/// The sampler chain in each decoder's order against hand-computed cases (closed forms
/// of the softmax), and --min-keep as Hugging Face documents min_tokens_to_keep: top-k
/// keeps max(k, n), top-p and min-p never leave fewer than n.
@Suite struct SamplerChainTests {
    static let huggingFace = SamplerStage.afterTemperature
    static let llamaCpp: [SamplerStage] = [.topK, .topP, .minP, .temperature]
    static let mlxLM: [SamplerStage] = [.topP, .minP, .topK, .temperature]

    func chain(_ logits: [Double], t: Double, topK: Int? = nil, topP: Double? = nil, minP: Double? = nil,
               minKeep: Int = 1, order: [SamplerStage]) throws -> [Double] {
        let settings = try TruncationSettings(topK: topK, topP: topP, minP: minP, minKeep: minKeep, order: order)
        return truncatedSoftmax(logits, temperature: try Temperature(t), settings).probabilities
    }

    func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-15 * max(1, abs($1)) }
    }

    /// Logits 3, 2, 1, 0 and top-p 0.6. At T = 1, p_A = e³/(e³+e²+e+1) = 0.644 already
    /// reaches 0.6, so a cut before T keeps A alone. At T = 2, p_A = e^1.5/(e^1.5+e+e^0.5+1)
    /// = 0.455 does not, so after T the nucleus is {A, B}, renormalised: e^1.5/(e^1.5+e).
    @Test func topPBeforeOrAfterTemperature() throws {
        let logits: [Double] = [3, 2, 1, 0]
        let after = try chain(logits, t: 2, topP: 0.6, order: Self.huggingFace)
        let a = exp(1.5) / (exp(1.5) + exp(1.0))
        #expect(close(after, [a, 1 - a, 0, 0]))
        #expect(try chain(logits, t: 2, topP: 0.6, order: Self.llamaCpp) == [1, 0, 0, 0])
        #expect(try chain(logits, t: 2, topP: 0.6, order: Self.mlxLM) == [1, 0, 0, 0])
    }

    /// Logits 2, 1, 0 and min-p 0.3. After T = 3 the ratios to the top are e^(-1/3) and
    /// e^(-2/3), both above 0.3: nothing is cut. At T = 1 they are e^-1 = 0.37 (kept) and
    /// e^-2 = 0.14 (cut); T then reshapes A and B to e^(2/3) : e^(1/3).
    @Test func minPBeforeOrAfterTemperature() throws {
        let logits: [Double] = [2, 1, 0]
        let plain = softmax(logits, temperature: try Temperature(3))
        #expect(close(try chain(logits, t: 3, minP: 0.3, order: Self.huggingFace), plain))
        let a = exp(2.0 / 3) / (exp(2.0 / 3) + exp(1.0 / 3))
        #expect(close(try chain(logits, t: 3, minP: 0.3, order: Self.llamaCpp), [a, 1 - a, 0]))
    }

    /// Top-p judges the mass of whatever survived before it: after top-k 3 the share of
    /// A + B among A, B, C is above 0.9, so C is cut; over all four classes A + B is below
    /// 0.95, so top-p first keeps C, and top-k 3 after it keeps C too.
    @Test func theOrderOfTheCutsMatters() throws {
        let logits: [Double] = [2, 1.9, 0, -3]
        // p at T = 1: A 0.4953..., B 0.4482..., C 0.0670..., D 0.0033...
        let z = logits.map { exp($0) }
        let sum = z.reduce(0, +)
        #expect(z[0] / sum < 0.5 && (z[0] + z[1]) / sum > 0.9)
        // Top-k 3 then top-p 0.9 (llama.cpp): among A, B, C the share of A+B is above 0.9.
        let llama = try chain(logits, t: 1, topK: 3, topP: 0.9, order: Self.llamaCpp)
        let ab = z[0] + z[1]
        #expect(close(llama, [z[0] / ab, z[1] / ab, 0, 0]))
        // Top-p 0.95 then top-k 3 (mlx-lm): A+B is below 0.95 of all four, so C joins; D is out.
        let mlx = try chain(logits, t: 1, topK: 3, topP: 0.95, order: Self.mlxLM)
        let abc = ab + z[2]
        #expect((ab / sum) < 0.95 && (abc / sum) >= 0.95)
        #expect(close(mlx, [z[0] / abc, z[1] / abc, z[2] / abc, 0]))
    }

    @Test func minKeepAsHuggingFaceDocumentsIt() throws {
        let logits: [Double] = [4, 3, 2, 1, 0]
        let kept = { (p: [Double]) in p.filter { $0 > 0 }.count }
        // TopKLogitsWarper: top_k = max(top_k, min_tokens_to_keep).
        #expect(kept(try chain(logits, t: 1, topK: 1, minKeep: 3, order: Self.huggingFace)) == 3)
        // TopPLogitsWarper: at least min_tokens_to_keep survive, however small top_p is.
        #expect(kept(try chain(logits, t: 1, topP: 0.01, minKeep: 2, order: Self.huggingFace)) == 2)
        #expect(kept(try chain(logits, t: 1, topP: 0.01, order: Self.huggingFace)) == 1)
        // MinPLogitsWarper: likewise.
        #expect(kept(try chain(logits, t: 1, minP: 1, minKeep: 4, order: Self.llamaCpp)) == 4)
        // More than there are classes keeps them all, unchanged.
        #expect(close(try chain(logits, t: 1, topK: 1, minKeep: 9, order: Self.huggingFace),
                      softmax(logits, temperature: .one)))
    }

    /// At T = 0 with tied maxima, a cut before T decides the tie as a decoder would (the
    /// first); without cuts the exact limit shares the mass.
    @Test func theGreedyLimitAfterACut() throws {
        let logits: [Double] = [2, 2, 1]
        let first = try TruncationSettings(topK: 1, order: Self.llamaCpp)
        #expect(truncatedSoftmax(logits, temperature: .greedy, first).probabilities == [1, 0, 0])
        #expect(truncatedSoftmax(logits, temperature: .greedy, .none).probabilities == [0.5, 0.5, 0])
    }

    @Test func anOrderMustNameEveryStageOnce() {
        #expect(throws: SoftmaxInputError.invalidSamplerOrder(["top-k", "temperature"])) {
            try TruncationSettings(order: [.topK, .temperature])
        }
        #expect(throws: SoftmaxInputError.invalidMinKeep(0)) { try TruncationSettings(minKeep: 0) }
        #expect(SamplerStage(name: "TOP_K") == .topK)
        #expect(SamplerStage(name: "temp") == .temperature)
        #expect(SamplerStage(name: "typical") == nil)
    }
}
