import CNCursesW
import CTerminalSignals
import LabUI

#if canImport(Glibc)
import Glibc
#endif

/// The run loop: read a key (or wait for the next frame), update the model, paint.
///
/// While nothing moves the read waits for a key, waking twice a second only to look
/// for a signal or a resize it was not told of; while an animation runs the deadline
/// is the time left until the next frame, at most 60 a second.
public enum TerminalRunner {
    static let frameSeconds = 1.0 / 60

    /// Runs the model until it finishes, and restores the terminal. A terminating
    /// signal restores it too: the handler notes it, and the loop restores the
    /// terminal and ends the process.
    public static func run<Model: InteractiveModel>(_ model: inout Model, useColor: Bool) throws {
        let session = try TerminalSession(useColor: useColor)
        defer { session.end() }
        var painter = GridPainter(useColor: session.hasColor)
        let clock = ContinuousClock()
        var lastFrame = clock.now
        var size = session.size
        model.resized(width: size.width, height: size.height)
        painter.paint(model.render(width: size.width, height: size.height))
        while !model.isFinished {
            // Every change of size is taken here, from the kernel's figure rather than
            // only from KEY_RESIZE, which the soak found can fail to arrive under load.
            let resumed = actOnPendingSignal(session)
            let current = session.adoptReportedSize()
            if resumed || current != size {
                size = current
                model.resized(width: size.width, height: size.height)
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
                handlePendingKeys(&model, size: size)
            case .resize:
                // Redrawn at the top of the loop.
                continue
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
    /// A resize among them is left to the top of the loop, after this frame.
    private static func handlePendingKeys<Model: InteractiveModel>(_ model: inout Model, size: (width: Int, height: Int)) {
        wtimeout(shim_stdscr(), 0)
        for _ in 0..<maximumKeysPerFrame where !model.isFinished {
            switch KeyDecoder.read(screenWidth: size.width, screenHeight: size.height) {
            case .key(let key): model.handle(key)
            case .resize, .ignored: continue
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
