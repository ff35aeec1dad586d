import Experiments
import Testing

/// The Newton-trained models against scipy's fits of the same objective on the same
/// split (Reference/make_digits_reference.py), and the trainer's step API.
@Suite struct LogisticRegressionTests {
    @Test(arguments: DigitsFixture.inverseRegularizations)
    func testProbabilitiesAgreeWithScipyTo1e5(c: Double) throws {
        let fixture = try DigitsFixture.shared.get()
        let reference = try #require(try References.digits.get().fits.first { $0.C == c })
        let trained = fixture.model(c)
        #expect(trained.entry.progress.status == .converged)
        #expect(trained.entry.progress.gradientNorm <= 1e-6)
        let probabilities = trained.entry.model.probabilities(for: fixture.dataset.features(rows: fixture.split.test))
        let difference = largestDifference(probabilities, reference.testProbabilities)
        print("C = \(c): largest test-probability difference from scipy \(difference)")
        #expect(difference < 1e-5)
    }

    @Test(arguments: DigitsFixture.inverseRegularizations)
    func objectiveAndAccuraciesAgreeWithScipy(c: Double) throws {
        let fixture = try DigitsFixture.shared.get()
        let reference = try #require(try References.digits.get().fits.first { $0.C == c })
        let entry = fixture.model(c).entry
        // At the optimum the objective is flat: a gradient of 1e-6 moves it by ~1e-12.
        #expect(isClose(entry.progress.objective, reference.objective, relative: 1e-10))
        let weights = entry.model.weights
        #expect(isClose(weights.reduce(0) { $0 + $1 * $1 }, reference.weightNormSquared, relative: 1e-5))
        for (rows, expected) in [
            (fixture.split.train, reference.trainAccuracy), (fixture.split.validation, reference.validationAccuracy),
            (fixture.split.test, reference.testAccuracy),
        ] {
            let logits = entry.model.logits(for: fixture.dataset.features(rows: rows))
            let labels = fixture.dataset.labels(rows: rows)
            let right = labels.indices.filter { row in
                let scores = logits[(row * 10)..<(row * 10 + 10)]
                return scores.firstIndex(of: scores.max()!)! - row * 10 == labels[row]
            }
            #expect(Double(right.count) / Double(rows.count) == expected)
        }
    }

    /// The path trains each C from the nearest one trained before it.
    @Test func eachCIsWarmStartedFromTheNearestTrainedC() throws {
        let fixture = try DigitsFixture.shared.get()
        #expect(fixture.models.map(\.entry.warmStartedFrom) == [nil, 1e-2, 1, 1e2])
        var path = RegularizationPath(problem: fixture.problem)
        #expect(path.nearest(to: 5) == nil)
        path.record(
            LogisticRegressionTrainer(problem: fixture.problem, inverseRegularization: 1), warmStartedFrom: nil)
        path.record(
            LogisticRegressionTrainer(problem: fixture.problem, inverseRegularization: 100), warmStartedFrom: nil)
        #expect(path.nearest(to: 5)?.inverseRegularization == 1)  // log 5 is nearer 0 than log 100
        #expect(path.nearest(to: 20)?.inverseRegularization == 100)
        #expect(path.nearest(to: 10)?.inverseRegularization == 1)  // a tie goes to the smaller C
    }

    /// The step API does the same arithmetic as train(), a bounded amount at a time.
    @Test func steppingOneIterationAtATimeReachesWhatTrainReaches() throws {
        let fixture = try DigitsFixture.shared.get()
        let start = fixture.model(1).entry.model
        var stepped = LogisticRegressionTrainer(problem: fixture.problem, inverseRegularization: 100, start: start)
        var calls = 0
        var longestStep = Duration.zero
        let clock = ContinuousClock()
        while !stepped.progress.isFinished && calls < 100 {
            let before = stepped.progress
            let started = clock.now
            let after = stepped.step(maxIterations: 1)
            longestStep = max(longestStep, clock.now - started)
            #expect(after.iterations == before.iterations + 1)
            #expect(after.factorizations <= before.factorizations + 1)
            calls += 1
        }
        print("C = 100 from C = 1 in \(calls) steps of one iteration; the longest took \(longestStep)")
        #expect(stepped.progress.status == .converged)
        #expect(stepped.step(maxIterations: 5) == stepped.progress)  // a finished trainer stays put
        #expect(stepped.model == fixture.model(100).entry.model)
        #expect(stepped.progress == fixture.model(100).entry.progress)
    }

