import Foundation

/// A value of the evidence, typed, so every report words it in its own language. In JSON a
/// boolean, a number, or a string (a date as `YYYY-MM-DD`).
public enum EvidenceValue: Sendable, Hashable, Codable {
    case boolean(Bool)
    case number(Decimal)
    case date(Day)
    case text(String)

    init?(_ value: ConditionValue) {
        switch value {
        case .boolean(let flag): self = .boolean(flag)
        case .number(let number): self = .number(number)
        case .date(let day): self = .date(day)
        case .text(let text): self = .text(text)
        default: return nil
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) { self = .boolean(flag) }
        else if let number = try? container.decode(Decimal.self) { self = .number(number) }
        else {
            let text = try container.decode(String.self)
            self = Day(iso: text).map(EvidenceValue.date) ?? .text(text)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .boolean(let flag): try container.encode(flag)
        case .number(let number): try container.encode(number)
        case .date(let day): try container.encode(day.description)
        case .text(let text): try container.encode(text)
        }
    }
}
