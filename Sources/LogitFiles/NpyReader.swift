/// The element type a .npy header's 'descr' names, among those these readers take.
struct NpyDtype: Equatable {
    enum Kind { case float, signed, unsigned }
    var kind: Kind
    var size: Int
    var bigEndian: Bool

    static let logitTypes = ["<f4", "<f8", ">f4", ">f8"]
    static let labelTypes = ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8 (either byte order)"]

    /// Reads descriptions such as "<f8", ">i4", "|u1" ('|' only for one byte) and "="
    /// (this machine's order).
    init?(_ descr: String) {
        let b = Array(descr.utf8)
        guard b.count == 3 else { return nil }
        switch b[1] {
        case UInt8(ascii: "f"): kind = .float
        case UInt8(ascii: "i"): kind = .signed
        case UInt8(ascii: "u"): kind = .unsigned
        default: return nil
        }
        switch b[2] {
        case UInt8(ascii: "1"): size = 1
        case UInt8(ascii: "2"): size = 2
        case UInt8(ascii: "4"): size = 4
        case UInt8(ascii: "8"): size = 8
        default: return nil
        }
        switch b[0] {
        case UInt8(ascii: "<"): bigEndian = false
        case UInt8(ascii: ">"): bigEndian = true
        case UInt8(ascii: "="): bigEndian = 1.bigEndian == 1
        case UInt8(ascii: "|") where size == 1: bigEndian = false
        default: return nil
        }
    }

    var isLogitType: Bool { kind == .float && (size == 4 || size == 8) }
    var isLabelType: Bool { kind != .float }
}

/// Reading the data of .npy files into doubles and integers.
enum NpyReader {
    /// Where a .npy's logits are and how they are laid out: checked dtype, shape and size.
    struct LogitLayout {
        var rows: Int
        var columns: Int
        var dtype: NpyDtype
        var fortranOrder: Bool
        var data: UnsafeRawBufferPointer
    }

    /// The layout of a .npy of logits of shape (classes,) (one row) or (rows, classes).
    static func logitLayout(_ bytes: UnsafeRawBufferPointer, file: String) throws(LogitFileError) -> LogitLayout {
        let header = try NpyHeader.parse(bytes, file: file)
        guard let dtype = NpyDtype(header.descr), dtype.isLogitType else {
            throw LogitFileError(file: file, problem: .unsupportedDtype(descr: header.descr, supported: NpyDtype.logitTypes))
        }
        let rows: Int, columns: Int
        switch header.shape.count {
        case 1: (rows, columns) = (1, header.shape[0])
        case 2: (rows, columns) = (header.shape[0], header.shape[1])
        default:
            throw LogitFileError(file: file, problem: .unsupportedShape(
                shape: header.shape, reason: "logits must be 1-D (one row) or 2-D (rows, classes)"))
        }
        let data = try dataBytes(bytes, header: header, elementSize: dtype.size, file: file)
        guard rows > 0, columns > 0 else {
            throw LogitFileError(file: file, problem: .unsupportedShape(shape: header.shape, reason: "it holds no logits"))
        }
        return LogitLayout(rows: rows, columns: columns, dtype: dtype, fortranOrder: header.fortranOrder, data: data)
    }

    /// Logits from a .npy of shape (classes,) (one row) or (rows, classes), as doubles.
    static func readLogits(_ bytes: UnsafeRawBufferPointer, file: String) throws(LogitFileError) -> LogitMatrix {
        let layout = try logitLayout(bytes, file: file)
        let (rows, columns, dtype, data) = (layout.rows, layout.columns, layout.dtype, layout.data)
        // A Fortran-order 2-D array is stored column by column.
        let transposed = layout.fortranOrder && rows > 1 && columns > 1
        let values = [Double](unsafeUninitializedCapacity: rows * columns) { out, initialized in
            func fill(_ element: (Int) -> Double) {
                if transposed {
                    for i in 0..<rows {
                        for j in 0..<columns { out[i * columns + j] = element(j * rows + i) }
                    }
                } else {
                    for k in 0..<rows * columns { out[k] = element(k) }
                }
            }
            switch (dtype.size, dtype.bigEndian) {
            case (8, false): fill { Double(bitPattern: UInt64(littleEndian: data.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
            case (8, true): fill { Double(bitPattern: UInt64(bigEndian: data.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
            case (_, false): fill { Double(Float(bitPattern: UInt32(littleEndian: data.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))) }
            case (_, true): fill { Double(Float(bitPattern: UInt32(bigEndian: data.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))) }
            }
            initialized = rows * columns
        }
        return LogitMatrix(rows: rows, columns: columns, values: values)
    }

    /// Labels from a 1-D .npy of integers.
    static func readLabels(_ bytes: UnsafeRawBufferPointer, file: String) throws(LogitFileError) -> LabelList {
        let header = try NpyHeader.parse(bytes, file: file)
        guard let dtype = NpyDtype(header.descr), dtype.isLabelType else {
            throw LogitFileError(file: file, problem: .unsupportedDtype(descr: header.descr, supported: NpyDtype.labelTypes))
        }
        guard header.shape.count == 1 else {
            throw LogitFileError(file: file, problem: .unsupportedShape(shape: header.shape, reason: "labels must be 1-D"))
        }
        let data = try dataBytes(bytes, header: header, elementSize: dtype.size, file: file)
        let count = header.shape[0]
        guard count > 0 else {
            throw LogitFileError(file: file, problem: .unsupportedShape(shape: header.shape, reason: "it holds no labels"))
        }
        var labels: [Int] = []
        labels.reserveCapacity(count)
        for k in 0..<count {
            // The element's bytes, most significant first, as an unsigned 64-bit number.
            var bits: UInt64 = 0
            for byte in 0..<dtype.size {
                let index = k * dtype.size + (dtype.bigEndian ? byte : dtype.size - 1 - byte)
                bits = bits << 8 | UInt64(data[index])
            }
            if dtype.kind == .signed {
                // Sign-extend from the element's width.
                let shift = UInt64(64 - 8 * dtype.size)
                labels.append(Int(Int64(bitPattern: bits << shift) >> shift))
            } else if let label = Int(exactly: bits) {
                labels.append(label)
            } else {
                throw LogitFileError(file: file, location: .row(k + 1, column: nil), problem: .labelTooLarge(text: String(bits)))
            }
        }
        return LabelList(values: labels, file: file)
    }

    /// The data after the header, checked to be exactly what the shape needs. The size is
    /// multiplied out with overflow checks before anything is allocated, so a header that
    /// claims (10^12, 1000) costs nothing but this refusal.
    private static func dataBytes(
        _ bytes: UnsafeRawBufferPointer, header: NpyHeader, elementSize: Int, file: String
    ) throws(LogitFileError) -> UnsafeRawBufferPointer {
        let available = bytes.count - header.dataOffset
        // Any zero dimension makes the product zero, however large the others.
        var needed: Int? = header.shape.contains(0) ? 0 : elementSize
        for dimension in header.shape {
            guard let sofar = needed else { break }
            let (product, overflow) = sofar.multipliedReportingOverflow(by: dimension)
            needed = overflow ? nil : product
        }
        guard let needed, needed <= available else {
            throw LogitFileError(file: file, problem: .truncatedData(
                shape: header.shape, descr: header.descr, needed: needed, available: available))
        }
        guard needed == available else {
            throw LogitFileError(file: file, problem: .extraData(
                shape: header.shape, descr: header.descr, needed: needed, available: available))
        }
        return UnsafeRawBufferPointer(rebasing: bytes[header.dataOffset...])
    }
}
