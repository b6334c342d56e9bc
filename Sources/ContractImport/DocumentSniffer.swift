import ComplianceRules

/// Tells a document's kind from its root element and namespace, reading no further than the
/// root's start tag (and refusing a DOCTYPE that declares entities before it gets there).
enum DocumentSniffer {
    static func kind(of file: String, diagnosticLimit: Int) throws(ImportError) -> DocumentKind {
        let sniffer = RootSniffer()
        let parse = SAXParse(file: file, handler: sniffer, schema: nil, diagnosticLimit: diagnosticLimit)
        try parse.run()
        guard let root = sniffer.root else {
            // A refusal (a DTD subset, a NUL character, …) is a problem of the document, reported as
            // such; a file whose parse never reached an element is not XML of a known kind.
            if parse.refusedAsUnsafe, !parse.refusedAsNotXML, let error = parse.log.error() { throw error }
            let first = parse.log.finished().shown.first
            throw .unknownKind(
                location: first?.location ?? SourceLocation(file: file, line: 1, column: 1),
                found: first.map { "no root element: \($0.message)" } ?? "no root element")
        }
        guard let kind = DocumentKind.allCases.first(where: {
            $0.rootElement == root.name && $0.namespace == root.namespace
        }) else {
            // The root's name and namespace are not repeated unless they are the formats' own:
            // the file could be an export with a case key where its root belongs.
            let known = DocumentKind.allCases.map(\.rootElement).contains(root.name)
            throw .unknownKind(
                location: root.location,
                found: known ? "root element <\(root.name)> in another namespace" : "another root element")
        }
        return kind
    }
}

extension DocumentSniffer {
    /// An export's source and the first day it covers, read from its root start tag only; nil when
    /// the file is no meldingen export or its header is not readable (the full read then says why).
    static func exportHeader(of file: String) -> (source: MeldingSource, start: Day)? {
        let sniffer = RootSniffer()
        let parse = SAXParse(file: file, handler: sniffer, schema: nil, diagnosticLimit: 1)
        do { try parse.run() } catch { return nil }
        guard let root = sniffer.root, root.name == DocumentKind.meldingen.rootElement,
              root.namespace == DocumentKind.meldingen.namespace,
              let source = sniffer.source, let start = sniffer.from else { return nil }
        return (source, start)
    }
}

private final class RootSniffer: SAXEventHandler {
    var root: (name: String, namespace: String?, location: SourceLocation)?
    /// A meldingen export's `source` and `from`, when the root has them.
    var source: MeldingSource?
    var from: Day?

    func startElement(_ element: ElementName, attributes: AttributeList, parse: SAXParse) {
        root = (element.name, element.namespaceURI, parse.currentTagLocation())
        attributes.forEach { attribute in
            if attribute.isNamed("source") {
                source = ValueReader.token(attribute.value).flatMap(MeldingSource.init(rawValue:))
            } else if attribute.isNamed("from") {
                from = ValueReader.day(attribute.value)
            }
        }
        parse.stop()
    }
}
