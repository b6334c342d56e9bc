import Foundation
import Yams

/// Reads a YAML file as a tree of nodes with positions, and the values of a rule, profile or waiver
/// file from it. Every problem is collected with its `file:line:column`; unknown keys are errors,
/// so a misspelt key never silently falls back to a default.
struct YAMLReader {
    let file: String
    let locator: ScalarLocator
    private(set) var errors: [RulesError] = []

    /// Reads and parses the file; returns the reader and the root node, or throws the syntax error.
    static func open(_ path: String, displayName: String? = nil) throws(RulesErrors) -> (YAMLReader, Node) {
        let name = displayName ?? path
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw RulesErrors([RulesError(.unreadable, at: SourceLocation(file: name, line: 1, column: 1),
                                          "cannot read the file (missing, unreadable, or not UTF-8)")])
        }
        let reader = YAMLReader(
            file: name, locator: ScalarLocator(file: name, lines: text.split(separator: "\n", omittingEmptySubsequences: false)))
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw RulesErrors([RulesError(.syntax, at: SourceLocation(file: name, line: 1, column: 1), "the file is empty")])
            }
            return (reader, root)
        } catch let error as RulesErrors {
            throw error
        } catch let error as YamlError {
            throw RulesErrors([reader.syntaxError(error)])
        } catch {
            throw RulesErrors([RulesError(.syntax, at: SourceLocation(file: name, line: 1, column: 1), "\(error)")])
        }
    }

    private func syntaxError(_ error: YamlError) -> RulesError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            RulesError(.syntax, at: SourceLocation(file: file, line: mark.line, column: mark.column), "YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            RulesError(.syntax, at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                       "key(s) given twice: \(duplicates.joined(separator: ", "))")
        default:
            RulesError(.syntax, at: SourceLocation(file: file, line: 1, column: 1), "YAML: \(error)")
        }
    }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func fail(_ node: Node, _ message: String, kind: RulesError.Kind = .invalid) {
        errors.append(RulesError(kind, at: location(node), message))
    }

    mutating func record(_ error: RulesError) { errors.append(error) }

    /// A mapping whose keys must come from `required` and `optional`; reports unknown, missing and
    /// repeated keys. Returns the values by key, with the key nodes for positions.
    mutating func mapping(_ node: Node, _ what: String, required: [String] = [], optional: [String] = []) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            fail(node, "\(what) must be a mapping of keys and values")
            return nil
        }
        var values: [String: Node] = [:]
        let allowed = Set(required + optional)
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                fail(key, "\(what): keys must be plain names")
                continue
            }
            if !allowed.isEmpty, !allowed.contains(scalar.string) {
                let hint = allowed.min { editDistance($0, scalar.string) < editDistance($1, scalar.string) }
                    .flatMap { editDistance($0, scalar.string) <= 3 ? " (did you mean '\($0)'?)" : nil } ?? ""
                fail(key, "\(what): unknown key '\(scalar.string)'\(hint); allowed: \(allowed.sorted().joined(separator: ", "))")
                continue
            }
            if values[scalar.string] != nil {
                fail(key, "\(what): key '\(scalar.string)' is given twice")
            }
            values[scalar.string] = value
        }
        for key in required where values[key] == nil {
            fail(node, "\(what): required key '\(key)' is missing")
        }
        return values
    }

    /// Mapping pairs in file order, for maps keyed by names (profile overrides, parameters).
    mutating func pairs(_ node: Node, _ what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            fail(node, "\(what) must be a mapping")
            return []
        }
        return mapping.compactMap { key, value in
            guard case .scalar(let scalar) = key else {
                fail(key, "\(what): keys must be plain names")
                return nil
            }
            return (scalar.string, key, value)
        }
    }

    mutating func sequence(_ node: Node, _ what: String) -> [Node] {
        guard case .sequence(let sequence) = node else {
            fail(node, "\(what) must be a list")
            return []
        }
        return Array(sequence)
    }

    mutating func text(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            if case .alias = node { fail(node, "\(what): anchors and aliases (& and *) are not supported") }
            else { fail(node, "\(what) must be a single value") }
            return nil
        }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            fail(node, "\(what) must not be empty")
            return nil
        }
        return value
    }

    /// A single text or a list of texts.
    mutating func texts(_ node: Node, _ what: String) -> [String] {
        if case .sequence = node { return sequence(node, what).compactMap { text($0, what) } }
        return text(node, what).map { [$0] } ?? []
    }

    mutating func day(_ node: Node, _ what: String) -> Day? {
        guard let value = text(node, what) else { return nil }
        guard let day = Day(iso: value) else {
            fail(node, "\(what): '\(value)' is not an existing date written YYYY-MM-DD")
            return nil
        }
        return day
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, _: T.Type) -> T? where T.RawValue == String {
        guard let value = text(node, what) else { return nil }
        guard let choice = T(rawValue: value) else {
            fail(node, "\(what): '\(value)' is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return choice
    }

    mutating func boolean(_ node: Node, _ what: String) -> Bool? {
        switch text(node, what) {
        case "true": return true
        case "false": return false
        case let value?:
            fail(node, "\(what): '\(value)' must be true or false")
            return nil
        case nil: return nil
        }
    }

    mutating func wholeNumber(_ node: Node, _ what: String) -> Int? {
        guard let value = text(node, what) else { return nil }
        guard let number = Int(value), number >= 0 else {
            fail(node, "\(what): '\(value)' must be a whole number, 0 or more")
            return nil
        }
        return number
    }

    mutating func decimal(_ node: Node, _ what: String) -> Decimal? {
        guard let value = text(node, what) else { return nil }
        guard let number = Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")), number >= 0,
              value.allSatisfy({ $0.isNumber || $0 == "." })
        else {
            fail(node, "\(what): '\(value)' must be a number such as 8 or 2.5, 0 or more")
            return nil
        }
        return number
    }

    func location(in node: Node, offset: Int) -> SourceLocation { locator.location(in: node, offset: offset) }
}

/// Finds where a character of a scalar's text stands in its file, for errors inside a condition.
struct ScalarLocator: Sendable {
    let file: String
    let lines: [Substring]

    func location(in node: Node, offset: Int) -> SourceLocation {
        guard case .scalar(let scalar) = node, let mark = scalar.mark else {
            return SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        }
        switch scalar.style {
        case .literal, .folded:
            // Block scalars start on the next line, indented; count lines within the text.
            let before = scalar.string.prefix(offset)
            let lineIndex = before.filter { $0 == "\n" }.count
            let column = before.split(separator: "\n", omittingEmptySubsequences: false).last?.count ?? 0
            let fileLine = mark.line + 1 + lineIndex
            let indent = fileLine - 1 < lines.count ? lines[fileLine - 1].prefix { $0 == " " }.count : 0
            return SourceLocation(file: file, line: fileLine, column: indent + column + 1)
        case .singleQuoted, .doubleQuoted:
            return SourceLocation(file: file, line: mark.line, column: mark.column + 1 + offset)
        default:
            return SourceLocation(file: file, line: mark.line, column: mark.column + offset)
        }
    }
}
