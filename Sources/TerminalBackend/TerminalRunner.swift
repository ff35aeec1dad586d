import CNCursesW
import CTerminalSignals
import LabUI

#if canImport(Glibc)
import Glibc
#endif

/// The run loop: read a key (or wait for the next frame), update the model, paint.
///
/// While nothing moves the read blocks with no deadline, so an idle explorer uses
/// no CPU; while an animation runs the deadline is the time left until the next
/// frame, at most 60 a second.
public enum TerminalRunner {
    static let frameSeconds = 1.0 / 60

    /// Runs the model until it finishes, and restores the terminal. A terminating
    /// signal restores it too, in the handler, and ends the process there.
    public static func run<Model: InteractiveModel>(_ model: inout Model, useColor: Bool) throws {
        let session = try TerminalSession(useColor: useColor)
        defer { session.end() }
        var painter = GridPainter(useColor: session.hasColor)
        let clock = ContinuousClock()
        var lastFrame = clock.now
        var size = session.size
        painter.paint(model.render(width: size.width, height: size.height))
        while !model.isFinished {
            // The soak found, under load, a resize whose KEY_RESIZE never reached this
            // loop (ncurses resized itself, the frames kept the old size): so the size in
            // use is also checked against the kernel's at every turn and idle wake-up.
            let current = session.adoptReportedSize()
            if actOnPendingSignal(session) || current != size {
                size = session.size
                painter.invalidate()
                painter.paint(model.render(width: size.width, height: size.height))
            }
            if model.isAnimating {
                let sinceFrame = seconds(clock.now - lastFrame)
                wtimeout(shim_stdscr(), Int32(max(0, (frameSeconds - sinceFrame) * 1000).rounded(.up)))
            } else {
                // Idle: a blocking read, woken by keys and signals. The deadline only
                // covers a signal that lands between the check above and the read.
                wtimeout(shim_stdscr(), Int32(idleWakeSeconds * 1000))
            }
            let wasAnimating = model.isAnimating
            switch KeyDecoder.read(screenWidth: size.width, screenHeight: size.height) {
            case .key(let key):
                model.handle(key)
                handlePendingKeys(&model, size: &size, painter: &painter, session: session)
            case .resize:
                size = session.size
                painter.invalidate()
            case .timeout:
                // A read that ends at once with nothing is a terminal that has gone (the
                // window closed under nohup, which keeps SIGHUP away): stop, don't spin.
                if session.hasHungUp { return }
                guard wasAnimating else { continue }
            case .ignored:
                continue
            }
            let now = clock.now
            if wasAnimating || model.isAnimating {
                // Time passes for animations whether the frame came from the clock or a key.
                if wasAnimating { model.tick(seconds: seconds(now - lastFrame)) }
                lastFrame = now
            }
            painter.paint(model.render(width: size.width, height: size.height))
        }
    }

    /// Keys that have already arrived (a paste, a held key, a burst over a slow link)
    /// are all handled before the next paint, so the screen never falls behind the
    /// keyboard. Capped, so that an endless stream still gets a frame now and then.
    private static func handlePendingKeys<Model: InteractiveModel>(
        _ model: inout Model, size: inout (width: Int, height: Int), painter: inout GridPainter, session: TerminalSession
    ) {
        wtimeout(shim_stdscr(), 0)
        for _ in 0..<maximumKeysPerFrame where !model.isFinished {
            switch KeyDecoder.read(screenWidth: size.width, screenHeight: size.height) {
            case .key(let key): model.handle(key)
            case .resize:
                size = session.size
                painter.invalidate()
            case .ignored: continue
            case .timeout: return
            }
        }
    }

    static let maximumKeysPerFrame = 512

    static let idleWakeSeconds = 0.5

    /// A terminating signal or Ctrl-Z noted by the handler: restore the terminal here,
    /// outside the handler, then end or stop as the signal asks. True when the program
    /// was stopped and has been continued, and so must redraw everything.
    private static func actOnPendingSignal(_ session: TerminalSession) -> Bool {
        let signal = ts_take_pending_signal()
        guard signal != 0 else { return false }
        session.pause()
        ts_act_on_signal(signal)
        // Only a stop comes back here.
        session.resume()
        return true
    }

    private static func seconds(_ d: Duration) -> Double {
        let (s, attoseconds) = d.components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
