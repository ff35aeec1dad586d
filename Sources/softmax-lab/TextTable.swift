import LabUI
import SoftmaxCore

/// A plain-text table: a header row and right-aligned columns, except the first,
/// which holds names and is left-aligned (and any others named in `leftAligned`). Widths are terminal columns, so a CJK
/// label (two columns a character) keeps the columns aligned.
struct TextTable {
    let headers: [String]
    var rows: [[String]] = []
    /// Columns of text, such as notes and bars, that read from the left.
    var leftAligned: Set<Int> = [0]

    init(_ headers: String...) {
        self.headers = headers
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    func render() -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { c in all.map { TextWidth.of($0[c]) }.max() ?? 0 }
        return all.map { row in
            row.indices.map { c in
                let cell = row[c]
                let pad = String(repeating: " ", count: widths[c] - TextWidth.of(cell))
                return leftAligned.contains(c) ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces
        }.joined(separator: "\n")
    }

    /// The same rows as CSV; cells holding a comma, quote or line break are quoted.
    func csv() -> String {
        ([headers] + rows).map { row in row.map(csvField).joined(separator: ",") }.joined(separator: "\n")
    }

    /// These rows with the temperature on each, as CSV: a column `T` that is always a
    /// number or empty (0 at the greedy limit, empty at the uniform one) and a column
    /// `limit` that names the limit, so a program reading the file knows what was asked.
    func csv(temperature t: Temperature) -> String {
        var table = TextTable(headers: headers + ["T", "limit"])
        let value = t.isUniform ? "" : formatShortest(t.value)
        let limit = t.isGreedy ? "greedy" : t.isUniform ? "uniform" : ""
        for row in rows { table.append(row + [value, limit]) }
        return table.csv()
    }

    private init(headers: [String]) {
        self.headers = headers
    }

    /// The same table with one more column at the end, before any rows are added.
    func adding(_ header: String) -> TextTable {
        var table = TextTable(headers: headers + [header])
        table.leftAligned = leftAligned
        return table
    }
}

private func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
