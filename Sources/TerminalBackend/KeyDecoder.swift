import CNCursesW
import LabUI

/// What one read from the terminal produced.
enum TerminalInput: Equatable {
    case key(Key)
    case resize
    /// No key before the deadline: time for an animation frame.
    case timeout
    /// Something arrived that means nothing to the explorer (a bare function key).
    case ignored
}

/// Turns ncurses' key codes and wide characters into `Key`s.
enum KeyDecoder {
    /// Whether keys are read as UTF-8 characters (wget_wch) or as bytes (wgetch). In a
    /// locale that is not UTF-8, wget_wch meets a byte it cannot decode (é typed as
    /// UTF-8, or a Latin-1 byte in the C locale) and swallows the keys after it; there
    /// every key the program binds is ASCII, so bytes are read and the rest ignored.
    nonisolated(unsafe) static var readsCharacters = true

    static func read(screenWidth: Int, screenHeight: Int) -> TerminalInput {
        guard readsCharacters else { return readByte(screenWidth: screenWidth, screenHeight: screenHeight) }
        var code: wint_t = 0
        let result = wget_wch(shim_stdscr(), &code)
        if result == ERR { return .timeout }
        if result == KEY_CODE_YES { return decodeFunctionKey(Int32(code)) }
        if code == 27, let rest = restOfEscapeSequence(screenWidth: screenWidth, screenHeight: screenHeight) { return rest }
        return decodeCharacter(UInt32(code))
    }

    private static func readByte(screenWidth: Int, screenHeight: Int) -> TerminalInput {
        let byte = wgetch(shim_stdscr())
        if byte == ERR { return .timeout }
        if byte > 255 { return decodeFunctionKey(byte) }
        if byte == 27, let rest = restOfEscapeSequence(screenWidth: screenWidth, screenHeight: screenHeight) { return rest }
        // A byte of a character the locale cannot name: ignored, and the next key read as itself.
        return byte >= 0x80 ? .ignored : decodeCharacter(UInt32(byte))
    }

    /// How long the rest of a sequence may take once its first byte after the Esc has
    /// arrived: a report cut short (Alt+[ then M, or a link that dropped bytes) is given
    /// up after this, so a resize or a frame never waits on bytes that will not come.
    /// A variable only so the byte-stream fuzz can shorten it, as it does ESCDELAY.
    nonisolated(unsafe) static var cutShortDeadline: Duration = .milliseconds(50)

    /// The bytes after an Esc, read until they make a whole sequence (a mouse report,
    /// an unknown CSI, Alt+key) or the deadline passes. Read byte by byte: a byte that
    /// is not UTF-8 (Alt with a non-ASCII key, an 8-bit control) makes wget_wch answer
    /// ERR as if nothing were there, and the Esc would quit. A resize that arrives
    /// among them is kept, or the screen would stay the old size. Nil when the Esc was
    /// alone (nothing behind it at once: ncurses has already waited ESCDELAY for it).
    static func restOfEscapeSequence(screenWidth: Int, screenHeight: Int) -> TerminalInput? {
        let screen = shim_stdscr()
        let clock = ContinuousClock()
        let deadline = clock.now + cutShortDeadline
        var bytes: [UInt8] = []
        var resized = false
        var keyAfter = false
        var parsed = EscapeSequence.incomplete
        while parsed == .incomplete {
            // The deadline bounds the wait for bytes not yet arrived, not the reading of
            // those already here (a report is at most `longestReport` bytes).
            let left = bytes.isEmpty ? .zero : max(.zero, deadline - clock.now)
            let (seconds, attoseconds) = left.components
            wtimeout(screen, Int32(seconds * 1000 + attoseconds / 1_000_000_000_000_000))
            let byte = wgetch(screen)
            if byte == ERR { break }
            if byte == KEY_RESIZE { resized = true; continue }
            // A key ncurses decoded itself right after the Esc (Alt+arrow, Alt+Backspace):
            // dropped with it.
            guard (0...255).contains(byte) else { keyAfter = true; break }
            // An Esc starts the next sequence (Alt+[ then an arrow): it is put back for
            // the next read, and this one ends here, meaning nothing.
            if byte == 27 {
                ungetch(27)
                keyAfter = true
                break
            }
            bytes.append(UInt8(byte))
            parsed = EscapeSequence.parse(bytes)
        }
        if resized { return .resize }
        if bytes.isEmpty && !keyAfter { return nil }
        guard case .mouse(let kind?, let x, let y) = parsed else { return .ignored }
        return .key(.mouse(MouseEvent(kind: kind, x: x, y: y, screenWidth: screenWidth, screenHeight: screenHeight)))
    }

    static func decodeFunctionKey(_ code: Int32) -> TerminalInput {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_SR: return .key(.shiftUp)
        case KEY_SF: return .key(.shiftDown)
        case KEY_SLEFT: return .key(.shiftLeft)
        case KEY_SRIGHT: return .key(.shiftRight)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_RESIZE: return .resize
        default: return .ignored
        }
    }

    /// Plain characters; the control characters the explorer uses get their names.
    static func decodeCharacter(_ value: UInt32) -> TerminalInput {
        switch value {
        case 3: return .key(.controlC)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 27: return .key(.escape)
        case 0..<32, 0x80..<0xA0: return .ignored
        default:
            guard let scalar = Unicode.Scalar(value) else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }
}
