import SoftmaxCore

/// Draws the lesson: a header with the chapter and its number, the chapter itself,
/// its keys, and the status line.
public enum LessonScreen {
    public static func render(_ lesson: LessonState, width: Int, height: Int, options: ScreenOptions = ScreenOptions()) -> Grid {
        var grid = Grid(width: width, height: height)
        grid.glyphs = options.glyphs
        guard width >= ExplorerLayout.minimumWidth, height >= ExplorerLayout.minimumHeight else {
            TooSmallScreen.render(width: width, height: height, into: &grid, theme: options.theme)
            return grid
        }
        let theme = options.theme
        let chapter = lesson.chapter
        let number = "\(lesson.chapterIndex + 1)/\(Chapters.all.count)"
        grid.write(" Softmax Lab · chapter \(number) · ", x: 0, y: 0, style: theme.dim)
        grid.write(chapter.title, x: TextWidth.of(" Softmax Lab · chapter \(number) · "), y: 0, style: theme.title)
        let r = lesson.readout
        grid.writeRight(" \(TemperatureText.equation(r.temperature)) ", in: Rect(x: 0, y: 0, width: width - 1, height: 1),
                        style: theme.temperature)
        let area = Rect(x: 2, y: 2, width: width - 4, height: height - 5)
        chapter.render(lesson, area, &grid, options)

        let hints = chapter.keys.map { "\($0.keys) \($0.summary)" }.joined(separator: " · ")
        grid.write(hints, x: 1, y: height - 2, style: theme.dim, limit: width - 2)
        let status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let style = Style(reverse: true)
        grid.fill(status, style: style)
        grid.write(" [ ] chapter  1-11 jump  Tab explorer  ? help  q quit", x: 0, y: status.y, style: style,
                   limit: width - 12)
        grid.writeRight("seed \(lesson.instrument.seed) ", in: status, style: style)
        if lesson.instrument.showsHelp {
            HelpOverlay(glyphs: options.glyphs, theme: theme).render(in: grid.bounds, into: &grid)
        }
        return grid
    }
}
