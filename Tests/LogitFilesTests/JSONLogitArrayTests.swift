import Testing
@testable import LogitFiles

/// Logits as a JSON array: numbers as JSON spells them, -Infinity as a masked class, and
/// everything else refused in one line that names the item.
@Suite struct JSONLogitArrayTests {
    private func parsed(_ text: String) throws(LogitFileError) -> [Double] {
        try JSONLogitArray.parse(Array(text.utf8), file: "l.json")
    }

    @Test func numbersAndMinusInfinityAreRead() throws {
        #expect(try parsed(" [\n 2, -0.5e-3,\t1E2, -Infinity ]\r\n") == [2, -0.0005, 100, -.infinity])
    }

    @Test(arguments: [
        ("[2, 1, x]", "l.json: item 3: 'x' is not a number"),
        ("[01]", "l.json: item 1: '01' is not a number"),
        ("[1, +2]", "l.json: item 2: '+2' is not a number"),
        ("[Infinity]", "l.json: item 1: 'Infinity' is not a number"),
        ("[1e999]", "l.json: item 1: '1e999' is not a finite number; logits must be finite"),
        ("[1,]", "l.json: item 2: empty cell; expected a number"),
        ("[2, 1", "l.json: not a JSON array of numbers: the array is not closed with ']'"),
        ("[]", "l.json: not a JSON array of numbers: the array is empty; at least one logit is needed"),
        ("{\"a\": 1}", "l.json: not a JSON array of numbers: it does not start with '['"),
        ("[1] [2]", "l.json: not a JSON array of numbers: text after the array"),
        ("[1\u{0}]", "l.json: item 1: '1\\u{0}' is not a number"),
    ])
    func aBadArrayIsRefusedAtItsItem(text: String, message: String) throws {
        let error = try #require(refusal { try parsed(text) })
        #expect(error.description == message)
    }

    @Test func onlyAnOpeningBracketLooksLikeJSON() {
        #expect(JSONLogitArray.looksLikeJSON(Array(" \n[1]".utf8)))
        #expect(!JSONLogitArray.looksLikeJSON(Array("1,2".utf8)) && !JSONLogitArray.looksLikeJSON([]))
    }
}
