import Benchmark
import Foundation
import SoftmaxCore

// The workloads numpy_peer.py measures on the numpy side; the names are the
// keys compare.sh joins the two on, and the sizes must stay the same in both.
// Inputs are made before the timings, and every iteration does the whole workload,
// so the median wall clock divided by the element or draw count is a per-unit cost.

/// Standard normal logits (Marsaglia's polar method) from a fixed seed.
func normalLogits(count: Int, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    var logits: [Double] = []
    logits.reserveCapacity(count)
    while logits.count < count {
        let u = 2 * generator.nextUniform() - 1
        let v = 2 * generator.nextUniform() - 1
        let s = u * u + v * v
        guard s > 0 && s < 1 else { continue }
        logits.append(u * (-2 * Foundation.log(s) / s).squareRoot())
    }
    return logits
}

let metrics: [BenchmarkMetric] = [
    .wallClock, .peakMemoryResident, .peakMemoryResidentDelta, .mallocCountTotal, .mallocBytesCount,
]

func configuration(seconds: Int) -> Benchmark.Configuration {
    .init(
        // Raw nanoseconds and bytes, so that exported percentiles are not rounded to ms or MB.
        metrics: metrics, timeUnits: .nanoseconds,
        units: [.peakMemoryResident: .count, .peakMemoryResidentDelta: .count, .mallocBytesCount: .count],
        warmupIterations: 3,
        maxDuration: .seconds(seconds), maxIterations: 1_000)
}

let benchmarks: @Sendable () -> Void = {
    let batch = normalLogits(count: 200_000 * 5, seed: 1)
    Benchmark("rows_200000x5", configuration: configuration(seconds: 3)) { _ in
        blackHole(softmaxRows(batch, columns: 5, temperature: .one))
    }

    for length in [50_000, 1_000_000] {
        let logits = normalLogits(count: length, seed: 2)
        // One working copy, refilled outside the timing: the softmax overwrites it.
        let row = UnsafeMutableBufferPointer<Double>.allocate(capacity: length)
        let entropy = UnsafeMutableBufferPointer<Double>.allocate(capacity: 1)
        Benchmark("row_\(length)", configuration: configuration(seconds: 3)) { benchmark in
            _ = row.initialize(from: logits)
            benchmark.startMeasurement()
            softmaxRowsInPlace(row, columns: length, temperature: .one, entropies: entropy)
            blackHole(row.baseAddress)
            blackHole(entropy[0])
        }
    }

    // Top-p 0.9 at T = 0.8 over a current LLM vocabulary: softmax, then the nucleus.
    let vocabulary = normalLogits(count: 128_256, seed: 5).map { $0 * 3 }
    let nucleus = try! TruncationSettings(topP: 0.9)
    let warm = try! Temperature(0.8)
    Benchmark("top_p_128256", configuration: configuration(seconds: 3)) { _ in
        blackHole(truncatedSoftmax(vocabulary, temperature: warm, nucleus))
    }

    for classes in [5, 50_000] {
        let table = AliasTable(probabilities: softmax(normalLogits(count: classes, seed: 3)))
        Benchmark("draws_K\(classes)", configuration: configuration(seconds: 4)) { _ in
            var generator = SeededGenerator(seed: 4)
            blackHole(table.sample(count: 10_000_000, using: &generator))
        }
    }
}
