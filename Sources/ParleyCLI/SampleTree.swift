// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameExport
import GameFiles
import Negotiation

/// `parley sample TREE.yaml N --method M`: a parametric game tree (``TreeFile``) re-solved by
/// a tree method at N random draws of its uncertain parameters: how often each equilibrium
/// (the first the method finds, spelled as behaviour at every information set) comes out,
/// how likely each terminal outcome is under it, and every player's expected payoff there
/// (mean, 95% interval, quantiles; ``SampleSummary``).
extension SampleCommand {
  /// What the summary needs of one draw's equilibria.
  struct TreeDraw: Sendable {
    /// The number of equilibria found.
    var count: Int
    /// The first, spelled (``TreeText/spell(_:in:)``); `nil` when none was found.
    var first: String?
    /// Every player's expected payoff at the first.
    var payoffs: [Rational]
    /// The probability of each terminal node the first reaches (by node index).
    var reached: [Int: Rational]
    /// The terminal outcomes the first reaches, by name, in tree order (its path, without
    /// the probabilities).
    var path: String
    var method: String
    var isExact: Bool
  }

  /// One draw: the tree at `overrides`, solved by `method`.
  static func treeDraw(
    _ parametric: ParametricModel<ExtensiveFormGame<Rational>>, overrides: [String: Rational],
    method: SolverName, control: SolverControl
  ) -> Result<TreeDraw, DrawError> {
    let game: ExtensiveFormGame<Rational>
    do {
      game = try parametric.instantiate(overrides: overrides)
    } catch {
      return .failure(DrawError(message: "\(error)"))
    }
    switch TreeText.equilibria(of: game, method: method, control: control) {
    case .failure(let error): return .failure(DrawError(message: "\(error)"))
    case .success(let result):
      guard let first = result.equilibria.first else {
        return .success(
          TreeDraw(
            count: 0, first: nil, payoffs: [], reached: [:], path: "", method: result.method,
            isExact: result.isExact))
      }
      var reached = [Int: Rational]()
      let path = TreeText.reached(first, in: game)
      for r in path { reached[r.node] = r.probability }
      return .success(
        TreeDraw(
          count: result.equilibria.count, first: TreeText.spell(first, in: game),
          payoffs: game.expectedPayoffs(first), reached: reached,
          path: path.map { TreeText.terminalName(game, $0.node) }.joined(separator: "; "),
          method: result.method, isExact: result.isExact))
    }
  }

  /// The most terminal outcomes given a row of their own in the summary.
  static let maxOutcomeRows = 20

