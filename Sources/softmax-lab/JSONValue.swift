import SoftmaxCore

/// Just enough JSON to print results: doubles round-trip (shortest form that reads
/// back as the same double), and the non-finite ones, which JSON cannot hold, become null.
indirect enum JSONValue {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    func render(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .number(let x): return x.isFinite ? formatShortest(x) : "null"
        case .integer(let n): return String(n)
        case .string(let s): return quoted(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.render(indent: indent + 1) }.joined(separator: ",\n") + "\n" + closePad + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { pad + quoted($0.0) + ": " + $0.1.render(indent: indent + 1) }.joined(separator: ",\n")
                + "\n" + closePad + "}"
        }
    }
}

private func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

extension Temperature {
    /// The temperature in JSON: its value, or null with the limit named beside it.
    var jsonFields: [(String, JSONValue)] {
        [
            ("temperature", .number(value)),
            ("temperature_limit", isGreedy ? .string("greedy") : isUniform ? .string("uniform") : .null),
        ]
    }
}
