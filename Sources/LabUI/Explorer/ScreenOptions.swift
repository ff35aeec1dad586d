/// How the screen is drawn, fixed for a session by flags, the locale and NO_COLOR.
public struct ScreenOptions: Hashable, Sendable {
    public var glyphs: Glyphs
    public var theme: Theme

    public init(unicode: Bool = true, color: Bool = true) {
        glyphs = unicode ? .unicode : .ascii
        theme = color ? .color : .monochrome
    }
}
