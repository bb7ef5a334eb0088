// SPDX-License-Identifier: GPL-3.0-or-later

/// HTML fragments for notebooks: each result becomes one `<div class="parley-result">` holding
/// a bold title, the summary line, the `<table>` (header row in `<thead>`, numbers
/// right-aligned, the first column left-aligned), the facts, notes and dominance record as a
/// list, and a provenance footer. No scripts, no external style sheets: the fragment is what
/// Jupyter's `text/html` output and a static notebook viewer show.
///
/// The cells hold the same text as every other format (fractions stay fractions). `&`, `<`,
/// `>`, `"` and `'` are escaped as entities.
///
/// - Complexity: Linear in the number of cells.
enum HTML {
  /// `text` with the five HTML special characters replaced by entities.
  static func escaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(c)
      }
    }
    return out
  }

  /// A `<table>` with `header` as its head row and `rows` as its body; the first column is
  /// left-aligned and the others right-aligned.
  static func table(header: [String], rows: [[String]]) -> [String] {
    func cell(_ tag: String, _ text: String, first: Bool) -> String {
      let align = first ? "left" : "right"
      return "<\(tag) style=\"text-align: \(align)\">\(escaped(text))</\(tag)>"
    }
    func line(_ tag: String, _ cells: [String]) -> String {
      "    <tr>" + cells.enumerated().map { cell(tag, $1, first: $0 == 0) }.joined() + "</tr>"
    }
    var lines = ["<table>", "  <thead>"]
    lines.append(line("th", header))
    lines.append("  </thead>")
    lines.append("  <tbody>")
    lines += rows.map { line("td", $0) }
    lines.append("  </tbody>")
    lines.append("</table>")
    return lines
  }

  /// A `<ul>` of `items`, or nothing when there are none.
  static func list(_ items: [String]) -> [String] {
    guard !items.isEmpty else { return [] }
    return ["<ul>"] + items.map { "  <li>\(escaped($0))</li>" } + ["</ul>"]
  }

  /// The title and summary paragraph.
  static func heading(title: String, summary: String) -> String {
    "<p><strong>\(escaped(title))</strong><br><em>\(escaped(summary))</em></p>"
  }

  /// `Computed by Parley VERSION from FILE.`, then the file's SHA-256 and the command line
  /// when recorded.
  static func footer(version: String, file: String?, provenance: Provenance) -> String {
    var parts = ["Computed by Parley \(escaped(version))"]
    if let file { parts[0] += " from <code>\(escaped(file))</code>" }
    parts[0] += "."
    if let sha = provenance.fileSHA256 { parts.append("SHA-256: <code>\(escaped(sha))</code>.") }
    if let command = provenance.commandLine {
      parts.append("Command: <code>\(escaped(command))</code>.")
    }
    return "<p><small>" + parts.joined(separator: "<br>") + "</small></p>"
  }

  /// The lines wrapped in the result's `<div>`, ending with a newline.
  static func wrap(_ lines: [String]) -> String {
    (["<div class=\"parley-result\">"] + lines + ["</div>"]).joined(separator: "\n") + "\n"
  }
}

extension EquilibriumTable {
  /// The table as an HTML fragment (see ``HTML``): columns `#`, `PLAYER: STRATEGY` per
  /// probability, `payoff: PLAYER` per player.
  public func html() -> String {
    var lines = [HTML.heading(title: displayTitle, summary: summaryLine)]
    if !rows.isEmpty {
      let header = ["#"] + probabilityColumns.map { "\($0.player): \($0.strategy)" }
        + players.map { "payoff: \($0)" }
      lines += HTML.table(
        header: header,
        rows: rows.enumerated().map { i, row in [String(i + 1)] + cells(of: row) })
    }
    lines += HTML.list(
      (dominance?.lines(players: players) ?? []) + notes.map { "Note: " + $0 })
    lines.append(HTML.footer(version: version, file: file, provenance: provenance))
    return HTML.wrap(lines)
  }
}

extension ResultTable {
  /// The table as an HTML fragment (see ``HTML``): the row labels, then one column per
  /// ``columns`` entry; the facts and notes listed under it.
  public func html() -> String {
    var lines = [HTML.heading(title: title, summary: summaryLine)]
    lines += HTML.table(
      header: [rowHeader] + columns, rows: rows.map { [$0.label] + $0.cells })
    lines += HTML.list(facts.map { "\($0.name): \($0.value)" } + notes.map { "Note: " + $0 })
    lines.append(HTML.footer(version: version, file: file, provenance: provenance))
    return HTML.wrap(lines)
  }
}

extension ResultReport {
  /// The report as an HTML fragment (see ``HTML``): one titled table per part.
  public func html() -> String {
    var lines = [HTML.heading(title: title, summary: summaryLine)]
    for table in tables {
      if !table.title.isEmpty { lines.append("<p>\(HTML.escaped(table.title))</p>") }
      lines += HTML.table(header: table.header, rows: table.rows)
    }
    lines += HTML.list(notes.map { "Note: " + $0 })
    lines.append(HTML.footer(version: version, file: nil, provenance: Provenance()))
    return HTML.wrap(lines)
  }
}
