import Foundation
import LabUI
import SoftmaxCore
import Testing

/// Every state a key can meet, named: the explorer, each chapter, the end page, and
/// every mode over them.
enum KeyWalk {
    static func lab(_ mode: LabState.Mode = .explorer, chapter: Int = 0) -> LabState {
        var lesson = LessonState(instrument: ExplorerState(temperature: .one, seed: 7, animates: false))
        lesson.go(to: chapter)
        return LabState(mode: mode, lesson: lesson)
    }

    static func pressing(_ keys: [Key], from state: LabState) -> LabState {
        var s = state
        for k in keys { s.handle(k) }
        return s
    }

    static var states: [(name: String, state: LabState)] {
        var out: [(String, LabState)] = [("explorer", lab())]
        for i in 0...Chapters.all.count {
            out.append((i < Chapters.all.count ? "chapter \(i + 1)" : "end page", lab(.lesson, chapter: i)))
        }
        out.append(("logit editor", pressing([.enter], from: lab())))
        out.append(("T editor in a chapter", pressing([.character("t")], from: lab(.lesson, chapter: 4))))
        out.append(("help", pressing([.character("?")], from: lab(.lesson, chapter: 6))))
        out.append(("contents", pressing([.character("o")], from: lab(.lesson, chapter: 3))))
        var small = lab(.lesson, chapter: 2)
        small.screenFits = false
        out.append(("too small", small))
        return out
    }

    /// Bindings that may leave the walk's starting state as it was.
    static let mayChangeNothing: Set<String> = [
        "drawsCleared", "editErased", "contentsErased", "helpPagedUp", "contentsUp",
        "greedyChosen", "unitTemperatureChosen", "uniformChosen", "temperatureHeld",
        "columnLeft", "columnRight", "cutTopK", "yoursReset", "alphaLowered", "alphaRaised",
        // Chapter 12 opens at the largest C, and has no T* to set before its model is trained.
        "regularizationWeakened", "fittedTemperatureChosen",
        // Chapter 13 opens at the smallest α.
        "hardWeightLowered",
    ]
}

@Suite struct KeyTableTests {
    /// The walk the issue asks for: in every context, each key the help names reaches
    /// the binding the help puts it under, and does something.
    @Test(arguments: KeyWalk.states.map(\.name))
    func everyKeyInTheHelpDoesWhatTheHelpSays(_ name: String) throws {
        let start = try #require(KeyWalk.states.first { $0.name == name }?.state)
        let keys = start.keys
        for (_, bindings) in keys.liveBindings {
            for binding in bindings {
                for key in binding.keys {
                    #expect(keys.binding(for: key)?.id == binding.id, "\(name): \(key.name) is not '\(binding.summary)'")
                    let after = KeyWalk.pressing([key], from: start)
                    if !KeyWalk.mayChangeNothing.contains(binding.id) {
                        #expect(after != start, "DID-NOTHING \(name): \(key.name) ('\(binding.summary)')")
                    }
                }
            }
        }
    }

    /// What the help overlay shows is every live binding, across its pages, at both sizes.
    @Test(arguments: KeyWalk.states.map(\.name), [(80, 24), (120, 40)])
    func theHelpListsExactlyTheLiveBindings(_ name: String, _ size: (Int, Int)) throws {
        let start = try #require(KeyWalk.states.first { $0.name == name }?.state)
        guard start.screenFits, start.overlay == nil else { return }
        var help = KeyWalk.pressing([.character("?")], from: start)
        guard help.showsHelp else { return }  // an editor takes "?" as text
        var shown = ""
        for _ in 0..<5 {
            shown += LabScreen.render(help, width: size.0, height: size.1).text
            help.handle(.pageDown)
        }
        for (_, bindings) in start.keys.liveBindings where start.overlay == nil {
            for binding in bindings { #expect(shown.contains(binding.summary), "\(name): help lacks '\(binding.summary)'") }
        }
        // Keys bound by an inner context are not named for an outer binding.
        let lesson = KeyWalk.lab(.lesson, chapter: 1)
        let live = lesson.keys.liveBindings.flatMap(\.bindings)
        #expect(live.first { $0.id == "quitRequested" }?.keys == [.character("q"), .controlC])
    }

    /// Every hint on the key line and the status line names a key that reaches a binding.
    @Test(arguments: KeyWalk.states.map(\.name))
    func hintsNameLiveKeys(_ name: String) throws {
        let start = try #require(KeyWalk.states.first { $0.name == name }?.state)
        let keys = start.keys
        for context in keys.contexts {
            for hint in keys.hints(of: context) {
                let binding = keys.contexts.flatMap(\.bindings).first { $0.hint == hint.text }
                #expect(binding.map(keys.isLive) == true, "\(name): hint '\(hint.text)'")
            }
        }
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        var contexts = [ExplorerKeys.context, ModeKeys.editor, ModeKeys.help, ModeKeys.contents, ModeKeys.lesson]
        contexts += Chapters.all.map(\.keys)
        for context in contexts {
            let keys = context.bindings.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(context.title)")
        }
    }

    @Test func whileEditingCharactersAreTypedAndArrowsDoNothing() {
        var s = KeyWalk.pressing([.enter], from: KeyWalk.lab())
        s.handle(.character("q"))
        s.handle(.character("0"))
        #expect(s.explorer.editor?.text == "q0")
        let before = s
        s.handle(.left)
        #expect(s == before)
        s.handle(.controlC)
        #expect(s.explorer.quitRequested)
    }
}

@Suite struct LessonKeysWinTests {
    /// The lesson's page keys reach the lesson in every chapter: no chapter takes PgUp
    /// or PgDn for itself (chapter 2 once did, with the T keys it holds).
    @Test(arguments: 0..<Chapters.all.count)
    func pageKeysTurnPagesInEveryChapter(_ chapter: Int) {
        let keys = KeyWalk.lab(.lesson, chapter: chapter).keys
        for key in [Key.pageUp, .pageDown, .character("["), .character("]"), .character("o")] {
            #expect(["chapterNext", "chapterPrevious", "contentsShown"].contains(keys.binding(for: key)?.id ?? ""),
                    "chapter \(chapter + 1): \(key.name)")
        }
    }
}
