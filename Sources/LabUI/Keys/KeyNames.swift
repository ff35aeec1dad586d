/// Keys written out by name, for `show --keys "d d"` and scripts: the names the
/// help uses (→, Enter, PgDn, Space) plus plain-ASCII ones (right, esc, S-right).
public enum KeyNames {
    static let named: [String: Key] = {
        var table: [String: Key] = [:]
        let all: [Key] = [.up, .down, .left, .right, .shiftUp, .shiftDown, .shiftLeft, .shiftRight, .pageUp, .pageDown,
                          .enter, .escape, .backspace, .delete, .tab, .character(" ")]
        for key in all { table[key.name.lowercased()] = key }
        let ascii: [String: Key] = [
            "up": .up, "down": .down, "left": .left, "right": .right, "s-up": .shiftUp, "s-down": .shiftDown,
            "s-left": .shiftLeft, "s-right": .shiftRight, "pageup": .pageUp, "pagedown": .pageDown, "return": .enter,
            "esc": .escape, "escape": .escape, "bs": .backspace, "delete": .delete, "space": .character(" "),
        ]
        table.merge(ascii) { $1 }
        return table
    }()

    /// The keys a space-separated list names; a single character stands for itself.
    /// Throws with the first word that names no key.
    public static func parse(_ text: String) throws(KeyNameError) -> [Key] {
        try text.split(whereSeparator: { $0 == " " || $0 == "," }).map { word throws(KeyNameError) -> Key in
            if let key = named[word.lowercased()] { return key }
            if word.count == 1, let c = word.first, !c.isNewline, c.asciiValue.map({ $0 >= 32 && $0 < 127 }) ?? true {
                return .character(c)
            }
            throw KeyNameError(word: String(word))
        }
    }
}

public struct KeyNameError: Error, Sendable, CustomStringConvertible {
    public let word: String
    public var description: String {
        "no key named '\(word)'; use single characters and names such as Enter, Esc, Tab, Space, Left, Right, Up, Down, "
            + "S-Right, PgUp, PgDn, Backspace"
    }
}

extension LabState {
    /// The state after these keys, each followed by the end of any animation it
    /// started (and of a chapter's long work, such as training), as a person who
    /// waited between keys would see it.
    public mutating func press(_ keys: [Key]) {
        if mode == .lesson { lesson.finishWork() }
        for key in keys {
            handle(key)
            var guardCount = 0
            while explorer.isAnimating && guardCount < 10_000 {
                explorer.apply(.animationTicked(seconds: 0.1))
                guardCount += 1
            }
            if mode == .lesson { lesson.finishWork() }
        }
    }
}
