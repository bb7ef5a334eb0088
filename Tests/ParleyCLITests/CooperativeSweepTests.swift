// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import GameSolvers
import Negotiation
import Testing
import _TestSupport

@testable import ParleyCLI

/// `bargain`, `coop`, `sweep` and `sample` on the parametric bargaining and coalitional
/// models: the YAML models solve as the text files do, `--set` changes a parameter, a
/// sweep's rows and breakpoints equal direct solves, a Monte Carlo run is reproducible
/// from its seed and its draws equal direct solves, and mistakes are usage errors.
@Suite struct CooperativeSweepTests {
  static let partners = "@/Models/bargaining/partners.yaml"
  static let bankruptcy = "@/Models/coop/bankruptcy.yaml"
  static let financing = "@/Models/coop/peace-financing.yaml"

  static func url(_ file: String) -> URL {
    Fixtures.repositoryRoot.appendingPathComponent(String(file.dropFirst(2)))
  }

  func object(_ run: Run) throws -> [String: Any] {
    #expect(run.status == 0, "\(run.errors)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
  }

  func rows(_ object: [String: Any], key: String) throws -> [(label: String, values: [String])] {
    let list = try #require(object[key] as? [[String: Any]])
    return list.map { ($0["label"] as? String ?? "", $0["values"] as? [String] ?? []) }
  }

  /// The rows of `bargain`'s "Solutions" table, by solution.
  func solutions(_ arguments: [String]) throws -> [String: [String]] {
    let report = try object(CLI.run(["bargain"] + arguments + ["--json"]))
    let tables = try #require(report["tables"] as? [[String: Any]])
    let table = try #require(tables.first { $0["title"] as? String == "Solutions" })
    let list = try #require(table["rows"] as? [[String]])
    return Dictionary(uniqueKeysWithValues: list.map { ($0[0], Array($0.dropFirst())) })
  }

  // MARK: - bargain and coop

  @Test func modelsSolveAsTheTextFilesAndTakeSettings() throws {
    // At its values partners.yaml is partners.txt.
    let yaml = try solutions([Self.partners])
    let text = try solutions(["@/Models/bargaining/partners.txt"])
    #expect(yaml == text)
    // split = 6 puts sharing the lead on the frontier: Nash and egalitarian pick it.
    let six = try solutions([Self.partners, "--set", "split=6"])
    #expect(six["nash"]?.prefix(3) == ["6", "6", "split=1"])
    #expect(six["egalitarian"]?.prefix(3) == ["6", "6", "split=1"])
    // The Talmud's divisions are the nucleolus at the three estates.
    for (estate, division) in [
      ("100", ["100/3", "100/3", "100/3"]), ("200", ["50", "75", "75"]),
      ("300", ["50", "100", "150"]),
    ] {
      let table = try object(
        CLI.run([
          "coop", Self.bankruptcy, "-s", "nucleolus", "--set", "estate=\(estate)", "--json",
        ]))
      let row = try #require(try rows(table, key: "solutions").first)
      #expect(row.values == division, "estate \(estate)")
    }
    let text200 = try object(
      CLI.run(["coop", "@/Models/coop/bankruptcy-200.txt", "-s", "nucleolus", "--json"]))
    #expect(try rows(text200, key: "solutions").first?.values == ["50", "75", "75"])
  }

  @Test func settingsOnTextFilesAndUnknownParametersAreUsageErrors() {
    let text = CLI.run(["bargain", "@/Models/bargaining/partners.txt", "--set", "split=6"])
    #expect(text.status == 64)
    #expect(text.errors.contains("text format, which has no parameters"))
    let coop = CLI.run(["coop", "@/Models/coop/bankruptcy-200.txt", "--set", "estate=1"])
    #expect(coop.status == 64)
    let unknown = CLI.run(["coop", Self.bankruptcy, "--set", "estat=1"])
    #expect(unknown.status == 64)
    #expect(unknown.errors.contains("its parameters are: estate, claim_a, claim_b, claim_c"))
    let weights = CLI.run(["coop", "--weights", "2; 1, 1, 1", "--set", "x=1"])
    #expect(weights.status == 64)
  }

