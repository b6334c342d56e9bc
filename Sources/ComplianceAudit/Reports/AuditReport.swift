import ComplianceRules
import Foundation

/// The audit as data: the model behind the JSON, CSV and HTML reports, and the JSON schema itself
/// (`docs/report-schema.md`). Deterministic: the same inputs and rules give the same report, byte
/// for byte, with no timestamps. An unknown value is `null`, never left out and never zero.
public struct AuditReport: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var run: Run
    public var summary: Summary
    public var indicators: [IndicatorEntry]
    public var meldingenByCategory: [CategoryCount]
    public var contractors: [ContractorEntry]
    public var unattributed: [UnattributedEntry]
    public var waiverNotices: [WaiverNoticeEntry]

    public struct Run: Codable, Sendable, Equatable {
        public var toolVersion: String
        public var municipality: String
        public var referenceDate: String
        public var profile: String
        public var profileFile: String
        /// One identifier for the rules in force: the first 16 hex digits of a SHA-256 over the
        /// contents of the rule files, profile, waivers and rates, so two runs under the same rules
        /// show the same version, wherever the files lie.
        public var ruleSetVersion: String
        /// Every input with its SHA-256: the register, the exports, the rule files, profile, waivers, rates.
        public var inputs: [InputFile]
    }

    public struct Summary: Codable, Sendable, Equatable {
        public var contractors: Int
        public var agreements: Int
        /// Contractors per verdict: blokkerend, indringend-gesprek, agendapunt, informatief, in-orde.
        public var verdicts: [String: Int]
        public var flaggedMeldingen: Int
    }

    public struct IndicatorEntry: Codable, Sendable, Equatable {
        public var id: String
        public var label: String
        public var value: Decimal?
        public var target: String?
        public var met: Bool?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(label, forKey: .label)
            try container.encode(value, forKey: .value)
            try container.encode(target, forKey: .target)
            try container.encode(met, forKey: .met)
        }
    }

    public struct CategoryCount: Codable, Sendable, Equatable {
        public var category: String
        public var meldingen: Int
    }

    public struct ContractorEntry: Codable, Sendable, Equatable {
        public var kvk: String
        public var name: String
        /// blokkerend, indringend-gesprek, agendapunt, informatief or in-orde.
        public var verdict: String
        /// contracteerbaar, contracteerbaar-onder-voorwaarden or niet-contracteerbaar.
        public var decision: String
        public var agreements: [AgreementEntry]
        public var meldingen: [MeldingenEntry]
        public var findings: [FindingEntry]
    }

    public struct AgreementEntry: Codable, Sendable, Equatable {
        public var id: String
        public var type: String
        public var sector: String
        public var start: String
        public var end: String
        public var verdict: String
    }

    public struct MeldingenEntry: Codable, Sendable, Equatable {
        public var source: String
        /// null: nothing agreed and no rate for the sector.
        public var expected: Decimal?
        /// afgesproken, gemodelleerd, or deels afgesproken, deels gemodelleerd.
        public var expectedBasis: String?
        public var expectedComponents: [ExpectationEntry]
        /// null: no export for this source was supplied (geen gegevens).
        public var actual: Int?
        public var ratio: Decimal?
        public var pValue: Decimal?
        public var flagged: Bool
        /// What the report says: achterstand, in lijn, te weinig verwacht om te beoordelen, geen gegevens, …
        public var outcome: String
        public var adviesvragen: Int?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(source, forKey: .source)
            try container.encode(expected, forKey: .expected)
            try container.encode(expectedBasis, forKey: .expectedBasis)
            try container.encode(expectedComponents, forKey: .expectedComponents)
            try container.encode(actual, forKey: .actual)
            try container.encode(ratio, forKey: .ratio)
            try container.encode(pValue, forKey: .pValue)
            try container.encode(flagged, forKey: .flagged)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(adviesvragen, forKey: .adviesvragen)
        }
    }

    public struct ExpectationEntry: Codable, Sendable, Equatable {
        public var agreementId: String
        /// agreed or modelled.
        public var basis: String
        public var perYear: Int?
        public var children: Int?
        public var ratePerThousand: Decimal?
        public var yearFraction: Decimal
        public var count: Decimal
    }

    public struct FindingEntry: Codable, Sendable, Equatable {
        /// Stable across runs: rule id and agreement id, or rule id, KvK number and source.
        public var id: String
        public var agreementId: String?
        public var source: String?
        public var ruleId: String
        public var title: String
        /// fail, missing-evidence, error or waived.
        public var status: String
        public var severity: String
        public var evidence: [EvidenceEntry]
        public var missing: [String]
        public var explanation: String?
        public var advice: String
        public var waiver: WaiverEntry?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(agreementId, forKey: .agreementId)
            try container.encode(source, forKey: .source)
            try container.encode(ruleId, forKey: .ruleId)
            try container.encode(title, forKey: .title)
            try container.encode(status, forKey: .status)
            try container.encode(severity, forKey: .severity)
            try container.encode(evidence, forKey: .evidence)
            try container.encode(missing, forKey: .missing)
            try container.encode(explanation, forKey: .explanation)
            try container.encode(advice, forKey: .advice)
            try container.encode(waiver, forKey: .waiver)
        }
    }

    public struct EvidenceEntry: Codable, Sendable, Equatable {
        public var field: String
        public var value: String
    }

    public struct WaiverEntry: Codable, Sendable, Equatable {
        public var reason: String
        public var approvedBy: String
        public var expires: String
        /// What the result would have been: fail or missing-evidence.
        public var waivedStatus: String
    }

    public struct UnattributedEntry: Codable, Sendable, Equatable {
        public var kvk: String
        public var source: String
        public var meldingen: Int
        public var adviesvragen: Int
    }

    public struct WaiverNoticeEntry: Codable, Sendable, Equatable {
        public var ruleId: String
        public var scope: String
        /// expired, waives-nothing or unknown-scope.
        public var kind: String
        public var expires: String
        public var location: String
    }
}
