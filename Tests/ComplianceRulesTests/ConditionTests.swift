@testable import ComplianceRules
import Foundation
import Testing

/// Evaluates `condition` for `agreement` on the peildatum: "true", "false", "missing: …" or "error: …".
func evaluate(_ condition: String, _ agreement: Agreement = compliantAgreement(),
              parameters: [String: String] = [:]) throws -> String {
    let bound = try parameters.mapValues { try ConditionCompiler.parameter($0) }
    let compiled = try ConditionCompiler.compile(condition, expecting: .boolean, parameters: bound)
    switch compiled.evaluate(EvaluationSubject(agreement: agreement, referenceDate: peildatum)) {
    case .boolean(let flag): return String(flag)
    case .unknown(let missing): return "missing: " + missing.joined(separator: ", ")
    case .failure(let problem): return "error: \(problem)"
    default: return "not a yes/no value"
    }
}

/// The offset and message of a condition that must not compile.
func compileError(_ condition: String) -> (offset: Int, message: String)? {
    do {
        _ = try ConditionCompiler.compile(condition, expecting: .boolean, parameters: [:])
        return nil
    } catch {
        return (error.offset, error.message)
    }
}

@Suite("The condition language")
struct ConditionTests {
    @Test("comparisons, arithmetic, percentages and lists", arguments: [
        ("aandachtsfunctionaris.hours-per-week >= 8", "true"),
        ("aandachtsfunctionaris.hours-per-week > 8", "false"),
        ("training.trained / training.staff >= 85%", "true"),
        ("training.trained / training.staff >= 86%", "false"),
        ("training.staff - training.trained == 9", "true"),
        ("-training.staff < 0", "true"),
        ("sector in [jeugdhulp, jeugdbescherming]", "true"),
        ("sector == \"onderwijs\"", "false"),
        ("type != subsidy", "true"),
        ("keurmerk.scheme == \"lvak\"", "true"),
        ("keurmerk.valid-until >= reference-date + 12 months", "true"),
        ("keurmerk.valid-until >= reference-date + 15 months", "false"),
        ("meldcode.reviewed > 2017-08-31 and not (kindcheck.applied == false)", "true"),
        ("caseload.children in [840, 841]", "true"),
    ])
    func evaluates(condition: String, expected: String) throws {
        #expect(try evaluate(condition) == expected)
    }

    @Test("age counts calendar months back from the reference date")
    func age() throws {
        var agreement = compliantAgreement()
        agreement.aandachtsfunctionaris?.verified = Day(iso: "2016-12-31")
        #expect(try evaluate("age(aandachtsfunctionaris.verified) <= 12 months", agreement) == "true")
        #expect(try evaluate("12 months >= age(aandachtsfunctionaris.verified)", agreement) == "true")
        agreement.aandachtsfunctionaris?.verified = Day(iso: "2016-12-30")
        #expect(try evaluate("age(aandachtsfunctionaris.verified) <= 12 months", agreement) == "false")
        #expect(try evaluate("age(aandachtsfunctionaris.verified) < 1 jaar", agreement) == "false")
        #expect(try evaluate("age(aandachtsfunctionaris.verified) <= 366 dagen", agreement) == "true")
    }

