// The labels readers: one integer per line of text (or a 1-D .npy of integers, found
// by its magic), then the range check calibration makes.
import LogitFiles

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLabels(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    FuzzChecks.withinAllocationBound(input, "labels") {
        for format in [LogitFileFormat.automatic, .csv] {
            checkLabels(input, "labels as \(format)") { () throws(LogitFileError) in
                try LogitFiles.readLabels(buffer: input, file: FuzzChecks.fileName, format: format)
            }
        }
    }
    return 0
}
