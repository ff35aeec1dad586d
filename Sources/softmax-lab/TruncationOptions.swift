import ArgumentParser
import SoftmaxCore

/// The decoder cut-offs, applied after temperature: top-k, then top-p, then min-p.
struct TruncationOptions: ParsableArguments {
    @Option(name: .customLong("top-k"), help: ArgumentHelp("Keep only the k most probable classes.", valueName: "k"))
    var topK: Int?

    @Option(
        name: .customLong("top-p"), parsing: .unconditional,
        help: ArgumentHelp("Keep the smallest set of classes whose probability reaches p, in (0, 1].", valueName: "p"),
        transform: parseNumberArgument)
    var topP: Double?

    @Option(
        name: .customLong("min-p"), parsing: .unconditional,
        help: ArgumentHelp("Keep classes with at least p times the top probability, p in [0, 1].", valueName: "p"),
        transform: parseNumberArgument)
    var minP: Double?

    func validate() throws {
        _ = try settings()
    }

    func settings() throws -> TruncationSettings {
        do {
            return try TruncationSettings(topK: topK, topP: topP, minP: minP)
        } catch {
            throw ValidationError("--" + error.description)
        }
    }
}
