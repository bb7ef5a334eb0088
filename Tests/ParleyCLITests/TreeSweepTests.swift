// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Negotiation
import Testing
import _TestSupport

@testable import ParleyCLI

/// `parley sweep` and `parley sample` on a parametric game tree (`parley: tree`): a sweep's
/// rows equal direct solves at the same points, its breakpoints are exact where the margins
/// are linear, shards merge into the whole table, Monte Carlo draws repeat from the seed and
/// equal direct solves at the drawn values, and mistakes are usage errors.
@Suite struct TreeSweepTests {
  static let race = "@/Models/case/sanctions-race.yaml"
  static let raceURL = Fixtures.repositoryRoot.appendingPathComponent(
    "Models/case/sanctions-race.yaml")

  func object(_ run: Run) throws -> [String: Any] {
    #expect(run.status == 0, "\(run.errors)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
  }

  func rows(_ object: [String: Any], key: String) throws -> [(label: String, values: [String])] {
    let list = try #require(object[key] as? [[String: Any]])
    return list.map { ($0["label"] as? String ?? "", $0["values"] as? [String] ?? []) }
  }

  /// The equilibria of the race at `overrides` by `method`, solved directly.
  static func direct(_ overrides: [String: Rational], method: SolverName = .pure) throws
    -> (game: ExtensiveFormGame<Rational>, result: BehaviorSolverResult<Rational>)
  {
    let game = try TreeFile.readParametric(contentsOf: raceURL).instantiate(overrides: overrides)
    return (game, try method.solve(tree: game))
  }

  @Test func treeSweepEqualsDirectSolves() throws {
    let sweep = try object(
      CLI.run([
        "sweep", Self.race, "--param", "k", "--from", "1", "--to", "6", "--step", "2.5",
        "--method", "pure", "--json",
      ]))
    let sweepRows = try rows(sweep, key: "ks")
    #expect(sweepRows.map(\.label) == ["1", "3.5", "6"])
    for row in sweepRows {
      let (game, result) = try Self.direct(["k": try #require(Rational(row.label))])
      #expect(row.values[0] == String(result.equilibria.count), "\(row.label)")
      let spelled = result.equilibria.prefix(3).map { TreeText.spell($0, in: game) }
      #expect(row.values[1].hasPrefix(spelled.joined(separator: "; ")), "\(row.label)")
      let first = try #require(result.equilibria.first)
      #expect(Array(row.values[3...]) == game.expectedPayoffs(first).map(\.description))
    }
    // At the stated k = 2 the sweep finds the .efg's two pure equilibria and payoffs.
    let atDefault = try rows(
      object(
        CLI.run([
          "sweep", Self.race, "--param", "k", "--from", "2", "--to", "2", "--step", "1",
          "--method", "pure", "--json",
        ])), key: "ks")
    #expect(atDefault.first?.values[0] == "2")
    #expect(Array(atDefault.first?.values[2...] ?? []) == ["S, kept, strict", "5", "-7", "0"])
  }

  /// North Korea stops replacing its fronts under semi-automatic designation at k = 7·q_semi
  /// = 7/4 when China is lax where the designation was evaded (at 4·q_semi = 1 when strict),
  /// and under reactive designation at 21/4 (or 3): every breakpoint is exact.
  @Test func breakpointsAreExactAtTheReplacementThresholds() throws {
    let both = try object(
      CLI.run([
        "sweep", Self.race, "--param", "k", "--from", "0", "--to", "8", "--step", "1",
        "--method", "pure", "--breakpoints", "--json",
      ]))
    let located = try #require(both["breakpoints"] as? [String: Any])
    let list = try rows(located, key: "breakpoints")
    #expect(
      list.map { $0.values[1] } == [
        "1 (change from here)", "1.75 (change from here)", "1.75 (change just above)",
        "3 (change from here)", "5.25 (change from here)",
      ])
    #expect(list.allSatisfy { $0.values[2].hasPrefix("exact: ") })
    // Direct solves: the counts change exactly there.
    func count(_ k: Rational) throws -> Int { try Self.direct(["k": k]).result.equilibria.count }
    let tiny = Rational(1, 1_000_000_000)
    #expect(try count(1 - tiny) == 1)
    #expect(try count(1) == 2)
    #expect(try count(Rational(7, 4) - tiny) == 2)
    #expect(try count(Rational(7, 4)) == 3)
    #expect(try count(Rational(7, 4) + tiny) == 2)
    #expect(try count(Rational(21, 4) - tiny) == 4)
    #expect(try count(Rational(21, 4)) == 6)
  }

  /// Sharded tree sweeps (CSV) and their shard files merge into the whole table.
  @Test func shardsMergeIntoTheWholeTable() throws {
    let arguments = [
      "sweep", Self.race, "--param", "q_semi", "--from", "0", "--to", "1", "--step", "0.25",
      "--method", "pure", "--format", "csv",
    ]
    func csvRows(_ extra: [String]) -> [String] {
      let run = CLI.run(arguments + extra)
      #expect(run.status == 0, "\(run.errors)")
      return run.output.components(separatedBy: "\r\n").filter {
        !$0.isEmpty && !$0.hasPrefix("#")
      }
    }
    let whole = csvRows([])
    #expect(whole.count == 6)
    let parts = (1...2).map { csvRows(["--shard", "\($0)/2"]) }
    let bodies = parts.map { Array($0.dropFirst()) }
    var merged = [String]()
    for i in 0..<(whole.count - 1) { merged.append(bodies[i % 2][i / 2]) }
    #expect(merged == Array(whole.dropFirst()))
    // Shard files, then `parley merge`: the unsharded table.
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("parley-tree-shards-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    for k in 1...2 {
      let run = CLI.run(arguments + ["--shard", "\(k)/2", "--results", folder.path])
      #expect(run.status == 0, "\(run.errors)")
    }
    let merge = CLI.run(["merge", folder.path])
    #expect(merge.status == 0, "\(merge.errors)")
    #expect(
      merge.output.components(separatedBy: "\r\n").filter { !$0.isEmpty && !$0.hasPrefix("#") }
        == whole)
  }

