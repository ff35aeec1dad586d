import CNCursesW
import LabUI
import SoftmaxCore
import Testing
@testable import TerminalBackend

#if canImport(Glibc)
import Glibc
#endif

/// Random byte streams typed into a pseudo-terminal and read back through ncurses and
/// the key decoder, as the run loop reads them: whatever arrives is consumed, control
/// bytes never become text, and an Esc followed by more bytes never reads as Esc (quit).
@Suite(.serialized) struct KeyStreamFuzzTests {
    /// A pseudo-terminal with an ncurses screen on its slave side; the test types into the master.
    final class FakeTerminal {
        let master: Int32
        let slave: Int32
        let screen: OpaquePointer

        init() throws {
            setlocale(LC_ALL, "C.UTF-8")
            // posix_openpt and friends are not visible to Swift; these are the ioctls they use.
            let TIOCGPTN: UInt = 0x8004_5430, TIOCSPTLCK: UInt = 0x4004_5431
            master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
            var number: Int32 = 0
            var unlock: Int32 = 0
            guard master >= 0, ioctl(master, TIOCSPTLCK, &unlock) == 0, ioctl(master, TIOCGPTN, &number) == 0 else {
                throw FakeTerminalError.noPseudoTerminal
            }
            slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
            guard slave >= 0, let file = fdopen(slave, "r+") else { throw FakeTerminalError.noPseudoTerminal }
            _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
            guard let screen = newterm("xterm-256color", file, file) else { throw FakeTerminalError.noPseudoTerminal }
            self.screen = screen
            // raw, not cbreak as in the explorer: with ISIG a Ctrl-C would flush what was
            // typed before it, and here it should arrive as a byte to decode.
            raw()
            noecho()
            keypad(shim_stdscr(), true)
            // As the session does: the mouse reports come to the decoder as bytes.
            shim_disable_mouse_key()
            // A cut-short sequence is given up on at once: the fuzz is about what is
            // decoded, not how long ncurses waits for the rest.
            _ = shim_set_escdelay(1)
            KeyDecoder.cutShortDeadline = .milliseconds(1)
        }

        deinit {
            KeyDecoder.cutShortDeadline = .milliseconds(50)
            endwin()
            delscreen(screen)
            close(master)
        }

        func type(_ bytes: [UInt8]) {
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                offset += n
            }
        }

        /// Everything the decoder makes of `bytes` once typed. ncurses answers ERR both
        /// for "nothing yet" and for a byte that is not UTF-8 (which the run loop, too,
        /// just reads past), so reading stops only when nothing is left.
        func typeAndReadAll(_ bytes: [UInt8]) -> [TerminalInput] {
            type(bytes)
            // The pty hands bytes over asynchronously.
            let arriving = Int32(bytes.count)
            let deadline = ContinuousClock.now + .seconds(1)
            while unreadBytes < arriving && ContinuousClock.now < deadline {}
            var inputs: [TerminalInput] = []
            wtimeout(shim_stdscr(), 0)
            while true {
                let input = KeyDecoder.read(screenWidth: 80, screenHeight: 24)
                if case .timeout = input {
                    if unreadBytes == 0 { break }
                } else {
                    inputs.append(input)
                }
                wtimeout(shim_stdscr(), 0)
            }
            discardOutput()
            return inputs
        }

        var unreadBytes: Int32 {
            var count: Int32 = 0
            _ = ioctl(slave, UInt(FIONREAD), &count)
            return count
        }

