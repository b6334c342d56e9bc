/// A place in an input file, 1-based, as editors and compilers print it: `file:line:column`; in a
/// workbook, the cell: `register.xlsx: Overeenkomsten!F12` (`line` is then the row, `column` the
/// column's number).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    /// The cell, `Sheet!A1`, when the file is a workbook.
    public let cell: String?

    public init(file: String, line: Int, column: Int, cell: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.cell = cell
    }

    public var description: String { cell.map { "\(file): \($0)" } ?? "\(file):\(line):\(column)" }
}
