import SoftmaxCore

/// What this chapter remembers between keys: the three cut-offs, which are on, the
/// one + and − adjust, and which batch of samples is shown.
public struct GenerationSettings: Hashable, Sendable {
    public enum Cut: Hashable, Sendable, CaseIterable { case topK, topP, minP }

    public var topK = 10
    /// Top-p and min-p in hundredths, so that steps of 0.05 add up exactly.
    public var topPHundredths = 90
    public var minPHundredths = 10
    public var enabled: Set<Cut> = [.topK, .topP, .minP]
    /// The cut that + and − adjust: the last one switched.
    public var picked: Cut = .topK
    /// Which batch of samples is shown; Space moves on to the next.
    public var sampleRound: UInt64 = 0

    /// The order of the stages and the least each cut keeps: Hugging Face's order and
    /// 1 unless the command line's --samplers and --min-keep say otherwise.
    public var order = SamplerStage.afterTemperature
    public var minKeep = 1

    public static let pStep = 5

    public init() {}

    /// The cuts a command line asked for, each on if it was given (top-p and min-p in
    /// whole hundredths, which the caller checks); a cut not given keeps its default
    /// value, ready for when it is switched on.
    public init(_ cuts: TruncationSettings) {
        enabled = []
        if let k = cuts.topK { topK = k; enabled.insert(.topK) }
        if let p = cuts.topP { topPHundredths = Int((p * 100).rounded()); enabled.insert(.topP) }
        if let m = cuts.minP { minPHundredths = Int((m * 100).rounded()); enabled.insert(.minP) }
        order = cuts.order
        minKeep = cuts.minKeep
    }

    /// Whether a top-p or min-p value is a whole number of hundredths, as the keys step them.
    public static func isWholeHundredths(_ p: Double) -> Bool { Double(Int((p * 100).rounded())) / 100 == p }

    /// The cuts that are on, as the sampler applies them.
    public var truncation: TruncationSettings {
        let k = enabled.contains(.topK) ? topK : nil
        let p = enabled.contains(.topP) ? Double(topPHundredths) / 100 : nil
        let m = enabled.contains(.minP) ? Double(minPHundredths) / 100 : nil
        // The fields are kept in range by `adjust`, so this never falls back.
        return (try? TruncationSettings(topK: k, topP: p, minP: m, minKeep: minKeep, order: order)) ?? .none
    }

    mutating func pick(_ cut: Cut) {
        picked = cut
    }

    mutating func togglePicked() {
        if enabled.contains(picked) { enabled.remove(picked) } else { enabled.insert(picked) }
    }

    /// Moves the picked cut one step and switches it on: adjusting a cut that is off
    /// would change nothing on screen.
    mutating func adjust(by steps: Int, vocabularySize: Int) {
        switch picked {
        case .topK: topK = min(max(1, topK + steps), max(1, vocabularySize))
        case .topP: topPHundredths = min(max(Self.pStep, topPHundredths + steps * Self.pStep), 100)
        case .minP: minPHundredths = min(max(0, minPHundredths + steps * Self.pStep), 100)
        }
        enabled.insert(picked)
    }
}

/// The words a model might put after the prompt, with logits that follow a Zipf-like
/// law, `z_r = offset − exponent · ln r` for the word of rank r, rounded to three
/// decimals: so the probabilities at T = 1 fall off as `r^−exponent`, the long tail
/// of real next-word distributions. Also shipped as assets/next-word-vocabulary.tsv.
enum NextWordVocabulary {
    static let prompt = "The cat sat on the"
    static let zipfOffset = 2.0
    static let zipfExponent = 1.5

