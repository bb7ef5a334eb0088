// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameExport
import GameFiles
import Negotiation

/// How sweeps and Monte Carlo runs write a tree's equilibria: behaviour at every
/// information set, the terminal outcomes reached, and the legend of the sets.
enum TreeText {
  /// Whether the file at `path` is a parametric game tree (`parley: tree`); `false` when it
  /// cannot be read (the reader chosen instead reports that).
  static func isTree(_ path: String) -> Bool {
    guard let data = FileManager.default.contents(atPath: path) else { return false }
    return TreeFile.isTree(String(decoding: data, as: UTF8.self))
  }

  /// The tree at `file` in parametric form; a read error is a data error (one line).
  static func read(_ file: String) throws -> ParametricModel<ExtensiveFormGame<Rational>> {
    do {
      return try TreeFile.readParametric(contentsOf: URL(fileURLWithPath: file), path: file)
    } catch {
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
  }

  /// The equilibria of `game` by `method` (the tree methods of `parley solve`), or why not.
  static func equilibria(
    of game: ExtensiveFormGame<Rational>, method: SolverName,
    control: SolverControl = .none
  ) -> Result<BehaviorSolverResult<Rational>, SolverError> {
    do {
      return .success(try method.solve(tree: game, options: SolverOptions(control: control)))
    } catch {
      return .failure(error)
    }
  }

  /// An information set's name: its label, else `set N` (its number for its player).
  static func setName(_ game: ExtensiveFormGame<Rational>, _ h: Int) -> String {
    let set = game.informationSets[h]
    return set.name.isEmpty ? "set \(set.number)" : set.name
  }

  /// The legend of ``spell(_:in:)``: each player's sets in the order they are spelled.
  static func legend(_ game: ExtensiveFormGame<Rational>) -> String {
    game.players.indices.map { p in
      "\(game.players[p]): "
        + game.informationSets(of: p).map { setName(game, $0) }.joined(separator: ", ")
    }.joined(separator: "; ")
  }

  /// A behaviour profile in words: per player (separated by `;`) the behaviour at each of
  /// its information sets (separated by `,`, in the order of ``legend(_:)``): the action
  /// when pure, else each action played with its probability (`Strict 1/2/Lax 1/2`).
  static func spell(_ profile: BehaviorProfile<Rational>, in game: ExtensiveFormGame<Rational>)
    -> String
  {
    "("
      + game.players.indices.map { p in
        game.informationSets(of: p).map { h in
          let mix = profile.probabilities[h]
          let used = mix.indices.filter { mix[$0] > 0 }
          let actions = game.informationSets[h].actions
          if used.count == 1 { return actions[used[0]] }
          return used.map { "\(actions[$0]) \(mix[$0])" }.joined(separator: "/")
        }.joined(separator: ", ")
      }.joined(separator: "; ") + ")"
  }

  /// The supports of a profile at the players' sets, spelled like ``spell(_:in:)`` with the
  /// actions used joined by `/`.
  static func spellSupports(_ supports: [[Rational]], in game: ExtensiveFormGame<Rational>)
    -> String
  {
    "("
      + game.players.indices.map { p in
        game.informationSets(of: p).map { h in
          let actions = game.informationSets[h].actions
          return supports[h].indices.filter { supports[h][$0] > 0 }.map { actions[$0] }
            .joined(separator: "/")
        }.joined(separator: ", ")
      }.joined(separator: "; ") + ")"
  }

  /// A terminal node's name: its outcome's name, else the moves that lead to it.
  static func terminalName(_ game: ExtensiveFormGame<Rational>, _ v: Int) -> String {
    if let o = game.nodes[v].outcome, !game.outcomes[o].name.isEmpty {
      return game.outcomes[o].name
    }
    var moves = [String]()
    var child = v
    while let parent = game.nodes[child].parent, let h = game.nodes[parent].informationSet {
      let a = game.nodes[parent].children.firstIndex(of: child)!
      moves.append(game.informationSets[h].actions[a])
      child = parent
    }
    return moves.isEmpty ? "root" : moves.reversed().joined(separator: ", ")
  }

  /// The terminal nodes `profile` reaches with positive probability, in pre-order.
  static func reached(_ profile: BehaviorProfile<Rational>, in game: ExtensiveFormGame<Rational>)
    -> [(node: Int, probability: Rational)]
  {
    let reach = game.realizationProbabilities(profile)
    return game.terminalNodes.filter { reach[$0] > 0 }.map { ($0, reach[$0]) }
  }
}

/// `parley sweep TREE.yaml --param NAME ... --method M`: a parametric game tree
/// (``TreeFile``) re-solved by a tree method at each point: how many equilibria, which (up
/// to three spelled out as behaviour at every information set), the terminal outcomes the
/// first reaches, and every player's expected payoff there.
extension SweepCommand {
  /// The numbers of a tree sweep: exact unless `--decimals` (as a game sweep's), deferred
  /// in a shard file.
  var treeNumbers: SweepNumbers {
    SweepNumbers(decimals: out.decimals, deferred: cluster.results != nil)
  }

