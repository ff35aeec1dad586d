import Experiments
import SoftmaxCore

/// The plane of the clusters chapter: seeded points of each class, the means as their
/// class letters, the band where no class reaches `sureProbability`, and the probe.
///
/// With colour each cell is a braille character of 2×4 dots, coloured by the class
/// with most points in it; without colour (NO_COLOR) or in ASCII, where a dot could not
/// say its class, each cell with points shows that class's lowercase letter instead.
/// Dots are square on a terminal whose cells are twice as tall as wide, so one unit
/// of the plane is as long across as up.
struct ClusterPlot {
    let clusters: GaussianClusters
    let probe: PlanePoint
    let points: [[PlanePoint]]
    let sureProbability: Double
    let area: Rect
    let options: ScreenOptions
    /// Plane units per dot: the larger of what the window needs across and down.
    let unit: Double
    /// The plane coordinates of the plot's left and top edges, the plot centred on the origin.
    let left: Double
    let top: Double

    /// The part of the plane that always shows: the probe's range, x in [−4.5, 4.5] and
    /// y in [−3, 3], and half a probe step beyond, so a probe on the edge is drawn inside.
    static let window = (halfWidth: 4.625, halfHeight: 3.125)
    static let dotsPerCell = (across: 2, down: 4)
    /// The most cells the plot takes.
    static let largest = (width: 96, height: 40)
    /// Braille dot bits by (column, row) within a cell, after the Unicode braille pattern layout.
    static let brailleBits: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
    static let classColors: [Color] = [.blue, .green, .magenta, .cyan, .yellow, .red]

    init(clusters: GaussianClusters, probe: PlanePoint, points: [[PlanePoint]], sureProbability: Double, area: Rect,
         options: ScreenOptions) {
        self.clusters = clusters
        self.probe = probe
        self.points = points
        self.sureProbability = sureProbability
        self.area = area
        self.options = options
        let dots = (across: Double(max(1, area.width * Self.dotsPerCell.across)),
                    down: Double(max(1, area.height * Self.dotsPerCell.down)))
        unit = max(2 * Self.window.halfWidth / dots.across, 2 * Self.window.halfHeight / dots.down)
        left = -dots.across * unit / 2
        top = dots.down * unit / 2
    }

    var usesBraille: Bool { options.usesColor && !options.glyphs.asciiOnly }

    /// The dot (column, row from the top) a plane point falls in.
    func dot(of p: PlanePoint) -> (column: Int, row: Int) {
        (Int(((p.x - left) / unit).rounded(.down)), Int(((top - p.y) / unit).rounded(.down)))
    }

    /// The cell a plane point falls in, or nil off the plot.
    func cell(of p: PlanePoint) -> (x: Int, y: Int)? {
        let d = dot(of: p)
        guard d.column >= 0, d.row >= 0 else { return nil }
        let x = d.column / Self.dotsPerCell.across, y = d.row / Self.dotsPerCell.down
        guard x < area.width, y < area.height else { return nil }
        return (x, y)
    }

    /// The plane point at the centre of a cell.
    func centre(x: Int, y: Int) -> PlanePoint {
        PlanePoint(x: left + (Double(x) + 0.5) * Double(Self.dotsPerCell.across) * unit,
                   y: top - (Double(y) + 0.5) * Double(Self.dotsPerCell.down) * unit)
    }

    func classStyle(_ k: Int) -> Style {
        options.usesColor ? Style(foreground: Self.classColors[k % Self.classColors.count]) : options.theme.text
    }

    static func pointLetter(_ k: Int) -> Character { Character(ExplorerState.defaultLabel(k).lowercased()) }

    func render(into grid: inout Grid) {
        guard area.width > 0, area.height > 0 else { return }
        // The band: cells whose centre no class claims with at least `sureProbability`.
        for y in 0..<area.height {
            for x in 0..<area.width where clusters.topPosterior(at: centre(x: x, y: y)) < sureProbability {
                grid.put(options.glyphs.lightShade, x: area.x + x, y: area.y + y, style: options.theme.dim)
            }
        }
        renderPoints(into: &grid)
        for (k, mean) in clusters.means.enumerated() {
            guard let c = cell(of: mean) else { continue }
            var style = classStyle(k).with(reverse: true)
            style.bold = true
            grid.write(ExplorerState.defaultLabel(k), x: area.x + c.x, y: area.y + c.y, style: style, limit: 1)
        }
        if let c = cell(of: probe) {
            grid.put(Self.probeGlyph(options.glyphs), x: area.x + c.x, y: area.y + c.y, style: options.theme.marker.with(reverse: true))
        }
    }

    /// Each cell's points: braille dots in the colour of the class with most of them,
    /// or that class's letter.
    private func renderPoints(into grid: inout Grid) {
        var dots: [Int: UInt32] = [:]
        var counts: [Int: [Int]] = [:]
        for (k, cloud) in points.enumerated() {
            for p in cloud {
                let d = dot(of: p)
                guard let c = cell(of: p) else { continue }
                let index = c.y * area.width + c.x
                dots[index, default: 0] |= Self.brailleBits[d.column % 2][d.row % 4]
                counts[index, default: Array(repeating: 0, count: points.count)][k] += 1
            }
        }
        for (index, count) in counts {
            // The class with most points in the cell; the earlier class on a tie.
            let k = count.indices.max { count[$0] != count[$1] ? count[$0] < count[$1] : $0 > $1 } ?? 0
            let symbol: Character = usesBraille
                ? Character(Unicode.Scalar(0x2800 + (dots[index] ?? 0))!)
                : Self.pointLetter(k)
            grid.put(symbol, x: area.x + index % area.width, y: area.y + index / area.width, style: classStyle(k))
        }
    }

    static func probeGlyph(_ glyphs: Glyphs) -> Character { glyphs.asciiOnly ? "@" : "●" }

    /// One line under the plot saying what each mark is.
    func renderLegend(x: Int, y: Int, width: Int, into grid: inout Grid) {
        let last = clusters.means.count - 1
        let points = usesBraille ? "⣿" : "\(Self.pointLetter(0))–\(Self.pointLetter(last))"
        let text = "\(Self.probeGlyph(options.glyphs)) x   A–\(ExplorerState.defaultLabel(last)) means µ   \(points) seeded points   "
            + "\(options.glyphs.lightShade) no class reaches \(NumberFormat.percent(sureProbability, decimals: 0))"
        grid.write(text, x: x, y: y, style: options.theme.dim, limit: width)
    }
}
