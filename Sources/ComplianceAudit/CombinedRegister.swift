import ComplianceRules

extension Register {
    /// The municipalities of some registers, each once, in the order given.
    public static func municipalities(_ registers: [Register]) -> [String] {
        var seen = Set<String>()
        return registers.map(\.municipality).filter { seen.insert($0).inserted }
    }

    /// Several registers as one, for a regional audit: every agreement (each keeps its
    /// municipality), every contractor once. They must share the reference date, and an agreement
    /// id may occur once in all of them, so that findings, waivers and tasks name one agreement.
    static func combined(_ registers: [Register], files: [String]) throws(AuditError) -> Register {
        guard registers.count > 1 else { return registers[0] }
        let first = registers[0]
        for (register, file) in zip(registers, files) where register.referenceDate != first.referenceDate {
            throw .registers("\(file): error: reference-date \(register.referenceDate) differs from \(first.referenceDate) in "
                + "\(files[0]); the registers of one run are judged on one peildatum")
        }
        var seen: [String: (file: String, location: SourceLocation?)] = [:]
        for (register, file) in zip(registers, files) {
            for agreement in register.agreements {
                if let earlier = seen[agreement.id] {
                    let here = agreement.location?.description ?? file
                    let there = earlier.location?.description ?? earlier.file
                    throw .registers("\(here): error: agreement id '\(agreement.id)' is also in \(there); agreement ids must be "
                        + "unique across the registers of one run")
                }
                seen[agreement.id] = (file, agreement.location)
            }
        }
        return Register(municipality: municipalities(registers).joined(separator: ", "), referenceDate: first.referenceDate,
                        agreements: registers.flatMap(\.agreements))
    }
}
