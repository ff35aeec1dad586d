/// The eight ANSI colours: the set every colour terminal has, down to xterm's eight
/// and the Linux console, and which themes of light and dark terminals both adjust.
public enum Color: Int, Hashable, Sendable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell looks. A nil colour means the terminal's own (default) colour, so the
/// screen reads on light and dark backgrounds alike.
public struct Style: Hashable, Sendable {
    public var foreground: Color?
    public var background: Color?
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(foreground: Color? = nil, background: Color? = nil, bold: Bool = false,
                dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
}

/// One terminal cell: what it shows and how.
public struct Cell: Hashable, Sendable {
    /// The grapheme shown; `Cell.continuation` marks the right half of a wide one.
    public var symbol: Character
    public var style: Style

    public init(_ symbol: Character, style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    /// The cell to the right of a double-width character, which the terminal fills
    /// itself: the painter skips it.
    public static let continuationSymbol: Character = "\u{0}"
    public var isContinuation: Bool { symbol == Cell.continuationSymbol }
}

/// A rectangle of cells, in columns and rows from the top-left corner.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var isEmpty: Bool { width == 0 || height == 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The row `dy` rows down, one row high.
    public func row(_ dy: Int) -> Rect { Rect(x: x, y: y + dy, width: width, height: dy < height ? 1 : 0) }

    public func contains(x: Int, y: Int) -> Bool { x >= self.x && x < maxX && y >= self.y && y < maxY }

    /// This rectangle less `left` and `right` columns.
    public func inset(left: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y, width: width - left - right, height: height)
    }
}
