import SoftmaxCore

/// What this chapter remembers between keys: the three temperatures and which
/// column the arrow keys turn.
public struct SideBySideSettings: Hashable, Sendable {
    public static let defaultTemperatures: [Temperature] = [0.5, 1, 2].map { (try? Temperature($0)) ?? .one }

    public var temperatures: [Temperature] = SideBySideSettings.defaultTemperatures
    /// The picked column (, and .), 0-based: its T is the dial's.
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
        let readouts = temperatures.map { SoftmaxReadout(logits: logits, temperature: $0) }
        let plain = SoftmaxReadout(logits: logits)
        let top = ChapterLines.topNames(plain, labels: labels)
        // The percentages the charts show, so the sentence and the bars agree to the tenth
        // (a tie's to two decimals, the same for each of its classes).
        let shares = readouts.map { r in
            top.count == 1 ? ChapterLines.percents(r)[plain.topIndex] : ChapterLines.tiedShare(r.probabilities[plain.topIndex])
        }
        let who = top.count == 1 ? "\(top.names) (the top class) gets" : "\(top.names) (tied at the top) each get"
        return [
            "The same logits at three temperatures: colder sharpens the bars, hotter flattens them, "
                + "and their order never changes.",
            "Left to right, \(who) " + listed(shares)
                + "; under each chart are the entropy H in nats and e^H, the number of equally likely classes it is worth.",
        ]
    }

    /// "a, b and c".
    static func listed(_ items: [String]) -> String {
        ChapterLines.listed(items)
    }
}

/// Three bar charts of the instrument's logits in columns, one per temperature, each
/// headed by its T and footed by its entropy; at 120x40 the entropy curve too, with
/// that column's T marked on it.
struct SideBySideColumns {
    let instrument: ExplorerState
    let settings: SideBySideSettings

    static let gap = 2

    /// How the column's rows are spent: blank rows and a two-line foot when there is room.
    struct Plan: Equatable {
        var blankAfterHeading: Bool
        var blankBeforeFoot: Bool
        var twoLineFoot: Bool

        func rows(classes k: Int) -> Int {
            1 + (blankAfterHeading ? 1 : 0) + k + (blankBeforeFoot ? 1 : 0) + (twoLineFoot ? 2 : 1)
        }
    }

    static let plans = [
        Plan(blankAfterHeading: true, blankBeforeFoot: true, twoLineFoot: true),
        Plan(blankAfterHeading: true, blankBeforeFoot: true, twoLineFoot: false),
        Plan(blankAfterHeading: false, blankBeforeFoot: true, twoLineFoot: false),
        Plan(blankAfterHeading: false, blankBeforeFoot: false, twoLineFoot: false),
    ]

    static func plan(classes k: Int, height: Int) -> Plan {
        plans.first { $0.rows(classes: k) <= height } ?? plans[plans.count - 1]
    }

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let temperatures = settings.shown(dial: instrument.temperature)
        let count = temperatures.count
        guard count > 0, !area.isEmpty else { return }
        let width = (area.width - Self.gap * (count - 1)) / count
        guard width > 8 else { return }
        let k = instrument.classCount
        let plan = Self.plan(classes: k, height: area.height)
        for (i, t) in temperatures.enumerated() {
            let column = Rect(x: area.x + i * (width + Self.gap), y: area.y, width: width, height: area.height)
            let r = SoftmaxReadout(logits: instrument.logits, temperature: t)
            let isPicked = i == settings.column
            let heading = isPicked ? "[ \(TemperatureText.equation(t)) ]" : TemperatureText.equation(t)
            ChapterLines.writeCentered(heading, in: column.row(0), style: isPicked ? options.theme.temperature : options.theme.dim,
                                       into: &grid, options: options)
            var y = column.y + (plan.blankAfterHeading ? 2 : 1)
            // The foot's rows are kept; the chart says "… more" if the classes need more.
            let footRows = plan.twoLineFoot ? 2 : 1
            let barRows = max(0, min(k, column.maxY - y - footRows - (plan.blankBeforeFoot ? 1 : 0)))
            ChapterLines.renderBars(BarChart(labels: instrument.labels, probabilities: r.probabilities, selected: instrument.selected),
                                    percents: ChapterLines.percents(r),
                                    in: Rect(x: column.x, y: y, width: column.width, height: barRows), into: &grid, options: options)
            y += barRows + (plan.blankBeforeFoot ? 1 : 0)
            let h = r.entropyReadout
            // "H < 0.001" where the entropy rounds to 0.000 over several classes.
            let entropy = ChapterLines.entropyEquation(r)
            let perplexity = NumberFormat.fixed(h.perplexity, decimals: 2)
            let foot = plan.twoLineFoot ? ["\(entropy) nats", "e^H = \(perplexity) classes"] : ["\(entropy), e^H = \(perplexity)"]
            for (row, line) in foot.enumerated() where y < column.maxY {
                ChapterLines.writeCentered(line, in: column.row(y - column.y), style: row == 0 ? options.theme.emphasis : options.theme.dim,
                                           into: &grid, options: options)
                y += 1
            }
            let curveTop = y + 1
            if column.maxY - curveTop >= 8 {
                EntropyCurve(logits: instrument.logits, current: t, marksOne: true)
                    .render(in: Rect(x: column.x, y: curveTop, width: column.width, height: min(12, column.maxY - curveTop)),
                            into: &grid, options: options)
            }
        }
    }
}
