@testable import Projections
import Testing

/// `ProjectionName.model` is the one place that lists the projections.
@Suite("Projection registry") struct ProjectionRegistryTests {
    @Test("each registered projection names itself, and no two share a table")
    func eachProjectionOwnsItsTables() {
        for p in ProjectionName.allCases { #expect(p.model.name == p, "\(p)") }
        let tables = ProjectionName.allCases.flatMap { $0.model.tables }
        #expect(Set(tables).count == tables.count, "\(tables)")
        #expect(tables.allSatisfy { $0.hasPrefix("proj.") }, "\(tables)")
    }
}
