/// Where each part of the explorer goes on a screen of a given size.
///
/// Computed apart from drawing so that a mouse click can be mapped back to the
/// slider or a bar with the same arithmetic that placed them.
public struct ExplorerLayout: Hashable, Sendable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public let width: Int
    public let height: Int
    public let title: Rect
    /// T, H and the top probability in big digits: the projector layout.
    public let bigReadout: Rect?
    public let temperatureLine: Rect
    /// Two rows: the track, then its scale.
    public let slider: Rect
    public let header: Rect
    public let classRows: [Rect]
    public let formula: Rect
    public let entropy: Rect
    public let gauge: Rect
    public let dropArea: Rect
    public let cumulative: Rect
    public let result: Rect
    /// n, the total-variation distance and 1/sqrt(n) for the draws so far.
    public let drawStatistics: Rect
    public let notice: Rect
    public let status: Rect
    public let columns: ClassColumns

    /// Nil when the terminal is smaller than the layout needs.
    public init?(width: Int, height: Int, classCount: Int, labelWidth: Int, big: Bool = false) {
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return nil }
        self.width = width
        self.height = height
        let wantsBig = big || (width >= ScreenOptions.projectorWidth && height >= ScreenOptions.projectorHeight)
        let bigRows = wantsBig && height - (14 + classCount) >= 4 ? 4 : 0
        let fixedRows = 14 + classCount + bigRows
        var spare = max(0, height - fixedRows)
        // On a tall screen (a projector) the bars get two rows each.
        let rowHeight = spare >= classCount + 6 ? 2 : 1
        spare -= (rowHeight - 1) * classCount
        // Spare rows, in the order they help most: a fall for the drawn u that can be
        // seen, air around the bars, a longer fall; what is left centres the screen.
        var gaps = [Int](repeating: 0, count: 5)
        var extraDrop = 0
        for slot in [-1, 1, 2, 3, -1, 4, -1] where spare > 0 {
            if slot < 0 { extraDrop += 1 } else { gaps[slot] += 1 }
            spare -= 1
        }
        gaps[0] += spare / 2
        gaps[4] += spare - spare / 2
        var y = 0
        func take(_ rows: Int) -> Rect {
            defer { y += rows }
            return Rect(x: 0, y: y, width: width, height: rows)
        }
        title = take(1)
        y += gaps[0]
        bigReadout = bigRows > 0 ? take(bigRows).inset(left: 2, right: 2) : nil
        temperatureLine = take(1)
        slider = take(2).inset(left: 1, right: 1)
        y += gaps[1]
        header = take(1)
        classRows = (0..<classCount).map { _ in take(rowHeight) }
        y += gaps[2]
        formula = take(1).inset(left: 1, right: 1)
        entropy = take(1).inset(left: 1, right: 1)
        gauge = take(1).inset(left: 1, right: 1)
        y += gaps[3]
        let cumulativeLeft = 12
        dropArea = take(1 + extraDrop).inset(left: cumulativeLeft, right: 1)
        cumulative = take(1).inset(left: cumulativeLeft, right: 1)
        result = take(1).inset(left: 1, right: 1)
        drawStatistics = take(1).inset(left: 1, right: 1)
        y += gaps[4]
        notice = take(1).inset(left: 1, right: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        columns = ClassColumns(width: width, labelWidth: labelWidth)
    }
}

/// The columns of one class row: marker, label, logit, probability bar and its
/// percentage, then the histogram of draws and its frequency.
public struct ClassColumns: Hashable, Sendable {
    public let label: Int
    public let labelWidth: Int
    /// The logit, right-aligned, ends here.
    public let logitEnd: Int
    public let bar: Int
    public let barWidth: Int
    public let percentEnd: Int
    public let histogram: Int
    public let histogramWidth: Int
    public let frequencyEnd: Int

    static let logitWidth = 9
    static let percentWidth = 7

    init(width: Int, labelWidth: Int) {
        label = 2
        self.labelWidth = max(5, labelWidth)
        logitEnd = label + self.labelWidth + 1 + Self.logitWidth
        bar = logitEnd + 2
        let remaining = width - bar - 2 * Self.percentWidth - 3
        barWidth = remaining * 3 / 5
        percentEnd = bar + barWidth + Self.percentWidth
        histogram = percentEnd + 3
        histogramWidth = remaining - barWidth
        frequencyEnd = histogram + histogramWidth + Self.percentWidth
    }
}
