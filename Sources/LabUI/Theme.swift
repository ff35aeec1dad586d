/// The styles of the screen's parts, in colour and in monochrome.
///
/// Monochrome keeps every distinction colour makes, with bold, reverse and
/// different fill glyphs, so NO_COLOR loses no information.
public struct Theme: Hashable, Sendable {
    public let title: Style
    public let text: Style
    public let dim: Style
    public let emphasis: Style
    public let bar: Style
    public let selectedBar: Style
    public let histogramBar: Style
    public let trueValue: Style
    public let selectionRow: Style
    public let temperature: Style
    public let knob: Style
    public let refusal: Style
    public let litSegment: Style
    public let marker: Style
    /// Fills for the cumulative bar's segments, taken in turn so neighbours differ.
    public let segments: [Style]
    /// A recorded token's surprise, by `SurpriseBand` (low, middle, high, cut, unknown);
    /// monochrome tells them apart by underline and bold.
    public let surprise: [Style]

    public static let color = Theme(
        title: Style(foreground: .cyan, bold: true), text: .plain, dim: Style(dim: true),
        emphasis: Style(bold: true), bar: Style(foreground: .blue), selectedBar: Style(foreground: .magenta, bold: true),
        histogramBar: Style(foreground: .green), trueValue: Style(foreground: .red, bold: true),
        selectionRow: Style(bold: true), temperature: Style(foreground: .black, background: .yellow, bold: true),
        knob: Style(foreground: .black, background: .yellow, bold: true), refusal: Style(foreground: .red, bold: true),
        litSegment: Style(foreground: .black, background: .yellow, bold: true, underline: true),
        marker: Style(foreground: .red, bold: true),
        segments: [
            Style(foreground: .black, background: .cyan), Style(foreground: .black, background: .green),
            Style(foreground: .black, background: .magenta), Style(foreground: .black, background: .white),
        ],
        surprise: [
            Style(foreground: .green), Style(foreground: .yellow), Style(foreground: .red, bold: true),
            Style(foreground: .red, bold: true, underline: true), Style(dim: true),
        ])

    public static let monochrome = Theme(
        title: Style(bold: true), text: .plain, dim: .plain, emphasis: Style(bold: true), bar: .plain,
        selectedBar: Style(bold: true), histogramBar: .plain, trueValue: Style(bold: true),
        selectionRow: Style(bold: true), temperature: Style(bold: true, reverse: true), knob: Style(bold: true),
        refusal: Style(bold: true, underline: true), litSegment: Style(bold: true, underline: true),
        marker: Style(bold: true),
        segments: [Style(reverse: true), .plain],
        surprise: [.plain, Style(underline: true), Style(bold: true), Style(bold: true, underline: true), .plain])

    /// For a white-background projector: strong colours only (no yellow, cyan or
    /// white, which wash out on white), nothing dim, bold where it matters.
    public static let projector = Theme(
        title: Style(foreground: .blue, bold: true), text: .plain, dim: .plain,
        emphasis: Style(bold: true), bar: Style(foreground: .blue), selectedBar: Style(foreground: .magenta, bold: true),
        histogramBar: Style(foreground: .black), trueValue: Style(foreground: .red, bold: true),
        selectionRow: Style(bold: true), temperature: Style(bold: true, reverse: true), knob: Style(foreground: .red, bold: true),
        refusal: Style(foreground: .red, bold: true), litSegment: Style(bold: true, reverse: true, underline: true),
        marker: Style(foreground: .red, bold: true),
        segments: [Style(foreground: .blue, reverse: true), Style(foreground: .magenta, reverse: true)],
        surprise: [
            Style(foreground: .green), Style(foreground: .magenta), Style(foreground: .red, bold: true),
            Style(foreground: .red, bold: true, underline: true), .plain,
        ])

    /// This theme with nothing faint: for --big, where every caption is read from the back of a room.
    public var legible: Theme {
        Theme(title: title, text: text, dim: dim.with(dim: false), emphasis: emphasis, bar: bar, selectedBar: selectedBar,
              histogramBar: histogramBar, trueValue: trueValue, selectionRow: selectionRow, temperature: temperature,
              knob: knob, refusal: refusal, litSegment: litSegment, marker: marker, segments: segments,
              surprise: surprise.map { $0.with(dim: false) })
    }
}

extension Style {
    func with(dim: Bool) -> Style {
        var s = self
        s.dim = dim
        return s
    }
}
