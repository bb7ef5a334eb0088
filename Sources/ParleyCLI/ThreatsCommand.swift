// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import GameSolvers

/// `parley threats`: Nash's variable-threat bargaining solution of a two-player game.
public struct ThreatsCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "threats",
    abstract: "Nash's variable-threat bargaining for a two-player .nfg game.",
    discussion: """
      Prints the transferable-utility solution (threats solve the zero-sum game A − B) and \
      the non-transferable one (bargaining over the convex hull of the payoff pairs).
      """)

  @Argument(
    help: ArgumentHelp(
      "The game file (Gambit .nfg); in a session, a loaded game's name or nothing for the "
        + "current one.", valueName: "file"))
  public var file: String?

  @OptionGroup public var report: ReportOptions

  public init() {}

  public func execute(io: CommandIO) throws {
    guard let file else {
      throw ValidationError("Missing expected argument '<file>'.")
    }
    let game: NormalFormGame<Rational>
    do {
      game = try GameFile.readNormalForm(contentsOf: URL(fileURLWithPath: file))
    } catch var error {
      error.path = file
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
    try execute(game, file: file, io: io)
  }

  /// Solves `game` and writes the report; `file` names the game in the title.
  func execute(_ game: NormalFormGame<Rational>, file: String, io: CommandIO) throws {
    let tu: VariableThreatResult<Rational>
    let ntu: VariableThreatResult<Rational>
    do {
      tu = try NashVariableThreats().solveTransferable(game)
      ntu = try NashVariableThreats().solveNonTransferable(game)
    } catch { throw failure(error) }
    func rows(_ r: VariableThreatResult<Rational>) -> [[String]] {
      (0..<2).map { p in
        let strategy = zip(game.strategies[p], r.threats[p]).filter { $0.1 != 0 }
          .map { "\($0.0)=\(report.text($0.1))" }.joined(separator: " ")
        return [
          game.players[p], strategy, report.text(r.disagreement[p]), report.text(r.solution[p]),
        ]
      }
    }
    let header = ["Player", "Threat", "Threat payoff", "Solution"]
    var notes = tu.notes.map { "transferable: " + $0 }
    notes.append(
      "transferable: side payment from \(game.players[0]) to \(game.players[1]): "
        + report.text(tu.sidePayment))
    notes += ntu.notes.map { "non-transferable: " + $0 }
    if !ntu.threatsAreExact {
      notes.append("non-transferable: threats found by bisection (floating point)")
    }
    let title = game.title.isEmpty ? file : game.title
    report.write(
      ResultReport(
        title: "Variable-threat bargaining: \(title)",
        method: "Nash (1953) variable threats", isExact: tu.isExact && ntu.isExact,
        parameters: ["file": file], notes: notes,
        tables: [
          ResultReport.Table(
            title: "Transferable utility (\(tu.method))", header: header, rows: rows(tu)),
          ResultReport.Table(
            title: "Non-transferable utility (\(ntu.method))", header: header, rows: rows(ntu)),
        ]), io: io, file: file)
  }
}
