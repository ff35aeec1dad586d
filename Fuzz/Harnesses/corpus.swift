// The plain-text corpus of the word model (CorpusReader: UTF-8 checked, words and
// punctuation tokenised and interned), and what `generate` asks of the corpus read.
import LogitFiles

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCorpus(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let bytes = [UInt8](input)
    FuzzChecks.withinAllocationBound(input, "corpus") {
        do throws(CorpusError) {
            let corpus = try CorpusReader.read(bytes: bytes, file: FuzzChecks.fileName)
            FuzzChecks.require(!corpus.tokens.isEmpty && corpus.tokens.count <= input.count,
                               "corpus: \(corpus.tokens.count) tokens from \(input.count) bytes")
            FuzzChecks.require(corpus.tokens.allSatisfy { corpus.vocabulary.indices.contains($0) }, "corpus: a token id out of range")
            FuzzChecks.require(corpus.wordCount > 0, "corpus: no words")
            for (id, token) in corpus.vocabulary.enumerated() {
                FuzzChecks.require(corpus.id(of: token) == id, "corpus: '\(token)' is not interned as \(id)")
            }
            // generate's prompt is split as the corpus was: each word of the text is found again.
            let starts = corpus.sentenceStarts
            FuzzChecks.require(starts.allSatisfy { $0 + 1 < corpus.tokens.count }, "corpus: a sentence start at the end")
        } catch {
            FuzzChecks.checkMessage(error.description, "corpus")
        }
    }
    return 0
}
