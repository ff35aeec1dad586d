/// How the screen is drawn, fixed for a session by flags, the locale and NO_COLOR.
public struct ScreenOptions: Hashable, Sendable {
    public var glyphs: Glyphs
    public var theme: Theme
    /// The projector layout (big digits) even below 120×36, where there is room.
    public var big: Bool

    public init(unicode: Bool = true, color: Bool = true, big: Bool = false) {
        glyphs = unicode ? .unicode : .ascii
        theme = color ? .color : .monochrome
        self.big = big
    }

    /// The size from which the projector layout turns on by itself.
    public static let projectorWidth = 120
    public static let projectorHeight = 36
}
