import ComplianceRules
import Foundation

/// The audit as data: the model every format renders, and the JSON schema itself
/// (`docs/report-schema.md`). Identifiers are enums whose raw values are the schema's stable
/// kebab-case ids; no Dutch prose serves as an identifier. Deterministic: the same inputs and rules
/// give the same report, byte for byte, with no timestamps. An unknown value is `null`, never left
/// out and never zero.
public struct AuditReport: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 4

    public var schemaVersion: Int
    public var run: Run
    /// Per source, the export audited; a source without one is geen gegevens.
    public var exports: [ExportEntry]
    /// What the reader should know before trusting the figures: an export for another region, an
    /// expired waiver, exports out of date order.
    public var warnings: [WarningEntry]
    /// The roll-up: every contractor once, across the municipalities.
    public var summary: Summary
    /// Per municipality: its registers, agreements, contractors and their verdicts on its own
    /// agreements. One entry for a single register; null in reports stored before regional runs.
    public var municipalities: [MunicipalityEntry]?
    public var indicators: [IndicatorEntry]
    public var meldingenByCategory: [CategoryCount]
    /// Per source with an export, the funnel plot the shortfalls were judged by.
    public var meldingenModel: [MeldingenModelEntry]
    public var contractors: ContractorEntries
    public var unattributed: [UnattributedEntry]
    public var waiverNotices: [WaiverNoticeEntry]
    /// What the municipality itself must do, the next renewal first.
    public var municipalityTasks: [MunicipalityTaskEntry]
    /// The follow-up of indringend gesprekken, when the history database was read; null otherwise.
    public var followUp: FollowUp?

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(run, forKey: .run)
        try container.encode(exports, forKey: .exports)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(summary, forKey: .summary)
        try container.encode(municipalities, forKey: .municipalities)
        try container.encode(indicators, forKey: .indicators)
        try container.encode(meldingenByCategory, forKey: .meldingenByCategory)
        try container.encode(meldingenModel, forKey: .meldingenModel)
        try container.encode(contractors, forKey: .contractors)
        try container.encode(unattributed, forKey: .unattributed)
        try container.encode(waiverNotices, forKey: .waiverNotices)
        try container.encode(municipalityTasks, forKey: .municipalityTasks)
        try container.encode(followUp, forKey: .followUp)
    }

    /// The same bytes as `encode(to:)` through `ReportJSON`, written member by member and the
    /// contractors one by one, so that the whole report is never held as JSON.
    func writeJSON(to stream: JSONStream) throws {
        try stream.object(depth: 0, [
            (CodingKeys.schemaVersion.stringValue, { try stream.value(schemaVersion, depth: 1) }),
            (CodingKeys.run.stringValue, { try stream.value(run, depth: 1) }),
            (CodingKeys.exports.stringValue, { try stream.array(exports, depth: 1) }),
            (CodingKeys.warnings.stringValue, { try stream.array(warnings, depth: 1) }),
            (CodingKeys.summary.stringValue, { try stream.value(summary, depth: 1) }),
            (CodingKeys.municipalities.stringValue, { try stream.value(municipalities, depth: 1) }),
            (CodingKeys.indicators.stringValue, { try stream.array(indicators, depth: 1) }),
            (CodingKeys.meldingenByCategory.stringValue, { try stream.array(meldingenByCategory, depth: 1) }),
            (CodingKeys.meldingenModel.stringValue, { try stream.array(meldingenModel, depth: 1) }),
            (CodingKeys.contractors.stringValue, { try stream.array(contractors, depth: 1) }),
            (CodingKeys.unattributed.stringValue, { try stream.array(unattributed, depth: 1) }),
            (CodingKeys.waiverNotices.stringValue, { try stream.array(waiverNotices, depth: 1) }),
            (CodingKeys.municipalityTasks.stringValue, { try stream.array(municipalityTasks, depth: 1) }),
            (CodingKeys.followUp.stringValue, { try stream.value(followUp, depth: 1) }),
        ])
        stream.sink.write("\n")
    }

    public struct Run: Codable, Sendable, Equatable {
        public var toolVersion: String
        public var municipality: String
        public var referenceDate: String
        public var profile: String
        public var profileFile: String
        /// One identifier for the rules in force: the first 16 hex digits of a SHA-256 over the
        /// contents of the rule files, profile, waivers and rates.
        public var ruleSetVersion: String
        /// Whether the run was `--lenient`: invalid records were left out (listed per input) instead
        /// of stopping the run.
        public var lenient: Bool
        /// Every input with its SHA-256: the register, the exports, the rule files, profile, waivers,
        /// rates; for the register and the exports also the records read, audited and rejected.
        public var inputs: [InputFile]
        /// The rules the profile switched off, so that nothing was judged by them; null in reports
        /// stored before they were recorded.
        public var rulesOff: [RuleOff]?
        /// The rules in force on the peildatum, each with the law, agreement or policy it rests on;
        /// null in reports stored before they were recorded.
        public var rules: [RuleEntry]?

        public init(toolVersion: String, municipality: String, referenceDate: String, profile: String, profileFile: String,
                    ruleSetVersion: String, lenient: Bool, inputs: [InputFile], rulesOff: [RuleOff]? = nil, rules: [RuleEntry]? = nil) {
            self.toolVersion = toolVersion
            self.municipality = municipality
            self.referenceDate = referenceDate
            self.profile = profile
            self.profileFile = profileFile
            self.ruleSetVersion = ruleSetVersion
            self.lenient = lenient
            self.inputs = inputs
            self.rulesOff = rulesOff
            self.rules = rules
        }

        /// Reports stored before `lenient` was added have none: they were strict.
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            toolVersion = try container.decode(String.self, forKey: .toolVersion)
            municipality = try container.decode(String.self, forKey: .municipality)
            referenceDate = try container.decode(String.self, forKey: .referenceDate)
            profile = try container.decode(String.self, forKey: .profile)
            profileFile = try container.decode(String.self, forKey: .profileFile)
            ruleSetVersion = try container.decode(String.self, forKey: .ruleSetVersion)
            lenient = try container.decodeIfPresent(Bool.self, forKey: .lenient) ?? false
            inputs = try container.decode([InputFile].self, forKey: .inputs)
            rulesOff = try container.decodeIfPresent([RuleOff].self, forKey: .rulesOff)
            rules = try container.decodeIfPresent([RuleEntry].self, forKey: .rules)
        }
    }

    /// A rule in force, and what it rests on: what a finding's `ruleId` refers to.
    public struct RuleEntry: Codable, Sendable, Equatable {
        public var id: String
        /// The rule's norm, in the rule file's words.
        public var title: String
        public var basisKind: BasisKind
        /// The laws, agreements and policy it rests on, in the rule file's words.
        public var basis: [String]

        public init(_ rule: Rule) {
            id = rule.id
            title = rule.title
            basisKind = rule.basisKind
            basis = rule.basis
        }
    }

    /// A rule the profile switched off.
    public struct RuleOff: Codable, Sendable, Equatable {
        public var ruleId: String
        /// The rule's norm, in the rule file's words.
        public var title: String
    }

    public struct ExportEntry: Codable, Sendable, Equatable {
        public var source: MeldingSource
        public var file: String
        public var region: String
        public var periodStart: String
        public var periodEnd: String
        public var records: Int
        /// Meldingen that arrived out of date order within a (reporter, case) pair: the 30-day rule
        /// is then approximated for them.
        public var outOfOrder: Int
    }

    public struct WarningEntry: Codable, Sendable, Equatable {
        public var kind: WarningKind
        public var source: MeldingSource?
        /// The export's region, for `region-mismatch`.
        public var region: String?
        public var ruleId: String?
        public var count: Int?
        public var location: String?
        /// For `reference-date-given`: the register's own peildatum (present only then).
        public var registerReferenceDate: String? = nil
        /// For `conditions-after-end` (present only then): the agreement, its contractor's name, the
        /// day its conditions start and the day it ends.
        public var agreementId: String? = nil
        public var contractor: String? = nil
        public var conditionsSince: String? = nil
        public var agreementEnd: String? = nil

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(source, forKey: .source)
            try container.encode(region, forKey: .region)
            try container.encode(ruleId, forKey: .ruleId)
            try container.encode(count, forKey: .count)
            try container.encode(location, forKey: .location)
            try container.encodeIfPresent(registerReferenceDate, forKey: .registerReferenceDate)
            try container.encodeIfPresent(agreementId, forKey: .agreementId)
            try container.encodeIfPresent(contractor, forKey: .contractor)
            try container.encodeIfPresent(conditionsSince, forKey: .conditionsSince)
            try container.encodeIfPresent(agreementEnd, forKey: .agreementEnd)
        }
    }

    public struct Summary: Codable, Sendable, Equatable {
        public var contractors: Int
        public var agreements: Int
        /// Contractors per verdict id: blokkerend, indringend-gesprek, agendapunt, informatief, in-orde.
        public var verdicts: [String: Int]
        /// Contractor-source pairs flagged for a shortfall, per source id.
        public var flaggedMeldingen: [String: Int]
    }

    /// One municipality of the run: the level below the roll-up.
    public struct MunicipalityEntry: Codable, Sendable, Equatable {
        public var name: String
        /// Its register files, as named.
        public var registers: [String]
        public var agreements: Int
        public var contractors: Int
        /// Its contractors per verdict id, judged on its own agreements only (the meldingen are
        /// judged per contractor, in the roll-up).
        public var verdicts: [String: Int]
        /// The municipality's own tasks from its agreements.
        public var tasks: Int
    }

    /// A contractor's verdict in one municipality: over the agreements it holds there.
    public struct ContractorMunicipalityEntry: Codable, Sendable, Equatable {
        public var municipality: String
        public var agreements: Int
        public var verdict: Verdict
    }

    public struct IndicatorEntry: Codable, Sendable, Equatable {
        public var id: Indicator
        public var value: Decimal?
        public var target: String?
        public var met: Bool?
        /// The value in the previous run of the same municipality; null without history.
        public var previous: Decimal?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(value, forKey: .value)
            try container.encode(previous, forKey: .previous)
            try container.encode(target, forKey: .target)
            try container.encode(met, forKey: .met)
        }
    }

    /// The funnel plot of one source (`FunnelModel`): its settings and what was estimated.
    public struct MeldingenModelEntry: Codable, Sendable, Equatable {
        public var source: MeldingSource
        /// `spiegelhalter-sqrt`: Spiegelhalter's funnel for O/E on the square-root scale.
        public var method: String
        public var trim: Double
        public var minExpected: Double
        public var maxRatio: Double
        public var minGroup: Int
        /// Judged contractors.
        public var n: Int
        public var phi: Double
        public var tau2: Double
        /// false: fewer than minGroup judged, so τ² = 0 (a plain Poisson judgement).
        public var overdispersionEstimated: Bool
    }

    public struct CategoryCount: Codable, Sendable, Equatable {
        public var category: String
        public var meldingen: Int
    }

    public struct ContractorEntry: Codable, Sendable, Equatable {
        public var kvk: String
        public var name: String
        public var verdict: Verdict
        public var decision: ContractingDecision
        /// Its verdict per municipality whose register holds its agreements; null in reports
        /// stored before regional runs.
        public var municipalities: [ContractorMunicipalityEntry]?
        public var agreements: [AgreementEntry]
        public var meldingen: [MeldingenEntry]
        public var findings: [FindingEntry]
    }

    public struct AgreementEntry: Codable, Sendable, Equatable {
        public var id: String
        public var type: AgreementType
        public var sector: Sector
        public var start: String
        public var end: String
        public var verdict: Verdict
        /// Where the agreement stands in the register: `file:line:column`.
        public var location: String?
        /// The municipality whose register holds it; null in reports stored before regional runs.
        public var municipality: String?
    }

    public struct MeldingenEntry: Codable, Sendable, Equatable {
        public var source: MeldingSource
        /// null: nothing agreed and no rate for the sector.
        public var expected: Decimal?
        public var expectedBasis: Expectation.Kind?
        public var expectedComponents: [ExpectationEntry]
        /// null: no export for this source was supplied (geen gegevens).
        public var actual: Int?
        public var ratio: Decimal?
        /// The Poisson-only z-score and the one adjusted for overdispersion; null when not placed.
        public var z: Decimal?
        public var zAdjusted: Decimal?
        public var level: FunnelModel.Level
        /// The funnel's limits on the ratio scale at this expectation; null when not placed.
        public var limits: LimitsEntry?
        public var flagged: Bool
        public var outcome: MeldingenOutcome
        /// Veilig Thuis only; null for the Verwijsindex and without an export.
        public var adviesvragen: Int?
        /// The earlier stored audits' figures for this contractor and source, oldest first; null
        /// without history.
        public var history: [MeldingenHistoryEntry]? = nil

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(source, forKey: .source)
            try container.encode(expected, forKey: .expected)
            try container.encode(expectedBasis, forKey: .expectedBasis)
            try container.encode(expectedComponents, forKey: .expectedComponents)
            try container.encode(actual, forKey: .actual)
            try container.encode(ratio, forKey: .ratio)
            try container.encode(z, forKey: .z)
            try container.encode(zAdjusted, forKey: .zAdjusted)
            try container.encode(level, forKey: .level)
            try container.encode(limits, forKey: .limits)
            try container.encode(flagged, forKey: .flagged)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(adviesvragen, forKey: .adviesvragen)
            try container.encode(history, forKey: .history)
        }
    }

    /// One earlier audit's meldingen figures for a contractor and source.
    public struct MeldingenHistoryEntry: Codable, Sendable, Equatable {
        public var referenceDate: String
        public var expected: Decimal?
        public var actual: Int?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(referenceDate, forKey: .referenceDate)
            try container.encode(expected, forKey: .expected)
            try container.encode(actual, forKey: .actual)
        }
    }

    public struct LimitsEntry: Codable, Sendable, Equatable {
        public var lower95: Decimal
        public var lower998: Decimal
        public var upper95: Decimal
        public var upper998: Decimal
    }

    public struct ExpectationEntry: Codable, Sendable, Equatable {
        public var agreementId: String
        /// agreed or modelled.
        public var basis: Expectation.Kind
        public var perYear: Int?
        public var children: Int?
        public var ratePerThousand: Decimal?
        public var yearFraction: Decimal
        public var count: Decimal

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(agreementId, forKey: .agreementId)
            try container.encode(basis, forKey: .basis)
            try container.encode(perYear, forKey: .perYear)
            try container.encode(children, forKey: .children)
            try container.encode(ratePerThousand, forKey: .ratePerThousand)
            try container.encode(yearFraction, forKey: .yearFraction)
            try container.encode(count, forKey: .count)
        }
    }

    public struct FindingEntry: Codable, Sendable, Equatable {
        /// Stable across runs (`FindingID`): rule id and agreement id, or rule id, KvK number and source.
        public var id: String
        public var agreementId: String?
        /// The agreement's municipality; null for a meldingen finding (judged per contractor,
        /// across municipalities).
        public var municipality: String?
        public var source: MeldingSource?
        /// The agreement's place in the register (`file:line:column`); null for a meldingen finding.
        public var location: String?
        public var ruleId: String
        public var title: String
        /// wet, contract or beleid.
        public var basisKind: BasisKind
        /// The contract condition the rule enforces, or null for a legal duty.
        public var contractCondition: ContractCondition?
        public var status: ResultStatus
        /// For a not-agreed result: the later day from which the agreement contains the condition
        /// (for a meldingen finding, the first such day among the contractor's agreements), so that
        /// there is nothing to write in; null when it is not agreed within the term, and for any
        /// other status.
        public var agreedFrom: String?
        /// For a not-agreed condition: the status it would have if the agreement (for a meldingen
        /// finding, one of the contractor's agreements) contained it; `evidence`, `missing` and
        /// `explanation` are then what it would judge. Null for any other result.
        public var ifAgreed: ResultStatus?
        public var severity: Severity
        public var evidence: [EvidenceEntry]
        public var missing: [EvidenceField]
        /// The rule's own Dutch explanation with the values filled in; null when it has none or a
        /// value it names is missing.
        public var explanation: String?
        /// Why the rule could not be evaluated (status error).
        public var evaluationError: String?
        public var advice: String
        /// What is wrong when the rule is not met, in the rule file's words (its `problem`), for
        /// agenda points; null when the rule file gives none.
        public var problem: String?
        public var waiver: WaiverEntry?
        /// Found in the previous run of the same municipality too ("herhaald"); null without history.
        public var repeated: Bool?
        /// In how many consecutive runs, this one included; null without history.
        public var consecutiveRuns: Int?
        /// The severity before the profile's escalation raised it; null when not raised.
        public var escalatedFrom: Severity?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(agreementId, forKey: .agreementId)
            try container.encode(municipality, forKey: .municipality)
            try container.encode(source, forKey: .source)
            try container.encode(location, forKey: .location)
            try container.encode(ruleId, forKey: .ruleId)
            try container.encode(title, forKey: .title)
            try container.encode(basisKind, forKey: .basisKind)
            try container.encode(contractCondition, forKey: .contractCondition)
            try container.encode(status, forKey: .status)
            try container.encode(agreedFrom, forKey: .agreedFrom)
            try container.encode(ifAgreed, forKey: .ifAgreed)
            try container.encode(severity, forKey: .severity)
            try container.encode(evidence, forKey: .evidence)
            try container.encode(missing, forKey: .missing)
            try container.encode(explanation, forKey: .explanation)
            try container.encode(evaluationError, forKey: .evaluationError)
            try container.encode(advice, forKey: .advice)
            try container.encode(problem, forKey: .problem)
            try container.encode(waiver, forKey: .waiver)
            try container.encode(repeated, forKey: .repeated)
            try container.encode(consecutiveRuns, forKey: .consecutiveRuns)
            try container.encode(escalatedFrom, forKey: .escalatedFrom)
        }
    }

    public struct EvidenceEntry: Codable, Sendable, Equatable {
        public var field: EvidenceField
        /// null: not supplied.
        public var value: EvidenceValue?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(field, forKey: .field)
            try container.encode(value, forKey: .value)
        }
    }

    public struct WaiverEntry: Codable, Sendable, Equatable {
        public var reason: String
        public var approvedBy: String
        public var expires: String
        /// What the result would have been: fail or missing-evidence.
        public var waivedStatus: ResultStatus
    }

    public struct UnattributedEntry: Codable, Sendable, Equatable {
        public var kvk: String
        public var source: MeldingSource
        public var meldingen: Int
        /// Veilig Thuis only; null for the Verwijsindex.
        public var adviesvragen: Int?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kvk, forKey: .kvk)
            try container.encode(source, forKey: .source)
            try container.encode(meldingen, forKey: .meldingen)
            try container.encode(adviesvragen, forKey: .adviesvragen)
        }
    }

    public struct WaiverNoticeEntry: Codable, Sendable, Equatable {
        public var ruleId: String
        public var ruleTitle: String?
        /// The waiver's scope: one agreement, or every agreement of one contractor.
        public var agreementId: String?
        public var kvk: String?
        public var kind: WaiverNotice.Kind
        public var expires: String
        public var location: String
        /// For an expired waiver: the finding it covered is still there; null without history.
        public var findingPersists: Bool?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ruleId, forKey: .ruleId)
            try container.encode(ruleTitle, forKey: .ruleTitle)
            try container.encode(agreementId, forKey: .agreementId)
            try container.encode(kvk, forKey: .kvk)
            try container.encode(kind, forKey: .kind)
            try container.encode(expires, forKey: .expires)
            try container.encode(location, forKey: .location)
            try container.encode(findingPersists, forKey: .findingPersists)
        }
    }
}

