import CNCursesW
import LabUI
import Testing
@testable import TerminalBackend

/// The mouse reports and escape sequences the key decoder parses itself (ncurses'
/// own mouse decoding blocked on a report cut short): every form, every cut.
@Suite struct EscapeSequenceTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test(arguments: [
        ("[<0;40;3M", EscapeSequence.mouse(kind: .press, x: 39, y: 2)),
        ("[<0;1;1m", .mouse(kind: nil, x: 0, y: 0)),
        ("[<64;10;5M", .mouse(kind: .wheelUp, x: 9, y: 4)),
        ("[<65;10;5M", .mouse(kind: .wheelDown, x: 9, y: 4)),
        ("[<4;2;2M", .mouse(kind: .press, x: 1, y: 1)),
        ("[<16;2;2M", .mouse(kind: .press, x: 1, y: 1)),
        ("[<32;2;2M", .mouse(kind: nil, x: 1, y: 1)),
        ("[<2;2;2M", .mouse(kind: nil, x: 1, y: 1)),
        ("[<0;300;120M", .mouse(kind: .press, x: 299, y: 119)),
        ("[<0;0;5M", .other),
        ("[<0;5M", .other),
        ("[<;5;5M", .other),
        ("[<0;5;5;5M", .other),
        ("[<0;9999999;5M", .other),
        ("[<0;5;5X", .other),
        ("[A", .other),
        ("[1;5C", .other),
        ("OP", .other),
        ("a", .other),
        ("é", .other),
    ])
    func wholeSequences(_ text: String, _ expected: EscapeSequence) {
        #expect(EscapeSequence.parse(Self.bytes(text)) == expected, "\(text)")
    }

    @Test func x10Reports() {
        // Button byte 32 + b, coordinates 33 + (x, y).
        #expect(EscapeSequence.parse([0x5B, 0x4D, 32, 33 + 5, 33 + 2]) == .mouse(kind: .press, x: 5, y: 2))
        #expect(EscapeSequence.parse([0x5B, 0x4D, 32 + 64, 40, 40]) == .mouse(kind: .wheelUp, x: 7, y: 7))
        #expect(EscapeSequence.parse([0x5B, 0x4D, 32 + 3, 40, 40]) == .mouse(kind: nil, x: 7, y: 7))
        #expect(EscapeSequence.parse([0x5B, 0x4D, 32, 20, 40]) == .other)
    }

    /// Every proper prefix of a report needs more bytes; none is taken for a whole one.
    @Test(arguments: ["[<0;40;3M", "[<65;120;40m", "[1;5C", "OQ"])
    func everyPrefixIsIncomplete(_ text: String) {
        let whole = Self.bytes(text)
        for n in 0..<whole.count {
            #expect(EscapeSequence.parse(Array(whole.prefix(n))) == .incomplete, "\(whole.prefix(n))")
        }
        #expect(EscapeSequence.parse(whole) != .incomplete)
    }

    @Test func theCutShortReportOfTheIssueWaitsForMoreAndGarbageDoesNot() {
        // Esc [ M & &: Alt+[ then M, then two keys.
        #expect(EscapeSequence.parse([0x5B, 0x4D, 0x26, 0x26]) == .incomplete)
        // A runaway parameter list is given up on, not read for ever.
        #expect(EscapeSequence.parse(Self.bytes("[<" + String(repeating: "1", count: 40))) == .other)
        #expect(EscapeSequence.parse(Self.bytes("[" + String(repeating: "1", count: 40))) == .other)
        // UTF-8 after Esc: Alt with a non-ASCII key takes its continuation bytes.
        #expect(EscapeSequence.parse([0xC3]) == .incomplete)
        #expect(EscapeSequence.parse([0xE2, 0x96]) == .incomplete)
        #expect(EscapeSequence.parse([0xE2, 0x96, 0x88]) == .other)
        #expect(EscapeSequence.parse([0xC3, 0x41]) == .other)
    }

    @Test func theModesAskedForAreStoppedInReverse() {
        #expect(MouseReporting.startSequence == "\u{1B}[?1000h\u{1B}[?1006h")
        #expect(MouseReporting.stopSequence == "\u{1B}[?1006l\u{1B}[?1000l")
    }
}

extension KeyStreamFuzzTests {
    /// Reports typed into a pseudo-terminal come out as mouse keys at their cells.
    @Test func sgrAndX10ReportsBecomeMouseKeys() throws {
        let terminal = try FakeTerminal()
        let inputs = terminal.typeAndReadAll(Array("\u{1B}[<0;40;3M\u{1B}[<64;2;2Mx".utf8) + [0x1B, 0x5B, 0x4D, 32, 33 + 5, 33 + 2])
        #expect(inputs == [
            .key(.mouse(MouseEvent(kind: .press, x: 39, y: 2, screenWidth: 80, screenHeight: 24))),
            .key(.mouse(MouseEvent(kind: .wheelUp, x: 1, y: 1, screenWidth: 80, screenHeight: 24))),
            .key(.character("x")),
            .key(.mouse(MouseEvent(kind: .press, x: 5, y: 2, screenWidth: 80, screenHeight: 24))),
        ])
    }

    /// The issue's case: Esc [ M and two bytes, then nothing. It is given up on by the
    /// deadline, and the keys typed later are read as themselves.
    @Test func aCutShortReportIsGivenUpOnByTheDeadline() throws {
        let terminal = try FakeTerminal()
        KeyDecoder.cutShortDeadline = .milliseconds(50)
        let clock = ContinuousClock()
        let start = clock.now
        let inputs = terminal.typeAndReadAll([0x1B, 0x5B, 0x4D, 0x26, 0x26])
        let took = clock.now - start
        #expect(inputs == [.ignored])
        #expect(took < .milliseconds(1000), "\(took)")
        #expect(terminal.typeAndReadAll(Array("l".utf8)) == [.key(.character("l"))])
    }
}

extension KeyStreamFuzzTests {
    /// Found by the screen soak: Alt+[ (Esc [) then an arrow ate the arrow's Esc, and
    /// its "[A" was read as [ (the previous chapter) and A. The second Esc now starts a
    /// sequence of its own.
    @Test func anEscInsideASequenceStartsTheNext() throws {
        let terminal = try FakeTerminal()
        let inputs = terminal.typeAndReadAll([0x1B, 0x5B, 0x1B, 0x5B, 0x41, 0x6C])
        #expect(!inputs.contains(.key(.character("["))), "\(inputs)")
        #expect(!inputs.contains(.key(.character("A"))), "\(inputs)")
        #expect(inputs.last == .key(.character("l")), "\(inputs)")
    }
}
