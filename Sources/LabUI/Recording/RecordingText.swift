import LogitFiles
import SoftmaxCore

/// How a recorded token reads on screen: the text flows as written, with a line break
/// shown as ↵ before it breaks, a tab as a space, and other control characters as "�",
/// so no token can move the cursor or hide from the eye.
enum RecordedText {
    static func shown(_ token: String, glyphs: Glyphs) -> String {
        var out = ""
        for scalar in token.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "↵\n"
            case 0x09: out += " "
            case 0x0D: continue
            case 0x00..<0x20, 0x7F..<0xA0: out += "�"
            default: out.unicodeScalars.append(scalar)
            }
        }
        // An empty token (some APIs list one) would be invisible and unclickable.
        return glyphs.text(out.isEmpty ? "∅" : out)
    }

    /// A token in a column: quoted, with the line break and control characters visible.
    static func quoted(_ token: String, glyphs: Glyphs) -> String {
        "\"" + String(shown(token, glyphs: glyphs).filter { $0 != "\n" }) + "\""
    }

    /// A token as an explorer label: a space shows as "␣", so " the" and "the" differ.
    static func label(_ token: String) -> String {
        String(shown(token, glyphs: .unicode).compactMap { $0 == "\n" ? nil : $0 == " " ? "␣" : $0 })
    }

    static func logprob(_ x: Double) -> String {
        x == -.infinity ? "masked" : NumberFormat.fixed(x, decimals: 3)
    }
}

/// The words under the recorded text.
enum RecordingText {
    /// "top-k 10 · top-p 0.90 · min-p off · order T,top-k,top-p,min-p", and the min-keep when above 1.
    static func cuts(_ d: GenerationSettings) -> String {
        let k = d.enabled.contains(.topK) ? "top-k \(d.topK)" : "top-k off"
        let p = d.enabled.contains(.topP) ? "top-p " + NumberFormat.fixed(Double(d.topPHundredths) / 100, decimals: 2) : "top-p off"
        let m = d.enabled.contains(.minP) ? "min-p " + NumberFormat.fixed(Double(d.minPHundredths) / 100, decimals: 2) : "min-p off"
        let order = d.order.map { $0 == .temperature ? "T" : $0.rawValue }.joined(separator: ",")
        var text = "\(k) · \(p) · \(m) · order \(order)"
        if d.minKeep > 1 { text += " · min-keep \(d.minKeep)" }
        return text
    }

    /// The "other" row: the listed tokens beyond the ten at T, and the unlisted ones, whose share at T is unknown.
    static func other(listed: Int, atT: Double, unlistedIsNegligible: Bool) -> String {
        let unlisted = unlistedIsNegligible ? "the list holds all the reported mass" : "unlisted: unknown at T"
        guard listed > 0 else { return unlisted }
        return "\(listed) more: \(PercentText.of(atT)) at T; " + unlisted
    }

    /// "chosen " the": 41.2% reported, 63.0% at T · surprise 0.46 nats".
    static func summary(_ t: RetemperedTokens, generation: RecordedGeneration) -> String {
        let token = RecordedText.quoted(t.listed.token, glyphs: .unicode)
        guard let chosen = t.listed.chosen, let p = t.chosenProbability, let s = t.surprise,
              let survives = t.chosenSurvives else {
            return "chosen \(token): not listed, no log-probability: its share at T is unknown"
        }
        let reported = generation.postSampling ? "reported after the API's sampler" : "reported"
        var text = "chosen \(token): \(PercentText.of(t.listed.reported[chosen])) \(reported), "
        text += survives ? "\(PercentText.of(p)) at T" : "cut at T"
        text += " · surprise " + (s == .infinity ? "∞" : NumberFormat.fixed(s, decimals: 2) + " nats")
        if !t.listed.chosenListed { text += " · not in the list" }
        return text
    }

    /// "entropy at T 1.10 nats · the cuts keep 4 of 10 listed".
    static func spread(_ t: RetemperedTokens) -> String {
        let kept = t.distribution.kept.filter { $0 }.count
        let count = t.listed.tokens.count
        return "entropy at T \(NumberFormat.fixed(t.entropyNats, decimals: 2)) nats over the listed tokens · "
            + (kept == count ? "the cuts keep all \(count)" : "the cuts keep \(kept) of \(count)")
    }
}

/// Lays tokens out as lines of cells, each cell remembering its token's position, so
/// the text can be coloured and clicked token by token.
enum RecordedTextFlow {
    struct Cell: Equatable {
        let character: Character
        let width: Int
        let position: Int
    }

    /// Greedy wrapping: a line breaks after its last space when the next word does not
    /// fit, inside a word only when the word is wider than the line, and after "\n".
    static func lines(_ tokens: [String], width: Int) -> [[Cell]] {
        guard width > 0 else { return [] }
        var lines: [[Cell]] = []
        var line: [Cell] = []
        var used = 0
        for (position, token) in tokens.enumerated() {
            for character in token {
                if character == "\n" {
                    lines.append(line)
                    line = []
                    used = 0
                    continue
                }
                let w = max(1, TextWidth.of(character))
                if used + w > width {
                    // Carry the word in progress down, when a space before it allows.
                    if character != " ", let space = line.lastIndex(where: { $0.character == " " }), space < line.count - 1 {
                        let carried = Array(line[(space + 1)...])
                        lines.append(Array(line[...space]))
                        line = carried
                        used = carried.reduce(0) { $0 + $1.width }
                    } else {
                        lines.append(line)
                        line = []
                        used = 0
                    }
                }
                line.append(Cell(character: character, width: w, position: position))
                used += w
            }
        }
        lines.append(line)
        return lines
    }
}
