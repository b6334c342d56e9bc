import ComplianceRules
import Foundation

/// The report's bulk — contractors, their findings and meldingen — written as JSON text directly,
/// members in sorted key order, without going through `Encoder` (a national report has hundreds of
/// thousands of findings). The bytes are those of `encode(to:)` through `ReportJSON`: tests compare
/// the two on reports with and without history, so a field added to one and not the other fails.
protocol DirectJSON: Encodable {
    func writeJSON(depth: Int, into out: inout [UInt8]) throws
}

/// Writes one object's members, which must come in sorted key order.
struct JSONObjectWriter {
    let depth: Int
    private var members = 0

    init(depth: Int, into out: inout [UInt8]) {
        self.depth = depth
        out.append(0x7B)
    }

    private mutating func key(_ key: StaticString, into out: inout [UInt8]) {
        // Byte by byte: an array literal here cost an allocation per member.
        if members > 0 { out.append(0x2C) }
        out.append(0x0A)
        members += 1
        JSONText.indent(depth + 1, into: &out)
        out.append(0x22)
        key.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(0x22)
        out.append(0x20)
        out.append(0x3A)
        out.append(0x20)
    }

    mutating func string(_ key: StaticString, _ value: String?, into out: inout [UInt8]) {
        self.key(key, into: &out)
        if let value { JSONText.quote(value, into: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    mutating func raw<Value: RawRepresentable<String>>(_ key: StaticString, _ value: Value?, into out: inout [UInt8]) {
        string(key, value?.rawValue, into: &out)
    }

    mutating func number(_ key: StaticString, _ value: Int?, into out: inout [UInt8]) {
        self.key(key, into: &out)
        out.append(contentsOf: (value.map { String($0) } ?? "null").utf8)
    }

    mutating func number(_ key: StaticString, _ value: Decimal?, into out: inout [UInt8]) {
        self.key(key, into: &out)
        if let value { JSONText.decimal(value, into: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    mutating func bool(_ key: StaticString, _ value: Bool?, into out: inout [UInt8]) {
        self.key(key, into: &out)
        out.append(contentsOf: (value.map { $0 ? "true" : "false" } ?? "null").utf8)
    }

    /// Any other value, through its own `encode(to:)`.
    mutating func value<T: Encodable>(_ key: StaticString, _ value: T, into out: inout [UInt8]) throws {
        self.key(key, into: &out)
        try JSONText.render(value, depth: depth + 1, into: &out)
    }

    /// A list of identifiers: strings on lines of their own.
    mutating func raws<Value: RawRepresentable<String>>(_ key: StaticString, _ values: [Value], into out: inout [UInt8]) {
        self.key(key, into: &out)
        guard !values.isEmpty else {
            JSONText.emptyContainer(open: 0x5B, close: 0x5D, depth: depth + 1, into: &out)
            return
        }
        out.append(0x5B)
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(0x2C) }
            out.append(0x0A)
            JSONText.indent(depth + 2, into: &out)
            JSONText.quote(value.rawValue, into: &out)
        }
        out.append(0x0A)
        JSONText.indent(depth + 1, into: &out)
        out.append(0x5D)
    }

    /// A piece of evidence as `EvidenceValue.encode(to:)` writes it: a boolean, a number, or a
    /// string (a date as `YYYY-MM-DD`); null when not supplied.
    mutating func evidence(_ key: StaticString, _ value: EvidenceValue?, into out: inout [UInt8]) {
        switch value {
        case .boolean(let flag)?: bool(key, flag, into: &out)
        case .number(let number)?: self.number(key, number, into: &out)
        case .date(let day)?: string(key, day.description, into: &out)
        case .text(let text)?: string(key, text, into: &out)
        case nil: string(key, nil, into: &out)
        }
    }

    mutating func direct<T: DirectJSON>(_ key: StaticString, _ value: T, into out: inout [UInt8]) throws {
        self.key(key, into: &out)
        try value.writeJSON(depth: depth + 1, into: &out)
    }

    mutating func array<T: DirectJSON>(_ key: StaticString, _ elements: [T], into out: inout [UInt8]) throws {
        self.key(key, into: &out)
        guard !elements.isEmpty else {
            JSONText.emptyContainer(open: 0x5B, close: 0x5D, depth: depth + 1, into: &out)
            return
        }
        out.append(0x5B)
        // By index: `for element in elements` copied every element (a retain and a release for
        // each of a finding's strings).
        for index in elements.indices {
            if index > 0 { out.append(0x2C) }
            out.append(0x0A)
            JSONText.indent(depth + 2, into: &out)
            try elements[index].writeJSON(depth: depth + 2, into: &out)
        }
        out.append(0x0A)
        JSONText.indent(depth + 1, into: &out)
        out.append(0x5D)
    }

    func close(into out: inout [UInt8]) {
        guard members > 0 else {
            out.removeLast()
            JSONText.emptyContainer(open: 0x7B, close: 0x7D, depth: depth, into: &out)
            return
        }
        out.append(0x0A)
        JSONText.indent(depth, into: &out)
        out.append(0x7D)
    }
}

extension AuditReport.ContractorEntry: DirectJSON {
    func writeJSON(depth: Int, into out: inout [UInt8]) throws {
        var object = JSONObjectWriter(depth: depth, into: &out)
        try object.array("agreements", agreements, into: &out)
        object.raw("decision", decision, into: &out)
        try object.array("findings", findings, into: &out)
        object.string("kvk", kvk, into: &out)
        try object.array("meldingen", meldingen, into: &out)
        if let municipalities { try object.array("municipalities", municipalities, into: &out) }
        object.string("name", name, into: &out)
        object.raw("verdict", verdict, into: &out)
        object.close(into: &out)
    }
}

extension AuditReport.ContractorMunicipalityEntry: DirectJSON {
    func writeJSON(depth: Int, into out: inout [UInt8]) throws {
        var object = JSONObjectWriter(depth: depth, into: &out)
        object.number("agreements", agreements, into: &out)
        object.string("municipality", municipality, into: &out)
        object.raw("verdict", verdict, into: &out)
        object.close(into: &out)
    }
}

extension AuditReport.AgreementEntry: DirectJSON {
    func writeJSON(depth: Int, into out: inout [UInt8]) throws {
        var object = JSONObjectWriter(depth: depth, into: &out)
        object.string("end", end, into: &out)
        object.string("id", id, into: &out)
        if let location { object.string("location", location, into: &out) }
        if let municipality { object.string("municipality", municipality, into: &out) }
        object.raw("sector", sector, into: &out)
        object.string("start", start, into: &out)
        object.raw("type", type, into: &out)
        object.raw("verdict", verdict, into: &out)
        object.close(into: &out)
    }
}

extension AuditReport.FindingEntry: DirectJSON {
    func writeJSON(depth: Int, into out: inout [UInt8]) throws {
        var object = JSONObjectWriter(depth: depth, into: &out)
        object.string("advice", advice, into: &out)
        object.string("agreedFrom", agreedFrom, into: &out)
        object.string("agreementId", agreementId, into: &out)
        object.raw("basisKind", basisKind, into: &out)
        object.number("consecutiveRuns", consecutiveRuns, into: &out)
        object.raw("contractCondition", contractCondition, into: &out)
        object.raw("escalatedFrom", escalatedFrom, into: &out)
        object.string("evaluationError", evaluationError, into: &out)
        try object.array("evidence", evidence, into: &out)
        object.string("explanation", explanation, into: &out)
        object.string("id", id, into: &out)
        object.raw("ifAgreed", ifAgreed, into: &out)
        object.string("location", location, into: &out)
        object.raws("missing", missing, into: &out)
        object.string("municipality", municipality, into: &out)
        object.string("problem", problem, into: &out)
        object.bool("repeated", repeated, into: &out)
        object.string("ruleId", ruleId, into: &out)
        object.raw("severity", severity, into: &out)
        object.raw("source", source, into: &out)
        object.raw("status", status, into: &out)
        object.string("title", title, into: &out)
        if let waiver { try object.direct("waiver", waiver, into: &out) } else { object.string("waiver", nil, into: &out) }
        object.close(into: &out)
    }
}

extension AuditReport.WaiverEntry: DirectJSON {
    func writeJSON(depth: Int, into out: inout [UInt8]) throws {
        var object = JSONObjectWriter(depth: depth, into: &out)
        object.string("approvedBy", approvedBy, into: &out)
        object.string("expires", expires, into: &out)
        object.string("reason", reason, into: &out)
        object.raw("waivedStatus", waivedStatus, into: &out)
        object.close(into: &out)
    }
}

extension AuditReport.EvidenceEntry: DirectJSON {
    func writeJSON(depth: Int, into out: inout [UInt8]) throws {
        var object = JSONObjectWriter(depth: depth, into: &out)
        object.raw("field", field, into: &out)
        object.evidence("value", value, into: &out)
        object.close(into: &out)
    }
}

extension AuditReport.MeldingenEntry: DirectJSON {
    func writeJSON(depth: Int, into out: inout [UInt8]) throws {
        var object = JSONObjectWriter(depth: depth, into: &out)
        object.number("actual", actual, into: &out)
        object.number("adviesvragen", adviesvragen, into: &out)
        object.number("expected", expected, into: &out)
        object.raw("expectedBasis", expectedBasis, into: &out)
        try object.array("expectedComponents", expectedComponents, into: &out)
        object.bool("flagged", flagged, into: &out)
        try object.value("history", history, into: &out)
        object.raw("level", level, into: &out)
        if let limits { try object.direct("limits", limits, into: &out) } else { object.string("limits", nil, into: &out) }
        object.raw("outcome", outcome, into: &out)
        object.number("ratio", ratio, into: &out)
        object.raw("source", source, into: &out)
        object.number("z", z, into: &out)
        object.number("zAdjusted", zAdjusted, into: &out)
        object.close(into: &out)
    }
}

extension AuditReport.ExpectationEntry: DirectJSON {
    func writeJSON(depth: Int, into out: inout [UInt8]) throws {
        var object = JSONObjectWriter(depth: depth, into: &out)
        object.string("agreementId", agreementId, into: &out)
        object.raw("basis", basis, into: &out)
        object.number("children", children, into: &out)
        object.number("count", count, into: &out)
        object.number("perYear", perYear, into: &out)
        object.number("ratePerThousand", ratePerThousand, into: &out)
        object.number("yearFraction", yearFraction, into: &out)
        object.close(into: &out)
    }
}

extension AuditReport.LimitsEntry: DirectJSON {
    func writeJSON(depth: Int, into out: inout [UInt8]) throws {
        var object = JSONObjectWriter(depth: depth, into: &out)
        object.number("lower95", lower95, into: &out)
        object.number("lower998", lower998, into: &out)
        object.number("upper95", upper95, into: &out)
        object.number("upper998", upper998, into: &out)
        object.close(into: &out)
    }
}

extension AuditReport.MunicipalityTaskEntry: DirectJSON {
    func writeJSON(depth: Int, into out: inout [UInt8]) throws {
        var object = JSONObjectWriter(depth: depth, into: &out)
        object.string("agreementEnd", agreementEnd, into: &out)
        object.string("agreementId", agreementId, into: &out)
        object.raws("conditions", conditions, into: &out)
        object.string("due", due, into: &out)
        object.string("id", id, into: &out)
        object.raw("kind", kind, into: &out)
        object.string("kvk", kvk, into: &out)
        object.string("lastDone", lastDone, into: &out)
        object.string("municipality", municipality, into: &out)
        object.string("name", name, into: &out)
        object.bool("repeated", repeated, into: &out)
        object.close(into: &out)
    }
}
