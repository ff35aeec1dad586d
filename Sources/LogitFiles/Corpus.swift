/// A text as a word model reads it: each distinct token once, in the order it first
/// appears, and the text as a list of their indices.
///
/// A token is a word, lowercased (letters, digits and marks, with an apostrophe or a
/// hyphen inside it, as in "don't" and "well-known"), or a run of sentence punctuation
/// (". , ; : ! ? …"). Everything else (spaces, quotes, brackets, dashes, symbols) only
/// separates tokens. Lowercasing lets "The" and "the" pool their counts, which a small
/// corpus needs.
public struct Corpus: Sendable, Equatable {
    /// The file as the caller named it, for messages and headings.
    public let name: String
    /// Each distinct token, in order of first appearance: a token's index is its id.
    public let vocabulary: [String]
    /// The text, as ids into `vocabulary`.
    public let tokens: [Int]
    private let ids: [String: Int]

    init(name: String, vocabulary: [String], tokens: [Int], ids: [String: Int]) {
        self.name = name
        self.vocabulary = vocabulary
        self.tokens = tokens
        self.ids = ids
    }

    public static func == (a: Corpus, b: Corpus) -> Bool {
        a.name == b.name && a.vocabulary == b.vocabulary && a.tokens == b.tokens
    }

    /// The file's name without its folders, for headings.
    public var fileName: String {
        name.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? name
    }

    /// The id of a token as the corpus spells it (lowercase), or nil if it never occurs.
    public func id(of token: String) -> Int? { ids[token] }

    /// How many tokens are words, not punctuation.
    public var wordCount: Int { tokens.lazy.filter { !Corpus.isPunctuation(self.vocabulary[$0]) }.count }

    /// Whether a token is punctuation, which is written without a space before it.
    public static func isPunctuation(_ token: String) -> Bool {
        token.unicodeScalars.first.map { CorpusTokenizer.isPunctuation($0) } ?? false
    }

    /// Whether a token ends a sentence (".", "!", "?", "…" and runs of them).
    public static func endsSentence(_ token: String) -> Bool {
        token.unicodeScalars.first.map { CorpusTokenizer.sentenceEnds.contains($0) } ?? false
    }

    /// Tokens as text: a space between words, none before punctuation.
    public static func text(of tokens: some Sequence<String>) -> String {
        var out = ""
        for token in tokens {
            if !out.isEmpty && !isPunctuation(token) { out += " " }
            out += token
        }
        return out
    }

    /// Where sentences start: position 0, and each word that follows a sentence's end
    /// and has a word after it, so that two words of context are there to continue.
    public var sentenceStarts: [Int] {
        var starts: [Int] = []
        for i in tokens.indices where i + 1 < tokens.count {
            let first = vocabulary[tokens[i]], second = vocabulary[tokens[i + 1]]
            guard !Corpus.isPunctuation(first), !Corpus.isPunctuation(second) else { continue }
            if i == 0 || Corpus.endsSentence(vocabulary[tokens[i - 1]]) { starts.append(i) }
        }
        return starts
    }
}

/// Splits text into tokens one Unicode scalar at a time (see `Corpus`), interning each
/// token as it ends. Used by the reader and for a prompt typed on the command line, so
/// both are split the same way.
struct CorpusTokenizer {
    /// A word is cut after this many scalars: a file that is one long "word" stays readable.
    static let maximumWordLength = 64
    /// A run of punctuation keeps at most this many characters ("...", "?!").
    static let maximumPunctuationLength = 3

    static let sentenceEnds: Set<Unicode.Scalar> = [".", "!", "?", "…", "。", "！", "？"]
    static let pauses: Set<Unicode.Scalar> = [",", ";", ":", "，", "；", "：", "、"]
    /// Apostrophes and hyphens, as the word keeps them when they stand between letters.
    static let joiners: [Unicode.Scalar: Unicode.Scalar] = ["'": "'", "’": "'", "-": "-", "‐": "-"]

    private(set) var vocabulary: [String] = []
    private(set) var ids: [String: Int] = [:]
    private(set) var tokens: [Int] = []
    private(set) var wordTokens = 0
    private var word = String.UnicodeScalarView()
    private var wordLength = 0
    private var punctuation = String.UnicodeScalarView()
    private var punctuationLength = 0
    /// An apostrophe or hyphen after a word, kept only if a letter follows.
    private var joiner: Unicode.Scalar?

    static func isPunctuation(_ s: Unicode.Scalar) -> Bool { sentenceEnds.contains(s) || pauses.contains(s) }

    /// Letters, digits and combining marks: what words are made of.
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
        }
        let properties = s.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    mutating func feed(_ s: Unicode.Scalar) {
        if Self.isWordScalar(s) {
            endPunctuation()
            if let pending = joiner, wordLength > 0 { appendToWord(pending) }
            joiner = nil
            if s.isASCII {
                // ASCII letters lowercased by hand: the common case, without a table lookup.
                let v = s.value
                appendToWord(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(UInt8(v + 0x20)) : s)
            } else {
                for lower in s.properties.lowercaseMapping.unicodeScalars { appendToWord(lower) }
            }
        } else if let joined = Self.joiners[s], wordLength > 0, joiner == nil {
            joiner = joined
        } else {
            joiner = nil
            endWord()
            if Self.isPunctuation(s) {
                if punctuationLength < Self.maximumPunctuationLength { punctuation.append(s) }
                punctuationLength += 1
            } else {
                endPunctuation()
            }
        }
    }

    /// Ends the token in progress, at the end of the text.
    mutating func finish() {
        endWord()
        endPunctuation()
    }

    private mutating func appendToWord(_ s: Unicode.Scalar) {
        if wordLength < Self.maximumWordLength { word.append(s) }
        wordLength += 1
    }

    private mutating func endWord() {
        guard wordLength > 0 else { return }
        intern(String(word))
        wordTokens += 1
        word = String.UnicodeScalarView()
        wordLength = 0
    }

    private mutating func endPunctuation() {
        guard punctuationLength > 0 else { return }
        intern(String(punctuation))
        punctuation = String.UnicodeScalarView()
        punctuationLength = 0
    }

    private mutating func intern(_ token: String) {
        if let id = ids[token] {
            tokens.append(id)
        } else {
            ids[token] = vocabulary.count
            tokens.append(vocabulary.count)
            vocabulary.append(token)
        }
    }

    func corpus(named name: String) -> Corpus {
        Corpus(name: name, vocabulary: vocabulary, tokens: tokens, ids: ids)
    }
}
