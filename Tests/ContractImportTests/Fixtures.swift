import Foundation
import TestSupport

/// Paths of the repository's samples, and scratch files for tests that write their own.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sample(_ name: String) -> String {
        repository.appendingPathComponent("samples").appendingPathComponent(name).path
    }

    static func files(in folder: String) -> [String] {
        let directory = repository.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { directory.appendingPathComponent($0).path }
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func write(_ text: String, name: String = "document.xml", encoding: String.Encoding = .utf8) throws -> String {
        let url = Scratch.file(name)
        try text.data(using: encoding)!.write(to: url)
        return url.path
    }

    static let meldingenHeader = """
        <?xml version="1.0" encoding="UTF-8"?>
        <meldingen xmlns="urn:kindveilig:meldingen:1" source="veilig-thuis" region="Groningen" from="2017-01-01" to="2017-12-31">

        """

    static func meldingen(_ records: [String]) -> String {
        meldingenHeader + records.map { "  \($0)\n" }.joined() + "</meldingen>\n"
    }
}
