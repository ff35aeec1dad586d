import SoftmaxCore

/// The one frame every screen shares: it draws the screen's content, then the
/// modes (a value being typed, the help, the contents, the enlarge message, the
/// prediction veil) and the key lines made from exactly the bindings that are live.
/// A screen draws its content and never has to remember a mode, so no key can act
/// unseen.
public enum LabScreen {
    public static func render(_ state: LabState, width: Int, height: Int, options: ScreenOptions = ScreenOptions()) -> Grid {
        var grid = Grid(width: width, height: height)
        grid.glyphs = options.glyphs
        guard let rows = FrameRows(state: state, width: width, height: height, options: options) else {
            TooSmallScreen.render(width: width, height: height, into: &grid, theme: options.theme)
            return grid
        }
        drawContent(state.mode, lesson: state.lesson, recording: state.recording, into: &grid, options: options)
        if let baseline = state.prediction {
            veil(changesFrom: baseline, state: state, rows: rows, into: &grid, options: options)
        }
        let keys = state.keys
        drawPrompt(state, in: rows.prompt, into: &grid, options: options)
        if let keyLine = rows.keyLine {
            let hints = keys.contexts.first { $0.title == ChapterDefinition.contextTitle }.map(keys.hints(of:)) ?? []
            writeHints(hints, in: keyLine, into: &grid, style: options.theme.dim)
        }
        drawStatus(state, keys: keys, in: rows.status, into: &grid)
        // An overlay clears what is behind it, so no stray cell of the screen (a bar's
        // end, a "%") shows at its edges; the header and the status line stay.
        let overlayArea = Rect(x: 0, y: 1, width: width, height: rows.status.y - 1)
        if state.overlay != nil { grid.fill(overlayArea) }
        switch state.overlay {
        case .help(let page):
            // The help lists what keys do once it is closed: the screen's own live bindings.
            var underneath = state
            underneath.overlay = nil
            HelpOverlay(sections: underneath.keys.liveBindings.map { ($0.context.title, $0.bindings) }, page: page,
                        options: options)
                .render(in: overlayArea, into: &grid)
        case .contents(let choice, let typed):
            ContentsOverlay(choice: choice, typed: typed, current: state.lesson.chapterIndex, options: options)
                .render(in: overlayArea, into: &grid)
        case nil: break
        }
        return grid
    }

    /// Just the content (explorer or lesson page), with no modes: also what the
    /// prediction veil compares against.
    static func drawContent(_ mode: LabState.Mode, lesson: LessonState, recording: RecordingState?, into grid: inout Grid,
                            options: ScreenOptions) {
        switch mode {
        case .explorer: ExplorerScreen.paint(lesson.instrument, into: &grid, options: options)
        case .lesson: LessonScreen.paint(lesson, into: &grid, options: options)
        case .recording:
            if let recording {
                RecordingScreen(recording: recording, lesson: lesson, options: options).paint(into: &grid)
            }
        }
    }

    /// Predict, then reveal: every content cell that differs from the screen as it
    /// was when `v` was pressed is covered, except what the user set (T, logits),
    /// so the class sees the change but not its outcome.
    private static func veil(changesFrom baseline: LessonState, state: LabState, rows: FrameRows,
                             into grid: inout Grid, options: ScreenOptions) {
        var before = Grid(width: grid.width, height: grid.height)
        before.glyphs = grid.glyphs
        drawContent(state.mode, lesson: baseline, recording: state.recording, into: &before, options: options)
        let inputs = grid.targets.filter { $0.kind == .input || $0.kind == .temperatureTrack }.map(\.area)
        for y in rows.veiled.y..<rows.veiled.maxY {
            for x in 0..<grid.width where grid[x, y] != before[x, y] {
                if inputs.contains(where: { $0.contains(x: x, y: y) }) { continue }
                grid.put(options.glyphs.lightShade, x: x, y: y, style: options.theme.dim)
            }
        }
    }

