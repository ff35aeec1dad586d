/// Reading numbers that people type: on the command line, or into the explorer.
///
/// One parser serves both, so the CLI and the UI accept and refuse the same text.
public enum NumberParsing {
    /// The longest text taken as a number; anything longer is a paste gone wrong.
    public static let maximumLength = 64

    /// A decimal or scientific number ("2", "-0.5", "1e-3"), or "inf"/"infinity"
    /// and "nan" in any case, so that a caller can name them when it refuses them.
    /// Surrounding spaces are ignored. Returns nil for anything else.
    public static func parseDouble(_ text: some StringProtocol) -> Double? {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
        let word = String(trimmed)
        guard !word.isEmpty, word.utf8.count <= maximumLength else { return nil }
        // Only the characters of a decimal number: no hex floats, no stray unicode.
        let allowed = word.unicodeScalars.allSatisfy { s in
            ("0"..."9").contains(s) || s == "." || s == "-" || s == "+" || s == "e" || s == "E"
        }
        if allowed { return Double(word) }
        switch word.lowercased() {
        case "inf", "+inf", "infinity", "+infinity", "∞": return .infinity
        case "-inf", "-infinity", "-∞": return -.infinity
        case "nan": return .nan
        default: return nil
        }
    }

    /// A comma-separated list of logits, such as "2,1,0.5,0.1" or "2,-inf,1": each
    /// finite, or -inf for a masked class, and at least one not masked.
    public static func parseLogits(_ text: String) throws(LogitListError) -> [Double] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        if items.count == 1 && items[0].allSatisfy({ $0 == " " }) { throw .empty }
        var logits: [Double] = []
        logits.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard let value = parseDouble(item) else {
                throw .notANumber(position: i + 1, text: String(item.prefix(maximumLength)))
            }
            guard value.isFinite || value.isMaskedLogit else { throw .notFinite(position: i + 1, value: value) }
            logits.append(value)
        }
        guard logits.contains(where: { !$0.isMaskedLogit }) else { throw .everyClassMasked }
        return logits
    }
}

/// Why a list of logits was refused.
public enum LogitListError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notANumber(position: Int, text: String)
    case notFinite(position: Int, value: Double)
    case everyClassMasked

    public var description: String {
        switch self {
        case .empty:
            return "no logits given; write them comma-separated, such as 2,1,0.5"
        case .notANumber(let position, let text):
            return "logit \(position) is '\(text)', which is not a number"
        case .notFinite(let position, let value):
            return "logit \(position) is \(formatShortest(value)); logits must be finite"
        case .everyClassMasked:
            return everyClassMaskedMessage
        }
    }
}
