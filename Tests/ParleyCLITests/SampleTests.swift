// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
import _TestSupport

/// `parley sample`: draws reproducible from the seed, the per-draw rows equal direct solves
/// at the drawn values, shards merge into the whole run, and mistakes are usage errors.
@Suite struct SampleTests {
  static let sixParty = "@/Models/negotiation/six-party-talks.yaml"
  static let africa = "@/Models/negotiation/africa-outreach.yaml"

  func csvRows(_ arguments: [String]) -> [String] {
    let run = CLI.run(arguments + ["--format", "csv"])
    #expect(run.status == 0, "\(run.errors)")
    return run.output.components(separatedBy: "\r\n").filter {
        !$0.isEmpty && !$0.hasPrefix("#")  // the provenance comments name the shard
      }
  }

  @Test func shardsMergeIntoTheWholeRunAndSeedsRepeat() throws {
    let arguments = ["sample", Self.africa, "5", "--seed", "9", "--outreach", "--draws"]
    let whole = csvRows(arguments)
    #expect(whole.count == 6)  // a header and five draws
    #expect(whole[1].hasPrefix("0,"))
    let n = 2
    let parts = (1...n).map { csvRows(arguments + ["--shard", "\($0)/\(n)"]) }
    for part in parts { #expect(part.first == whole.first) }
    let bodies = parts.map { Array($0.dropFirst()) }
    var merged = [String]()
    for i in 0..<(whole.count - 1) { merged.append(bodies[i % n][i / n]) }
    #expect(merged == Array(whole.dropFirst()))
    // The same seed again draws the same; another seed does not.
    #expect(
      csvRows(arguments + ["--shard", "1/5"])
        == [whole[0], whole[1]])
    let other = csvRows(["sample", Self.africa, "1", "--seed", "10", "--outreach", "--draws"])
    #expect(other[1] != whole[1])
  }

  @Test func negotiationSummaryListsEveryActor() throws {
    let run = CLI.run([
      "sample", Self.sixParty, "3", "--framework", "bilateral=United States,North Korea",
      "--json",
    ])
    #expect(run.status == 0, "\(run.errors)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    let facts = try #require(object["facts"] as? [String: String])
    #expect(facts["draws"] == "3 (seed 1)")
    #expect(facts["drawn nk_patience"]?.hasPrefix("uniform on [0.9, 0.995]") == true)
    #expect(facts["solved"] == "3 of 3 draws (100.0%)")
    let outcomes = facts.filter { $0.key.hasPrefix("outcome ") }
    let counts = outcomes.values.map { Int($0.split(separator: " ")[0]) ?? -1 }
    #expect(counts.reduce(0, +) == 3)
    let rows = try #require(object["statistics"] as? [[String: Any]])
    #expect(
      rows.map { $0["label"] as? String ?? "" }
        == [
          "agreement", "United States", "China", "South Korea", "Japan", "Russia",
          "North Korea", "delay",
        ])
  }

  @Test func drawsEqualDirectSolves() throws {
    let run = CLI.run([
      "sample", Self.africa, "2", "--seed", "4", "--outreach", "--draws",
      "--json",
    ])
    #expect(run.status == 0, "\(run.errors)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    let rows = try #require(object["draws"] as? [[String: Any]])
    #expect(rows.count == 2)
    for row in rows {
      let values = try #require(row["values"] as? [String])
      // The drawn revenue is printed to 6 decimals; the number of flips changes only at a
      // threshold, which these draws are far from.
      let direct = CLI.run([
        "outreach", Self.africa, "--set", "overseas_revenue=\(values[0])", "--json",
      ])
      let facts =
        try #require(
          try JSONSerialization.jsonObject(with: Data(direct.output.utf8)) as? [String: Any])[
          "facts"] as? [String: String]
      #expect(facts?["states that cut ties"]?.hasPrefix(values[1] + " of ") == true)
    }
  }

  @Test func gameDrawsEqualDirectSolvesAndRepeat() throws {
    let triangle = "@/Models/case/triangle-parametric.yaml"
    let arguments = ["sample", triangle, "8", "--seed", "11", "--method", "pure", "--draws"]
    let drawn = csvRows(arguments)
    #expect(drawn.count == 9)
    #expect(drawn[0].hasPrefix("draw,distrust,face,equilibria,which,"))
    #expect(csvRows(arguments) == drawn)
    // Each draw's equilibria are those of a sweep of one point at its (rounded) values:
    // the equilibria change only where a payoff difference crosses zero, at integers.
    /// The cells of a CSV row (quoted cells may hold commas).
    func split(_ row: String) -> [String] {
      var out = [""]
      var quoted = false
      for c in row {
        if c == "\"" {
          quoted.toggle()
        } else if c == ",", !quoted {
          out.append("")
        } else {
          out[out.count - 1].append(c)
        }
      }
      return out
    }
    for row in drawn.dropFirst().prefix(4) {
      let cells = split(row)
      let direct = csvRows([
        "sweep", triangle, "--param", "face", "--from", cells[2], "--to", cells[2], "--step",
        "1", "--set", "distrust=\(cells[1])", "--method", "pure",
      ])
      let point = split(direct[1])
      #expect(point.count == 6)
      #expect(point[1] == cells[3])  // the number of equilibria
      #expect(point[2] == cells[4])  // which
    }
    // The summary's frequencies of the sets of equilibria add up to the draws.
    let run = CLI.run(["sample", triangle, "200", "--seed", "2", "--method", "pure", "--json"])
    #expect(run.status == 0, "\(run.errors)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    let facts = try #require(object["facts"] as? [String: String])
    let counts = facts.filter { $0.key.hasPrefix("equilibria (") }.values.map {
      Int($0.split(separator: " ")[0]) ?? -1
    }
    #expect(counts.reduce(0, +) == 200)
    #expect(facts["solved"] == "200 of 200 draws (100.0%)")
  }

  @Test func mistakesAreUsageErrors() {
    let neither = CLI.run(["sample", Self.africa, "5"])
    #expect(neither.status == 64)
    let zero = CLI.run(["sample", Self.africa, "0", "--outreach"])
    #expect(zero.status == 64)
    #expect(zero.errors.contains("the number of draws must lie between 1 and"))
    let fixed = CLI.run([
      "sample", Self.africa, "5", "--outreach", "--set", "overseas_revenue=500",
    ])
    #expect(fixed.status == 64)
    #expect(fixed.errors.contains("no parameter left to draw"))
    let unknown = CLI.run(["sample", Self.africa, "5", "--outreach", "--set", "x=1"])
    #expect(unknown.status == 64)
    #expect(unknown.errors.contains("no parameter 'x'"))
    let shard = CLI.run(["sample", Self.africa, "5", "--outreach", "--shard", "3/2"])
    #expect(shard.status == 64)
  }
}
