#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A language model's recorded generation with its log-probabilities, as three APIs
/// return it: OpenAI-style chat completions, the llama.cpp server and Ollama.
///
/// Pure: bytes in, positions out, or one line saying what is wrong. Nothing here traps
/// on hostile input: nesting is bounded, and every number is checked.
public enum TokenLogprobs {
    /// The formats read, named in every refusal.
    public static let formatsRead = "OpenAI chat completions (choices[0].logprobs.content), "
        + "llama.cpp server (completion_probabilities) or Ollama (logprobs)"

    public enum Format: String, Sendable, Equatable {
        case openAI = "openai"
        case llamaCpp = "llama.cpp"
        case ollama = "ollama"
    }

    /// One generated token and the alternatives listed for it.
    public struct Position: Sendable, Equatable {
        public let token: String
        /// The chosen token's log-probability, or nil when the file does not give it.
        public let logprob: Double?
        /// The listed alternatives, most likely first as the file lists them; may include the chosen token.
        public let alternatives: [(token: String, logprob: Double)]

        public init(token: String, logprob: Double?, alternatives: [(token: String, logprob: Double)]) {
            self.token = token
            self.logprob = logprob
            self.alternatives = alternatives
        }

        public static func == (a: Position, b: Position) -> Bool {
            a.token == b.token && a.logprob == b.logprob && a.alternatives.count == b.alternatives.count
                && zip(a.alternatives, b.alternatives).allSatisfy { $0.token == $1.token && $0.logprob == $1.logprob }
        }
    }

    public struct Generation: Sendable, Equatable {
        public let format: Format
        /// True when the file gave probabilities after the sampler (llama.cpp's post-sampling `prob`), not log-probabilities.
        public let postSampling: Bool
        public let positions: [Position]
    }

    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    public static func parse(_ bytes: [UInt8]) throws(Failure) -> Generation {
        var parser = JSONParser(bytes: bytes)
        let values: [JSON]
        do {
            values = try parser.parseAll()
        } catch {
            throw Failure("not JSON (\(error.description)); expected " + formatsRead)
        }
        guard let first = values.first else { throw Failure("empty; expected " + formatsRead) }
        // Ollama streams one object a line; each holds the logprobs of its chunk.
        if values.count > 1 {
            guard values.allSatisfy({ $0["logprobs"] != nil }) else {
                throw Failure("several JSON values that are not Ollama's streamed chunks; expected " + formatsRead)
            }
            var positions: [Position] = []
            for (n, value) in values.enumerated() {
                guard case .array(let items)? = value["logprobs"] else { continue }
                positions += try entries(items, place: "chunk \(n + 1) logprobs").positions
            }
            return try nonEmpty(Generation(format: .ollama, postSampling: false, positions: positions))
        }
        if case .array(let choices)? = first["choices"] {
            guard case .array(let content)? = choices.first?["logprobs"]?["content"] else {
                throw Failure("choices[0].logprobs.content is missing (ask with logprobs: true and top_logprobs); "
                    + "expected " + formatsRead)
            }
            return try nonEmpty(Generation(format: .openAI, postSampling: false,
                                           positions: entries(content, place: "choices[0].logprobs.content").positions))
        }
        if case .array(let items)? = first["completion_probabilities"] {
            let read = try entries(items, place: "completion_probabilities")
            return try nonEmpty(Generation(format: .llamaCpp, postSampling: read.postSampling, positions: read.positions))
        }
        if case .array(let items) = first, items.first?["probs"] != nil || items.first?["top_logprobs"] != nil {
            let read = try entries(items, place: "completion_probabilities")
            return try nonEmpty(Generation(format: .llamaCpp, postSampling: read.postSampling, positions: read.positions))
        }
        if case .array(let items)? = first["logprobs"] {
            return try nonEmpty(Generation(format: .ollama, postSampling: false,
                                           positions: entries(items, place: "logprobs").positions))
        }
        throw Failure("not a logprobs response; expected " + formatsRead)
    }

    private static func nonEmpty(_ g: Generation) throws(Failure) -> Generation {
        guard !g.positions.isEmpty else { throw Failure("no tokens in the logprobs (the list is empty)") }
        return g
    }

