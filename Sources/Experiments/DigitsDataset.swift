/// Why the digits dataset could not be loaded; each description is one line that
/// names the file and what to do.
public enum DigitsDatasetError: Error, CustomStringConvertible, Equatable {
    /// No `assets/digits.csv.gz` in any place searched.
    case notFound(searched: [String])
    case unreadable(path: String, reason: String)
    /// The file is there but is not the one shipped (a wrong size or checksum).
    case corrupt(path: String, reason: String)
    /// The CSV text breaks the layout: 65 integers a row, pixels 0–16, digits 0–9.
    case malformed(line: Int, reason: String)

    public var description: String {
        switch self {
        case .notFound(let searched):
            return "digits dataset not found: looked for \(DigitsDataset.fileName) in "
                + searched.joined(separator: ", ")
                + "; set \(DigitsDataset.assetsEnvironmentVariable) to the folder that holds it"
        case .unreadable(let path, let reason):
            return "cannot read the digits dataset at \(path): \(reason)"
        case .corrupt(let path, let reason):
            return "the digits dataset at \(path) is corrupt (\(reason)); restore it from the repository"
        case .malformed(let line, let reason):
            return "the digits dataset is malformed at line \(line): \(reason)"
        }
    }
}

/// The UCI optical digits test set as scikit-learn ships it: 1,797 images of 8×8
/// pixels with values 0–16, and the digit (0–9) each shows. See assets/NOTICE.
public struct DigitsDataset: Sendable, Equatable {
    public static let fileName = "digits.csv.gz"
    public static let assetsEnvironmentVariable = ShippedAsset.environmentVariable
    /// The shipped file's size and SHA-256, as assets/NOTICE records them.
    public static let expectedByteCount = 57_523
    public static let expectedSHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
    public static let pixelCount = 64
    public static let classCount = 10
    public static let maximumPixelValue = 16

    /// `count * 64` pixel values, one image after another, each row-major.
    public let pixels: [UInt8]
    /// The digit each image shows.
    public let labels: [Int]

    public var count: Int { labels.count }

    /// Loads the shipped dataset from the first place `locate()` finds it.
    public static func load() throws(DigitsDatasetError) -> DigitsDataset {
        try load(from: try locate())
    }

