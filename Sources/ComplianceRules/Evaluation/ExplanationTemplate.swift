/// A rule's explanation of a failure, in Dutch, with `{expression}` placeholders filled in from
/// the agreement: "aandachtsfunctionaris laatst gecontroleerd {aandachtsfunctionaris.verified},
/// {age(aandachtsfunctionaris.verified)} voor de peildatum; norm: {max-age}". A placeholder ending
/// in `:percent` shows a share as a percentage.
struct ExplanationTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case value(CompiledCondition, asPercent: Bool)
    }

    let parts: [Part]

    /// Compiles the placeholders; an error carries the character offset in the template.
    static func compile(_ template: String, parameters: [String: ParameterValue], scope: RuleScope) throws(ConditionError) -> ExplanationTemplate {
        var parts: [Part] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            parts.append(.text(String(rest[..<open])))
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw ConditionError(offset: template.distance(from: template.startIndex, to: open), message: "'{' without '}'")
            }
            var expression = String(rest[rest.index(after: open)..<close])
            let asPercent = expression.hasSuffix(":percent")
            if asPercent { expression.removeLast(":percent".count) }
            let start = template.distance(from: template.startIndex, to: open) + 1
            do {
                let syntax = try ConditionParser.parse(expression)
                parts.append(.value(try ConditionCompiler(parameters: parameters, catalogue: .of(scope)).compile(syntax, enumContext: nil), asPercent: asPercent))
            } catch {
                throw ConditionError(offset: start + error.offset, message: error.message)
            }
            rest = rest[rest.index(after: close)...]
        }
        parts.append(.text(String(rest)))
        return ExplanationTemplate(parts: parts)
    }

    func render(_ subject: EvaluationSubject) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .value(let compiled, let asPercent):
                rendered(compiled.evaluate(subject), referenceDate: subject.referenceDate, asPercent: asPercent)
            }
        }.joined()
    }
}
