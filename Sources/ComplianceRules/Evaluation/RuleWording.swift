/// What a rule says in a report: the norm (`title`), what is wrong when it is not met
/// (`problem`), and what to ask the contractor (`advice`).
///
/// A meldingen rule judges each source on its own, and the words for one are not always right for
/// the other: a shortfall of signals in the verwijsindex is not one of meldingen at Veilig Thuis,
/// and asking whether Veilig Thuis was consulted does not address it. Its rule file may therefore
/// word it per source (`wording:`); what a source's wording leaves out is the rule's own.
public struct RuleWording: Sendable, Hashable {
    public let title: String
    public let problem: String?
    public let advice: String

    public init(title: String, problem: String?, advice: String) {
        self.title = title
        self.problem = problem
        self.advice = advice
    }
}

extension Rule {
    /// The rule's words for a finding about `source` (nil: an agreement's finding).
    public func wording(for source: MeldingSource?) -> RuleWording {
        source.flatMap { wordings[$0] } ?? RuleWording(title: title, problem: problem, advice: advice)
    }
}
