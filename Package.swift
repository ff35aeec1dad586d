// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "softmax-lab",
    products: [
        .executable(name: "softmax-lab", targets: ["softmax-lab"]),
        .library(name: "SoftmaxCore", targets: ["SoftmaxCore"]),
        .library(name: "LabUI", targets: ["LabUI"]),
        .library(name: "LogitFiles", targets: ["LogitFiles"]),
        .library(name: "Experiments", targets: ["Experiments"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // libncursesw, with a shim for what Swift cannot import (see shim.h).
        .systemLibrary(
            name: "CNCursesW",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Vectorised exp and row softmax kernels, dispatched at run time to AVX2+FMA when the CPU has it.
        .target(
            name: "SoftmaxKernels",
            cSettings: [.unsafeFlags(["-O3"])]
        ),
        .target(
            name: "SoftmaxCore",
            dependencies: ["SoftmaxKernels"]
        ),
        // zlib, for the gzip-compressed dataset in assets/.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Pure readers of untrusted input: .npy, CSV and text logits, integer labels.
        .target(
            name: "LogitFiles",
            dependencies: ["SoftmaxCore"]
        ),
        // Pure models on real data: the digits set, logistic regression, calibration
        // metrics and the fitted temperature.
        .target(
            name: "Experiments",
            dependencies: ["SoftmaxCore", "SoftmaxKernels", "LogitFiles", "CZlib"]
        ),
        // The pure UI: state, actions, reducer, and rendering into a grid of cells.
        .target(
            name: "LabUI",
            dependencies: ["SoftmaxCore", "LogitFiles", "Experiments"]
        ),
        // The only code that talks to the terminal: paints grids, decodes keys, runs the loop.
        // Signal handlers that only note the signal, for the run loop to act on.
        .target(name: "CTerminalSignals"),
        .target(
            name: "TerminalBackend",
            dependencies: ["LabUI", "CNCursesW", "CTerminalSignals"]
        ),
        .executableTarget(
            name: "softmax-lab",
            dependencies: [
                "SoftmaxCore",
                "LogitFiles",
                "Experiments",
                "LabUI",
                "TerminalBackend",
                "CNCursesW",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SoftmaxCoreTests",
            dependencies: [
                "SoftmaxCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            // The Python scripts that computed the reference values.
            exclude: ["Reference"]
        ),
        .testTarget(
            name: "LogitFilesTests",
            dependencies: ["LogitFiles", "SoftmaxCore"],
            exclude: ["Reference"]
        ),
        .testTarget(
            name: "ExperimentsTests",
            dependencies: ["Experiments", "LogitFiles", "SoftmaxCore", "SoftmaxKernels"],
            exclude: ["Reference"]
        ),
        .testTarget(
            name: "LabUITests",
            dependencies: ["LabUI", "LogitFiles", "SoftmaxCore", "Experiments"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "TerminalBackendTests",
            dependencies: ["TerminalBackend", "CNCursesW", "LabUI", "SoftmaxCore"]
        ),
        .testTarget(
            name: "SoftmaxLabCLITests",
            dependencies: ["softmax-lab", "SoftmaxCore"],
            // The Python script that computed the mpmath references.
            exclude: ["Reference"]
        ),
        // The real binary in tmux; depends on the executable so that it is built first.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["softmax-lab", "LabUI", "SoftmaxCore"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
