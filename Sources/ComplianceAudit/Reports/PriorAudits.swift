import ComplianceRules
import Crypto
import Foundation

/// What the earlier audits of a municipality add to this one, gathered one earlier audit at a
/// time, newest first, without keeping their reports: for each finding held in the newest, in
/// how many earlier audits in a row it was held; each contractor's meldingen in every earlier
/// audit; and the newest audit's open tasks and indicators. A national history is read from the
/// database's tables in a few megabytes (its stored reports are hundreds of megabytes of JSON).
///
/// ```swift
/// var prior = PriorAudits()
/// prior.beginEarlierAudit(referenceDate: "2016-12-31")
/// prior.held("MELDCODE-AANWEZIG/INK-2016-0007")
/// report.applyHistory(prior, escalation: profile.escalation)
/// ```
public struct PriorAudits: Sendable {
    /// Earlier audits added so far.
    public private(set) var count = 0
    /// Finding id → earlier audits in a row, newest first, that held it (counting or waived).
    private var consecutive: [FindingKey: Int] = [:]
    /// A contractor's meldingen of one source in the earlier audits, newest first.
    private var meldingen: [MeldingenKey: [AuditReport.MeldingenHistoryEntry]] = [:]

    private struct MeldingenKey: Hashable, Sendable {
        let kvk: String
        let source: MeldingSource
    }
    private var referenceDate = ""
    /// The newest earlier audit's municipality tasks and indicators.
    private(set) var openTasks: Set<String> = []
    private(set) var indicators: [Indicator: Decimal?] = [:]

    public init() {}

    /// The earlier audits of whole reports, oldest first (as tests and stored reports have them).
    public init(_ reports: [AuditReport]) {
        for report in reports.reversed() {
            beginEarlierAudit(referenceDate: report.run.referenceDate)
            for contractor in report.contractors {
                for finding in contractor.findings where PriorAudits.isHeld(finding.status) { held(finding.id) }
                for entry in contractor.meldingen {
                    meldingen(kvk: contractor.kvk, source: entry.source, expected: entry.expected, actual: entry.actual)
                }
            }
            for task in report.municipalityTasks { openTask(task.id) }
            for indicator in report.indicators { self.indicator(indicator.id, value: indicator.value) }
        }
    }

    public var isEmpty: Bool { count == 0 }

    /// Whether a finding of this status carries over to the next audit's "herhaald".
    public static func isHeld(_ status: ResultStatus) -> Bool { status.counts || status == .waived }

    /// Starts the next earlier audit: the first is the newest, then each older one.
    public mutating func beginEarlierAudit(referenceDate: String) {
        count += 1
        self.referenceDate = referenceDate
    }

    /// A finding held (counting or waived) in the audit begun last.
    public mutating func held(_ findingID: String) {
        let key = FindingKey(findingID)
        if count == 1 {
            consecutive[key] = 1
        } else if consecutive[key] == count - 1 {
            consecutive[key] = count
        }
    }

    /// A contractor's meldingen of one source in the audit begun last.
    public mutating func meldingen(kvk: String, source: MeldingSource, expected: Decimal?, actual: Int?) {
        meldingen[MeldingenKey(kvk: kvk, source: source), default: []]
            .append(AuditReport.MeldingenHistoryEntry(referenceDate: referenceDate, expected: expected, actual: actual))
    }

    /// The same, with the expected number as the history database keeps it (a `Double`), brought
    /// back to the places the report gives it, so that it reads as the stored report has it.
    public mutating func meldingen(kvk: String, source: MeldingSource, storedExpected: Double?, actual: Int?) {
        meldingen(kvk: kvk, source: source, expected: storedExpected.map { Self.decimal(stored: $0, places: AuditReport.expectedPlaces) },
                  actual: actual)
    }

    /// A task of the municipality open at the newest earlier audit.
    public mutating func openTask(_ id: String) {
        if count == 1 { openTasks.insert(id) }
    }

    /// An indicator's value at the newest earlier audit.
    public mutating func indicator(_ id: Indicator, value: Decimal?) {
        if count == 1, indicators[id] == nil { indicators[id] = .some(value) }
    }

    /// The same, with the value as the history database keeps it (a `Double`), brought back to
    /// the places the report gives it.
    public mutating func indicator(_ id: Indicator, storedValue: Double?) {
        indicator(id, value: storedValue.map { Self.indicatorValue(id, stored: $0) })
    }

    /// An indicator's value as the report gave it, back from the `Double` the database keeps.
    public static func indicatorValue(_ id: Indicator, stored value: Double) -> Decimal {
        decimal(stored: value, places: AuditReport.places(of: id))
    }

    /// A number the report gave with `places` decimals, back from the `Double` the database keeps
    /// it as: the `Double` alone is off in the last digits for one such number in fourteen (0.17
    /// comes back as 0.16999999999999995904).
    static func decimal(stored value: Double, places: Int) -> Decimal {
        AuditReport.rounded(Decimal(value), places)
    }

    /// Marks a contractor's entry with its history: which findings are repeated and for how many
    /// audits, the profile's escalation of persisting findings (the verdicts follow), and its
    /// meldingen in the earlier audits.
    func apply(to entry: inout AuditReport.ContractorEntry, escalation: Profile.Escalation?) {
        var escalated = false
        for index in entry.findings.indices {
            guard Self.isHeld(entry.findings[index].status) else { continue }
            let runs = 1 + (consecutive[FindingKey(entry.findings[index].id)] ?? 0)
            entry.findings[index].repeated = runs > 1
            entry.findings[index].consecutiveRuns = runs
            let finding = entry.findings[index]
            if let escalation, finding.status.counts, runs >= escalation.afterRuns, escalation.rules?.contains(finding.ruleId) ?? true,
               let position = Severity.allCases.firstIndex(of: finding.severity), position > 0 {
                entry.findings[index].escalatedFrom = finding.severity
                entry.findings[index].severity = Severity.allCases[position - 1]
                escalated = true
            }
        }
        // Worst first again when a severity was raised (the findings come worst first, and stay
        // so otherwise), by index: sorting the entries themselves moved every finding many times.
        if escalated {
            let findings = entry.findings
            let order = findings.indices.sorted {
                (findings[$0].status.listOrder, findings[$0].severity, $0) < (findings[$1].status.listOrder, findings[$1].severity, $1)
            }
            entry.findings = order.map { findings[$0] }
        }
        for agreement in entry.agreements.indices {
            let id = entry.agreements[agreement].id
            entry.agreements[agreement].verdict = Verdict(findings: entry.findings.filter { $0.agreementId == id })
        }
        entry.verdict = Verdict(findings: entry.findings)
        entry.decision = ContractingDecision(entry.verdict)
        for index in entry.meldingen.indices {
            entry.meldingen[index].history = (meldingen[MeldingenKey(kvk: entry.kvk, source: entry.meldingen[index].source)] ?? []).reversed()
        }
    }
}

/// A finding id by the first 128 bits of its SHA-256: 16 bytes in place of a string of 40 to 60
/// (a national audit holds a quarter of a million findings), and as unlikely to stand for two ids
/// as any two of them are to collide in SHA-256's first half.
struct FindingKey: Hashable, Sendable {
    private let high: UInt64
    private let low: UInt64

    init(_ id: String) {
        var id = id
        let digest = id.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        (high, low) = digest.withUnsafeBytes { ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
    }
}
