/// How many terminal columns text takes, and how to make any text safe to show.
///
/// Labels and typed values come from people and files, so they may hold escape
/// sequences, control characters, zero-width or double-width characters. All of
/// them go through here before they reach a cell.
public enum TextWidth {
    /// The terminal's own idea of a character's width (wcwidth), installed by the
    /// backend so the grid and ncurses agree; nil in tests, where the table below
    /// stands in. A negative answer means the locale cannot show the character.
    nonisolated(unsafe) public static var terminalWidth: (@Sendable (Unicode.Scalar) -> Int)?

    /// The columns a string takes once made visible.
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of(visible($1)) }
    }

    /// 0, 1 or 2 columns for one grapheme, after the rules of wcwidth: combining
    /// marks ride on their base, East Asian wide and emoji take two.
    public static func of(_ character: Character) -> Int {
        if character == Cell.continuationSymbol { return 0 }
        guard let first = character.unicodeScalars.first else { return 0 }
        if let measure = terminalWidth { return max(0, min(2, measure(first))) }
        if isZeroWidth(first.value) { return 0 }
        return isWide(first.value) ? 2 : 1
    }

    /// A control character (C0, DEL, C1) becomes a visible stand-in, so ESC can never
    /// start an escape sequence on the terminal. A grapheme is cut down to its base
    /// and combining marks, which is all a terminal cell can hold: joiners, variation
    /// selectors, flags' second halves and skin tones would leak into the next cells.
    public static func visible(_ character: Character) -> Character {
        guard let first = character.unicodeScalars.first else { return character }
        if character.unicodeScalars.count > 1 {
            var kept = String.UnicodeScalarView()
            kept.append(first)
            for scalar in character.unicodeScalars.dropFirst() where isCombiningMark(scalar.value) { kept.append(scalar) }
            if kept.count != character.unicodeScalars.count { return visible(Character(String(kept))) }
        }
        if let measure = terminalWidth, first.value >= 0xA0, measure(first) < 0 { return "?" }
        switch first.value {
        case 0x1B: return "␛"
        case 0x00..<0x20: return Character(Unicode.Scalar(0x2400 + first.value)!)
        case 0x7F: return "␡"
        case 0x80..<0xA0: return "�"
        default:
            // A grapheme that starts with a combining mark has no base to sit on.
            return isZeroWidth(first.value) && character.unicodeScalars.count == 1 && first.value != 0 ? "�" : character
        }
    }

    /// Text cut to at most `columns` columns, with "…" marking a cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard of(text) > columns else { return text }
        guard columns > 0 else { return "" }
        var out = ""
        var used = 0
        for c in text {
            let w = of(visible(c))
            if used + w > columns - 1 { break }
            out.append(visible(c))
            used += w
        }
        return out + "…"
    }

    /// Marks that combine with the character before them in one cell.
    static func isCombiningMark(_ v: UInt32) -> Bool {
        (0x0300...0x036F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || (0xFE20...0xFE2F).contains(v)
    }

    static func isZeroWidth(_ v: UInt32) -> Bool {
        (0x0300...0x036F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || (0xFE20...0xFE2F).contains(v) || (0x200B...0x200F).contains(v)
            || (0x2028...0x202E).contains(v) || (0x2060...0x2064).contains(v) || v == 0xFEFF
            || (0xFE00...0xFE0F).contains(v)
    }

    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F320).contains(v)
            || (0x1F32D...0x1F64F).contains(v) || (0x1F680...0x1F6FF).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x1FA70...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }
}
