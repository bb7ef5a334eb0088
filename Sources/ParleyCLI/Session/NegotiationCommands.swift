// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import Negotiation

// MARK: - actors, issues, deals

/// `actors [NAME]`: the actors of a negotiation model and their bargaining attributes.
public struct ActorsCommand: SessionCommand {
  public static let configuration = CommandConfiguration(
    commandName: "actors",
    abstract: "List a negotiation model's actors: capability, discount, disagreement, veto….",
    discussion: """
      One row per actor: its capability, discount factor per round, probability of being \
      recognised to propose, disagreement payoff, whether it holds a veto, and what it may \
      pay as a donor (the sum of its transfer channels' budgets). Values are at the \
      session's parameter values ('set NAME VALUE').
      """)

  @Argument(help: "A loaded negotiation model's name (default: the current model).")
  public var name: String?

  @OptionGroup public var table: TableOptions

  public init() {}

  public func execute(in session: inout Session, io: CommandIO) throws {
    let (item, n) = try session.negotiation(name, for: "actors")
    let m = n.model
    let cell = { (q: Rational) in q.formatted(decimals: self.table.decimals) }
    let rows = m.actors.map { a in
      let channels = m.transfers.filter { $0.donor == a.name }
      return ResultTable.Row(
        label: a.name,
        cells: [
          cell(a.capability), cell(a.discount), cell(a.recognition), cell(a.disagreement),
          a.veto ? "yes" : "no",
          channels.isEmpty ? "-" : cell(channels.reduce(Rational.zero) { $0 + $1.budget }),
        ])
    }
    var facts = [ResultTable.Fact]()
    for c in m.transfers where m.actorIndex(named: c.donor) == nil {
      facts.append(.init("outside donor", "\(c.donor) (budget \(cell(c.budget)))"))
    }
    if let p = parameterFact(n.base.settings) { facts.append(p) }
    try emitModelTable(
      ResultTable(
        kind: "actors", title: "\(m.name): actors", rowHeader: "actor",
        columns: ["capability", "discount", "recognition", "disagreement", "veto", "budget"],
        rows: rows, isExact: true, facts: facts, file: item.source),
      item: item, options: table, io: io)
  }
}

/// `issues [NAME]`: the issues of a negotiation model and their options.
public struct IssuesCommand: SessionCommand {
  public static let configuration = CommandConfiguration(
    commandName: "issues",
    abstract: "List the issues of a negotiation model and their options.")

  @Argument(help: "A loaded negotiation model's name (default: the current model).")
  public var name: String?

  @OptionGroup public var table: TableOptions

  public init() {}

  public func execute(in session: inout Session, io: CommandIO) throws {
    let (item, n) = try session.negotiation(name, for: "issues")
    let m = n.model
    let rows = m.issues.map { issue in
      let kind: String
      switch issue.kind {
      case .categorical: kind = "categorical"
      case .ordered: kind = "ordered"
      case .numeric: kind = "numeric"
      }
      return ResultTable.Row(
        label: issue.name,
        cells: [
          kind, String(issue.optionCount), DealSyntax.optionList(issue),
          issue.unit.isEmpty ? "-" : issue.unit,
        ])
    }
    try emitModelTable(
      ResultTable(
        kind: "issues", title: "\(m.name): issues", rowHeader: "issue",
        columns: ["kind", "count", "options", "unit"], rows: rows, isExact: true,
        facts: [.init("deals", String(m.dealCount))], file: item.source),
      item: item, options: table, io: io)
  }
}

/// `deals [NAME]`: the named deals of a negotiation model and those defined in the session.
public struct DealsCommand: SessionCommand {
  public static let configuration = CommandConfiguration(
    commandName: "deals",
    abstract: "List the named deals of a negotiation model and those defined with 'deal'.")

  @Argument(help: "A loaded negotiation model's name (default: the current model).")
  public var name: String?

  @OptionGroup public var table: TableOptions

  public init() {}

  public func execute(in session: inout Session, io: CommandIO) throws {
    let (item, n) = try session.negotiation(name, for: "deals")
    let m = n.model
    let fromSession = Set(n.sessionDeals.map(\.name))
    var rows = m.namedDeals.map { d in
      ResultTable.Row(
        label: d.name,
        cells: [fromSession.contains(d.name) ? "session" : "model"]
          + m.issues.indices.map { m.issues[$0].label(of: d.deal.options[$0]) })
    }
    if let ideal = m.mediator?.ideal {
      rows.append(
        ResultTable.Row(
          label: "ideal",
          cells: ["mediator"] + m.issues.indices.map { m.issues[$0].label(of: ideal.options[$0]) }
        ))
    }
    try emitModelTable(
      ResultTable(
        kind: "deals", title: "\(m.name): deals", rowHeader: "deal",
        columns: ["defined by"] + m.issues.map(\.name), rows: rows, isExact: true,
        file: item.source),
      item: item, options: table, io: io)
  }
}