    @Test("missing evidence is never a pass: three-valued and, or, not")
    func threeValuedLogic() throws {
        var agreement = compliantAgreement()
        agreement.meldcode = nil
        #expect(try evaluate("meldcode.present", agreement) == "missing: meldcode.present")
        #expect(try evaluate("not meldcode.present", agreement) == "missing: meldcode.present")
        #expect(try evaluate("meldcode.present or kindcheck.applied", agreement) == "true")
        #expect(try evaluate("meldcode.present and kindcheck.applied", agreement) == "missing: meldcode.present")
        #expect(try evaluate("meldcode.present and sector == onderwijs", agreement) == "false")
        #expect(try evaluate("meldcode.present or meldcode.reviewed > 2017-01-01", agreement)
                == "missing: meldcode.present, meldcode.reviewed")
        #expect(try evaluate("meldcode is absent", agreement) == "true")
        #expect(try evaluate("meldcode.reviewed is present", agreement) == "false")
    }

    @Test("and does not evaluate its right side when the left decides, so no division by zero")
    func shortCircuit() throws {
        var agreement = compliantAgreement()
        agreement.training = TrainingEvidence(staff: 0, trained: 0)
        #expect(try evaluate("training.staff > 0 and training.trained / training.staff >= 80%", agreement) == "false")
        #expect(try evaluate("training.trained / training.staff >= 80%", agreement) == "error: deling door nul")
    }

    @Test("parameters stand for their values")
    func parameters() throws {
        #expect(try evaluate("aandachtsfunctionaris.hours-per-week >= min-hours", parameters: ["min-hours": "8"]) == "true")
        #expect(try evaluate("aandachtsfunctionaris.hours-per-week >= min-hours", parameters: ["min-hours": "8.5"]) == "false")
        #expect(try evaluate("training.trained / training.staff >= share", parameters: ["share": "85%"]) == "true")
        #expect(try evaluate("age(meldcode.reviewed) <= max-age", parameters: ["max-age": "3 months"]) == "false")
    }

    @Test("a condition that does not parse or type-check is refused at the right character", arguments: [
        ("meldcode.present and", 20, "the condition ends where a value was expected"),
        ("sector == jeugdzorg", 10, "'jeugdzorg' is not a sector"),
        ("sector in [ggz, jeugdzorg]", 16, "'jeugdzorg' is not a sector"),
        ("training.staff > 2017-01-01", 0, "cannot compare a number with a date"),
        ("aandachtsfunctionaris.hours-per-wek >= 2", 0, "did you mean 'aandachtsfunctionaris.hours-per-week'"),
        ("meldcode", 0, "'meldcode' is an element, not a value"),
        ("age(training.staff) <= 12 months", 4, "age(...) takes a date, not a number"),
        ("count(meldcode.present)", 0, "unknown function 'count'"),
        ("(meldcode.present", 17, "expected ')'"),
        ("meldcode.present and 2", 21, "'and' joins yes/no conditions"),
        ("training.staff", 0, "this must give a yes/no value, but gives a number"),
        ("keurmerk.valid-until >= 2017-02-30", 24, "'2017-02-30' is not a date"),
        ("keurmerk.scheme == \"LVAK", 19, "this text has no closing \""),
        ("kindcheck.applied # comment", 18, "unexpected character '#'"),
        ("2.5 months > age(meldcode.reviewed)", 0, "a duration needs a whole number"),
    ])
    func refused(condition: String, offset: Int, message: String) throws {
        let error = try #require(compileError(condition))
        #expect(error.offset == offset)
        #expect(error.message.contains(message), "\(error.message)")
    }

    /// Totality: every well-typed condition over every kind of agreement gives a value, never a crash.
    @Test("evaluation is total over empty, extreme and ordinary agreements")
    func total() throws {
        var empty = compliantAgreement()
        (empty.caseload, empty.meldcode, empty.kindcheck, empty.verwijsindex) = (nil, nil, nil, nil)
        (empty.aandachtsfunctionaris, empty.keurmerk, empty.kwaliteitskader, empty.training) = (nil, nil, nil, nil)
        var extreme = compliantAgreement()
        extreme.training = TrainingEvidence(staff: 0, trained: 0, intervisieSessions: Int.max, reported: Day(iso: "0001-01-01"))
        extreme.aandachtsfunctionaris = AandachtsfunctionarisEvidence(hoursPerWeek: Decimal(string: "99999999999999999999"),
                                                                      verified: Day(iso: "9999-12-31"))
        extreme.caseload = Caseload(children: Int.max, adults: 0)
        let ruleSet = try DefaultRules.loaded.get()
        for agreement in [empty, extreme, compliantAgreement()] {
            let statuses = ruleSet.assess(agreement, on: peildatum).results.map(\.status)
            #expect(statuses.count == ruleSet.rules.filter { $0.scope == .agreement }.count)
        }
        #expect(try evaluate("caseload.children * caseload.children > 0", extreme) != "")
    }
}

@Suite("Calendar durations")
struct CalendarDurationTests {
    @Test("adding months keeps the day of month, clamped to the month's end")
    func addMonths() {
        #expect(CalendarDuration(months: 1).added(to: Day(iso: "2017-01-31")!) == Day(iso: "2017-02-28"))
        #expect(CalendarDuration(months: 12).added(to: Day(iso: "2016-02-29")!) == Day(iso: "2017-02-28"))
        #expect(CalendarDuration(months: 24).subtracted(from: Day(iso: "2017-12-31")!) == Day(iso: "2015-12-31"))
    }

    @Test("whole months between two days, as a report says them")
    func wholeMonths() {
        #expect(CalendarDuration.wholeMonths(from: Day(iso: "2016-09-01")!, to: peildatum) == 15)
        #expect(CalendarDuration.wholeMonths(from: Day(iso: "2016-08-31")!, to: peildatum) == 16)
        #expect(CalendarDuration.roundedMonths(from: Day(iso: "2016-09-01")!, to: peildatum) == 16)
        #expect(CalendarDuration.roundedMonths(from: Day(iso: "2017-12-20")!, to: peildatum) == 0)
        #expect(CalendarDuration(months: 16).description == "16 maanden")
        #expect(CalendarDuration(months: 24).description == "2 jaar")
    }
}
