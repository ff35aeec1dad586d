import Foundation
import LabUI
import SoftmaxCore
import Testing

@Suite struct Chapter03Tests {
    static func lesson(_ t: Temperature) -> LessonState {
        LessonState(chapterIndex: 2, instrument: ExplorerState(temperature: t, seed: 7, animates: false))
    }

    @Test func snapshots() throws {
        for (w, h) in [(80, 24), (120, 40)] {
            GoldenFile.assertMatches(LessonScreen.render(Self.lesson(.one), width: w, height: h).text,
                                     named: "chapter-03-T1-\(w)x\(h)")
        }
        GoldenFile.assertMatches(LessonScreen.render(Self.lesson(.greedy), width: 80, height: 24).text,
                                 named: "chapter-03-T0-80x24")
    }

    /// The text quotes the top probability, H and ln K; each is checked against a closed form.
    @Test(arguments: [1.0, 0.5])
    func quotedNumbersAreTheLiveOnes(_ t: Double) throws {
        let screen = LessonScreen.render(Self.lesson(try Temperature(t)), width: 80, height: 24).text
        let z = [2, 1, 0.5, 0.1, -1.0]
        let p = closedFormSoftmax(z, temperature: t)
        let h = -p.reduce(0) { $0 + $1 * log($1) }
        #expect(screen.contains(NumberFormat.fixed(p[0] * 100, decimals: 1) + "%"))
        #expect(screen.contains("H = " + NumberFormat.fixed(h, decimals: 3) + " nats"))
        #expect(screen.contains("ln 5 = " + NumberFormat.fixed(log(5), decimals: 3)))
    }
}
