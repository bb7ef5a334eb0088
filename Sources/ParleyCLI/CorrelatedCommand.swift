// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import GameSolvers

/// `parley correlated FILE [--objective …]`: an optimal correlated equilibrium of a
/// strategic-form game, exactly, as a table of the profiles it recommends.
public struct CorrelatedCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "correlated",
    abstract: "Find an optimal correlated equilibrium of a strategic-form game (exact LP).",
    discussion: """
      The correlated equilibria form a polytope (Aumann 1974); Parley maximises a linear \
      objective over it exactly: 'welfare' (the sum of payoffs, the default), 'max=PLAYER' or \
      'min=PLAYER' (a player's name or number). The table lists the profiles the mediator \
      recommends with their probabilities and payoffs, then each player's expected payoff.
      """)

  @Argument(help: "The game file (.nfg).")
  public var file: String

  @Option(help: ArgumentHelp("welfare, max=PLAYER or min=PLAYER.", valueName: "OBJECTIVE"))
  public var objective: String = "welfare"

  @OptionGroup public var table: TableOptions

  @Option(help: "Refuse games whose tables would need more memory than this (e.g. 512M, 4G).")
  public var maxMemory: ByteCount = ByteCount(argument: "4G")!

  public init() {}

  public func validate() throws {
  }

  /// The objective named by `text` for `game`.
  static func parseObjective(_ text: String, players: [String]) throws
    -> CorrelatedEquilibrium.Objective
  {
    if text == "welfare" { return .welfare }
    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, parts[0] == "max" || parts[0] == "min" else {
      throw CommandFailure(
        message: "parley: error: --objective: expected welfare, max=PLAYER or min=PLAYER, "
          + "found '\(text)'", exitStatus: CommandFailure.usageStatus)
    }
    let player =
      players.firstIndex(of: parts[1])
      ?? Int(parts[1]).flatMap { (1...players.count).contains($0) ? $0 - 1 : nil }
    guard let player else {
      throw CommandFailure(
        message: "parley: error: --objective: no player '\(parts[1])'; the players are "
          + players.joined(separator: ", "), exitStatus: CommandFailure.usageStatus)
    }
    return parts[0] == "max" ? .maximize(player: player) : .minimize(player: player)
  }

  public func execute(io: CommandIO) throws {
    let start = ContinuousClock.now
    guard
      case .normalForm(let game) = try Solve.readGame(
        URL(fileURLWithPath: file), named: file, maxMemory: maxMemory)
    else {
      throw CommandFailure(
        message: "parley: error: correlated: \(file) is a game tree; correlated equilibria "
          + "are computed on strategic-form (.nfg) games", exitStatus: CommandFailure.dataStatus)
    }
    let goal = try Self.parseObjective(objective, players: game.players)
    let result: CorrelatedEquilibriumResult
    do {
      result = try CorrelatedEquilibrium(objective: goal).solve(game)
    } catch {
      throw CommandFailure(
        message: "parley: error: \(error.description)", exitStatus: CommandFailure.dataStatus)
    }
    func cell(_ q: Rational) -> String { q.formatted(decimals: self.table.decimals) }
    var rows = result.support.map { entry in
      let profile = game.profile(at: entry.profile)
      let label = profile.enumerated().map { game.strategies[$0][$1] }.joined(separator: ", ")
      return ResultTable.Row(
        label: "(\(label))",
        cells: [cell(entry.probability)] + (0..<game.playerCount).map {
          cell(game.payoffs[$0][entry.profile])
        })
    }
    rows.append(
      ResultTable.Row(label: "expected", cells: ["1"] + result.payoffs.map(cell)))
    var table = ResultTable(
      kind: "correlated",
      title: (game.title.isEmpty ? file : game.title) + ": correlated equilibrium",
      rowHeader: "profile", columns: ["probability"] + game.players, rows: rows,
      isExact: result.isExact, parameters: result.parameters,
      facts: [
        .init("objective", result.objective.description),
        .init("objective value", cell(result.objectiveValue)),
        .init("largest gain from deviating", cell(result.maxIncentiveViolation)),
      ],
      notes: result.notes, file: file)
    table.seconds = (ContinuousClock.now - start).seconds
    table.provenance = io.provenance(file: table.file)
    try self.table.emit(table, io: io)
  }
}
