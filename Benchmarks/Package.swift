// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so that the library's build and tests never
// pull in the benchmark tooling.
let package = Package(
    name: "SoftmaxLabBenchmarks",
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SoftmaxBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SoftmaxCore", package: "main"),
            ],
            path: "Benchmarks/SoftmaxBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // One explorer frame drawn into a grid (ExplorerScreen.render), at 200x60 and 80x24.
        .executableTarget(
            name: "RenderBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LabUI", package: "main"),
            ],
            path: "Benchmarks/RenderBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
    ]
)
