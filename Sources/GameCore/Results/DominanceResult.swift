// SPDX-License-Identifier: GPL-3.0-or-later

/// What iterated elimination of dominated strategies removed, and the game that remains.
///
/// Carries the same provenance as ``SolverResult`` (method, exactness, parameters, status),
/// the reduced game, where each surviving strategy sits in the original game, and a log
/// saying when each strategy went and what dominated it. Every logged domination has been
/// checked by the solver against the game of its round (exactly for exact types).
public struct DominanceResult<S: GameScalar>: Sendable {
  /// The strategy (pure or mixed) that dominated an eliminated one.
  public enum Dominator: Sendable, Hashable {
    /// A pure strategy, by its index in the original game.
    case pure(Int)
    /// A mixed strategy: one probability per strategy of the player in the original game
    /// (zero for strategies outside its support).
    case mixed([S])
  }

  /// One eliminated strategy.
  public struct Elimination: Sendable, Hashable {
    /// The round (pass over all players) in which it was removed, counted from 1.
    public var round: Int
    /// The player whose strategy was removed.
    public var player: Int
    /// The removed strategy's index in the original game.
    public var strategy: Int
    /// What dominated it in the game of that round.
    public var dominator: Dominator
    /// Whether the domination was strict (else weak).
    public var isStrict: Bool

    public init(round: Int, player: Int, strategy: Int, dominator: Dominator, isStrict: Bool) {
      self.round = round
      self.player = player
      self.strategy = strategy
      self.dominator = dominator
      self.isStrict = isStrict
    }
  }

  /// The game restricted to the surviving strategies, which keep their original names.
  public var reducedGame: NormalFormGame<S>
  /// `survivors[p]`: player `p`'s surviving strategies, as indices in the original game, in
  /// increasing order. Strategy `k` of the reduced game is `survivors[p][k]`.
  public var survivors: [[Int]]
  /// The eliminations in the order they were made.
  public var eliminations: [Elimination]
  /// The method's short name, `"dominance"`.
  public var method: String
  /// Whether comparisons were made in exact arithmetic.
  public var isExact: Bool
  /// The parameters the method ran with, as text.
  public var parameters: [String: String]
  /// How the run ended; when interrupted, the eliminations made so far are all valid.
  public var status: SolverStatus
  /// The tolerance used in comparisons (zero when exact).
  public var tolerance: S
  /// Remarks on the run, for reports.
  public var notes: [String]

  public init(
    reducedGame: NormalFormGame<S>, survivors: [[Int]], eliminations: [Elimination],
    method: String, parameters: [String: String] = [:], status: SolverStatus = .complete,
    tolerance: S = .defaultTolerance, notes: [String] = []
  ) {
    self.reducedGame = reducedGame
    self.survivors = survivors
    self.eliminations = eliminations
    self.method = method
    self.isExact = S.isExact
    self.parameters = parameters
    self.status = status
    self.tolerance = tolerance
    self.notes = notes
  }

  /// Maps a pure profile of the reduced game to the original game's strategy indices.
  public func originalProfile(_ reduced: [Int]) -> [Int] {
    zip(survivors, reduced).map { $0[$1] }
  }

  /// Maps a mixed profile of the reduced game to the original game (zeros for eliminated
  /// strategies), given each player's original strategy count.
  public func originalProfile(_ reduced: MixedProfile<S>, shape: [Int]) -> MixedProfile<S> {
    MixedProfile(
      (0..<shape.count).map { p in
        var row = [S](repeating: .zero, count: shape[p])
        for (k, s) in survivors[p].enumerated() { row[s] = reduced.probabilities[p][k] }
        return row
      })
  }
}
