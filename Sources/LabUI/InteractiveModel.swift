/// What the terminal backend runs: a model that takes keys and clock ticks and
/// draws itself into a grid. The backend knows nothing else about it.
public protocol InteractiveModel {
    mutating func handle(_ key: Key)
    /// Seconds since the last tick; ticks arrive only while `isAnimating`.
    mutating func tick(seconds: Double)
    /// The terminal's size now, before the first frame and after every change.
    mutating func resized(width: Int, height: Int)
    var isAnimating: Bool { get }
    var isFinished: Bool { get }
    func render(width: Int, height: Int) -> Grid
}

extension InteractiveModel {
    public mutating func resized(width: Int, height: Int) {}
}

/// The program as the backend runs it: the explorer and the lesson, one state.
public struct LabModel: InteractiveModel {
    public var state: LabState
    public let options: ScreenOptions
    /// Set by a key, cleared by the next tick. The backend ticks right after a key, before
    /// it paints; skipping a chapter's work step on that tick paints the key's effect
    /// first, so a key waits for at most the one step already running.
    private var keyArrivedSinceTick = false

    public init(state: LabState, options: ScreenOptions) {
        self.state = state
        self.options = options
    }

    public mutating func handle(_ key: Key) {
        keyArrivedSinceTick = true
        guard case .mouse(let event) = key else { return state.handle(key) }
        // The keyboard stays complete; the mouse is a convenience, and while a mode
        // (an edit, the help, the contents, the enlarge screen) is up it does nothing.
        guard state.overlay == nil, state.explorer.editor == nil, state.screenFits else { return }
        if let key = MouseTargets.key(for: event) { return state.handle(key) }
        MouseTargets.apply(event, to: &state, options: options)
    }

    public mutating func tick(seconds: Double) {
        state.explorer.apply(.animationTicked(seconds: seconds))
        // A chapter's long work advances one short step a frame, in the lesson only, and
        // not in the frame that answers a key.
        if state.mode == .lesson && !keyArrivedSinceTick { state.lesson.stepWork() }
        keyArrivedSinceTick = false
    }

    public mutating func resized(width: Int, height: Int) {
        state.screenFits = width >= ExplorerLayout.minimumWidth && height >= ExplorerLayout.minimumHeight
    }

    public var isAnimating: Bool { state.explorer.isAnimating || (state.mode == .lesson && state.lesson.isWorking) }
    public var isFinished: Bool { state.explorer.quitRequested }

    public func render(width: Int, height: Int) -> Grid {
        LabScreen.render(state, width: width, height: height, options: options)
    }
}
