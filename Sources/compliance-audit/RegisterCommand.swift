import ArgumentParser
import ComplianceAudit
import ComplianceRules
import ComplianceWorkbook
import ContractImport
import Foundation

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Writes a register template to fill in, and converts registers between .xlsx and XML.",
        discussion: """
            A register kept in a spreadsheet goes wherever an XML register goes: audit, check, brief \
            and validate take --register register.xlsx. See docs/FORMATS.md for the columns.

            Examples:
              compliance-audit register template --out register.xlsx
              compliance-audit register convert register.xlsx --out register.xml
              compliance-audit register convert samples/register.xml --out register.xlsx
            """,
        subcommands: [RegisterTemplate.self, RegisterConvert.self]
    )
}

struct RegisterTemplate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Writes an empty register workbook (.xlsx) for an officer to fill in.",
        discussion: """
            Sheets: Overeenkomsten (one row per agreement, a Dutch header per field, drop-down lists \
            for sector, type and ja/nee), Gemeente (municipality and peildatum) and Toelichting (one \
            line per column).
            """)

    @Option(help: ArgumentHelp("The workbook to write (.xlsx), atomically.", valueName: "file"))
    var out: String

    func validate() throws {
        guard out.lowercased().hasSuffix(".xlsx") else { throw ValidationError("--out \(out): name a .xlsx file.") }
    }

    func run() throws {
        try writeWorkbook(nil, to: out)
        print("\(out): register template written; fill in the sheets Gemeente and Overeenkomsten")
    }
}

struct RegisterConvert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Converts a register from .xlsx to XML, or from XML to .xlsx.",
        discussion: """
            The direction follows the input: a workbook becomes XML (formats.md §1), an XML register a \
            workbook. The register is checked as an audit checks it; a register with problems is not \
            converted, and every problem is printed with its file:line:column or its cell \
            (register.xlsx: Overeenkomsten!F12).

            Exit status: 0 when converted, 1 when the register has problems, 2 when a file cannot \
            be read or written.
            """)

    @Argument(help: ArgumentHelp("The register to convert (.xlsx or .xml).", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Where to write the other format (.xml or .xlsx), atomically.", valueName: "file"))
    var out: String

    @Option(help: "Show at most this many problems; the rest are counted.")
    var maxProblems = 50

    func run() throws {
        let toWorkbook = out.lowercased().hasSuffix(".xlsx")
        do {
            if Workbook.isWorkbook(file) {
                guard !toWorkbook else { throw ValidationError("\(file) is a workbook already; name an .xml file for --out.") }
                let (xml, warnings) = try RegisterWorkbookReader(file: file).convert(diagnosticLimit: maxProblems)
                for warning in warnings { printToStandardError(warning.description) }
                try write(to: out) { $0.write(xml) }
            } else {
                guard toWorkbook else { throw ValidationError("\(file) is XML; name an .xlsx file for --out.") }
                let register = try RegisterImporter(diagnosticLimit: maxProblems).load(file)
                try writeWorkbook(register, to: out)
            }
        } catch let error as ImportError {
            printToStandardError(error.description)
            if case .invalid = error { throw ExitCode(1) }
            throw ExitCode(2)
        }
        print("\(out): written from \(file)")
    }
}

/// Writes a register (or the empty template) as a workbook to `path`, atomically.
private func writeWorkbook(_ register: Register?, to path: String) throws {
    try write(to: path) { sink in
        try RegisterWorkbookWriter.write(register) { data in
            sink.write(data)
            try sink.flushIfFull()
        }
    }
}

private func write(to path: String, _ produce: (ReportSink) throws -> Void) throws {
    do {
        try ReportFile.write(to: path, produce)
    } catch {
        printToStandardError("\(path): error: cannot write the file: \(error)")
        throw ExitCode(2)
    }
}
