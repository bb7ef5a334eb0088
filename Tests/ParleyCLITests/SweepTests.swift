// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import Testing
import _TestSupport

/// `parley sweep` and `--set`: a sweep's rows equal direct solves at the same points, shards
/// merge into the unsharded table, and mistakes are usage errors naming the parameters.
@Suite struct SweepTests {
  static let sixParty = "@/Models/negotiation/six-party-talks.yaml"
  static let africa = "@/Models/negotiation/africa-outreach.yaml"
  static let bilateral = "bilateral=United States,North Korea"

  func object(_ run: Run) throws -> [String: Any] {
    #expect(run.status == 0, "\(run.errors)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
  }

  func rows(_ object: [String: Any], key: String) throws -> [(label: String, values: [String])] {
    let list = try #require(object[key] as? [[String: Any]])
    return list.map { ($0["label"] as? String ?? "", $0["values"] as? [String] ?? []) }
  }

  /// A deal cell (`L`, or `L p, L p`) with each label replaced by the deal it stands for.
  func spelled(_ cell: String, facts: [String: String]) -> String {
    cell.split(separator: ",").map { part in
      let words = part.trimmingCharacters(in: .whitespaces).split(separator: " ")
      let label = String(words[0])
      return ([facts[label] ?? label] + words.dropFirst().map(String.init)).joined(separator: " ")
    }.joined(separator: "; ")
  }

