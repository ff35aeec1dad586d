import Foundation

/// Runs the built `softmax-lab` binary as a person would, and captures what it printed.
struct ProgramRun {
    /// The exit code, or the signal's number when `uncaughtSignal`.
    let status: Int32
    /// Whether a signal ended the program (a trap, an abort, a crash).
    var uncaughtSignal = false
    let stdout: String
    let stderr: String

    var stderrLines: [Substring] { stderr.split(separator: "\n") }
}

enum ProgramRunner {
    /// The binary sits beside the test bundle in SwiftPM's build folder.
    static var binary: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("softmax-lab")
    }

    /// - Parameter standardInput: bytes for the program to read, or nil for none.
    static func run(
        _ arguments: [String], environment: [String: String]? = nil, standardInput: Data? = nil,
        directory: URL? = nil
    ) throws -> ProgramRun {
        let process = Process()
        if let directory { process.currentDirectoryURL = directory }
        process.executableURL = binary
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = standardInput == nil ? FileHandle.nullDevice : input
        try process.run()
        if let standardInput {
            // Written from another thread, so that neither side waits on a full pipe.
            let writer = input.fileHandleForWriting
            Thread.detachNewThread {
                writer.write(standardInput)
                try? writer.close()
            }
        }
        // Read both pipes before waiting, so a large output cannot fill a pipe and stall the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProgramRun(
            status: process.terminationStatus,
            uncaughtSignal: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try run(arguments + ["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return object as? [String: Any] ?? [:]
    }
}
