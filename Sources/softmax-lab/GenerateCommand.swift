import ArgumentParser
import Experiments
import LogitFiles
import SoftmaxCore

/// `softmax-lab generate`: text from the word trigram model, for scripts and handouts.
struct GenerateCommand: AnsweringCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Print text from a word trigram model at a temperature, with the cuts.",
        discussion: """
            Trains a word trigram model with backoff (absolute discounting, D = \(formatShortest(TrigramModel.defaultDiscount))) on \
            the shipped corpus, or on --corpus FILE, and continues the prompt one word at a \
            time: each drawn from softmax(ln P / T) after the cuts, by one seeded uniform. \
            At T = 0 the most probable word is taken (the first of a tie), and the text soon \
            loops; a high T turns it to gibberish. Words are lowercased, and each run of \
            punctuation counts as a word. The same corpus, prompt, seed, T and cuts print \
            the same text.
            """
    )

    static let maximumWords = 10_000

    @OptionGroup var corpusOption: CorpusOption

    @Option(help: ArgumentHelp("The words to continue, each of them in the corpus (default: the first two words of its "
                               + "first sentence).",
                               valueName: "text"))
    var prompt: String?

    @OptionGroup var tempered: TemperatureOption

    @Option(
        name: [.customShort("n"), .long], parsing: .unconditional,
        help: ArgumentHelp("How many words to draw, 1 to \(maximumWords); a run of punctuation counts as one.",
                           valueName: "n"),
        transform: { text in
            guard let n = Int(text.trimmingSpaces), (1...GenerateCommand.maximumWords).contains(n) else {
                throw ValidationError("must be a whole number from 1 to \(GenerateCommand.maximumWords)")
            }
            return n
        })
    var words: Int = 50

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Seed for the draws (default 1): the same seed prints the same text.", valueName: "n"),
        transform: parseSeedArgument)
    var seed: UInt64 = 1

    @OptionGroup var truncation: TruncationOptions

    func answer() throws -> String {
        let corpus = try corpusOption.givenOrShipped()
        let cuts = try truncation.settings()
        let model = TrigramModel.trained(on: corpus)
        var generation = TextGeneration(prompt: try promptTokens(in: corpus), seed: seed)
        for _ in 0..<words {
            generation.step(model, temperature: tempered.temperature, cuts: cuts)
        }
        return Corpus.text(of: generation.tokens.map { corpus.vocabulary[$0] })
    }

    /// The prompt's tokens, refused if one is not in the corpus (the model could never
    /// have seen it); by default the opening the generation lab starts from.
    func promptTokens(in corpus: Corpus) throws -> [Int] {
        guard let prompt else { return TextGeneration.openings(of: corpus)[0] }
        return try CorpusReader.tokens(of: prompt).map { token in
            guard let id = corpus.id(of: token) else {
                throw ValidationError("--prompt: '\(visibleText(token))' is not in the corpus \(visibleText(corpus.name))")
            }
            return id
        }
    }
}