        /// What ncurses wrote (mode switches) must not fill the pty and block it.
        func discardOutput() {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while read(master, &buffer, buffer.count) > 0 {}
        }
    }

    enum FakeTerminalError: Error { case noPseudoTerminal }

    /// Bytes a terminal can produce: printable ASCII, UTF-8, controls, Esc and the
    /// bytes of escape sequences, and invalid UTF-8.
    static func randomChunk(_ generator: inout SeededGenerator) -> [UInt8] {
        let pieces: [[UInt8]] = [
            [0x1B], [0x1B, 0x5B], [0x1B, 0x4F], [0x5B], [0x41], [0x7E], [0x3B], [0x31], [0x3C], [0x4D],
            [0xC3, 0xA9], [0xE2, 0x96, 0x88], [0xF0, 0x9F, 0x98, 0x80], [0xC3], [0xFF], [0x80], [0x9B],
            [0x00], [0x03], [0x07], [0x08], [0x09], [0x0A], [0x0D], [0x7F],
        ]
        var chunk: [UInt8] = []
        for _ in 0..<Int.random(in: 1...12, using: &generator) {
            if Bool.random(using: &generator) {
                chunk.append(UInt8.random(in: 0x20...0x7E, using: &generator))
            } else {
                chunk += pieces.randomElement(using: &generator)!
            }
        }
        return chunk
    }

    /// Found by the fuzz below: Esc followed by a byte that is not UTF-8 (Alt with a
    /// non-ASCII key on a terminal that sends Latin-1, an 8-bit CSI) read as a lone
    /// Esc, and quit the explorer.
    @Test(arguments: [[0x1B, 0x80], [0x1B, 0xFF], [0x1B, 0x9B], [0x1B, 0xC3, 0x41], [0x1B, 0xE9]] as [[UInt8]])
    func escFollowedByABrokenByteIsNotALoneEsc(_ bytes: [UInt8]) throws {
        let terminal = try FakeTerminal()
        let inputs = terminal.typeAndReadAll(bytes)
        #expect(!inputs.contains { if case .key(.escape) = $0 { true } else { false } }, "read \(inputs)")
        #expect(terminal.unreadBytes == 0)
    }

    /// Found by the soak: a resize that arrived while the rest of an Esc burst was being
    /// dropped was dropped with it, and the screen stayed blank or the old size.
    @Test func aResizeAmongTheBytesAfterAnEscIsKept() throws {
        let terminal = try FakeTerminal()
        _ = terminal.typeAndReadAll([])
        terminal.type([0x5B, 0x3C, 0x30])
        while terminal.unreadBytes < 3 {}
        ungetch(KEY_RESIZE)
        #expect(KeyDecoder.restOfEscapeSequence(screenWidth: 80, screenHeight: 24) == .resize)
        terminal.type([0x41])
        while terminal.unreadBytes < 1 {}
        #expect(KeyDecoder.restOfEscapeSequence(screenWidth: 80, screenHeight: 24) == .ignored, "Alt+A")
        #expect(KeyDecoder.restOfEscapeSequence(screenWidth: 80, screenHeight: 24) == nil, "nothing left: the Esc was alone")
    }

    @Test func randomByteStreamsAreConsumedAndNeverMisread() throws {
        let terminal = try FakeTerminal()
        var generator = SeededGenerator(seed: 5)
        var bytesTyped = 0
        var findings: [String] = []
        let chunks = 30_000
        for _ in 0..<chunks {
            let chunk = Self.randomChunk(&generator)
            bytesTyped += chunk.count
            let inputs = terminal.typeAndReadAll(chunk)
            if terminal.unreadBytes > 0 {
                findings.append("left unread: \(chunk)")
                flushinp()
            }
            for input in inputs {
                if case .key(.character(let c)) = input,
                   c.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }) {
                    findings.append("control byte typed as text: \(chunk)")
                }
            }
            // A lone Esc quits; an Esc with bytes behind it in the same burst is Alt+key
            // or a sequence, and must never read as a lone Esc.
            let escapes = inputs.filter { if case .key(.escape) = $0 { true } else { false } }.count
            if escapes > 0 && chunk.last != 0x1B { findings.append("Esc read out of \(chunk)") }
            // Without Esc or controls, what was typed is what is read.
            if !chunk.contains(where: { $0 < 0x20 || $0 >= 0x7F }) {
                let typed = inputs.compactMap { if case .key(.character(let c)) = $0 { c } else { nil } }
                if String(typed) != String(decoding: chunk, as: UTF8.self) { findings.append("misread \(chunk) as \(typed)") }
            }
            if findings.count > 20 { break }
        }
        let report = findings.joined(separator: "\n")
        #expect(findings.isEmpty, "\(findings.count) findings in \(bytesTyped) bytes:\n\(report)")
    }
}
