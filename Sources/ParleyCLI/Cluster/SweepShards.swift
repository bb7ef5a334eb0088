// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameExport
import Negotiation

/// How a sweep writes its numbers: rounded to `decimals` places, else exact (`p/q`), or —
/// for an inexact result without `decimals` — to 6 places. A shard defers the choice: it
/// writes each number as a marker `⟦p/q⟧` (`⟦~p/q⟧` for an inexact one) that the merge
/// resolves with the merged command's options, so a shard file keeps every number exact.
struct SweepNumbers: Sendable {
  var decimals: Int?
  var deferred = false

  func text(_ q: Rational, exact: Bool = true) -> String {
    if deferred { return "⟦" + (exact ? "" : "~") + q.description + "⟧" }
    if let decimals { return q.formatted(decimals: decimals) }
    return exact ? q.description : q.formatted(decimals: 6)
  }

  /// `s` with every marker replaced by its number's text.
  func resolve(_ s: String) -> String {
    guard s.contains("⟦") else { return s }
    var out = ""
    var rest = Substring(s)
    while let open = rest.firstIndex(of: "⟦"), let close = rest[open...].firstIndex(of: "⟧") {
      out += rest[..<open]
      var body = rest[rest.index(after: open)..<close]
      let exact = body.first != "~"
      if !exact { body = body.dropFirst() }
      if let q = Rational(body) {
        out += text(q, exact: exact)
      } else {
        out += rest[open...close]
      }
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }
}

/// One point of a sweep in a shard file: its index in the grid and its row (numbers as
/// ``SweepNumbers`` markers).
struct SweepRecord: ShardRecord {
  var index: Int
  var row: SweepCommand.PointRow
}

extension SweepCommand {
  /// The numbers' style for this command's options (deferred when writing a shard).
  var numberStyle: SweepNumbers {
    let format = out.json ? ExportFormat.json : out.format
    let places =
      outreach
      ? out.decimals
      : out.decimals ?? (exact || format == .json || format == .csv ? nil : 4)
    return SweepNumbers(decimals: places, deferred: cluster.results != nil)
  }

  /// The sweep's exact parameters, for a shard's header.
  var shardParameters: [String: String] {
    var p = [
      "param": parameter, "from": from.value.description, "to": to.value.description,
      "step": step.value.description,
    ]
    if let method {
      p["method"] = method.rawValue
    } else {
      p[outreach ? "outreach" : "framework"] = framework ?? "yes"
    }
    for s in settings { p["set " + s.name] = s.value.description }
    return p
  }

  func prepareSlurm(_ grid: ParameterSweep, io: CommandIO) throws {
    if shard != nil {
      throw CommandFailure(
        message: "parley: error: --slurm: leave out --shard (each task takes its own)",
        exitStatus: CommandFailure.usageStatus)
    }
    try cluster.prepareSlurm(
      kind: "sweep", total: grid.points.count, format: out.json ? .json : out.format, io: io,
      defaultResults: "sweep-results")
  }

  func writeShard(
    _ grid: ParameterSweep, indices: [Int], rows: [PointRow], seconds: Double, io: CommandIO
  ) throws {
    try cluster.writeShard(
      zip(indices, rows).map { SweepRecord(index: $0, row: $1) }, kind: "sweep", io: io,
      model: file, parameters: shardParameters, seed: nil, shard: shard,
      total: grid.points.count, expected: indices.count, status: "complete", seconds: seconds)
  }

  /// The whole sweep's table from every point's row (read from shards), as the unsharded
  /// command prints it.
  func mergedTable(_ records: [SweepRecord]) throws -> ResultTable {
    let grid = try ParameterSweep(from: from.value, to: to.value, step: step.value)
    let indices = Array(grid.points.indices)
    let rows = records.map(\.row)
    let tree = method != nil && TreeText.isTree(file)
    var (table, _) =
      tree
      ? try treeSweep(grid, indices: indices, given: rows)
      : method != nil
        ? try gameSweep(grid, indices: indices, given: rows)
        : outreach
          ? try outreachSweep(grid, indices: indices, given: rows)
          : try negotiationSweep(grid, indices: indices, given: rows)
    let style = tree ? treeNumbers : method != nil ? gameNumbers : numberStyle
    table.rows = table.rows.map {
      ResultTable.Row(label: $0.label, cells: $0.cells.map(style.resolve))
    }
    table.notes = table.notes.map(style.resolve)
    table.facts = table.facts.map { ResultTable.Fact($0.name, style.resolve($0.value)) }
    return table
  }
}
