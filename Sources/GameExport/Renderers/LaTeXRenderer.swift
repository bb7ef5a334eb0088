// SPDX-License-Identifier: GPL-3.0-or-later

extension EquilibriumTable {
  /// A LaTeX `table` float with booktabs rules (`\usepackage{booktabs}`).
  ///
  /// Comment lines record the provenance (version, file, summary; then the file's SHA-256 and
  /// the command line when recorded); the caption holds the title and summary. The
  /// header has one `\multicolumn` group per player (a column per strategy) and one for the
  /// payoffs, joined by `\cmidrule`s, then the strategy names. Values are set in math mode
  /// (`$-1/2$`), so minus signs typeset correctly. Text is escaped for LaTeX's special
  /// characters (`\ & % $ # _ { } ~ ^`).
  func latex() -> String {
    var lines = ["% Parley \(version)" + (file.map { ": " + oneLine($0) } ?? "") + "; "
      + oneLine(summaryLine)]
    lines += provenance.lines.map { "% \($0.name): \(oneLine($0.value))" }
    lines.append("\\begin{table}[ht]")
    lines.append("  \\centering")
    lines.append("  \\caption{\(tex(displayTitle)) --- \(tex(summaryLine))}")
    let groups = strategies.map(\.count) + [players.count]
    let spec = "r" + groups.map { " " + String(repeating: "r", count: $0) }.joined()
    lines.append("  \\begin{tabular}{\(spec)}")
    lines.append("    \\toprule")
    var column = 2
    var labels = [String](), rules = [String]()
    for (label, width) in zip(players + ["Payoffs"], groups) {
      labels.append("\\multicolumn{\(width)}{c}{\(tex(label))}")
      rules.append("\\cmidrule(lr){\(column)-\(column + width - 1)}")
      column += width
    }
    lines.append("    & " + labels.joined(separator: " & ") + " \\\\")
    lines.append("    " + rules.joined(separator: " "))
    let header = ["\\#"] + (strategies.flatMap { $0 } + players).map(tex)
    lines.append("    " + header.joined(separator: " & ") + " \\\\")
    lines.append("    \\midrule")
    for (i, row) in rows.enumerated() {
      let cells = [String(i + 1)] + cells(of: row).map { "$\(texNumber($0))$" }
      lines.append("    " + cells.joined(separator: " & ") + " \\\\")
    }
    if rows.isEmpty {
      lines.append("    \\multicolumn{\(column - 1)}{c}{\\emph{no equilibria}} \\\\")
    }
    lines.append("    \\bottomrule")
    lines.append("  \\end{tabular}")
    if let dominance {
      lines.append("  \\par\\smallskip\\footnotesize")
      for line in dominance.lines(players: players) { lines.append("  \(tex(line))\\par") }
    }
    for note in notes { lines.append("  \\par\\footnotesize Note: \(tex(note))") }
    lines.append("\\end{table}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// `text` with LaTeX's special characters escaped for text mode.
  private func tex(_ text: String) -> String { latexEscaped(text) }

  /// A formatted number for math mode (fractions as `\frac{p}{q}`; anything else that is
  /// not a number in an `\mbox`).
  private func texNumber(_ text: String) -> String {
    latexMathNumber(text) ?? "\\mbox{\(tex(text))}"
  }

  private func oneLine(_ text: String) -> String {
    String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
  }
}
