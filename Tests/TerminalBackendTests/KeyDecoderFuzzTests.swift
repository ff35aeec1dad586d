import CNCursesW
import LabUI
import SoftmaxCore
import Testing
@testable import TerminalBackend

#if canImport(Glibc)
import Glibc
#endif

/// The key decoder fed everything a terminal can send: every code point, every
/// function-key code, and random byte streams through a real ncurses on a pseudo-terminal.
@Suite struct KeyDecoderFuzzTests {
    /// Every Unicode code point (1 114 112 cases): no control character ever becomes a
    /// typed character, and every other scalar comes through as itself.
    @Test func everyCodePointDecodesToItselfOrANamedKeyOrNothing() {
        var controlsTyped: [UInt32] = []
        var mangled: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            switch KeyDecoder.decodeCharacter(value) {
            case .key(.character(let c)):
                let scalars = c.unicodeScalars
                if value < 0x20 || (0x7F..<0xA0).contains(value) { controlsTyped.append(value) }
                if scalars.count != 1 || scalars.first!.value != value { mangled.append(value) }
            case .key(let key):
                let named: [UInt32: Key] = [3: .controlC, 9: .tab, 10: .enter, 13: .enter, 8: .backspace, 127: .backspace, 27: .escape]
                if named[value] != key { mangled.append(value) }
            case .ignored:
                // Controls without a name, and the surrogates, which are not scalars.
                let isControl = value < 0x20 || (0x80..<0xA0).contains(value)
                let isSurrogate = (0xD800...0xDFFF).contains(value)
                if !isControl && !isSurrogate { mangled.append(value) }
            case .resize, .timeout:
                mangled.append(value)
            }
        }
        #expect(controlsTyped.isEmpty, "control characters typed as text: \(controlsTyped.prefix(10))")
        #expect(mangled.isEmpty, "code points decoded wrongly: \(mangled.prefix(10))")
    }

    /// Every code ncurses can return for a function key: the arrows and editing keys by
    /// name, KEY_RESIZE as a resize, everything else ignored (never a quit).
    @Test func everyFunctionKeyCodeIsNamedOrIgnored() {
        let named: [Int32: TerminalInput] = [
            KEY_UP: .key(.up), KEY_DOWN: .key(.down), KEY_LEFT: .key(.left), KEY_RIGHT: .key(.right),
            KEY_SR: .key(.shiftUp), KEY_SF: .key(.shiftDown), KEY_SLEFT: .key(.shiftLeft), KEY_SRIGHT: .key(.shiftRight),
            KEY_PPAGE: .key(.pageUp), KEY_NPAGE: .key(.pageDown), KEY_ENTER: .key(.enter),
            KEY_BACKSPACE: .key(.backspace), KEY_DC: .key(.delete), KEY_RESIZE: .resize,
        ]
        for code in Int32(0)...Int32(0x1000) {
            let decoded = KeyDecoder.decodeFunctionKey(code)
            #expect(decoded == (named[code] ?? .ignored), "function key code \(code)")
        }
    }
}
