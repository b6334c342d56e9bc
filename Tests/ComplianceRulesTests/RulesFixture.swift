@testable import ComplianceRules
import Foundation
import TestSupport

/// A copy of the default rules in a scratch directory, for tests that edit rule files.
struct RulesFixture {
    let directory: URL

    init() throws {
        directory = Scratch.file("rules")
        try FileManager.default.copyItem(at: RuleSetLoader.bundledRulesDirectory, to: directory)
    }

    func write(_ text: String, to name: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// Replaces one exact piece of a rule file's text; fails loudly if the piece is not there.
    func replace(_ old: String, with new: String, in name: String) throws {
        let url = directory.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard text.contains(old) else { throw FixtureError.missing(old, name) }
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    /// The line (1-based) of the first occurrence of `text` in a rule file.
    func line(of text: String, in name: String) throws -> Int {
        let lines = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { $0.contains(text) }) else { throw FixtureError.missing(text, name) }
        return index + 1
    }

    func loader(profile: String? = nil, waivers: String? = nil) -> RuleSetLoader {
        RuleSetLoader(rulesDirectory: directory, profile: profile, waiversFile: waivers)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    enum FixtureError: Error { case missing(String, String) }
}

/// An agreement with every condition of the default rules met on 2017-12-31, to vary in tests.
func compliantAgreement(id: String = "INK-1", kvk: String = "01234567", sector: Sector = .jeugdhulp) -> Agreement {
    Agreement(
        id: id, type: .contract, contractor: Contractor(kvk: KvKNumber(kvk)!, name: "Jeugdhulp Noord B.V."),
        sector: sector, period: DayInterval(start: Day(iso: "2017-01-01")!, end: Day(iso: "2018-12-31")!),
        caseload: Caseload(children: 840, adults: 0),
        meldcode: MeldcodeEvidence(present: true, adopted: Day(iso: "2016-05-01"), afwegingskader: true, reviewed: Day(iso: "2017-09-01")),
        kindcheck: KindcheckEvidence(applied: true),
        verwijsindex: VerwijsindexEvidence(connected: true),
        aandachtsfunctionaris: AandachtsfunctionarisEvidence(name: "A. de Vries", hoursPerWeek: 8, trained: true, verified: Day(iso: "2017-10-02")),
        keurmerk: KeurmerkEvidence(scheme: "LVAK", validUntil: Day(iso: "2019-03-01")!),
        kwaliteitskader: KwaliteitskaderEvidence(scheme: "rouvoet", compliant: true, assessed: Day(iso: "2017-06-01")),
        training: TrainingEvidence(staff: 60, trained: 51, intervisieSessions: 4, reported: Day(iso: "2017-12-01")),
        conditions: AgreedConditions(agreed: Set(ContractCondition.allCases)))
}

let peildatum = Day(iso: "2017-12-31")!