  func treeRun(control: SolverControl) throws -> ResultTable {
    if cluster.results != nil || cluster.slurm {
      throw CommandFailure(
        message: "parley: error: --\(cluster.slurm ? "slurm" : "results"): shard files are "
          + "written for negotiation and outreach runs, not for a tree (--method)",
        exitStatus: CommandFailure.usageStatus)
    }
    let parametric = try TreeText.read(file)
    let base = try ParameterSetting.instantiate(parametric, with: settings)
    let design = try design(parametric.parameters)
    let method = self.method!
    let indices =
      shard.map { design.indices(shard: $0.index, of: $0.count) } ?? Array(0..<design.count)
    let meter = ProgressMeter.start(total: indices.count, noun: "draws")
    let (results, status) = design.map(indices, control: control) { draw in
      let result = (
        values: draw.values,
        outcome: Self.treeDraw(
          parametric, overrides: draw.overrides, method: method, control: control)
      )
      meter?.tick()
      return result
    }
    meter?.finish()
    var notes = [String]()
    if status != .complete {
      notes.append(
        "stopped (\(status)) after \(results.count) of \(indices.count) draws; the summary "
          + "covers those")
    }
    let failures = results.compactMap { r -> (Int, String)? in
      guard case .failure(let e) = r.value.outcome else { return nil }
      return (r.draw, e.message)
    }
    if let (draw, message) = failures.first {
      notes.append(
        "\(failures.count) draw(s) failed and are left out; the first, draw \(draw): "
          + message)
    }
    var facts = [ResultTable.Fact("method", method.rawValue)]
    facts += commonFacts(design, indices: indices)
    facts.append(.init("information sets", TreeText.legend(base)))
    let players = base.players
    if draws {
      let rows = results.map { r -> ResultTable.Row in
        let values = r.value.values.map { $0.formatted(decimals: 6) }
        switch r.value.outcome {
        case .success(let d):
          return ResultTable.Row(
            label: String(r.draw),
            cells: values + [String(d.count), d.first ?? "none"]
              + (d.payoffs.isEmpty
                ? Array(repeating: "-", count: players.count)
                : d.payoffs.map { $0.formatted(decimals: places) }))
        case .failure:
          return ResultTable.Row(
            label: String(r.draw),
            cells: values + Array(repeating: "error", count: players.count + 2))
        }
      }
      return ResultTable(
        kind: "tree-sample-draws",
        title: "\(base.title): \(method.rawValue) at random parameter draws", rowHeader: "draw",
        columns: design.drawn.map(\.name) + ["equilibria", "first"]
          + players.map { "\($0) (first)" },
        rows: rows, isExact: true, facts: facts,
        notes: notes + [
          "parameter values are rounded to 6 decimals; each draw is solved exactly at its "
            + "value converted to a fraction"
        ], file: file)
    }
    let outcomes = results.compactMap { r -> TreeDraw? in
      guard case .success(let d) = r.value.outcome else { return nil }
      return d
    }
    let solved = outcomes.filter { $0.first != nil }
    let n = outcomes.count
    var rows = [summaryRow("equilibria", outcomes.map { Double($0.count) })]
    for (p, name) in players.enumerated() {
      rows.append(summaryRow("\(name) (first)", solved.map { $0.payoffs[p].doubleValue }))
    }
    // The terminal outcomes reached in some draw, in tree order.
    let terminals = Set(solved.flatMap(\.reached.keys)).sorted()
    for v in terminals.prefix(Self.maxOutcomeRows) {
      rows.append(
        summaryRow(
          "P(" + TreeText.terminalName(base, v) + ")",
          solved.map { ($0.reached[v] ?? 0).doubleValue }, quantiles: false))
    }
    if terminals.count > Self.maxOutcomeRows {
      notes.append(
        "\(terminals.count - Self.maxOutcomeRows) more terminal outcomes are reached in some "
          + "draw (not shown)")
    }
    facts.append(.init("solved", frequency(n, of: indices.count)))
    if solved.count < n {
      facts.append(.init("no equilibrium found", frequency(n - solved.count, of: n)))
    }
    // The ten most frequent first equilibria, then the ten most frequent paths (what is
    // played, whatever the equilibrium does off the path).
    for (what, key) in [("equilibrium", \TreeDraw.first!), ("path", \TreeDraw.path)] {
      facts += rankedFrequencies(
        solved.map { $0[keyPath: key] }, of: n, name: { "\(what) \($0)" },
        other: { "other \(what)s (\($0))" }
      ).facts
    }
    let methods = Self.distinct(outcomes.map(\.method))
    return ResultTable(
      kind: "tree-sample",
      title: "\(base.title): \(method.rawValue) over \(count) random parameter draws",
      rowHeader: "statistic", columns: Self.summaryColumns, rows: rows, isExact: false,
      parameters: ["method": methods.joined(separator: "; ")], facts: facts,
      notes: notes + [
        "each draw is solved exactly; '(first)' is the first equilibrium the method finds, "
          + "whose frequencies, and those of its path (the terminal outcomes it reaches), are "
          + "listed above; a P(outcome) row's mean is the outcome's mean probability under it "
          + "(its interval clipped to [0, 1]); means, intervals (normal approximation) and "
          + "quantiles (nearest rank) are computed in floating point"
      ], file: file)
  }
}
