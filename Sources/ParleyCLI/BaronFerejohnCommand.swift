// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import GameCore
import GameExport
import GameSolvers

/// `parley baron-ferejohn`: the stationary equilibrium of closed-rule legislative bargaining.
public struct BaronFerejohnCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "baron-ferejohn",
    abstract: "Baron–Ferejohn multilateral bargaining (closed rule): stationary equilibrium.",
    discussion: """
      Exact for rational inputs. --discount takes one common factor or one per player, \
      --recognition one probability per player (default: equal). The inclusion table shows, \
      for each proposer (row), the probability of including each partner (column); it is \
      printed for up to 12 players (always in JSON).
      """)

  @Option(help: "The number of players.")
  public var players: Int

  @Option(help: "The number of votes needed, the proposer's included (default: majority).")
  public var quota: Int?

  @Option(help: ArgumentHelp("Discount factor(s) in (0, 1], comma-separated.", valueName: "D"))
  public var discount: RationalList

  @Option(help: ArgumentHelp("Recognition probabilities, comma-separated.", valueName: "P"))
  public var recognition: RationalList?

  @OptionGroup public var report: ReportOptions

  public init() {}

  public func execute(io: CommandIO) throws {
    let q = quota ?? players / 2 + 1
    let r: BaronFerejohnResult<Rational>
    do {
      r = try BaronFerejohn().solve(
        players: players, quota: q, discounts: discount.values, recognition: recognition?.values)
    } catch { throw failure(error) }
    let p = recognition?.values ?? Array(repeating: Rational(1, max(players, 1)), count: players)
    let d =
      discount.values.count == 1
      ? Array(repeating: discount.values[0], count: players)
      : discount.values
    var tables = [
      ResultReport.Table(
        title: "Stationary equilibrium",
        header: [
          "Player", "Recognition", "Discount", "Value", "Accepts at least", "Keeps as proposer",
        ],
        rows: (0..<players).map { j in
          [
            "\(j + 1)", report.text(p[j]), report.text(d[j]), report.text(r.values[j]),
            report.text(r.acceptanceThresholds[j]), report.text(r.proposerShares[j]),
          ]
        })
    ]
    var notes = r.notes
    if players <= 12 || report.effectiveFormat == .json {
      tables.append(
        ResultReport.Table(
          title: "Inclusion probabilities (row: proposer, column: partner)",
          header: ["Proposer"] + (1...players).map(String.init),
          rows: (0..<players).map { i in
            ["\(i + 1)"] + r.inclusionProbabilities[i].map { report.text($0) }
          }))
    } else {
      notes.append("inclusion probabilities omitted for \(players) players (use --json)")
    }
    if r.isMixed { notes.append("proposers mix among tied partners") }
    report.write(
      ResultReport(
        title: "Baron–Ferejohn bargaining, \(players) players, quota \(q)", method: r.method,
        isExact: r.isExact, status: r.status.description, parameters: r.parameters, notes: notes,
        tables: tables), io: io)
  }
}
