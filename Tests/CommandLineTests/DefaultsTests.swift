import ArgumentParser
@testable import compliance_audit
import Foundation
import Testing

/// Runs a command line in process with its report written to a scratch file, and returns the exit
/// status and the report.
private func run(_ arguments: [String], format: String = "json") async throws -> (status: Int32, report: String) {
    let output = scratch("report.\(format)")
    let status = await exitStatus(arguments + ["--format", format, "--output", output, "--fail-on", "never"])
    return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
}

@Suite("Defaults that cannot mislead")
struct DefaultsTests {
    @Test("the samples are audited only when neither --register nor --meldingen is given")
    func samplesOnlyByDefault() async throws {
        #expect(try AuditCommand.parse([]).input.auditsSamples)
        #expect(try !AuditCommand.parse(["--register", "r.xml"]).input.auditsSamples)
        let (status, report) = try await run(["audit", "--register", sample("register.xml")])
        #expect(status == 0)
        #expect(report.contains("\"exports\" : [\n\n  ]"))
        #expect(!report.contains("\"outcome\" : \"in-line\""))
        #expect(report.contains("\"outcome\" : \"no-data\""))
    }

    @Test("the sample waivers apply because the samples are audited, not because a path matches")
    func sampleWaivers() async throws {
        let named = try AuditCommand.parse(["--register", "samples/register.xml"])
        #expect(AuditInputOptions.loader(named.input.rules, auditsSamples: named.input.auditsSamples).waiversFile == nil)
        // The sample register named explicitly: its waiver is not applied, so the expired keurmerk counts
        // (under the Groningen profile, which asks for the keurmerk).
        let arguments = ["check", "--contractor", "13456789", "--register", sample("register.xml"), "--profile", "groningen"]
        let (_, report) = try await run(arguments)
        #expect(report.contains("\"ruleId\" : \"LVAK-KEURMERK\"") && !report.contains("\"status\" : \"waived\""))
        let (_, waived) = try await run(arguments + ["--waivers", sample("waivers.yml")])
        #expect(waived.contains("\"status\" : \"waived\""))
    }

    @Test("an export for another region is a warning in every format", arguments: ["text", "json", "csv", "html"])
    func regionMismatch(format: String) async throws {
        let export = try String(contentsOfFile: sample("veilig-thuis-2017.xml"), encoding: .utf8)
            .replacingOccurrences(of: "region=\"Groningen\"", with: "region=\"Drenthe\"")
        let file = scratch("vt-drenthe.xml")
        try export.write(toFile: file, atomically: true, encoding: .utf8)
        let (status, report) = try await run(["audit", "--register", sample("register.xml"), "--meldingen", file], format: format)
        #expect(status == 0)
        #expect(report.contains(format == "json" ? "\"kind\" : \"region-mismatch\"" : "regio Drenthe, het register voor Groningen"))
        let (_, same) = try await run(["audit", "--register", sample("register.xml"), "--meldingen", sample("veilig-thuis-2017.xml")], format: format)
        #expect(!same.contains("region-mismatch") && !same.contains("het register voor"))
    }

    @Test("a region the profile names for the municipality is no warning")
    func regionInProfile() async throws {
        let directory = scratch("profiles")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let profile = directory + "/drenthe.yml"
        try "version: 1\nname: Regio\nregions: [Drenthe]\n".write(toFile: profile, atomically: true, encoding: .utf8)
        let export = try String(contentsOfFile: sample("veilig-thuis-2017.xml"), encoding: .utf8)
            .replacingOccurrences(of: "region=\"Groningen\"", with: "region=\"Drenthe\"")
        let file = scratch("vt-drenthe.xml")
        try export.write(toFile: file, atomically: true, encoding: .utf8)
        let (_, report) = try await run(["audit", "--register", sample("register.xml"), "--meldingen", file, "--profile", profile])
        #expect(!report.contains("region-mismatch"))
    }

    @Test("--output - writes to standard output and --output /dev/null leaves the device a device")
    func outputTargets() async throws {
        #expect(await exitStatus(["check", "--contractor", "02345678"] + samples + ["--output", "-"]) == 0)
        #expect(!FileManager.default.fileExists(atPath: "-"))
        #expect(await exitStatus(["audit"] + samples + ["--output", "/dev/null", "--fail-on", "never"]) == 0)
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test("--output /dev/stdout writes to the device and leaves it as it was")
    func standardOutputDevice() async throws {
        let before = try FileManager.default.destinationOfSymbolicLink(atPath: "/dev/stdout")
        #expect(await exitStatus(["check", "--contractor", "02345678"] + samples + ["--output", "/dev/stdout"]) == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/dev/stdout") == before)
    }

    @Test("a fifo is written to, not replaced")
    func fifo() async throws {
        let path = scratch("report.fifo")
        #expect(mkfifo(path, 0o600) == 0)
        let reader = Task.detached { String(decoding: try FileHandle(forReadingFrom: URL(fileURLWithPath: path)).readToEnd() ?? Data(), as: UTF8.self) }
        #expect(await exitStatus(["check", "--contractor", "02345678"] + samples + ["--output", path]) == 0)
        #expect(try await reader.value.hasPrefix("Toets voor contractering"))
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    }

    @Test("a missing output directory is an input error that names the directory")
    func missingOutputDirectory() async {
        #expect(await exitStatus(["audit"] + samples + ["--output", "/nonexistent-dir/report.txt", "--fail-on", "never"]) == 2)
    }

    @Test("a KvK number is taken as people type it: with spaces, or with its leading zero lost", arguments: ["0345 6789", "3456789", "03456789"])
    func kvkAsTyped(kvk: String) async throws {
        let (status, report) = try await run(["check", "--contractor", kvk] + samples)
        #expect(status == 0)
        #expect(report.contains("\"kvk\" : \"03456789\""))
    }

    @Test("--register takes several files and directories: a directory's .xml files are its registers")
    func registerDirectory() async throws {
        let exports = ["--meldingen", sample("veilig-thuis-2017.xml"), sample("verwijsindex-2017.xml")]
        let (status, report) = try await run(["audit", "--register", sample("register.xml"), sample("regio")] + exports)
        #expect(status == 0)
        #expect(report.contains("\"municipality\" : \"Groningen, Ten Boer\""))
        #expect(report.contains("regio/register-ten-boer.xml"))
        let empty = scratch("empty-dir")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(await exitStatus(["audit", "--register", empty] + exports + ["--output", scratch("x.txt")]) == 2)
    }

    @Test("--help shows the --fail-on default as an id, and every example on one line")
    func help() {
        let help = AuditCommand.helpMessage(columns: 100)
        #expect(help.contains("default: blokkerend)"))
        #expect(!help.contains("severity(")) 
        for command in [AuditCommand.self, CheckCommand.self, BriefCommand.self] as [any ParsableCommand.Type] {
            let lines = command.helpMessage(columns: 80).components(separatedBy: "\n")
            for line in lines where line.hasPrefix("  compliance-audit") || line.hasPrefix("    compliance-audit") {
                #expect(line.count <= 80, "an example is wrapped: \(line)")
            }
            let examples = lines.drop { !$0.contains("Example") }.dropFirst().prefix { !$0.isEmpty }
            #expect(examples.allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("compliance-audit") },
                    "an example is wrapped over two lines in \(command)")
        }
    }
}
