// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import GameCore
import GameExport
import GameSolvers

/// `parley rubinstein`: the subgame-perfect split of Rubinstein's alternating-offers game.
public struct RubinsteinCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "rubinstein",
    abstract: "Rubinstein alternating-offers bargaining over a unit pie.",
    discussion: """
      Exact for rational discount factors (0.9 or 9/10). Without --horizon the infinite game \
      (closed form); with --horizon T backward induction over T rounds; with --rates R1 R2 \
      the continuous-time limit (the asymmetric Nash solution with weights 1/R).
      """)

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp("The discount factors δ1 δ2 in (0, 1].", valueName: "D"))
  public var discount: [RationalArgument] = []

  @Option(help: "The player who proposes first (1 or 2).")
  public var first: Int = 1

  @Option(help: ArgumentHelp("The number of rounds (default: infinite).", valueName: "T"))
  public var horizon: Int?

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Discount rates r1 r2 > 0: report the continuous-time limit.", valueName: "R"))
  public var rates: [RationalArgument] = []

  @OptionGroup public var report: ReportOptions

  public init() {}

  public func validate() throws {
    if rates.isEmpty && discount.count != 2 { throw ValidationError("Give --discount D1 D2.") }
    if !rates.isEmpty && !discount.isEmpty {
      throw ValidationError("--rates and --discount cannot be used together.")
    }
    if first != 1 && first != 2 { throw ValidationError("--first must be 1 or 2.") }
  }

  public func execute(io: CommandIO) throws {
    let r: RubinsteinResult<Rational>
    do {
      r =
        rates.isEmpty
        ? try RubinsteinBargaining().solve(
          discounts: discount.map(\.value), firstProposer: first - 1, horizon: horizon)
        : try RubinsteinBargaining().continuousTimeLimit(rates: rates.map(\.value))
    } catch { throw failure(error) }
    var tables = [
      ResultReport.Table(
        title: "Agreement in the first round", header: ["Player", "Share", "Keeps when proposing"],
        rows: (0..<2).map {
          ["\($0 + 1)", report.text(r.shares[$0]), report.text(r.proposerShares[$0])]
        })
    ]
    if !r.roundShares.isEmpty {
      tables.append(
        ResultReport.Table(
          title: "Backward induction", header: ["Round", "Proposer", "Proposer's share"],
          rows: r.roundShares.enumerated().map { t, s in
            ["\(t + 1)", "\((t % 2 == 0 ? first - 1 : 2 - first) + 1)", report.text(s)]
          }))
    }
    var parameters = r.parameters
    if parameters["first proposer"] != nil { parameters["first proposer"] = String(first) }
    report.write(
      ResultReport(
        title: "Rubinstein alternating offers", method: r.method, isExact: r.isExact,
        status: r.status.description, parameters: parameters, notes: r.notes, tables: tables),
      io: io)
  }
}
