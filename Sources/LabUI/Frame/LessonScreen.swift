import SoftmaxCore

/// Draws a page of the lesson: a header with the chapter and its number and the
/// chapter itself, or the end-of-lesson page. The frame adds the key lines.
public enum LessonScreen {
    /// The lesson with its modes, as the frame draws it.
    public static func render(_ lesson: LessonState, width: Int, height: Int, options: ScreenOptions = ScreenOptions()) -> Grid {
        LabScreen.render(LabState(mode: .lesson, lesson: lesson), width: width, height: height, options: options)
    }

    /// The widest a chapter's text and widgets go with --big: about 100 columns
    /// read from the back of a room, where 200 do not.
    static let projectorLineLength = 100

    static func paint(_ lesson: LessonState, into grid: inout Grid, options: ScreenOptions) {
        let width = grid.width, height = grid.height
        guard width >= ExplorerLayout.minimumWidth, height >= ExplorerLayout.minimumHeight else { return }
        let theme = options.theme
        let r = lesson.readout
        let temperature = " \(TemperatureText.equation(r.temperature)) "
        let title = lesson.isAtEnd ? "The end" : lesson.chapter.title
        let number = lesson.isAtEnd ? "" : "chapter \(lesson.chapterIndex + 1)/\(Chapters.all.count) · "
        let left = " Softmax Lab · \(number)"
        var x = grid.write(left, x: 0, y: 0, style: theme.dim)
        x += grid.write(title, x: x, y: 0, style: theme.title, limit: width - x - TextWidth.of(temperature) - 2)
        grid.writeRight(temperature, in: Rect(x: 0, y: 0, width: width - 1, height: 1), style: theme.temperature)
        grid.targets.append(HitTarget(Rect(x: width - 1 - TextWidth.of(temperature), y: 0, width: TextWidth.of(temperature),
                                           height: 1), .input))
        var area = Rect(x: 2, y: 2, width: width - 4, height: height - 5)
        if options.big {
            area = projectorArea(area, lesson: lesson, into: &grid, options: options)
        }
        if lesson.isAtEnd {
            EndPage.render(lesson, in: area, into: &grid, options: options)
        } else if lesson.chapter.needsFiniteLogits, let masked = lesson.instrument.logits.firstIndex(where: \.isMaskedLogit) {
            renderMaskedNote(lesson, masked: masked, in: area, into: &grid, options: options)
        } else {
            lesson.chapter.render(lesson, area, &grid, options)
        }
    }

    /// In place of a chapter whose sums need finite logits: which class is masked, and
    /// how to go on, rather than sums that run through −∞.
    private static func renderMaskedNote(_ lesson: LessonState, masked: Int, in area: Rect, into grid: inout Grid,
                                         options: ScreenOptions) {
        let name = lesson.instrument.labels.indices.contains(masked) ? lesson.instrument.labels[masked] : ExplorerState.defaultLabel(masked)
        let text = "Class \(name) is masked: its logit is -inf, so its probability is 0 at every T. "
            + "This chapter adds up every class's e^z, which -inf would turn into nonsense. "
            + "Give \(name) a finite logit (select it and press Enter), or move on with ]: "
            + "the explorer and most chapters show a masked class as masked."
        let theme = options.theme
        for (row, line) in ChapterLines.wrap(text, width: area.width, options: options).prefix(area.height).enumerated() {
            grid.write(line, x: area.x, y: area.y + row, style: theme.text, limit: area.width)
        }
    }

    /// With --big: T, H and the top class in big digits over the chapter when the
    /// screen is tall enough, and the chapter centred in at most 100 columns.
    private static func projectorArea(_ area: Rect, lesson: LessonState, into grid: inout Grid, options: ScreenOptions) -> Rect {
        var area = area
        if area.width > projectorLineLength {
            area = Rect(x: area.x + (area.width - projectorLineLength) / 2, y: area.y, width: projectorLineLength,
                        height: area.height)
        }
        let bigRows = 5
        guard area.height - bigRows >= 24 - 5 else { return area }
        BigReadout(readout: SoftmaxReadoutView(lesson.instrument), options: options)
            .render(in: Rect(x: area.x, y: area.y, width: area.width, height: bigRows - 1), into: &grid)
        return Rect(x: area.x, y: area.y + bigRows, width: area.width, height: area.height - bigRows)
    }
}

/// After the last chapter: what the lesson covered, and where to go next.
enum EndPage {
    static func render(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let text = [
            "That is the whole lesson. Softmax turns logits into probabilities; T divides the logits first, "
                + "so below 1 the top class takes more and above 1 the classes even out, with T → 0 and T → ∞ "
                + "as greedy and uniform. Draws follow p, and many of them converge on it.",
            "Press o for the contents, [ to go back a chapter, Tab or Esc for the explorer, q to quit.",
        ]
        let rest = writeChapterText(text, in: area, into: &grid, options: options)
        // In two columns when one is too short for every chapter.
        let columns = Chapters.all.count > rest.height && rest.height > 0 ? 2 : 1
        let perColumn = (Chapters.all.count + columns - 1) / columns
        let columnWidth = (rest.width - 2) / columns
        for (i, chapter) in Chapters.all.enumerated() where i % perColumn < rest.height {
            grid.write("\(i + 1 < 10 ? " " : "")\(i + 1)  \(chapter.title)", x: rest.x + 2 + (i / perColumn) * columnWidth,
                       y: rest.y + i % perColumn, limit: columnWidth - 1)
        }
    }
}
