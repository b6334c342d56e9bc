import Foundation

/// A plain table for a terminal: columns padded to their widest cell, numbers aligned right.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns to align right (numbers).
    var rightAligned: Set<Int> = []

    func render(indent: String = "  ") -> String {
        var text = ""
        render(indent: indent) { text += $0 }
        return text
    }

    /// The table handed to `emit` in pieces of about 64 KiB: a table of thousands of contractors is
    /// never held whole as text.
    func render(indent: String = "  ", _ emit: (String) throws -> Void) rethrows {
        var widths = header.map(visibleWidth)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], visibleWidth(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            indent + cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: max(0, widths[column] - visibleWidth(cell)))
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        var text = line(header) + indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows {
            text += line(row)
            try ReportPiece.handOn(&text, emit)
        }
        try emit(text)
    }
}

/// Characters a terminal shows: ANSI colour sequences take no room.
private func visibleWidth(_ text: String) -> Int {
    guard text.utf8.contains(0x1B) else { return text.count }
    return text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression).count
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