    static let entries: [(word: String, logit: Double)] = [
        ("mat", 2.000), ("floor", 0.960), ("sofa", 0.352), ("bed", -0.079), ("rug", -0.414),
        ("chair", -0.688), ("couch", -0.919), ("windowsill", -1.119), ("table", -1.296), ("carpet", -1.454),
        ("cushion", -1.597), ("step", -1.727), ("roof", -1.847), ("box", -1.959), ("fence", -2.062),
        ("keyboard", -2.159), ("pillow", -2.250), ("wall", -2.336), ("grass", -2.417), ("newspaper", -2.494),
    ]

    static let words = entries.map(\.word)
    static let logits = entries.map(\.logit)
}

/// The vocabulary at one temperature under one set of cuts: how many words survive
/// each stage, in the sampler's order, and what is left to draw from.
struct CutReport {
    let readout: SoftmaxReadout
    let probabilities: [Double]
    /// Word indices from most to least likely, ranked by z/T as a decoder ranks them:
    /// where T is far above the gaps, or two logits are 1e-15 apart, the probabilities
    /// round to the same double and their order says nothing.
    let ranking: [Int]
    let afterTopK: Int
    let afterTopP: Int
    let afterMinP: Int
    let result: TruncatedDistribution

    init(logits: [Double], temperature: Temperature, settings: TruncationSettings) {
        readout = SoftmaxReadout(logits: logits, temperature: temperature)
        probabilities = readout.probabilities
        ranking = rankByScaledLogits(logits, temperature: temperature)
        // Each stage is the sampler itself with the later cuts left off.
        let p = probabilities
        let order = ranking
        let survivors = { (s: TruncationSettings?) in truncate(p, s ?? .none, order: order).kept.filter { $0 }.count }
        afterTopK = survivors(try? TruncationSettings(topK: settings.topK))
        afterTopP = survivors(try? TruncationSettings(topK: settings.topK, topP: settings.topP))
        result = truncatedSoftmax(logits, temperature: temperature, settings)
        afterMinP = result.kept.filter { $0 }.count
    }

    /// The probability mass, before renormalising, of the `count` likeliest words.
    func mass(ofTop count: Int) -> Double {
        ranking.prefix(count).reduce(0) { $0 + probabilities[$1] }
    }

    /// The top word's probability after temperature, before any cut.
    var topProbability: Double { ranking.first.map { probabilities[$0] } ?? 0 }

    /// Whether any word besides the top one has weight: then the top's share is below 1,
    /// though at T = 0.001 its double rounds to 1.
    var topIsBelowOne: Bool {
        guard let top = ranking.first else { return false }
        return readout.logProbabilities.indices.contains { $0 != top && readout.logProbabilities[$0] > -.infinity }
    }

    /// Each word's share after the cuts, as a column that adds up to 100.0, from the
    /// softmax of the surviving words' own logits: a survivor whose share underflowed
    /// reads "<0.1%", and a top share below 1 ">99.9%".
    var afterCutsColumn: [String] {
        PercentText.survivors(logits: readout.logits, kept: result.kept, temperature: readout.temperature, cut: "0%")
    }
}

extension Chapters {
    /// Teaches how temperature works inside a text generator: it reshapes the
    /// next-word distribution, then top-k, top-p and min-p cut its tail, and the
    /// sampler draws from what is left; greedy decoding is the T → 0 end of it.
    static let textGeneration = ChapterDefinition(
        title: "Temperature in text generation",
        name: "text",
        bindings: CutKeys.bindings(prefix: "cut", settings: \.lesson.generation,
                                   vocabularySize: { _ in NextWordVocabulary.entries.count }) + [
            ChapterDefinition.binding("samplesRenewed", [.character(" "), .character("s")], "draw new samples",
                                      hint: "Space new samples") {
                $0.generation.sampleRound &+= 1
            },
        ],
        featured: ["temperatureRaised", "temperatureEditStarted"],
        render: { lesson, area, grid, options in
            let settings = lesson.generation
            let t = lesson.instrument.temperature
            let report = CutReport(logits: NextWordVocabulary.logits, temperature: t, settings: settings.truncation)
            let text = [GenerationText.introduction, GenerationText.cuts(report, settings: settings.truncation)]
            let rest = writeChapterText(text, in: area, into: &grid, options: options)
            GenerationPanel(settings: settings, report: report, seed: lesson.instrument.seed)
                .render(in: rest, into: &grid, options: options)
        }
    )
}

