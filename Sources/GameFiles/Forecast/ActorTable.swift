// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
public import GameCore

/// Reads the `Actor,Capability,Position,Salience` CSV tables that published forecasting
/// datasets use.
///
/// Format: RFC 4180 comma-separated values with a header row naming the four columns (any
/// order, any letter case; other columns are ignored), then one actor per row. Blank lines
/// and lines starting with `#` are skipped. Saliences may be given in `[0, 1]` or on a
/// 0–100 scale: when any salience exceeds 1, all are divided by 100. Every problem is a
/// ``GameFileError`` with its line and column.
public enum ActorTable {
  /// The actors in `text`.
  ///
  /// - Throws: ``GameFileError`` for a missing column, a row of the wrong length, a value
  ///   that is not a finite number, a negative capability, a salience outside `[0, 100]`,
  ///   a duplicate actor name, or fewer than two actors.
  public static func parse(_ text: String, path: String = "<input>") throws(GameFileError)
    -> [PolicyActor]
  {
    var rows: [(line: Int, fields: [(text: String, column: Int)])] = []
    // "\r\n" is one Character: split on it too, or a CRLF file would be one line.
    for (index, raw) in text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }
    ).enumerated()
    {
      var line = Substring(raw)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
      rows.append((index + 1, try fields(of: line, line: index + 1, path: path)))
    }
    func fail(_ line: Int, _ column: Int, _ message: String) -> GameFileError {
      GameFileError(path: path, line: line, column: column, message: message)
    }
    guard let header = rows.first else { throw fail(0, 0, "the actor table is empty") }
    var index: [String: Int] = [:]
    for (k, f) in header.fields.enumerated() {
      index[f.text.trimmingCharacters(in: .whitespaces).lowercased()] = k
    }
    var columns: [Int] = []
    for name in ["actor", "capability", "position", "salience"] {
      guard let k = index[name] else {
        throw fail(
          header.line, 1,
          "the header must name the columns Actor, Capability, Position, Salience; "
            + "\(name.capitalized) is missing")
      }
      columns.append(k)
    }
    var actors: [PolicyActor] = []
    var names = Set<String>()
    for row in rows.dropFirst() {
      guard row.fields.count == header.fields.count else {
        throw fail(
          row.line, 1, "expected \(header.fields.count) fields, found \(row.fields.count)")
      }
      let name = row.fields[columns[0]].text.trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty else {
        throw fail(row.line, row.fields[columns[0]].column, "empty actor name")
      }
      guard names.insert(name).inserted else {
        throw fail(row.line, row.fields[columns[0]].column, "duplicate actor \"\(name)\"")
      }
      var values: [Double] = []
      for (k, label) in zip(columns.dropFirst(), ["capability", "position", "salience"]) {
        let f = row.fields[k]
        let t = f.text.trimmingCharacters(in: .whitespaces)
        guard let v = Double(t), v.isFinite else {
          throw fail(row.line, f.column, "expected a number for \(label), found \"\(t)\"")
        }
        values.append(v)
      }
      guard values[0] >= 0 else {
        throw fail(row.line, row.fields[columns[1]].column, "capability must be non-negative")
      }
      guard (0...100).contains(values[2]) else {
        throw fail(row.line, row.fields[columns[3]].column, "salience must lie in 0...100")
      }
      actors.append(
        PolicyActor(
          name: name, capability: values[0], position: values[1], salience: values[2]))
    }
    guard actors.count >= 2 else {
      throw fail(0, 0, "the table needs at least two actors, found \(actors.count)")
    }
    if actors.contains(where: { $0.salience > 1 }) {
      for k in actors.indices { actors[k].salience /= 100 }
    }
    return actors
  }

  /// The actors in the file at `url`.
  ///
  /// - Throws: ``GameFileError`` when the file cannot be read or is malformed.
  public static func read(contentsOf url: URL, path: String? = nil) throws(GameFileError)
    -> [PolicyActor]
  {
    let shown = path ?? url.path
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw GameFileError(path: shown, line: 0, column: 0, message: "cannot read the file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw GameFileError(path: shown, line: 0, column: 0, message: "the file is not UTF-8")
    }
    return try parse(text, path: shown)
  }

  /// Splits one CSV line into fields with their 1-based columns; quotes may wrap a field
  /// (a doubled quote inside stands for one).
  private static func fields(of line: Substring, line number: Int, path: String)
    throws(GameFileError) -> [(text: String, column: Int)]
  {
    var out: [(text: String, column: Int)] = []
    var current = ""
    var start = 1
    var column = 0
    var quoted = false
    var wasQuoted = false
    var chars = Array(line)
    var k = 0
    while k < chars.count {
      let ch = chars[k]
      column += 1
      if quoted {
        if ch == "\"" {
          if k + 1 < chars.count && chars[k + 1] == "\"" {
            current.append("\"")
            k += 1
            column += 1
          } else {
            quoted = false
          }
        } else {
          current.append(ch)
        }
      } else if ch == "," {
        out.append((current, start))
        current = ""
        start = column + 1
        wasQuoted = false
      } else if ch == "\"" && current.allSatisfy({ $0 == " " }) && !wasQuoted {
        quoted = true
        wasQuoted = true
        current = ""
      } else {
        current.append(ch)
      }
      k += 1
    }
    if quoted {
      throw GameFileError(path: path, line: number, column: start, message: "unterminated quote")
    }
    chars.removeAll()
    out.append((current, start))
    return out
  }
}
