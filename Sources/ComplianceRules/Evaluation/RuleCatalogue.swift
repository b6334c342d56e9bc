/// The rule set as documentation: a plain listing for the terminal, or Markdown for `docs/RULES.md`.
public enum RuleCatalogue {
    public static func text(_ ruleSet: RuleSet) -> String {
        let width = ruleSet.rules.map(\.id.count).max() ?? 0
        var lines = ["Profiel: \(ruleSet.profile.name) (\(ruleSet.profile.file)); \(ruleSet.rules.count) regels"]
        for rule in ruleSet.rules {
            let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = rule.severity.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
            let kind = rule.basisKind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            lines.append("\(id)  \(severity)  \(kind)  \(rule.title)")
        }
        if !ruleSet.disabledRules.isEmpty {
            lines.append("Uitgeschakeld door het profiel: \(ruleSet.disabledRules.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ ruleSet: RuleSet) -> String {
        var out = """
            # Rules

            The default rule set (`rules/`), as `compliance-audit rules list --format markdown` prints it with
            profile **\(ruleSet.profile.name)**. Each rule's examples are its tests. Severities, worst first:
            `blokkerend`, `indringend-gesprek`, `agendapunt`, `informatief`. Basis kinds: `wet` (a legal duty,
            whatever the contract says), `contract` (a condition the municipality attaches to inkoop and
            subsidies: binding only where the agreement contains it on the peildatum, otherwise `not-agreed` and
            a task for the municipality, unless the agreement contains it from a later day of its term: then
            there is nothing to write in, and the reports say from when it applies), `beleid` (a local norm
            the municipality chose).

            | rule | basis kind | severity | title |
            |---|---|---|---|

            """
        for rule in ruleSet.rules {
            out += "| [\(rule.id)](#\(rule.id.lowercased())) | \(rule.basisKind.rawValue) | \(rule.severity.rawValue) | \(rule.title) |\n"
        }
        if !ruleSet.disabledRules.isEmpty {
            out += "\nOff in this profile: " + ruleSet.disabledRules.map { "`\($0)`" }.joined(separator: ", ")
                + " (an opt-in rule is on only where a profile enables it).\n"
        }
        for rule in ruleSet.rules {
            out += "\n## \(rule.id)\n\n**\(rule.title)**\n\n\(rule.rationale)\n\n"
            out += "- **Severity:** \(rule.severity.rawValue)"
                + (rule.severity == rule.defaultSeverity ? "" : " (rule file: \(rule.defaultSeverity.rawValue))") + "\n"
            out += "- **Applies to:** \(applicability(rule))\n"
            if rule.effectiveFrom != nil || rule.effectiveUntil != nil {
                out += "- **In force:** \(rule.effectiveFrom.map { "from \($0)" } ?? "")"
                    + "\(rule.effectiveUntil.map { " until \($0)" } ?? "")\n"
            }
            out += "- **Condition:** `\(rule.condition)`\n"
            if !rule.parameters.isEmpty {
                out += "- **Parameters:** " + rule.parameters.map { "`\($0.name)` = \($0.value)" }.joined(separator: ", ") + "\n"
            }
            out += "- **Advice:** \(rule.advice)\n"
            let worded = MeldingSource.allCases.filter { rule.wordings[$0] != nil }
            if !worded.isEmpty {
                out += "- **Worded per source** (a finding about that source says this instead):\n"
                for source in worded {
                    let wording = rule.wording(for: source)
                    out += "  - `\(source.rawValue)`: **\(wording.title)**"
                        + (wording.problem.map { "; not met: \($0)" } ?? "") + "; advice: \(wording.advice)\n"
                }
            }
            out += "- **Basis kind:** \(rule.basisKind.rawValue)"
                + (rule.contractCondition.map { " (contract condition `\($0.rawValue)`)" } ?? "") + "\n"
            out += "- **Basis:**\n" + rule.basis.map { "  - \($0)\n" }.joined()
            out += "- **Defined in:** `\(rule.location.file):\(rule.location.line)`\n"
        }
        return out
    }

    private static func applicability(_ rule: Rule) -> String {
        if rule.scope == .meldingen {
            return "each contractor's meldingen, per source" + (rule.appliesTo.when.map { "; when `\($0)`" } ?? "")
        }
        let sectors = rule.appliesTo.sectors.map { $0.map(\.rawValue).sorted().joined(separator: ", ") } ?? "all sectors"
        let types = rule.appliesTo.types.count == AgreementType.allCases.count
            ? "contracts and subsidies" : rule.appliesTo.types.map(\.rawValue).sorted().joined(separator: ", ")
        return "\(sectors); \(types)" + (rule.appliesTo.when.map { "; when `\($0)`" } ?? "")
    }
}
