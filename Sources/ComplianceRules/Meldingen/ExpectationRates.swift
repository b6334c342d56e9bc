import Foundation
import Yams

/// Meldingen expected per 1,000 children a year, per source and reporting sector: the basis of a
/// modelled expectation when none was agreed. Read from `rules/meldingen-rates.yml`; a sector
/// without a rate gets no modelled expectation, never an invented one.
///
/// ```yaml
/// version: 1
/// veilig-thuis:
///   jeugdhulp: 6      # per 1,000 children a year; cite the source in a comment
/// verwijsindex: {}
/// ```
public struct ExpectationRates: Sendable {
    public static let fileName = "meldingen-rates.yml"

    /// Where the rates were read from, as shown to the user; nil when there is no rates file.
    public let file: String?
    public let perThousandChildren: [MeldingSource: [Sector: Decimal]]

    public init(file: String?, perThousandChildren: [MeldingSource: [Sector: Decimal]]) {
        self.file = file
        self.perThousandChildren = perThousandChildren
    }

    public func rate(for source: MeldingSource, sector: Sector) -> Decimal? {
        perThousandChildren[source]?[sector]
    }

    static func parse(_ path: String, displayName: String) throws(RulesErrors) -> ExpectationRates {
        var (reader, root) = try YAMLReader.open(path, displayName: displayName)
        var rates: [MeldingSource: [Sector: Decimal]] = [:]
        if let top = reader.mapping(root, "a rates file", required: ["version"], optional: MeldingSource.allCases.map(\.rawValue)) {
            FileVersion.check(top["version"], &reader)
            for source in MeldingSource.allCases {
                for pair in top[source.rawValue].map({ reader.pairs($0, source.rawValue) }) ?? [] {
                    guard let sector = Sector(rawValue: pair.key) else {
                        reader.fail(pair.keyNode, "'\(pair.key)' is not a sector; known: \(Sector.allCases.map(\.rawValue).joined(separator: ", "))")
                        continue
                    }
                    if let rate = reader.decimal(pair.value, "\(source.rawValue): \(pair.key)") { rates[source, default: [:]][sector] = rate }
                }
            }
        }
        guard reader.errors.isEmpty else { throw RulesErrors(reader.errors) }
        return ExpectationRates(file: displayName, perThousandChildren: rates)
    }
}
