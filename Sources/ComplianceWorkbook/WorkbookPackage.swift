import ContractImport

/// The fixed parts of an .xlsx package around its sheets: content types, relationships, the
/// workbook's sheet list and the styles that `CellStyle` indexes.
enum WorkbookPackage {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    private static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    static func contentTypes(sheets: Int) -> String {
        declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
            + (1...max(sheets, 1)).map {
                "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" "
                    + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            }.joined()
            + "</Types>"
    }

    static let rootRelationships = declaration + "<Relationships xmlns=\"\(packageRelationships)\">"
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#
        + "</Relationships>"

    static let application = declaration
        + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#
        + "<Application>compliance-audit</Application></Properties>"

    static func workbook(sheets: [String]) -> String {
        declaration + "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
            + "<workbookPr date1904=\"false\"/><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
            + sheets.enumerated().map {
                "<sheet name=\"\(XMLText.escaped($0.element))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>"
            }.joined()
            + "</sheets></workbook>"
    }

    static func workbookRelationships(sheets: Int) -> String {
        declaration + "<Relationships xmlns=\"\(packageRelationships)\">"
            + (0..<sheets).map {
                "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
            }.joined()
            + "<Relationship Id=\"rId\(sheets + 1)\" Type=\"\(relationshipNamespace)/styles\" Target=\"styles.xml\"/>"
            + "</Relationships>"
    }

    /// The cell formats in `CellStyle` order: general, header, group, text, integer, decimal,
    /// percentage, date (Dutch day-month-year), wrapped text, and the header above numbers or dates.
    /// A cell's content sits at the top, so that a row made tall by wrapped text reads from its first
    /// line. Numbers and dates, and their headers, keep the width of a '-' free at their right
    /// (`_-`), so that they do not run into the text of the next column.
    static let styles = declaration + "<styleSheet xmlns=\"\(mainNamespace)\">"
        + ##"<numFmts count="5"><numFmt numFmtId="164" formatCode="dd\-mm\-yyyy_-"/><numFmt numFmtId="165" formatCode="#,##0_-"/>"##
        + ##"<numFmt numFmtId="166" formatCode="#,##0.00_-"/><numFmt numFmtId="167" formatCode="0%_-"/><numFmt numFmtId="168" formatCode="@_-"/></numFmts>"##
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        + #"<fill><patternFill patternType="solid"><fgColor rgb="FFDDE7F0"/><bgColor indexed="64"/></patternFill></fill>"#
        + #"<fill><patternFill patternType="solid"><fgColor rgb="FFB9CDE0"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="10">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyNumberFormat="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>"#
        + #"<xf numFmtId="49" fontId="1" fillId="3" borderId="0" xfId="0" applyFont="1" applyFill="1" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>"#
        + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>"#
        + #"<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>"#
        + #"<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>"#
        + #"<xf numFmtId="168" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="right" indent="1" wrapText="1" vertical="top"/></xf>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}
