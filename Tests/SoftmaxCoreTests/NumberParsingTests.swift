import Testing
import SoftmaxCore

// What people type, and what the parser must make of it, per the documentation in
// NumberParsing.swift: decimal and scientific numbers, inf/infinity/nan in any case,
// surrounding spaces ignored, at most 64 characters, nothing else.
@Suite("Number parsing")
struct NumberParsingTests {
    @Test("decimal and scientific spellings", arguments: [
        ("2", 2.0), ("-0.5", -0.5), ("1e-3", 0.001), ("1E3", 1000), ("+3", 3), (".5", 0.5), ("-.25", -0.25),
        ("0007", 7), ("2.5e+2", 250), ("-0", 0), (" 2 ", 2), ("\t-1.5\t", -1.5), ("  1e2", 100),
    ])
    func accepted(_ text: String, _ value: Double) {
        #expect(NumberParsing.parseDouble(text) == value)
    }

    @Test("overflow goes to infinity and underflow to zero, as strtod rounds")
    func outOfRange() {
        #expect(NumberParsing.parseDouble("1e999") == .infinity)
        #expect(NumberParsing.parseDouble("-1e999") == -.infinity)
        #expect(NumberParsing.parseDouble("1e-999") == 0)
    }

    @Test("inf, infinity and nan in any case, with the signs that make sense", arguments: [
        ("inf", Double.infinity), ("Inf", .infinity), ("+inf", .infinity), ("INFINITY", .infinity), ("+Infinity", .infinity),
        ("∞", .infinity), ("-inf", -.infinity), ("-Infinity", -.infinity), ("-∞", -.infinity), (" inf ", .infinity),
    ])
    func infinities(_ text: String, _ value: Double) {
        #expect(NumberParsing.parseDouble(text) == value)
    }

    @Test("nan parses to NaN so that a caller can name it")
    func nan() throws {
        for text in ["nan", "NaN", "NAN", " nan "] {
            let v = try #require(NumberParsing.parseDouble(text))
            #expect(v.isNaN)
        }
    }

    @Test("refused spellings", arguments: [
        "", " ", "\t", "-", "+", ".", "e", "1e", "e5", "0x10", "0x1p3", "1,5", "1 2", "abc", "--1", "+-1", "1.2.3",
        "five", "1_000", "１", "\u{2212}1", "\n2", "2\n", "-nan", "nan(1)", "infinite", "1e5x", "1/2",
    ])
    func refused(_ text: String) {
        #expect(NumberParsing.parseDouble(text) == nil, "\(text.debugDescription)")
    }

    @Test("64 characters are the limit, counted after trimming")
    func length() {
        let sixtyFour = "1" + String(repeating: "0", count: 63)
        #expect(NumberParsing.parseDouble(sixtyFour) == 1e63)
        #expect(NumberParsing.parseDouble("   " + sixtyFour + "  ") == 1e63)
        #expect(NumberParsing.parseDouble(sixtyFour + "0") == nil)
        #expect(NumberParsing.parseDouble(String(repeating: "1", count: 500)) == nil)
        #expect(NumberParsing.maximumLength == 64)
    }

    @Test("parses from a Substring as well as a String")
    func substring() {
        let text = "x,0.25,y"
        let middle = text.split(separator: ",")[1]
        #expect(NumberParsing.parseDouble(middle) == 0.25)
    }

    @Test("a comma-separated list of logits")
    func logitList() throws {
        #expect(try NumberParsing.parseLogits("2,1,0.5,0.1") == [2, 1, 0.5, 0.1])
        #expect(try NumberParsing.parseLogits(" 2 , -1e2 ,3") == [2, -100, 3])
        #expect(try NumberParsing.parseLogits("7") == [7])
    }

    @Test("an empty list is refused as empty")
    func emptyList() {
        #expect(throws: LogitListError.empty) { try NumberParsing.parseLogits("") }
        #expect(throws: LogitListError.empty) { try NumberParsing.parseLogits("   ") }
    }

    @Test("a bad item is named by its 1-based position and its text")
    func notANumber() {
        #expect(throws: LogitListError.notANumber(position: 2, text: "x")) { try NumberParsing.parseLogits("2,x,1") }
        #expect(throws: LogitListError.notANumber(position: 2, text: "")) { try NumberParsing.parseLogits("2,,1") }
        #expect(throws: LogitListError.notANumber(position: 3, text: "")) { try NumberParsing.parseLogits("2,1,") }
        #expect(throws: LogitListError.notANumber(position: 1, text: "0x10")) { try NumberParsing.parseLogits("0x10,1") }
        #expect(throws: LogitListError.notANumber(position: 1, text: "1;2")) { try NumberParsing.parseLogits("1;2") }
        #expect(throws: LogitListError.notANumber(position: 2, text: " 1 2")) { try NumberParsing.parseLogits("0, 1 2") }
        // A paste gone wrong is quoted only up to the length limit.
        let long = String(repeating: "9", count: 500)
        #expect(throws: LogitListError.notANumber(position: 3, text: String(repeating: "9", count: 64))) {
            try NumberParsing.parseLogits("1,2," + long)
        }
    }

    @Test("+inf and nan logits are refused by position and value")
    func notFinite() {
        #expect(throws: LogitListError.notFinite(position: 1, value: .infinity)) { try NumberParsing.parseLogits("1e999,2") }
        #expect(throws: LogitListError.notFinite(position: 2, value: .infinity)) { try NumberParsing.parseLogits("1,inf") }
        // NaN never equals itself, so match the case instead of comparing errors.
        do {
            _ = try NumberParsing.parseLogits("1,2,nan")
            Issue.record("nan was accepted")
        } catch {
            guard case .notFinite(let position, let value) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(position == 3)
            #expect(value.isNaN)
        }
    }

    @Test("-inf masks a class: accepted in any spelling, unless every class is masked")
    func maskedLogits() throws {
        #expect(try NumberParsing.parseLogits("2,-inf,1") == [2, -.infinity, 1])
        #expect(try NumberParsing.parseLogits("-Infinity, 0") == [-.infinity, 0])
        #expect(try NumberParsing.parseLogits("-1e999,3") == [-.infinity, 3])
        #expect(throws: LogitListError.everyClassMasked) { try NumberParsing.parseLogits("-inf,-inf") }
        #expect(throws: LogitListError.everyClassMasked) { try NumberParsing.parseLogits("-inf") }
        #expect(LogitListError.everyClassMasked.description
            == "every class is masked (-inf); at least one logit must be finite")
    }

    @Test("error messages a person can act on")
    func messages() {
        #expect(LogitListError.notANumber(position: 2, text: "x").description == "logit 2 is 'x', which is not a number")
        #expect(LogitListError.notFinite(position: 4, value: .infinity).description == "logit 4 is inf; logits must be finite")
        #expect(LogitListError.notFinite(position: 1, value: .nan).description == "logit 1 is nan; logits must be finite")
        #expect(LogitListError.empty.description.contains("comma-separated"))
    }
}
