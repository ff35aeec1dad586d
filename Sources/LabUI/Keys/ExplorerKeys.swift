/// The explorer's key table, which is also the outermost context in the lesson:
/// the explorer's keys mean the same in every chapter unless a chapter's key line
/// says otherwise.
public enum ExplorerKeys {
    static func apply(_ action: ExplorerAction) -> @Sendable (inout LabState) -> Void {
        { $0.explorer.apply(action) }
    }

    private static func binding(_ id: String, _ keys: [Key], _ summary: String, hint: String? = nil,
                                _ action: ExplorerAction) -> KeyBinding {
        KeyBinding(id, keys, summary, hint: hint, perform: apply(action))
    }

    public static let bindings: [KeyBinding] = [
        binding("temperatureRaised", [.right, .character("l")], "raise T one step", hint: "←→ T", .temperatureRaised),
        binding("temperatureLowered", [.left, .character("h")], "lower T one step", .temperatureLowered),
        binding("temperatureRaisedFar", [.shiftRight, .pageUp, .character("L")], "raise T four steps", .temperatureRaisedFar),
        binding("temperatureLoweredFar", [.shiftLeft, .pageDown, .character("H")], "lower T four steps", .temperatureLoweredFar),
        binding("greedyChosen", [.character("0")], "T → 0: greedy (argmax)", .greedyChosen),
        binding("unitTemperatureChosen", [.character("1")], "T = 1: plain softmax", .unitTemperatureChosen),
        binding("uniformChosen", [.character("u")], "T → ∞: uniform", .uniformChosen),
        binding("temperatureEditStarted", [.character("t")], "type T exactly", hint: "t type T", .temperatureEditStarted),
        binding("previousClassSelected", [.up, .character("k")], "select the previous class", hint: "↑↓ class",
                .previousClassSelected),
        binding("nextClassSelected", [.down, .character("j")], "select the next class", .nextClassSelected),
        binding("logitRaised", [.character("+"), .character("=")], "raise the logit by 0.1", hint: "+- logit", .logitRaised),
        binding("logitLowered", [.character("-"), .character("_")], "lower the logit by 0.1", .logitLowered),
        binding("logitRaisedFar", [.shiftUp, .character(">")], "raise the logit by 1", .logitRaisedFar),
        binding("logitLoweredFar", [.shiftDown, .character("<")], "lower the logit by 1", .logitLoweredFar),
        binding("editStarted", [.enter, .character("e")], "type the logit's value", hint: "e type logit", .editStarted),
        binding("classAdded", [.character("a")], "add a class", .classAdded),
        binding("classRemoved", [.character("x"), .delete], "remove the selected class", .classRemoved),
        binding("presetCycled", [.character("p")], "next preset of logits", .presetCycled),
        binding("drawRequested", [.character(" "), .character("s")], "draw one u onto the bar", hint: "Space draw",
                .drawRequested),
        binding("manyDrawsRequested", [.character("d")], "draw 1000 more", hint: "d 1000", .manyDrawsRequested),
        binding("drawsCleared", [.character("c")], "clear the draws", .drawsCleared),
        KeyBinding("predictToggled", [.character("v")], "predict: hide outcomes; again: reveal", hint: "v predict",
                   perform: { $0.togglePrediction() }),
        KeyBinding("helpOpened", [.character("?")], "show every key", hint: "? help", isEssential: true, perform: { $0.openHelp() }),
        KeyBinding("lessonToggled", [.tab], "lesson ↔ explorer", hint: "Tab lesson", isEssential: true, perform: { $0.toggleLesson() }),
        KeyBinding("quitRequested", [.character("q"), .escape, .controlC], "quit", hint: "q quit", isEssential: true,
                   perform: { $0.explorer.apply(.quitRequested) }),
    ]

    public static let context = KeyContext(title: "Explorer", bindings: bindings)

    /// The explorer's bindings by id, for tests and the README.
    public static func binding(id: String) -> KeyBinding? { bindings.first { $0.id == id } }
}
