import CAllocationPeak

/// What every harness checks of every input, whatever its reader: a reader may return
/// a result or refuse the input in one line, and must not allocate more than a small
/// multiple of the input's size. A broken promise ends the run with `fatalError`,
/// which libFuzzer reports as a crash and saves the input that caused it.
///
/// A trap, an ASan report (a read past the input) or a hang (libFuzzer's -timeout) is
/// caught by the fuzzer itself.
enum FuzzChecks {
    /// The name every harness gives the input, so that a message can be checked to name it.
    static let fileName = "fuzz-input"

    /// Bytes a reader may hold at once per byte of input. The most any reader was seen to
    /// hold is about 19 (a JSON array of empty strings, a CSV header of empty names): a
    /// cell of a byte or two becomes a 16-byte String or an 8-byte double in an array that
    /// may be growing (old and new storage both alive while it is copied). A .npy header
    /// that claims more than its file holds must cost nothing.
    static let bytesPerInputByte = 32
    /// What any call may allocate whatever its input: messages, small arrays, the Swift
    /// runtime's first use of a type. Small inputs cost 1 to 5 KB; kept small, so that an
    /// allocation driven by what a short input claims cannot hide in it.
    static let fixedAllowance = 16 * 1024

    /// Runs `body` over the input and checks the most memory it held at once.
    static func withinAllocationBound(_ input: UnsafeRawBufferPointer, _ what: String, _ body: () -> Void) {
        fuzz_allocation_peak_reset()
        body()
        let peak = fuzz_allocation_peak_bytes()
        let bound = bytesPerInputByte * input.count + fixedAllowance
        if peak > bound {
            fatalError("\(what): \(peak) bytes allocated at once for \(input.count) bytes of input (bound \(bound))")
        }
    }

    /// A refusal must be one line, naming the file when `namesFile`.
    static func checkMessage(_ message: String, _ what: @autoclosure () -> String, namesFile: Bool = true) {
        if message.isEmpty { fatalError("\(what()): an empty message") }
        if message.contains(where: \.isNewline) { fatalError("\(what()): a message of more than one line: \(message)") }
        if namesFile && !message.hasPrefix(fileName + ": ") {
            fatalError("\(what()): the message does not start with the file's name: \(message)")
        }
    }

    /// Fails unless `condition`, with what was wrong.
    static func require(_ condition: Bool, _ what: @autoclosure () -> String) {
        if !condition { fatalError(what()) }
    }
}
