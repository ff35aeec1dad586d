import CNCursesW
import CTerminalSignals
import LabUI

#if canImport(Glibc)
import Glibc
#endif

/// Why the explorer could not take over the terminal.
public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case unusableTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the explorer needs a terminal on stdin and stdout; to print a screen use 'softmax-lab show', "
                + "for a one-shot answer 'softmax-lab probs', 'sample' or 'sweep' (see --help)"
        case .unusableTerminal(let term):
            return "the terminal type '\(term)' cannot position the cursor, so the explorer cannot run in it; "
                + "try TERM=xterm-256color, or use 'softmax-lab show' or 'softmax-lab probs'"
        }
    }
}

/// The ncurses screen, from set-up to the restored terminal.
///
/// Set-up order matters: the locale first (or UTF-8 glyphs come out as garbage),
/// our signal handlers before ncurses (so it leaves them alone), and `newterm`
/// rather than `initscr`, which would exit the process itself on a bad TERM.
final class TerminalSession {
    private(set) var isActive = false
    let hasColor: Bool
    /// The terminal's modes as the shell left them, put back by hand after endwin: the
    /// soak once found a terminal left without icanon after ncurses' endwin alone.
    private var shellModes = termios()

    init(useColor: Bool) throws {
        guard isatty(0) != 0, isatty(1) != 0 else { throw TerminalError.notATerminal }
        let term = String(cString: getenv("TERM") ?? strdup("")!)
        guard !term.isEmpty, term != "dumb" else { throw TerminalError.unusableTerminal(term.isEmpty ? "(unset)" : term) }
        tcgetattr(0, &shellModes)
        // Before newterm, so that ncurses sees handlers in place and does not install its own
        // (which would restore the terminal inside the handler; see the shim).
        ts_install_signal_handlers()
        guard shim_newterm() != nil else { throw TerminalError.unusableTerminal(term) }
        guard shim_has_cursor_addressing() != 0 else {
            endwin()
            throw TerminalError.unusableTerminal(term)
        }
        isActive = true
        // Measure characters as ncurses will draw them.
        TextWidth.terminalWidth = { Int(shim_wcwidth($0.value)) }
        let screen = shim_stdscr()
        cbreak()
        noecho()
        nonl()
        Self.keepOutputOnSignalKeys()
        keypad(screen, true)
        // Long enough for an arrow key's bytes to arrive together over a slow link,
        // short enough that a lone Esc still feels immediate.
        _ = shim_set_escdelay(60)
        curs_set(0)
        shim_disable_mouse_key()
        KeyDecoder.readsCharacters = TerminalEnvironment.localeIsUTF8
        MouseReporting.start()
        hasColor = useColor && has_colors()
        if hasColor {
            start_color()
            use_default_colors()
        }
    }

    /// NOFLSH in the program's modes: by default the terminal discards the output not yet
    /// shown when Ctrl-C, Ctrl-Z or Ctrl-\ is typed. Under load (the terminal slow to read)
    /// that dropped the start of a redraw after Ctrl-Z, the switch back to the alternate
    /// screen among it, and the rest of the frame went onto the shell's screen (recorded
    /// in the pane's stream: the resume's first write missing). def_prog_mode keeps it for
    /// every resume; the shell gets its own modes back unchanged.
    private static func keepOutputOnSignalKeys() {
        var modes = termios()
        guard tcgetattr(0, &modes) == 0 else { return }
        modes.c_lflag |= tcflag_t(NOFLSH)
        tcsetattr(0, TCSANOW, &modes)
        def_prog_mode()
    }

    /// Restores the terminal; safe to call more than once.
    func end() {
        guard isActive else { return }
        isActive = false
        withSignalsHeld { giveBackTheTerminal() }
    }

    /// The mouse off, the cursor back, the shell's screen and modes.
    private func giveBackTheTerminal() {
        MouseReporting.stop()
        clearIfNoAlternateScreen()
        curs_set(1)
        endwin()
        tcsetattr(0, TCSADRAIN, &shellModes)
    }

    /// Without an alternate screen the last frame would stay under the shell's prompt:
    /// clear it, with the cursor at the top left.
    private func clearIfNoAlternateScreen() {
        guard shim_has_alternate_screen() == 0 else { return }
        wclear(shim_stdscr())
        wrefresh(shim_stdscr())
    }

    /// The shell's terminal back for a while (Ctrl-Z); `resume` takes it again.
    func pause() {
        guard isActive else { return }
        withSignalsHeld { giveBackTheTerminal() }
    }

    /// After a stop: the program's modes now, not only at the next paint (which redraws
    /// the screen), so that no key typed in between is echoed or held for a newline.
    func resume() {
        guard isActive else { return }
        withSignalsHeld {
            reset_prog_mode()
            // Back into the program's screen now, through ncurses' own resume (keypad mode,
            // the alternate screen), before anything else is written.
            doupdate()
            curs_set(0)
            MouseReporting.start()
        }
    }

    /// The terminal's size as the kernel has it now, which a lost KEY_RESIZE cannot hide.
    var reportedSize: (width: Int, height: Int)? {
        var window = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else { return nil }
        return (Int(window.ws_col), Int(window.ws_row))
    }

    /// Makes ncurses take the size the kernel reports, if it has not yet, and returns it.
    func adoptReportedSize() -> (width: Int, height: Int) {
        if let reported = reportedSize, reported != size {
            resizeterm(Int32(reported.height), Int32(reported.width))
        }
        return size
    }

    /// Whether the terminal has hung up: nothing more will ever be read from it.
    var hasHungUp: Bool {
        var input = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        return poll(&input, 1, 0) == 1 && input.revents & Int16(POLLHUP) != 0
    }

    deinit { end() }

    var size: (width: Int, height: Int) {
        var rows: Int32 = 0
        var cols: Int32 = 0
        shim_getmaxyx(shim_stdscr(), &rows, &cols)
        return (Int(cols), Int(rows))
    }
}

/// The terminal's mouse reports, asked for and stopped by the program itself: button
/// presses and the wheel (1000) in SGR form (1006), whose decimal coordinates have no
/// limit and whose end is marked, so a report cut short can be told from one still
/// arriving. Every way out (quit, a terminating signal, Ctrl-Z) stops them first,
/// or the shell would receive the reports as typed text.
enum MouseReporting {
    static let startSequence = "\u{1B}[?1000h\u{1B}[?1006h"
    static let stopSequence = "\u{1B}[?1006l\u{1B}[?1000l"

    static func start() { writeToTerminal(startSequence) }
    static func stop() { writeToTerminal(stopSequence) }

    private static func writeToTerminal(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeMutableBytes { write(1, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }
}
