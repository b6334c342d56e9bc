import ComplianceRules

/// A report's contractors. Made from an audit, each entry is built when it is read, from the
/// contractor's assessment, and not kept: a national report is written contractor by contractor
/// without its hundreds of thousands of findings ever being in memory at once. The history marks
/// each entry as it is made. Changing an entry or decoding a stored report keeps them all.
public struct ContractorEntries: RandomAccessCollection, MutableCollection, Sendable, Equatable, Codable {
    /// The earlier audits, and the profile's escalation, that mark each entry as it is made.
    fileprivate struct History: Sendable {
        let prior: PriorAudits
        let escalation: Profile.Escalation?
    }

    fileprivate enum Storage: Sendable {
        case kept([AuditReport.ContractorEntry])
        case made(from: [ContractorAssessment], history: History?)
    }

    fileprivate var storage: Storage

    public init(_ entries: [AuditReport.ContractorEntry]) { storage = .kept(entries) }

    init(made assessments: [ContractorAssessment]) { storage = .made(from: assessments, history: nil) }

    /// A contractor's entry made from its assessment, marked with the history when there is one.
    private static func entry(_ assessment: ContractorAssessment, _ history: History?) -> AuditReport.ContractorEntry {
        var entry = AuditReport.contractor(assessment)
        if let history { history.prior.apply(to: &entry, escalation: history.escalation) }
        return entry
    }

    /// Marks every entry with the earlier audits: those made from an audit when each is made,
    /// kept ones at once.
    mutating func apply(_ prior: PriorAudits, escalation: Profile.Escalation?) {
        switch storage {
        case .made(let assessments, _):
            storage = .made(from: assessments, history: History(prior: prior, escalation: escalation))
        case .kept(var entries):
            storage = .kept([])
            for index in entries.indices { prior.apply(to: &entries[index], escalation: escalation) }
            storage = .kept(entries)
        }
    }

    /// Every contractor's verdict, in order; entries are made for it and not kept.
    var verdicts: [Verdict] {
        switch storage {
        case .kept(let entries): entries.map(\.verdict)
        case .made(let assessments, nil): assessments.map(\.verdict)
        case .made(let assessments, let history?): ParallelRender.map(assessments) { Self.entry($0, history).verdict }
        }
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .kept(let entries): entries.count
        case .made(let assessments, _): assessments.count
        }
    }

    public subscript(position: Int) -> AuditReport.ContractorEntry {
        get {
            switch storage {
            case .kept(let entries): entries[position]
            case .made(let assessments, let history): Self.entry(assessments[position], history)
            }
        }
        set {
            var entries = kept
            storage = .kept([])
            entries[position] = newValue
            storage = .kept(entries)
        }
    }

    /// Every entry, built.
    public var kept: [AuditReport.ContractorEntry] {
        switch storage {
        case .kept(let entries): entries
        case .made(let assessments, let history): ParallelRender.map(assessments) { Self.entry($0, history) }
        }
    }

    /// Every entry whole, a batch at a time, in order: for a pass that needs all of every entry
    /// (storing the report) without keeping them all. Entries made from an audit are made on worker
    /// threads a few batches ahead of the one `body` has.
    public func inBatches(of size: Int = 64, _ body: ([AuditReport.ContractorEntry]) throws -> Void) rethrows {
        switch storage {
        case .kept(let entries):
            for start in stride(from: 0, to: entries.count, by: size) { try body(Array(entries[start..<Swift.min(start + size, entries.count)])) }
        case .made(let assessments, let history):
            try ParallelRender.batches(assessments, of: size, make: { Self.entry($0, history) }, take: body)
        }
    }

    /// The assessment an entry is made from, when it is made rather than kept and no history can
    /// change its verdict: what an entry's verdict, name and order can be read from without building it.
    func assessment(at position: Int) -> ContractorAssessment? {
        if case .made(let assessments, let history) = storage, history?.escalation == nil { return assessments[position] }
        return nil
    }

    /// The contractor with this KvK number, or holding this agreement, found without building the
    /// others' entries.
    public func first(kvk: String?, agreementID: String?) -> AuditReport.ContractorEntry? {
        guard case .made(let assessments, let history) = storage else {
            return first { $0.kvk == kvk || $0.agreements.contains { $0.id == agreementID } }
        }
        return assessments.first { assessment in
            assessment.contractor.kvk.description == kvk || assessment.agreements.contains { $0.agreement.id == agreementID }
        }.map { Self.entry($0, history) }
    }

    public static func == (lhs: ContractorEntries, rhs: ContractorEntries) -> Bool { lhs.elementsEqual(rhs) }

    public init(from decoder: Decoder) throws {
        storage = .kept(try [AuditReport.ContractorEntry](from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        for entry in self { try container.encode(entry) }
    }
}

/// What the overview tables and charts show of a contractor: no findings, so it is cheap to make
/// for every contractor at once.
struct ContractorOutline: Sendable {
    let kvk: String
    let name: String
    let verdict: Verdict
    let agreements: Int
    let municipalities: [AuditReport.ContractorMunicipalityEntry]
    let meldingen: [AuditReport.MeldingenEntry]
    /// Findings that count (fail, missing evidence, error), per severity.
    let counted: [Severity: Int]

    init(_ entry: AuditReport.ContractorEntry) {
        kvk = entry.kvk
        name = entry.name
        verdict = entry.verdict
        agreements = entry.agreements.count
        municipalities = entry.municipalities ?? []
        meldingen = entry.meldingen
        var counted: [Severity: Int] = [:]
        for finding in entry.findings where finding.status.counts { counted[finding.severity, default: 0] += 1 }
        self.counted = counted
    }

    init(_ assessment: ContractorAssessment) {
        kvk = assessment.contractor.kvk.description
        name = assessment.contractor.name
        verdict = assessment.verdict
        agreements = assessment.agreements.count
        municipalities = AuditReport.perMunicipality(assessment.agreements)
        meldingen = assessment.meldingen.map { AuditReport.meldingen($0, components: false) }
        var counted: [Severity: Int] = [:]
        let results = assessment.agreements.flatMap(\.findings) + assessment.meldingen.flatMap(\.results)
        for result in results where result.status.counts { counted[result.severity, default: 0] += 1 }
        self.counted = counted
    }
}

extension ContractorEntries {
    /// Every contractor's outline, in order.
    var outlines: [ContractorOutline] {
        switch storage {
        case .kept(let entries): entries.map(ContractorOutline.init)
        case .made(let assessments, nil): ParallelRender.map(assessments) { ContractorOutline($0) }
        // The history changes what an outline shows (verdicts, meldingen over the years): made
        // from each entry, which is not kept.
        case .made(let assessments, let history?): ParallelRender.map(assessments) { ContractorOutline(Self.entry($0, history)) }
        }
    }
}
