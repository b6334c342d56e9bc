import ComplianceRules
import Foundation

/// One indicator of the annual report, with its target from the profile when there is one.
public struct IndicatorValue: Sendable, Hashable {
    public let indicator: Indicator
    /// `nil` when the export it needs was not supplied (geen gegevens).
    public let value: Decimal?
    public let target: IndicatorTarget?

    /// behaald (true) / niet behaald (false); nil without a target or a value.
    public var met: Bool? {
        guard let value, let target else { return nil }
        return target.isMet(by: value)
    }
}

extension IndicatorValue {
    /// The indicators as the 2017 Jaarverslag counts them, from the exports that were supplied.
    static func all(veiligThuis: MeldingenCount?, verwijsindex: MeldingenCount?, targets: [IndicatorTarget]) -> [IndicatorValue] {
        func value(_ indicator: Indicator) -> Decimal? {
            switch indicator {
            case .meldingen:
                veiligThuis.map { Decimal(($0.countsByType[.melding] ?? 0) + ($0.countsByType[.politieZorgmelding] ?? 0)) }
            case .uniekeMeldingen: veiligThuis.map { Decimal($0.uniqueCases) }
            case .hermeldingen: veiligThuis.map { Decimal($0.repeatCases) }
            case .hermeldingPercentage:
                veiligThuis.flatMap { $0.uniqueCases > 0 ? Decimal($0.repeatCases) / Decimal($0.uniqueCases) : nil }
            case .adviesvragen: veiligThuis.map { Decimal($0.countsByType[.advies] ?? 0) }
            case .signalen: verwijsindex.map { Decimal($0.countsByType[.signaal] ?? 0) }
            case .medianeZorgduur: veiligThuis.flatMap { $0.medianConcernDays.map { Decimal($0) } }
            }
        }
        return Indicator.allCases.map { indicator in
            IndicatorValue(indicator: indicator, value: value(indicator), target: targets.first { $0.indicator == indicator })
        }
    }
}
