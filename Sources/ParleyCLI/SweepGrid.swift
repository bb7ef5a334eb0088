// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import GameCore
import GameExport
import Negotiation

/// `parley sweep ... --param2 NAME --from2 A --to2 B --step2 S`: a two-parameter grid, as
/// one one-parameter sweep of `--param` per value of `--param2` (each re-solved in parallel
/// over its points), merged into one table whose first column is the second parameter.
extension SweepCommand {
  /// The second parameter's grid, when one is given.
  func secondGrid() throws -> ParameterSweep? {
    guard let parameter2 else { return nil }
    guard let from2, let to2, let step2 else {
      throw CommandFailure(
        message: "parley: error: --param2 \(parameter2) needs --from2, --to2 and --step2",
        exitStatus: CommandFailure.usageStatus)
    }
    do {
      return try ParameterSweep(from: from2.value, to: to2.value, step: step2.value)
    } catch {
      throw CommandFailure(
        message: "parley: error: --param2: \(error.description)",
        exitStatus: CommandFailure.usageStatus)
    }
  }

  /// The grid sweep: rows in the order (second parameter, then first), i.e. point
  /// `iy · nx + ix`; `--shard K/N` keeps the flat indices `i` with `i mod N = K − 1`.
  func gridSweep(_ grid: ParameterSweep, _ grid2: ParameterSweep) throws -> ResultTable {
    let name2 = parameter2!
    let nx = grid.points.count
    guard nx * grid2.points.count <= ParameterSweep.maxPoints else {
      throw CommandFailure(
        message: "parley: error: the grid has \(nx) × \(grid2.points.count) points, more than "
          + "\(ParameterSweep.maxPoints); take larger steps",
        exitStatus: CommandFailure.usageStatus)
    }
    var merged: ResultTable?
    var factNames = Set<String>()
    var methods = [String]()
    for (iy, y) in grid2.points.enumerated() {
      var sub = self
      sub.settings.append(ParameterSetting(name: name2, value: y))
      let indices = grid.points.indices.filter { ix in
        guard let shard else { return true }
        return (iy * nx + ix) % shard.count == shard.index - 1
      }
      if indices.isEmpty { continue }
      let table: ResultTable
      do {
        table =
          method != nil
          ? (TreeText.isTree(file)
            ? try sub.treeSweep(grid, indices: indices).0
            : try sub.gameSweep(grid, indices: indices).0)
          : solution != nil
            ? try sub.cooperativeSweep(grid, indices: indices)
          : outreach
            ? try sub.outreachSweep(grid, indices: indices).0
            : try sub.negotiationSweep(grid, indices: indices).0
      } catch let failure as CommandFailure
        where failure.message.contains("--set: the model has no parameter '\(name2)'")
      {
        throw CommandFailure(
          message: failure.message.replacingOccurrences(of: "--set:", with: "--param2:"),
          exitStatus: failure.exitStatus)
      }
      let label = Self.pointLabel(y)
      let rows = table.rows.map { ResultTable.Row(label: $0.label, cells: [label] + $0.cells) }
      for m in (table.parameters["method"] ?? "").split(separator: ";") {
        let m = m.trimmingCharacters(in: .whitespaces)
        if !m.isEmpty, !methods.contains(m) { methods.append(m) }
      }
      // Facts: each once; the per-slice setting of the second parameter is the column.
      let facts = table.facts.filter {
        !($0.name == "parameter" && $0.value.hasPrefix("\(name2) = "))
          && $0.name != "sweep" && $0.name != "shard"
      }
      if merged == nil {
        merged = ResultTable(
          kind: table.kind,
          title: table.title.replacingOccurrences(
            of: " as \(parameter) varies", with: " as \(parameter) and \(name2) vary"),
          rowHeader: parameter, columns: [name2] + table.columns, rows: [],
          isExact: true, file: file)
      }
      merged!.rows += rows
      merged!.isExact = merged!.isExact && table.isExact
      for f in facts where !factNames.contains(f.name + "\u{0}" + f.value) {
        factNames.insert(f.name + "\u{0}" + f.value)
        merged!.facts.append(f)
      }
      merged!.notes += table.notes.map { "\(name2) = \(label): " + $0 }
    }
    guard var result = merged else {
      throw CommandFailure(
        message: "parley: error: --shard \(shard!.index)/\(shard!.count) holds no point of "
          + "the grid", exitStatus: CommandFailure.usageStatus)
    }
    result.parameters["method"] = methods.joined(separator: "; ")
    var head = [
      ResultTable.Fact(
        "sweep",
        "\(parameter) from \(Self.pointLabel(from.value)) to \(Self.pointLabel(to.value)) in "
          + "steps of \(Self.pointLabel(step.value)) (\(nx) points) × \(name2) from "
          + "\(Self.pointLabel(from2!.value)) to \(Self.pointLabel(to2!.value)) in steps of "
          + "\(Self.pointLabel(step2!.value)) (\(grid2.points.count) points)")
    ]
    if let shard {
      head.append(.init("shard", "\(shard.index)/\(shard.count) (\(result.rows.count) points)"))
    }
    result.facts = head + result.facts
    return result
  }
}
