import SoftmaxCore

/// Numbers three rows tall, for the projector: T, H and the top probability read
/// from the back of a classroom.
enum BigDigits {
    /// Each glyph as three rows of equal width, drawn with half blocks.
    static let font: [Character: [String]] = [
        "0": ["█▀█", "█ █", "▀▀▀"], "1": ["▀█ ", " █ ", "▀▀▀"], "2": ["▀▀█", "█▀▀", "▀▀▀"],
        "3": ["▀▀█", " ▀█", "▀▀▀"], "4": ["█ █", "▀▀█", "  ▀"], "5": ["█▀▀", "▀▀█", "▀▀▀"],
        "6": ["█▀▀", "█▀█", "▀▀▀"], "7": ["▀▀█", "  █", "  ▀"], "8": ["█▀█", "█▀█", "▀▀▀"],
        "9": ["█▀█", "▀▀█", "▀▀▀"], ".": [" ", " ", "▀"], "%": ["▀ █", " █ ", "█ ▄"],
        "-": ["   ", "▀▀▀", "   "], " ": [" ", " ", " "],
    ]

    /// The columns `text` takes in big digits; characters without a glyph are skipped.
    static func width(of text: String) -> Int {
        text.reduce(0) { $0 + (font[$1].map { $0[0].count + 1 } ?? 0) }
    }

    /// Draws `text` from (x, y) over three rows; returns the columns used.
    @discardableResult
    static func draw(_ text: String, x: Int, y: Int, into grid: inout Grid, style: Style, limit: Int) -> Int {
        var column = x
        for character in text {
            guard let glyph = font[character] else { continue }
            let w = glyph[0].count
            guard column + w - x <= limit else { break }
            for (row, line) in glyph.enumerated() {
                grid.write(line, x: column, y: y + row, style: style, limit: w)
            }
            column += w + 1
        }
        return column - x
    }
}

/// T, H and the top probability in big digits, each under a small label.
struct BigReadout {
    let readout: SoftmaxReadoutView
    let options: ScreenOptions

    func render(in area: Rect, into grid: inout Grid) {
        guard area.height >= 4 else { return }
        let third = area.width / 3
        let items: [(String, String)] = [
            (readout.temperatureLabel, readout.temperatureDigits),
            ("H (nats)", readout.entropyDigits),
            ("top: \(readout.topLabel)", readout.topDigits),
        ]
        for (i, item) in items.enumerated() {
            let x = area.x + i * third
            grid.write(item.0, x: x, y: area.y, style: options.theme.dim, limit: third - 1)
            BigDigits.draw(item.1, x: x, y: area.y + 1, into: &grid,
                           style: i == 0 ? options.theme.temperature : options.theme.emphasis, limit: third - 2)
        }
    }
}

/// The three numbers the projector shows, as the texts the big digits spell.
struct SoftmaxReadoutView {
    let temperatureLabel: String
    let temperatureDigits: String
    let entropyDigits: String
    let topLabel: String
    let topDigits: String
}

extension SoftmaxReadoutView {
    /// The projector's three numbers for the instrument's state.
    init(_ state: ExplorerState) {
        let t = state.temperature
        let readout = state.readout
        let top = readout.topIndex
        let ties = readout.tiedMaximumCount
        self.init(
            temperatureLabel: t.isGreedy ? "T → 0 (greedy)" : t.isUniform ? "T → ∞ (uniform)" : "T",
            temperatureDigits: t.isGreedy ? "0" : t.isUniform ? "" : TemperatureText.value(t),
            entropyDigits: NumberFormat.fixed(readout.entropy, decimals: 3),
            topLabel: ties > 1 ? "\(ties)-way tie" : state.labels[top],
            topDigits: NumberFormat.fixed(readout.probabilities[top] * 100, decimals: 1) + "%")
    }
}