/// `parameters: A = x, B = y` for the values the session set, or `nil` when it set none.
private func parameterFact(_ settings: [ParameterSetting]) -> ResultTable.Fact? {
  settings.isEmpty
    ? nil
    : .init("parameters", settings.map { "\($0.name) = \($0.value)" }.joined(separator: ", "))
}

/// Publishes and prints a table describing a loaded model, with its provenance.
private func emitModelTable(
  _ table: ResultTable, item: Session.Item, options: TableOptions, io: CommandIO
) throws {
  var table = table
  table.provenance = io.provenance(file: item.path)
  try options.emit(table, io: io)
}

// MARK: - deal, evaluate

/// `deal NAME = issue:option …`: name a deal of the current negotiation model.
public struct DealCommand: SessionCommand {
  public static let configuration = CommandConfiguration(
    commandName: "deal",
    abstract: "Name a deal of the current negotiation model: deal NAME = issue:option ….",
    discussion: """
      Give one option for every issue, as issue:option (or issue=option); a numeric issue \
      takes an amount on its grid (aid:2.5). The deal can then be named in 'evaluate', \
      'incentives --deal' and 'deals'; defining a name again replaces the deal. The names \
      of the model's own deals are taken.
      """)

  @Argument(
    parsing: .captureForPassthrough,
    help: ArgumentHelp("The name, '=', then issue:option for every issue.", valueName: "words"))
  public var words: [String] = []

  public init() {}

  public func execute(in session: inout Session, io: CommandIO) throws {
    guard let name = words.first, !name.contains(":"), !name.contains("="), !name.hasPrefix("-")
    else {
      throw CommandFailure.usage("deal: write 'deal NAME = issue:option issue:option …'")
    }
    var rest = Array(words.dropFirst())
    if rest.first == "=" { rest.removeFirst() }
    guard !rest.isEmpty else {
      throw CommandFailure.usage("deal \(name): give issue:option for every issue")
    }
    guard name != "ideal" else {
      throw CommandFailure.usage("deal: 'ideal' names the mediator's ideal deal; choose another")
    }
    let (item, found) = try session.negotiation(for: "deal")
    var n = found
    if n.base.model.deal(named: name) != nil {
      throw CommandFailure.usage("deal: '\(name)' is a deal of the model; choose another name")
    }
    let deal = try DealSyntax.parse(rest, in: n.model, context: "deal \(name)")
    try n.define(NamedDeal(name: name, deal: deal))
    session.update(
      item.name, model: .negotiation(n),
      edit: CommandSyntax.line(["deal", name, "="] + rest))
    io.write("\(name): \(n.model.describe(deal))\n")
  }
}

/// `evaluate DEAL`: a deal as every actor sees it, and the cheapest incentive that makes it
/// accepted.
public struct EvaluateCommand: SessionCommand {
  public static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Evaluate a deal for every actor, and the cheapest incentive that gets it "
      + "accepted.",
    discussion: """
      DEAL is a deal's name (the model's, one defined with 'deal', or 'ideal') or \
      issue:option for every issue. Each actor's row gives its utility for the deal, its \
      disagreement payoff, the surplus (the difference), whether it accepts (utility at \
      least the disagreement payoff, plus --margin), whether it holds a veto and blocks the \
      deal, and the cheapest transfers over the model's channels, within their budgets, \
      that make every actor (or --quota K actors, veto players included) accept: what each \
      receives and pays, and its utility after (an exact LP, as 'incentives').
      """)

  @Argument(
    help: ArgumentHelp("A deal's name, or issue:option for every issue.", valueName: "deal"))
  public var words: [String] = []

  @Option(help: ArgumentHelp("Only K actors (and every veto player) must accept.", valueName: "K"))
  public var quota: Int?

  @Option(help: ArgumentHelp("Every required gain must be at least this.", valueName: "X"))
  public var margin: RationalArgument?

  @OptionGroup public var table: TableOptions

  public init() {}

  public func validate() throws {
    if words.isEmpty {
      throw ValidationError("evaluate: give a deal's name, or issue:option for every issue.")
    }
    if let quota, quota < 1 { throw ValidationError("--quota must be at least 1.") }
    if let margin, margin.value < 0 { throw ValidationError("--margin must be 0 or more.") }
  }

  public func execute(in session: inout Session, io: CommandIO) throws {
    let start = ContinuousClock.now
    let (item, n) = try session.negotiation(for: "evaluate")
    let model = n.model
    let deal = try DealSyntax.parse(words, in: model, context: "evaluate")
    let label =
      words.count == 1 && !words[0].contains(":") && !words[0].contains("=")
      ? words[0] : "the deal"
    let e: DealEvaluation
    do {
      e = try DealEvaluation(
        model, deal: deal, requirement: quota.map { .quota($0) } ?? .unanimity,
        margin: margin?.value ?? 0, control: session.solverControl)
    } catch { throw failure(error) }
    let decimals = self.table.decimals ?? session.parameters.decimals
    let cell = { (q: Rational) in q.formatted(decimals: decimals) }
    let r = e.incentive
    let rows = e.actors.indices.map { i -> ResultTable.Row in
      let a = e.actors[i]
      let after = r.actors.first { $0.actor == i }
      return ResultTable.Row(
        label: a.name,
        cells: [
          cell(a.utility), cell(a.disagreement), cell(a.surplus), a.accepts ? "yes" : "no",
          a.veto ? "yes" : "no", a.blocks ? "yes" : "no",
          r.isFeasible ? cell(after?.received ?? 0) : "-",
          r.isFeasible ? cell(after?.paid ?? 0) : "-",
          r.isFeasible ? cell(after?.utilityAfter ?? a.utility) : "-",
        ])
    }
    var facts = [ResultTable.Fact("deal", "\(label): \(model.describe(deal))")]
    let blockers = e.blockers
    facts.append(
      .init(
        "accepted as it stands",
        e.acceptedAsItStands
          ? "yes"
          : "no" + (blockers.isEmpty ? "" : " (blocked by \(blockers.joined(separator: ", ")))")))
    if e.acceptedAsItStands {
      facts.append(.init("cheapest incentive", "none needed"))
    } else if let total = r.totalCost {
      facts.append(.init("cheapest incentive", "transfers totalling \(cell(total))"))
      facts.append(
        .init(
          "payments",
          r.payments.map { "\($0.donor) pays \($0.recipientName) \(cell($0.amount))" }
            .joined(separator: "; ")))
      if !r.binding.isEmpty {
        facts.append(.init("binding", r.binding.map(\.description).joined(separator: "; ")))
      }
    } else {
      facts.append(
        .init("cheapest incentive", "none: the transfer budgets cannot make it accepted"))
    }
    if let p = parameterFact(n.base.settings) { facts.append(p) }
    var params = r.parameters
    params["requirement"] = quota.map { "quota \($0)" } ?? "unanimity"
    var result = ResultTable(
      kind: "evaluate", title: "\(model.name): \(label) for every actor", rowHeader: "actor",
      columns: [
        "utility", "disagreement", "surplus", "accepts", "veto", "blocks", "receives", "pays",
        "after",
      ],
      rows: rows, isExact: true, parameters: params, facts: facts, notes: r.explanation,
      file: item.source)
    result.seconds = (ContinuousClock.now - start).seconds
    result.provenance = io.provenance(file: item.path)
    try table.emit(result, io: io)
  }
}

