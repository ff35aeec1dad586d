import Experiments
import LogitFiles
import SoftmaxCore

/// Generated text laid out as running prose: each token in its own style (the prompt
/// faint, the last word drawn bold, a loop marked where it starts), wrapped at spaces,
/// with punctuation kept on its word's line.
struct TokenFlow {
    struct Piece: Equatable {
        let text: String
        let style: Style
        /// Written without a space before it: punctuation.
        let glued: Bool
    }

    var pieces: [Piece]

    /// The marker put before the first token of a loop.
    static let loopMarker = "⟨loop⟩"

    /// A generation's prompt and tokens, styled.
    init(_ generation: TextGeneration, vocabulary: [String], loop: RepetitionLoop?, theme: Theme) {
        let tokens = generation.tokens
        let promptCount = generation.prompt.count
        pieces = []
        for (i, token) in tokens.enumerated() {
            if let loop, loop.start == i {
                pieces.append(Piece(text: Self.loopMarker, style: theme.marker, glued: false))
            }
            let text = vocabulary[token]
            let style: Style
            if i < promptCount {
                style = theme.dim
            } else if let loop, i >= loop.start {
                style = theme.marker
            } else {
                style = i == tokens.count - 1 ? theme.emphasis : theme.text
            }
            pieces.append(Piece(text: text, style: style, glued: Corpus.isPunctuation(text)))
        }
    }

    /// The pieces placed on lines of `width` columns: (column, piece) on each line. A word
    /// and the punctuation glued to it move to the next line together; a word wider than
    /// the line is cut where it is written.
    func lines(width: Int, glyphs: Glyphs) -> [[(x: Int, piece: Piece)]] {
        guard width > 0 else { return [] }
        // Units: a piece and the glued pieces after it.
        var units: [[Piece]] = []
        for piece in pieces {
            if piece.glued, !units.isEmpty { units[units.count - 1].append(piece) } else { units.append([piece]) }
        }
        var lines: [[(x: Int, piece: Piece)]] = []
        var line: [(x: Int, piece: Piece)] = []
        var column = 0
        for unit in units {
            let widths = unit.map { TextWidth.of(glyphs.text($0.text)) }
            let unitWidth = widths.reduce(0, +)
            if !line.isEmpty && column + 1 + unitWidth > width {
                lines.append(line)
                line = []
                column = 0
            }
            if !line.isEmpty { column += 1 }
            for (piece, w) in zip(unit, widths) {
                line.append((column, piece))
                column += w
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Draws the lines that fit in `area`: the last ones (`fromEnd`), so the newest word is
    /// always in sight, or the first ones. A "…" says where lines were left out.
    func render(in area: Rect, fromEnd: Bool = true, into grid: inout Grid, options: ScreenOptions) {
        guard area.height > 0, area.width > 2 else { return }
        let all = lines(width: area.width - (fromEnd ? 0 : 2), glyphs: options.glyphs)
        let shown = fromEnd ? Array(all.suffix(area.height)) : Array(all.prefix(area.height))
        let cut = all.count > shown.count
        for (row, line) in shown.enumerated() {
            let y = area.y + row
            let indent = cut && fromEnd && row == 0 ? 2 : 0
            if indent > 0 { grid.write("…", x: area.x, y: y, style: options.theme.dim) }
            for (x, piece) in line where x + indent < area.width {
                grid.write(piece.text, x: area.x + x + indent, y: y, style: piece.style, limit: area.width - x - indent)
            }
            if cut && !fromEnd && row == shown.count - 1, let last = line.last {
                let end = last.x + TextWidth.of(options.glyphs.text(last.piece.text))
                grid.write("…", x: area.x + end + 1, y: y, style: options.theme.dim)
            }
        }
    }
}
