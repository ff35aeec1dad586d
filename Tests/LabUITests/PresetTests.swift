import Foundation
import LabUI
import Testing

@Suite struct PresetTests {
    /// The presets are data the program ships: the Swift table must say what assets/presets.tsv says.
    @Test func theTableMatchesTheAssetFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../assets/presets.tsv")
        let rows = try String(contentsOf: url.standardized, encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows.count == Preset.all.count)
        for (row, preset) in zip(rows, Preset.all) {
            let fields = row.split(separator: "\t").map(String.init)
            #expect(fields[0] == preset.name)
            #expect(fields[1].split(separator: ",").map { Double($0) } == preset.logits.map { Optional($0) })
            #expect(fields[2].split(separator: ",").map(String.init) == preset.labels)
        }
    }

    @Test func pCyclesThroughEveryPresetAndClearsTheDraws() {
        var state = ExplorerState(seed: 7, animates: false)
        state.apply(.manyDrawsRequested)
        for preset in Preset.all {
            state.apply(.presetCycled)
            #expect(state.logits == preset.logits)
            #expect(state.labels == preset.labels)
            #expect(state.histogram.total == 0)
            #expect(state.histogram.counts.count == preset.logits.count)
        }
        state.apply(.presetCycled)
        #expect(state.logits == Preset.all[0].logits)
    }
}
