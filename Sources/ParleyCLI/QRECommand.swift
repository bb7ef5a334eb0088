// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import GameSolvers

/// `parley qre FILE --lambda L …`: logit quantal response equilibria on the principal branch,
/// at the given precisions, and the branch's limit Nash equilibrium.
public struct QRECommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "qre",
    abstract: "Logit quantal response equilibria of a strategic-form game at given precisions.",
    discussion: """
      Traces the principal branch of the logit QRE correspondence from the centroid \
      (lambda = 0) by predictor-corrector path following (Turocy 2005) and reports the \
      equilibrium at each --lambda (repeat the option for several), then the branch's limit \
      as lambda grows, a Nash equilibrium, polished to an exact one where its support allows \
      (--no-limit leaves it out). A low lambda models noisy play, a high one near-rational play.
      """)

  @Argument(help: "The game file (.nfg).")
  public var file: String

  @Option(name: .customLong("lambda"), help: "A precision λ ≥ 0 (repeatable).")
  public var lambdas: [Double] = [1]

  @Flag(inversion: .prefixedNo, help: "Also report the limit Nash equilibrium.")
  public var limit = true

  @Option(help: ArgumentHelp("Round every number to N decimal places.", valueName: "N"))
  public var decimals: Int = 4

  @Option(name: .shortAndLong, help: "The output format.")
  public var format: ExportFormat = .table

  @Flag(help: "Shorthand for --format json.")
  public var json = false

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write the result to FILE instead of standard output.", valueName: "FILE"))
  public var output: String?

  @Option(help: "Refuse games whose tables would need more memory than this (e.g. 512M, 4G).")
  public var maxMemory: ByteCount = ByteCount(argument: "4G")!

  public init() {}

  public func validate() throws {
    if !(0...100).contains(decimals) {
      throw ValidationError("--decimals must be between 0 and 100.")
    }
    if let bad = lambdas.first(where: { !$0.isFinite || $0 < 0 }) {
      throw ValidationError("--lambda must be a finite number ≥ 0, not \(bad).")
    }
  }

  public func execute(io: CommandIO) throws {
    let start = ContinuousClock.now
    guard
      case .normalForm(let game) = try Solve.readGame(
        URL(fileURLWithPath: file), named: file, maxMemory: maxMemory)
    else {
      throw CommandFailure(
        message: "parley: error: qre: \(file) is a game tree; use 'parley solve FILE "
          + "--method logit' for trees", exitStatus: CommandFailure.dataStatus)
    }
    var columns = [String]()
    for p in 0..<game.playerCount {
      for s in game.strategies[p] { columns.append("\(game.players[p]): \(s)") }
    }
    var rows = [ResultTable.Row]()
    var facts = [ResultTable.Fact]()
    var notes = [String]()
    var exact = false
    let solver = LogitQRE()
    do {
      for lambda in lambdas.sorted() {
        let point = try solver.point(at: lambda, of: game)
        rows.append(
          ResultTable.Row(
            label: "λ = \(lambda)",
            cells: point.profile.probabilities.flatMap { $0.map { $0.formatted(decimals: decimals) } }))
        facts.append(.init("regret at λ = \(lambda)", game.converted(to: Double.self)
          .maxRegret(at: point.profile).formatted(decimals: decimals)))
      }
      if limit {
        let result = try solver.solve(game)
        for eq in result.equilibria {
          rows.append(
            ResultTable.Row(
              label: "limit (Nash)",
              cells: eq.probabilities.flatMap { $0.map { $0.formatted() } }))
        }
        exact = result.isExact
        notes += result.notes
      }
    } catch {
      throw CommandFailure(
        message: "parley: error: \(error.description)", exitStatus: CommandFailure.dataStatus)
    }
    var table = ResultTable(
      kind: "qre", title: (game.title.isEmpty ? file : game.title) + ": logit QRE",
      rowHeader: "precision", columns: columns, rows: rows, isExact: exact,
      parameters: ["method": "logit (predictor-corrector, principal branch)"], facts: facts,
      notes: notes, file: file)
    table.seconds = (ContinuousClock.now - start).seconds
    table.provenance = io.provenance(file: table.file)
    try emit(table, as: json ? .json : format, io: io, output: output)
  }
}
