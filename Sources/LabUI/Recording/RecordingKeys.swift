/// The recorded-generation view's key table: step through the positions, turn T as
/// in the explorer, set the cuts as in chapter 7, and open a position in the explorer.
/// Only these keys are live there, so no explorer key acts on the hidden explorer.
public enum RecordingKeys {
    static func step(_ steps: Int) -> @Sendable (inout LabState) -> Void {
        { $0.recording?.step(by: steps) }
    }

    /// The explorer's keys that mean the same here: T, then help, the lesson and quit.
    static let temperatureKeys = [
        "temperatureRaised", "temperatureLowered", "temperatureRaisedFar", "temperatureLoweredFar", "greedyChosen",
        "unitTemperatureChosen", "uniformChosen", "temperatureEditStarted",
    ]
    static let frameKeys = ["helpOpened", "lessonToggled", "quitRequested"]

    public static let bindings: [KeyBinding] = [
        KeyBinding("tokenNext", [.down, .character("."), .character("n")], "the next token", hint: "↓↑ token",
                   perform: step(1)),
        KeyBinding("tokenPrevious", [.up, .character(","), .character("b")], "the previous token", perform: step(-1)),
        KeyBinding("tokenNextTen", [.character(">")], "ten tokens on", perform: step(10)),
        KeyBinding("tokenPreviousTen", [.character("<")], "ten tokens back", perform: step(-10)),
        KeyBinding("tokenFirst", [.character("g")], "the first token", perform: { $0.recording?.go(to: 0) }),
        KeyBinding("tokenLast", [.character("G")], "the last token", perform: { $0.recording?.go(to: Int.max) }),
    ] + temperatureKeys.compactMap { ExplorerKeys.binding(id: $0) }
      + CutKeys.bindings(prefix: "recordingCut", settings: \.lesson.decoding, compactHint: "kpm x +- cuts",
                         vocabularySize: { $0.recording?.current.tokens.count ?? 1 }) + [
        KeyBinding("positionExplored", [.character("e")], "this token's alternatives in the explorer", hint: "e explore",
                   perform: { $0.explorePosition() }),
    ] + frameKeys.compactMap { ExplorerKeys.binding(id: $0) }

    public static let context = KeyContext(title: "Recorded generation", bindings: bindings)

    /// In the explorer while a recorded generation is open: the way back to it.
    public static let returnFromExplorer = KeyContext(
        title: "Recorded generation",
        bindings: [
            KeyBinding("recordingReturned", [.character("g")], "back to the recorded generation", hint: "g generation",
                       perform: { $0.mode = .recording }),
        ])
}

extension LabState {
    /// Loads the shown position's alternatives (the ten most likely) into the explorer
    /// as logits, named by their tokens, and switches to it; one listed token is refused.
    mutating func explorePosition() {
        guard let listed = recording?.current else { return }
        let top = Array(listed.ranking.prefix(ExplorerState.maximumClassCount))
        guard top.count >= ExplorerState.minimumClassCount else {
            explorer.notice = .refusal("This token lists one alternative; the explorer needs at least two.")
            return
        }
        var next = ExplorerState(logits: top.map { listed.logprobs[$0] }, labels: top.map { RecordedText.label(listed.tokens[$0]) },
                                 temperature: explorer.temperature, seed: explorer.seed, animates: explorer.animates)
        next.notice = .info("The listed log-probabilities as logits; g goes back to the recorded generation.")
        explorer = next
        mode = .explorer
    }
}
