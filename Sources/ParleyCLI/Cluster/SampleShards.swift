// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameExport
import Negotiation

/// One draw of a Monte Carlo run in a shard file: its number, the drawn values (the
/// shortest decimals that read back as the same `Double`s), and its outcome with every
/// number exact (`p/q`) — or the error that stopped it.
struct SampleRecord: ShardRecord, Hashable {
  var index: Int
  var values: [String]
  var error: String?
  // A negotiation draw.
  var agreement: String?
  var payoffs: [String]?
  var delay: String?
  var method: String?
  var exact: Bool?
  var deal: String?
  /// The deals named in `deal`: [label, description] pairs.
  var spelled: [[String]]?
  // An outreach draw.
  var cutsTies: [Bool]?
  var revenueLost: String?
  var offered: String?
  var counterSpent: String?
  // A game draw (payoffs, method and exact as for a negotiation draw).
  var equilibria: Int?
  var which: String?

  init(draw: Int, result: SampleCommand.DrawResult) {
    index = draw
    values = result.values.map { $0.description }
    switch result.outcome {
    case .failure(let e): error = e.message
    case .success(.negotiation(let o, let deal, let spelled)):
      agreement = o.agreementProbability.description
      payoffs = o.payoffs.map(\.description)
      delay = o.expectedDelay?.description
      method = o.method
      exact = o.isExact
      self.deal = deal
      self.spelled = spelled.map { [$0.label, $0.text] }
    case .success(.outreach(let o)):
      cutsTies = o.cutsTies
      revenueLost = o.revenueLost.description
      offered = o.offered.description
      counterSpent = o.counterSpent.description
    case .success(.game(let g)):
      equilibria = g.count
      which = g.which
      payoffs = g.payoffs.map(\.description)
      method = g.method
      exact = g.isExact
    }
  }

  /// The draw back, or `nil` when a field is missing or not a number.
  var result: SampleCommand.DrawResult? {
    let doubles = values.compactMap(Double.init)
    guard doubles.count == values.count else { return nil }
    if let error {
      return .init(values: doubles, outcome: .failure(.init(message: error)))
    }
    if let equilibria, let which, let payoffs, let method, let exact {
      let p = payoffs.compactMap { Rational($0) }
      guard p.count == payoffs.count, equilibria >= 0 else { return nil }
      return .init(
        values: doubles,
        outcome: .success(
          .game(
            SampleCommand.GameDraw(
              count: equilibria, which: which, payoffs: p, method: method, isExact: exact))))
    }
    if let agreement, let payoffs, let method, let exact, let deal, let spelled {
      let p = payoffs.compactMap { Rational($0) }
      guard let a = Rational(agreement), p.count == payoffs.count,
        spelled.allSatisfy({ $0.count == 2 })
      else { return nil }
      var d: Rational?
      if let delay {
        guard let value = Rational(delay) else { return nil }
        d = value
      }
      let draw = SampleCommand.NegotiationDraw(
        agreementProbability: a, payoffs: p, expectedDelay: d, method: method, isExact: exact)
      return .init(
        values: doubles,
        outcome: .success(
          .negotiation(
            draw, deal: deal,
            spelled: spelled.map { SampleCommand.DealEntry(label: $0[0], text: $0[1]) })))
    }
    if let cutsTies, let r = revenueLost.flatMap(Rational.init),
      let o = offered.flatMap(Rational.init), let c = counterSpent.flatMap(Rational.init)
    {
      return .init(
        values: doubles,
        outcome: .success(
          .outreach(.init(cutsTies: cutsTies, revenueLost: r, offered: o, counterSpent: c))))
    }
    return nil
  }
}

extension SampleCommand {
  /// The run's exact parameters, for a shard's header.
  var shardParameters: [String: String] {
    var p = ["draws": String(count), "seed": String(seed)]
    if let method {
      p["method"] = method.rawValue
    } else {
      p[outreach ? "outreach" : "framework"] = framework ?? "yes"
    }
    for s in settings { p["set " + s.name] = s.value.description }
    if draws { p["draws listed"] = "yes" }
    return p
  }

  func prepareSlurm(io: CommandIO) throws {
    if shard != nil {
      throw CommandFailure(
        message: "parley: error: --slurm: leave out --shard (each task takes its own)",
        exitStatus: CommandFailure.usageStatus)
    }
    guard (1...MonteCarloDesign.maxDraws).contains(count) else {
      throw CommandFailure(
        message: "parley: error: sample(): the number of draws must lie between 1 and "
          + "\(MonteCarloDesign.maxDraws), found \(count)", exitStatus: CommandFailure.usageStatus)
    }
    try cluster.prepareSlurm(
      kind: "sample", total: count, format: out.json ? .json : out.format, io: io,
      defaultResults: "sample-results")
  }

  func writeShard(_ computed: Computed, seconds: Double, io: CommandIO) throws {
    try cluster.writeShard(
      computed.results.map { SampleRecord(draw: $0.draw, result: $0.value) }, kind: "sample",
      io: io, model: file, parameters: shardParameters, seed: seed, shard: shard,
      total: count, expected: computed.indices.count,
      status: computed.status == .complete ? "complete" : "stopped (\(computed.status))",
      seconds: seconds)
  }

  /// The whole run's table from every draw (read from shards), as the unsharded command
  /// prints it.
  ///
  /// - Throws: a failure naming `source` when a record cannot be read back.
  func mergedTable(_ records: [SampleRecord], source: String) throws -> ResultTable {
    var given = [(draw: Int, value: DrawResult)]()
    given.reserveCapacity(records.count)
    for r in records {
      guard let result = r.result else {
        throw CommandFailure(
          message: "parley: error: \(source): draw \(r.index) is not readable",
          exitStatus: CommandFailure.dataStatus)
      }
      given.append((r.index, result))
    }
    let control = SolverControl(cancellation: Interactive.interrupt)
    let (table, _) = try run(control: control, given: given)
    return table
  }
}
