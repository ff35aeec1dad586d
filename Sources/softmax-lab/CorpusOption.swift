import ArgumentParser
import Experiments
import LogitFiles

/// `--corpus FILE`: the text the word model trains on, in place of the shipped corpus;
/// for `generate` and for the generation lab. A file that cannot be used is bad data
/// (exit 65), refused in one line that names it.
struct CorpusOption: ParsableArguments {
    @Option(help: ArgumentHelp("Train the word model of 'generate' and the generation chapter on this UTF-8 text file "
                               + "instead of the shipped corpus.", valueName: "file"))
    var corpus: String?

    /// The file's corpus, or nil when none was given.
    func given() throws -> Corpus? {
        guard let corpus else { return nil }
        do { return try CorpusReader.read(path: corpus) } catch {
            throw DataError(error.description)
        }
    }

    /// The file's corpus, or the shipped one.
    func givenOrShipped() throws -> Corpus {
        if let given = try given() { return given }
        do { return try ShippedCorpus.load() } catch {
            throw DataError(error.description)
        }
    }
}
