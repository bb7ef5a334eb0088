// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import Negotiation

/// `parley outreach FILE`: a sponsor's incentives to third states against an adversary's
/// counter-offers, solved as a leader-follower game; who flips, at what price.
public struct OutreachCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "outreach",
    abstract: "Outreach under competition: which third states cut ties, at what price.",
    discussion: """
      FILE is an outreach model (YAML, 'parley: outreach'; see Models/negotiation/). The \
      sponsor offers each target an incentive within its budget; the adversary then \
      counter-offers from its own budget to keep the ties worth most to it; a target cuts \
      ties when the offer plus the expected cost of being named and shamed exceeds its value \
      of the ties plus the counter-offer. The sponsor's optimal allocation is computed \
      exactly (the adversary's reply is an exact knapsack). --budgets B1,B2,... tabulates \
      the answer over sponsor budgets instead; --decoys also searches offers to states the \
      adversary then keeps (exact over every allocation; at most 7 targets, slower). \
      --set NAME=VALUE changes a parameter the model declares (its 'parameters:' section).
      """)

  @Argument(help: "The outreach model (.yaml); in a session, default: the current model.")
  public var file: String?

  @Option(help: ArgumentHelp("The sponsor's budget (overrides the model's).", valueName: "B"))
  public var budget: RationalArgument?

  @Option(help: ArgumentHelp("Sponsor budgets to sweep.", valueName: "B1,B2,..."))
  public var budgets: RationalList?

  @Option(help: "What the sponsor maximises: revenue-lost or flips (overrides the model's).")
  public var objective: String?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp(
      "Set a model parameter (repeatable); VALUE is a number such as 2000.",
      valueName: "NAME=VALUE"))
  public var settings: [ParameterSetting] = []

  @Flag(help: "Also search decoy offers (exact over every allocation; at most 7 targets).")
  public var decoys = false

  @OptionGroup public var table: TableOptions

  public init() {}

  public func validate() throws {
    if let objective, OutreachModel.Objective(rawValue: objective) == nil {
      throw ValidationError("--objective must be revenue-lost or flips, not '\(objective)'.")
    }
    if let budget, budget.value < 0 { throw ValidationError("--budget must be 0 or more.") }
  }

  func cell(_ q: Rational) -> String { q.formatted(decimals: self.table.decimals) }

  /// Reads the outreach model at `file` in parametric form; errors are one located line.
  static func readParametric(_ file: String) throws -> ParametricModel<OutreachModel> {
    do {
      return try OutreachFile.readParametric(contentsOf: URL(fileURLWithPath: file), path: file)
    } catch {
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
  }

  public func execute(io: CommandIO) throws {
    guard let file else {
      throw CommandFailure.usage("outreach: give the model FILE (or load it in a session)")
    }
    let start = ContinuousClock.now
    let model = try ParameterSetting.instantiate(Self.readParametric(file), with: settings)
    try execute(model, file: file, hashing: file, settings: settings, start: start, io: io)
  }

  /// Runs on `model` read from `file` (its bytes at `hashing` give the provenance's hash),
  /// listing `settings` among the facts.
  func execute(
    _ model: OutreachModel, file: String, hashing: String, settings: [ParameterSetting],
    start: ContinuousClock.Instant, io: CommandIO
  ) throws {
    var model = model
    if let budget { model.sponsorBudget = budget.value }
    if let objective { model.objective = OutreachModel.Objective(rawValue: objective)! }
    let solver = OutreachCompetition(searchDecoys: decoys)
    var table: ResultTable
    do {
      if let budgets {
        table = sweepTable(model, try solver.sweep(model, budgets: budgets.values))
      } else {
        table = solutionTable(model, try solver.solve(model))
      }
    } catch {
      throw CommandFailure(
        message: "parley: error: \(error.description)", exitStatus: CommandFailure.dataStatus)
    }
    table.facts += ParameterSetting.facts(settings).map { ResultTable.Fact("parameter", $0) }
    table.seconds = (ContinuousClock.now - start).seconds
    table.file = file
    table.provenance = io.provenance(file: hashing)
    try self.table.emit(table, io: io)
  }

  private func solutionTable(_ model: OutreachModel, _ s: OutreachCompetition.Solution)
    -> ResultTable
  {
    let o = s.outcome
    let rows = model.targets.indices.map { i in
      ResultTable.Row(
        label: model.targets[i].name,
        cells: [
          cell(model.targets[i].tieValue), cell(model.targets[i].revenue),
          cell(model.expectedPenalty(of: i)), cell(o.offers[i]), cell(o.counters[i]),
          o.cutsTies[i] ? "cuts ties" : "keeps ties",
        ])
    }
    let unit = model.unit.isEmpty ? "" : " (\(model.unit))"
    return ResultTable(
      kind: "outreach", title: "\(model.name): \(model.sponsor) against \(model.adversary)",
      rowHeader: "target",
      columns: [
        "value of ties", "\(model.adversary) revenue", "expected shaming",
        "\(model.sponsor) offer", "\(model.adversary) counter", "outcome",
      ],
      rows: rows, isExact: s.isExact, parameters: s.parameters,
      facts: [
        .init("objective", model.objective.rawValue),
        .init("sponsor budget", cell(s.budget) + unit),
        .init("states that cut ties", "\(o.flips) of \(model.targets.count)"),
        .init("offered in all", cell(o.offered) + unit),
        .init("\(model.adversary) revenue lost", cell(o.revenueLost) + unit),
        .init("\(model.adversary) counter-offers", cell(o.counterSpent) + unit),
      ] + model.ranges.map {
        .init("range of \($0.name)", "\(cell($0.low)) to \(cell($0.high)) \($0.unit), base \(cell($0.base))")
      },
      notes: s.notes, file: nil)
  }

  private func sweepTable(_ model: OutreachModel, _ solutions: [OutreachCompetition.Solution])
    -> ResultTable
  {
    let rows = solutions.map { s in
      ResultTable.Row(
        label: cell(s.budget),
        cells: [
          String(s.outcome.flips), cell(s.outcome.offered), cell(s.outcome.revenueLost),
          cell(s.outcome.counterSpent),
          model.targets.indices.filter { s.outcome.cutsTies[$0] }.map { model.targets[$0].name }
            .joined(separator: ", "),
        ])
    }
    return ResultTable(
      kind: "outreach-sweep",
      title: "\(model.name): \(model.sponsor)'s budget against \(model.adversary)",
      rowHeader: "budget",
      columns: ["flips", "offered", "revenue lost", "counter-offers", "who cuts ties"],
      rows: rows, isExact: true,
      parameters: (solutions.first?.parameters ?? [:]).filter { $0.key != "budget" },
      facts: [.init("objective", model.objective.rawValue)] + (model.unit.isEmpty ? [] : [.init("unit", model.unit)]),
      file: nil)
  }
}
