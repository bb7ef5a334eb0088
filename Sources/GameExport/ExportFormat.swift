// SPDX-License-Identifier: GPL-3.0-or-later

/// The formats an ``EquilibriumTable`` renders to.
public enum ExportFormat: String, CaseIterable, Sendable, Hashable {
  /// Aligned plain text for terminals.
  case table
  /// One JSON object with a fixed key order.
  case json
  /// RFC 4180 comma-separated values after `#` provenance comments: a header row, then one
  /// row per result.
  case csv
  /// A GitHub-flavoured Markdown table with a provenance line.
  case markdown
  /// A LaTeX `table` with booktabs rules.
  case latex
}

extension EquilibriumTable {
  /// The table rendered in `format`; the text always ends with a newline.
  public func rendered(as format: ExportFormat) -> String {
    switch format {
    case .table: return textTable()
    case .json: return json()
    case .csv: return csv()
    case .markdown: return markdown()
    case .latex: return latex()
    }
  }

  /// The column headers shared by the tabular formats: `(player, strategy)` per probability
  /// column, in player then strategy order.
  var probabilityColumns: [(player: String, strategy: String)] {
    zip(players, strategies).flatMap { p, names in names.map { (player: p, strategy: $0) } }
  }

  /// Each row's cells: the probabilities, player by player, then the payoffs.
  func cells(of row: Row) -> [String] {
    row.profile.flatMap { $0 } + row.payoffs
  }
}
