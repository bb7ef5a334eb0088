// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
import _TestSupport

/// `parley coop` and `parley forecast`, end to end against golden files.
@Suite struct CoopCLITests {
  static let goldenCases: [GoldenCase] = [
    GoldenCase(
      golden: "coop-security-council.txt",
      arguments: ["coop", "--weights", "39; 7x5, 1x10"]),
    GoldenCase(
      golden: "coop-security-council-vetoes.txt",
      arguments: ["coop", "--weights", "9; 1x15 & 5; 1x5, 0x10", "-s", "shapley-shubik"]),
    GoldenCase(
      golden: "coop-eec-decimals.md",
      arguments: ["coop", "--weights", "12; 4,4,4,2,2,1", "--decimals", "4", "-f", "markdown"]),
    GoldenCase(
      golden: "coop-bankruptcy.txt",
      arguments: ["coop", "@/Models/coop/bankruptcy-200.txt"]),
    GoldenCase(
      golden: "coop-bankruptcy-nucleolus.json",
      arguments: ["coop", "@/Models/coop/bankruptcy-200.txt", "-s", "nucleolus", "--json"]),
    GoldenCase(
      golden: "coop-bankruptcy-core-vertices.csv",
      arguments: ["coop", "@/Models/coop/bankruptcy-200.txt", "-s", "core-vertices", "-f", "csv"]),
    GoldenCase(
      golden: "coop-council-nucleolus.tex",
      arguments: ["coop", "@/Models/coop/security-council.txt", "-s", "nucleolus", "-f", "latex"]),
    GoldenCase(
      golden: "coop-council-mc.txt",
      arguments: [
        "coop", "--weights", "39; 7x5, 1x10", "-s", "shapley-mc", "--samples", "2000",
        "--seed", "7", "--decimals", "4",
      ]),
    GoldenCase(
      golden: "forecast-ec.txt",
      arguments: ["forecast", "@/Models/forecast/ec-emissions.csv", "--rounds", "4", "--moves"]),
    GoldenCase(
      golden: "forecast-ec-masad.csv",
      arguments: [
        "forecast", "@/Models/forecast/ec-emissions.csv", "--rounds", "6",
        "--variant", "masad", "-f", "csv",
      ]),
    GoldenCase(
      golden: "forecast-ec-code.json",
      arguments: [
        "forecast", "@/Models/forecast/ec-emissions.csv", "--rounds", "3",
        "--variant", "scholz-code", "--json",
      ]),
  ]

  /// JSON with the measured `seconds` replaced by a fixed value.
  static func fixedSeconds(_ json: String) -> String {
    json.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasPrefix("  \"seconds\": ") ? "  \"seconds\": 0.001" : String(line)
    }.joined(separator: "\n")
  }

  @Test(arguments: goldenCases)
  func outputMatchesGolden(_ c: GoldenCase) throws {
    let run = CLI.run(c.arguments)
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.errors == "")
    let text = c.golden.hasSuffix(".json") ? Self.fixedSeconds(run.output) : run.output
    try CLI.checkGolden(text, named: c.golden)
  }

  @Test func badInputGivesOneClearLine() throws {
    let quota = CLI.run(["coop", "--weights=-3; 1, 2"])
    #expect(quota.status == 65)
    #expect(quota.errors == "parley: error: --weights: the quota must be positive, got -3\n")
    let over = CLI.run(["coop", "--weights", "10; 1, 2"])
    #expect(over.errors.contains("exceeds the total weight 3"))
    let dir = FileManager.default.temporaryDirectory
    let bad = dir.appendingPathComponent("parley-coop-bad-\(UInt32.random(in: 0...UInt32.max)).txt")
    try "order: lex\n1, 2, 3, 4\n".write(to: bad, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: bad) }
    let length = CLI.run(["coop", bad.path])
    #expect(length.status == 65)
    #expect(
      length.errors.hasSuffix(
        ":2:1: error: a characteristic function of n players has 2^n - 1 values "
          + "(1, 3, 7, 15, …); got 4\n"
      ))
    try "1, 2, 3\n".write(to: bad, atomically: true, encoding: .utf8)
    #expect(CLI.run(["coop", bad.path]).errors.contains("state the order of the worths"))
    let both = CLI.run(["coop", bad.path, "--weights", "1; 1"])
    #expect(both.status == 64)
    let notSimple = CLI.run(["coop", "@/Models/coop/bankruptcy-200.txt", "-s", "holler"])
    #expect(notSimple.status == 65 && notSimple.errors.contains("simple games"))
    let big = CLI.run(["coop", "--weights", "30; 1x40", "-s", "nucleolus"])
    #expect(big.status == 65 && big.errors.contains("at most 25 players"))
  }

  @Test func largeWeightedGamesUseTheDynamicProgramme() {
    let run = CLI.run(["coop", "--weights", "101; 1x200", "-s", "banzhaf", "--decimals", "6"])
    #expect(run.status == 0)
    #expect(run.output.contains("0.005000"))
  }

  @Test func forecastErrors() throws {
    let dir = FileManager.default.temporaryDirectory
    let bad = dir.appendingPathComponent("parley-forecast-\(UInt32.random(in: 0...UInt32.max)).csv")
    try "Actor,Capability,Position,Salience\nA,1,2,x\n".write(
      to: bad, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: bad) }
    let run = CLI.run(["forecast", bad.path])
    #expect(run.status == 65)
    #expect(run.errors.hasSuffix(":2:7: error: expected a number for salience, found \"x\"\n"))
    let rounds = CLI.run(["forecast", "@/Models/forecast/ec-emissions.csv", "--rounds", "-1"])
    #expect(rounds.status == 64)
  }
}
