import Testing
@testable import LogitFiles

@Suite struct LogitFilesPlaceholderTests {
    @Test func theModuleLoads() { _ = LogitFiles.self }
}
