// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameExport
import GameFiles
import Negotiation

/// `parley sample GAME.yaml N --solution S`: a parametric coalitional game
/// (`parley: coalitional`) re-solved at N random draws of its uncertain parameters: each
/// player's Shapley value, nucleolus or Banzhaf index (mean, interval, quantiles), and how
/// often the core is empty, with the least-core value.
extension SampleCommand {
  func coalitionalRun(
    _ parametric: ParametricModel<CoalitionalGameFile.Model>, control: SolverControl
  ) throws -> (ResultTable, [Int], SolverStatus) {
    let base = try ParameterSetting.instantiate(parametric, with: settings)
    let design = try design(parametric.parameters)
    let concepts = solution!.coalitionalConcepts
    let (indices, draws, notes, status) = cooperativeDraws(design, control: control) {
      overrides -> Result<CoalitionalPoint, DrawError> in
      do {
        let model = try parametric.instantiate(overrides: overrides)
        return .success(CoalitionalPoint.solve(model.content, concepts: concepts))
      } catch {
        return .failure(DrawError(message: "\(error)"))
      }
    }
    let players = base.content.playerNames
    var facts = [ResultTable.Fact("solutions", concepts.map(\.rawValue).joined(separator: ", "))]
    facts += commonFacts(design, indices: indices)
    if self.draws {
      let style = SweepNumbers(decimals: places)
      let width = SweepCommand.coalitionalColumns(concepts, players: players).count
      let rows = cooperativeDrawRows(draws, width: width) { point in
        SweepCommand.coalitionalCells(
          point, concepts: concepts, playerCount: players.count, style: style
        ).cells
      }
      let table = ResultTable(
        kind: "coalitional-sample-draws",
        title: "\(base.name): \(solution!.rawValue) at random parameter draws",
        rowHeader: "draw",
        columns: design.drawn.map(\.name)
          + SweepCommand.coalitionalColumns(concepts, players: players),
        rows: rows, isExact: true, facts: facts, notes: notes + [Self.drawNote], file: file)
      return (table, indices, status)
    }
    let points = draws.compactMap { d -> CoalitionalPoint? in
      if case .success(let p) = d.outcome { return p }
      return nil
    }
    facts.append(.init("solved", frequency(points.count, of: indices.count)))
    var rows = [ResultTable.Row]()
    var extraNotes = [String]()
    let allocations = concepts.filter { $0 != .core }
    for c in allocations {
      let values = points.compactMap { p -> [Rational]? in
        if case .values(let v)? = p.allocations[c] { return v }
        return nil
      }
      let prefix = concepts.count > 1 ? "\(c.rawValue): " : ""
      for (k, player) in players.enumerated() {
        rows.append(summaryRow(prefix + player, values.map { $0[k].doubleValue }))
      }
      if values.count < points.count {
        extraNotes.append(
          "\(c.rawValue) failed at \(points.count - values.count) draw(s) (the first: "
            + (points.lazy.compactMap { p -> String? in
              if case .failed(let reason)? = p.allocations[c] { return reason }
              return nil
            }.first ?? "?") + "); its rows cover the others")
      }
    }
    if concepts.contains(.core) {
      let epsilons = points.compactMap { p -> Rational? in
        if case .values(let v)? = p.leastCore { return v[0] }
        return nil
      }
      rows.append(summaryRow("core empty", epsilons.map { $0 > 0 ? 1 : 0 }, quantiles: false))
      rows.append(summaryRow("least-core value", epsilons.map(\.doubleValue)))
      facts.append(
        .init("core empty", frequency(epsilons.filter { $0 > 0 }.count, of: epsilons.count)))
      facts.append(
        .init(
          "core non-empty", frequency(epsilons.filter { $0 <= 0 }.count, of: epsilons.count)))
      if epsilons.count < points.count {
        extraNotes.append(
          "the core could not be computed at \(points.count - epsilons.count) draw(s)")
      }
    }
    let table = ResultTable(
      kind: "coalitional-sample",
      title: "\(base.name): \(solution!.rawValue) over \(count) random parameter draws",
      rowHeader: "statistic", columns: Self.summaryColumns, rows: rows, isExact: false,
      parameters: ["method": "cooperative solutions (exact)"], facts: facts,
      notes: notes + extraNotes + [
        Self.summaryNote
          + (concepts.contains(.core)
            ? "; the 'core empty' row's mean is the frequency (its interval clipped to [0, 1]); "
              + "the core is empty exactly when the least-core value is positive" : "")
      ], file: file)
    return (table, indices, status)
  }
}
