/// Starting points a teacher can switch between with `p`: each shows one thing
/// about softmax at a glance. The same table is kept in assets/presets.tsv, and a
/// test checks that the two agree.
public struct Preset: Hashable, Sendable {
    public let name: String
    public let logits: [Double]
    public let labels: [String]

    public static let all: [Preset] = [
        // The four numbers one sketches on a napkin.
        Preset(name: "napkin", logits: [2, 1, 0.5, 0.1], labels: ["A", "B", "C", "D"]),
        // Tied maxima share the mass, even at T -> 0.
        Preset(name: "tie", logits: [2, 2, 1, 0], labels: ["A", "B", "C", "D"]),
        // Negative logits are fine for softmax, fatal for z / sum z.
        Preset(name: "negative", logits: [1.5, -0.5, -2, 0.3, -1], labels: ["A", "B", "C", "D", "E"]),
        // One logit far ahead: it needs a hot temperature to share.
        Preset(name: "dominant", logits: [6, 1, 0.5, 0.1, 0], labels: ["A", "B", "C", "D", "E"]),
        // A language model's next word: a long, gently falling tail.
        Preset(name: "llm-like", logits: [4.1, 3.3, 2.9, 2.2, 1.8, 1.1, 0.6, 0.2, -0.5, -1.3],
               labels: ["the", "a", "this", "my", "his", "our", "that", "one", "each", "every"]),
    ]
}
