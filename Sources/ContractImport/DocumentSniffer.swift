import ComplianceRules

/// Tells a document's kind from its root element and namespace, reading no further than the
/// root's start tag (and refusing a DOCTYPE that declares entities before it gets there).
enum DocumentSniffer {
    static func kind(of file: String, diagnosticLimit: Int) throws(ImportError) -> DocumentKind {
        let sniffer = RootSniffer()
        let parse = SAXParse(file: file, handler: sniffer, schema: nil, diagnosticLimit: diagnosticLimit)
        try parse.run()
        guard let root = sniffer.root else {
            throw parse.log.error()
                ?? .unknownKind(location: SourceLocation(file: file, line: 1, column: 1), found: "no root element")
        }
        guard let kind = DocumentKind.allCases.first(where: {
            $0.rootElement == root.name && $0.namespace == root.namespace
        }) else {
            let namespace = root.namespace.map { "namespace \($0)" } ?? "no namespace"
            throw .unknownKind(location: root.location, found: "root element <\(root.name)> in \(namespace)")
        }
        return kind
    }
}

private final class RootSniffer: SAXEventHandler {
    var root: (name: String, namespace: String?, location: SourceLocation)?

    func startElement(_ element: ElementName, attributes: AttributeList, parse: SAXParse) {
        root = (element.name, element.namespaceURI, parse.currentTagLocation())
        parse.stop()
    }
}
