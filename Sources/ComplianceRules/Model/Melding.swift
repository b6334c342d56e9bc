/// Which register an export comes from.
public enum MeldingSource: String, CaseIterable, Hashable, Sendable, Codable {
    /// Meldingen and adviesvragen at Veilig Thuis.
    case veiligThuis = "veilig-thuis"
    /// Signals in the Verwijsindex risicojongeren.
    case verwijsindex
}

public enum MeldingType: String, CaseIterable, Hashable, Sendable, Codable {
    case melding
    /// An adviesvraag: counted apart from meldingen.
    case advies
    case politieZorgmelding = "politie-zorgmelding"
    /// A signal in the verwijsindex.
    case signaal

    /// Position in `allCases`.
    public var ordinal: Int {
        switch self {
        case .melding: 0
        case .advies: 1
        case .politieZorgmelding: 2
        case .signaal: 3
        }
    }

    /// Whether an export of `source` may contain this type.
    public func belongs(to source: MeldingSource) -> Bool {
        switch (self, source) {
        case (.signaal, .verwijsindex), (.melding, .veiligThuis), (.advies, .veiligThuis),
             (.politieZorgmelding, .veiligThuis):
            true
        default:
            false
        }
    }
}

/// Who reported: any sector, or one of the reporters that belong to no contractor.
public enum ReporterCategory: Hashable, Sendable {
    case sector(Sector)
    case politie
    case burger
    case anoniem
    case overig

    public init?(rawValue: String) {
        switch rawValue {
        case "politie": self = .politie
        case "burger": self = .burger
        case "anoniem": self = .anoniem
        case "overig": self = .overig
        default:
            guard let sector = Sector(rawValue: rawValue) else { return nil }
            self = .sector(sector)
        }
    }

    public var rawValue: String {
        switch self {
        case .sector(let sector): sector.rawValue
        case .politie: "politie"
        case .burger: "burger"
        case .anoniem: "anoniem"
        case .overig: "overig"
        }
    }

    /// Position in `allCases`.
    public var ordinal: Int {
        switch self {
        case .sector(let sector): sector.ordinal
        case .politie: Sector.allCases.count
        case .burger: Sector.allCases.count + 1
        case .anoniem: Sector.allCases.count + 2
        case .overig: Sector.allCases.count + 3
        }
    }

    public static let allCases: [ReporterCategory] =
        Sector.allCases.map { .sector($0) } + [.politie, .burger, .anoniem, .overig]
}

/// An opaque stand-in for a pseudonymous case key, valid within one run only.
///
/// The importer never hands out the case key itself: it hands out a keyed hash whose key is
/// drawn anew by each process, so equal keys give equal tokens within a run, and a token can
/// neither be turned back into the key nor linked across runs. It has no textual form.
public struct CaseToken: Hashable, Sendable {
    public let fingerprint: UInt64
    public init(fingerprint: UInt64) { self.fingerprint = fingerprint }
}

/// What an export covers, from its root element.
public struct MeldingenExportHeader: Hashable, Sendable {
    public var source: MeldingSource
    public var region: String
    public var period: DayInterval

    public init(source: MeldingSource, region: String, period: DayInterval) {
        self.source = source
        self.region = region
        self.period = period
    }
}

/// One melding or signal as the importer hands it on: no id, no case key.
public struct Melding: Hashable, Sendable {
    public var date: Day
    public var reporter: KvKNumber?
    public var category: ReporterCategory
    public var type: MeldingType
    public var caseToken: CaseToken
    /// Registered by Veilig Thuis as a hermelding.
    public var isRepeat: Bool
    public var concernSince: Day?

    public init(
        date: Day, reporter: KvKNumber?, category: ReporterCategory, type: MeldingType,
        caseToken: CaseToken, isRepeat: Bool = false, concernSince: Day? = nil
    ) {
        self.date = date
        self.reporter = reporter
        self.category = category
        self.type = type
        self.caseToken = caseToken
        self.isRepeat = isRepeat
        self.concernSince = concernSince
    }
}
