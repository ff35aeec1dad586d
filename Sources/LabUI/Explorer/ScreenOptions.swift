/// How the screen is drawn, fixed for a session by flags, the locale and NO_COLOR.
public struct ScreenOptions: Hashable, Sendable {
    public var glyphs: Glyphs
    public var theme: Theme
    /// The projector layout: big digits where there is room, chapters in at most 100
    /// columns, and nothing that must be read drawn faint.
    public var big: Bool
    /// Whether cells may be told apart by colour alone (braille dots of several classes);
    /// without colour a screen must mark the difference with glyphs.
    public var usesColor: Bool

    public init(unicode: Bool = true, color: Bool = true, big: Bool = false, projector: Bool = false) {
        glyphs = unicode ? .unicode : .ascii
        let base: Theme = !color ? .monochrome : projector ? .projector : .color
        theme = big ? base.legible : base
        self.big = big
        usesColor = color
    }

    /// The size from which the projector layout turns on by itself.
    public static let projectorWidth = 120
    public static let projectorHeight = 36
}
