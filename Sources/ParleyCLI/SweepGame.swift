// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameExport
import GameFiles
import Negotiation

/// `parley sweep GAME.yaml --param NAME ... --method M`: a parametric strategic-form game
/// (``StrategicGameFile``) re-solved by a Nash method at each point: how many equilibria,
/// which (up to three spelled out), and the payoffs at the first.
extension SweepCommand {
  static func readGame(_ file: String) throws -> ParametricModel<NormalFormGame<Rational>> {
    do {
      return try StrategicGameFile.readParametric(
        contentsOf: URL(fileURLWithPath: file), path: file)
    } catch {
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
  }

  /// An equilibrium in words: a pure profile as its strategies, a mixed one as each
  /// player's mixture over the strategies it uses.
  static func spell(_ profile: MixedProfile<Rational>, in game: NormalFormGame<Rational>)
    -> String
  {
    profile.probabilities.enumerated().map { p, mix in
      let used = mix.indices.filter { mix[$0] > 0 }
      if used.count == 1 { return game.strategies[p][used[0]] }
      return used.map { "\(game.strategies[p][$0]) \(mix[$0])" }.joined(separator: "/")
    }.joined(separator: ", ")
  }

  /// The equilibria of `game` by `method`, or a one-line reason.
  static func equilibria(of game: NormalFormGame<Rational>, method: SolverName)
    -> Result<SolverResult<Rational>, SolverError>
  {
    do {
      guard case .equilibria(let result) = try method.solve(game) else {
        return .failure(
          .invalidArgument(method.rawValue, "a sweep needs a method that finds equilibria"))
      }
      return .success(result)
    } catch {
      return .failure(error)
    }
  }

  /// The numbers of a game sweep: exact fractions, or `--decimals` places; deferred (exact,
  /// in markers) when writing a shard, resolved when the shards are merged.
  var gameNumbers: SweepNumbers {
    SweepNumbers(decimals: out.decimals, deferred: cluster.results != nil)
  }

  /// The sweep's table and its rows; `given` rows (read from shards) are used instead of
  /// solving.
  func gameSweep(_ grid: ParameterSweep, indices: [Int], given: [PointRow]? = nil) throws
    -> (ResultTable, [PointRow])
  {
    let parametric = try Self.readGame(file)
    let fixed = try checkParameters(parametric.parameters)
    let base = try ParameterSetting.instantiate(parametric, with: settings)
    let method = self.method!
    let name = parameter
    let points = grid.points
    let style = gameNumbers
    let players = base.players
    let rows = given ?? Self.mapPoints(indices) { i -> PointRow in
      let x = points[i]
      let label = Self.pointLabel(x)
      let failed = ["error", "-"] + Array(repeating: "-", count: players.count)
      var overrides = fixed
      overrides[name] = x
      let game: NormalFormGame<Rational>
      do {
        game = try parametric.instantiate(overrides: overrides)
      } catch {
        return PointRow(label: label, cells: failed, notes: ["\(name) = \(label): \(error)"])
      }
      switch Self.equilibria(of: game, method: method) {
      case .failure(let error):
        return PointRow(label: label, cells: failed, notes: ["\(name) = \(label): \(error)"])
      case .success(let result):
        let found = result.equilibria
        let listed = Self.firstThree(found) { "(" + Self.spell($0, in: game) + ")" }
        let payoffs = found.first.map {
          game.payoffs(at: $0).map { style.text($0, exact: result.isExact) }
        }
        return PointRow(
          label: label,
          cells: [String(found.count), found.isEmpty ? "none" : listed]
            + (payoffs ?? Array(repeating: "-", count: players.count)),
          method: result.method, isExact: result.isExact)
      }
    }
    var (facts, notes) = commonFacts(grid, indices: indices, parameters: parametric.parameters)
    facts.insert(.init("method", method.rawValue), at: 0)
    notes += rows.flatMap(\.notes)
    let methods = Self.methodsUsed(rows)
    let table = ResultTable(
      kind: "game-sweep", title: "\(base.title): \(method.rawValue) as \(parameter) varies",
      rowHeader: parameter,
      columns: ["equilibria", "which"] + players.map { "\($0) (first)" },
      rows: rows.map { ResultTable.Row(label: $0.label, cells: $0.cells) },
      isExact: rows.allSatisfy(\.isExact),
      parameters: ["method": methods], facts: facts, notes: notes,
      file: file)
    return (table, rows)
  }

  /// A game's answer for breakpoints: the equilibria (as exact profiles).
  struct GameSignature: Hashable, Sendable {
    var equilibria: [[[Rational]]]
    var failed = false
  }

  /// For every pure profile and player: the payoff there minus the best payoff from a
  /// deviation (≥ 0 for every player exactly when the profile is a pure equilibrium). Linear
  /// in a parameter that enters the payoffs linearly, as long as the best deviation stays
  /// the same; empty for games with more than 10,000 profile–player pairs.
  static func pureMargins(_ game: NormalFormGame<Rational>) -> [String: Rational] {
    let n = game.playerCount
    guard game.profileCount * n <= 10_000 else { return [:] }
    var margins = [String: Rational]()
    for i in 0..<game.profileCount {
      var rest = i
      let profile = game.strategies.map { list -> Int in
        defer { rest /= list.count }
        return rest % list.count
      }
      let names = profile.enumerated().map { game.strategies[$0][$1] }.joined(separator: ", ")
      for p in 0..<n where game.strategies[p].count > 1 {
        let own = game.payoff(to: p, at: profile)
        var best: Rational?
        for k in game.strategies[p].indices where k != profile[p] {
          var other = profile
          other[p] = k
          let u = game.payoff(to: p, at: other)
          if best == nil || u > best! { best = u }
        }
        margins["\(game.players[p])'s gain at (\(names))"] = own - best!
      }
    }
    return margins
  }

  func gameBreakpoints(
    _ points: [Rational], fixed: [String: Rational],
    parametric: ParametricModel<NormalFormGame<Rational>>, search: BreakpointSearch
  ) -> ResultTable {
    let name = parameter
    let method = self.method!
    let probe: @Sendable (Rational) -> BreakpointSearch.Probe<GameSignature>? = { x in
      var overrides = fixed
      overrides[name] = x
      guard let game = try? parametric.instantiate(overrides: overrides),
        case .success(let result) = Self.equilibria(of: game, method: method)
      else { return nil }
      // Pure profiles do not move within a piece; mixed ones do, so their supports count.
      let shapes = result.equilibria.map { e in
        e.probabilities.map { mix in mix.map { $0 > 0 ? Rational(1) : Rational(0) } }
      }.sorted { "\($0)" < "\($1)" }
      return .init(signature: GameSignature(equilibria: shapes), margins: Self.pureMargins(game))
    }
    let failed = BreakpointSearch.Probe(signature: GameSignature(equilibria: [], failed: true))
    let solved = ParameterSweep.map(Array(points.indices)) { probe(points[$0]) ?? failed }
    let changed = points.indices.dropLast().filter {
      solved[$0].signature != solved[$0 + 1].signature
    }
    let found = ParameterSweep.map(changed) { i in
      search.changes(from: points[i], solved[i], to: points[i + 1], solved[i + 1], probe: probe)
    }
    let game = parametric.defaults
    func describe(_ a: GameSignature, _ b: GameSignature) -> String {
      if a.failed || b.failed { return a.failed ? "solvable from here" : "no longer solvable" }
      func supports(_ s: GameSignature) -> [String] {
        s.equilibria.map { e in
          "(" + e.enumerated().map { p, mix in
            mix.indices.filter { mix[$0] > 0 }.map { game.strategies[p][$0] }
              .joined(separator: "/")
          }.joined(separator: ", ") + ")"
        }
      }
      let before = supports(a)
      let after = supports(b)
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
      changedIntervals: changed.count, search: search, facts: [.init("method", method.rawValue)],
      title: "\(game.title): where the equilibria change as \(parameter) varies")
  }
}
