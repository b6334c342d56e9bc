import ComplianceRules
import Foundation

/// Rewrites libxml2's schema messages into plain words that name the element, the attribute and
/// the rule broken. In a meldingen export nothing of the document is repeated: values are left out
/// (they could be case keys), and so is any name that is not one of the format's own.
///
/// `Element '{urn:…}contractor', attribute 'kvk': [facet 'pattern'] The value '1234567' is not
/// accepted by the pattern '[0-9]{8}'.` becomes `<contractor> kvk: '1234567' must be exactly 8 digits`.
enum SchemaMessage {
    /// The names of the meldingen format: the only names a message about an export may repeat.
    static let meldingenNames: Set<Substring> = [
        "meldingen", "melding", "source", "region", "from", "to", "id", "date", "reporter-kvk", "category",
        "type", "case", "repeat", "concern-since",
    ]

    /// The kind of problem, for a rejected record's reason.
    static func reason(_ raw: String) -> RejectionReason {
        if raw.contains("is not allowed") || raw.contains("This element is not expected") { return .notInFormat }
        if raw.contains("is required but missing") || raw.contains("Missing child element") { return .missingRequired }
        return .invalidValue
    }

    static func plainWords(_ raw: String, redactValues: Bool) -> String {
        var message = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: #"\{(?:urn|https?):[^}]*\}"#, with: "", options: .regularExpression)

        func named(_ name: Substring, _ unknown: String) -> String {
            !redactValues || meldingenNames.contains(name) ? String(name) : unknown
        }
        var subject = ""
        if let match = message.firstMatch(of: #/^Element '([^']+)'(?:, attribute '([^']+)')?: /#) {
            subject = "<\(named(match.1, "an element"))>" + (match.2.map { " \(named($0, "an attribute"))" } ?? "")
            if subject.hasPrefix("<an element>") { subject = "an element" }
            message = String(message[match.range.upperBound...])
        }
        func shown(_ value: Substring) -> String { redactValues ? "the value" : "'\(value)'" }
        let detail: String
        if let match = message.firstMatch(of: #/The value '([^']*)' is not accepted by the pattern '([^']*)'/#) {
            detail = "\(shown(match.1)) must be \(describe(pattern: String(match.2)))"
        } else if let match = message.firstMatch(of: #/The value '([^']*)' is not an element of the set \{(.*)\}/#) {
            let allowed = match.2.replacingOccurrences(of: "'", with: "")
            detail = "\(shown(match.1)) is not one of: \(allowed)" + (redactValues ? "" : closest(String(match.1), in: allowed))
        } else if let match = message.firstMatch(of: #/^'([^']*)' is not a valid value of the (?:local )?(?:atomic|list|union) type '([^']*)'/#) {
            detail = "\(shown(match.1)) must be \(describe(type: String(match.2)))"
        } else if let match = message.firstMatch(of: #/The attribute '([^']+)' is not allowed/#) {
            if subject.hasPrefix("<") { subject = subject.components(separatedBy: " ").first ?? subject }
            detail = redactValues && !meldingenNames.contains(match.1)
                ? "an attribute that is not part of the format" : "attribute \(match.1) is not part of the format"
        } else if let match = message.firstMatch(of: #/The attribute '([^']+)' is required but missing/#) {
            detail = "required attribute \(named(match.1, "(not named)")) is missing"
        } else if message.contains("This element is not expected") {
            detail = "this element is not expected here: it is not part of the format at this place, "
                + "or occurs more than once" + expectedList(message, intro: "; expected")
        } else if message.contains("Missing child element(s)") {
            detail = "a required element is missing" + expectedList(message, intro: "; allowed here")
        } else if message.contains("has a length of '0'") || message.contains("underruns the allowed minimum length") {
            detail = "must not be empty"
        } else if let match = message.firstMatch(of: #/The value '([^']*)' is less than the minimum value allowed \('([^']*)'\)/#) {
            detail = "\(shown(match.1)) must be \(match.2) or more"
        } else if message.contains("Character content other than whitespace is not allowed") {
            detail = "text is not allowed here, only elements"
        } else if message.contains("Element content is not allowed") {
            detail = "must hold a value, not elements"
        } else {
            detail = redactValues ? redactQuoted(message) : message
        }
        return subject.isEmpty ? detail : "\(subject): \(detail)"
    }

    /// ` (did you mean 'jeugdhulp'?)` when one allowed value is a few letters from the value given.
    private static func closest(_ value: String, in allowed: String) -> String {
        let choices = allowed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let best = choices.min(by: { editDistance($0, value) < editDistance($1, value) }),
              editDistance(best, value) <= max(2, value.count / 2 + 1), best != value else { return "" }
        return " (did you mean '\(best)'?)"
    }

    private static func expectedList(_ message: String, intro: String) -> String {
        guard let match = message.firstMatch(of: #/Expected is (?:one of )?\( ([^)]*) \)/#) else { return "" }
        // The schema's own names, never the document's.
        let names = match.1.split(separator: ",").map { "<\($0.trimmingCharacters(in: .whitespaces))>" }
        return "\(intro): " + names.joined(separator: ", ")
    }

    private static func describe(pattern: String) -> String {
        switch pattern {
        case "[0-9]{8}": "exactly 8 digits (a KvK number)"
        case #"\d{4}-\d{2}-\d{2}"#: "a date written YYYY-MM-DD"
        case "true|false": "true or false"
        case "[0-9a-f]{16,64}": "16 to 64 lowercase hexadecimal characters (a pseudonymous case key)"
        case "[A-Z]{3}": "a three-letter currency code such as EUR"
        default: "of the form \(pattern)"
        }
    }

    private static func describe(type: String) -> String {
        switch type.split(separator: ":").last.map(String.init) ?? type {
        case "isoDate", "date": "an existing date written YYYY-MM-DD"
        case "strictBoolean", "boolean": "true or false"
        case "nonNegativeDecimal", "decimal": "a number written like 8 or 2.5, not negative"
        case "nonNegativeInteger", "integer": "a whole number, not negative"
        case "kvkNumber": "exactly 8 digits (a KvK number)"
        case "nonEmptyText", "token": "non-empty text"
        default: "a valid \(type)"
        }
    }

    private static func redactQuoted(_ message: String) -> String {
        message.replacingOccurrences(of: #"'[^']*'"#, with: "(value left out)", options: .regularExpression)
    }
}
