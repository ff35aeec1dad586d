import LogitFiles

/// The corpus the program ships for the word model: prose written for the project
/// (assets/harbour-town.txt, see assets/NOTICE), read like any user's corpus.
public enum ShippedCorpus {
    public static let fileName = "harbour-town.txt"

    /// Why the shipped corpus could not be read, in one line that names the file and the fix.
    public struct LoadError: Error, Equatable, Sendable, CustomStringConvertible {
        public let description: String

        public init(_ description: String) {
            self.description = description
        }
    }

    /// Finds and reads the shipped corpus.
    public static func load() throws(LoadError) -> Corpus {
        let path: String
        do { path = try ShippedAsset.locate(fileName) } catch {
            throw LoadError("corpus not found: looked for \(fileName) in " + error.searched.joined(separator: ", ")
                + "; set \(ShippedAsset.environmentVariable) to the folder that holds it, or give one with --corpus")
        }
        do { return try CorpusReader.read(path: path) } catch {
            throw LoadError(error.description)
        }
    }
}
