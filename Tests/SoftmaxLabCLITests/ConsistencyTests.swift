import Foundation
import Testing

/// The command line agrees with itself: one default, no option silently ignored,
/// help that names what exists.
@Suite struct ConsistencyTests {
    /// probs, sample, sweep and the explorer start from the same logits.
    @Test func everySubcommandHasTheExplorersDefaultLogits() throws {
        let explorer = try ProgramRunner.run(["show", "--seed", "1"]).stdout
        #expect(explorer.contains("K = 5 classes"))
        let probs = try ProgramRunner.run(["probs", "--format", "csv"]).stdout
        #expect(probs.split(separator: "\n").count == 1 + 5)
        let sweep = try ProgramRunner.run(["sweep"]).stdout
        #expect(sweep.contains("of 5 logits"))
        let sample = try ProgramRunner.run(["sample", "--seed", "1", "--format", "csv"]).stdout
        #expect(sample.split(separator: "\n").count == 1 + 5)
        for command in ["probs", "sample", "sweep"] {
            #expect(try ProgramRunner.run([command, "--help"]).stdout.contains("default 2,1,0.5,0.1,-1"), "\(command)")
        }
    }

    /// sweep sets T itself: -t there is refused, not ignored.
    @Test func sweepRefusesATemperature() throws {
        let run = try ProgramRunner.run(["sweep", "-t", "0.5"])
        #expect(run.status == usageExitCode)
        #expect(run.stderrLines.count == 1)
    }

    @Test func helpForAnUnknownSubcommandIsAnError() throws {
        let run = try ProgramRunner.run(["help", "foo"])
        #expect(run.status == usageExitCode)
        #expect(run.stderrLines == ["softmax-lab: help: no subcommand 'foo'; the subcommands are explore, show, probs, sample, sweep"])
        #expect(try ProgramRunner.run(["help", "sweep"]).status == 0)
    }

    @Test func theGeneralHelpNamesTheLessonAndItsOptions() throws {
        let help = try ProgramRunner.run(["--help"]).stdout
        for word in ["lesson", "--chapter", "--big", "--no-animation", "show"] {
            #expect(help.contains(word), "\(word)")
        }
    }

    @Test func withoutATerminalTheMessageNamesShow() throws {
        let run = try ProgramRunner.run([])
        #expect(run.status == 1)
        #expect(run.stderrLines.first?.contains("softmax-lab show") == true)
    }
}
