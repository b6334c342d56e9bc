/// A problem in a rule, profile or waiver file, placed where an editor can jump to it.
public struct RulesError: Error, Sendable, CustomStringConvertible, Hashable {
    public enum Kind: String, Sendable {
        /// The file cannot be read.
        case unreadable
        /// The YAML itself is malformed.
        case syntax
        /// A key, value or reference that the format does not allow.
        case invalid
        /// A condition that does not parse or does not type-check.
        case condition
        /// A rule's own example does not give the state it expects.
        case example
    }

    public let kind: Kind
    public let location: SourceLocation
    public let message: String
    /// A warning is reported but does not stop the rules from loading.
    public let isWarning: Bool

    public init(_ kind: Kind, at location: SourceLocation, _ message: String, isWarning: Bool = false) {
        self.kind = kind
        self.location = location
        self.message = message
        self.isWarning = isWarning
    }

    public var description: String { "\(location): \(isWarning ? "warning" : "error"): \(message)" }
}

/// Several problems found in one go: a loader reports all it can before giving up.
public struct RulesErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [RulesError]

    public init(_ errors: [RulesError]) {
        self.errors = errors.sorted {
            ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column)
        }
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
