import ArgumentParser
import LabUI

/// `softmax-lab show`: a chapter's screen as plain text, for slides, handouts and
/// screen readers. It is the same render the terminal shows, without escape codes.
struct ShowCommand: AnsweringCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a chapter's screen as plain text (for slides, handouts and screen readers)."
    )

    @OptionGroup var explorer: ExplorerOptions

    @Option(help: "Screen width in columns, 80 to 400.", transform: { try parseDimension($0, "--width", 80...400) })
    var width: Int = 80

    @Option(help: "Screen height in rows, 24 to 200.", transform: { try parseDimension($0, "--height", 24...200) })
    var height: Int = 24

    @Option(
        help: ArgumentHelp("Keys to press first, space-separated, such as \"d d\" or \"Right Right Enter 3 Enter\"; "
                           + "animations are run to their end after each.", valueName: "keys"),
        transform: { text in
            do throws(KeyNameError) { return KeySequence(keys: try KeyNames.parse(text)) } catch {
                throw ValidationError(visibleText(error.description))
            }
        })
    var keys: KeySequence?

    /// show prints plain text with every animation run to its end, so the options that
    /// only change colour or motion would be ignored: they are refused instead.
    func validate() throws {
        let ignored = [("--no-color", explorer.noColor), ("--projector", explorer.projector),
                       ("--no-animation", explorer.noAnimation)].filter(\.1).map(\.0)
        if let first = ignored.first {
            throw ValidationError("\(first) has no effect on show, which prints plain text with every animation at its end")
        }
    }

    func answer() throws -> String {
        // A fixed default seed, so that a handout printed twice shows the same draws.
        var state = try explorer.labState(seed: explorer.seed ?? 1)
        state.press(keys?.keys ?? [])
        let options = ScreenOptions(unicode: !explorer.ascii, color: false, big: explorer.big, projector: explorer.projector)
        return LabScreen.render(state, width: width, height: height, options: options).text
    }
}

func parseDimension(_ text: String, _ option: String, _ range: ClosedRange<Int>) throws -> Int {
    guard let n = Int(text.trimmingSpaces), range.contains(n) else {
        throw ValidationError("must be a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return n
}

/// The keys `show --keys` presses, parsed once.
struct KeySequence {
    let keys: [Key]
}
