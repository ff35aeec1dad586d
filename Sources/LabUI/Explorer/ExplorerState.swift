import SoftmaxCore

/// The whole of the explorer: what the screen shows is a pure function of this.
///
/// Randomness lives here too, as a seeded generator, so the same seed and the same
/// keys give the same draws, and a test can assert them exactly.
public struct ExplorerState: Hashable, Sendable {
    public static let minimumClassCount = 2
    public static let maximumClassCount = 10
    public static let logitStep = 0.1
    public static let farLogitStep = 1.0
    /// How many draws `d` adds.
    public static let batchSize = 1000

    public var logits: [Double]
    public var labels: [String]
    public var temperature: Temperature
    public var selected: Int
    /// The value being typed for the selected logit or for T, while editing.
    public var editor: ValueEditor?
    /// A one-line message under the chart: a refusal, or what just happened.
    public var notice: Notice?
    public var lastDraw: Draw?
    public var drop: DropAnimation?
    public var histogram: Histogram
    public var batch: BatchAnimation?
    public var generator: SeededGenerator
    public let seed: UInt64
    public var quitRequested: Bool
    /// False for reduced motion: every animation jumps to its end.
    public var animates: Bool
    /// The preset `p` showed last; nil until it is first pressed.
    public var presetIndex: Int?

    public init(logits: [Double] = [2, 1, 0.5, 0.1, -1], labels: [String]? = nil,
                temperature: Temperature = .one, seed: UInt64 = 0, animates: Bool = true) {
        let logits = Array(logits.prefix(Self.maximumClassCount))
        self.logits = logits
        self.labels = ExplorerState.cleanLabels(labels, count: logits.count)
        self.temperature = temperature
        selected = 0
        histogram = Histogram(classCount: logits.count)
        generator = SeededGenerator(seed: seed)
        self.seed = seed
        quitRequested = false
        self.animates = animates
    }

    public var classCount: Int { logits.count }
    public var readout: SoftmaxReadout { SoftmaxReadout(logits: logits, temperature: temperature) }
    public var isAnimating: Bool { drop != nil || batch != nil }

    /// The label of class i, made safe to show and at most `labelLimit` columns.
    static let labelLimit = 10

    static func cleanLabels(_ labels: [String]?, count: Int) -> [String] {
        (0..<count).map { i in
            guard let labels, labels.indices.contains(i), !labels[i].isEmpty else { return defaultLabel(i) }
            return TextWidth.truncate(labels[i], to: labelLimit)
        }
    }

    /// A, B, ..., Z, then 27, 28, ...
    public static func defaultLabel(_ i: Int) -> String {
        i < 26 ? String(UnicodeScalar(UInt8(65 + i))) : String(i + 1)
    }
}

/// A message shown in the notice line until the next key.
public struct Notice: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case info, refusal }
    public let kind: Kind
    public let text: String

    public static func info(_ text: String) -> Notice { Notice(kind: .info, text: text) }
    public static func refusal(_ text: String) -> Notice { Notice(kind: .refusal, text: text) }
}

/// The text of a value being typed: the selected logit, or T.
public struct ValueEditor: Hashable, Sendable {
    public enum Target: Hashable, Sendable { case logit, temperature }
    public var target: Target
    public var text: String
    /// Why the last Enter was refused, shown beside the field until the next key.
    public var refusal: String?

    public init(_ target: Target = .logit, text: String = "") {
        self.target = target
        self.text = text
    }
}

/// A drawn u falling onto the cumulative bar.
public struct DropAnimation: Hashable, Sendable {
    public static let duration = 0.5
    public var elapsed: Double = 0
    /// 0 when the marker leaves the top, 1 when it lands.
    public var progress: Double { min(1, elapsed / Self.duration) }
    /// Landed; the allowance stops ticks that sum to 0.49999 s from costing an extra frame.
    public var hasLanded: Bool { elapsed >= Self.duration - 1e-9 }
}

/// A batch of draws arriving over two seconds, slowly at first so single draws can
/// be seen landing, then faster: the count drawn grows with the square of time.
public struct BatchAnimation: Hashable, Sendable {
    public static let duration = 2.0
    /// The histogram total when the batch started, and when it will be done.
    public let startTotal: Int
    public let endTotal: Int
    public var elapsed: Double = 0

    /// The histogram total the animation should have reached by now.
    public var totalDue: Int {
        let t = min(1, elapsed / Self.duration)
        // The small allowance keeps 10 ticks of 0.1 s from summing to 0.99999 s and losing a draw.
        return startTotal + Int((Double(endTotal - startTotal) * t * t + 1e-6).rounded(.down))
    }
}
