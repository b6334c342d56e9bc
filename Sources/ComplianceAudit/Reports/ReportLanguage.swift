import ComplianceRules

/// The language of a report. Dutch by default: the users are Dutch officials. Every word a report
/// shows comes from the vocabulary (`Words`, `Worded`), in this language; the rule files' titles,
/// advice and explanations are the municipality's own Dutch text and stay as written.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case nl
    case en

    /// How numbers, shares and dates are written: `47,9%` and `31-12-2017` in Dutch.
    public var format: HumanFormat { self == .nl ? .dutch : .english }

    /// A word or phrase of the vocabulary in this language.
    public func callAsFunction(_ item: some Worded) -> String { item.words(self) }

    /// A count with its noun, singular or plural: "1 overeenkomst", "39 overeenkomsten".
    public func count(_ number: Int, _ noun: Noun) -> String {
        "\(format.number(number)) \(number == 1 ? noun.singular(self) : noun.plural(self))"
    }
}

/// A word or phrase in both report languages. Both are required, so a missing translation does
/// not compile.
public struct Words: Sendable, Hashable {
    public let nl: String
    public let en: String

    public init(nl: String, en: String) {
        self.nl = nl
        self.en = en
    }

    /// The same in both languages: a domain word (meldcode, indringend gesprek) or a name.
    public init(both: String) {
        nl = both
        en = both
    }

    public func callAsFunction(_ language: ReportLanguage) -> String { language == .nl ? nl : en }
}

/// Anything a report names in words: a verdict, a status, a source, a field, a phrase of the
/// report itself. Conformances switch over every case, so a new case without words does not compile.
public protocol Worded {
    var words: Words { get }
}
