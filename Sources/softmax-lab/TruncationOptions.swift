import ArgumentParser
import SoftmaxCore

/// The decoder cut-offs: top-k, top-p and min-p, by default after the temperature in
/// that order (Hugging Face's); `--samplers` names another order, as llama.cpp's does.
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

    @Option(
        name: .customLong("min-keep"),
        help: ArgumentHelp("Every cut keeps at least n classes (Hugging Face's min_tokens_to_keep, llama.cpp's min_keep).",
                           valueName: "n"))
    var minKeep: Int = 1

    @Option(
        name: .customLong("samplers"),
        help: ArgumentHelp(
            "The order of the stages, separated by commas or semicolons: temperature, top-k, top-p and min-p, each once "
                + "(default temperature,top-k,top-p,min-p; llama.cpp: top-k,top-p,min-p,temperature).",
            valueName: "list"),
        transform: parseSamplerOrder)
    var samplers: [SamplerStage] = SamplerStage.afterTemperature

    func validate() throws {
        _ = try settings()
    }

    func settings() throws -> TruncationSettings {
        do {
            return try TruncationSettings(topK: topK, topP: topP, minP: minP, minKeep: minKeep, order: samplers)
        } catch {
            throw ValidationError("--" + error.description)
        }
    }
}

func parseSamplerOrder(_ text: String) throws -> [SamplerStage] {
    // Commas, or semicolons as llama.cpp's --samplers writes them.
    let names = text.split(omittingEmptySubsequences: false) { $0 == "," || $0 == ";" }
        .map { String($0).trimmingSpaces }
    var stages: [SamplerStage] = []
    for name in names {
        guard let stage = SamplerStage(name: name) else {
            throw ValidationError("'\(visibleText(name))' is not a stage; the stages are temperature, top-k, top-p and min-p")
        }
        guard !stages.contains(stage) else { throw ValidationError("\(stage.rawValue) is named twice") }
        stages.append(stage)
    }
    let missing = SamplerStage.allCases.filter { !stages.contains($0) }
    guard missing.isEmpty else {
        throw ValidationError("name every stage once; missing " + missing.map(\.rawValue).joined(separator: ", "))
    }
    return stages
}

extension TruncationSettings {
    /// The cuts in JSON: null for a cut not asked for.
    var jsonFields: [(String, JSONValue)] {
        [
            ("top_k", topK.map { .integer($0) } ?? .null),
            ("top_p", topP.map { .number($0) } ?? .null),
            ("min_p", minP.map { .number($0) } ?? .null),
            ("min_keep", .integer(minKeep)),
            ("samplers", .array(order.map { .string($0.rawValue) })),
        ]
    }
}
