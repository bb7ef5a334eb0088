// SPDX-License-Identifier: GPL-3.0-or-later

extension EquilibriumTable {
  /// RFC 4180 comma-separated values after `#` comment lines of provenance: a header row,
  /// then one row per equilibrium.
  ///
  /// The comment lines (``csvProvenance(version:file:summary:provenance:)``) say what
  /// produced the table, as the LaTeX comments do; readers skip them with their comment
  /// option (pandas `comment="#"`, R `comment.char = "#"`). Columns: `equilibrium` (from 1),
  /// one column `PLAYER: STRATEGY` per probability, then one column `payoff: PLAYER` per
  /// player. Fields holding a comma, a quote or a line break are quoted, quotes doubled. Lines
  /// end in CRLF, as the RFC specifies.
  func csv() -> String {
    let header = ["equilibrium"] + probabilityColumns.map { "\($0.player): \($0.strategy)" }
      + players.map { "payoff: \($0)" }
    let body = rows.enumerated().map { i, row in [String(i + 1)] + cells(of: row) }
    return csvProvenance(
      version: version, file: file, summary: summaryLine, provenance: provenance)
      + ([header] + body).map { $0.map(csvField).joined(separator: ",") + "\r\n" }.joined()
  }

  private func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
    else { return s }
    return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
  }
}

extension String {
  /// The string with every occurrence of `target` replaced (no Foundation needed).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}

/// The `#` comment lines that open a CSV export, each ending in CRLF: `# Parley VERSION: FILE;
/// SUMMARY`, then `# sha256: …` and `# command: …` when recorded. Line breaks inside a value
/// become blanks, so every comment stays on one line.
func csvProvenance(
  version: String, file: String?, summary: String, provenance: Provenance
) -> String {
  func oneLine(_ text: String) -> String {
    String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
  }
  var lines = ["# Parley \(version)" + (file.map { ": " + oneLine($0) } ?? "") + "; "
    + oneLine(summary)]
  lines += provenance.lines.map { "# \($0.name): \(oneLine($0.value))" }
  return lines.map { $0 + "\r\n" }.joined()
}
