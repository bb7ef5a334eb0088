// SPDX-License-Identifier: GPL-3.0-or-later

extension EquilibriumTable {
  /// A GitHub-flavoured Markdown table with its provenance.
  ///
  /// A bold title, the summary line, the table (columns `#`, `PLAYER: STRATEGY` per
  /// probability, `payoff: PLAYER` per player; numbers right-aligned), then a line naming the
  /// source file and Parley's version (and the file's SHA-256 and the command line when
  /// recorded), the notes and the dominance record as a list. `|`,
  /// `\` and other Markdown punctuation in names are backslash-escaped.
  func markdown() -> String {
    var lines = ["**\(md(displayTitle))**", "", md(summaryLine) + "."]
    if !rows.isEmpty {
      let header = ["#"] + probabilityColumns.map { "\($0.player): \($0.strategy)" }
        + players.map { "payoff: \($0)" }
      lines.append("")
      lines.append("| " + header.map(md).joined(separator: " | ") + " |")
      lines.append("|" + Array(repeating: "---:|", count: header.count).joined())
      for (i, row) in rows.enumerated() {
        lines.append("| " + ([String(i + 1)] + cells(of: row)).map(md).joined(separator: " | ")
          + " |")
      }
    }
    if let dominance {
      lines.append("")
      lines += dominance.lines(players: players).map { "- " + md($0) }
    }
    if !notes.isEmpty {
      lines.append("")
      lines += notes.map { "- Note: " + md($0) }
    }
    lines.append("")
    var source = "Computed by Parley \(version)"
    if let file { source += " from `\(file.replacingAll("`", with: "'"))`" }
    lines.append(source + ".")
    lines += provenance.markdownLines
    return lines.joined(separator: "\n") + "\n"
  }

  /// `text` with Markdown's inline punctuation escaped.
  private func md(_ text: String) -> String { markdownEscaped(text) }
}