/// What kind of input a run read.
public enum InputKind: String, Codable, Sendable, CaseIterable {
    case register, meldingen, rules, profile, waivers, rates
}

/// What a warning in a report is about.
public enum WarningKind: String, Codable, Sendable, CaseIterable {
    /// An export covers a region other than the register's municipality (and other than the
    /// regions the profile names for it).
    case regionMismatch = "region-mismatch"
    /// A waiver past its expiry date: no longer applied.
    case waiverExpired = "waiver-expired"
    /// Meldingen out of date order within a (reporter, case) pair.
    case outOfOrder = "out-of-order"
    /// A lenient run left records of an input out (`location`: the file; `count`: how many).
    case recordsRejected = "records-rejected"
    /// A register workbook held a KvK number as a number (`location`: the cell); it was read back
    /// as 8 digits.
    case kvkStoredAsNumber = "kvk-stored-as-number"
    /// `--peildatum` gave the date judged against (the report's `referenceDate`) instead of the
    /// register's own (`registerReferenceDate`).
    case referenceDateGiven = "reference-date-given"
    /// An agreement's conditions start after the agreement ends (`conditions/@since` past
    /// `period/@end`), so they count as not agreed: most likely a slip in the register
    /// (`location`: the agreement; `agreementId`, `contractor`, `conditionsSince`, `agreementEnd`).
    case conditionsAfterEnd = "conditions-after-end"
}

/// What the inkoop officer may do: the contractor's verdict as a decision.
public enum ContractingDecision: String, Sendable, CaseIterable, Codable {
    case contracteerbaar
    case onderVoorwaarden = "contracteerbaar-onder-voorwaarden"
    case nietContracteerbaar = "niet-contracteerbaar"

    public init(_ verdict: Verdict) {
        switch verdict {
        case .inOrde: self = .contracteerbaar
        case .severity(.blokkerend): self = .nietContracteerbaar
        case .severity: self = .onderVoorwaarden
        }
    }
}

extension WaiverNotice.Kind: Codable, CaseIterable {
    public static let allCases: [WaiverNotice.Kind] = [.expired, .waivesNothing, .unknownScope, .ruleOff]
}

extension Indicator: Codable {}