  /// A grid of two parameters: each slice equals the one-parameter sweep with the second
  /// parameter set.
  @Test func gridSweepEqualsSlices() throws {
    let grid = try rows(
      object(
        CLI.run([
          "sweep", Self.race, "--param", "k", "--from", "1", "--to", "3", "--step", "2",
          "--param2", "c", "--from2", "1", "--to2", "4", "--step2", "3", "--method", "pure",
          "--json",
        ])), key: "ks")
    #expect(grid.count == 4)
    for c in ["1", "4"] {
      let slice = try rows(
        object(
          CLI.run([
            "sweep", Self.race, "--param", "k", "--from", "1", "--to", "3", "--step", "2",
            "--set", "c=\(c)", "--method", "pure", "--json",
          ])), key: "ks")
      let mine = grid.filter { $0.values.first == c }
      #expect(mine.map(\.label) == slice.map(\.label))
      #expect(mine.map { Array($0.values.dropFirst()) } == slice.map(\.values))
    }
  }

  /// The same seed gives the same draws; each draw's row is the direct solve at its exact
  /// drawn values; the summary's equilibrium frequencies add up to the draws.
  @Test func sampleRepeatsAndEqualsDirectSolves() throws {
    let arguments = ["sample", Self.race, "4", "--seed", "11", "--method", "pure", "--draws"]
    let first = CLI.run(arguments + ["--format", "csv"])
    let again = CLI.run(arguments + ["--format", "csv"])
    #expect(first.status == 0, "\(first.errors)")
    func body(_ run: Run) -> [String] {
      run.output.components(separatedBy: "\r\n").filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
    #expect(body(first) == body(again))
    #expect(body(first).count == 5)
    let other = CLI.run([
      "sample", Self.race, "4", "--seed", "12", "--method", "pure", "--draws",
      "--format", "csv",
    ])
    #expect(body(other) != body(first))
    // Each draw against a direct solve at the design's exact values.
    let table = try rows(object(CLI.run(arguments + ["--json"])), key: "draws")
    let parametric = try TreeFile.readParametric(contentsOf: Self.raceURL)
    let design = try MonteCarloDesign(parameters: parametric.parameters, count: 4, seed: 11)
    for (i, row) in table.enumerated() {
      let overrides = design.overrides(forDraw: design.values(draw: i))
      let (game, result) = try Self.direct(overrides)
      let n = design.drawn.count
      #expect(row.values[n] == String(result.equilibria.count))
      let e = try #require(result.equilibria.first)
      #expect(row.values[n + 1] == TreeText.spell(e, in: game))
      #expect(
        Array(row.values[(n + 2)...])
          == game.expectedPayoffs(e).map { $0.formatted(decimals: 4) })
    }
    // The summary.
    let summary = try object(CLI.run(["sample", Self.race, "6", "--method", "pure", "--json"]))
    let facts = try #require(summary["facts"] as? [String: String])
    #expect(facts["solved"] == "6 of 6 draws (100.0%)")
    let counts = facts.filter { $0.key.hasPrefix("equilibrium (") }.values.map {
      Int($0.split(separator: " ")[0]) ?? -1
    }
    #expect(counts.reduce(0, +) == 6)
    let paths = facts.filter { $0.key.hasPrefix("path ") }.values.map {
      Int($0.split(separator: " ")[0]) ?? -1
    }
    #expect(paths.reduce(0, +) == 6)
    let statistics = try rows(summary, key: "statistics")
    #expect(
      Array(statistics.prefix(4).map(\.label)) == [
        "equilibria", "Designators (first)", "North Korea (first)", "China (first)",
      ])
    #expect(statistics.dropFirst(4).allSatisfy { $0.label.hasPrefix("P(") })
  }

  @Test func mistakesAreUsageErrors() {
    let figure = CLI.run([
      "sweep", Self.race, "--param", "k", "--from", "0", "--to", "1", "--step", "1",
      "--method", "pure", "--figure", "svg",
    ])
    #expect(figure.status == 64)
    #expect(figure.errors.contains("--figure: a tree sweep is a table"))
    let unknown = CLI.run([
      "sweep", Self.race, "--param", "speed", "--from", "0", "--to", "1", "--step", "1",
      "--method", "pure",
    ])
    #expect(unknown.status == 64)
    #expect(unknown.errors.contains("the model has no parameter 'speed'; its parameters are: "))
    let shards = CLI.run([
      "sample", Self.race, "4", "--method", "pure", "--results", "/tmp/never-written",
    ])
    #expect(shards.status == 64)
    #expect(shards.errors.contains("not for a tree (--method)"))
    let both = CLI.run(["sample", Self.race, "4", "--method", "pure", "--outreach"])
    #expect(both.status == 64)
    // A method that needs perfect information fails at every point, with the reason.
    let spe = CLI.run([
      "sweep", Self.race, "--param", "k", "--from", "0", "--to", "1", "--step", "1",
      "--method", "spe",
    ])
    #expect(spe.status == 0)
    #expect(spe.output.contains("backward induction needs perfect information"))
  }
}
