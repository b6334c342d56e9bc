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
}

/// Whether an agreement is a contract (inkoop) or a subsidy (subsidie).
public enum AgreementType: String, CaseIterable, Hashable, Sendable, Codable {
    case contract
    case subsidy
}
