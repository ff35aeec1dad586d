import Testing
@testable import Experiments

@Suite struct ExperimentsPlaceholderTests {
    @Test func theModuleLoads() { _ = Experiments.self }
}
