import CNCursesW
import LabUI

/// Paints grids onto the ncurses screen, sending only the cells that changed since
/// the last frame; ncurses then sends only what changed on the terminal.
struct GridPainter {
    private var previous: Grid?
    private var pairs: [ColorKey: Int16] = [:]
    private let useColor: Bool

    private struct ColorKey: Hashable {
        let foreground: Int16
        let background: Int16
    }

    init(useColor: Bool) {
        self.useColor = useColor
    }

    /// Forgets the last frame, so the next paint redraws every cell (after a resize
    /// or a resume, when the terminal's contents are unknown).
    mutating func invalidate() {
        previous = nil
    }

    mutating func paint(_ grid: Grid) {
        let screen = shim_stdscr()
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full {
            werase(screen)
            // And tell ncurses the terminal's contents are unknown too: after a resume
            // or a resize it would otherwise send only what differs from its own copy,
            // onto a screen the shell or the terminal has cleared (the soak saw a blank
            // screen for seconds after Ctrl-Z).
            clearok(screen, true)
        }
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if !full, let previous, previous[x, y] == cell { continue }
                if cell.isContinuation { continue }
                put(cell, x: x, y: y)
            }
        }
        previous = grid
        withSignalsHeld { _ = wrefresh(screen) }
    }

    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        var attributes = shim_a_normal()
        let style = cell.style
        if style.bold { attributes |= shim_a_bold() }
        if style.dim { attributes |= shim_a_dim() }
        if style.reverse { attributes |= shim_a_reverse() }
        if style.underline { attributes |= shim_a_underline() }
        let pair = colorPair(style)
        var characters: [wchar_t] = cell.symbol.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        var complex = cchar_t()
        setcchar(&complex, &characters, attributes, pair, nil)
        // The bottom-right cell reports ERR because the cursor cannot advance past it; the cell is drawn all the same.
        _ = mvwadd_wch(shim_stdscr(), Int32(y), Int32(x), &complex)
    }

    private mutating func colorPair(_ style: Style) -> Int16 {
        guard useColor, style.foreground != nil || style.background != nil else { return 0 }
        let key = ColorKey(foreground: Int16(style.foreground?.rawValue ?? -1), background: Int16(style.background?.rawValue ?? -1))
        if let pair = pairs[key] { return pair }
        let pair = Int16(pairs.count + 1)
        guard Int32(pair) < shim_color_pairs() else { return 0 }
        init_pair(pair, key.foreground, key.background)
        pairs[key] = pair
        return pair
    }
}
