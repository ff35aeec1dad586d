/// A bar `fraction` of `width` cells long, to the nearest eighth of a cell.
///
/// The glyphs are the left-aligned eighth blocks, so a bar grows smoothly as the
/// temperature turns instead of jumping a whole cell at a time.
public func horizontalBar(fraction: Double, width: Int, glyphs: Glyphs, fill: Character? = nil) -> String {
    guard width > 0, fraction.isFinite, fraction > 0 else { return "" }
    let eighths = Int((min(1, fraction) * Double(width) * 8).rounded())
    guard let fill else {
        var bar = String(repeating: glyphs.fullBlock, count: eighths / 8)
        if eighths % 8 > 0 { bar.append(glyphs.horizontalEighths[eighths % 8 - 1]) }
        return bar
    }
    // A fill without partial glyphs rounds to whole cells.
    return String(repeating: fill, count: (eighths + 4) / 8)
}

extension Grid {
    /// A bar in a one-row area, with an optional marker at `marker` on the same scale
    /// (the true probability over an empirical histogram).
    mutating func bar(_ fraction: Double, in area: Rect, glyphs: Glyphs, style: Style,
                      fill: Character? = nil, marker: Double? = nil, markerStyle: Style = .plain) {
        guard !area.isEmpty else { return }
        let used = write(horizontalBar(fraction: fraction, width: area.width, glyphs: glyphs, fill: fill),
                         x: area.x, y: area.y, style: style, limit: area.width)
        if let marker, marker.isFinite {
            let column = min(area.width - 1, Int((max(0, min(1, marker)) * Double(area.width)).rounded(.down)))
            if column < used {
                // Inside the bar: mark the cell by its style and keep the bar's glyph,
                // so the tip of the bar stays visible where it meets the truth.
                restyle(x: area.x + column, y: area.y) { $0 = markerStyle.with(underline: true) }
            } else {
                put(glyphs.trueValueMarker, x: area.x + column, y: area.y, style: markerStyle)
            }
        }
    }

    /// Writes text so that it ends at the right edge of `area`.
    @discardableResult
    mutating func writeRight(_ text: String, in area: Rect, style: Style = .plain) -> Int {
        // Measured as it will be spelt: in ASCII "Σ" is "sum", wider than it looks here.
        let w = min(area.width, TextWidth.of(glyphs.text(text)))
        return write(text, x: area.maxX - w, y: area.y, style: style, limit: w)
    }

    /// Writes text centred in a one-row area.
    mutating func writeCentered(_ text: String, in area: Rect, style: Style = .plain) {
        let w = min(area.width, TextWidth.of(glyphs.text(text)))
        write(text, x: area.x + (area.width - w) / 2, y: area.y, style: style, limit: area.width)
    }
}
