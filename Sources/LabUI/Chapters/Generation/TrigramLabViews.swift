import Experiments
import LogitFiles
import SoftmaxCore

/// The generation lab's two views: step by step, and cold, warm and hot side by side.
enum TrigramLabViews {
    static let gap = 3
    /// The chart of the next word's distribution: the ten most probable and the rest.
    static let chartWords = 10

    static func render(_ lesson: LessonState, in area: Rect, into grid: inout Grid, options: ScreenOptions) {
        let lab = lesson.trigramLab
        if let failure = lab.work.failure {
            // One message, wrapped rather than cut: the reason names the file and the fix.
            _ = writeChapterText(["Without a corpus this chapter has nothing to train on; the other chapters and the "
                + "explorer work as before. " + failure + "."], in: area, into: &grid, options: options)
            return
        }
        // The last row says what is being worked on, so a frame that waits is never a mystery.
        var body = area
        if let line = TrigramLab.progressLine(lesson) {
            grid.write(line, x: area.x, y: area.maxY - 1, style: options.theme.dim, limit: area.width)
            body = Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1)
        }
        guard let model = lab.work.trained, let generation = lab.generation else {
            _ = writeChapterText([trainingText(lab)], in: body, into: &grid, options: options)
            return
        }
        if lab.page == 1 {
            renderComparison(lesson, model: model, in: body, into: &grid, options: options)
        } else {
            renderSteps(lesson, model: model, generation: generation, in: body, into: &grid, options: options)
        }
    }

    static func trainingText(_ lab: TrigramLabSettings) -> String {
        let name = lab.work.model?.corpus.fileName ?? ShippedCorpus.fileName
        return "A word trigram model is being trained on \(name), a stretch of the text each frame, so the keys keep "
            + "working: Space and g will draw once it is ready."
    }

    // MARK: Step by step

    static func stepText(_ lesson: LessonState, model: TrigramModel, long: Bool) -> [String] {
        let corpus = model.corpus
        var text = "1/2 Step by step. A trigram model of \(corpus.fileName) (\(number(corpus.tokens.count)) tokens) gives P "
            + "of the next word from the last two, or fewer where the corpus never saw them; T divides ln P, the cuts "
            + "trim, u draws."
        if long {
            text += " The surprise of a word is −log2 P, in bits: low for what the model expects. Press 0 and g: greedy "
                + "decoding falls into a loop. Press L a few times and g: the text turns to gibberish."
        }
        return [text]
    }

    static func renderSteps(_ lesson: LessonState, model: TrigramModel, generation: TextGeneration, in area: Rect,
                            into grid: inout Grid, options: ScreenOptions) {
        let lab = lesson.trigramLab
        let long = area.height >= 30
        let rest = writeChapterText(stepText(lesson, model: model, long: long), in: area, into: &grid, options: options)
        let bottomRows = 3
        guard rest.height >= bottomRows + 4 else { return }
        let panels = Rect(x: rest.x, y: rest.y, width: rest.width, height: rest.height - bottomRows)
        let choice = generation.choice(model, temperature: lesson.instrument.temperature, cuts: lab.truncation)
        let readout = GenerationReadout(generation)
        let chartWidth = min(56, max(36, panels.width * 9 / 20))
        // Lines of prose read best under about 72 columns; on a wide screen the chart follows closer.
        let textArea = Rect(x: panels.x, y: panels.y, width: min(72, panels.width - chartWidth - gap), height: panels.height)
        let chartArea = Rect(x: textArea.maxX + gap, y: panels.y, width: chartWidth, height: panels.height)
        let prompts = lab.work.prompts.count
        let promptNumber = ((lab.promptIndex % prompts) + prompts) % prompts + 1
        grid.write("The text, seed \(generation.seed), prompt \(promptNumber) of \(prompts):", x: textArea.x, y: textArea.y,
                   style: options.theme.dim, limit: textArea.width)
        TokenFlow(generation, vocabulary: model.corpus.vocabulary, loop: readout.loop, theme: options.theme)
            .render(in: Rect(x: textArea.x, y: textArea.y + 1, width: textArea.width, height: textArea.height - 1),
                    into: &grid, options: options)
        let chartRows = min(chartArea.height, chartWords + 2)
        renderChoice(choice, model: model, in: Rect(x: chartArea.x, y: chartArea.y, width: chartArea.width, height: chartRows),
                     into: &grid, options: options)
        let history = Rect(x: chartArea.x, y: chartArea.y + chartRows + 1, width: chartArea.width,
                           height: chartArea.height - chartRows - 1)
        if history.height >= 3 && !generation.generated.isEmpty {
            renderHistory(generation, model: model, in: history, into: &grid, options: options)
        }
        let bottom = Rect(x: rest.x, y: panels.maxY, width: rest.width, height: bottomRows)
        let x = GenerationPanel.renderSettings(lab.cuts, y: bottom.y, in: bottom, into: &grid, options: options)
        grid.write("b " + orderText(lab), x: x, y: bottom.y, style: options.theme.text, limit: bottom.maxX - x)
        grid.write(drawnText(generation, model: model, width: bottom.width), x: bottom.x, y: bottom.y + 1,
                   style: options.theme.text, limit: bottom.width)
        grid.write(readoutText(readout, generation: generation, model: model, width: bottom.width), x: bottom.x, y: bottom.y + 2,
                   style: options.theme.emphasis, limit: bottom.width)
    }

    /// The words drawn, newest first, each with its p, P and surprise: where the screen
    /// has room below the chart.
    static func renderHistory(_ generation: TextGeneration, model: TrigramModel, in area: Rect, into grid: inout Grid,
                              options: ScreenOptions) {
        let columns = [(title: "p", width: 8), (title: "P", width: 8), (title: "surprise", width: 10)]
        let wordWidth = area.width - columns.reduce(0) { $0 + $1.width }
        var x = area.x + wordWidth
        let title = ["drawn, newest first", "drawn"].first { TextWidth.of($0) < wordWidth } ?? ""
        grid.write(title, x: area.x, y: area.y, style: options.theme.dim, limit: wordWidth - 1)
        for column in columns {
            grid.writeRight(column.title, in: Rect(x: x, y: area.y, width: column.width, height: 1), style: options.theme.dim)
            x += column.width
        }
        for (row, drawn) in generation.generated.reversed().prefix(area.height - 1).enumerated() {
            let y = area.y + 1 + row
            grid.write(model.corpus.vocabulary[drawn.token], x: area.x, y: y, style: options.theme.text, limit: wordWidth - 1)
            let cells = [share(drawn.drawnProbability), share(drawn.modelProbability), bits(drawn.surprise)]
            x = area.x + wordWidth
            for (cell, column) in zip(cells, columns) {
                grid.writeRight(cell, in: Rect(x: x, y: y, width: column.width, height: 1), style: options.theme.text)
                x += column.width
            }
        }
    }

    static func orderText(_ lab: TrigramLabSettings) -> String {
        lab.cutsBeforeTemperature ? "cuts, then T" : "T, then cuts"
    }

    /// The next word's distribution: the ten most probable (by the model) with ln P and
    /// their share at the dial's T after the cuts, and the rest together.
    static func renderChoice(_ choice: NextTokenChoice, model: TrigramModel, in area: Rect, into grid: inout Grid,
                             options: ScreenOptions) {
        let vocabulary = model.corpus.vocabulary
        let support = model.support(after: choice.context)
        let context = Corpus.text(of: choice.context.map { vocabulary[$0] })
        grid.write("after \"\(context)\" (\(supportText(support)))", x: area.x, y: area.y, style: options.theme.dim,
                   limit: area.width)
        let top = choice.top(min(chartWords, max(1, area.height - 2)))
        let shares = choice.probabilities
        var labels = top.map { vocabulary[$0] }
        var probabilities = top.map { shares[$0] }
        var values = top.map { LogitText.short(choice.logits[$0]) }
        let others = model.vocabularySize - top.count
        if others > 0 {
            let inTop = Set(top)
            labels.append("\(number(others)) more")
            probabilities.append(shares.indices.reduce(0) { inTop.contains($1) ? $0 : $0 + shares[$1] })
            values.append("")
        }
        var chart = BarChart(labels: labels, probabilities: probabilities, values: values)
        chart.dimmed = Set(top.indices.filter { !choice.kept[top[$0]] })
        chart.render(in: Rect(x: area.x - 2, y: area.y + 1, width: area.width + 2, height: area.height - 1), into: &grid,
                     options: options)
    }

    /// Which counts decide: the pair's ("seen 6 times"), its last word's, or every word's.
    static func supportText(_ s: TrigramModel.ContextSupport) -> String {
        switch s.order {
        case 3: "seen \(times(s.count))"
        case 2: "a new pair"
        default: "a new word"
        }
    }

    /// The last word drawn: its p (what it was drawn with), its P (the model's) and its
    /// surprise, in the longest form that fits `width`.
    static func drawnText(_ generation: TextGeneration, model: TrigramModel, width: Int) -> String {
        guard let last = generation.generated.last else {
            return "Space draws the next word, g draws \(TrigramLabSettings.wordsPerPress), Backspace takes one back."
        }
        let word = "\"\(model.corpus.vocabulary[last.token])\""
        let surprise = bits(last.surprise)
        let drawn = last.temperature.isGreedy ? "\(word), the top word: P \(share(last.modelProbability))"
            : "\(word): p \(share(last.drawnProbability)) (after T, cuts), P \(share(last.modelProbability))"
        let forms = [drawn + ", surprise −log2 P = " + surprise, drawn + ", surprise " + surprise]
        return forms.first { TextWidth.of($0) <= width } ?? forms[1]
    }

    /// The readout line, in the longest form that fits `width`.
    static func readoutText(_ r: GenerationReadout, generation: TextGeneration, model: TrigramModel, width: Int) -> String {
        guard let surprise = r.meanSurprise else { return "no words drawn yet" }
        let forms = ["mean surprise", "surprise"].map { name in
            "\(r.count) word\(r.count == 1 ? "" : "s") · \(name) \(bits(surprise)) · "
                + "distinct pairs \(r.distinctPairs.distinct)/\(r.distinctPairs.total) · "
        }
        let loops = [Int.max, 17].map { loopText(r.loop, generation: generation, model: model, width: $0) }
        let candidates = [forms[0] + loops[0], forms[0] + loops[1], forms[1] + loops[1]]
        return candidates.first { TextWidth.of($0) <= width }
            ?? forms[1] + loopText(r.loop, generation: generation, model: model, width: width - TextWidth.of(forms[1]))
    }

    /// `a loop of 7 words from "the"`, or without its first word where that does not fit.
    static func loopText(_ loop: RepetitionLoop?, generation: TextGeneration, model: TrigramModel,
                         width: Int = .max) -> String {
        guard let loop else { return "no loop" }
        let words = "\(loop.period) word\(loop.period == 1 ? "" : "s")"
        let long = "a loop of \(words) from \"\(model.corpus.vocabulary[generation.tokens[loop.start]])\""
        return [long, "a loop of \(words)", "loop of \(loop.period)"].first { TextWidth.of($0) <= width } ?? "loop"
    }

    // MARK: Cold, warm and hot

    static let comparisonNames = ["cold", "warm", "hot"]

    static func renderComparison(_ lesson: LessonState, model: TrigramModel, in area: Rect, into grid: inout Grid,
                                 options: ScreenOptions) {
        let lab = lesson.trigramLab
        let temperatures = TrigramLabSettings.comparisonTemperatures.map(TemperatureText.equation)
        let cuts = lab.truncation.isNone ? "no cuts" : "the cuts that are on (\(orderText(lab)))"
        let text = "2/2 Cold, warm and hot: \(TrigramLabSettings.comparisonLength) words from one prompt and one seed, "
            + "so the same uniforms u, at \(temperatures[0]), \(temperatures[1]) and \(temperatures[2]), with \(cuts). "
            + "Cold, greedy decoding loops; hot, rare words take over."
        let rest = writeChapterText([text], in: area, into: &grid, options: options)
        guard let comparison = lab.comparison, rest.height >= 6 else { return }
        let columns = TrigramLabSettings.comparisonTemperatures.count
        let width = (rest.width - gap * (columns - 1)) / columns
        let readoutRows = 3
        let flows = comparison.generations.map { generation in
            TokenFlow(generation, vocabulary: model.corpus.vocabulary, loop: GenerationReadout(generation).loop,
                      theme: options.theme)
        }
        // The texts as tall as the longest needs, so the readouts line up just below them.
        let textRows = min(rest.height - 1 - readoutRows,
                           flows.map { $0.lines(width: width - 2, glyphs: options.glyphs).count }.max() ?? 0)
        for (i, generation) in comparison.generations.enumerated() {
            let x = rest.x + i * (width + gap)
            grid.write("\(comparisonNames[i]): \(temperatures[i])", x: x, y: rest.y, style: options.theme.emphasis,
                       limit: width)
            flows[i].render(in: Rect(x: x, y: rest.y + 1, width: width, height: textRows), fromEnd: false, into: &grid,
                            options: options)
            let readout = GenerationReadout(generation)
            let lines = [
                "surprise " + (readout.meanSurprise.map(bits) ?? "–"),
                "distinct pairs \(readout.distinctPairs.distinct)/\(readout.distinctPairs.total)",
                loopText(readout.loop, generation: generation, model: model, width: width),
            ]
            for (row, line) in lines.enumerated() {
                grid.write(line, x: x, y: rest.y + 1 + textRows + row, style: options.theme.text, limit: width)
            }
        }
        let below = Rect(x: rest.x, y: rest.y + 2 + textRows + readoutRows, width: rest.width,
                         height: rest.maxY - (rest.y + 2 + textRows + readoutRows))
        if below.height >= 2 {
            _ = writeChapterText([measuresText], in: below, into: &grid, options: options)
        }
    }

    static let measuresText = "Surprise is the mean of −log2 P over the words drawn, P the model's own probability: "
        + "about what the model expects at T = 1, less when cold, far more when hot. Distinct pairs counts the different "
        + "pairs of neighbouring words: a loop repeats the same few, gibberish almost never does. n goes back to step "
        + "by step; , and . change the prompt, r the draws."

    // MARK: Numbers as the text spells them

    static func bits(_ x: Double) -> String { NumberFormat.fixed(x, decimals: 2) + " bits" }

    /// A probability as a percentage, first rounded to 12 significant digits: p at T = 1 is
    /// P computed again through exp and ln, and an ulp either way must not turn 18.75% into
    /// 18.7% beside 18.8%.
    static func share(_ p: Double) -> String {
        PercentText.of(Double(NumberFormat.significant(p, digits: 12)) ?? p)
    }

    static func times(_ n: Int) -> String { n == 1 ? "once" : n == 2 ? "twice" : "\(number(n)) times" }

    /// A count with thousands separated: 4,222.
    static func number(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}
