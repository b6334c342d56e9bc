import ComplianceRules
import Foundation

/// What the municipality itself must do, found in the audit: not findings against a contractor but
/// the municipality's own part of the handhaving cycle.
public enum TaskKind: String, Codable, Sendable, CaseIterable {
    /// Contract conditions not (yet) in the agreement: write them into the renewal or next beschikking.
    case agreeConditions = "agree-conditions"
    /// The yearly check that the aandachtsfunctionaris works (handhaving b) is missing or overdue.
    case checkAandachtsfunctionaris = "check-aandachtsfunctionaris"
    /// The yearly account of training and intervisie (handhaving c) was not asked for this year.
    case requestTrainingAccount = "request-training-account"
    /// An agreement that works with children has no number of meldingen fixed in advance (handhaving a).
    case agreeExpectation = "agree-expectation"
}

extension AuditReport {
    public struct MunicipalityTaskEntry: Codable, Sendable, Equatable {
        /// Stable across runs: kind and agreement id.
        public var id: String
        public var kind: TaskKind
        public var agreementId: String
        /// The agreement's municipality, whose task it is; null in reports stored before regional runs.
        public var municipality: String?
        public var kvk: String
        public var name: String
        /// The agreement's end: its renewal, or the next beschikking.
        public var agreementEnd: String
        /// When it is due: the agreement's end (its renewal) for what must be agreed, the date the
        /// yearly check or account fell due otherwise.
        public var due: String
        /// For the yearly check or account: the last one on record, from which it fell due; null when
        /// the register records none (it is due at the peildatum), and for the other kinds.
        public var lastDone: String?
        /// For agree-conditions: the conditions to write in.
        public var conditions: [ContractCondition]
        /// Open in the previous stored audit too; null without history.
        public var repeated: Bool?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(kind, forKey: .kind)
            try container.encode(agreementId, forKey: .agreementId)
            try container.encode(municipality, forKey: .municipality)
            try container.encode(kvk, forKey: .kvk)
            try container.encode(name, forKey: .name)
            try container.encode(agreementEnd, forKey: .agreementEnd)
            try container.encode(due, forKey: .due)
            try container.encode(lastDone, forKey: .lastDone)
            try container.encode(conditions, forKey: .conditions)
            try container.encode(repeated, forKey: .repeated)
        }
    }

    /// Sectors that work with children, where meldingen can be expected of an agreement.
    static let childSectors: Set<Sector> = [.onderwijs, .kinderopvang, .jeugdhulp, .jeugdbescherming, .jeugdgezondheidszorg,
                                            .lokaalTeam, .welzijn, .justitie]

    /// The municipality's tasks, the next renewal first.
    static func tasks(_ result: AuditResult) -> [MunicipalityTaskEntry] {
        let referenceDate = result.register.referenceDate
        // Per contractor, the meldingen rules whose contract condition none of its agreements contains.
        var meldingenNotAgreed: [KvKNumber: [Rule]] = [:]
        for contractor in result.assessment.contractors {
            meldingenNotAgreed[contractor.contractor.kvk] = contractor.meldingen.flatMap(\.results)
                .filter { $0.status == .notAgreed }.map(\.rule)
        }
        // Agreements are independent of each other: their tasks are found on every core, in order.
        let notAgreedByContractor = meldingenNotAgreed
        let tasks = ParallelRender.map(result.assessment.agreements) { assessment in
            agreementTasks(assessment, referenceDate: referenceDate, meldingenNotAgreed: notAgreedByContractor[assessment.agreement.contractor.kvk] ?? [])
        }.flatMap { $0 }
        // Sorted by key, then the entries put in that order: sorting the entries moves large values.
        let keys = tasks.map { ($0.end, $0.entry.agreementId, TaskKind.allCases.firstIndex(of: $0.entry.kind)!) }
        return keys.indices.sorted { keys[$0] < keys[$1] }.map { tasks[$0].entry }
    }

    /// One agreement's tasks, each with the agreement's end (the order they are listed in).
    private static func agreementTasks(_ assessment: AgreementAssessment, referenceDate: Day, meldingenNotAgreed: [Rule])
        -> [(end: Day, entry: MunicipalityTaskEntry)] {
        var tasks: [(end: Day, entry: MunicipalityTaskEntry)] = []
        let agreement = assessment.agreement
        let kvk = agreement.contractor.kvk.description
        func task(_ kind: TaskKind, due: Day, lastDone: Day? = nil, conditions: [ContractCondition] = []) {
            tasks.append((agreement.period.end, MunicipalityTaskEntry(
                id: "\(kind.rawValue)/\(agreement.id)", kind: kind, agreementId: agreement.id, municipality: agreement.municipality, kvk: kvk,
                name: agreement.contractor.name, agreementEnd: agreement.period.end.description, due: due.description,
                lastDone: lastDone?.description, conditions: conditions, repeated: nil)))
        }
        // A condition the agreement contains from a later day is written in already: no task.
        var notAgreed = Set(assessment.results.filter { $0.status == .notAgreed && assessment.agreedFrom($0) == nil }
            .compactMap(\.rule.contractCondition))
        // A contract condition on meldingen is agreed per contractor; name it at its agreements that
        // do not contain it, now or later in their term.
        for rule in meldingenNotAgreed {
            guard let condition = rule.contractCondition else { continue }
            if !rule.isAgreed(in: agreement, on: referenceDate), rule.agreedLater(in: agreement, after: referenceDate) == nil {
                notAgreed.insert(condition)
            }
        }
        if !notAgreed.isEmpty {
            task(.agreeConditions, due: agreement.period.end, conditions: ContractCondition.allCases.filter(notAgreed.contains))
        }
        let missing = Set(assessment.results.filter { $0.status == .missingEvidence }
            .flatMap { assessment.details(of: $0)?.missing ?? [] })
        // Due a year after the last one on record, or at the peildatum when the register records none.
        func yearly(_ kind: TaskKind, lastDone: Day?) {
            let due = lastDone.map { CalendarDuration(months: 12).added(to: $0) } ?? referenceDate
            task(kind, due: min(due, referenceDate), lastDone: lastDone)
        }
        if missing.contains(.aandachtsfunctionarisVerified) {
            yearly(.checkAandachtsfunctionaris, lastDone: agreement.aandachtsfunctionaris?.verified)
        }
        if missing.contains(.trainingReported) {
            yearly(.requestTrainingAccount, lastDone: agreement.training?.reported)
        }
        let expected = agreement.expectedMeldingen
        if childSectors.contains(agreement.sector), expected?.veiligThuis == nil, expected?.verwijsindex == nil {
            task(.agreeExpectation, due: agreement.period.end)
        }
        return tasks
    }
}
