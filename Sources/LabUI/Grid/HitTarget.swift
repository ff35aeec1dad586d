/// A part of the screen a click acts on, with what it means there.
public struct HitTarget: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A temperature track: the click's column along it picks the rung.
        case temperatureTrack
        /// The row of a class: a click selects it.
        case classRow(Int)
        /// A rung of the calibration chapter's L2 slider: a click moves C there.
        case regularizationRung(Int)
        /// A token of a recorded generation's text: a click shows that position.
        case recordedPosition(Int)
        /// Shows what the user set (a T, a logit): never hidden while predicting.
        case input
    }

    public let area: Rect
    public let kind: Kind

    public init(_ area: Rect, _ kind: Kind) {
        self.area = area
        self.kind = kind
    }
}