// MARK: - the negotiation commands on the session's model

extension NegotiateCommand: SessionCommand {
  /// Runs on a file, or (no FILE, or a loaded model's name) on the session's model with its
  /// parameter values and deals.
  public func execute(in session: inout Session, io: CommandIO) throws {
    if let file, session.item(named: file) == nil {
      try execute(io: io)
      return
    }
    let start = ContinuousClock.now
    let (item, n) = try session.negotiation(file, for: "negotiate")
    let model = n.withDeals(try n.base.instantiate(with: settings))
    try execute(
      model, file: item.source, hashing: item.path,
      settings: n.base.allSettings(with: settings), start: start, io: io)
  }
}

extension IncentivesCommand: SessionCommand {
  /// Runs on a file, or (no FILE, or a loaded model's name) on the session's negotiation
  /// model with its parameter values and deals (`--deal`), or on its strategic-form game
  /// with its changed payoffs (`--target`).
  public func execute(in session: inout Session, io: CommandIO) throws {
    if let file, session.item(named: file) == nil {
      try execute(io: io)
      return
    }
    let start = ContinuousClock.now
    if deal == nil {
      let item = try session.item(file)
      guard case .normalForm(let game) = item.model else {
        throw CommandFailure.session(
          "\(item.name) is \(item.model.kindDescription.article); --target needs a "
            + "strategic-form game")
      }
      var table = try payments(game, file: item.source)
      table.seconds = (ContinuousClock.now - start).seconds
      table.provenance = io.provenance(file: item.path)
      try self.table.emit(table, io: io)
      return
    }
    let (item, n) = try session.negotiation(file, for: "incentives")
    let model = n.withDeals(try n.base.instantiate(with: settings))
    var table = try transfers(
      model, file: item.source, settings: n.base.allSettings(with: settings))
    table.seconds = (ContinuousClock.now - start).seconds
    table.provenance = io.provenance(file: item.path)
    try self.table.emit(table, io: io)
  }
}

extension OutreachCommand: SessionCommand {
  /// Runs on a file, or (no FILE, or a loaded model's name) on the session's outreach model
  /// with its parameter values.
  public func execute(in session: inout Session, io: CommandIO) throws {
    if let file, session.item(named: file) == nil {
      try execute(io: io)
      return
    }
    let start = ContinuousClock.now
    let item = try session.item(file)
    guard case .outreach(let o) = item.model else {
      throw CommandFailure.session(
        "\(item.name) is \(item.model.kindDescription.article); outreach needs an outreach "
          + "model (load a .yaml with 'parley: outreach')")
    }
    try execute(
      try o.instantiate(with: settings), file: item.source, hashing: item.path,
      settings: o.allSettings(with: settings), start: start, io: io)
  }
}