/// The chapter's words, with the numbers filled in from the cut report.
enum GenerationText {
    static var introduction: String {
        let v = NextWordVocabulary.self
        return "After \"\(v.prompt)\", \(v.entries.count) words with Zipf-like logits z = \(formatShortest(v.zipfOffset)) − "
            + "\(formatShortest(v.zipfExponent)) × ln(rank). In Hugging Face's order T reshapes them, then top-k, top-p "
            + "and min-p cut the tail; llama.cpp's default applies T after the cuts."
    }

    /// What each cut that is on removes, and why, in the sampler's order.
    static func cuts(_ r: CutReport, settings: TruncationSettings) -> String {
        let total = r.probabilities.count
        let words = NextWordVocabulary.words
        // As the word list rounds them, so the text and the list agree; from the log-probabilities,
        // so a share that underflowed reads <0.1%, not 0%.
        let shown = PercentText.column(r.readout)
        guard !settings.isNone else {
            let last = r.ranking.last.map { "\(words[$0]) at \(shown[$0])" } ?? ""
            return "No cut is on: all \(total) words can be drawn, down to \(last)."
        }
        var parts: [String] = []
        var before = total
        if let k = settings.topK {
            parts.append(r.afterTopK < before ? "top-k \(k) keeps \(r.afterTopK)" : "top-k \(k) cuts nothing")
            before = r.afterTopK
        }
        if let p = settings.topP {
            let left = r.mass(ofTop: before)
            let held = left > 0 ? r.mass(ofTop: r.afterTopP) / left : 1
            parts.append(r.afterTopP < before
                         ? "top-p \(NumberFormat.fixed(p, decimals: 2)) keeps \(r.afterTopP), the fewest holding "
                           + "\(PercentText.of(p)) of that (\(ChartShares.percent(held, belowOne: !r.readout.temperature.isGreedy)))"
                         : "top-p \(NumberFormat.fixed(p, decimals: 2)) cuts nothing")
            before = r.afterTopP
        }
        if let m = settings.minP {
            let top = r.ranking.first.map { "\(words[$0])'s \(shown[$0])" } ?? ""
            let floor = ChartShares.percent(m * r.topProbability, positive: m > 0, belowOne: r.topIsBelowOne)
            parts.append(r.afterMinP < before
                         ? "min-p \(NumberFormat.fixed(m, decimals: 2)) drops \(before - r.afterMinP) below "
                           + "\(floor), \(PercentText.of(m)) of \(top)"
                         : "min-p \(NumberFormat.fixed(m, decimals: 2)) cuts nothing (all are above \(floor))")
        }
        return parts.joined(separator: "; ") + ". \(r.afterMinP) of \(total) \(r.afterMinP == 1 ? "remains" : "remain")."
    }
}

/// The cut settings, the sorted cumulative bar with each cut marked on it, the
/// ranked words with what the cuts leave them, and greedy against sampled words.
struct GenerationPanel {
    let settings: GenerationSettings
    let report: CutReport
    let seed: UInt64

    static let sampleCount = 8

