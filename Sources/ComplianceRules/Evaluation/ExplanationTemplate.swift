/// A rule's explanation of a failure, in Dutch, with `{expression}` placeholders filled in from
/// the agreement: "aandachtsfunctionaris laatst gecontroleerd {aandachtsfunctionaris.verified},
/// {age(aandachtsfunctionaris.verified)} voor de peildatum; norm: {max-age}". A placeholder ending
/// in `:percent` shows a share as a percentage; one ending in `:chance` a probability in words
/// ("1 op 72").
struct ExplanationTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case value(CompiledCondition, presentation: ValuePresentation)
    }

    let parts: [Part]
    /// The fields its placeholders read, in order: found once, when it is compiled.
    let fields: [String]

    init(parts: [Part]) {
        self.parts = parts
        fields = parts.flatMap { part -> [String] in
            if case .value(let compiled, _) = part { return compiled.fields }
            return []
        }
    }

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
            var presentation = ValuePresentation.plain
            if let colon = expression.lastIndex(of: ":"), let named = ValuePresentation(rawValue: String(expression[expression.index(after: colon)...])) {
                presentation = named
                expression = String(expression[..<colon])
            }
            let start = template.distance(from: template.startIndex, to: open) + 1
            do {
                let syntax = try ConditionParser.parse(expression)
                parts.append(.value(try ConditionCompiler(parameters: parameters, catalogue: .of(scope)).compile(syntax, enumContext: nil), presentation: presentation))
            } catch {
                throw ConditionError(offset: start + error.offset, message: error.message)
            }
            rest = rest[rest.index(after: close)...]
        }
        parts.append(.text(String(rest)))
        return ExplanationTemplate(parts: parts)
    }

    /// The explanation with the subject's values, or nil when a value it names is missing or
    /// cannot be computed: a sentence is never built around a hole ("ontbreekt van ontbreekt").
    func render(_ subject: EvaluationSubject) -> String? {
        var text = ""
        for part in parts {
            switch part {
            case .text(let words): text += words
            case .value(let compiled, let presentation):
                let value = compiled.evaluate(subject)
                switch value {
                case .unknown, .failure: return nil
                default: text += rendered(value, referenceDate: subject.referenceDate, as: presentation)
                }
            }
        }
        return text
    }
}
