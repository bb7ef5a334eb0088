// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import GameSolvers

/// `parley dynamics FILE --rule replicator|fictitious`: the path of a learning or
/// evolutionary dynamic on a strategic-form game, as a table of states over time.
public struct DynamicsCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "dynamics",
    abstract: "Trace replicator dynamics or fictitious play on a strategic-form game.",
    discussion: """
      replicator: the multi-population replicator dynamic, integrated by GSL's adaptive \
      Runge-Kutta (8,9) method up to --horizon, from --start (default uniform). \
      fictitious: fictitious play for --rounds rounds in exact arithmetic (ties to the \
      first strategy), from the pure profile --start (default the first strategies). \
      The table shows every player's strategy probabilities at --samples times; the facts \
      say how far the last state is from a Nash equilibrium.
      """)

  public enum Rule: String, ExpressibleByArgument, CaseIterable, Sendable {
    case replicator, fictitious
  }

  @Argument(help: "The game file (.nfg).")
  public var file: String

  @Option(help: "The dynamic.")
  public var rule: Rule = .replicator

  @Option(help: "replicator: the time to integrate to.")
  public var horizon: Double = 100

  @Option(help: "fictitious: the number of rounds.")
  public var rounds: Int = 1000

  @Option(help: "The number of states shown after the start.")
  public var samples: Int = 10

  @Option(
    help: ArgumentHelp(
      "replicator: a mixed profile 'p11 p12 ...; p21 ...'; fictitious: strategy numbers "
        + "'1 2 ...'.", valueName: "PROFILE"))
  public var start: String?

  @OptionGroup public var table: TableOptions

  @Option(help: "Refuse games whose tables would need more memory than this (e.g. 512M, 4G).")
  public var maxMemory: ByteCount = ByteCount(argument: "4G")!

  public init() {}

  public func validate() throws {
  }

  public func execute(io: CommandIO) throws {
    let startTime = ContinuousClock.now
    guard
      case .normalForm(let game) = try Solve.readGame(
        URL(fileURLWithPath: file), named: file, maxMemory: maxMemory)
    else {
      throw CommandFailure(
        message: "parley: error: dynamics: \(file) is a game tree; dynamics run on "
          + "strategic-form (.nfg) games", exitStatus: CommandFailure.dataStatus)
    }
    func usage(_ message: String) -> CommandFailure {
      CommandFailure(message: "parley: error: --start: \(message)", exitStatus: CommandFailure.usageStatus)
    }
    var table: ResultTable
    do {
      switch rule {
      case .replicator:
        var profile: MixedProfile<Double>? = nil
        if let start {
          let rows = start.split(separator: ";").map {
            $0.split(separator: " ").map { Rational($0).map(\.doubleValue) }
          }
          guard rows.count == game.playerCount, rows.allSatisfy({ $0.allSatisfy { $0 != nil } })
          else { throw usage("expected one row of numbers per player, separated by ';'") }
          profile = MixedProfile(rows.map { $0.map { $0! } })
        }
        let r = try ReplicatorDynamics(horizon: horizon, samples: samples).solve(
          game.converted(to: Double.self), from: profile)
        table = Self.table(r, game: game, file: file, decimals: self.table.decimals ?? 4)
      case .fictitious:
        var profile: [Int]? = nil
        if let start {
          let numbers = start.split(separator: " ").map { Int($0).map { $0 - 1 } }
          guard numbers.count == game.playerCount, numbers.allSatisfy({ $0 != nil }) else {
            throw usage("expected one strategy number per player")
          }
          profile = numbers.map { $0! }
        }
        let r = try FictitiousPlay(rounds: rounds, samples: samples).solve(game, from: profile)
        table = Self.table(r, game: game, file: file, decimals: self.table.decimals)
      }
    } catch let error as SolverError {
      throw CommandFailure(
        message: "parley: error: \(error.description)", exitStatus: CommandFailure.dataStatus)
    }
    table.seconds = (ContinuousClock.now - startTime).seconds
    table.provenance = io.provenance(file: table.file)
    try self.table.emit(table, io: io)
  }

  static func table<S: GameScalar>(
    _ r: DynamicsResult<S>, game: NormalFormGame<Rational>, file: String, decimals: Int?
  ) -> ResultTable {
    var columns = [String]()
    for p in 0..<game.playerCount {
      for s in game.strategies[p] { columns.append("\(game.players[p]): \(s)") }
    }
    let rows = zip(r.times, r.path).map { time, state in
      ResultTable.Row(
        label: time.formatted(decimals: S.isExact ? nil : 2),
        cells: state.probabilities.flatMap { $0.map { $0.formatted(decimals: decimals) } })
    }
    return ResultTable(
      kind: "dynamics",
      title: (game.title.isEmpty ? file : game.title) + ": \(r.method) dynamics",
      rowHeader: r.method == "fictitious" ? "round" : "time", columns: columns, rows: rows,
      isExact: r.isExact, parameters: r.parameters,
      facts: [
        .init("regret at the last state", r.finalRegret.formatted(decimals: decimals)),
        .init("ends at a Nash equilibrium", r.endsAtEquilibrium ? "yes" : "no"),
        .init("status", r.status.description),
      ],
      notes: r.notes, file: file)
  }
}
