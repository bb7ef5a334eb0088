// SPDX-License-Identifier: GPL-3.0-or-later

extension EquilibriumTable {
  /// Aligned plain text for a terminal.
  ///
  /// The title and a summary line (method, arithmetic, parameters, status, count) come first.
  /// The table has one group of columns per player (one column per strategy), then a group of
  /// payoffs (one column per player); a first header row names the groups and a second the
  /// columns. Numbers are right-aligned; groups are separated by `|`. Notes and the dominance
  /// record follow the table. No line has trailing spaces.
  ///
  /// - Complexity: O(total characters).
  func textTable() -> String {
    var lines = [displayTitle, summaryLine]
    if !rows.isEmpty {
      lines.append("")
      lines += alignedRows()
    }
    if !notes.isEmpty || dominance != nil { lines.append("") }
    lines += notes.map { "note: " + $0 }
    if let dominance { lines += dominance.lines(players: players) }
    return lines.map { trimmingTrailingSpaces($0) }.joined(separator: "\n") + "\n"
  }

  /// The title, or the file name, or a placeholder when both are empty.
  var displayTitle: String {
    if !title.isEmpty { return title }
    if let file, !file.isEmpty { return file }
    return "Untitled game"
  }

  private func alignedRows() -> [String] {
    // Groups: "#", one per player, "Payoffs"; each with its column headers.
    var groups: [(label: String, headers: [String])] = [("#", [""])]
    for (p, names) in zip(players, strategies) { groups.append((p, names)) }
    groups.append(("Payoffs", players))
    // Body cells, grouped the same way.
    let body: [[[String]]] = rows.enumerated().map { i, row in
      [[String(i + 1)]] + row.profile + [row.payoffs]
    }
    // Column widths, then widen each group's last column to fit the group's label.
    var widths: [[Int]] = groups.map { $0.headers.map(\.count) }
    for row in body {
      for (g, cells) in row.enumerated() {
        for (c, cell) in cells.enumerated() { widths[g][c] = max(widths[g][c], cell.count) }
      }
    }
    for g in groups.indices {
      let span = widths[g].reduce(0, +) + 2 * (widths[g].count - 1)
      let label = groups[g].label.count
      if label > span { widths[g][widths[g].count - 1] += label - span }
    }
    func line(_ groupCells: [[String]], rightAligned: Bool) -> String {
      groupCells.enumerated().map { g, cells in
        cells.enumerated().map { c, cell in
          pad(cell, to: widths[g][c], right: rightAligned)
        }.joined(separator: "  ")
      }.joined(separator: " | ")
    }
    let spans = widths.map { $0.reduce(0, +) + 2 * ($0.count - 1) }
    let labelLine = groups.enumerated().map { g, group in
      g == 0 ? pad("", to: spans[0], right: true) : pad(group.label, to: spans[g], right: false)
    }.joined(separator: " | ")
    var headerCells = groups.map(\.headers)
    headerCells[0] = ["#"]
    return [labelLine, line(headerCells, rightAligned: true)]
      + body.map { line($0, rightAligned: true) }
  }

  private func pad(_ text: String, to width: Int, right: Bool) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
  }

  private func trimmingTrailingSpaces(_ line: String) -> String {
    var s = Substring(line)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
