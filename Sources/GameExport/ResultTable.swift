// SPDX-License-Identifier: GPL-3.0-or-later

/// A table of results that are not equilibria — cooperative solutions, power indices, the
/// rounds of a forecast — with the same provenance as ``EquilibriumTable``.
///
/// Rows are labelled (`shapley`, `round 3`) and hold one cell per column, already formatted;
/// the renderers (``rendered(as:)``) only lay the text out, so every format shows the same
/// digits. Provenance: what was computed, whether arithmetic was exact, the parameters, the
/// source, Parley's version, remarks, extra labelled facts (game properties, a least-core
/// value) listed under the table, and — when the caller records them in ``provenance`` — the
/// command line and the file's SHA-256.
public struct ResultTable: Sendable, Hashable {
  /// One labelled row.
  public struct Row: Sendable, Hashable {
    /// The row's label, e.g. `"shapley"`.
    public var label: String
    /// One cell per column.
    public var cells: [String]

    public init(label: String, cells: [String]) {
      self.label = label
      self.cells = cells
    }
  }

  /// What kind of result this is, e.g. `"coop"` or `"forecast"` (the JSON `kind`).
  public var kind: String
  /// The table's title (the game or scenario).
  public var title: String
  /// What the rows are, for the header of the label column, e.g. `"solution"`.
  public var rowHeader: String
  /// The column headers (players, actors, …).
  public var columns: [String]
  /// The rows.
  public var rows: [Row]
  /// Whether the numbers were computed exactly.
  public var isExact: Bool
  /// The parameters the methods ran with.
  public var parameters: [String: String]
  /// Labelled facts printed after the table, in order (e.g. `("convex", "yes")`).
  public var facts: [Fact]
  /// Remarks on the run.
  public var notes: [String]
  /// The source file, as the user named it.
  public var file: String?
  /// Parley's version.
  public var version: String
  /// Seconds spent computing; `nil` leaves it out of JSON.
  public var seconds: Double?
  /// The command line and the file's SHA-256, when the caller records them (JSON, Markdown
  /// and LaTeX print them).
  public var provenance = Provenance()

  /// A labelled fact.
  public struct Fact: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  public init(
    kind: String, title: String, rowHeader: String, columns: [String], rows: [Row],
    isExact: Bool, parameters: [String: String] = [:], facts: [Fact] = [],
    notes: [String] = [], file: String? = nil, version: String = ParleyVersion.current,
    seconds: Double? = nil
  ) {
    precondition(rows.allSatisfy { $0.cells.count == columns.count })
    self.kind = kind
    self.title = title
    self.rowHeader = rowHeader
    self.columns = columns
    self.rows = rows
    self.isExact = isExact
    self.parameters = parameters
    self.facts = facts
    self.notes = notes
    self.file = file
    self.version = version
    self.seconds = seconds
  }

  /// The table rendered in `format`; the text ends with a newline.
  public func rendered(as format: ExportFormat) -> String {
    switch format {
    case .table: return text()
    case .json: return json()
    case .csv: return csv()
    case .markdown: return markdown()
    case .latex: return latex()
    }
  }

