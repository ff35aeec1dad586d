import Experiments
import LogitFiles
import SoftmaxCore

/// The generation lab's model and its training, done one short step per frame so that
/// no key waits: reading the shipped corpus (unless one was given), then counting it a
/// stretch at a time. Every step is a pure function of this state.
public struct TrigramLabWork: Sendable {
    enum Loading: Sendable {
        case notStarted
        case loaded
        case failed(String)
    }

    /// Tokens counted a step: 15 to 30 ms in a release build on a vocabulary of 16,000
    /// words (measured on a shared core), so that 1 MB of text (some 140,000 tokens, read
    /// in 0.2 s before the terminal opens) trains in about 0.4 s over 18 frames.
    static let tokensPerStep = 8_000

    var loading: Loading
    /// The model, trained or being trained.
    var model: TrigramModel?
    /// The prompts the lab offers: the openings of the corpus's sentences.
    var prompts: [[Int]] = []
    /// Counts the steps taken; two works are equal when they have taken the same steps
    /// from the same start (comparing the models' counts would cost more than a frame).
    private(set) var revision = 0
    let loader: @Sendable () throws(ShippedCorpus.LoadError) -> Corpus

    /// A corpus given on the command line is there at once, read before the terminal
    /// opened (so that a bad file is refused in one line); the shipped one is read by
    /// the first step.
    public init(corpus: Corpus? = nil, loader: @escaping @Sendable () throws(ShippedCorpus.LoadError) -> Corpus = {
        () throws(ShippedCorpus.LoadError) in try ShippedCorpus.load()
    }) {
        self.loader = loader
        loading = .notStarted
        if let corpus { adopt(corpus) }
    }

    private mutating func adopt(_ corpus: Corpus) {
        model = TrigramModel(corpus: corpus)
        prompts = TextGeneration.openings(of: corpus)
        loading = .loaded
        revision += 1
    }

    var failure: String? {
        if case .failed(let reason) = loading { return reason }
        return nil
    }

    /// The model once every token is counted.
    var trained: TrigramModel? { model?.isTrained == true ? model : nil }

    var isPending: Bool {
        switch loading {
        case .failed: false
        case .notStarted: true
        case .loaded: model?.isTrained != true
        }
    }

    /// Takes the next step: reading the shipped corpus, or counting the next stretch.
    mutating func step() {
        guard isPending else { return }
        switch loading {
        case .failed:
            return
        case .notStarted:
            do { adopt(try loader()) } catch {
                loading = .failed(error.description)
                revision += 1
            }
        case .loaded:
            model?.train(tokens: Self.tokensPerStep)
            revision += 1
        }
    }

    /// One line on what is being done, or nil when training is over.
    var progressLine: String? {
        guard isPending else { return nil }
        guard let model else { return "reading the corpus…" }
        return "training on \(model.corpus.fileName): \(model.countedTokens) of \(model.corpus.tokens.count) tokens counted"
    }
}

extension TrigramLabWork: Hashable {
    public static func == (a: TrigramLabWork, b: TrigramLabWork) -> Bool { a.revision == b.revision }
    public func hash(into hasher: inout Hasher) { hasher.combine(revision) }
}
