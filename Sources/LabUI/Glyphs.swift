/// The symbols the screen is drawn with, in a Unicode set and a plain-ASCII set for
/// terminals and locales that cannot show block elements.
public struct Glyphs: Hashable, Sendable {
    /// Partial cells from one eighth to seven eighths, then the full block.
    public let horizontalEighths: [Character]
    /// Partial cells filled from the bottom, one eighth to seven eighths, then the full
    /// block: the columns of a chart whose bars stand up.
    public let verticalEighths: [Character]
    public let fullBlock: Character
    /// The fill of a histogram bar, which must differ from a probability bar in monochrome.
    public let histogramBlock: Character
    /// Marks the true probability on the histogram's scale.
    public let trueValueMarker: Character
    public let lightShade: Character
    public let sliderTrack: Character
    public let sliderKnob: Character
    public let sliderTick: Character
    public let sliderLeftEnd: Character
    public let sliderRightEnd: Character
    public let dropMarker: Character
    public let selectionMarker: Character
    public let horizontalRule: Character
    public let boxTopLeft: Character
    public let boxTopRight: Character
    public let boxBottomLeft: Character
    public let boxBottomRight: Character
    public let boxVertical: Character
    /// Whether text must be spelt in ASCII: then every string goes through `text(_:)`.
    public let asciiOnly: Bool

    public static let unicode = Glyphs(
        horizontalEighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        verticalEighths: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        fullBlock: "█", histogramBlock: "▓", trueValueMarker: "│", lightShade: "░",
        sliderTrack: "─", sliderKnob: "●", sliderTick: "┼", sliderLeftEnd: "├", sliderRightEnd: "┤",
        dropMarker: "▼", selectionMarker: "▶", horizontalRule: "─",
        boxTopLeft: "┌", boxTopRight: "┐", boxBottomLeft: "└", boxBottomRight: "┘", boxVertical: "│",
        asciiOnly: false)

    public static let ascii = Glyphs(
        horizontalEighths: [" ", " ", " ", "+", "+", "+", "+", "#"],
        verticalEighths: [" ", "_", "_", "=", "=", "=", "#", "#"],
        fullBlock: "#", histogramBlock: "=", trueValueMarker: "|", lightShade: ".",
        sliderTrack: "-", sliderKnob: "O", sliderTick: "+", sliderLeftEnd: "|", sliderRightEnd: "|",
        dropMarker: "v", selectionMarker: ">", horizontalRule: "-",
        boxTopLeft: "+", boxTopRight: "+", boxBottomLeft: "+", boxBottomRight: "+", boxVertical: "|",
        asciiOnly: true)

    /// Text as this glyph set can show it: unchanged in Unicode; in ASCII, arrows,
    /// Greek and mathematical signs are spelt out and anything else becomes "?".
    public func text(_ s: String) -> String {
        guard asciiOnly else { return s }
        var out = ""
        for c in s {
            if c.isASCII { out.append(c); continue }
            out += Self.asciiSpellings[c] ?? "?"
        }
        return out
    }

    static let asciiSpellings: [Character: String] = [
        "→": "->", "←": "<-", "↑": "^", "↓": "v", "⇧": "S-", "∞": "inf", "Σ": "sum", "√": "sqrt ",
        "·": ".", "…": "...", "▶": ">", "—": "-", "–": "-", "≤": "<=", "≥": ">=", "≈": "~", "×": "x",
        "⟨": "<", "⟩": ">", "−": "-", "Δ": "d", "α": "a", "σ": "s", "τ": "tau", "²": "^2", "ᵢ": "_i", "ⱼ": "_j",
        "▼": "v", "●": "O", "│": "|", "─": "-", "┼": "+", "├": "|", "┤": "|", "█": "#", "▓": "=", "░": ".",
        "▏": "|", "▕": "|", "▀": "#", "▄": "#", "┌": "+", "┐": "+", "└": "+", "┘": "+", "✓": "v", "✗": "x", "µ": "u",
        "ε": "eps", "•": "*", "±": "+-",
    ]

}
