import LabUI

/// What the bytes after an Esc mean, as far as they go: the mouse reports the program
/// asked the terminal for (SGR, mode 1006, and the older X10 form as a fallback), or a
/// sequence that means nothing here (Alt+key, an unknown CSI), or not enough bytes yet.
///
/// Pure, so every cut-short and malformed report can be tested without a terminal; the
/// key decoder reads bytes until this says the sequence is over or a deadline passes.
enum EscapeSequence: Equatable {
    /// A mouse report; `kind` is nil for a report the program ignores (a release, a
    /// motion, another button). `x` and `y` are 0-based cells.
    case mouse(kind: MouseEvent.Kind?, x: Int, y: Int)
    /// A whole sequence that means nothing to the program.
    case other
    /// More bytes are needed.
    case incomplete

    /// A report longer than this is garbage, not a mouse report: stop reading it.
    static let longestReport = 32

    /// Parses the bytes that followed an Esc.
    static func parse(_ bytes: [UInt8]) -> EscapeSequence {
        guard let first = bytes.first else { return .incomplete }
        switch first {
        case UInt8(ascii: "["):
            guard bytes.count >= 2 else { return .incomplete }
            switch bytes[1] {
            case UInt8(ascii: "<"): return sgr(Array(bytes.dropFirst(2)))
            case UInt8(ascii: "M"): return x10(Array(bytes.dropFirst(2)))
            default: return controlSequence(Array(bytes.dropFirst()))
            }
        case UInt8(ascii: "O"):
            // SS3: one more byte names the key.
            return bytes.count >= 2 ? .other : .incomplete
        case 0xC0...0xF7:
            // Alt with a non-ASCII key: the character's UTF-8 continuation bytes belong to it.
            let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2
            if bytes.count > 1, !(0x80...0xBF).contains(bytes[bytes.count - 1]) { return .other }
            return bytes.count >= length ? .other : .incomplete
        default:
            // Alt with an ASCII key, or a stray byte.
            return .other
        }
    }

    /// CSI parameters and intermediates (0x20–0x3F), then a final byte (0x40–0x7E).
    private static func controlSequence(_ body: [UInt8]) -> EscapeSequence {
        for byte in body {
            if (0x40...0x7E).contains(byte) { return .other }
            if !(0x20...0x3F).contains(byte) { return .other }
        }
        return body.count > longestReport ? .other : .incomplete
    }

    /// `Esc [ < b ; x ; y M` (press) or `m` (release), 1-based decimal coordinates.
    private static func sgr(_ body: [UInt8]) -> EscapeSequence {
        guard let end = body.firstIndex(where: { $0 == UInt8(ascii: "M") || $0 == UInt8(ascii: "m") }) else {
            let allowed = body.allSatisfy { (0x30...0x39).contains($0) || $0 == UInt8(ascii: ";") }
            return allowed && body.count <= longestReport ? .incomplete : .other
        }
        let fields = body[..<end].split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
        guard fields.count == 3 else { return .other }
        var numbers: [Int] = []
        for field in fields {
            guard !field.isEmpty, field.count <= 6, field.allSatisfy({ (0x30...0x39).contains($0) }) else { return .other }
            numbers.append(field.reduce(0) { $0 * 10 + Int($1 - 0x30) })
        }
        guard numbers[1] >= 1, numbers[2] >= 1 else { return .other }
        let released = body[end] == UInt8(ascii: "m")
        return .mouse(kind: released ? nil : kind(button: numbers[0]), x: numbers[1] - 1, y: numbers[2] - 1)
    }

    /// `Esc [ M b x y`: three bytes, each the value plus 32 (coordinates 1-based).
    private static func x10(_ body: [UInt8]) -> EscapeSequence {
        guard body.count >= 3 else { return .incomplete }
        guard body[0] >= 32, body[1] >= 33, body[2] >= 33 else { return .other }
        let button = Int(body[0]) - 32
        // Button 3 is X10's release, which does not say which button.
        return .mouse(kind: button & 3 == 3 && button < 64 ? nil : kind(button: button),
                      x: Int(body[1]) - 33, y: Int(body[2]) - 33)
    }

    /// The left button's press and the wheel; modifiers (4, 8, 16) are ignored, and
    /// motion (32) and the other buttons mean nothing here.
    private static func kind(button: Int) -> MouseEvent.Kind? {
        guard button & 32 == 0 else { return nil }
        switch button & ~(4 | 8 | 16) {
        case 0: return .press
        case 64: return .wheelUp
        case 65: return .wheelDown
        default: return nil
        }
    }
}
