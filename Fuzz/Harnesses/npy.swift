// The .npy readers: the header (NpyHeader), the body as doubles (NpyReader), the view
// onto the data in place (withLogitView, LogitView), a label column taken out
// (NpyLabelColumn), and labels as a 1-D array of integers.
import LogitFiles

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNpy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    FuzzChecks.withinAllocationBound(input, "npy") {
        for labelColumn in [nil, -1] as [Int?] {
            for masked in [false, true] {
                checkLogits(input, "npy logits, label column \(String(describing: labelColumn)), masked \(masked)") {
                    () throws(LogitFileError) in
                    try LogitFiles.readLogits(buffer: input, file: FuzzChecks.fileName, format: .npy,
                                              labelColumn: labelColumn, allowingMaskedClasses: masked)
                }
            }
        }
        checkView(input, "npy view") { body throws(LogitFileError) in
            try LogitFiles.withLogitView(buffer: input, file: FuzzChecks.fileName, format: .npy,
                                         allowingMaskedClasses: true, body)
        }
        checkLabels(input, "npy labels") { () throws(LogitFileError) in
            try LogitFiles.readLabels(buffer: input, file: FuzzChecks.fileName, format: .npy)
        }
    }
    return 0
}
