import ContractImport
import Foundation
import TestSupport
import Testing
import ZIPFoundation

@Suite("Hostile workbooks are refused")
struct HostileWorkbookTests {
    static func refusal(_ file: String) -> String? {
        do {
            _ = try RegisterImporter().load(file)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a zip bomb: a part that would inflate hundreds of times is refused before it is inflated")
    func zipBomb() throws {
        let padding = String(repeating: " ", count: 20 << 20)
        let sheet = TestWorkbook.sheet([[TestWorkbook.text("Kenmerk")]]).replacingOccurrences(of: "<sheetData>", with: "<sheetData>" + padding)
        let file = try TestWorkbook.make(sheets: [("Overeenkomsten", sheet), ("Gemeente", TestWorkbook.sheet([]))])
        let message = try #require(Self.refusal(file))
        #expect(message.contains("xl/worksheets/sheet1.xml would inflate"), "\(message)")
        #expect(message.contains("zip bomb"))
    }

    @Test("an entry that inflates to more than its header declares is refused")
    func entryLargerThanDeclared() throws {
        let file = try TestWorkbook.register([TestWorkbook.agreement()])
        try Self.understateSize(of: "xl/worksheets/sheet1.xml", in: file)
        let message = try #require(Self.refusal(file))
        #expect(message.contains("inflates to more than the 100 bytes its header declares"), "\(message)")
    }

    @Test("a workbook of thousands of entries is refused")
    func thousandsOfEntries() throws {
        let parts = (0..<1_001).map { ("xl/media/image\($0).xml", "<x/>") }
        let file = try TestWorkbook.register([TestWorkbook.agreement()], extraParts: parts)
        let message = try #require(Self.refusal(file))
        #expect(message.contains("holds more than 1000 entries"), "\(message)")
    }

    @Test("a DOCTYPE in a sheet is refused, whatever it declares")
    func doctype() throws {
        let sheet = TestWorkbook.sheet([TestWorkbook.headers.map(TestWorkbook.text), TestWorkbook.agreement()])
            .replacingOccurrences(of: "<worksheet", with: "<!DOCTYPE worksheet [<!ENTITY x \"y\">]><worksheet")
        let file = try TestWorkbook.make(sheets: [("Overeenkomsten", sheet), ("Gemeente", TestWorkbook.sheet([]))])
        let message = try #require(Self.refusal(file))
        #expect(message.contains("has a DOCTYPE"), "\(message)")
    }

    @Test("a sheet of a million empty rows is refused after ten thousand")
    func millionEmptyRows() throws {
        let rows = (2...1_000_001).map { "<row r=\"\($0)\"/>" }.joined()
        let sheet = TestWorkbook.sheet([TestWorkbook.headers.map(TestWorkbook.text)])
            .replacingOccurrences(of: "</sheetData>", with: rows + "</sheetData>")
        let file = try TestWorkbook.make(sheets: [("Overeenkomsten", sheet), ("Gemeente", TestWorkbook.sheet([]))])
        let message = try #require(Self.refusal(file))
        #expect(message.contains("more than 10000 empty rows one after another (up to row 10002)"), "\(message)")
    }

    @Test("a file that is no zip archive, and a zip that is no workbook, are named as such")
    func notAWorkbook() throws {
        let url = Scratch.file("other.zip")
        let archive = try Archive(url: url, accessMode: .create)
        let data = Data("hello".utf8)
        try archive.addEntry(with: "readme.txt", type: .file, uncompressedSize: Int64(data.count)) { data.subdata(in: Int($0)..<Int($0) + $1) }
        #expect(Self.refusal(url.path)?.contains("not an .xlsx workbook: it has no xl/workbook.xml") == true)
    }

    /// Rewrites the uncompressed size of an entry, in its local header and the central directory, to 100.
    static func understateSize(of path: String, in file: String) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let name = Array(path.utf8)
        func little32(_ value: UInt32, at offset: Int) {
            for index in 0..<4 { bytes[offset + index] = UInt8((value >> (8 * UInt32(index))) & 0xFF) }
        }
        var offset = 0
        var patched = 0
        while offset + 46 < bytes.count {
            if bytes[offset..<offset + 4].elementsEqual([0x50, 0x4B, 0x03, 0x04]),
               bytes[(offset + 30)..<(offset + 30 + name.count)].elementsEqual(name) {
                little32(100, at: offset + 22)
                patched += 1
            } else if bytes[offset..<offset + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]),
                      bytes[(offset + 46)..<min(bytes.count, offset + 46 + name.count)].elementsEqual(name) {
                little32(100, at: offset + 24)
                patched += 1
            }
            offset += 1
        }
        precondition(patched == 2, "the entry's two size fields")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
    }
}
