import Foundation
import Yams

/// A rule as read from its file, before a profile sets its severity and thresholds.
struct RuleDraft {
    let id: String
    let title: String
    let rationale: String
    let advice: String
    let problem: String?
    let wordings: [MeldingSource: RuleWording]
    let basis: [String]
    let basisKind: BasisKind
    let contractCondition: ContractCondition?
    let optIn: Bool
    let scope: RuleScope
    let appliesTo: Applicability
    let whenNode: Node?
    let effectiveFrom: Day?
    let effectiveUntil: Day?
    let severity: Severity
    let parameters: [(name: String, value: ParameterValue)]
    let condition: String
    let conditionNode: Node
    let explanationNode: Node?
    let examples: [RuleExample]
    let location: SourceLocation
    let locator: ScalarLocator
}

/// Reads a rule file (`rules/*.yml`):
///
/// ```yaml
/// version: 1
/// rules:
///   - id: AANDACHTSFUNCTIONARIS-UREN
///     title: De aandachtsfunctionaris heeft voldoende uren
///     rationale: …
///     advice: …
///     problem: De aandachtsfunctionaris heeft te weinig uren voor de functie   # optional
///     basis: [Handreiking voor gemeentebesturen (2016), hoofdstuk 2]
///     basis-kind: beleid                  # wet, contract or beleid
///     contract-condition: aandachtsfunctionaris   # for contract (and contract-bound beleid) rules
///     opt-in: false                       # true: off unless a profile enables it
///     applies-to: {sectors: all, types: [contract, subsidy]}
///     severity: agendapunt
///     parameters: {min-hours: 2}
///     # A meldingen rule (scope: meldingen) may word a source its own way; what it leaves out is the
///     # rule's own:
///     # wording: {verwijsindex: {title: …, problem: …, advice: …}}
///     condition: aandachtsfunctionaris.hours-per-week >= min-hours
///     examples:
///       - {expect: pass, agreement: {aandachtsfunctionaris: {hours-per-week: 4}}}
///       - {expect: fail, agreement: {aandachtsfunctionaris: {hours-per-week: 1}}}
/// ```
enum RuleFileParser {
    static let ruleKeys = ["id", "title", "rationale", "advice", "basis", "basis-kind", "applies-to", "severity", "condition", "examples"]
    static let optionalRuleKeys = ["scope", "effective-from", "effective-until", "parameters", "explanation", "problem", "contract-condition",
                                   "opt-in", "wording"]

    static func parse(_ path: String, displayName: String) throws(RulesErrors) -> [RuleDraft] {
        var (reader, root) = try YAMLReader.open(path, displayName: displayName)
        var drafts: [RuleDraft] = []
        if let top = reader.mapping(root, "a rule file", required: ["version", "rules"]) {
            FileVersion.check(top["version"], &reader)
            for node in top["rules"].map({ reader.sequence($0, "rules") }) ?? [] {
                if let draft = parseRule(node, &reader) { drafts.append(draft) }
            }
        }
        guard reader.errors.isEmpty else { throw RulesErrors(reader.errors) }
        return drafts
    }

    private static func parseRule(_ node: Node, _ reader: inout YAMLReader) -> RuleDraft? {
        guard let fields = reader.mapping(node, "a rule", required: ruleKeys, optional: optionalRuleKeys) else { return nil }
        let errorsBefore = reader.errors.count
        let id = fields["id"].flatMap { reader.text($0, "id") } ?? ""
        if !id.isEmpty, id.range(of: "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$", options: .regularExpression) == nil {
            reader.fail(fields["id"]!, "id '\(id)' must be capitals, digits and dashes, such as MELDCODE-AANWEZIG")
        }
        let what = id.isEmpty ? "rule" : "rule \(id)"
        let title = fields["title"].flatMap { reader.text($0, "\(what): title") } ?? ""
        let rationale = fields["rationale"].flatMap { reader.text($0, "\(what): rationale") } ?? ""
        let advice = fields["advice"].flatMap { reader.text($0, "\(what): advice") } ?? ""
        let problem = fields["problem"].flatMap { reader.text($0, "\(what): problem") }
        let basis = fields["basis"].map { reader.texts($0, "\(what): basis") } ?? []
        let basisKind = fields["basis-kind"].flatMap { reader.choice($0, "\(what): basis-kind", BasisKind.self) }
        let contractCondition = fields["contract-condition"].flatMap {
            reader.choice($0, "\(what): contract-condition", ContractCondition.self)
        }
        let optIn = fields["opt-in"].flatMap { reader.boolean($0, "\(what): opt-in") } ?? false
        if basisKind == .contract, contractCondition == nil, fields["contract-condition"] == nil, let node = fields["basis-kind"] {
            reader.fail(node, "\(what): a contract rule names its contract-condition (\(ContractCondition.allCases.map(\.rawValue).joined(separator: ", "))), "
                + "so the audit can tell whether the agreement contains it")
        }
        if basisKind == .wet, let node = fields["contract-condition"] {
            reader.fail(node, "\(what): a legal duty applies whatever the contract says; it has no contract-condition")
        }
        let severity = fields["severity"].flatMap { reader.choice($0, "\(what): severity", Severity.self) }
        let scope = fields["scope"].flatMap { reader.choice($0, "\(what): scope", RuleScope.self) } ?? .agreement
        let wordings = fields["wording"].map {
            parseWordings($0, what, scope: scope, default: RuleWording(title: title, problem: problem, advice: advice), &reader)
        } ?? [:]
        let condition = fields["condition"].flatMap { reader.text($0, "\(what): condition") }
        let (appliesTo, whenNode) = fields["applies-to"].map { parseApplicability($0, what, &reader) } ?? (nil, nil)
        let effectiveFrom = fields["effective-from"].flatMap { reader.day($0, "\(what): effective-from") }
        let effectiveUntil = fields["effective-until"].flatMap { reader.day($0, "\(what): effective-until") }
        if let effectiveFrom, let effectiveUntil, effectiveUntil < effectiveFrom, let node = fields["effective-until"] {
            reader.fail(node, "\(what): effective-until lies before effective-from")
        }
        var parameters: [(name: String, value: ParameterValue)] = []
        for pair in fields["parameters"].map({ reader.pairs($0, "\(what): parameters") }) ?? [] {
            let (name, keyNode, valueNode) = (pair.key, pair.keyNode, pair.value)
            if RuleScope.allCases.contains(where: { FieldCatalogue.of($0).fields[name] != nil }) || name == "reference-date" {
                reader.fail(keyNode, "\(what): parameter '\(name)' has the name of a field; choose another name")
            }
            guard let text = reader.text(valueNode, "\(what): parameter \(name)") else { continue }
            do throws(ConditionError) {
                parameters.append((name, try ConditionCompiler.parameter(text)))
            } catch {
                reader.record(RulesError(.condition, at: reader.location(in: valueNode, offset: error.offset),
                                         "\(what): parameter \(name): \(error.message)"))
            }
        }
        var examples: [RuleExample] = []
        for exampleNode in fields["examples"].map({ reader.sequence($0, "\(what): examples") }) ?? [] {
            if let example = ExampleReader.example(exampleNode, what, scope: scope, &reader) { examples.append(example) }
        }
        if fields["examples"] != nil {
            for required in [ResultStatus.pass, .fail] where !examples.contains(where: { $0.expected == required }) {
                reader.fail(fields["examples"]!, "\(what): needs at least one example that must \(required.rawValue)")
            }
        }
        guard reader.errors.count == errorsBefore, let severity, let condition, let appliesTo, let conditionNode = fields["condition"],
              let basisKind
        else { return nil }
        return RuleDraft(
            id: id, title: title, rationale: rationale, advice: advice, problem: problem, wordings: wordings, basis: basis,
            basisKind: basisKind, contractCondition: contractCondition, optIn: optIn, scope: scope, appliesTo: appliesTo,
            whenNode: whenNode, effectiveFrom: effectiveFrom, effectiveUntil: effectiveUntil, severity: severity,
            parameters: parameters, condition: condition, conditionNode: conditionNode,
            explanationNode: fields["explanation"], examples: examples, location: reader.location(node),
            locator: reader.locator)
    }

