import Experiments
import SoftmaxCore

/// The digits set, its standard split and the Swift models along the path
/// C = 1e-2, 1, 1e2, 1e4 (each warm-started from the one before, as the reference
/// script does), trained once for every test that needs them: a debug build takes
/// about ten seconds for the four.
struct DigitsFixture: Sendable {
    static let inverseRegularizations: [Double] = [1e-2, 1, 1e2, 1e4]

    struct TrainedModel: Sendable {
        let entry: RegularizationPath.Entry
        let duration: Duration
    }

    let dataset: DigitsDataset
    let split: DatasetSplit
    let problem: LogisticRegressionProblem
    let models: [TrainedModel]

    static let shared: Result<DigitsFixture, any Error> = Result { try DigitsFixture() }

    private init() throws(DigitsDatasetError) {
        dataset = try DigitsDataset.load()
        split = DatasetSplit(count: dataset.count)
        problem = LogisticRegressionProblem(
            inputs: dataset.features(rows: split.train), labels: dataset.labels(rows: split.train),
            classCount: DigitsDataset.classCount)
        var path = RegularizationPath(problem: problem)
        var models: [TrainedModel] = []
        let clock = ContinuousClock()
        for c in Self.inverseRegularizations {
            let start = clock.now
            let entry = path.train(c)
            models.append(TrainedModel(entry: entry, duration: clock.now - start))
        }
        self.models = models
    }

    func model(_ c: Double) -> TrainedModel { models.first { $0.entry.inverseRegularization == c }! }
}