    /// Samples from the cut distribution. The uniforms depend only on the seed and the
    /// round, so turning T or a cut shows the same draws landing on other words.
    static func samples(from probabilities: [Double], seed: UInt64, round: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed ^ (round &* 0x9E37_79B9_7F4A_7C15))
        let sampler = InverseCDFSampler(probabilities: probabilities)
        return (0..<sampleCount).map { _ in sampler.draw(using: &generator).index }
    }

    func render(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        guard area.height >= 6, area.width >= 40 else { return }
        Self.renderSettings(settings, y: area.y, in: area, into: &grid, options: options)
        renderCumulativeBar(in: Rect(x: area.x, y: area.y + 2, width: area.width, height: 2), into: &grid, options: options)
        let lower = Rect(x: area.x, y: area.y + 5, width: area.width, height: area.height - 5)
        let listWidth = min(lower.width / 2 + 6, 56)
        renderWords(in: Rect(x: lower.x, y: lower.y, width: listWidth, height: lower.height), into: &grid, options: options)
        renderContinuations(in: Rect(x: lower.x + listWidth + 3, y: lower.y, width: lower.width - listWidth - 3,
                                     height: lower.height), into: &grid, options: options)
    }

    /// The three cuts on one row, the picked one marked, those off dimmed; returns the
    /// column after them.
    @discardableResult
    static func renderSettings(_ settings: GenerationSettings, y: Int, in area: Rect, into grid: inout Grid,
                               options: ScreenOptions) -> Int {
        let items: [(GenerationSettings.Cut, String, String)] = [
            (.topK, "k", "top-k \(settings.topK)"),
            (.topP, "p", "top-p \(NumberFormat.fixed(Double(settings.topPHundredths) / 100, decimals: 2))"),
            (.minP, "m", "min-p \(NumberFormat.fixed(Double(settings.minPHundredths) / 100, decimals: 2))"),
        ]
        var x = area.x
        for (cut, key, label) in items {
            let on = settings.enabled.contains(cut)
            let marker = cut == settings.picked ? String(options.glyphs.selectionMarker) : " "
            let text = "\(marker)\(key) \(label) \(on ? "on" : "off")"
            let style = on ? (cut == settings.picked ? options.theme.selectionRow : options.theme.text) : options.theme.dim
            x += grid.write(text, x: x, y: y, style: style, limit: area.maxX - x) + 3
        }
        return x
    }

    /// The words end to end from most to least likely; what the cuts remove is ruled out,
    /// and the row above marks where each cut falls with its key letter.
    private func renderCumulativeBar(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let ranked = report.ranking.map { report.probabilities[$0] }
        let labels = report.ranking.map { NextWordVocabulary.words[$0] }
        let bar = Rect(x: area.x, y: area.y + 1, width: area.width, height: 1)
        CumulativeBar(probabilities: ranked, labels: labels, lit: nil, glyphs: options.glyphs, theme: options.theme)
            .render(in: bar, into: &grid)
        let edges = CumulativeBar.boundaries(of: ranked, width: bar.width)
        let keptEdge = edges[min(report.afterMinP, edges.count - 1)]
        // The cut words are ruled through without names: the list below names them.
        for x in keptEdge..<max(keptEdge, bar.width) {
            grid.put(options.glyphs.horizontalRule, x: bar.x + x, y: bar.y, style: options.theme.dim)
        }
        let marks = Self.cutMarks(settings.truncation, report: report, edges: edges, width: bar.width)
        for mark in marks {
            grid.write(mark.text, x: area.x + mark.x, y: area.y, style: options.theme.marker)
        }
        grid.write("cut here:", x: area.x, y: area.y, style: options.theme.dim,
                   limit: max(0, (marks.first?.x ?? area.width) - 1))
    }

    /// Where each cut that is on falls on a bar of `width` columns, as text to write
    /// at column x. Cuts that fall at the same place share one mark ("p,m"), and marks
    /// are kept a column apart, so their letters never run together ("pm").
    static func cutMarks(_ truncation: TruncationSettings, report: CutReport, edges: [Int], width: Int)
        -> [(x: Int, text: String)] {
        let cuts: [(Bool, Int, String)] = [
            (truncation.topK != nil, report.afterTopK, "k"),
            (truncation.topP != nil, report.afterTopP, "p"),
            (truncation.minP != nil, report.afterMinP, "m"),
        ]
        var groups: [(column: Int, letters: [String])] = []
        for (on, count, letter) in cuts where on {
            let column = min(edges[min(count, edges.count - 1)], width - 1)
            if let i = groups.firstIndex(where: { $0.column == column }) {
                groups[i].letters.append(letter)
            } else {
                groups.append((column, [letter]))
            }
        }
        groups.sort { $0.column < $1.column }
        var marks = groups.map { (x: $0.column, text: $0.letters.joined(separator: ",")) }
        // Left to right, each mark starts past the last one and a space; then right to
        // left, each ends inside the bar and a space before the next.
        var free = 0
        for i in marks.indices {
            marks[i].x = max(marks[i].x, free)
            free = marks[i].x + marks[i].text.count + 1
        }
        var end = width
        for i in marks.indices.reversed() {
            marks[i].x = max(0, min(marks[i].x, end - marks[i].text.count))
            end = marks[i].x - 1
        }
        return marks
    }

    /// The words with their logits and their share after T, dimmed where cut, and on
    /// the right what each has once the survivors are renormalised. Both columns are
    /// rounded as whole distributions, so each adds up to 100.0%.
    private func renderWords(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        guard area.height >= 2 else { return }
        let ranking = report.ranking
        grid.writeRight("after T", in: Rect(x: area.x, y: area.y, width: area.width - 11, height: 1), style: options.theme.dim)
        grid.writeRight("after cuts", in: area.row(0), style: options.theme.dim)
        let rows = Rect(x: area.x, y: area.y + 1, width: area.width - 11, height: area.height - 1)
        let shown = ranking.count <= rows.height ? ranking.count : max(0, rows.height - 1)
        // The chart gets every word, so its percentages are the whole distribution's,
        // and draws those that fit and a "… N more" line for the rest; only the words
        // it draws set the width of the label column.
        let shares = ChartShares.of(report.readout)
        var chart = BarChart(labels: ranking.enumerated().map { $0.offset < shown ? NextWordVocabulary.words[$0.element] : "" },
                             probabilities: ranking.map { shares[$0] },
                             values: ranking.map { LogitText.short(NextWordVocabulary.logits[$0]) })
        chart.dimmed = Set(ranking.indices.filter { !report.result.kept[ranking[$0]] })
        chart.render(in: rows, into: &grid, options: options)
        let afterCuts = report.afterCutsColumn
        for (row, word) in ranking.prefix(shown).enumerated() {
            let kept = report.result.kept[word]
            grid.writeRight(kept ? afterCuts[word] : "cut", in: Rect(x: area.maxX - 8, y: rows.y + row, width: 8, height: 1),
                            style: kept ? options.theme.emphasis : options.theme.dim)
        }
    }

    private func renderContinuations(in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        guard area.width >= 16 else { return }
        let words = NextWordVocabulary.words
        let prompt = NextWordVocabulary.prompt
        let greedy = report.ranking.first.map { words[$0] } ?? ""
        let drawn = Self.samples(from: report.result.probabilities, seed: seed, round: settings.sampleRound)
            .map { words[$0] }
        let paragraphs: [(String, Style)] = [
            ("Greedy (T → 0) always says", options.theme.dim),
            ("  \(prompt) \(greedy).", options.theme.emphasis),
            ("", options.theme.text),
            ("Sampled after the cuts (seed \(seed), batch \(settings.sampleRound + 1)):", options.theme.dim),
            ("  " + drawn.joined(separator: ", "), options.theme.emphasis),
        ]
        var y = area.y
        for (paragraph, style) in paragraphs {
            if paragraph.isEmpty { y += 1; continue }
            let indent = paragraph.hasPrefix("  ") ? 2 : 0
            // Wrapped as spelt, so an ASCII "->" never pushes a word past the edge.
            for line in TooSmallScreen.wrap(options.glyphs.text(paragraph), width: area.width - indent) where y < area.maxY {
                grid.write(line, x: area.x + indent, y: y, style: style, limit: area.width - indent)
                y += 1
            }
        }
    }
}
