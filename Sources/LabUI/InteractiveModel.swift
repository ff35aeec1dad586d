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

/// The explorer as the backend runs it: its state and how it is drawn.
public struct ExplorerModel: InteractiveModel {
    public var state: ExplorerState
    public let options: ScreenOptions

    public init(state: ExplorerState, options: ScreenOptions) {
        self.state = state
        self.options = options
    }

    public mutating func handle(_ key: Key) {
        if let action = KeyMap.action(for: key, editing: state.editor != nil) {
            state.apply(action)
        } else if state.showsHelp {
            state.apply(.helpToggled)
        }
    }

    public mutating func tick(seconds: Double) { state.apply(.animationTicked(seconds: seconds)) }
    public var isAnimating: Bool { state.isAnimating }
    public var isFinished: Bool { state.quitRequested }

    public func render(width: Int, height: Int) -> Grid {
        ExplorerScreen.render(state, width: width, height: height, options: options)
    }
}
