/// Finds a file the program ships in `assets/`, for every dataset and corpus alike.
enum ShippedAsset {
    /// Where a file was looked for and not found, as the messages list it.
    struct NotFound: Error {
        let searched: [String]
    }

    /// The environment variable that names the assets folder, overriding the search.
    static let environmentVariable = "SOFTMAX_LAB_ASSETS"

    /// The file's path: in `assetsDirectory` if given (and only there); else in an
    /// `assets` folder of the executable's folder or any folder above it (which finds the
    /// package's assets from `.build/debug/softmax-lab` and from the test bundle); else in
    /// the assets of the package whose Sources/Experiments/ holds `sourceFilePath`.
    static func locate(
        _ fileName: String, assetsDirectory: String?, executablePath: String?, sourceFilePath: String
    ) throws(NotFound) -> String {
        var searched: [String] = []
        if let directory = assetsDirectory, !directory.isEmpty {
            // An explicit folder is final: falling back elsewhere would hide a typo.
            let candidate = FileAccess.join(directory, fileName)
            guard FileAccess.fileExists(candidate) else {
                throw NotFound(searched: ["\(candidate) (from \(environmentVariable))"])
            }
            return candidate
        }
        var directory = executablePath.flatMap(FileAccess.parent(of:))
        while let current = directory {
            let candidate = FileAccess.join(FileAccess.join(current, "assets"), fileName)
            if FileAccess.fileExists(candidate) { return candidate }
            directory = FileAccess.parent(of: current)
        }
        if let executablePath { searched.append("assets/ above \(executablePath)") }
        // Sources/Experiments/<file>.swift: three levels up is the package root.
        var root: String? = sourceFilePath
        for _ in 0..<3 { root = root.flatMap(FileAccess.parent(of:)) }
        if let root {
            let candidate = FileAccess.join(FileAccess.join(root, "assets"), fileName)
            if FileAccess.fileExists(candidate) { return candidate }
            searched.append(candidate)
        }
        throw NotFound(searched: searched)
    }

    /// `locate` with `$SOFTMAX_LAB_ASSETS`, /proc/self/exe and a source file of this module.
    static func locate(_ fileName: String, sourceFilePath: String = #filePath) throws(NotFound) -> String {
        try locate(fileName, assetsDirectory: FileAccess.environmentValue(environmentVariable),
                   executablePath: FileAccess.executablePath(), sourceFilePath: sourceFilePath)
    }
}
