/// The keys that set a decoder's cuts (top-k, top-p, min-p): pick one, switch it,
/// step it. Chapter 7 and the recorded-generation view share them, each on its own
/// settings, so the same keys mean the same wherever cuts are shown.
enum CutKeys {
    /// - Parameters:
    ///   - settings: where the cuts live in the state.
    ///   - vocabularySize: the most top-k can keep, for the state at hand.
    ///   - pickHint: the hint of the k p m keys, nil where the screen shows them itself.
    ///   - compactHint: one hint for all of them, for a key line with less room.
    static func bindings(prefix: String, settings: WritableKeyPath<LabState, GenerationSettings> & Sendable,
                         pickHint: String? = "k p m pick a cut", compactHint: String? = nil,
                         vocabularySize: @escaping @Sendable (LabState) -> Int) -> [KeyBinding] {
        func binding(_ id: String, _ keys: [Key], _ summary: String, hint: String? = nil,
                     _ change: @escaping @Sendable (inout GenerationSettings, _ vocabularySize: Int) -> Void) -> KeyBinding {
            let shownHint = compactHint.map { id == "TopK" ? $0 : nil } ?? hint
            return KeyBinding(prefix + id, keys, summary, hint: shownHint, perform: { state in
                let size = vocabularySize(state)
                change(&state[keyPath: settings], size)
            })
        }
        return [
            binding("TopK", [.character("k")], "pick the top-k cut", hint: pickHint) { s, _ in s.pick(.topK) },
            binding("TopP", [.character("p")], "pick the top-p cut") { s, _ in s.pick(.topP) },
            binding("MinP", [.character("m")], "pick the min-p cut") { s, _ in s.pick(.minP) },
            binding("Toggled", [.character("x")], "switch the picked cut on or off", hint: "x on/off") { s, _ in
                s.togglePicked()
            },
            binding("Raised", [.character("+"), .character("=")], "raise the picked cut one step", hint: "+- adjust it") {
                s, size in s.adjust(by: 1, vocabularySize: size)
            },
            binding("Lowered", [.character("-"), .character("_")], "lower the picked cut one step") { s, size in
                s.adjust(by: -1, vocabularySize: size)
            },
        ]
    }
}
