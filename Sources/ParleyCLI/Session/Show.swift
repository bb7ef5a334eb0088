// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import GameCore
import GameFiles

/// `show [NAME | result | params]`: print a model, the last result or the parameters.
public struct Show: SessionCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Show a loaded model, the last result ('show result') or the parameters.",
    discussion: """
      A two-player strategic-form game prints as a matrix of payoff pairs (row player's \
      first); larger games list every pure profile.
      """)

  @Argument(help: "A model's name, 'result' or 'params' (default: the current model).")
  public var what: String?

  public init() {}

  public func execute(in session: inout Session, io: CommandIO) throws {
    switch what {
    case "params":
      let width = Session.parameterKeys.map(\.count).max()!
      for (key, value) in session.parameters.listing {
        io.write(key + String(repeating: " ", count: width - key.count) + "  " + value + "\n")
      }
    case "result":
      guard let result = session.lastResult else {
        throw CommandFailure.session("no result yet (run solve or bargain first)")
      }
      io.write(result.rendered(as: .table))
    default:
      let item = try session.item(what)
      io.write(Show.describe(item))
    }
  }

  /// The text `show` prints for `item`.
  static func describe(_ item: Session.Item) -> String {
    var lines = [String]()
    func header(_ title: String) {
      let t = title.isEmpty ? "" : " " + title
      lines.append("\(item.name):\(t) [\(item.model.kindDescription), \(item.source)]")
    }
    switch item.model {
    case .normalForm(let g):
      header(g.title)
      lines += normalForm(g)
    case .extensiveForm(let g):
      header(g.title)
      lines.append("Players: " + g.players.joined(separator: ", "))
      let terminal = g.nodes.filter(\.isTerminal).count
      lines.append(
        "\(g.nodes.count) nodes (\(terminal) terminal), \(g.informationSets.count) information "
          + "sets, \(g.outcomes.count) outcomes")
    case .bargaining(let b):
      let p = b.problem
      header("")
      lines.append("Players: " + p.players.joined(separator: ", "))
      lines.append("Disagreement: " + p.disagreement.map(\.description).joined(separator: " "))
      lines.append("Lotteries: " + (p.allowsLotteries ? "yes" : "no"))
      if let w = b.weights {
        lines.append("Weights: " + w.map(\.description).joined(separator: " "))
      }
      lines.append("")
      lines += aligned(
        [["Deal"] + p.players]
          + zip(p.dealNames, p.deals).map { [$0] + $1.map(\.description) })
    case .negotiation(let n):
      let m = n.model
      header(m.name)
      if let first = m.summary.split(separator: "\n").first { lines.append(String(first) + " …") }
      lines.append("Actors: " + m.actors.map(\.name).joined(separator: ", "))
      lines.append(
        "Issues: " + m.issues.map { "\($0.name) (\($0.optionCount))" }.joined(separator: ", ")
          + "; \(m.dealCount) deals")
      lines.append(
        "Deals: " + (m.namedDeals.isEmpty ? "none" : m.namedDeals.map(\.name).joined(separator: ", ")))
      if let med = m.mediator {
        lines.append("Mediator: \(med.name) (\(med.rule.rawValue))")
      }
      let t = m.transfers.map { "\($0.donor) \($0.budget)" }
      lines.append("Transfer budgets: " + (t.isEmpty ? "none" : t.joined(separator: ", ")))
      lines += parameterLines(n.base)
    case .outreach(let o):
      let m = o.model
      header(m.name)
      lines.append("Sponsor: \(m.sponsor) (budget \(m.sponsorBudget)); adversary: \(m.adversary) "
        + "(counter-budget \(m.counterBudget))")
      lines.append("Targets: " + m.targets.map(\.name).joined(separator: ", "))
      lines.append("Objective: " + m.objective.rawValue)
      lines += parameterLines(o)
    }
    if let p = item.parametric { lines += p.showLines }
    if !item.edits.isEmpty {
      lines.append("")
      lines.append("Changed since loading: " + item.edits.joined(separator: "; "))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The parameters a parametric model declares, with their values in the session.
  static func parameterLines<M>(_ p: ParametricItem<M>) -> [String] {
    let table = p.parametric.parameters
    guard !table.isEmpty else { return ["Parameters: none"] }
    let values = (try? p.parametric.values(
      overrides: Dictionary(p.settings.map { ($0.name, $0.value) }) { a, _ in a })) ?? [:]
    var rows = [["Parameter", "Value", "Range", "Unit"]]
    for q in table.parameters {
      let set = p.settings.contains { $0.name == q.name }
      rows.append([
        q.name, (values[q.name]?.description ?? q.value.description) + (set ? " (set)" : ""),
        q.range.map { "\($0.lowerBound) to \($0.upperBound)" } ?? "-",
        q.unit.isEmpty ? "-" : q.unit,
      ])
    }
    return [""] + aligned(rows)
  }

  /// A two-player game as a matrix of payoff pairs; otherwise one line per pure profile.
  static func normalForm(_ g: NormalFormGame<Rational>) -> [String] {
    var lines = ["Players: " + g.players.joined(separator: ", ")]
    lines.append("")
    if g.playerCount == 2 {
      var rows = [[""] + g.strategies[1]]
      for i in g.strategies[0].indices {
        rows.append(
          [g.strategies[0][i]]
            + g.strategies[1].indices.map { j in
              "\(g.payoff(to: 0, at: [i, j])), \(g.payoff(to: 1, at: [i, j]))"
            })
      }
      lines += aligned(rows, separator: " | ")
    } else {
      var rows = [g.players + ["Payoffs"]]
      for k in 0..<g.profileCount {
        let profile = g.profile(at: k)
        rows.append(
          profile.enumerated().map { g.strategies[$0][$1] }
            + [(0..<g.playerCount).map { g.payoff(to: $0, at: profile).description }
              .joined(separator: ", ")])
      }
      lines += aligned(rows)
    }
    return lines
  }

  /// Rows padded to common column widths (the first column left-aligned, the rest right).
  static func aligned(_ rows: [[String]], separator: String = "  ") -> [String] {
    let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max()! }
    return rows.map { row in
      let cells = row.enumerated().map { c, cell in
        let pad = String(repeating: " ", count: widths[c] - cell.count)
        return c == 0 ? cell + pad : pad + cell
      }
      var line = cells.joined(separator: separator)
      while line.last == " " { line.removeLast() }
      return line
    }
  }
}
