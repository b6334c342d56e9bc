/// The sector an organisation works in, as listed in formats.md.
public enum Sector: String, CaseIterable, Hashable, Sendable, Codable {
    case onderwijs
    case kinderopvang
    case jeugdhulp
    case jeugdbescherming
    case jeugdgezondheidszorg
    case gezondheidszorg
    case ggz
    case verslavingszorg
    case maatschappelijkeOndersteuning = "maatschappelijke-ondersteuning"
    case welzijn
    case sport
    case justitie
    /// A gebieds-, wijk- or jeugdteam.
    case lokaalTeam = "lokaal-team"

    /// Position in `allCases`, for array-indexed counts on the per-record path.
    public var ordinal: Int {
        switch self {
        case .onderwijs: 0
        case .kinderopvang: 1
        case .jeugdhulp: 2
        case .jeugdbescherming: 3
        case .jeugdgezondheidszorg: 4
        case .gezondheidszorg: 5
        case .ggz: 6
        case .verslavingszorg: 7
        case .maatschappelijkeOndersteuning: 8
        case .welzijn: 9
        case .sport: 10
        case .justitie: 11
        case .lokaalTeam: 12
        }
    }
}

/// Whether an agreement is a contract (inkoop) or a subsidy (subsidie).
public enum AgreementType: String, CaseIterable, Hashable, Sendable, Codable {
    case contract
    case subsidy

    /// Position in `allCases`.
    public var ordinal: Int { self == .contract ? 0 : 1 }
}
