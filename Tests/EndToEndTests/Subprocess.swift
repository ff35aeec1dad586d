import Foundation

/// Runs a command with posix_spawn and waitpid. Foundation's Process can miss the
/// exit of a child whose own child (the tmux server) outlives it, and then waits forever.
enum Subprocess {
    struct Result {
        let status: Int32
        let output: String
    }

    /// Runs `arguments` (found on PATH) with `environment`, stdin from /dev/null.
    /// Output is captured only when `captureOutput` is true; otherwise it goes to
    /// /dev/null, which a daemon that inherits it cannot hold open against us.
    static func run(_ arguments: [String], environment: [String: String], captureOutput: Bool) throws -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pipe: [Int32] = [0, 0]
        if captureOutput {
            guard Glibc.pipe(&pipe) == 0 else { throw SubprocessError.spawnFailed(errno) }
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipe[0])
            posix_spawn_file_actions_addclose(&actions, pipe[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The test runner may block or ignore signals, and a child inherits both: start
        // it with none blocked and every disposition at its default, as a shell would.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw SubprocessError.spawnFailed(spawned) }
        var output = Data()
        if captureOutput {
            close(pipe[1])
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(pipe[0], &buffer, buffer.count)
                if n <= 0 { break }
                output.append(buffer, count: n)
            }
            close(pipe[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return Result(status: status, output: String(decoding: output, as: UTF8.self))
    }
}

enum SubprocessError: Error {
    case spawnFailed(Int32)
}
