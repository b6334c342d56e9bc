import Foundation

/// An indicator of the annual report, counted as in the 2017 Groningen Jaarverslag (4.2.3).
public enum Indicator: String, CaseIterable, Sendable {
    /// Meldingen of type melding or politie-zorgmelding, duplicates included.
    case meldingen
    /// Distinct cases among meldingen, police zorgmeldingen excluded.
    case uniekeMeldingen = "unieke-meldingen"
    /// Distinct cases among the meldingen registered as hermelding.
    case hermeldingen
    /// Hermeldingen ÷ unieke meldingen.
    case hermeldingPercentage = "hermelding-percentage"
    case adviesvragen
    /// Signals in the verwijsindex.
    case signalen
    /// Median days between concern-since and the melding: how long a worry waited to be reported.
    case medianeZorgduur = "mediane-zorgduur"

    /// The label in a Dutch report.
    public var label: String {
        switch self {
        case .meldingen: "Meldingen (incl. politie-zorgmeldingen)"
        case .uniekeMeldingen: "Unieke meldingen"
        case .hermeldingen: "Hermeldingen"
        case .hermeldingPercentage: "Hermeldingpercentage"
        case .adviesvragen: "Adviesvragen"
        case .signalen: "Signalen in de verwijsindex"
        case .medianeZorgduur: "Mediane duur van zorg tot melding (dagen)"
        }
    }

    public var isPercentage: Bool { self == .hermeldingPercentage }
}

/// A target for an indicator, set in a profile: `meldingen: "> 400"`, `hermelding-percentage: "< 30%"`.
public struct IndicatorTarget: Sendable, Hashable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable {
        case atLeast = ">=", atMost = "<=", above = ">", below = "<"
    }

    public let indicator: Indicator
    public let comparison: Comparison
    /// A share for percentages (0.3 for 30%), a count otherwise.
    public let value: Decimal
    public let text: String
    public let location: SourceLocation

    public func isMet(by actual: Decimal) -> Bool {
        switch comparison {
        case .atLeast: actual >= value
        case .atMost: actual <= value
        case .above: actual > value
        case .below: actual < value
        }
    }

    public var description: String { text }

    /// Reads `"> 400"` or `"< 30%"`; nil with a message when it is not such a target.
    static func parse(_ text: String, for indicator: Indicator, at location: SourceLocation) -> Result<IndicatorTarget, RulesError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let comparison = Comparison.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count })
            .first(where: { trimmed.hasPrefix($0.rawValue) })
        else {
            return .failure(RulesError(.invalid, at: location, "indicator \(indicator.rawValue): '\(text)' must start with >, >=, < or <=, as in \"> 400\""))
        }
        var number = trimmed.dropFirst(comparison.rawValue.count).trimmingCharacters(in: .whitespaces)
        let isPercent = number.hasSuffix("%")
        if isPercent { number.removeLast() }
        guard isPercent == indicator.isPercentage else {
            return .failure(RulesError(.invalid, at: location, "indicator \(indicator.rawValue): "
                + (indicator.isPercentage ? "the target is a percentage, as in \"< 30%\"" : "the target is a count, not a percentage")))
        }
        guard var value = Decimal(string: number, locale: Locale(identifier: "en_US_POSIX")), number.allSatisfy({ $0.isNumber || $0 == "." }) else {
            return .failure(RulesError(.invalid, at: location, "indicator \(indicator.rawValue): '\(text)' needs a number after \(comparison.rawValue)"))
        }
        if isPercent { value /= 100 }
        return .success(IndicatorTarget(indicator: indicator, comparison: comparison, value: value, text: trimmed, location: location))
    }
}
