import ComplianceRules
import Foundation

/// A finding in words, the same in every format: what it concerns, why it is a finding, and the
/// agenda point it makes.
extension AuditReport.FindingEntry {
    /// The agreement it concerns, or the meldingen source; in a regional report the agreement with
    /// its municipality: "TB-2017-0001 (Ten Boer)".
    public func subject(_ t: ReportLanguage, regional: Bool = false) -> String {
        guard regional, let agreementId, let municipality else { return Self.subject(agreementId: agreementId, source: source, t) }
        return "\(agreementId) (\(municipality))"
    }

    /// The agreement a finding concerns, or its meldingen source.
    static func subject(agreementId: String?, source: MeldingSource?, _ t: ReportLanguage) -> String {
        agreementId ?? source.map { t($0) } ?? ""
    }

    /// Why it is a finding: "niet aangeleverd: aantal medewerkers en aantal geschoolden",
    /// "Rouvoet-kwaliteitskader: niet conform", or the rule's own explanation (Dutch reports).
    public func why(_ t: ReportLanguage) -> String {
        if let waiver {
            return "\(t(Phrase.waivedUntil)) \(t.format.date(iso: waiver.expires)): \(waiver.reason)"
        }
        switch status {
        case .notAgreed:
            return agreedFrom.map { t(Phrase.agreedLaterLine(date: t.date($0))) } ?? t(Phrase.notAgreedLine)
        case .missingEvidence:
            // A field the rule counts as missing while it holds a value was supplied too long ago
            // (`recent(...)`): its date is said, never "niet aangeleverd".
            let fields = missing.isEmpty ? evidence.filter { $0.value == nil }.map(\.field) : missing
            let supplied = fields.compactMap { field in evidence.first { $0.field == field && $0.value != nil } }
            let absent = fields.filter { field in !supplied.contains { $0.field == field } }
            let stale = supplied.map { "\($0.field.statement($0.value, t)), \(t(Phrase.tooLongAgo))" }
            let notSupplied = absent.isEmpty ? [] : ["\(t(Phrase.notSupplied)): " + t.list(absent.map { t($0) })]
            return (notSupplied + stale).joined(separator: "; ")
        case .error:
            return t(ResultStatus.error) + (evaluationError.map { " (\($0))" } ?? "")
        default:
            // A meldingen finding says first where the contractor lies in the funnel.
            let level = evidence.first { $0.field == .meldingenLevel }?.value.map { EvidenceField.meldingenLevel.said($0, t) }
            if t == .nl, let explanation { return level.map { "\($0): \(explanation)" } ?? explanation }
            let stated = evidence.map { $0.field.statement($0.value, t) }
            return stated.isEmpty ? t(status) : stated.joined(separator: "; ")
        }
    }

    /// A not-agreed condition as it would be judged if the agreement contained it: the same
    /// finding with the status it would have; nil for any other finding.
    public var asIfAgreed: Self? {
        guard status == .notAgreed, let ifAgreed else { return nil }
        var finding = self
        finding.status = ifAgreed
        return finding
    }

    /// The status as a table cell; for a condition not agreed, judged as if it were (a check's
    /// `unmetIfAgreed`): "niet afgesproken — nu: voldoet niet".
    public func statusWords(_ t: ReportLanguage) -> String {
        guard ifAgreed != nil, status != .notAgreed else { return t(status) }
        return "\(t(ResultStatus.notAgreed)) — \(t(Phrase.now)): \(t(status))"
    }

    /// The severity and the advice as a table row shows them: none for a not-agreed result, which is
    /// no finding and nothing to ask the contractor about.
    public func severityAndAdvice(_ t: ReportLanguage) -> (severity: String, advice: String)? {
        status == .notAgreed ? nil : (t(severity), advice)
    }

    /// The finding in one line: what is wrong, and why, and whether it is repeated.
    public func line(_ t: ReportLanguage, regional: Bool = false) -> String {
        "\(subject(t, regional: regional)): \(heading(t)) — \(whyAndHistory(t))"
    }

    /// Under an agenda point: what it concerns and why, and whether it is repeated (which says why
    /// a severity was raised): "INK-2017-0032: niet aangeleverd: … (herhaald, 2 audits op rij)".
    public func pointLine(_ t: ReportLanguage, regional: Bool = false) -> String {
        "\(subject(t, regional: regional)): \(whyAndHistory(t))"
    }

    /// Why it is a finding, and whether it is repeated: a table's explanation cell.
    public func whyAndHistory(_ t: ReportLanguage) -> String {
        why(t) + (history(t).map { " (\($0))" } ?? "")
    }

    /// "herhaald, 2 jaar op rij; verhoogd van indringend gesprek", or nil for a first finding.
    public func history(_ t: ReportLanguage) -> String? {
        guard repeated == true, let runs = consecutiveRuns else { return nil }
        return t(Phrase.repeated(runs: runs)) + (escalatedFrom.map { "; \(t(Phrase.raisedFrom)) \(t($0))" } ?? "")
    }

    /// What is wrong, as an agenda point's heading: the rule's `problem`, or the norm it does not
    /// meet marked as unproven, waived or not to be judged.
    public func heading(_ t: ReportLanguage) -> String {
        Self.heading(status: status, title: title, problem: problem, t)
    }

    /// The heading of a finding of this status, rule title and problem (see `heading(_:)`).
    static func heading(status: ResultStatus, title: String, problem: String?, _ t: ReportLanguage) -> String {
        switch status {
        case .missingEvidence: "\(t(Phrase.unproven)): \(title)"
        case .waived: "\(t(Phrase.waived)): \(title)"
        case .error: "\(t(Phrase.cannotJudge)): \(title)"
        default: problem ?? "\(t(Phrase.notMet)): \(title)"
        }
    }
}

extension ReportLanguage {
    /// "a", "a en b", "a, b en c".
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(self(Phrase.and)) " + items.last!
    }

    /// A date given as ISO text, in this language's way.
    func date(_ iso: String) -> String { format.date(iso: iso) }

    /// A count or other number, rounded by the one rule for reports.
    func number(_ value: Decimal?) -> String { value.map { format.count($0) } ?? "–" }
}
