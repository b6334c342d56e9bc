import ArgumentParser
@testable import compliance_audit
import Foundation
import TestSupport
import Testing

/// The exit status a command line ends with, as the shell would see it; reports go to a scratch
/// file so the test log stays quiet.
func exitStatus(_ arguments: [String]) async -> Int32 {
    _ = scratchDatabase
    do {
        var command = try ComplianceAuditCommand.parseAsRoot(arguments)
        if var audit = command as? AsyncParsableCommand { try await audit.run() } else { try command.run() }
        return 0
    } catch {
        return ComplianceAuditCommand.exitCode(for: error).rawValue
    }
}

/// Audits in these tests are kept in a scratch database, never in the user's own history.
let scratchDatabase: String = {
    let path = Scratch.directory("cli-history").appendingPathComponent("history.sqlite").path
    setenv("COMPLIANCE_AUDIT_DB", path, 1)
    return path
}()

let repository: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

func sample(_ name: String) -> String { "\(repository)/samples/\(name)" }

func scratch(_ name: String) -> String {
    Scratch.file(name).path
}

var samples: [String] {
    ["--register", sample("register.xml"), "--meldingen", sample("veilig-thuis-2017.xml"), sample("verwijsindex-2017.xml"),
     "--waivers", sample("waivers.yml")]
}

@Suite("Exit status for automation")
struct ExitStatusTests {
    @Test("a finding at or above --fail-on exits 1; below it, 0")
    func failOn() async {
        #expect(await exitStatus(["audit"] + samples + ["--output", scratch("a.txt")]) == 1)
        #expect(await exitStatus(["audit"] + samples + ["--fail-on", "never", "--output", scratch("b.txt")]) == 0)
        #expect(await exitStatus(["check", "--contractor", "08901234"] + samples + ["--fail-on", "informatief", "--output", scratch("c.txt")]) == 0)
        #expect(await exitStatus(["check", "--contractor", "07890123"] + samples + ["--output", scratch("d.txt")]) == 0)
        #expect(await exitStatus(["check", "--contractor", "10123456"] + samples + ["--fail-on", "indringend-gesprek", "--output", scratch("e.txt")]) == 1)
    }

    @Test("validate exits 1 for a file the format forbids, 2 for a file of no known kind; audit 2 for both", arguments: [
        ("invalid/meldingen-doctype-attlist.xml", Int32(1)), ("invalid/meldingen-bsn-in-id.xml", 1),
        ("invalid/register-too-many-attributes.xml", 1), ("invalid/meldingen-nul-after-root.xml", 1),
        ("invalid/not-xml.xml", 2), ("invalid/empty.xml", 2), ("invalid/unknown-root.xml", 2),
    ])
    func hostileExitCodes(file: String, validateStatus: Int32) async {
        #expect(await exitStatus(["validate", sample(file)]) == validateStatus)
        let output = scratch("report.json")
        #expect(await exitStatus(["audit", "--register", sample("register.xml"), "--meldingen", sample(file), "--output", output]) == 2)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("--lenient audits past a rejected record: the exit status follows the findings, not the input")
    func lenient() async {
        let arguments = ["audit", "--register", sample("register.xml"), "--meldingen", sample("invalid/meldingen-duplicate-id.xml"),
                         "--fail-on", "never", "--no-store"]
        #expect(await exitStatus(arguments + ["--output", scratch("strict.txt")]) == 2)
        #expect(await exitStatus(arguments + ["--lenient", "--output", scratch("lenient.txt")]) == 0)
    }

    @Test("an input error exits 2 and writes no report")
    func inputError() async {
        let output = scratch("report.json")
        #expect(await exitStatus(["audit", "--register", "/nonexistent/register.xml", "--format", "json", "--output", output]) == 2)
        #expect(await exitStatus(["audit", "--register", sample("invalid/register-kvk-seven-digits.xml"), "--output", output]) == 2)
        #expect(await exitStatus(["audit", "--meldingen", sample("invalid/meldingen-duplicate-id.xml"), "--output", output]
            + ["--register", sample("register.xml")]) == 2)
        #expect(await exitStatus(["check", "--contractor", "99999999"] + samples + ["--output", output]) == 2)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("a KvK number not in the registers says how an organisation not yet contracted is checked")
    func unknownContractor() throws {
        let selection = try ContractorSelection.parse(["--contractor", "99999999"])
        let messages = selection.notFoundMessages(["samples/register.xml"])
        #expect(messages.first == "samples/register.xml: error: no contractor with KvK 99999999")
        #expect(messages.last?.contains("register template --out candidate.xlsx") == true)
        let agreement = try ContractorSelection.parse(["--agreement", "INK-2099-0001"])
        #expect(agreement.notFoundMessages(["a.xml", "b.xml"]) == ["2 registers: error: no agreement INK-2099-0001"])
    }

    @Test("a mistake in the arguments exits 64")
    func argumentMistake() async {
        #expect(await exitStatus(["audit", "--format", "pdf"]) == 64)
        #expect(await exitStatus(["check"]) == 64)
        #expect(await exitStatus(["check", "--contractor", "123"]) == 64)
        #expect(await exitStatus(["audit", "--csv-separator", ";;"]) == 64)
        #expect(await exitStatus(["audit"] + samples + ["--profile", "utrecht"]) == 64)
        #expect(await exitStatus(["audit"] + samples + ["--rules", "/nonexistent/rules"]) == 64)
        #expect(await exitStatus(["audit", "--meldingen", sample("veilig-thuis-2017.xml")]) == 64)
    }

    @Test("validate: 0 valid, 1 invalid, 2 unreadable or of no known kind")
    func validate() async {
        #expect(await exitStatus(["validate", sample("register.xml")]) == 0)
        #expect(await exitStatus(["validate", sample("invalid/register-trained-exceeds-staff.xml")]) == 1)
        #expect(await exitStatus(["validate", sample("invalid/unknown-root.xml")]) == 2)
        #expect(await exitStatus(["validate", "/nonexistent.xml"]) == 2)
    }

    @Test("the report written with --output is the one asked for")
    func output() async throws {
        let output = scratch("brief.html")
        #expect(await exitStatus(["brief", "--contractor", "03456789"] + samples + ["--format", "html", "--output", output, "--fail-on", "never"]) == 0)
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }
}
