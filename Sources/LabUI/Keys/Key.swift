/// A key as the backend decoded it from the terminal.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case shiftUp, shiftDown, shiftLeft, shiftRight
    case pageUp, pageDown
    case enter, escape, backspace, delete, tab
    case controlC
    case mouse(MouseEvent)

    /// How the help and the key lines name this key.
    public var name: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .shiftUp: "⇧↑"
        case .shiftDown: "⇧↓"
        case .shiftLeft: "⇧←"
        case .shiftRight: "⇧→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .tab: "Tab"
        case .controlC: "^C"
        case .mouse: "mouse"
        }
    }
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
