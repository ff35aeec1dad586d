// The text readers: CSV, TSV and whitespace-separated logits (TextReader, ByteNumbers),
// with each separator forced and guessed, a label column taken out, and -inf allowed
// or refused; the logits lent as calibration borrows them.
import LogitFiles

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    FuzzChecks.withinAllocationBound(input, "text") {
        for format in [LogitFileFormat.automatic, .csv, .tsv, .whitespace] {
            checkLogits(input, "text logits as \(format)") { () throws(LogitFileError) in
                try LogitFiles.readLogits(buffer: input, file: FuzzChecks.fileName, format: format)
            }
        }
        for labelColumn in [0, -1] {
            checkLogits(input, "text logits, label column \(labelColumn), masked") { () throws(LogitFileError) in
                try LogitFiles.readLogits(buffer: input, file: FuzzChecks.fileName, format: .automatic,
                                          labelColumn: labelColumn, allowingMaskedClasses: true)
            }
        }
        checkView(input, "text view") { body throws(LogitFileError) in
            try LogitFiles.withLogitView(buffer: input, file: FuzzChecks.fileName, format: .automatic,
                                         allowingMaskedClasses: true, body)
        }
    }
    return 0
}
