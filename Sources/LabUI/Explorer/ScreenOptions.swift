/// How the screen is drawn, fixed for a session by flags, the locale and NO_COLOR.
public struct ScreenOptions: Hashable, Sendable {
    public var glyphs: Glyphs
    public var theme: Theme
    /// The projector layout: big digits where there is room, chapters in at most 100
    /// columns, and nothing that must be read drawn faint.
    public var big: Bool

    public init(unicode: Bool = true, color: Bool = true, big: Bool = false, projector: Bool = false) {
        glyphs = unicode ? .unicode : .ascii
        let base: Theme = !color ? .monochrome : projector ? .projector : .color
        theme = big ? base.legible : base
        self.big = big
    }

    /// The size from which the projector layout turns on by itself.
    public static let projectorWidth = 120
    public static let projectorHeight = 36
}
