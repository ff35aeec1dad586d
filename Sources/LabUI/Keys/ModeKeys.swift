/// The contexts of the modes every screen shares: typing a value, the help, the
/// chapter menu, the lesson frame and the enlarge screen.
public enum ModeKeys {
    /// Typing a logit or T: characters are typed, and other keys do nothing, so a
    /// stray arrow cannot lose the text; the prompt shows all the while.
    public static let editor = KeyContext(
        title: "Typing a value",
        bindings: [
            KeyBinding("editCommitted", [.enter], "accept", hint: "Enter accept",
                       perform: ExplorerKeys.apply(.editCommitted)),
            KeyBinding("editCancelled", [.escape], "cancel, keep the old value", hint: "Esc cancel",
                       perform: ExplorerKeys.apply(.editCancelled)),
            KeyBinding("editErased", [.backspace, .delete], "erase a character", hint: "Backspace erase",
                       perform: ExplorerKeys.apply(.editErased)),
            KeyBinding("editQuit", [.controlC], "quit", perform: ExplorerKeys.apply(.quitRequested)),
        ],
        unbound: { state, key in
            if case .character(let c) = key { state.explorer.apply(.editTyped(c)) }
            return true
        })

    /// The help: it scrolls when it does not fit, and any other key closes it.
    public static let help = KeyContext(
        title: "Help",
        bindings: [
            KeyBinding("helpClosed", [.escape, .character("?")], "close the help", hint: "Esc close",
                       perform: { $0.overlay = nil }),
            KeyBinding("helpPagedDown", [.pageDown, .down, .character(" ")], "next page of keys", hint: "PgDn more",
                       perform: { $0.pageHelp(by: 1) }),
            KeyBinding("helpPagedUp", [.pageUp, .up], "previous page of keys", perform: { $0.pageHelp(by: -1) }),
            KeyBinding("helpQuit", [.controlC], "quit", perform: ExplorerKeys.apply(.quitRequested)),
        ],
        unbound: { state, _ in
            state.overlay = nil
            return true
        })

    /// The table of contents: a chapter number and Enter, or ↑ ↓ and Enter.
    public static let contents = KeyContext(
        title: "Contents",
        bindings: [
            KeyBinding("contentsOpened", [.enter], "open the chapter", hint: "Enter open",
                       perform: { $0.openChosenChapter() }),
            KeyBinding("contentsUp", [.up, .character("k")], "previous chapter", hint: "↑↓ choose",
                       perform: { $0.moveContentsChoice(by: -1) }),
            KeyBinding("contentsDown", [.down, .character("j")], "next chapter", perform: { $0.moveContentsChoice(by: 1) }),
            KeyBinding("contentsErased", [.backspace], "erase the number typed", perform: { $0.eraseContentsNumber() }),
            KeyBinding("contentsClosed", [.escape, .character("o")], "close the contents", hint: "Esc close",
                       perform: { $0.overlay = nil }),
            KeyBinding("contentsQuit", [.character("q"), .controlC], "quit", hint: "q quit",
                       perform: ExplorerKeys.apply(.quitRequested)),
        ],
        unbound: { state, key in
            if case .character(let c) = key, let digit = c.wholeNumberValue, c.isASCII {
                state.typeContentsDigit(digit)
            }
            return true
        })

    /// The lesson's own keys, around every chapter.
    public static let lesson = KeyContext(
        title: "Lesson",
        bindings: [
            KeyBinding("chapterNext", [.character("]"), .pageDown], "next chapter", hint: "] next",
                       perform: { $0.turnPage(by: 1) }),
            KeyBinding("chapterPrevious", [.character("["), .pageUp], "previous chapter", hint: "[ back",
                       perform: { $0.turnPage(by: -1) }),
            KeyBinding("contentsShown", [.character("o")], "contents: open any chapter", hint: "o contents",
                       perform: { $0.openContents() }),
            KeyBinding("lessonLeft", [.escape, .tab], "back to the explorer", hint: "Tab explorer", isEssential: true,
                       perform: { $0.toggleLesson() }),
        ],
        featured: ["predictToggled", "helpOpened", "quitRequested"])

    /// The lesson's keys when Tab goes back to a recorded generation rather than the explorer.
    public static let lessonFromRecording = KeyContext(
        title: lesson.title,
        bindings: lesson.bindings.map { b in
            b.id != "lessonLeft" ? b : KeyBinding(b.id, b.keys, "back to the recorded generation", hint: "Tab generation",
                                                  isEssential: true, perform: { $0.toggleLesson() })
        },
        featured: lesson.featured)

    /// While the screen is too small to draw: keys wait, but q and ^C still quit.
    public static let tooSmall = KeyContext(
        title: "Terminal too small",
        bindings: [
            KeyBinding("tooSmallQuit", [.character("q"), .controlC], "quit", perform: ExplorerKeys.apply(.quitRequested)),
        ],
        unbound: { _, _ in true })
}