  /// A session loads a YAML problem at its values; `bargain FILE --set` reads the file, a
  /// loaded problem refuses `--set`.
  @Test func sessionLoadsTheYAMLProblem() throws {
    let scratch = try Scratch()
    let transcript = Transcript()
    var runner = scratch.runner(transcript, echo: false)
    #expect(runner.run(line: "load Models/bargaining/partners.yaml as p") == .success)
    #expect(transcript.value.contains("p: bargaining problem, 4 deals"))
    #expect(runner.run(line: "bargain p") == .success)
    #expect(transcript.value.contains("67/12"))
    #expect(runner.run(line: "bargain Models/bargaining/partners.yaml --set split=6") == .success)
    #expect(runner.run(line: "bargain p --set split=6") != .success)
  }

  // MARK: - Sweeps

  /// Each point of a bargaining sweep equals `bargain --set` there (utilities and deals).
  @Test func bargainingSweepEqualsDirectSolves() throws {
    let sweep = try object(
      CLI.run([
        "sweep", Self.partners, "--param", "split", "--from", "4", "--to", "7", "--step", "1",
        "--solution", "all", "--json",
      ]))
    let columns = try #require(sweep["columns"] as? [String])
    #expect(
      columns == [
        "nash: Ann", "nash: Bob", "nash: deal", "weighted nash: Ann", "weighted nash: Bob",
        "weighted nash: deal", "ks: Ann", "ks: Bob", "ks: deal", "egalitarian: Ann",
        "egalitarian: Bob", "egalitarian: deal",
      ])
    let list = try rows(sweep, key: "splits")
    #expect(list.map(\.label) == ["4", "5", "6", "7"])
    let names = [
      "nash": "nash", "nash (weights 1 2)": "weighted nash", "kalai-smorodinsky": "ks",
      "egalitarian": "egalitarian",
    ]
    for row in list {
      let direct = try solutions([Self.partners, "--set", "split=\(row.label)"])
      for (report, sweepName) in names {
        let k = try #require(columns.firstIndex(of: "\(sweepName): Ann"))
        let d = try #require(direct[report])
        #expect(Array(row.values[k..<(k + 2)]) == Array(d.prefix(2)), "\(row.label) \(report)")
        // The deals: "a=p b=q" in the report, "a p, b q" (or "a" alone) in the sweep.
        let used = d[2].split(separator: " ").map { $0.split(separator: "=")[0] }
        let swept = row.values[k + 2].split(separator: ",").map {
          $0.trimmingCharacters(in: .whitespaces).split(separator: " ")[0]
        }
        #expect(used == swept, "\(row.label) \(report)")
      }
    }
  }

  /// The breakpoints of the split sweep are exact, and direct solves on either side agree:
  /// at 68/13 the split deal reaches the frontier (every solution changes just above), the
  /// Nash solution is the split alone from 11/2, the weighted one from 6.
  @Test func bargainingBreakpointsAgreeWithDirectSolves() throws {
    let both = try object(
      CLI.run([
        "sweep", Self.partners, "--param", "split", "--from", "4", "--to", "8", "--step", "1",
        "--solution", "all", "--breakpoints", "--json",
      ]))
    let located = try #require(both["breakpoints"] as? [String: Any])
    let list = try rows(located, key: "breakpoints")
    #expect(list.map { $0.values[1] } == [
      "68/13 (change just above)", "5.5 (change from here)", "6 (change from here)",
    ])
    #expect(list.allSatisfy { $0.values[2].hasPrefix("exact: ") })
    let parametric = try BargainingFile.readParametric(contentsOf: Self.url(Self.partners))
    func support(_ concept: BargainingConcept, at x: Rational) throws -> [String] {
      let p = try parametric.instantiate(overrides: ["split": x])
      return BargainingPoint(try concept.solve(p)).support.map { p.problem.dealNames[$0] }
    }
    let tiny = Rational(1, 1_000_000_000)
    let edge = Rational(68, 13)
    for c in [BargainingConcept.nash, .weightedNash, .kalaiSmorodinsky, .egalitarian] {
      #expect(try support(c, at: edge) == ["ann-leads", "bob-leads"], "\(c)")
      #expect(try support(c, at: edge + tiny).contains("split"), "\(c)")
    }
    #expect(try support(.nash, at: Rational(11, 2) - tiny) == ["split", "ann-leads"])
    #expect(try support(.nash, at: Rational(11, 2)) == ["split"])
    #expect(try support(.weightedNash, at: 6 - tiny) == ["split", "bob-leads"])
    #expect(try support(.weightedNash, at: 6) == ["split"])
  }

  /// Each point of a coalitional sweep equals `coop --set` there; the bankruptcy game's
  /// core is never empty (the game is convex).
  @Test func coalitionalSweepEqualsDirectSolves() throws {
    let sweep = try object(
      CLI.run([
        "sweep", Self.bankruptcy, "--param", "estate", "--from", "100", "--to", "500",
        "--step", "100", "--solution", "all", "--json",
      ]))
    let list = try rows(sweep, key: "estates")
    #expect(list.count == 5)
    for row in list {
      for (k, solution) in [(0, "shapley"), (3, "nucleolus")] {
        let direct = try object(
          CLI.run([
            "coop", Self.bankruptcy, "-s", solution, "--set", "estate=\(row.label)", "--json",
          ]))
        let d = try #require(try rows(direct, key: "solutions").first)
        #expect(Array(row.values[k..<(k + 3)]) == d.values, "\(row.label) \(solution)")
      }
      #expect(row.values[6] == "non-empty")
    }
    // The Talmud's divisions, in the sweep too.
    #expect(Array(list[1].values[3..<6]) == ["50", "75", "75"])
    #expect(Array(list[2].values[3..<6]) == ["50", "100", "150"])
  }

  /// The financing game's core becomes non-empty once South Korea is a veto player: when
  /// the need exceeds what the other donors have together (0.07).
  @Test func coreBreakpointBracketsTheVetoThreshold() throws {
    let both = try object(
      CLI.run([
        "sweep", Self.financing, "--param", "need", "--from", "0.05", "--to", "0.12", "--step",
        "0.01", "--solution", "core", "--breakpoints", "--json",
      ]))
    let sweep = try #require(both["sweep"] as? [String: Any])
    let cores = try rows(sweep, key: "needs").map { $0.values[0] }
    #expect(cores == ["empty", "empty", "empty", "non-empty", "non-empty", "non-empty",
      "non-empty", "non-empty"])
    let located = try #require(both["breakpoints"] as? [String: Any])
    let list = try rows(located, key: "breakpoints")
    #expect(list.count == 1)
    let cells = try #require(list.first?.values)
    #expect(cells[0] == "0.07 and 0.08")
    #expect(cells[1].hasPrefix("[0.070000000, 0.07000"))
    #expect(cells[3] == "the core becomes non-empty")
    // Direct solves: empty at 0.07, non-empty just above.
    let parametric = try CoalitionalGameFile.readParametric(
      contentsOf: Self.url(Self.financing))
    func empty(_ need: Rational) throws -> Bool? {
      let model = try parametric.instantiate(overrides: ["need": need])
      return CoalitionalPoint.solve(model.content, concepts: [.core]).coreIsEmpty
    }
    #expect(try empty(Rational(7, 100)) == true)
    #expect(try empty(Rational(7, 100) + Rational(1, 1_000_000)) == false)
  }

  /// A grid of two parameters and shards of a sweep: each row as in the one-parameter sweep.
  @Test func gridsAndShards() throws {
    let grid = try object(
      CLI.run([
        "sweep", Self.partners, "--param", "split", "--from", "5", "--to", "6", "--step", "1",
        "--param2", "ann_outside", "--from2", "0", "--to2", "1", "--step2", "1", "--solution",
        "nash", "--json",
      ]))
    let gridRows = try rows(grid, key: "splits")
    #expect(gridRows.map(\.label) == ["5", "6", "5", "6"])
    #expect(gridRows.map { $0.values[0] } == ["0", "0", "1", "1"])
    let whole = try rows(
      try object(
        CLI.run([
          "sweep", Self.bankruptcy, "--param", "estate", "--from", "0", "--to", "600", "--step",
          "100", "--solution", "shapley", "--json",
        ])), key: "estates")
    let shard = try rows(
      try object(
        CLI.run([
          "sweep", Self.bankruptcy, "--param", "estate", "--from", "0", "--to", "600", "--step",
          "100", "--solution", "shapley", "--shard", "2/3", "--json",
        ])), key: "estates")
    #expect(shard.map(\.label) == ["100", "400"])
    #expect(shard.map(\.values) == [whole[1].values, whole[4].values])
  }

  @Test func sweepMistakesAreUsageErrors() {
    let wrongKind = CLI.run([
      "sweep", Self.bankruptcy, "--param", "estate", "--from", "0", "--to", "1", "--step", "1",
      "--solution", "nash",
    ])
    #expect(wrongKind.status == 64)
    #expect(wrongKind.errors.contains("--solution nash is for a bargaining problem"))
    let notModel = CLI.run([
      "sweep", "@/Models/negotiation/six-party-talks.yaml", "--param", "x", "--from", "0",
      "--to", "1", "--step", "1", "--solution", "shapley",
    ])
    #expect(notModel.status == 64)
    #expect(notModel.errors.contains("is not a parametric bargaining problem"))
    let two = CLI.run([
      "sweep", Self.partners, "--param", "split", "--from", "4", "--to", "5", "--step", "1",
      "--solution", "nash", "--outreach",
    ])
    #expect(two.status == 64)
    let results = CLI.run([
      "sweep", Self.partners, "--param", "split", "--from", "4", "--to", "5", "--step", "1",
      "--solution", "nash", "--results", "/tmp/parley-never-written",
    ])
    #expect(results.status == 64)
    #expect(!FileManager.default.fileExists(atPath: "/tmp/parley-never-written"))
  }

  @Test func weightedNashNeedsWeights() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parley-coop-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("plain.yaml")
    try """
      parley: bargaining
      version: 1
      name: Plain
      parameters:
        x: {value: 3, range: [0, 5], distribution: uniform}
      players: [Ann, Bob]
      disagreement: [0, 0]
      deals:
        - {name: a, utilities: [x, 1]}
        - {name: b, utilities: [1, 3]}
      """.write(to: file, atomically: true, encoding: .utf8)
    let unweighted = CLI.run([
      "sweep", file.path, "--param", "x", "--from", "0", "--to", "1", "--step", "1",
      "--solution", "weighted-nash",
    ])
    #expect(unweighted.status == 64)
    #expect(unweighted.errors.contains("the problem states no weights"))
    // `all` leaves the weighted solution out.
    let all = try object(
      CLI.run([
        "sweep", file.path, "--param", "x", "--from", "1", "--to", "3", "--step", "1",
        "--solution", "all", "--json",
      ]))
    #expect((all["columns"] as? [String])?.count == 9)
  }

  // MARK: - Monte Carlo

  @Test func samplesRepeatFromTheSeed() throws {
    for file in [Self.partners, Self.financing] {
      let arguments = ["sample", file, "40", "--seed", "3", "--solution", "all", "--format", "csv"]
      let first = CLI.run(arguments)
      #expect(first.status == 0, "\(first.errors)")
      let again = CLI.run(arguments)
      let other = CLI.run(
        ["sample", file, "40", "--seed", "4", "--solution", "all", "--format", "csv"])
      func body(_ r: Run) -> [String] {
        r.output.components(separatedBy: "\r\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
      }
      #expect(body(first) == body(again))
      #expect(body(first) != body(other))
    }
  }

  /// The listed draws equal direct solves at the drawn values (rebuilt from the design).
  @Test func drawsEqualDirectSolves() throws {
    let run = try object(
      CLI.run([
        "sample", Self.partners, "4", "--seed", "7", "--solution", "nash", "--draws", "--json",
      ]))
    let list = try rows(run, key: "draws")
    #expect(list.count == 4)
    let parametric = try BargainingFile.readParametric(contentsOf: Self.url(Self.partners))
    let design = try MonteCarloDesign(parameters: parametric.parameters, count: 4, seed: 7)
    for (i, row) in list.enumerated() {
      let problem = try parametric.instantiate(
        overrides: design.overrides(forDraw: design.values(draw: i)))
      let s = BargainingPoint(try BargainingConcept.nash.solve(problem))
      // split, ann_outside, then Ann, Bob, deal.
      #expect(row.values[2] == s.payoffs[0].formatted(decimals: 4))
      #expect(row.values[3] == s.payoffs[1].formatted(decimals: 4))
      #expect(
        row.values[4] == s.lotteryText(problem.problem.dealNames) { $0.formatted(decimals: 4) })
    }
    let coop = try object(
      CLI.run([
        "sample", Self.bankruptcy, "3", "--seed", "2", "--solution", "core", "--draws", "--json",
      ]))
    let coopRows = try rows(coop, key: "draws")
    let game = try CoalitionalGameFile.readParametric(contentsOf: Self.url(Self.bankruptcy))
    let coopDesign = try MonteCarloDesign(parameters: game.parameters, count: 3, seed: 2)
    for (i, row) in coopRows.enumerated() {
      let model = try game.instantiate(
        overrides: coopDesign.overrides(forDraw: coopDesign.values(draw: i)))
      guard case .characteristic(let g, _) = model.content else { continue }
      let epsilon = try #require(try CoreSolver().point(in: g).scalar)
      #expect(row.values[1] == "non-empty")
      #expect(row.values[2] == epsilon.formatted(decimals: 4))
    }
  }

  /// The summary counts the qualitative outcomes: how often each deal set is used, how
  /// often the core is empty.
  @Test func summariesCountOutcomes() throws {
    let bargaining = try object(
      CLI.run([
        "sample", Self.partners, "200", "--seed", "1", "--solution", "egalitarian", "--json",
      ]))
    let facts = try #require(bargaining["facts"] as? [String: String])
    let uses = facts.filter { $0.key.hasPrefix("egalitarian uses ") }
    let counted = uses.values.compactMap { Int($0.split(separator: " ")[0]) }.reduce(0, +)
    #expect(counted == 200)
    let statistics = try rows(bargaining, key: "statistics").map(\.label)
    #expect(statistics == ["Ann", "Bob"])
    let financing = try object(
      CLI.run(["sample", Self.financing, "100", "--seed", "1", "--solution", "core", "--json"]))
    let coreFacts = try #require(financing["facts"] as? [String: String])
    let empty = try #require(coreFacts["core empty"].flatMap { Int($0.split(separator: " ")[0]) })
    let nonEmpty = try #require(
      coreFacts["core non-empty"].flatMap { Int($0.split(separator: " ")[0]) })
    #expect(empty + nonEmpty == 100)
    #expect(empty > 0 && nonEmpty > 0)
  }

  @Test func sampleMistakesAreUsageErrors() {
    let both = CLI.run(["sample", Self.partners, "5", "--solution", "nash", "--outreach"])
    #expect(both.status == 64)
    let results = CLI.run([
      "sample", Self.partners, "5", "--solution", "nash", "--results", "/tmp/parley-never-written",
    ])
    #expect(results.status == 64)
    let kind = CLI.run(["sample", Self.partners, "5", "--solution", "core"])
    #expect(kind.status == 64)
  }
}