    /// The entries of one list: `{token, logprob, top_logprobs: [{token, logprob}]}` (OpenAI,
    /// Ollama, llama.cpp), `{token, prob, top_probs: [{token, prob}]}` (llama.cpp with
    /// post_sampling_probs) or `{content, probs: [{tok_str, prob}]}` (older llama.cpp).
    private static func entries(_ items: [JSON], place: String) throws(Failure) -> (positions: [Position], postSampling: Bool) {
        var positions: [Position] = []
        var postSampling = false
        for (n, item) in items.enumerated() {
            let at = "\(place)[\(n)]"
            guard case .object = item else { throw Failure("\(at): not an object with a token") }
            guard case .string(let token)? = item["token"] ?? item["content"] else {
                throw Failure("\(at): no token text (\"token\")")
            }
            var logprob: Double? = nil
            var alternatives: [(String, Double)] = []
            if let value = item["logprob"] {
                logprob = try number(value, at: "\(at).logprob", asProbability: false)
            } else if let value = item["prob"] {
                logprob = try number(value, at: "\(at).prob", asProbability: true)
                postSampling = true
            }
            let listKey = ["top_logprobs", "top_probs", "probs"].first { item[$0] != nil }
            if let listKey {
                guard case .array(let list)? = item[listKey] else { throw Failure("\(at).\(listKey): not a list") }
                for (m, alt) in list.enumerated() {
                    let here = "\(at).\(listKey)[\(m)]"
                    guard case .string(let text)? = alt["token"] ?? alt["tok_str"] else {
                        throw Failure("\(here): no token text")
                    }
                    if let value = alt["logprob"] {
                        alternatives.append((text, try number(value, at: "\(here).logprob", asProbability: false)))
                    } else if let value = alt["prob"] {
                        postSampling = true
                        alternatives.append((text, try number(value, at: "\(here).prob", asProbability: true)))
                    } else {
                        throw Failure("\(here): no logprob")
                    }
                }
            }
            if logprob == nil, let listed = alternatives.first(where: { $0.0 == token }) { logprob = listed.1 }
            positions.append(Position(token: token, logprob: logprob, alternatives: alternatives))
        }
        return (positions, postSampling)
    }

    /// A log-probability (≤ 0, or -inf for a token the sampler cut), or a probability in [0, 1] as its log.
    private static func number(_ value: JSON, at place: String, asProbability: Bool) throws(Failure) -> Double {
        guard case .number(let x) = value else {
            if case .null = value, !asProbability { return -.infinity }
            throw Failure("\(place): not a number")
        }
        if asProbability {
            guard x >= 0 && x <= 1 else { throw Failure("\(place): \(x) is not a probability in [0, 1]") }
            return x == 0 ? -.infinity : log(x)
        }
        // A little above 0 is rounding in the API; more is not a log-probability.
        guard x <= 1e-6 else { throw Failure("\(place): \(x) is not a log-probability (above 0)") }
        return min(x, 0)
    }
}

/// A JSON value: just what the logprobs readers need.
indirect enum JSON: Equatable {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    subscript(key: String) -> JSON? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.0 == key }?.1
    }

    static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.array(let x), .array(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

struct JSONParseError: Error { let description: String }

/// A strict JSON reader over bytes, with bounded nesting so deep input cannot overflow the stack.
struct JSONParser {
    let bytes: [UInt8]
    var i = 0
    static let maxDepth = 200

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Every JSON value in the bytes, one after another (a single document, or lines of JSON).
    mutating func parseAll() throws(JSONParseError) -> [JSON] {
        var values: [JSON] = []
        skipBlanks()
        // A UTF-8 byte-order mark.
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3; skipBlanks() }
        while i < bytes.count {
            values.append(try value(depth: 0))
            skipBlanks()
        }
        return values
    }

    private func fail(_ what: String) -> JSONParseError {
        JSONParseError(description: "\(what) at byte \(i + 1)")
    }

    private mutating func skipBlanks() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func value(depth: Int) throws(JSONParseError) -> JSON {
        guard depth < Self.maxDepth else { throw fail("nested too deeply") }
        skipBlanks()
        guard i < bytes.count else { throw fail("unexpected end") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var fields: [(String, JSON)] = []
            skipBlanks()
            if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
            while true {
                skipBlanks()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key") }
                let key = try string()
                skipBlanks()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                i += 1
                fields.append((key, try value(depth: depth + 1)))
                skipBlanks()
                guard i < bytes.count else { throw fail("unexpected end") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
                throw fail("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSON] = []
            skipBlanks()
            if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                skipBlanks()
                guard i < bytes.count else { throw fail("unexpected end") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        // JavaScript's infinities, which some writers emit.
        case UInt8(ascii: "I"): return try literal("Infinity", .number(.infinity))
        case UInt8(ascii: "-") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "I"):
            i += 1
            return try literal("Infinity", .number(-.infinity))
        default:
            return try number()
        }
    }

    private mutating func literal(_ word: String, _ result: JSON) throws(JSONParseError) -> JSON {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { throw fail("unexpected character") }
        i += w.count
        return result
    }

    private mutating func number() throws(JSONParseError) -> JSON {
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            let ok = (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
            guard ok else { break }
            i += 1
        }
        guard i > start else { throw fail("unexpected character") }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let x = Double(text) else { throw fail("not a number") }
        guard x.isFinite else { throw fail("number out of range") }
        return .number(x)
    }

    private mutating func string() throws(JSONParseError) -> String {
        i += 1  // the opening quote
        var out: [UInt8] = []
        var scalars = String()
        func flush() {
            scalars += String(decoding: out, as: UTF8.self)
            out.removeAll()
        }
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") { break }
            if b < 0x20 { throw fail("control character in a string") }
            if b != UInt8(ascii: "\\") { out.append(b); continue }
            guard i < bytes.count else { throw fail("unterminated string") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                   bytes[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        flush(); scalars.unicodeScalars.append("\u{FFFD}")
                        code = low
                    }
                }
                flush()
                scalars.unicodeScalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: throw fail("bad escape in a string")
            }
        }
        flush()
        return scalars
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("bad \\u escape") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail("bad \\u escape")
            }
            code = code * 16 + digit
            i += 1
        }
        return code
    }
}
