// swift-tools-version: 6.1
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder, so the parent package is named
// for whatever folder the clone is in ("main", "softmax-lab", ...).
let parent = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

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
                .product(name: "SoftmaxCore", package: parent),
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
                .product(name: "LabUI", package: parent),
            ],
            path: "Benchmarks/RenderBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
    ]
)
