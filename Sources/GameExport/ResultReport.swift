// SPDX-License-Identifier: GPL-3.0-or-later

/// A solver's result that is not a list of equilibria (a bargaining solution, a Baron–Ferejohn
/// equilibrium, arbitration offers) as titled tables with their provenance, renderable in
/// every ``ExportFormat``.
///
/// Every value is already text: `p/q` when exact, a decimal otherwise, as in
/// ``EquilibriumTable``.
public struct ResultReport: Sendable, Hashable {
  /// One titled table.
  public struct Table: Sendable, Hashable {
    public var title: String
    public var header: [String]
    public var rows: [[String]]

    public init(title: String, header: [String], rows: [[String]]) {
      precondition(rows.allSatisfy { $0.count == header.count })
      self.title = title
      self.header = header
      self.rows = rows
    }
  }

  /// What was solved, e.g. `"Rubinstein alternating offers"`.
  public var title: String
  /// The method, e.g. `"closed form (Rubinstein 1982)"`.
  public var method: String
  /// Whether every number is exact.
  public var isExact: Bool
  /// How the computation ended.
  public var status: String
  /// The parameters, printed sorted by key.
  public var parameters: [String: String]
  /// Remarks.
  public var notes: [String]
  /// The tables, in order.
  public var tables: [Table]
  /// Parley's version.
  public var version: String
  /// The command line and the input file's SHA-256, when the caller records them; CSV,
  /// JSON, Markdown and LaTeX carry them.
  public var provenance = Provenance()

  public init(
    title: String, method: String, isExact: Bool, status: String = "complete",
    parameters: [String: String] = [:], notes: [String] = [], tables: [Table],
    version: String = ParleyVersion.current
  ) {
    self.title = title
    self.method = method
    self.isExact = isExact
    self.status = status
    self.parameters = parameters
    self.notes = notes
    self.tables = tables
    self.version = version
  }

  /// The report in `format`.
  public func rendered(as format: ExportFormat) -> String {
    switch format {
    case .table: return text()
    case .json: return json()
    case .csv: return csv()
    case .markdown: return markdown()
    case .latex: return latex()
    }
  }

  var sortedParameters: [(String, String)] { parameters.sorted { $0.key < $1.key } }

  /// `method, exact|floating point, key=value…, status`.
  public var summaryLine: String {
    ([method, isExact ? "exact" : "floating point"]
      + sortedParameters.map { "\($0.0)=\($0.1)" } + [status]).joined(separator: ", ")
  }

  // MARK: - Renderers

  func text() -> String {
    var lines = [title, summaryLine]
    for table in tables {
      lines.append("")
      if !table.title.isEmpty { lines.append(table.title) }
      let widths = table.header.indices.map { c in
        ([table.header[c]] + table.rows.map { $0[c] }).map(\.count).max()!
      }
      func line(_ cells: [String], numeric: Bool) -> String {
        cells.enumerated().map { c, cell in
          let pad = String(repeating: " ", count: widths[c] - cell.count)
          return c > 0 && numeric ? pad + cell : cell + pad
        }.joined(separator: "  ")
      }
      lines.append(line(table.header, numeric: true))
      lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
      for row in table.rows { lines.append(line(row, numeric: true)) }
    }
    if !notes.isEmpty { lines.append("") }
    lines += notes.map { "note: " + $0 }
    return lines.map { l in
      var s = Substring(l)
      while s.last == " " { s = s.dropLast() }
      return String(s)
    }.joined(separator: "\n") + "\n"
  }

  func json() -> String {
    let object = JSONValue.object([
      ("title", .string(title)),
      ("method", .string(method)),
      ("exact", .bool(isExact)),
      ("status", .string(status)),
      ("parameters", .object(sortedParameters.map { ($0.0, .string($0.1)) })),
      (
        "tables",
        .array(
          tables.map { t in
            .object([
              ("title", .string(t.title)),
              ("columns", .array(t.header.map(JSONValue.string))),
              ("rows", .array(t.rows.map { .array($0.map(JSONValue.string)) })),
            ])
          })
      ),
      ("notes", .array(notes.map(JSONValue.string))),
      ("version", .string(version)),
    ] + provenance.lines.map { line in
      (line.name == "sha256" ? "fileSHA256" : line.name, JSONValue.string(line.value))
    })
    return object.encoded() + "\n"
  }

  func csv() -> String {
    func field(_ s: String) -> String {
      s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
        ? "\""
          + s.split(separator: "\"", omittingEmptySubsequences: false)
          .joined(separator: "\"\"") + "\"" : s
    }
    var lines = ["# \(title) — Parley \(version)", "# \(summaryLine)"]
    lines += provenance.lines.map { "# \($0.name): \(oneLine($0.value))" }
    for t in tables {
      lines.append("# \(t.title)")
      lines.append(t.header.map(field).joined(separator: ","))
      lines += t.rows.map { $0.map(field).joined(separator: ",") }
    }
    lines += notes.map { "# note: \($0)" }
    return lines.joined(separator: "\n") + "\n"
  }

  func markdown() -> String {
    func cell(_ s: String) -> String {
      s.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
    var lines = ["### \(cell(title))", "", cell(summaryLine)]
    if !provenance.isEmpty { lines += [""] + provenance.markdownLines }
    for t in tables {
      lines += ["", "**\(cell(t.title))**", ""]
      lines.append("| " + t.header.map(cell).joined(separator: " | ") + " |")
      lines.append("|" + t.header.indices.map { $0 == 0 ? " --- |" : " ---: |" }.joined())
      lines += t.rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
    }
    if !notes.isEmpty { lines.append("") }
    lines += notes.map { "Note: \(cell($0))" }
    return lines.joined(separator: "\n") + "\n"
  }

  func latex() -> String {
    func tex(_ s: String) -> String { latexEscaped(s) }
    var lines = [
      "% \(title) — Parley \(version)"
    ]
    lines += provenance.lines.map { "% \($0.name): \(oneLine($0.value))" }
    lines += [
      "\\begin{table}[ht]", "  \\centering",
      "  \\caption{\(tex(title)) --- \(tex(summaryLine))}",
    ]
    for t in tables {
      lines.append("  \\par\\medskip\\textbf{\(tex(t.title))}\\par")
      lines.append("  \\begin{tabular}{l" + String(repeating: "r", count: t.header.count - 1) + "}")
      lines.append("    \\toprule")
      lines.append("    " + t.header.map(tex).joined(separator: " & ") + " \\\\")
      lines.append("    \\midrule")
      for row in t.rows {
        let cells =
          row.prefix(1).map(tex)
          + row.dropFirst().map { c in latexMathNumber(c).map { "$\($0)$" } ?? tex(c) }
        lines.append("    " + cells.joined(separator: " & ") + " \\\\")
      }
      lines.append("    \\bottomrule")
      lines.append("  \\end{tabular}")
    }
    for note in notes { lines.append("  \\par\\footnotesize Note: \(tex(note))") }
    lines.append("\\end{table}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// `text` on one line (line breaks become spaces), for comment lines.
  private func oneLine(_ text: String) -> String {
    String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
  }
}
