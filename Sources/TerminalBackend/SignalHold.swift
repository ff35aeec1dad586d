import CTerminalSignals

/// Runs `body`, which writes to the terminal, with the handled signals held back until
/// it returns (see `ts_hold_signals`): a frame or a switch of screens goes out whole,
/// and the run loop acts on the signal between frames.
@discardableResult
func withSignalsHeld<Result>(_ body: () throws -> Result) rethrows -> Result {
    ts_hold_signals()
    defer { ts_release_signals() }
    return try body()
}