  /// `coop, exact; shapley: enumeration; …` — the kind, the arithmetic and the parameters
  /// (`key: value`, sorted by key).
  public var summaryLine: String {
    ([kind + ", " + (isExact ? "exact" : "floating point")]
      + parameters.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" })
      .joined(separator: "; ")
  }

  // MARK: - Renderers

  func text() -> String {
    var lines = [title, summaryLine, ""]
    let header = [rowHeader] + columns
    let body = rows.map { [$0.label] + $0.cells }
    var widths = header.map(\.count)
    for row in body { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) } }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { k, c in
        let fill = String(repeating: " ", count: widths[k] - c.count)
        return k == 0 ? c + fill : fill + c
      }.joined(separator: "  ")
    }
    lines.append(line(header))
    lines += body.map(line)
    if !facts.isEmpty || !notes.isEmpty { lines.append("") }
    lines += facts.map { "\($0.name): \($0.value)" }
    lines += notes.map { "note: " + $0 }
    return lines.map { l in
      var s = Substring(l)
      while s.last == " " { s = s.dropLast() }
      return String(s)
    }.joined(separator: "\n") + "\n"
  }

  func csv() -> String {
    func field(_ s: String) -> String {
      guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      else { return s }
      return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
    return csvProvenance(version: version, file: file, summary: summaryLine, provenance: provenance)
      + ([[rowHeader] + columns] + rows.map { [$0.label] + $0.cells })
      .map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
  }

  func json() -> String {
    func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }
    var members: [(String, JSONValue)] = [
      ("kind", .string(kind)),
      ("exact", .bool(isExact)),
      (
        "parameters",
        .object(parameters.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
      ),
      ("title", .string(title)),
    ]
    if let file { members.append(("file", .string(file))) }
    if let sha = provenance.fileSHA256 { members.append(("fileSHA256", .string(sha))) }
    members.append(("version", .string(version)))
    if let command = provenance.commandLine { members.append(("command", .string(command))) }
    members.append(("columns", strings(columns)))
    members.append(
      (
        rowHeader + "s",
        .array(
          rows.map { row in
            .object([("label", .string(row.label)), ("values", strings(row.cells))])
          })
      ))
    members.append(("facts", .object(facts.map { ($0.name, .string($0.value)) })))
    members.append(("notes", strings(notes)))
    if let seconds { members.append(("seconds", JSONValue.seconds(seconds))) }
    return JSONValue.object(members).encoded() + "\n"
  }

  func markdown() -> String {
    func md(_ text: String) -> String { markdownEscaped(text) }
    var lines = ["**\(md(title))**", "", md(summaryLine) + ".", ""]
    let header = [rowHeader] + columns
    lines.append("| " + header.map(md).joined(separator: " | ") + " |")
    lines.append("|---|" + Array(repeating: "---:|", count: columns.count).joined())
    for row in rows {
      lines.append("| " + ([row.label] + row.cells).map(md).joined(separator: " | ") + " |")
    }
    if !facts.isEmpty || !notes.isEmpty { lines.append("") }
    lines += facts.map { "- \(md($0.name)): \(md($0.value))" }
    lines += notes.map { "- Note: " + md($0) }
    lines.append("")
    var source = "Computed by Parley \(version)"
    if let file { source += " from `\(file.replacingAll("`", with: "'"))`" }
    lines.append(source + ".")
    lines += provenance.markdownLines
    return lines.joined(separator: "\n") + "\n"
  }

  func latex() -> String {
    func tex(_ text: String) -> String { latexEscaped(text) }
    func number(_ t: String) -> String { latexMathNumber(t).map { "$\($0)$" } ?? tex(t) }
    var lines = [
      "% Parley \(version)" + (file.map { ": " + tex($0) } ?? "") + "; "
        + tex(summaryLine)
    ]
    lines += provenance.lines.map { name, value in
      "% \(name): " + String(value.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
    lines.append("\\begin{table}[ht]")
    lines.append("  \\centering")
    lines.append("  \\caption{\(tex(title)) --- \(tex(summaryLine))}")
    lines.append("  \\begin{tabular}{l" + String(repeating: "r", count: columns.count) + "}")
    lines.append("    \\toprule")
    lines.append("    " + ([rowHeader] + columns).map(tex).joined(separator: " & ") + " \\\\")
    lines.append("    \\midrule")
    for row in rows {
      lines.append(
        "    " + ([tex(row.label)] + row.cells.map(number)).joined(separator: " & ")
          + " \\\\")
    }
    lines.append("    \\bottomrule")
    lines.append("  \\end{tabular}")
    for f in facts { lines.append("  \\par\\footnotesize \(tex(f.name)): \(tex(f.value))") }
    for note in notes { lines.append("  \\par\\footnotesize Note: \(tex(note))") }
    lines.append("\\end{table}")
    return lines.joined(separator: "\n") + "\n"
  }
}
