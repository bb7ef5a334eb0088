// SPDX-License-Identifier: GPL-3.0-or-later

/// What iterated elimination of dominated strategies removed, in order, and what survived.
///
/// Every format prints it after the equilibria: the text formats as a numbered list, JSON under
/// the `dominance` key.
public struct DominanceReport: Sendable, Hashable {
  /// One elimination: `strategy` of `player` was dominated by `dominator` in `round`.
  public struct Step: Sendable, Hashable {
    /// The round of elimination, from 1.
    public var round: Int
    /// The player's name.
    public var player: String
    /// The eliminated strategy's name.
    public var strategy: String
    /// The dominating strategy: a name, or a mixture such as `1/2 A + 1/2 B`.
    public var dominator: String

    public init(round: Int, player: String, strategy: String, dominator: String) {
      self.round = round
      self.player = player
      self.strategy = strategy
      self.dominator = dominator
    }
  }

  /// The kind of dominance used, e.g. `"strict"`, `"weak"`, `"strict, mixed"`.
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

  /// Lines such as `round 1: Player 2's R is dominated by L`, then the survivors.
  func lines(players: [String]) -> [String] {
    var out = steps.map { s in
      "round \(s.round): \(s.player)'s \(s.strategy) is dominated by \(s.dominator)"
    }
    if steps.isEmpty { out.append("no strategy is dominated (\(kind) dominance)") }
    for (p, names) in zip(players, survivors) {
      out.append("\(p) keeps: " + names.joined(separator: ", "))
    }
    return out
  }
}
