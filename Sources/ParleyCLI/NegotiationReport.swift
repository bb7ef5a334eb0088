// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameExport
import Negotiation

/// Lays negotiation results out as ``ResultTable``s: the framework comparison (frameworks as
/// rows) and the deal-space summary.
///
/// Deals are long (one option per issue), so table cells name them `D1`, `D2`, … (or by their
/// model name when the model names them) and the facts under the table spell each one out.
struct NegotiationReport {
  let space: DealSpace
  var decimals: Int?
  var model: NegotiationModel { space.model }

  /// The label of every deal mentioned, in order of first mention.
  private(set) var dealLabels: [(deal: Deal, label: String)] = []
  /// How many deals have been given a `Dk` label.
  private var unnamed = 0

  init(space: DealSpace, decimals: Int?) {
    self.space = space
    self.decimals = decimals
  }

  /// The label of `deal`: its model name, or the next `Dk`.
  mutating func label(_ deal: Deal) -> String {
    if let known = dealLabels.first(where: { $0.deal == deal }) { return known.label }
    let label: String
    if let name = model.namedDeals.first(where: { $0.deal == deal })?.name {
      label = name
    } else {
      unnamed += 1
      label = "D\(unnamed)"
    }
    dealLabels.append((deal, label))
    return label
  }

  /// A number: `decimals` places when given, else the exact fraction (inexact results: 6
  /// decimal places).
  func number(_ q: Rational, exact: Bool) -> String {
    if let decimals { return q.formatted(decimals: decimals) }
    return exact ? q.description : q.formatted(decimals: 6)
  }

  /// The comparison table: one row per framework.
  mutating func comparison(
    _ results: [(framework: String, result: Result<FrameworkOutcome, SolverError>)],
    file: String?
  ) -> ResultTable {
    let actors = model.actors.map(\.name)
    let columns = ["agreement", "deal"] + actors + ["delay", "Nash product", "Pareto", "pivotal"]
    var rows = [ResultTable.Row]()
    var notes = [String]()
    var exact = true
    var methods = [String]()
    var lotteries = [ResultTable.Fact]()
    for (framework, result) in results {
      switch result {
      case .success(let o):
        exact = exact && o.isExact
        methods.append("\(o.framework): \(o.method)\(o.isExact ? "" : " (floating point)")")
        let deal: String
        if o.lottery.isEmpty {
          deal = "none"
        } else if o.lottery.count == 1 {
          deal = label(o.lottery[0].deal)
        } else if o.lottery.count <= 3 {
          deal = o.lottery.map { "\(label($0.deal)) \(number($0.probability, exact: o.isExact))" }
            .joined(separator: ", ")
        } else {
          let labels = o.lottery.map { label($0.deal) }
          deal = "lottery of \(labels.count) deals"
          lotteries.append(
            ResultTable.Fact(
              "\(o.framework) lottery",
              zip(labels, o.lottery).map { "\($0) \(number($1.probability, exact: o.isExact))" }
                .joined(separator: ", ")))
        }
        rows.append(
          ResultTable.Row(
            label: o.framework,
            cells: [number(o.agreementProbability, exact: o.isExact), deal]
              + o.payoffs.map { number($0, exact: o.isExact) }
              + [
                o.expectedDelay.map { number($0, exact: o.isExact) } ?? "-",
                o.nashProduct.map { number($0, exact: o.isExact) } ?? "-",
                o.isParetoOptimal ? "yes" : "no",
                o.pivotal.isEmpty ? "-" : o.pivotal.joined(separator: "; "),
              ]))
        notes += o.notes.map { "\(o.framework): \($0)" }
        notes += o.transfers.map {
          "\(o.framework): \($0.donor) pays \($0.recipient) \(number($0.amount, exact: o.isExact))"
        }
      case .failure(let error):
        rows.append(
          ResultTable.Row(
            label: framework,
            cells: ["error", "-"] + actors.map { _ in "-" } + ["-", "-", "-", "-"]))
        notes.append("\(framework): \(error.description)")
      }
    }
    let disagreement = ResultTable.Row(
      label: "(disagreement)",
      cells: ["-", "-"] + model.disagreement.map { number($0, exact: true) }
        + ["-", "-", "-", "-"])
    rows.append(disagreement)
    var facts = lotteries
    facts += dealLabels.map { ResultTable.Fact($0.label, model.describe($0.deal)) }
    facts.append(.init("deals", String(space.count)))
    return ResultTable(
      kind: "negotiate", title: "\(model.name): frameworks compared", rowHeader: "framework",
      columns: columns, rows: rows, isExact: exact,
      parameters: ["methods": methods.joined(separator: "; ")], facts: facts, notes: notes,
      file: file)
  }

  /// The deal space at a glance: per actor its disagreement payoff, best and worst deal, and
  /// veto; facts: the size of the space, of the Pareto set and of the zone of agreement.
  mutating func summary(_ analysis: DealSpaceAnalysis, file: String?) -> ResultTable {
    var rows = [ResultTable.Row]()
    for (a, actor) in model.actors.enumerated() {
      let best = analysis.bestDeal[a], worst = analysis.worstDeal[a]
      rows.append(
        ResultTable.Row(
          label: actor.name,
          cells: [
            number(actor.disagreement, exact: true),
            label(space.deal(at: best)), number(space.utility(of: a, at: best), exact: true),
            label(space.deal(at: worst)), number(space.utility(of: a, at: worst), exact: true),
            actor.veto ? "yes" : "no",
          ]))
    }
    var facts = [
      ResultTable.Fact("deals", String(space.count)),
      ResultTable.Fact("Pareto-optimal deals", String(analysis.paretoSet.count)),
      ResultTable.Fact(
        "zone of agreement", "\(analysis.zoneOfAgreement.count) deals every actor prefers to "
          + "disagreement"),
    ]
    facts += dealLabels.map { ResultTable.Fact($0.label, model.describe($0.deal)) }
    return ResultTable(
      kind: "deal-space", title: "\(model.name): the deal space", rowHeader: "actor",
      columns: ["disagreement", "best deal", "its utility", "worst deal", "its utility", "veto"],
      rows: rows, isExact: true, facts: facts, file: file)
  }
}
