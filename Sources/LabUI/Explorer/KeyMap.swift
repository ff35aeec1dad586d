/// A key as the backend decoded it from the terminal.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case shiftUp, shiftDown, shiftLeft, shiftRight
    case pageUp, pageDown
    case enter, escape, backspace, delete, tab
    case controlC
    case mouse(MouseEvent)
}

/// A click or a turn of the wheel, with the screen size it happened on, so the
/// model can find what was under the pointer with the layout that drew it.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, wheelUp, wheelDown }
    public let kind: Kind
    public let x: Int
    public let y: Int
    public let screenWidth: Int
    public let screenHeight: Int

    public init(kind: Kind, x: Int, y: Int, screenWidth: Int, screenHeight: Int) {
        self.kind = kind
        self.x = x
        self.y = y
        self.screenWidth = screenWidth
        self.screenHeight = screenHeight
    }
}

/// One row of the key table: the keys, what they do, and the words the help shows.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    /// How the help overlay and status line name the keys ("←/h").
    public let keyNames: String
    public let summary: String
    public let action: ExplorerAction
}

/// The single table of key bindings: input handling and the help overlay both read it,
/// so the help can never disagree with what a key does.
public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.right, .character("l")], keyNames: "→ l", summary: "raise T one step", action: .temperatureRaised),
        KeyBinding(keys: [.left, .character("h")], keyNames: "← h", summary: "lower T one step", action: .temperatureLowered),
        KeyBinding(keys: [.shiftRight, .pageUp, .character("L")], keyNames: "⇧→ PgUp L", summary: "raise T a quarter decade",
                   action: .temperatureRaisedFar),
        KeyBinding(keys: [.shiftLeft, .pageDown, .character("H")], keyNames: "⇧← PgDn H", summary: "lower T a quarter decade",
                   action: .temperatureLoweredFar),
        KeyBinding(keys: [.character("0")], keyNames: "0", summary: "T → 0: greedy (argmax)", action: .greedyChosen),
        KeyBinding(keys: [.character("1")], keyNames: "1", summary: "T = 1: plain softmax", action: .unitTemperatureChosen),
        KeyBinding(keys: [.character("u")], keyNames: "u", summary: "T → ∞: uniform", action: .uniformChosen),
        KeyBinding(keys: [.up, .character("k")], keyNames: "↑ k", summary: "select the previous class", action: .previousClassSelected),
        KeyBinding(keys: [.down, .character("j")], keyNames: "↓ j", summary: "select the next class", action: .nextClassSelected),
        KeyBinding(keys: [.character("+"), .character("=")], keyNames: "+", summary: "raise the logit by 0.1", action: .logitRaised),
        KeyBinding(keys: [.character("-"), .character("_")], keyNames: "-", summary: "lower the logit by 0.1", action: .logitLowered),
        KeyBinding(keys: [.shiftUp, .character(">")], keyNames: "⇧↑ >", summary: "raise the logit by 1", action: .logitRaisedFar),
        KeyBinding(keys: [.shiftDown, .character("<")], keyNames: "⇧↓ <", summary: "lower the logit by 1", action: .logitLoweredFar),
        KeyBinding(keys: [.enter, .character("e")], keyNames: "Enter e", summary: "type the logit's value", action: .editStarted),
        KeyBinding(keys: [.character("a")], keyNames: "a", summary: "add a class", action: .classAdded),
        KeyBinding(keys: [.character("x"), .delete], keyNames: "x Del", summary: "remove the selected class", action: .classRemoved),
        KeyBinding(keys: [.character("p")], keyNames: "p", summary: "next preset of logits", action: .presetCycled),
        KeyBinding(keys: [.character(" "), .character("s")], keyNames: "Space s", summary: "draw one u onto the bar",
                   action: .drawRequested),
        KeyBinding(keys: [.character("d")], keyNames: "d", summary: "draw 1000 more", action: .manyDrawsRequested),
        KeyBinding(keys: [.character("c")], keyNames: "c", summary: "clear the draws", action: .drawsCleared),
        KeyBinding(keys: [.character("?")], keyNames: "?", summary: "show or hide this help", action: .helpToggled),
        KeyBinding(keys: [.tab], keyNames: "Tab", summary: "lesson ↔ explorer", action: .lessonToggled),
        KeyBinding(keys: [.character("q"), .escape, .controlC], keyNames: "q Esc ^C", summary: "quit", action: .quitRequested),
    ]

    /// While a logit is being typed, keys edit the text instead (see `action(for:editing:)`).
    public static let editingKeys: [(keys: String, summary: String)] = [
        ("Enter", "accept"), ("Esc", "cancel"), ("Backspace", "erase"),
    ]

    private static let index: [Key: ExplorerAction] = {
        var map: [Key: ExplorerAction] = [:]
        for binding in bindings {
            for key in binding.keys where map[key] == nil { map[key] = binding.action }
        }
        return map
    }()

    /// The action a key means in the explorer's current mode, if any.
    public static func action(for key: Key, editing: Bool) -> ExplorerAction? {
        if editing {
            switch key {
            case .enter: return .editCommitted
            case .escape: return .editCancelled
            case .controlC: return .quitRequested
            case .backspace, .delete: return .editErased
            case .character(let c): return .editTyped(c)
            default: return nil
            }
        }
        return index[key]
    }
}
