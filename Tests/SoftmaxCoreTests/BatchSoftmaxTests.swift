import SoftmaxKernels
import Testing

@testable import SoftmaxCore

/// The batch softmax against the scalar `softmax`, `entropy` and `SoftmaxReadout`,
/// and the kernels' exp against libm.
@Suite("Batch softmax")
struct BatchSoftmaxTests {
    /// Probabilities may differ from the scalar path by a few ulp; below the normal
    /// range, by a few units of the smallest subnormal.
    static func probabilitiesAgree(_ batch: Double, _ scalar: Double) -> Bool {
        abs(batch - scalar) <= 1e-14 * scalar + 1e-300
    }

    /// The entropy is `ln Z - <e y> / Z` in both, summed in a different order.
    static func entropiesAgree(_ batch: Double, _ scalar: Double) -> Bool {
        abs(batch - scalar) <= 1e-13 * max(1, abs(scalar))
    }

    /// Marsaglia's polar method, which needs no trigonometry.
    static func standardNormal(_ generator: inout SeededGenerator) -> Double {
        while true {
            let u = 2 * generator.nextUniform() - 1
            let v = 2 * generator.nextUniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * s.log / s).squareRoot() }
        }
    }

    static func randomLogits(count: Int, spread: Double, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in spread * standardNormal(&generator) }
    }

    /// Every row of `logits` through the batch path and through the scalar code.
    static func expectMatchesScalar(
        _ logits: [Double], columns: Int, temperature: Temperature,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (probabilities, entropies) = softmaxRows(logits, columns: columns, temperature: temperature)
        #expect(probabilities.count == logits.count, sourceLocation: sourceLocation)
        #expect(entropies.count == logits.count / columns, sourceLocation: sourceLocation)
        for r in 0..<logits.count / columns {
            let row = Array(logits[r * columns..<(r + 1) * columns])
            let scalar = softmax(row, temperature: temperature)
            let batch = probabilities[r * columns..<(r + 1) * columns]
            let disagreeing = zip(batch, scalar).filter { !probabilitiesAgree($0, $1) }
            #expect(
                disagreeing.isEmpty,
                "row \(r) of \(columns) at T = \(temperature): \(disagreeing.prefix(3))",
                sourceLocation: sourceLocation)
            #expect(!batch.contains { $0.isNaN }, sourceLocation: sourceLocation)
            let readout = SoftmaxReadout(logits: row, temperature: temperature)
            #expect(
                entropiesAgree(entropies[r], readout.entropy),
                "row \(r): entropy \(entropies[r]) vs \(readout.entropy)",
                sourceLocation: sourceLocation)
            #expect(
                entropiesAgree(entropies[r], entropy(scalar)),
                "row \(r): entropy \(entropies[r]) vs entropy(softmax) \(entropy(scalar))",
                sourceLocation: sourceLocation)
        }
    }

    @Test(
        "random rows of every length around the vector width and the block size",
        arguments: [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 63, 64, 65, 130, 1027])
    func randomRows(columns: Int) throws {
        let logits = Self.randomLogits(count: columns * max(3, 600 / columns), spread: 8, seed: UInt64(columns))
        for t in [1, 0.7, 2, 0.01, 1e-3, 100, 1e6] {
            Self.expectMatchesScalar(logits, columns: columns, temperature: try Temperature(t))
        }
    }

    @Test("a long row not a multiple of the vector width")
    func longRow() throws {
        let logits = Self.randomLogits(count: 50_003, spread: 30, seed: 50_003)
        Self.expectMatchesScalar(logits, columns: logits.count, temperature: .one)
        Self.expectMatchesScalar(logits, columns: logits.count, temperature: try Temperature(0.3))
    }

    @Test("logits of +-1e300 at ordinary, tiny and huge temperatures")
    func extremeLogits() throws {
        let rows: [[Double]] = [
            [1e300, -1e300, 0, 1e300, 5],
            [-1e300, -1e300, -1e300, -1e300, -1e300],
            [1e300, 1e300 * (1 - 0x1p-52), -1e300, 1, -1],
            [0, -1e300, -1e-300, 1e-300, -Double.greatestFiniteMagnitude],
            [Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 0, 1, 2],
        ]
        let long = (0..<67).map { i in [1e300, -1e300, 0, 3.5][i % 4] * (i % 3 == 0 ? 1 : -1) }
        for t in [1, 1e-300, 1e300, 1e-20, 0.5] {
            let temperature = try Temperature(t)
            Self.expectMatchesScalar(rows.flatMap { $0 }, columns: 5, temperature: temperature)
            Self.expectMatchesScalar(long, columns: long.count, temperature: temperature)
        }
    }

    @Test(
        "T = 0, T = infinity and temperatures whose 1/T is not normal match the scalar code exactly",
        arguments: [0, .infinity, 0x1.2688b70e62b17p-1030 /* about 1e-310 */, .leastNonzeroMagnitude, 1e308, .greatestFiniteMagnitude])
    func limits(t: Double) throws {
        let temperature = try Temperature(t)
        #expect(!batchKernelHandles(temperature))
        var logits = Self.randomLogits(count: 70 * 3, spread: 4, seed: 7)
        // Ties for the greedy limit to share.
        logits[1] = logits[0] + 1e3
        logits[2] = logits[1]
        let (probabilities, entropies) = softmaxRows(logits, columns: 70, temperature: temperature)
        for r in 0..<3 {
            let row = Array(logits[r * 70..<(r + 1) * 70])
            #expect(Array(probabilities[r * 70..<(r + 1) * 70]) == softmax(row, temperature: temperature))
            #expect(entropies[r] == SoftmaxReadout(logits: row, temperature: temperature).entropy)
        }
        #expect(!probabilities.contains { $0.isNaN } && !entropies.contains { $0.isNaN })
    }

    @Test("the smallest and largest temperatures the kernel takes")
    func kernelEdges() throws {
        let logits = Self.randomLogits(count: 5 * 40, spread: 2, seed: 11)
        let smallest = try Temperature(0x1p-1022)
        let largest = try Temperature(0x1p1022)
        #expect(batchKernelHandles(smallest) && batchKernelHandles(largest))
        #expect(!batchKernelHandles(try Temperature(largest.value.nextUp)))
        // Not powers of two, so divided rather than multiplied by 1/T.
        let nearSmallest = try Temperature(3 * 0x1p-1022)
        let nearLargest = try Temperature(0x1.8p1021)
        // A subnormal T is fine as long as 1/T is normal.
        let subnormal = try Temperature(0x0.45080ae75f218p-1022)  // about 6e-309, written exactly
        #expect(batchKernelHandles(subnormal))
        for t in [smallest, largest, nearSmallest, nearLargest, subnormal] {
            Self.expectMatchesScalar(logits, columns: 5, temperature: t)
            Self.expectMatchesScalar(logits, columns: 100, temperature: t)
        }
    }

    @Test("in place gives the same bits as the copying version")
    func inPlace() throws {
        for columns in [5, 300] {
            let logits = Self.randomLogits(count: columns * 21, spread: 5, seed: 3)
            let temperature = try Temperature(0.8)
            let expected = softmaxRows(logits, columns: columns, temperature: temperature)
            var buffer = logits
            var entropies = [Double](repeating: .nan, count: 21)
            buffer.withUnsafeMutableBufferPointer { buffer in
                entropies.withUnsafeMutableBufferPointer { entropies in
                    softmaxRowsInPlace(buffer, columns: columns, temperature: temperature, entropies: entropies)
                }
            }
            #expect(buffer == expected.probabilities)
            #expect(entropies == expected.entropies)
            buffer = logits
            buffer.withUnsafeMutableBufferPointer {
                softmaxRowsInPlace($0, columns: columns, temperature: temperature)
            }
            #expect(buffer == expected.probabilities)
        }
    }

    @Test("no rows gives nothing")
    func empty() {
        let (probabilities, entropies) = softmaxRows([], columns: 4, temperature: .one)
        #expect(probabilities.isEmpty && entropies.isEmpty)
    }

    /// ulps between the kernel's exp and libm's (itself within an ulp of exact);
    /// below the normal range, the difference in units of the smallest subnormal.
    static func expError(of x: Double, _ kernel: Double) -> Double {
        let reference = x.exp
        if reference.isNaN { return kernel.isNaN ? 0 : .infinity }
        if reference.isInfinite || reference == 0 {
            return kernel == reference ? 0 : abs(kernel - reference) / Double.leastNonzeroMagnitude
        }
        if reference < Double.leastNormalMagnitude {
            return abs(kernel - reference) / Double.leastNonzeroMagnitude
        }
        return abs(kernel - reference) / reference.ulp
    }

    static let expInputs: [Double] = {
        var generator = SeededGenerator(seed: 2_718)
        var x: [Double] = [
            0, -0.0, 1, -1, 1e-300, -1e-300, .leastNonzeroMagnitude, 0.5 * 2.0.log, -0.5 * 2.0.log,
            709.782712893384, 709.7827128933841, 709.79, 710, 1e300, .infinity,
            -708.3964185322641, -708.4, -745.1332191019411, -745.1332191019412, -746, -1e300, -.infinity,
            .nan,
        ]
        // Uniform over the whole interesting range, then denser where softmax lives.
        x += (0..<40_000).map { _ in -760 + 1480 * generator.nextUniform() }
        x += (0..<20_000).map { _ in -40 * generator.nextUniform() }
        x += (0..<5_000).map { _ in 1e-6 * (generator.nextUniform() - 0.5) }
        return x
    }()

    @Test("the kernel exp is within an ulp or two of libm on every instruction set")
    func expAgainstLibm() {
        let initial = sk_active_isa()
        defer { _ = sk_use_isa(initial) }
        for isa in [SK_ISA_PORTABLE, SK_ISA_AVX2_FMA] {
            let inUse = sk_use_isa(isa)
            let x = Self.expInputs
            var y = [Double](repeating: 0, count: x.count)
            x.withUnsafeBufferPointer { x in
                y.withUnsafeMutableBufferPointer { y in sk_exp(x.baseAddress, y.baseAddress, x.count) }
            }
            let worst = zip(x, y).map { Self.expError(of: $0, $1) }.max() ?? 0
            #expect(worst <= 2, "instruction set \(inUse.rawValue): worst error \(worst)")
            #expect(y[x.firstIndex(of: -.infinity)!] == 0)
            #expect(y[x.firstIndex(of: .infinity)!] == .infinity)
            #expect(y[x.firstIndex { $0.isNaN }!].isNaN)
        }
    }

    @Test("the portable kernels agree with the scalar code too")
    func portableRows() throws {
        let initial = sk_active_isa()
        defer { _ = sk_use_isa(initial) }
        _ = sk_use_isa(SK_ISA_PORTABLE)
        let logits = Self.randomLogits(count: 5 * 200, spread: 6, seed: 5)
        Self.expectMatchesScalar(logits, columns: 5, temperature: try Temperature(0.9))
        Self.expectMatchesScalar(logits, columns: 1000, temperature: try Temperature(0.9))
    }
}

@Suite("Bulk alias sampling")
struct BulkAliasSamplingTests {
    @Test("sample(count:) draws exactly what draw(using:) does, one generator step each", arguments: [1, 2, 5, 1000])
    func bulkMatchesSingleDraws(classes: Int) {
        var weights = BatchSoftmaxTests.randomLogits(count: classes, spread: 2, seed: UInt64(classes)).map { $0.exp }
        if classes > 2 { weights[1] = 0 }
        let table = AliasTable(probabilities: weights)
        var bulk = SeededGenerator(seed: 9)
        var single = bulk
        let draws = table.sample(count: 5_000, using: &bulk)
        let expected = (0..<5_000).map { _ in Int32(table.draw(using: &single)) }
        #expect(draws == expected)
        #expect(bulk == single)
        if classes > 2 { #expect(!draws.contains(1)) }
    }
}
