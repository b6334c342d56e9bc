import ArgumentParser
import ContractImport

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "validate")
    @Argument var files: [String]
    func run() throws {
        for file in files {
            do {
                let outcome = try DocumentValidator().validate(file)
                print("\(file): ok \(outcome.kind) \(outcome.recordCount)")
            } catch {
                print(error)
            }
        }
    }
}
