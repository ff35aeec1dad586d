import ArgumentParser
import SoftmaxCore

/// `--show N|all`: how many classes a report lists.
enum ShowCount: ExpressibleByArgument, Equatable {
    case count(Int)
    case all

    init?(argument: String) {
        let text = argument.trimmingSpaces.lowercased()
        if text == "all" { self = .all; return }
        guard let n = Int(text), n >= 1 else { return nil }
        self = .count(n)
    }
}

/// The classes a report lists: every class in index order, or the most probable ones,
/// most probable first, with the rest summed in a line of their own.
struct ClassListing {
    /// The listed classes, in the order they are listed.
    let indices: [Int]
    let classCount: Int

    /// Tables of more classes than this list only `tableDefault` of them, by default.
    static let tableLimit = 50
    static let tableDefault = 20

    var isComplete: Bool { indices.count == classCount }
    var omitted: Int { classCount - indices.count }

    /// - Parameters:
    ///   - probabilities: what ranks the classes (the distribution finally sampled from).
    ///   - logits: breaks ties among equal probabilities (those that underflow alike).
    static func choose(_ show: ShowCount?, format: OutputFormat, probabilities: [Double], logits: [Double]) -> ClassListing {
        let count = probabilities.count
        let limit: Int?
        switch show {
        case .all: limit = nil
        case .count(let n): limit = n
        case nil: limit = format == .table && count > tableLimit ? tableDefault : nil
        }
        guard let limit, limit < count else { return ClassListing(indices: Array(0..<count), classCount: count) }
        return ClassListing(indices: mostProbable(limit, probabilities, logits), classCount: count)
    }

    /// The `n` most probable classes, most probable first; ties by logit, then index. A
    /// running list of the best n keeps this O(K·log n)-ish for the small n tables use.
    static func mostProbable(_ n: Int, _ p: [Double], _ z: [Double]) -> [Int] {
        func before(_ a: Int, _ b: Int) -> Bool {
            p[a] != p[b] ? p[a] > p[b] : z[a] != z[b] ? z[a] > z[b] : a < b
        }
        if n > 1_000 { return Array(p.indices.sorted(by: before).prefix(n)) }
        var best: [Int] = []
        best.reserveCapacity(n + 1)
        for i in p.indices {
            if best.count == n, let last = best.last, !before(i, last) { continue }
            // Binary search for the place that keeps `best` in order.
            var low = 0, high = best.count
            while low < high {
                let mid = (low + high) / 2
                if before(best[mid], i) { low = mid + 1 } else { high = mid }
            }
            best.insert(i, at: low)
            if best.count > n { best.removeLast() }
        }
        return best
    }
}
