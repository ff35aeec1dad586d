import SoftmaxCore

/// The temperature dial: a log-scale track from 0.05 to 20 with a knob at T, the
/// ends named for the two limits, and the scale's values on the row below.
struct TemperatureSlider {
    let temperature: Temperature
    let glyphs: Glyphs
    let theme: Theme

    static let leftLabel = "T→0 "
    static let rightLabel = " T→∞"

    /// The track's columns in a slider drawn in `area`: for placing the knob, and for
    /// turning a click into a temperature.
    static func track(in area: Rect, glyphs: Glyphs) -> Rect {
        let left = TextWidth.of(glyphs.text(leftLabel))
        let right = TextWidth.of(glyphs.text(rightLabel))
        return Rect(x: area.x + left, y: area.y, width: area.width - left - right, height: 1)
    }

    /// Draws the track on `area`'s first row and the scale on its second, if it has one.
    func render(in area: Rect, into grid: inout Grid) {
        guard area.height > 0, area.width >= 12 else { return }
        let track = Self.track(in: area, glyphs: glyphs)
        grid.targets.append(HitTarget(track, .temperatureTrack))
        let leftStyle = temperature.isGreedy ? theme.knob.with(reverse: true) : theme.dim
        let rightStyle = temperature.isUniform ? theme.knob.with(reverse: true) : theme.dim
        grid.write(glyphs.text(Self.leftLabel).trimmedRight, x: area.x, y: area.y, style: leftStyle)
        grid.write(glyphs.text(Self.rightLabel).trimmedLeft, x: track.maxX + 1, y: area.y, style: rightStyle)
        for x in track.x..<track.maxX { grid.put(glyphs.sliderTrack, x: x, y: area.y, style: theme.dim) }
        grid.put(glyphs.sliderLeftEnd, x: track.x, y: area.y, style: theme.dim)
        grid.put(glyphs.sliderRightEnd, x: track.maxX - 1, y: area.y, style: theme.dim)
        let ticks: [(Double, String)] = [(0.05, "0.05"), (0.1, "0.1"), (1, "1"), (10, "10"), (20, "20")]
        for (value, label) in ticks {
            guard let t = try? Temperature(value) else { continue }
            let x = column(of: t, on: track)
            if value != 0.05 && value != 20 { grid.put(glyphs.sliderTick, x: x, y: area.y, style: theme.dim) }
            if area.height > 1 {
                let w = TextWidth.of(label)
                let start = min(max(track.x, x - w / 2), track.maxX - w)
                grid.write(label, x: start, y: area.y + 1, style: theme.dim)
            }
        }
        if !temperature.isGreedy && !temperature.isUniform {
            grid.put(glyphs.sliderKnob, x: column(of: temperature, on: track), y: area.y, style: theme.knob)
        }
    }

    func column(of t: Temperature, on track: Rect) -> Int {
        track.x + Int((TemperatureDial.position(of: t) * Double(track.width - 1)).rounded())
    }
}

extension Style {
    func with(reverse: Bool) -> Style {
        var s = self
        s.reverse = reverse
        return s
    }

    func with(underline: Bool) -> Style {
        var s = self
        s.underline = underline
        return s
    }
}

extension String {
    var trimmedRight: String { String(reversed().drop { $0 == " " }.reversed()) }
    var trimmedLeft: String { String(drop { $0 == " " }) }
}
