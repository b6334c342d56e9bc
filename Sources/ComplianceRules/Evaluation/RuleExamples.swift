/// The result of running one of a rule's examples.
public struct ExampleOutcome: Sendable {
    public let rule: Rule
    public let example: RuleExample
    public let actual: ResultStatus

    public var passed: Bool { actual == example.expected }

    /// A failed example as a rules error, at the example in its file.
    public var error: RulesError? {
        passed ? nil : RulesError(.example, at: example.location,
                                  "rule \(rule.id): example expects \(example.expected.rawValue), but the rule gives \(actual.rawValue)")
    }
}

extension RuleSet {
    /// Runs every rule's examples against the rule as its file writes it (no profile thresholds, no waivers).
    public func runExamples() -> [ExampleOutcome] {
        rules.flatMap { rule in
            rule.examples.map { example in
                ExampleOutcome(rule: rule, example: example, actual: rule.evaluate(example.evaluationSubject, asWritten: true).status)
            }
        }
    }
}