    private static func drawPrompt(_ state: LabState, in row: Rect, into grid: inout Grid, options: ScreenOptions) {
        let theme = options.theme
        let explorer = state.explorer
        grid.fill(row)
        if let editor = explorer.editor {
            let label = editor.target == .temperature
                ? "new T (0 greedy, inf uniform): "
                : "new logit for \(explorer.labels[explorer.selected]): "
            var x = row.x + grid.write(label, x: row.x, y: row.y, style: theme.emphasis, limit: row.width)
            x += grid.write(TextWidth.truncate(editor.text, to: 20) + "▏", x: x, y: row.y, style: theme.temperature,
                            limit: row.maxX - x)
            let after = editor.refusal.map { "  " + $0 } ?? "  Enter accept · Esc cancel"
            grid.write(after, x: x, y: row.y, style: editor.refusal == nil ? theme.dim : theme.refusal, limit: row.maxX - x)
        } else if let notice = explorer.notice {
            grid.write(notice.text, x: row.x, y: row.y, style: notice.kind == .refusal ? theme.refusal : theme.dim,
                       limit: row.width)
        } else if state.prediction != nil {
            grid.write("Predicting: the outcome of each change is covered; v reveals it.", x: row.x, y: row.y,
                       style: theme.emphasis, limit: row.width)
        }
    }

    /// The bottom row: the keys of the innermost mode, or the screen's own, and the seed.
    private static func drawStatus(_ state: LabState, keys: KeyStack, in row: Rect, into grid: inout Grid) {
        let style = Style(reverse: true)
        grid.fill(row, style: style)
        let seed = "seed \(state.explorer.seed) "
        // The innermost context with hints speaks, except a chapter's, which has the key line.
        let speaker = keys.contexts.first { $0.title != ChapterDefinition.contextTitle && !keys.hints(of: $0).isEmpty }
        let items = speaker.map(keys.hints(of:)) ?? []
        let room = row.width - TextWidth.of(seed) - 1
        writeHints(items, in: Rect(x: row.x, y: row.y, width: room, height: 1), into: &grid, style: style)
        grid.writeRight(seed, in: row, style: style)
    }

    /// Whole hints, two spaces apart, in their order: the essential ones (help, quit)
    /// first claim room, then the others as they come, so a hint is never cut in half
    /// and the way out is always shown.
    static func writeHints(_ hints: [KeyHint], in row: Rect, into grid: inout Grid, style: Style) {
        func width(_ hint: KeyHint) -> Int { TextWidth.of(grid.glyphs.text(hint.text)) + 2 }
        var used = 1
        var kept = Set<Int>()
        for pass in [true, false] {
            for (i, hint) in hints.enumerated() where hint.isEssential == pass && used + width(hint) <= row.width {
                kept.insert(i)
                used += width(hint)
            }
        }
        let line = hints.indices.filter(kept.contains).map { hints[$0].text }.joined(separator: "  ")
        grid.write(" " + line, x: row.x, y: row.y, style: style, limit: row.width)
    }
}

/// The rows the frame owns on a screen of a given size; nil when it is too small.
struct FrameRows {
    let prompt: Rect
    /// The chapter's key line, in the lesson.
    let keyLine: Rect?
    let status: Rect
    /// The rows whose changes the prediction veil may cover.
    let veiled: Rect

    init?(state: LabState, width: Int, height: Int, options: ScreenOptions) {
        guard width >= ExplorerLayout.minimumWidth, height >= ExplorerLayout.minimumHeight else { return nil }
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        switch state.mode {
        case .explorer:
            let layout = ExplorerScreen.layout(for: state.explorer, width: width, height: height, options: options)
            prompt = layout?.notice ?? Rect(x: 1, y: height - 2, width: width - 2, height: 1)
            keyLine = nil
            veiled = Rect(x: 0, y: 1, width: width, height: max(0, prompt.y - 1))
        case .recording:
            prompt = Rect(x: 1, y: height - 2, width: width - 2, height: 1)
            keyLine = nil
            veiled = Rect(x: 0, y: 1, width: width, height: max(0, height - 3))
        case .lesson:
            prompt = Rect(x: 1, y: height - 3, width: width - 2, height: 1)
            keyLine = Rect(x: 0, y: height - 2, width: width, height: 1)
            veiled = Rect(x: 0, y: 1, width: width, height: max(0, height - 4))
        }
    }
}
