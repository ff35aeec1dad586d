/// What the terminal backend runs: a model that takes keys and clock ticks and
/// draws itself into a grid. The backend knows nothing else about it.
public protocol InteractiveModel {
    mutating func handle(_ key: Key)
    /// Seconds since the last tick; ticks arrive only while `isAnimating`.
    mutating func tick(seconds: Double)
    /// The screen was resized; models that place things by layout may care.
    var isAnimating: Bool { get }
    var isFinished: Bool { get }
    func render(width: Int, height: Int) -> Grid
}

/// The program as the backend runs it: the explorer and the lesson, one state.
public struct LabModel: InteractiveModel {
    public var state: LabState
    public let options: ScreenOptions

    public init(state: LabState, options: ScreenOptions) {
        self.state = state
        self.options = options
    }

    public mutating func handle(_ key: Key) {
        guard case .mouse(let event) = key else { return state.handle(key) }
        // The keyboard stays complete; the mouse is a convenience, and inside the
        // help or an edit it does nothing.
        guard !state.explorer.showsHelp, state.explorer.editor == nil else { return }
        if let action = MouseTargets.action(for: event, state: state, options: options) {
            state.explorer.apply(action)
        }
    }

    public mutating func tick(seconds: Double) { state.explorer.apply(.animationTicked(seconds: seconds)) }
    public var isAnimating: Bool { state.explorer.isAnimating }
    public var isFinished: Bool { state.explorer.quitRequested }

    public func render(width: Int, height: Int) -> Grid {
        switch state.mode {
        case .explorer: ExplorerScreen.render(state.explorer, width: width, height: height, options: options)
        case .lesson: LessonScreen.render(state.lesson, width: width, height: height, options: options)
        }
    }
}
