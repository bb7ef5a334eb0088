// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameExport
import GameFiles
import Negotiation

/// `parley sample GAME.yaml N --method M`: a parametric strategic-form game
/// (``StrategicGameFile``) solved by a Nash method at random draws of its uncertain
/// parameters: how often each set of equilibria occurs, how many equilibria there are, and
/// the distribution of every player's payoff at the first equilibrium found.
extension SampleCommand {
  /// What the summary needs of the equilibria found at one draw.
  struct GameDraw: Sendable, Hashable {
    /// How many equilibria the method found.
    var count: Int
    /// The equilibria spelled out, `; `-separated (at most three, then `...`), or `none`.
    var which: String
    /// Every player's payoff at the first equilibrium (empty when there is none).
    var payoffs: [Rational]
    var method: String
    var isExact: Bool
  }

  /// One draw: the game at `overrides`, solved by `method`.
  static func gameDraw(
    _ parametric: ParametricModel<NormalFormGame<Rational>>, overrides: [String: Rational],
    method: SolverName
  ) -> Result<Outcome, DrawError> {
    let game: NormalFormGame<Rational>
    do {
      game = try parametric.instantiate(overrides: overrides)
    } catch {
      return .failure(DrawError(message: "\(error)"))
    }
    switch SweepCommand.equilibria(of: game, method: method) {
    case .failure(let error): return .failure(DrawError(message: "\(error)"))
    case .success(let result):
      let found = result.equilibria
      let which =
        found.isEmpty
        ? "none" : SweepCommand.firstThree(found) { "(" + SweepCommand.spell($0, in: game) + ")" }
      return .success(
        .game(
          GameDraw(
            count: found.count, which: which,
            payoffs: found.first.map { game.payoffs(at: $0) } ?? [], method: result.method,
            isExact: result.isExact)))
    }
  }

  func gameRun(
    control: SolverControl, given: [(draw: Int, value: DrawResult)]? = nil
  ) throws -> (ResultTable, Computed) {
    let parametric = try SweepCommand.readGame(file)
    let base = try ParameterSetting.instantiate(parametric, with: settings)
    let design = try design(parametric.parameters)
    let method = self.method!
    let (indices, results, notes, status) = run(design, control: control, given: given) {
      overrides in Self.gameDraw(parametric, overrides: overrides, method: method)
    }
    let computed = Computed(indices: indices, results: results, status: status)
    var facts = [ResultTable.Fact("method", method.rawValue)]
    facts += commonFacts(design, indices: indices)
    let players = base.players
    let outcomes = results.compactMap { r -> GameDraw? in
      guard case .success(.game(let g)) = r.value.outcome else { return nil }
      return g
    }
    let methods = Self.distinct(outcomes.map(\.method))
    if draws {
      let rows = drawRows(results, width: players.count + 2) { o in
        guard case .game(let g) = o else { return [] }
        return [String(g.count), g.which]
          + (g.payoffs.isEmpty
            ? Array(repeating: "-", count: players.count)
            : g.payoffs.map { $0.formatted(decimals: places) })
      }
      let table = ResultTable(
        kind: "game-sample-draws",
        title: "\(base.title): \(method.rawValue) at random parameter draws", rowHeader: "draw",
        columns: design.drawn.map(\.name) + ["equilibria", "which"]
          + players.map { "\($0) (first)" },
        rows: rows, isExact: outcomes.allSatisfy(\.isExact),
        parameters: ["method": methods.joined(separator: "; ")], facts: facts,
        notes: notes + [
          "parameter values are rounded to 6 decimals; each draw is solved "
            + "exactly at its value converted to a fraction"
        ], file: file)
      return (table, computed)
    }
    let n = outcomes.count
    var rows = [summaryRow("equilibria found", outcomes.map { Double($0.count) })]
    let withPayoffs = outcomes.filter { !$0.payoffs.isEmpty }
    for (p, name) in players.enumerated() {
      rows.append(summaryRow("\(name) (first)", withPayoffs.map { $0.payoffs[p].doubleValue }))
    }
    facts.append(.init("solved", frequency(n, of: indices.count)))
    facts.append(.init("one equilibrium", frequency(outcomes.filter { $0.count == 1 }.count, of: n)))
    facts.append(.init("none found", frequency(outcomes.filter { $0.count == 0 }.count, of: n)))
    facts += rankedFrequencies(
      outcomes.map(\.which), of: n, name: { "equilibria \($0)" },
      other: { "other sets of equilibria (\($0))" }
    ).facts
    let table = ResultTable(
      kind: "game-sample",
      title: "\(base.title): \(method.rawValue) over \(count) random parameter draws",
      rowHeader: "statistic", columns: Self.summaryColumns, rows: rows, isExact: false,
      parameters: ["method": methods.joined(separator: "; ")], facts: facts,
      notes: notes + [
        "each draw is solved exactly (unless the method is numeric); a payoff row is over "
          + "the draws with an equilibrium, at the first one found; means, intervals (normal "
          + "approximation) and quantiles (nearest rank) are computed in floating point"
      ], file: file)
    return (table, computed)
  }
}
