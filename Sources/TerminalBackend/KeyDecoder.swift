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
    static func read(screenWidth: Int, screenHeight: Int) -> TerminalInput {
        var code: wint_t = 0
        let result = wget_wch(shim_stdscr(), &code)
        if result == ERR { return .timeout }
        if result == KEY_CODE_YES && Int32(code) == KEY_MOUSE {
            return readMouse(screenWidth: screenWidth, screenHeight: screenHeight)
        }
        if result == KEY_CODE_YES { return decodeFunctionKey(Int32(code)) }
        if code == 27, let rest = restOfEscapeBurst() { return rest }
        return decodeCharacter(UInt32(code))
    }

    /// An Esc with more bytes right behind it is Alt+key or an escape sequence that
    /// terminfo does not know: not a lone Esc (which would quit), so the rest of it
    /// is read and dropped instead of being taken as keys. Read byte by byte: a byte
    /// that is not UTF-8 (Alt with a non-ASCII key, an 8-bit control) makes wget_wch
    /// answer ERR as if nothing were there, and the Esc would quit. A resize that
    /// arrives among the dropped bytes is kept, or the screen would stay the old size.
    /// Nil when the Esc was alone.
    static func restOfEscapeBurst() -> TerminalInput? {
        let screen = shim_stdscr()
        wtimeout(screen, 0)
        var rest: TerminalInput?
        while true {
            let byte = wgetch(screen)
            if byte == ERR { return rest }
            if byte == KEY_RESIZE {
                rest = .resize
            } else if rest == nil {
                rest = .ignored
            }
        }
    }

    private static func readMouse(screenWidth: Int, screenHeight: Int) -> TerminalInput {
        var x: Int32 = 0
        var y: Int32 = 0
        let kind: MouseEvent.Kind
        switch shim_read_mouse(&x, &y) {
        case 1: kind = .press
        case 4: kind = .wheelUp
        case 5: kind = .wheelDown
        default: return .ignored
        }
        return .key(.mouse(MouseEvent(kind: kind, x: Int(x), y: Int(y), screenWidth: screenWidth, screenHeight: screenHeight)))
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
