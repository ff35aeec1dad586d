import Benchmark
import LabUI

// One whole frame of the interactive explorer drawn into the grid
// (ExplorerScreen.render), as the run loop does on every key and animation frame.
// Two states: a plain one, and one after `d` has drawn 1000 (the histogram column
// filled, the total-variation line shown). Two sizes: a large 200x60 terminal and
// the classic 80x24. Unicode glyphs and the colour theme, the defaults.
// The budget is 1 ms median per frame in release: a 60 frames/s animation has 16.7.

let renderMetrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .mallocBytesCount]

func renderConfiguration() -> Benchmark.Configuration {
    .init(
        metrics: renderMetrics, timeUnits: .microseconds,
        units: [.mallocBytesCount: .count],
        warmupIterations: 20,
        maxDuration: .seconds(2), maxIterations: 5_000)
}

let benchmarks: @Sendable () -> Void = {
    let plain = ExplorerState(seed: 7, animates: false)
    var drawn = ExplorerState(seed: 7, animates: false)
    drawn.apply(.manyDrawsRequested)
    precondition(drawn.histogram.total == 1000 && !drawn.isAnimating, "the 1000 draws should be done at once")
    let options = ScreenOptions()

    for (width, height) in [(200, 60), (80, 24)] {
        for (name, state) in [("draws1000", drawn), ("plain", plain)] {
            Benchmark("render_\(width)x\(height)_\(name)", configuration: renderConfiguration()) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(ExplorerScreen.render(state, width: width, height: height, options: options))
                }
            }
        }
    }
}
