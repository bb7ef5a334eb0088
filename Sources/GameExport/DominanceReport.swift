// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// What iterated elimination of dominated strategies removed, in order, and what survived.
///
/// Every format prints it after the equilibria: the text formats as a numbered list, JSON under
/// the `dominance` key.
public struct DominanceReport: Sendable, Hashable {
  /// One elimination: `strategy` of `player` was dominated by `dominator` in `round`.
  public struct Step: Sendable, Hashable {
    /// Whether the domination was strict (else weak).
    public var isStrict: Bool
    /// The round of elimination, from 1.
    public var round: Int
    /// The player's name.
    public var player: String
    /// The eliminated strategy's name.
    public var strategy: String
    /// The dominating strategy: a name, or a mixture such as `1/2 A + 1/2 B`.
    public var dominator: String

    public init(
      round: Int, player: String, strategy: String, dominator: String, isStrict: Bool = true
    ) {
      self.isStrict = isStrict
      self.round = round
      self.player = player
      self.strategy = strategy
      self.dominator = dominator
    }
  }

  /// The kind of dominance used, e.g. `"strict"`, `"weak"`, `"strict, by mixed strategies"`.
  public var kind: String
  /// The eliminations, in order.
  public var steps: [Step]
  /// The names of each player's surviving strategies, in the file's order.
  public var survivors: [[String]]

  public init(kind: String, steps: [Step], survivors: [[String]]) {
    self.kind = kind
    self.steps = steps
    self.survivors = survivors
  }

  /// The record of an iterated-dominance run on `game`, with names for indices.
  ///
  /// A mixed dominator prints as `2/3 T + 1/3 B` (its support only), its probabilities
  /// rounded to `decimals` places when given; a strategy named by a number is quoted
  /// (`3/5 "2" + 2/5 "3"`) so that names and probabilities cannot be confused.
  public init<S: GameScalar>(
    _ result: DominanceResult<S>, of game: NormalFormGame<S>, decimals: Int? = nil
  ) {
    var kind = result.parameters["strength"] ?? "strict"
    if result.parameters["mixed"] == "yes" { kind += ", by mixed strategies" }
    let steps = result.eliminations.map { e in
      let names = game.strategies[e.player]
      let dominator: String
      switch e.dominator {
      case .pure(let t):
        dominator = names[t]
      case .mixed(let sigma):
        dominator = sigma.indices.filter { sigma[$0] != .zero }
          .map { "\(sigma[$0].formatted(decimals: decimals)) \(quotedIfNumeric(names[$0]))" }
          .joined(separator: " + ")
      }
      return Step(
        round: e.round, player: game.players[e.player], strategy: names[e.strategy],
        dominator: dominator, isStrict: e.isStrict)
    }
    let survivors = result.survivors.enumerated().map { p, list in
      list.map { game.strategies[p][$0] }
    }
    self.init(kind: kind, steps: steps, survivors: survivors)
  }

  /// Lines such as `round 1: Player 2's R is strictly dominated by L`, then the survivors.
  func lines(players: [String]) -> [String] {
    var out = steps.map { s in
      "round \(s.round): \(s.player)'s \(s.strategy) is "
        + "\(s.isStrict ? "strictly" : "weakly") dominated by \(s.dominator)"
    }
    if steps.isEmpty { out.append("no strategy is dominated (dominance: \(kind))") }
    for (p, names) in zip(players, survivors) {
      out.append("\(p) keeps: " + names.joined(separator: ", "))
    }
    return out
  }
}

/// `name` in double quotes when it consists of digits and punctuation only.
private func quotedIfNumeric(_ name: String) -> String {
  name.allSatisfy({ $0.isNumber || "./-+".contains($0) }) ? "\"\(name)\"" : name
}
