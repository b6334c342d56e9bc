import ArgumentParser
import Foundation
import SyntheticData

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Writes a valid synthetic register and meldingen exports of any size.",
        discussion: """
            Writes register.xml, veilig-thuis.xml and verwijsindex.xml into the output directory \
            (with --municipalities N, one register per municipality in registers/, the agreements \
            dealt round so that contractors serve several municipalities). \
            The same --seed gives the same files, byte for byte. Each contractor's agreed number of \
            meldingen matches its share of the export, and about one contractor in ten reports a \
            third of that, so an audit of the data has shortfalls to find. Used for benchmarks and \
            demos; the data describes no real person or organisation.

            Examples:
              compliance-audit generate --agreements 500 --meldingen 1000000 --out bench-data
              compliance-audit generate --agreements 25000 --contractors 8000 --municipalities 342 \\
                --meldingen 2000000 --signals 1000000 --out national
            """
    )

    @Option(help: "Number of agreements in the register.")
    var agreements = 40

    @Option(help: "Number of records in the Veilig Thuis export.")
    var meldingen = 1000

    @Option(help: "Number of signals in the verwijsindex export (default: a quarter of --meldingen).")
    var signals: Int?

    @Option(help: "Number of contractors holding the agreements (default: four for every five agreements).")
    var contractors: Int?

    @Option(help: "Number of municipalities, each with a register of its own (default 1).")
    var municipalities = 1

    @Option(help: "Directory to write the files into; created when missing.")
    var out: String

    @Option(help: "Seed for the generator; the same seed gives the same files.")
    var seed: UInt64 = 1

    func validate() throws {
        guard agreements >= 1 else { throw ValidationError("--agreements must be at least 1.") }
        guard (contractors ?? 1) >= 1, municipalities >= 1 else {
            throw ValidationError("--contractors and --municipalities must be at least 1.")
        }
        guard meldingen >= 0, (signals ?? 0) >= 0 else {
            throw ValidationError("--meldingen and --signals cannot be negative.")
        }
    }

    func run() throws {
        let dataset = SyntheticDataset(agreements: agreements, meldingen: meldingen, signals: signals, contractors: contractors,
                                       municipalities: municipalities, seed: seed)
        for url in try dataset.write(to: URL(fileURLWithPath: out)) {
            print(url.path)
        }
    }
}
