import Foundation

/// Numbers, shares, chances and dates as a person reads them in one language: Dutch (`20,5`,
/// `47,9%`, `31-12-2017`, `1.349`) or English (`20.5`, `47.9%`, `31 December 2017`, `1,349`).
///
/// One rounding rule for every report: counts and other numbers of one or more to one decimal,
/// smaller fractions to four, shares as a percentage with one decimal. JSON keeps plain numbers and
/// ISO dates and never uses this.
public struct HumanFormat: Sendable, Hashable {
    public let decimalSeparator: String
    public let groupingSeparator: String
    let months: [String]?
    let chanceBelow: String
    let chanceOneIn: String

    public static let dutch = HumanFormat(decimalSeparator: ",", groupingSeparator: ".", months: nil,
                                          chanceBelow: "kleiner dan 1 op 10.000", chanceOneIn: "1 op")
    public static let english = HumanFormat(
        decimalSeparator: ".", groupingSeparator: ",",
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"],
        chanceBelow: "less than 1 in 10,000", chanceOneIn: "1 in")

    /// A number rounded half away from zero: one decimal from 1 up, four below 1 (so 0.05 stays
    /// 0,05), trailing zeros dropped, thousands grouped.
    public func number(_ value: Decimal, decimals: Int? = nil) -> String {
        let scale = decimals ?? (abs(value) >= 1 || value == 0 ? 1 : 4)
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, scale, .plain)
        let plain = NSDecimalNumber(decimal: rounded).stringValue
        let negative = plain.hasPrefix("-")
        let digits = negative ? String(plain.dropFirst()) : plain
        let parts = digits.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = groupingSeparator + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        grouped = whole + grouped
        let fraction = parts.count > 1 ? decimalSeparator + parts[1] : ""
        return (negative ? "-" : "") + grouped + fraction
    }

    public func number(_ value: Int) -> String { number(Decimal(value)) }

    /// A count that may have a fraction (an expectation pro rata): one decimal at most, always.
    public func count(_ value: Decimal) -> String { number(value, decimals: 1) }

    /// A share as a percentage with one decimal: 0.4788 → 47,9%.
    public func percent(_ share: Decimal) -> String { number(share * 100, decimals: 1) + "%" }

    /// A chance in words: "1 op 72", or "kleiner dan 1 op 10.000" below 0.0001.
    public func chance(_ p: Double) -> String {
        guard p.isFinite, p >= 0 else { return "–" }
        if p < 0.0001 { return chanceBelow }
        if p >= 0.5 { return number(Decimal(p), decimals: 2) }
        return "\(chanceOneIn) \(number(Decimal((1 / p).rounded()), decimals: 0))"
    }

    /// 31-12-2017 in Dutch, 31 December 2017 in English.
    public func date(_ day: Day) -> String {
        let parts = day.parts
        guard let months else {
            return String(format: "%02d-%02d-%04d", parts.day, parts.month, parts.year)
        }
        return "\(parts.day) \(months[parts.month - 1]) \(parts.year)"
    }

    /// A date given as ISO text (`2017-12-31`); other text as it is.
    public func date(iso text: String) -> String {
        Day(iso: text).map(date) ?? text
    }
}
