import ArgumentParser
import ContractImport

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Checks registers and meldingen exports against the format, without auditing them.",
        discussion: """
            Tells each file's kind by its root element and namespace, validates it against the \
            tool's XSD and the checks an XSD cannot make (unique ids, periods, dates within the \
            export), and prints every problem as file:line:column: error: message. \
            Meldingen problems never repeat a value from the record.

            Exit status: 0 when every file is valid, 1 when any is invalid, 2 when a file cannot be \
            read or is not a register or meldingen export.

            Example:
              compliance-audit validate samples/*.xml
              compliance-audit validate register.xlsx
            """
    )

    @Argument(help: "The files to check (XML registers and meldingen exports, and .xlsx registers, in any mix).")
    var files: [String]

    @Option(help: "Show at most this many problems per file; the rest are counted.")
    var maxProblems = 50

    func validate() throws {
        guard maxProblems > 0 else { throw ValidationError("--max-problems must be at least 1.") }
        guard !files.isEmpty else { throw ValidationError("Name at least one file to check.") }
    }

    func run() throws {
        let validator = DocumentValidator(diagnosticLimit: maxProblems)
        var invalid = 0
        var unjudged = 0
        for file in files {
            do {
                let outcome = try validator.validate(file)
                for warning in outcome.warnings { print(warning.description) }
                let noun = outcome.kind == .register ? "agreement(s)" : "melding(en)"
                print("\(file): ok: valid \(outcome.kind.rawValue), \(outcome.recordCount) \(noun)")
            } catch {
                switch error {
                case .invalid: invalid += 1
                default: unjudged += 1
                }
                print(error.description)
            }
        }
        if files.count > 1 {
            print("\(files.count) files checked: \(files.count - invalid - unjudged) valid, \(invalid) invalid"
                + (unjudged > 0 ? ", \(unjudged) could not be judged" : ""))
        }
        if unjudged > 0 { throw ExitCode(2) }
        if invalid > 0 { throw ExitCode(1) }
    }
}