  @Test func negotiationSweepEqualsDirectSolves() throws {
    let sweep = try object(
      CLI.run([
        "sweep", Self.sixParty, "--param", "nk_patience", "--from", "0.9", "--to", "0.99",
        "--step", "0.045", "--framework", Self.bilateral, "--json",
      ]))
    let sweepRows = try rows(sweep, key: "nk_patiences")
    #expect(sweepRows.map(\.label) == ["0.9", "0.945", "0.99"])
    let sweepFacts = try #require(sweep["facts"] as? [String: String])
    for row in sweepRows {
      let direct = try object(
        CLI.run([
          "negotiate", Self.sixParty, "--framework", Self.bilateral, "--set",
          "nk_patience=\(row.label)", "--json",
        ]))
      let directRow = try #require(try rows(direct, key: "frameworks").first)
      let directFacts = try #require(direct["facts"] as? [String: String])
      // agreement, deal, six payoffs, delay
      #expect(row.values.count == 9)
      #expect(row.values[0] == directRow.values[0])
      #expect(Array(row.values[2..<8]) == Array(directRow.values[2..<8]), "\(row.label)")
      #expect(row.values[8] == directRow.values[8])
      #expect(
        spelled(row.values[1], facts: sweepFacts)
          == spelled(directRow.values[1], facts: directFacts))
    }
    // North Korea's payoff rises with its patience.
    let nk = sweepRows.map { $0.values[7] }
    #expect(nk.count == 3)
    #expect(nk.map { Double(rationalText: $0) } == nk.map { Double(rationalText: $0) }.sorted())
  }

  @Test func outreachSweepEqualsDirectSolves() throws {
    let sweep = try object(
      CLI.run([
        "sweep", Self.africa, "--outreach", "--param", "overseas_revenue", "--from", "200",
        "--to", "2000", "--step", "900", "--json",
      ]))
    let sweepRows = try rows(sweep, key: "overseas_revenues")
    #expect(sweepRows.map(\.label) == ["200", "1100", "2000"])
    for row in sweepRows {
      let direct = try object(
        CLI.run(["outreach", Self.africa, "--set", "overseas_revenue=\(row.label)", "--json"]))
      let facts = try #require(direct["facts"] as? [String: String])
      let targets = try rows(direct, key: "targets")
      #expect(facts["states that cut ties"]?.hasPrefix(row.values[0] + " of ") == true)
      #expect(
        targets.filter { $0.values.last == "cuts ties" }.map(\.label).joined(separator: ", ")
          == row.values[1])
      #expect(facts["North Korea revenue lost"] == row.values[2] + " (million USD per year)")
      #expect(facts["offered in all"] == row.values[3] + " (million USD per year)")
    }
  }

  /// Runs a sweep whole and in `n` shards (CSV) and checks that the shards' rows, merged in
  /// point order, are the whole table's.
  func checkShardsMerge(_ arguments: [String], shards n: Int) throws {
    func csvRows(_ extra: [String]) throws -> [String] {
      let run = CLI.run(arguments + ["--format", "csv"] + extra)
      #expect(run.status == 0, "\(run.errors)")
      return run.output.components(separatedBy: "\r\n").filter {
        !$0.isEmpty && !$0.hasPrefix("#")  // the provenance comments name the shard
      }
    }
    let whole = try csvRows([])
    let parts = try (1...n).map { try csvRows(["--shard", "\($0)/\(n)"]) }
    for part in parts { #expect(part.first == whole.first) }  // the same header
    var merged = [String]()
    let bodies = parts.map { Array($0.dropFirst()) }
    for i in 0..<(whole.count - 1) { merged.append(bodies[i % n][i / n]) }
    #expect(bodies.map(\.count).reduce(0, +) == whole.count - 1)
    #expect(merged == Array(whole.dropFirst()))
  }

  @Test func shardsMergeIntoTheWholeTable() throws {
    try checkShardsMerge(
      ["sweep", Self.africa, "--outreach", "--param", "overseas_revenue", "--from", "200",
        "--to", "2000", "--step", "300"], shards: 3)
    try checkShardsMerge(
      ["sweep", Self.sixParty, "--param", "nk_patience", "--from", "0.9", "--to", "0.99",
        "--step", "0.03", "--framework", Self.bilateral], shards: 2)
  }

  @Test func mistakesAreUsageErrors() {
    let unknown = CLI.run([
      "sweep", Self.sixParty, "--param", "patience", "--from", "0.9", "--to", "1", "--step",
      "0.1", "--framework", "mediation",
    ])
    #expect(unknown.status == 64)
    #expect(
      unknown.errors
        == "parley: error: --param: the model has no parameter 'patience'; its parameters are: "
        + "nk_patience, aid_budget\n")
    let both = CLI.run([
      "sweep", Self.africa, "--outreach", "--framework", "mediation", "--param", "x", "--from",
      "0", "--to", "1", "--step", "1",
    ])
    #expect(both.status == 64)
    let set = CLI.run(["negotiate", Self.sixParty, "--summary", "--set", "nk_patiance=0.9"])
    #expect(set.status == 64)
    #expect(set.errors.contains("no parameter 'nk_patiance'; its parameters are: nk_patience"))
    let bad = CLI.run(["outreach", Self.africa, "--set", "overseas_revenue"])
    #expect(bad.status == 64)
    let shard = CLI.run([
      "sweep", Self.africa, "--outreach", "--param", "overseas_revenue", "--from", "200", "--to",
      "300", "--step", "100", "--shard", "3/2",
    ])
    #expect(shard.status == 64)
    let step = CLI.run([
      "sweep", Self.africa, "--outreach", "--param", "overseas_revenue", "--from", "200", "--to",
      "300", "--step", "0",
    ])
    #expect(step.status == 64)
    #expect(step.errors.contains("the step must be positive"))
    // A value the model rejects is reported in the row, located in the file.
    let invalid = CLI.run([
      "sweep", Self.sixParty, "--param", "nk_patience", "--from", "1", "--to", "1.2", "--step",
      "0.2", "--framework", "mediation",
    ])
    #expect(invalid.status == 0)
    #expect(invalid.output.contains("six-party-talks.yaml:"))
    #expect(invalid.output.contains("the discount factor must lie in (0, 1], found 1.2"))
    #expect(invalid.output.contains("(with nk_patience = 6/5)"))
  }

  // MARK: - Grids

  static let gridArguments = [
    "sweep", "@/Models/negotiation/frameworks.yaml", "--param", "arbiter_doubt", "--from", "0",
    "--to", "1", "--step", "0.5", "--param2", "step_share", "--from2", "0.25", "--to2", "0.75",
    "--step2", "0.5", "--framework", "conventional", "--json",
  ]

  /// Every cell of a two-parameter grid equals a direct solve with both parameters set.
  @Test func gridSweepEqualsDirectSolves() throws {
    let grid = try object(CLI.run(Self.gridArguments))
    let gridRows = try rows(grid, key: "arbiter_doubts")
    #expect(gridRows.map(\.label) == ["0", "0.5", "1", "0", "0.5", "1"])
    #expect(gridRows.map { $0.values[0] } == ["0.25", "0.25", "0.25", "0.75", "0.75", "0.75"])
    let gridFacts = try #require(grid["facts"] as? [String: String])
    for row in gridRows {
      let direct = try object(
        CLI.run([
          "negotiate", "@/Models/negotiation/frameworks.yaml", "--framework", "conventional",
          "--set", "arbiter_doubt=\(row.label)", "--set", "step_share=\(row.values[0])",
          "--json",
        ]))
      let directRow = try #require(try rows(direct, key: "frameworks").first)
      let directFacts = try #require(direct["facts"] as? [String: String])
      // step_share, agreement, deal, six payoffs, delay
      #expect(row.values.count == 10)
      #expect(row.values[1] == directRow.values[0])
      #expect(Array(row.values[3..<9]) == Array(directRow.values[2..<8]), "\(row)")
      #expect(
        spelled(row.values[2], facts: gridFacts)
          == spelled(directRow.values[1], facts: directFacts))
    }
  }

  /// Shards of a grid, merged in flat point order, are the whole grid.
  @Test func gridShardsMergeIntoTheWholeGrid() throws {
    let whole = try rows(try object(CLI.run(Self.gridArguments)), key: "arbiter_doubts")
    var merged = [(label: String, values: [String])?](repeating: nil, count: whole.count)
    for k in 1...4 {
      let part = try rows(
        try object(CLI.run(Self.gridArguments + ["--shard", "\(k)/4"])), key: "arbiter_doubts")
      let flat = Array(stride(from: k - 1, to: whole.count, by: 4))
      #expect(part.count == flat.count)
      for (i, row) in zip(flat, part) { merged[i] = row }
    }
    #expect(merged.map { $0?.label } == whole.map(\.label))
    #expect(merged.map { $0?.values ?? [] } == whole.map(\.values))
  }

  @Test func gridMistakesAreUsageErrors() {
    let missing = CLI.run(Array(Self.gridArguments.prefix(12)) + ["--framework", "conventional"])
    #expect(missing.status != 0)
    #expect(missing.errors.contains("--from2"))
    let same = CLI.run([
      "sweep", "@/Models/negotiation/frameworks.yaml", "--param", "arbiter_doubt", "--from", "0",
      "--to", "1", "--step", "0.5", "--param2", "arbiter_doubt", "--from2", "0", "--to2", "1",
      "--step2", "0.5", "--framework", "conventional",
    ])
    #expect(same.status != 0)
    #expect(same.errors.contains("--param2"))
  }

  // MARK: - Breakpoints

  static let frameworks = "@/Models/negotiation/frameworks.yaml"

  /// North Korea's payoff under conventional arbitration, solved directly at `doubt`.
  func northKoreaUnderArbitration(_ doubt: String) throws -> Rational {
    let direct = try object(
      CLI.run([
        "negotiate", Self.frameworks, "--framework", "conventional", "--set",
        "arbiter_doubt=\(doubt)", "--json",
      ]))
    let row = try #require(try rows(direct, key: "frameworks").first)
    return try #require(Rational(row.values[7]))
  }

  /// Under conventional arbitration North Korea's payoff is linear in the arbitrator's doubt:
  /// the breakpoint where it reaches its disagreement payoff (1/2) is exact, 75/209, and
  /// direct solves on either side agree.
  @Test func breakpointIsExactOnALinearMargin() throws {
    let run = CLI.run([
      "sweep", Self.frameworks, "--param", "arbiter_doubt", "--from", "0.25", "--to", "0.5",
      "--step", "0.25", "--framework", "conventional", "--breakpoints", "--json",
    ])
    let both = try object(run)
    let located = try #require(both["breakpoints"] as? [String: Any])
    #expect(both["sweep"] is [String: Any])
    let list = try rows(located, key: "breakpoints")
    #expect(list.count == 1)
    let row = try #require(list.first)
    #expect(row.values[0] == "0.25 and 0.5")
    #expect(row.values[1].hasPrefix("75/209 "))
    #expect(row.values[3] == "North Korea back above disagreement")
    let half = Rational(1, 2)
    #expect(try northKoreaUnderArbitration("74/209") < half)
    #expect(try northKoreaUnderArbitration("75/209") == half)
    #expect(try northKoreaUnderArbitration("0.3588") < half)
    #expect(try northKoreaUnderArbitration("0.3589") > half)
  }

  /// Outreach flips are located by bisection; the bracket's ends solved directly give the
  /// flips before and after.
  @Test func outreachBreakpointsBracketTheFlips() throws {
    let run = CLI.run([
      "sweep", Self.africa, "--outreach", "--param", "sponsor_budget", "--from", "110",
      "--to", "125", "--step", "15", "--breakpoints", "--tolerance", "0.01", "--json",
    ])
    let both = try object(run)
    let located = try #require(both["breakpoints"] as? [String: Any])
    let list = try rows(located, key: "breakpoints")
    #expect(!list.isEmpty)
    func flips(_ budget: String) throws -> Int {
      let direct = try object(
        CLI.run(["outreach", Self.africa, "--set", "sponsor_budget=\(budget)", "--json"]))
      let facts = try #require(direct["facts"] as? [String: String])
      let text = try #require(facts["states that cut ties"])
      return try #require(Int(text.prefix { $0.isNumber }))
    }
    for row in list {
      // "[L, U]" and "flips A → B: ..."
      let bracket = row.values[1].dropFirst().dropLast().split(separator: ",")
        .map { $0.trimmingCharacters(in: .whitespaces) }
      let lower = try #require(Rational(bracket[0]))
      let upper = try #require(Rational(bracket[1]))
      #expect(upper - lower <= Rational(1, 100))
      let counts = row.values[3].dropFirst("flips ".count).prefix { $0 != ":" }
        .split(separator: " ").compactMap { Int($0) }
      #expect(counts.count == 2)
      #expect(try flips(bracket[0]) == counts.first)
      #expect(try flips(bracket[1]) == counts.last)
    }
  }

  @Test func breakpointsRefuseShards() {
    let run = CLI.run([
      "sweep", Self.frameworks, "--param", "arbiter_doubt", "--from", "0", "--to", "1",
      "--step", "0.5", "--framework", "conventional", "--breakpoints", "--shard", "1/2",
    ])
    #expect(run.status != 0)
    #expect(run.errors.contains("--breakpoints"))
  }
}

extension Double {
  /// `p/q` or a decimal, as a Double.
  init(rationalText text: String) {
    let parts = text.split(separator: "/")
    if parts.count == 2, let p = Double(parts[0]), let q = Double(parts[1]) {
      self = p / q
    } else {
      self = Double(text) ?? .nan
    }
  }
}
