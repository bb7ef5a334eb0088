// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import Negotiation

/// `parley incentives FILE --deal NAME | --target PROFILE`: the cheapest side payments that
/// make a deal acceptable (negotiation models) or a profile an equilibrium (strategic-form
/// games).
public struct IncentivesCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "incentives",
    abstract: "Find the cheapest incentives: transfers that make a deal acceptable, or "
      + "payments that make a profile an equilibrium.",
    discussion: """
      For a negotiation model (.yaml) and --deal: the least total transfer, over the model's \
      transfer channels and within the donors' budgets, that gives every actor (or --quota K \
      actors, veto players included) at least its disagreement payoff (plus --margin) without \
      pushing a donor that is an actor below its own; an exact LP. --deal takes a named deal, \
      'ideal' (the mediator's ideal deal) or 'issue=option issue=option ...'. When no \
      transfers suffice the binding constraints say why.
      For a strategic-form game (.nfg) and --target: the least payments at the target profile \
      that make it a Nash equilibrium (--margin for strict), or with --dominant the promises \
      that make each target strategy dominant (Monderer and Tennenholtz 2004); --target takes \
      one strategy name or number per player, separated by commas.
      """)

  @Argument(
    help: ArgumentHelp(
      "A negotiation model (.yaml) or a strategic-form game (.nfg); in a session, "
        + "default: the current model."))
  public var file: String?

  @Option(help: ArgumentHelp("The deal to make acceptable.", valueName: "NAME"))
  public var deal: String?

  @Option(help: ArgumentHelp("The profile to implement: one strategy per player.", valueName: "S1,S2,..."))
  public var target: String?

  @Option(help: ArgumentHelp("Only K actors (and every veto player) must accept.", valueName: "K"))
  public var quota: Int?

  @Option(help: ArgumentHelp("Every required gain must be at least this.", valueName: "X"))
  public var margin: RationalArgument?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp(
      "--deal: set a model parameter (repeatable); VALUE is a number such as 0.3.",
      valueName: "NAME=VALUE"))
  public var settings: [ParameterSetting] = []

  @Flag(help: "--target: make each target strategy dominant, not just an equilibrium.")
  public var dominant = false

  @OptionGroup public var table: TableOptions

  @Option(help: "Refuse games whose tables would need more memory than this (e.g. 512M, 4G).")
  public var maxMemory: ByteCount = ByteCount(argument: "4G")!

  public init() {}

  public func validate() throws {
    if (deal == nil) == (target == nil) {
      throw ValidationError("Give either --deal (a negotiation model) or --target (a game).")
    }
    if let quota, quota < 1 { throw ValidationError("--quota must be at least 1.") }
    if let margin, margin.value < 0 { throw ValidationError("--margin must be 0 or more.") }
    if target != nil, !settings.isEmpty {
      throw ValidationError("--set applies to negotiation models (--deal), not to games.")
    }
  }

  func cell(_ q: Rational) -> String { q.formatted(decimals: self.table.decimals) }

  public func execute(io: CommandIO) throws {
    guard let file else {
      throw CommandFailure.usage("incentives: give the model FILE (or load it in a session)")
    }
    let start = ContinuousClock.now
    var table =
      deal != nil
      ? try transfers(NegotiateCommand.readModel(file, settings: settings), file: file,
        settings: settings)
      : try payments(file)
    table.seconds = (ContinuousClock.now - start).seconds
    table.provenance = io.provenance(file: table.file)
    try self.table.emit(table, io: io)
  }

  /// Parses `--deal` against `model`: a named deal, `ideal`, or `issue=option` (or
  /// `issue:option`) words, one per issue.
  static func parseDeal(_ text: String, in model: NegotiationModel) throws -> Deal {
    try DealSyntax.parse([text], in: model, context: "--deal")
  }

  /// The cheapest transfers for `--deal` on `model` (read from `file`).
  func transfers(
    _ model: NegotiationModel, file: String, settings: [ParameterSetting]
  ) throws -> ResultTable {
    let chosen = try Self.parseDeal(deal!, in: model)
    let solver = CheapestTransfers(
      requirement: quota.map { .quota($0) } ?? .unanimity, margin: margin?.value ?? 0)
    let r: CheapestTransfers.Result
    do { r = try solver.solve(model, deal: chosen) } catch {
      throw CommandFailure(
        message: "parley: error: \(error.description)", exitStatus: CommandFailure.dataStatus)
    }
    let rows = r.actors.map { a in
      ResultTable.Row(
        label: a.name,
        cells: [
          cell(a.utility), cell(a.disagreement), a.isRequired ? "yes" : "no",
          cell(a.shortfall), cell(a.received), cell(a.paid), cell(a.utilityAfter),
        ])
    }
    var facts = [
      ResultTable.Fact("deal", "\(deal!): \(model.describe(chosen))"),
      ResultTable.Fact("feasible", r.isFeasible ? "yes" : "no"),
    ]
    if let total = r.totalCost { facts.append(.init("total transfers", cell(total))) }
    facts += r.payments.map {
      ResultTable.Fact("payment", "\($0.donor) pays \($0.recipientName) \(cell($0.amount))")
    }
    facts += r.binding.map { ResultTable.Fact("binding", $0.description) }
    facts += ParameterSetting.facts(settings).map { ResultTable.Fact("parameter", $0) }
    return ResultTable(
      kind: "incentives", title: "\(model.name): cheapest transfers for \(deal!)",
      rowHeader: "actor",
      columns: ["utility", "disagreement", "required", "shortfall", "receives", "pays", "after"],
      rows: rows, isExact: r.isExact, parameters: r.parameters, facts: facts,
      notes: r.explanation, file: file)
  }

  private func payments(_ file: String) throws -> ResultTable {
    guard
      case .normalForm(let game) = try Solve.readGame(
        URL(fileURLWithPath: file), named: file, maxMemory: maxMemory)
    else {
      throw CommandFailure(
        message: "parley: error: incentives: \(file) is a game tree; --target needs a "
          + "strategic-form (.nfg) game", exitStatus: CommandFailure.dataStatus)
    }
    return try payments(game, file: file)
  }

  /// The least payments implementing `--target` in `game` (read from `file`).
  func payments(_ game: NormalFormGame<Rational>, file: String) throws -> ResultTable {
    let words = target!.split(separator: ",").map {
      String($0).trimmingCharacters(in: .whitespaces)
    }
    guard words.count == game.playerCount else {
      throw CommandFailure(
        message: "parley: error: --target: expected \(game.playerCount) strategies, one per "
          + "player, found \(words.count)", exitStatus: CommandFailure.usageStatus)
    }
    var profile = [Int]()
    for (p, word) in words.enumerated() {
      let s =
        game.strategies[p].firstIndex(of: word)
        ?? Int(word).flatMap { (1...game.strategies[p].count).contains($0) ? $0 - 1 : nil }
      guard let s else {
        throw CommandFailure(
          message: "parley: error: --target: '\(word)' is not a strategy of \(game.players[p]) ("
            + game.strategies[p].joined(separator: ", ") + ")",
          exitStatus: CommandFailure.usageStatus)
      }
      profile.append(s)
    }
    let r: KImplementation.Result
    do {
      r =
        dominant
        ? try KImplementation.dominantStrategyPayments(
          for: game, target: profile, margin: margin?.value ?? 0)
        : try KImplementation.nashPayments(for: game, target: profile, margin: margin?.value ?? 0)
    } catch {
      throw CommandFailure(
        message: "parley: error: \(error.description)", exitStatus: CommandFailure.dataStatus)
    }
    let rows = r.players.map { p in
      ResultTable.Row(
        label: game.players[p.player],
        cells: [
          game.strategies[p.player][profile[p.player]], cell(p.targetPayoff),
          cell(p.bestDeviationPayoff), cell(p.paymentAtTarget),
        ])
    }
    var facts = [
      ResultTable.Fact("cost at the target", cell(r.costAtTarget)),
      ResultTable.Fact("total promised", cell(r.totalPromised)),
    ]
    if let worst = r.worstCaseCost { facts.append(.init("worst-case cost", cell(worst))) }
    if dominant {
      facts.append(
        .init(
          "undominated after payments",
          r.undominated.enumerated().map { p, list in
            "\(game.players[p]): " + list.map { game.strategies[p][$0] }.joined(separator: ", ")
          }.joined(separator: "; ")))
    }
    return ResultTable(
      kind: "incentives",
      title: (game.title.isEmpty ? file : game.title)
        + ": payments implementing ("
        + profile.enumerated().map { game.strategies[$0][$1] }.joined(separator: ", ") + ")",
      rowHeader: "player",
      columns: ["target", "payoff", "best deviation", "payment"], rows: rows,
      isExact: r.isExact, parameters: r.parameters, facts: facts, notes: r.notes, file: file)
  }
}
