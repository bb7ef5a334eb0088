// SPDX-License-Identifier: GPL-3.0-or-later

extension EquilibriumTable {
  /// RFC 4180 comma-separated values: a header row, then one row per equilibrium.
  ///
  /// Columns: `equilibrium` (from 1), one column `PLAYER: STRATEGY` per probability, then one
  /// column `payoff: PLAYER` per player. The file is strictly rectangular (no comment lines),
  /// so any CSV reader takes it; provenance lives in the JSON, Markdown and LaTeX formats.
  /// Fields holding a comma, a quote or a line break are quoted, quotes doubled. Lines end in
  /// CRLF, as the RFC specifies.
  func csv() -> String {
    let header = ["equilibrium"] + probabilityColumns.map { "\($0.player): \($0.strategy)" }
      + players.map { "payoff: \($0)" }
    let body = rows.enumerated().map { i, row in [String(i + 1)] + cells(of: row) }
    return ([header] + body).map { $0.map(csvField).joined(separator: ",") + "\r\n" }
      .joined()
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
