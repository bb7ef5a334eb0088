// SPDX-License-Identifier: GPL-3.0-or-later

/// A finite game in strategic (normal) form with any number of players.
///
/// Payoffs are stored one contiguous array per player, indexed by *profile index*: the
/// mixed-radix number whose least significant digit is player 0's strategy (Gambit's order,
/// player 1 changes fastest). ``stride(of:)`` gives each player's place value, so moving
/// player `p` from strategy `s` to `t` moves the index by `(t - s) * stride(of: p)`.
///
/// A game read from an outcome-form file keeps its ``outcomes`` so that writing it back
/// reproduces the file's structure; changing a payoff with ``setPayoff(_:to:at:)`` drops it.
public struct NormalFormGame<S: GameScalar>: Sendable, Hashable {
  /// The game's title.
  public var title: String
  /// A free-text comment (Gambit's comment field).
  public var comment: String
  /// Player names, in order.
  public var players: [String]
  /// Strategy names, one list per player.
  public var strategies: [[String]]
  /// `payoffs[p][i]` is player `p`'s payoff at the profile with index `i`.
  public private(set) var payoffs: [[S]]
  /// The labelled outcomes, when the game was given in outcome form.
  public private(set) var outcomes: OutcomeTable<S>?
  /// Place value of each player's strategy in a profile index.
  public let strides: [Int]
  /// Number of pure-strategy profiles.
  public let profileCount: Int

  /// Creates a game from per-player payoff arrays in profile-index order.
  ///
  /// - Precondition: every payoff array has one entry per profile; names match the counts.
  public init(
    title: String = "", comment: String = "", players: [String], strategies: [[String]],
    payoffs: [[S]]
  ) {
    precondition(players.count == strategies.count && players.count == payoffs.count)
    precondition(!players.isEmpty && strategies.allSatisfy { !$0.isEmpty })
    self.title = title
    self.comment = comment
    self.players = players
    self.strategies = strategies
    var strides = [Int](), count = 1
    for s in strategies {
      strides.append(count)
      count *= s.count
    }
    self.strides = strides
    self.profileCount = count
    precondition(payoffs.allSatisfy { $0.count == count })
    self.payoffs = payoffs
    self.outcomes = nil
  }

  /// Creates a game from labelled outcomes and the outcome assigned to each profile.
  public init(
    title: String = "", comment: String = "", players: [String], strategies: [[String]],
    outcomes: OutcomeTable<S>
  ) {
    let n = players.count
    precondition(outcomes.payoffs.allSatisfy { $0.count == n })
    var table = [[S]](repeating: [], count: n)
    for p in 0..<n {
      table[p] = outcomes.assignment.map { $0 == 0 ? S.zero : outcomes.payoffs[$0 - 1][p] }
    }
    self.init(title: title, comment: comment, players: players, strategies: strategies,
      payoffs: table)
    self.outcomes = outcomes
  }

  /// A two-player game (bimatrix) from payoff matrices `A` (row player) and `B` (column player).
  public init(title: String = "", A: [[S]], B: [[S]]) {
    let m = A.count, n = A.first?.count ?? 0
    precondition(B.count == m && A.allSatisfy { $0.count == n } && B.allSatisfy { $0.count == n })
    var a = [S](), b = [S]()
    a.reserveCapacity(m * n)
    b.reserveCapacity(m * n)
    for j in 0..<n {
      for i in 0..<m {
        a.append(A[i][j])
        b.append(B[i][j])
      }
    }
    self.init(title: title, players: ["1", "2"],
      strategies: [(1...m).map(String.init), (1...n).map(String.init)], payoffs: [a, b])
  }

  /// Number of players.
  @inlinable public var playerCount: Int { players.count }

  /// Number of strategies of each player.
  public var shape: [Int] { strategies.map(\.count) }

  /// The place value of `player`'s strategy in a profile index.
  @inlinable public func stride(of player: Int) -> Int { strides[player] }

  /// The index of a pure profile given as one strategy index per player.
  public func profileIndex(_ profile: [Int]) -> Int {
    precondition(profile.count == playerCount)
    var index = 0
    for (p, s) in profile.enumerated() {
      precondition(s >= 0 && s < strategies[p].count)
      index += s * strides[p]
    }
    return index
  }

  /// The pure profile (one strategy index per player) with index `index`.
  public func profile(at index: Int) -> [Int] {
    var rest = index
    return strategies.map { s in
      defer { rest /= s.count }
      return rest % s.count
    }
  }

  /// `player`'s payoff at the pure profile `profile`.
  public func payoff(to player: Int, at profile: [Int]) -> S {
    payoffs[player][profileIndex(profile)]
  }

  /// Changes one payoff; the game is no longer in outcome form afterwards.
  public mutating func setPayoff(_ value: S, to player: Int, at profile: [Int]) {
    payoffs[player][profileIndex(profile)] = value
    outcomes = nil
  }

  /// Whether the game has exactly two players.
  public var isTwoPlayer: Bool { playerCount == 2 }

  /// For two players: the row player's matrix `A[i][j]`.
  public var rowMatrix: [[S]] { matrix(of: 0) }
  /// For two players: the column player's matrix `B[i][j]`.
  public var columnMatrix: [[S]] { matrix(of: 1) }

  private func matrix(of player: Int) -> [[S]] {
    precondition(isTwoPlayer)
    let m = strategies[0].count, n = strategies[1].count
    return (0..<m).map { i in (0..<n).map { j in payoffs[player][i + j * m] } }
  }

  /// Whether payoffs sum to the same constant at every profile.
  public func isConstantSum(tolerance: S = .defaultTolerance) -> Bool {
    guard profileCount > 0 else { return true }
    func total(_ i: Int) -> S { payoffs.reduce(S.zero) { $0 + $1[i] } }
    let c = total(0)
    return (0..<profileCount).allSatisfy { total($0).isClose(to: c, tolerance: tolerance) }
  }

  /// The same game over another scalar type (exactly, for `Rational` → `Double` rounding).
  public func converted<T: GameScalar>(to _: T.Type = T.self) -> NormalFormGame<T> {
    let table = payoffs.map { $0.map { T($0.rationalValue) } }
    var g = NormalFormGame<T>(title: title, comment: comment, players: players,
      strategies: strategies, payoffs: table)
    if let outcomes {
      g.outcomes = OutcomeTable<T>(labels: outcomes.labels,
        payoffs: outcomes.payoffs.map { $0.map { T($0.rationalValue) } },
        assignment: outcomes.assignment)
    }
    return g
  }
}

/// Labelled outcomes of a game in Gambit's outcome form.
public struct OutcomeTable<S: GameScalar>: Sendable, Hashable {
  /// Outcome labels; outcome `k` (1-based, as in the file) has label `labels[k - 1]`.
  public var labels: [String]
  /// `payoffs[k - 1][p]`: player `p`'s payoff at outcome `k`.
  public var payoffs: [[S]]
  /// For each profile index, the outcome number (1-based), or 0 for the null outcome.
  public var assignment: [Int]

  public init(labels: [String], payoffs: [[S]], assignment: [Int]) {
    precondition(labels.count == payoffs.count)
    precondition(assignment.allSatisfy { $0 >= 0 && $0 <= labels.count })
    self.labels = labels
    self.payoffs = payoffs
    self.assignment = assignment
  }
}
