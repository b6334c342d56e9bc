import ComplianceRules
import Foundation

/// The follow-up of indringend gesprekken, as the history database knows them: which contractors
/// have an alarm but no gesprek recorded since the audited period began, and which agreed actions
/// are past their due date while the contractor still has open findings.
public struct FollowUp: Codable, Sendable, Equatable {
    /// A gesprek as recorded (`compliance-audit gesprek record`).
    public struct GesprekEntry: Codable, Sendable, Equatable {
        public var kvk: String
        public var agreementId: String?
        public var date: String
        /// The officer's own words.
        public var outcome: String
        public var actions: [ActionEntry]

        public init(kvk: String, agreementId: String?, date: String, outcome: String, actions: [ActionEntry]) {
            self.kvk = kvk
            self.agreementId = agreementId
            self.date = date
            self.outcome = outcome
            self.actions = actions
        }
    }

    public struct ActionEntry: Codable, Sendable, Equatable {
        public var text: String
        public var due: String

        public init(text: String, due: String) {
            self.text = text
            self.due = due
        }
    }

    public struct AlarmWithoutGesprek: Codable, Sendable, Equatable {
        public var kvk: String
        public var name: String
        public var source: MeldingSource
    }

    public struct OverdueAction: Codable, Sendable, Equatable {
        public var kvk: String
        public var name: String
        public var gesprekDate: String
        public var text: String
        public var due: String
    }

    /// Every gesprek recorded for the municipality, oldest first.
    public var gesprekken: [GesprekEntry]
    public var alarmsWithoutGesprek: [AlarmWithoutGesprek]
    public var overdueActions: [OverdueAction]

    /// The follow-up of `report` given every gesprek recorded for its municipality.
    public init(_ report: AuditReport, gesprekken: [GesprekEntry]) {
        let periodStart = report.exports.map(\.periodStart).min() ?? report.run.referenceDate
        var alarms: [AlarmWithoutGesprek] = []
        var overdue: [OverdueAction] = []
        let byContractor = Dictionary(grouping: gesprekken, by: \.kvk)
        // The outlines: meldingen and counted findings without building every contractor's findings.
        for contractor in report.contractors.outlines {
            let own = byContractor[contractor.kvk] ?? []
            for entry in contractor.meldingen where entry.level == .alarm && !own.contains(where: { $0.date >= periodStart }) {
                alarms.append(AlarmWithoutGesprek(kvk: contractor.kvk, name: contractor.name, source: entry.source))
            }
            for gesprek in own {
                for action in gesprek.actions
                where Self.isOverdue(action, referenceDate: report.run.referenceDate, findingsOpen: !contractor.counted.isEmpty) {
                    overdue.append(OverdueAction(kvk: contractor.kvk, name: contractor.name, gesprekDate: gesprek.date, text: action.text,
                                                 due: action.due))
                }
            }
        }
        self.gesprekken = gesprekken.sorted { $0.date < $1.date }
        alarmsWithoutGesprek = alarms
        overdueActions = overdue
    }

    /// An agreed action is past its term when it fell due on or before the peildatum while the
    /// contractor still has open findings.
    static func isOverdue(_ action: ActionEntry, referenceDate: String, findingsOpen: Bool) -> Bool {
        findingsOpen && action.due <= referenceDate
    }
}
