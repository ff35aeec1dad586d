// Logits as a JSON array of numbers (JSONLogitArray), as `--logits-file` reads a .json
// file or standard input that starts with '['.
import LogitFiles

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogitsJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let bytes = [UInt8](input)
    FuzzChecks.withinAllocationBound(input, "logits JSON") {
        do throws(LogitFileError) {
            let values = try JSONLogitArray.parse(bytes, file: FuzzChecks.fileName)
            FuzzChecks.require(!values.isEmpty && values.count <= input.count, "logits JSON: \(values.count) values")
            FuzzChecks.require(values.allSatisfy { $0.isFinite || $0 == -.infinity }, "logits JSON: a NaN or +inf logit")
        } catch {
            FuzzChecks.checkMessage(error.description, "logits JSON")
        }
    }
    return 0
}
