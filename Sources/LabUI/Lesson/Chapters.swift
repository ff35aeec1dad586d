/// The chapters in order. Each lives in its own file under Chapters/.
public enum Chapters {
    public static let all: [ChapterDefinition] = [
        whySoftmax, logitsToProbabilities, temperatureDial, sideBySide, oneDraw, manyDraws,
        textGeneration, freeEnergy, oneKnob, whereTemperatureShowsUp, misconceptions, calibration,
        distillation, generation, attention, exploration, clusters,
    ]

    /// The chapter a `--chapter` value names: its number (1-based) or its name.
    public static func index(named text: String) -> Int? {
        let t = text.lowercased()
        if let n = Int(t), (1...all.count).contains(n) { return n - 1 }
        return all.firstIndex { $0.name == t }
    }
}
