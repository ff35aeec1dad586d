import SoftmaxCore

extension Chapters {
    /// The slider with both limits marked, the bars (whose order never changes), and
    /// entropy against log T from 0 up to ln K with the current T on the curve.
    static let temperatureDial = ChapterDefinition(
        title: "The temperature dial",
        name: "dial",
        featured: ["temperatureRaised", "temperatureEditStarted", "uniformChosen", "greedyChosen"],
        render: { lesson, area, grid, options in
            let r = lesson.readout
            let h = r.entropyReadout
            let k = r.classCount
            let t = TemperatureText.equation(r.temperature)
            let text = [
                "Divide every logit by T before the softmax. Below 1 the gaps grow and the top class "
                    + "takes more; above 1 they shrink and the bars even out. The order of the bars never changes.",
                "Now \(t): the top class has \(PercentText.of(r.topProbability)), and the entropy is "
                    + "H = \(NumberFormat.fixed(h.nats, decimals: 3)) nats of at most ln \(k) = "
                    + "\(NumberFormat.fixed(EntropyReadout(nats: 0, classCount: k).maximumNats, decimals: 3)).",
            ]
            var rest = writeChapterText(text, in: area, into: &grid, options: options)
            TemperatureSlider(temperature: r.temperature, glyphs: options.glyphs, theme: options.theme)
                .render(in: Rect(x: rest.x, y: rest.y, width: rest.width, height: 2), into: &grid)
            rest = Rect(x: rest.x, y: rest.y + 3, width: rest.width, height: rest.height - 3)
            let half = rest.width / 2
            BarChart(labels: lesson.instrument.labels, probabilities: r.probabilities,
                     values: lesson.instrument.logits.map(LogitText.short))
                .render(in: Rect(x: rest.x, y: rest.y, width: half - 1, height: rest.height), into: &grid, options: options)
            EntropyCurve(logits: lesson.instrument.logits, current: r.temperature)
                .render(in: Rect(x: rest.x + half + 1, y: rest.y, width: rest.width - half - 1, height: rest.height),
                        into: &grid, options: options)
        }
    )
}
