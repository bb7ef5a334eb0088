// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// One information set of a player in an extensive-form game, as a table shows it.
public struct InformationSetColumns: Sendable, Hashable {
  /// The 0-based player.
  public var player: Int
  /// The set's number (as in the file).
  public var number: Int
  /// The set's name.
  public var name: String
  /// The action labels.
  public var actions: [String]

  public init(player: Int, number: Int, name: String, actions: [String]) {
    self.player = player
    self.number = number
    self.name = name
    self.actions = actions
  }
}

extension EquilibriumTable {
  /// The table of behaviour-strategy equilibria a tree solver found in `tree`.
  ///
  /// Each player's columns are the actions of their information sets, in file order, named
  /// `number:action` (the set's number in the file, then the action's label, or its 1-based
  /// index when unlabelled); each row holds the probabilities and every player's expected
  /// payoff (`ExtensiveFormGame.expectedPayoffs(_:)`). ``informationSets`` records the
  /// sets, so that JSON also gives the profile per set.
  ///
  /// - Complexity: O(E·(nodes × players)) for E equilibria.
  public init<S: GameScalar>(
    tree: ExtensiveFormGame<S>, result: BehaviorSolverResult<S>, decimals: Int? = nil,
    file: String? = nil, version: String = ParleyVersion.current
  ) {
    let sets = tree.informationSets.indices.filter {
      tree.informationSets[$0].mover != .chance
    }
    var columns = [InformationSetColumns]()
    var strategies = [[String]](repeating: [], count: tree.playerCount)
    for k in sets {
      let set = tree.informationSets[k]
      guard case .player(let p) = set.mover else { continue }
      columns.append(InformationSetColumns(
        player: p, number: set.number, name: set.name, actions: set.actions))
      for (a, label) in set.actions.enumerated() {
        strategies[p].append("\(set.number):" + (label.isEmpty ? String(a + 1) : label))
      }
    }
    let rows = result.equilibria.map { profile in
      var cells = [[String]](repeating: [], count: tree.playerCount)
      for k in sets {
        guard case .player(let p) = tree.informationSets[k].mover else { continue }
        cells[p] += profile[k].map { $0.formatted(decimals: decimals) }
      }
      return Row(
        profile: cells,
        payoffs: tree.expectedPayoffs(profile).map { $0.formatted(decimals: decimals) })
    }
    self.init(
      method: result.method, isExact: result.isExact, status: result.status.description,
      parameters: result.parameters, decimals: decimals, title: tree.title,
      players: tree.players, strategies: strategies, file: file, version: version,
      gameValue: result.gameValue?.formatted(decimals: decimals), notes: result.notes,
      rows: rows)
    informationSets = columns
  }

  /// A row's probabilities regrouped one list per information set, in file order.
  func behavior(of row: Row, sets: [InformationSetColumns]) -> [[String]] {
    var next = [Int](repeating: 0, count: row.profile.count)
    return sets.map { set in
      let start = next[set.player]
      next[set.player] += set.actions.count
      return Array(row.profile[set.player][start..<(start + set.actions.count)])
    }
  }
}
