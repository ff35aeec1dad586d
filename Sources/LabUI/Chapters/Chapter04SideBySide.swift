import SoftmaxCore

/// What this chapter remembers between keys: the three temperatures and which
/// column the arrow keys turn.
public struct SideBySideSettings: Hashable, Sendable {
    public static let defaultTemperatures: [Temperature] = [0.5, 1, 2].map { (try? Temperature($0)) ?? .one }

    public var temperatures: [Temperature] = SideBySideSettings.defaultTemperatures
    /// The column ←/→ turn, 0-based.
    public var column: Int = 1

    public init() {}

    /// The three temperatures as shown: the picked column's is the dial's T, so the
    /// header, the typed T and every T key agree with it.
    public func shown(dial: Temperature) -> [Temperature] {
        var out = temperatures
        if out.indices.contains(column) { out[column] = dial }
        return out
    }
}

extension LessonState {
    /// Picks the column `offset` to the left (negative) or right: the dial's T stays
    /// with the column it was in, and the dial takes the new column's T.
    mutating func pickSideBySideColumn(by offset: Int) {
        var settings = sideBySide
        let next = min(max(0, settings.column + offset), settings.temperatures.count - 1)
        guard next != settings.column else { return }
        settings.temperatures = settings.shown(dial: instrument.temperature)
        settings.column = next
        sideBySide = settings
        instrument.apply(.temperatureSet(settings.temperatures[next]))
    }
}

extension Chapters {
    /// Teaches that temperature reshapes one fixed set of logits: three bar charts of
    /// the same logits at three temperatures, with the entropy under each, so cold,
    /// plain and hot can be compared at a glance instead of remembered.
    ///
    /// The header's T follows the column in hand, so the explorer opens on it.
    static let sideBySide = ChapterDefinition(
        title: "Side by side",
        name: "side-by-side",
        bindings: [
            ChapterDefinition.binding("columnLeft", [.character(",")], "pick the column to the left", hint: ", . column") {
                $0.pickSideBySideColumn(by: -1)
            },
            ChapterDefinition.binding("columnRight", [.character(".")], "pick the column to the right") {
                $0.pickSideBySideColumn(by: 1)
            },
        ],
        featured: ["temperatureRaised", "temperatureEditStarted"],
        render: { lesson, area, grid, options in
            let settings = lesson.sideBySide
            let text = SideBySideText.paragraphs(logits: lesson.instrument.logits, labels: lesson.instrument.labels,
                                                 temperatures: settings.shown(dial: lesson.instrument.temperature))
            let rest = writeChapterText(text, in: area, into: &grid, options: options)
            SideBySideColumns(instrument: lesson.instrument, settings: settings).render(in: rest, into: &grid, options: options)
        }
    )
}

/// The chapter's words, with the numbers filled in from the same readouts the charts use.
enum SideBySideText {
    static func paragraphs(logits: [Double], labels: [String], temperatures: [Temperature]) -> [String] {
        let top = argmax(logits)
        let name = labels.indices.contains(top) ? labels[top] : "the top class"
        let shares = temperatures.map { t in
            PercentText.of(SoftmaxReadout(logits: logits, temperature: t).probabilities[top])
        }
        return [
            "The same logits at three temperatures, as you would sketch them on a napkin: colder sharpens the bars, "
                + "hotter flattens them, and their order never changes.",
            "From left to right the top class \(name) gets " + listed(shares)
                + "; under each chart, the entropy H in nats and e^H, the number of equally likely classes it is worth.",
        ]
    }

    /// "a, b and c".
    static func listed(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }
}

/// Three bar charts of the instrument's logits in columns, one per temperature, each
/// headed by its T and footed by its entropy; at 120x40 the entropy curve too, with
/// that column's T marked on it.
struct SideBySideColumns {
    let instrument: ExplorerState
    let settings: SideBySideSettings

    static let gap = 2

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let temperatures = settings.shown(dial: instrument.temperature)
        let count = temperatures.count
        guard count > 0, !area.isEmpty else { return }
        let width = (area.width - Self.gap * (count - 1)) / count
        guard width > 8 else { return }
        let k = instrument.classCount
        for (i, t) in temperatures.enumerated() {
            let column = Rect(x: area.x + i * (width + Self.gap), y: area.y, width: width, height: area.height)
            let r = SoftmaxReadout(logits: instrument.logits, temperature: t)
            let isPicked = i == settings.column
            let heading = isPicked ? "[ \(TemperatureText.equation(t)) ]" : TemperatureText.equation(t)
            grid.writeCentered(heading, in: column.row(0), style: isPicked ? options.theme.temperature : options.theme.dim)
            BarChart(labels: instrument.labels, probabilities: r.probabilities, selected: instrument.selected)
                .render(in: Rect(x: column.x, y: column.y + 2, width: column.width, height: min(k, column.height - 2)),
                        into: &grid, options: options)
            let footY = column.y + 2 + k + 1
            let h = r.entropyReadout
            if footY < column.maxY {
                grid.writeCentered("H = \(NumberFormat.fixed(h.nats, decimals: 3)) nats", in: column.row(footY - column.y),
                                   style: options.theme.emphasis)
            }
            if footY + 1 < column.maxY {
                grid.writeCentered("e^H = \(NumberFormat.fixed(h.perplexity, decimals: 2)) classes",
                                   in: column.row(footY + 1 - column.y), style: options.theme.dim)
            }
            let curveTop = footY + 3
            if column.maxY - curveTop >= 8 {
                EntropyCurve(logits: instrument.logits, current: t)
                    .render(in: Rect(x: column.x, y: curveTop, width: column.width, height: min(12, column.maxY - curveTop)),
                            into: &grid, options: options)
            }
        }
    }
}