  func treeSweep(
    _ grid: ParameterSweep, indices: [Int], given: [PointRow]? = nil
  ) throws -> (ResultTable, [PointRow]) {
    let parametric = try TreeText.read(file)
    let fixed = try checkParameters(parametric.parameters)
    let base = try ParameterSetting.instantiate(parametric, with: settings)
    let method = self.method!
    let name = parameter
    let points = grid.points
    let style = treeNumbers
    let players = base.players
    let rows =
      given
      ?? Self.mapPoints(indices) { i -> PointRow in
        Self.treeRow(
          at: points[i], parameter: name, fixed: fixed, parametric: parametric, method: method,
          style: style)
      }
    var (facts, notes) = commonFacts(grid, indices: indices, parameters: parametric.parameters)
    facts.insert(.init("method", method.rawValue), at: 0)
    facts.append(.init("information sets", TreeText.legend(base)))
    notes += rows.flatMap(\.notes)
    let methods = Self.methodsUsed(rows)
    let table = ResultTable(
      kind: "tree-sweep", title: "\(base.title): \(method.rawValue) as \(parameter) varies",
      rowHeader: parameter,
      columns: ["equilibria", "which", "outcome (first)"] + players.map { "\($0) (first)" },
      rows: rows.map { ResultTable.Row(label: $0.label, cells: $0.cells) },
      isExact: rows.allSatisfy(\.isExact),
      parameters: ["method": methods], facts: facts, notes: notes,
      file: file)
    return (table, rows)
  }

  /// One point of a tree sweep.
  static func treeRow(
    at x: Rational, parameter: String, fixed: [String: Rational],
    parametric: ParametricModel<ExtensiveFormGame<Rational>>, method: SolverName,
    style: SweepNumbers
  ) -> PointRow {
    let label = pointLabel(x)
    let players = parametric.defaults.playerCount
    let failed = ["error", "-", "-"] + Array(repeating: "-", count: players)
    var overrides = fixed
    overrides[parameter] = x
    let game: ExtensiveFormGame<Rational>
    do {
      game = try parametric.instantiate(overrides: overrides)
    } catch {
      return PointRow(label: label, cells: failed, notes: ["\(parameter) = \(label): \(error)"])
    }
    switch TreeText.equilibria(of: game, method: method) {
    case .failure(let error):
      return PointRow(label: label, cells: failed, notes: ["\(parameter) = \(label): \(error)"])
    case .success(let result):
      let found = result.equilibria
      let listed = firstThree(found) { TreeText.spell($0, in: game) }
      var outcome = "-"
      var payoffs = Array(repeating: "-", count: players)
      if let first = found.first {
        let reached = TreeText.reached(first, in: game)
        outcome = firstThree(reached) { r in
          TreeText.terminalName(game, r.node)
            + (r.probability == 1 ? "" : " " + style.text(r.probability))
        }
        payoffs = game.expectedPayoffs(first).map { style.text($0) }
      }
      var row = PointRow(
        label: label,
        cells: [String(found.count), found.isEmpty ? "none" : listed, outcome] + payoffs,
        method: result.method, isExact: result.isExact)
      if result.status != .complete {
        row.notes.append("\(parameter) = \(label): \(result.status)")
      }
      return row
    }
  }

  // MARK: - Breakpoints

  /// A tree's answer for breakpoints: the supports of its equilibria at the players' sets.
  struct TreeSignature: Hashable, Sendable {
    var equilibria: [[[Rational]]]
    var failed = false
  }

  /// The game and its equilibria at `x`, or `nil` when either fails.
  static func treeSolve(
    at x: Rational, parameter: String, fixed: [String: Rational],
    parametric: ParametricModel<ExtensiveFormGame<Rational>>, method: SolverName
  ) -> (game: ExtensiveFormGame<Rational>, result: BehaviorSolverResult<Rational>)? {
    var overrides = fixed
    overrides[parameter] = x
    guard let game = try? parametric.instantiate(overrides: overrides),
      case .success(let result) = TreeText.equilibria(of: game, method: method)
    else { return nil }
    return (game, result)
  }

  /// The supports of `result`'s equilibria (1 for an action played, 0 otherwise; chance
  /// sets left empty), sorted so that the order the method finds them in does not count.
  static func treeSignature(
    _ game: ExtensiveFormGame<Rational>, _ result: BehaviorSolverResult<Rational>
  ) -> TreeSignature {
    let shapes = result.equilibria.map { e in
      game.informationSets.indices.map { h -> [Rational] in
        game.informationSets[h].mover == .chance
          ? [] : e.probabilities[h].map { $0 > 0 ? Rational(1) : Rational(0) }
      }
    }.sorted { "\($0)" < "\($1)" }
    return TreeSignature(equilibria: shapes)
  }

