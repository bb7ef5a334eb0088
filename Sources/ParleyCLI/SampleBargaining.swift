// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameExport
import GameFiles
import Negotiation

/// `parley sample PROBLEM.yaml N --solution S`: a parametric bargaining problem
/// (`parley: bargaining`) re-solved at N random draws of its uncertain parameters: each
/// solution's utility to every player (mean, interval, quantiles) and how often it uses
/// each deal or combination of deals.
extension SampleCommand {
  /// One draw of a `--solution` run: its number, drawn values and outcome.
  struct CooperativeDraw<Outcome: Sendable>: Sendable {
    var draw: Int
    var values: [Double]
    var outcome: Result<Outcome, DrawError>
  }

  /// A bargaining problem's or coalitional game's run (`--solution`), by the file's kind;
  /// `Computed` holds no results (such runs write no shard files).
  func cooperativeRun(control: SolverControl) throws -> (ResultTable, Computed) {
    let table: ResultTable
    let indices: [Int]
    let status: SolverStatus
    switch try CooperativeModel.read(file, solution: solution!, option: "--solution") {
    case .bargaining(let parametric):
      (table, indices, status) = try bargainingRun(parametric, control: control)
    case .coalitional(let parametric):
      (table, indices, status) = try coalitionalRun(parametric, control: control)
    }
    return (table, Computed(indices: indices, results: [], status: status))
  }

  /// `body` at every draw of `design` (the shard's, with `--shard`), in draw order; notes
  /// for a stop and for failed draws.
  func cooperativeDraws<Outcome: Sendable>(
    _ design: MonteCarloDesign, control: SolverControl,
    _ body: @escaping @Sendable ([String: Rational]) -> Result<Outcome, DrawError>
  ) -> (indices: [Int], draws: [CooperativeDraw<Outcome>], notes: [String], status: SolverStatus)
  {
    let indices =
      shard.map { design.indices(shard: $0.index, of: $0.count) } ?? Array(0..<design.count)
    let meter = ProgressMeter.start(total: indices.count, noun: "draws")
    let (results, status) = design.map(indices, control: control) { draw in
      let result = CooperativeDraw(
        draw: draw.index, values: draw.values, outcome: body(draw.overrides))
      meter?.tick()
      return result
    }
    meter?.finish()
    let draws = results.map(\.value)
    var notes = [String]()
    if status != .complete {
      notes.append(
        "stopped (\(status)) after \(draws.count) of \(indices.count) draws; the summary "
          + "covers those")
    }
    let failed = draws.filter {
      if case .failure = $0.outcome { return true } else { return false }
    }
    if let first = failed.first, case .failure(let e) = first.outcome {
      notes.append(
        "\(failed.count) draw(s) failed and are left out; the first, draw \(first.draw): "
          + e.message)
    }
    return (indices, draws, notes, status)
  }

  /// The per-draw table's rows: the draw's number and values, then `cells` (or `width`
  /// error cells).
  func cooperativeDrawRows<Outcome>(
    _ draws: [CooperativeDraw<Outcome>], width: Int, cells: (Outcome) -> [String]
  ) -> [ResultTable.Row] {
    draws.map { d in
      let values = d.values.map { $0.formatted(decimals: 6) }
      switch d.outcome {
      case .success(let o): return ResultTable.Row(label: String(d.draw), cells: values + cells(o))
      case .failure:
        return ResultTable.Row(
          label: String(d.draw), cells: values + Array(repeating: "error", count: width))
      }
    }
  }

  static let drawNote =
    "parameter values are rounded to 6 decimals; each draw is solved exactly at its value "
    + "converted to a fraction"

  static let summaryNote =
    "each draw is solved exactly; means, intervals (normal approximation) and quantiles "
    + "(nearest rank) are computed in floating point"

  /// What one draw of a bargaining run gives: each solution's point, or why it failed.
  typealias BargainingOutcome = [Result<BargainingPoint, DrawError>]

  func bargainingRun(_ parametric: ParametricModel<BargainingFile>, control: SolverControl)
    throws -> (ResultTable, [Int], SolverStatus)
  {
    let base = try ParameterSetting.instantiate(parametric, with: settings)
    let design = try design(parametric.parameters)
    let concepts = try solution!.bargainingConcepts(hasWeights: base.weights != nil)
    let (indices, draws, notes, status) = cooperativeDraws(design, control: control) {
      overrides -> Result<BargainingOutcome, DrawError> in
      let problem: BargainingFile
      do { problem = try parametric.instantiate(overrides: overrides) } catch {
        return .failure(DrawError(message: "\(error)"))
      }
      return .success(
        concepts.map { c -> Result<BargainingPoint, DrawError> in
          do throws(SolverError) {
            return .success(BargainingPoint(try c.solve(problem)))
          } catch {
            return .failure(DrawError(message: "\(c.rawValue): \(error.reason)"))
          }
        })
    }
    let players = base.problem.players
    let names = base.problem.dealNames
    var facts = [ResultTable.Fact("solutions", concepts.map(\.rawValue).joined(separator: ", "))]
    facts += commonFacts(design, indices: indices)
    let title = base.name ?? file
    if self.draws {
      let width = concepts.count * (players.count + 1)
      let rows = cooperativeDrawRows(draws, width: width) { (outcome: BargainingOutcome) in
        Array(
          outcome.map { r -> [String] in
            switch r {
            case .success(let s):
              return s.payoffs.map { $0.formatted(decimals: places) }
                + [s.lotteryText(names) { $0.formatted(decimals: places) }]
            case .failure:
              return Array(repeating: "-", count: players.count) + ["error"]
            }
          }.joined())
      }
      let table = ResultTable(
        kind: "bargaining-sample-draws",
        title: "\(title): \(solution!.rawValue) at random parameter draws", rowHeader: "draw",
        columns: design.drawn.map(\.name)
          + SweepCommand.bargainingColumns(concepts, players: players),
        rows: rows, isExact: true, facts: facts, notes: notes + [Self.drawNote], file: file)
      return (table, indices, status)
    }
    let outcomes = draws.compactMap { d -> BargainingOutcome? in
      if case .success(let o) = d.outcome { return o }
      return nil
    }
    facts.append(.init("solved", frequency(outcomes.count, of: indices.count)))
    var rows = [ResultTable.Row]()
    var extraNotes = [String]()
    for (k, c) in concepts.enumerated() {
      let points = outcomes.compactMap { o -> BargainingPoint? in
        if case .success(let p) = o[k] { return p }
        return nil
      }
      let prefix = concepts.count > 1 ? "\(c.rawValue): " : ""
      for (p, player) in players.enumerated() {
        rows.append(summaryRow(prefix + player, points.map { $0.payoffs[p].doubleValue }))
      }
      if points.count < outcomes.count {
        extraNotes.append(
          "\(c.rawValue) failed at \(outcomes.count - points.count) draw(s); its rows cover "
            + "the others")
      }
      // How often the solution uses each set of deals (the ten most frequent).
      facts += rankedFrequencies(
        points.map { $0.supportText(names) }, of: points.count,
        name: { "\(c.rawValue) uses \($0)" },
        other: { "\(c.rawValue) uses other deals (\($0))" }
      ).facts
    }
    let table = ResultTable(
      kind: "bargaining-sample",
      title: "\(title): \(solution!.rawValue) over \(count) random parameter draws",
      rowHeader: "statistic", columns: Self.summaryColumns, rows: rows, isExact: false,
      parameters: ["method": "axiomatic solutions"], facts: facts,
      notes: notes + extraNotes + [Self.summaryNote], file: file)
    return (table, indices, status)
  }
}