    /// `wording:`, a meldingen rule's words per source, each filled in from the rule's own.
    private static func parseWordings(
        _ node: Node, _ what: String, scope: RuleScope, default rule: RuleWording, _ reader: inout YAMLReader
    ) -> [MeldingSource: RuleWording] {
        guard scope == .meldingen else {
            reader.fail(node, "\(what): wording per source is for meldingen rules (scope: meldingen); an agreement's rule has one wording")
            return [:]
        }
        var wordings: [MeldingSource: RuleWording] = [:]
        for pair in reader.pairs(node, "\(what): wording") {
            guard let source = MeldingSource(rawValue: pair.key) else {
                reader.fail(pair.keyNode, "\(what): wording: '\(pair.key)' is not a source; known: "
                    + MeldingSource.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            let whatSource = "\(what): wording for \(pair.key)"
            guard let fields = reader.mapping(pair.value, whatSource, optional: ["title", "problem", "advice"]) else { continue }
            if fields.isEmpty { reader.fail(pair.value, "\(whatSource): give a title, problem or advice, or leave the source out") }
            wordings[source] = RuleWording(
                title: fields["title"].flatMap { reader.text($0, "\(whatSource): title") } ?? rule.title,
                problem: fields["problem"].flatMap { reader.text($0, "\(whatSource): problem") } ?? rule.problem,
                advice: fields["advice"].flatMap { reader.text($0, "\(whatSource): advice") } ?? rule.advice)
        }
        return wordings
    }

    private static func parseApplicability(_ node: Node, _ what: String, _ reader: inout YAMLReader) -> (Applicability?, Node?) {
        guard let fields = reader.mapping(node, "\(what): applies-to", optional: ["sectors", "types", "when"]) else { return (nil, nil) }
        var sectors: Set<Sector>?
        if let sectorNode = fields["sectors"] {
            let names = reader.texts(sectorNode, "\(what): sectors")
            if names != ["all"] {
                sectors = Set(names.compactMap { name in
                    guard let sector = Sector(rawValue: name) else {
                        reader.fail(sectorNode, "\(what): '\(name)' is not a sector; known: "
                            + Sector.allCases.map(\.rawValue).joined(separator: ", ") + " (or: all)")
                        return nil
                    }
                    return sector
                })
            }
        }
        var types = Set(AgreementType.allCases)
        if let typeNode = fields["types"] {
            types = Set(reader.texts(typeNode, "\(what): types").compactMap { name in
                guard let type = AgreementType(rawValue: name) else {
                    reader.fail(typeNode, "\(what): '\(name)' is not an agreement type; known: contract, subsidy")
                    return nil
                }
                return type
            })
        }
        let when = fields["when"].flatMap { reader.text($0, "\(what): when") }
        return (Applicability(sectors: sectors, types: types, when: when), fields["when"])
    }
}

/// Every file names the version of its format, so a later format can be told apart.
enum FileVersion {
    static let current = "1"

    static func check(_ node: Node?, _ reader: inout YAMLReader) {
        guard let node, let version = reader.text(node, "version") else { return }
        if version != current { reader.fail(node, "version \(version) is not supported; this tool reads version \(current)") }
    }
}