    /// The shipped file's path: see `locate(assetsDirectory:executablePath:sourceFilePath:)`,
    /// given `$SOFTMAX_LAB_ASSETS`, /proc/self/exe and this source file's path.
    public static func locate() throws(DigitsDatasetError) -> String {
        try locate(
            assetsDirectory: FileAccess.environmentValue(assetsEnvironmentVariable),
            executablePath: FileAccess.executablePath(),
            sourceFilePath: #filePath)
    }

    /// Reads, verifies (size and SHA-256), unpacks and parses the file at `path`.
    public static func load(from path: String) throws(DigitsDatasetError) -> DigitsDataset {
        let compressed: [UInt8]
        do { compressed = try FileAccess.readAll(path) } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        guard compressed.count == expectedByteCount else {
            throw .corrupt(path: path, reason: "\(compressed.count) bytes, expected \(expectedByteCount)")
        }
        let digest = SHA256.hexDigest(compressed)
        guard digest == expectedSHA256 else {
            throw .corrupt(path: path, reason: "SHA-256 \(digest), expected \(expectedSHA256)")
        }
        let text: [UInt8]
        do { text = try Gzip.decompress(compressed) } catch {
            throw .corrupt(path: path, reason: error.description)
        }
        return try parse(csv: text)
    }

    /// The file's path, as `ShippedAsset.locate` finds it.
    public static func locate(
        assetsDirectory: String?, executablePath: String?, sourceFilePath: String
    ) throws(DigitsDatasetError) -> String {
        do {
            return try ShippedAsset.locate(fileName, assetsDirectory: assetsDirectory, executablePath: executablePath,
                                           sourceFilePath: sourceFilePath)
        } catch {
            throw .notFound(searched: error.searched)
        }
    }

    /// Parses the unpacked CSV: one image a line, 64 pixels then the digit, no header.
    public static func parse(csv: [UInt8]) throws(DigitsDatasetError) -> DigitsDataset {
        var pixels: [UInt8] = []
        var labels: [Int] = []
        pixels.reserveCapacity(1797 * pixelCount)
        var line = 1
        var fields: [Int] = []
        fields.reserveCapacity(pixelCount + 1)
        var value: Int? = nil
        var index = 0
        // One pass over the bytes; the newline after the last row is optional.
        let endsWithNewline = csv.last == UInt8(ascii: "\n")
        while index < csv.count || (index == csv.count && !endsWithNewline) {
            let byte: UInt8 = index < csv.count ? csv[index] : UInt8(ascii: "\n")
            index += 1
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - UInt8(ascii: "0"))
                let extended = (value ?? 0) * 10 + digit
                guard extended <= 1_000 else { throw .malformed(line: line, reason: "a number out of range") }
                value = extended
            case UInt8(ascii: ","):
                guard let complete = value else { throw .malformed(line: line, reason: "an empty field") }
                fields.append(complete)
                value = nil
            case UInt8(ascii: "\n"):
                if value == nil && fields.isEmpty { throw .malformed(line: line, reason: "an empty line") }
                guard let complete = value else { throw .malformed(line: line, reason: "an empty field") }
                fields.append(complete)
                try appendRow(fields, line: line, pixels: &pixels, labels: &labels)
                fields.removeAll(keepingCapacity: true)
                value = nil
                line += 1
            case UInt8(ascii: "\r") where index < csv.count && csv[index] == UInt8(ascii: "\n"):
                continue
            default:
                throw .malformed(line: line, reason: "unexpected byte \(byte) (only digits, commas and newlines)")
            }
        }
        guard !labels.isEmpty else { throw .malformed(line: 1, reason: "no rows") }
        return DigitsDataset(pixels: pixels, labels: labels)
    }

    private static func appendRow(
        _ fields: [Int], line: Int, pixels: inout [UInt8], labels: inout [Int]
    ) throws(DigitsDatasetError) {
        guard fields.count == pixelCount + 1 else {
            throw .malformed(line: line, reason: "\(fields.count) fields, expected \(pixelCount + 1)")
        }
        for (column, value) in fields.prefix(pixelCount).enumerated() where value > maximumPixelValue {
            throw .malformed(line: line, reason: "pixel \(column + 1) is \(value), above \(maximumPixelValue)")
        }
        guard fields[pixelCount] < classCount else {
            throw .malformed(line: line, reason: "label \(fields[pixelCount]) is not a digit 0–9")
        }
        pixels.append(contentsOf: fields.prefix(pixelCount).map { UInt8($0) })
        labels.append(fields[pixelCount])
    }

    /// The images at `rows` as features for the model: each pixel divided by 16, so in [0, 1].
    public func features(rows: [Int]) -> FeatureMatrix {
        var values: [Double] = []
        values.reserveCapacity(rows.count * Self.pixelCount)
        for row in rows {
            let start = row * Self.pixelCount
            for pixel in pixels[start..<(start + Self.pixelCount)] {
                values.append(Double(pixel) / Double(Self.maximumPixelValue))
            }
        }
        return FeatureMatrix(rowCount: rows.count, columnCount: Self.pixelCount, values: values)
    }

    /// The labels at `rows`, in that order.
    public func labels(rows: [Int]) -> [Int] { rows.map { labels[$0] } }
}

/// A row-major matrix of model inputs: `rowCount` examples of `columnCount` features.
public struct FeatureMatrix: Sendable, Equatable {
    public let rowCount: Int
    public let columnCount: Int
    public let values: [Double]

    public init(rowCount: Int, columnCount: Int, values: [Double]) {
        precondition(rowCount >= 0 && columnCount > 0, "a feature matrix needs at least one column")
        precondition(values.count == rowCount * columnCount, "values must hold rowCount * columnCount numbers")
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.values = values
    }

    public subscript(row: Int, column: Int) -> Double { values[row * columnCount + column] }
}