    /// Building the Hessian (one frame), factoring it (the next) and then stepping (a
    /// third) takes exactly the iterates of plain steps: the same model, progress and counts.
    @Test func preparingAheadSplitsAnIterationWithoutChangingIt() throws {
        let fixture = try DigitsFixture.shared.get()
        let start = fixture.model(1).entry.model
        var split = LogisticRegressionTrainer(problem: fixture.problem, inverseRegularization: 100, start: start)
        var parts = 0
        while !split.progress.isFinished && parts < 300 {
            let before = split.progress
            if split.needsFactorization {
                split.prepareNextIteration()  // builds the Hessian
                #expect(split.progress == before)
                #expect(split.needsFactorization)
                split.prepareNextIteration()  // factors it
                #expect(split.progress.iterations == before.iterations)
                #expect(split.progress.factorizations == before.factorizations + 1)
                #expect(!split.needsFactorization)
            } else {
                split.step(maxIterations: 1)
                #expect(split.progress.factorizations == before.factorizations)
                #expect(split.progress.iterations == before.iterations + 1)
            }
            parts += 1
        }
        #expect(split.model == fixture.model(100).entry.model)
        #expect(split.progress == fixture.model(100).entry.progress)
        // A Hessian built ahead and then stepped over is used, not built again.
        var halfway = LogisticRegressionTrainer(problem: fixture.problem, inverseRegularization: 100, start: start)
        halfway.prepareNextIteration()
        halfway.step(maxIterations: 1)
        var plain = LogisticRegressionTrainer(problem: fixture.problem, inverseRegularization: 100, start: start)
        plain.step(maxIterations: 1)
        #expect(halfway.progress == plain.progress && halfway.model == plain.model)
    }

    @Test func aColdStartReachesTheSameModel() throws {
        let fixture = try DigitsFixture.shared.get()
        var cold = LogisticRegressionTrainer(problem: fixture.problem, inverseRegularization: 1)
        #expect(cold.progress.iterations == 0 && cold.progress.status == .running)
        cold.train()
        #expect(cold.progress.status == .converged)
        let inputs = fixture.dataset.features(rows: fixture.split.test)
        let difference = largestDifference(
            cold.model.probabilities(for: inputs), fixture.model(1).entry.model.probabilities(for: inputs))
        #expect(difference < 1e-6)
    }

    @Test func oneExamplesLogitsAreItsRowOfTheBatch() throws {
        let fixture = try DigitsFixture.shared.get()
        let model = fixture.model(1e2).entry.model
        let inputs = fixture.dataset.features(rows: [5, 17])
        let batch = model.logits(for: inputs)
        #expect(model.logits(for: Array(inputs.values[64...])) == Array(batch[10...]))
        #expect(model.logits(for: Array(repeating: 0, count: 64)) == model.intercepts)
    }

    /// Timings, printed rather than asserted: in a debug build they say nothing, and the
    /// release figures depend on the machine. Run the suite with `-c release` to read them.
    @Test func trainingTimesArePrinted() throws {
        let fixture = try DigitsFixture.shared.get()
        for trained in fixture.models {
            let progress = trained.entry.progress
            print(
                "C = \(trained.entry.inverseRegularization): \(trained.duration) for \(progress.iterations) iterations,",
                "\(progress.factorizations) Hessians, \(progress.evaluations) evaluations,",
                "gradient norm \(progress.gradientNorm)")
            #expect(progress.status == .converged)
        }
    }
}
