import EntenteModel
import Testing
@testable import EntenteScenario

/// The problems loading `yaml` reports (none when it loads); any other error fails the test.
func problems(_ yaml: String) -> [ScenarioProblem] {
    do {
        _ = try Scenario.parse(yaml: yaml, file: "t.yaml")
        return []
    } catch let e as ScenarioError {
        return e.problems
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}
