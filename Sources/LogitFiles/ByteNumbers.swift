import SoftmaxCore

/// Numbers read straight from a file's bytes, with the meaning of SoftmaxCore's
/// `NumberParsing.parseDouble`: a cell reads as a number here exactly when it does there,
/// and as the same number.
///
/// Most cells take a fast path that makes no String: a plain decimal whose digits fit an
/// exactly representable integer w ≤ 2^53, scaled by 10^k with |k| ≤ 22, is w × 10^k or
/// w / 10^-k in one correctly rounded operation on exact operands (Clinger's fast path),
/// which is the correctly rounded value that `Double(String)` also returns. Every other
/// cell (more digits, larger exponents, words such as "nan", anything malformed) goes to
/// `NumberParsing.parseDouble` itself, so the two cannot disagree about what is refused.
enum ByteNumbers {
    /// The number in `bytes[start..<end]`, surrounding spaces and tabs ignored, or nil.
    @inline(__always)
    static func parseDouble(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Double? {
        var start = start, end = end
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        // parseDouble refuses trimmed text longer than this too; refusing it here spares
        // a cell of megabytes its copy into a String and a walk over its Characters.
        guard start < end, end - start <= NumberParsing.maximumLength else { return nil }
        if let value = fastDecimal(bytes, start, end) { return value }
        // parseDouble hands text of these characters alone to Double(String); doing so
        // here skips its slower trimming and checks of Characters.
        var i = start
        while i < end, isDecimalCharacter(bytes[i]) { i += 1 }
        if i == end { return Double(text(bytes, start, end)) }
        return NumberParsing.parseDouble(text(bytes, start, end))
    }

    /// An integer label: a number (as `parseDouble` reads it) that is whole and within
    /// ±2^53, so "3" and "3.0" and numpy's "3.000000000000000000e+00" are all 3.
    static func parseLabel(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int? {
        guard let value = parseDouble(bytes, start, end) else { return nil }
        return label(value)
    }

    /// `value` as a label, if it is a whole number within ±2^53.
    static func label(_ value: Double) -> Int? {
        guard value.isFinite, value == value.rounded(.towardZero), abs(value) <= 0x1p53 else { return nil }
        return Int(value)
    }

    /// The bytes as text (invalid UTF-8 replaced), for the slow path and for messages.
    static func text(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The characters parseDouble passes to Double(String): digits, '.', '+', '-', 'e', 'E'.
    @inline(__always)
    private static func isDecimalCharacter(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10 || byte == 0x2E || byte == 0x2B || byte == 0x2D || byte == 0x65 || byte == 0x45
    }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Powers of ten that are exact doubles.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Clinger's fast path for `[+-]digits[.digits][(e|E)[+-]digits]` (either digit run may
    /// be empty, not both), or nil when the text is not of that form or needs more care.
    @inline(__always)
    private static func fastDecimal(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Double? {
        var i = start
        var negative = false
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var significand: UInt64 = 0
        var significantDigits = 0
        var digits = 0
        var exponent = 0
        // Digits before the point, then after it; leading zeros are not significant.
        var afterPoint = false
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: ".") {
                if afterPoint { return nil }
                afterPoint = true
            } else {
                let d = b &- 0x30
                guard d < 10 else { break }
                digits += 1
                if significand != 0 || d != 0 {
                    // 19 digits always fit a UInt64; more go to the slow path.
                    guard significantDigits < 19 else { return nil }
                    significand = significand &* 10 &+ UInt64(d)
                    significantDigits += 1
                }
                if afterPoint { exponent -= 1 }
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < end {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
            i += 1
            var exponentNegative = false
            if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < end else { return nil }
            var written = 0
            while i < end {
                let d = bytes[i] &- 0x30
                guard d < 10 else { return nil }
                // Past this the fast path gives up anyway; stop before Int overflows.
                if written < 100_000 { written = written * 10 + Int(d) }
                i += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if significand == 0 { return negative ? -0.0 : 0.0 }
        guard significand <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let w = Double(significand)
        let magnitude = exponent >= 0 ? w * exactPowersOfTen[exponent] : w / exactPowersOfTen[-exponent]
        return negative ? -magnitude : magnitude
    }
}
