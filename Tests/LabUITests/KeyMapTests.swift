import Foundation
import LabUI
import Testing

@Suite struct KeyMapTests {
    @Test func everyBoundKeyDoesWhatTheTableSays() {
        for binding in KeyMap.bindings {
            for key in binding.keys {
                #expect(KeyMap.action(for: key, editing: false) == binding.action, "\(key)")
            }
        }
    }

    @Test func noKeyIsBoundTwice() {
        let keys = KeyMap.bindings.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
    }

    @Test func whileEditingCharactersAreTyped() {
        #expect(KeyMap.action(for: .character("q"), editing: true) == .editTyped("q"))
        #expect(KeyMap.action(for: .character("0"), editing: true) == .editTyped("0"))
        #expect(KeyMap.action(for: .enter, editing: true) == .editCommitted)
        #expect(KeyMap.action(for: .escape, editing: true) == .editCancelled)
        #expect(KeyMap.action(for: .backspace, editing: true) == .editErased)
        #expect(KeyMap.action(for: .controlC, editing: true) == .quitRequested)
        #expect(KeyMap.action(for: .left, editing: true) == nil)
    }

    @Test func theHelpListsEveryBinding() {
        var state = ExplorerState(seed: 1)
        state.apply(.helpToggled)
        let screen = ExplorerScreen.render(state, width: 80, height: 24).text
        for binding in KeyMap.bindings {
            #expect(screen.contains(binding.summary), "\(binding.summary)")
        }
    }
}

/// The README's key table is written by hand; this keeps it true to the table that drives input.
@Suite struct ReadmeKeyTableTests {
    @Test func everyBindingIsInTheReadme() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardized
        let text = try String(contentsOf: readme, encoding: .utf8)
        for binding in KeyMap.bindings {
            #expect(text.contains("| \(binding.keyNames) | \(binding.summary) |"), "README lacks: \(binding.keyNames)")
        }
    }

    @Test func everyChapterIsInTheReadme() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardized
        let text = try String(contentsOf: readme, encoding: .utf8)
        for (i, chapter) in Chapters.all.enumerated() {
            #expect(text.contains("| \(i + 1) | `\(chapter.name)` | **\(chapter.title)**"), "README lacks chapter \(i + 1)")
        }
    }
}