  /// The most equilibria of an interval's two ends whose margins a breakpoint search
  /// follows.
  static let maxReferenceProfiles = 8

  /// The margins that decide whether each of `references` (equilibria found at the ends of
  /// a sweep interval) is still an equilibrium: for each reference profile, each player's
  /// set `h`, each action `a` it plays there and each other action `b`, the value of `a`
  /// minus that of `b` to the mover (``ExtensiveFormGame/actionValues(under:)``) in `game`,
  /// with `game`'s own chance probabilities. A pure profile is a Nash equilibrium exactly
  /// when every such margin on its path is ≥ 0; where one is linear in the parameter and
  /// decides the change, its zero is the breakpoint.
  static func treeMargins(
    _ game: ExtensiveFormGame<Rational>, references: [BehaviorProfile<Rational>]
  ) -> [String: Rational] {
    var margins = [String: Rational]()
    for reference in references {
      let profile = game.behaviorProfile { reference.probabilities[$0] }
      let values = game.actionValues(under: profile)
      let shown = TreeText.spell(profile, in: game)
      for (h, set) in game.informationSets.enumerated() {
        guard case .player(let p) = set.mover else { continue }
        for a in set.actions.indices where profile.probabilities[h][a] > 0 {
          for b in set.actions.indices where b != a {
            margins[
              "\(game.players[p])'s gain of \(set.actions[a]) over \(set.actions[b]) at "
                + TreeText.setName(game, h) + " in \(shown)"] = values[h][a] - values[h][b]
          }
        }
      }
    }
    return margins
  }

  func treeBreakpoints(
    _ points: [Rational], fixed: [String: Rational],
    parametric: ParametricModel<ExtensiveFormGame<Rational>>, search: BreakpointSearch
  ) -> ResultTable {
    let name = parameter
    let method = self.method!
    let solved = ParameterSweep.map(Array(points.indices)) { i in
      Self.treeSolve(
        at: points[i], parameter: name, fixed: fixed, parametric: parametric, method: method)
    }
    let failed = TreeSignature(equilibria: [], failed: true)
    let signatures = solved.map { s in s.map { Self.treeSignature($0.game, $0.result) } ?? failed }
    let changed = points.indices.dropLast().filter { signatures[$0] != signatures[$0 + 1] }
    let found = ParameterSweep.map(changed) { i -> [BreakpointSearch.Breakpoint<TreeSignature>] in
      // The equilibria at both ends: the search follows the margins that keep each one.
      var references = [BehaviorProfile<Rational>]()
      for s in [solved[i], solved[i + 1]] {
        for e in s?.result.equilibria ?? [] where !references.contains(e) {
          references.append(e)
        }
      }
      references = Array(references.prefix(Self.maxReferenceProfiles))
      func probe(_ x: Rational) -> BreakpointSearch.Probe<TreeSignature>? {
        guard
          let s = Self.treeSolve(
            at: x, parameter: name, fixed: fixed, parametric: parametric, method: method)
        else { return nil }
        return .init(
          signature: Self.treeSignature(s.game, s.result),
          margins: Self.treeMargins(s.game, references: references))
      }
      func end(_ j: Int) -> BreakpointSearch.Probe<TreeSignature> {
        guard let s = solved[j] else { return .init(signature: failed) }
        return .init(
          signature: signatures[j], margins: Self.treeMargins(s.game, references: references))
      }
      return search.changes(from: points[i], end(i), to: points[i + 1], end(i + 1), probe: probe)
    }
    let game = parametric.defaults
    func describe(_ a: TreeSignature, _ b: TreeSignature) -> String {
      if a.failed || b.failed { return a.failed ? "solvable from here" : "no longer solvable" }
      let before = a.equilibria.map { TreeText.spellSupports($0, in: game) }
      let after = b.equilibria.map { TreeText.spellSupports($0, in: game) }
      var parts = ["equilibria \(a.equilibria.count) → \(b.equilibria.count)"]
      let new = after.filter { !before.contains($0) }
      let gone = before.filter { !after.contains($0) }
      if !new.isEmpty { parts.append("+" + new.joined(separator: " +")) }
      if !gone.isEmpty { parts.append("−" + gone.joined(separator: " −")) }
      return parts.joined(separator: ": ")
    }
    return breakpointTable(
      zip(changed, found).flatMap { i, list in
        list.map { (i, $0, describe($0.before, $0.after)) }
      }, points: points,
      changedIntervals: changed.count, search: search,
      facts: [.init("method", method.rawValue), .init("information sets", TreeText.legend(game))],
      title: "\(game.title): where the equilibria change as \(parameter) varies")
  }
}
