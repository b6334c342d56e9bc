import CLibXML2
import Foundation

/// One of the tool's own XSDs (`schemas/`, bundled as a resource), compiled once per process.
/// A compiled libxml2 schema is read-only while validating, so parses on several threads may
/// share it; each parse makes its own validation context.
final class CompiledSchema: @unchecked Sendable {
    let pointer: xmlSchemaPtr

    private init(pointer: xmlSchemaPtr) {
        self.pointer = pointer
    }

    static func forKind(_ kind: DocumentKind) throws(ImportError) -> CompiledSchema {
        switch kind {
        case .register: try registerSchema.get()
        case .meldingen: try meldingenSchema.get()
        }
    }

    private static let registerSchema = Result { () throws(ImportError) in try load(.register) }
    private static let meldingenSchema = Result { () throws(ImportError) in try load(.meldingen) }

    private static func load(_ kind: DocumentKind) throws(ImportError) -> CompiledSchema {
        LibXML2.ensureInitialized()
        let name = "\(kind.rawValue).xsd"
        guard let url = Bundle.module.url(forResource: kind.rawValue, withExtension: "xsd", subdirectory: "Schemas"),
              let text = try? Data(contentsOf: url)
        else { throw .schemaUnavailable(name: name, reason: "not found in the tool's resources") }
        let parsed: xmlSchemaPtr? = text.withUnsafeBytes { bytes in
            guard let parserContext = xmlSchemaNewMemParserCtxt(
                bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
            else { return nil }
            defer { xmlSchemaFreeParserCtxt(parserContext) }
            return xmlSchemaParse(parserContext)
        }
        guard let parsed else { throw .schemaUnavailable(name: name, reason: "it does not compile") }
        return CompiledSchema(pointer: parsed)
    }
}
