// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ParleyCLI
import Testing
import _TestSupport

/// End-to-end runs of the bargaining and arbitration commands (whole stdout compared).
@Suite struct BargainingCommandTests {
  @Test func rubinsteinTable() {
    let r = CLI.run(["rubinstein", "--discount", "9/10", "4/5"])
    #expect(r.status == 0)
    #expect(
      r.output == """
        Rubinstein alternating offers
        closed form (Rubinstein 1982), exact, discounts=9/10,4/5, first proposer=1, horizon=infinite, complete

        Agreement in the first round
        Player  Share  Keeps when proposing
        ------  -----  --------------------
        1         5/7                   5/7
        2         2/7                  5/14

        """)
  }

  @Test func rubinsteinJSONAndErrors() {
    let r = CLI.run(["rubinstein", "--discount", "0.9", "0.8", "--horizon", "2", "--json"])
    #expect(r.status == 0)
    #expect(r.output.contains(#""rows": [["1", "1/5", "1/5"], ["2", "4/5", "1"]]"#))
    let bad = CLI.run(["rubinstein", "--discount", "1", "1"])
    #expect(bad.status == 65)
    #expect(bad.errors.contains("continuum of equilibria"))
    #expect(CLI.run(["rubinstein", "--discount", "1/2"]).status == 64)
  }

  @Test func baronFerejohnEqualRecognition() {
    let r = CLI.run([
      "baron-ferejohn", "--players", "3", "--quota", "2", "--discount", "1/2", "--json",
    ])
    #expect(r.status == 0)
    #expect(r.output.contains(#"["1", "1/3", "1/2", "1/3", "1/6", "5/6"]"#))
    let bad = CLI.run([
      "baron-ferejohn", "--players", "3", "--discount", "1/2", "--recognition", "1/2,1/2,1/2",
    ])
    #expect(bad.status == 65)
    #expect(bad.errors.contains("sum to 3/2, not 1"))
  }

  @Test func bargainFile() throws {
    let r = CLI.run(["bargain", "@/Models/bargaining/partners.txt", "--format", "csv"])
    #expect(r.status == 0)
    #expect(r.output.contains("nash,67/12,69/14,ann-leads=43/84 bob-leads=41/84,yes"))
    #expect(r.output.contains("egalitarian,68/13,68/13,ann-leads=6/13 bob-leads=7/13,yes"))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parley-bargain-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let bad = dir.appendingPathComponent("bad.txt")
    try "disagreement: 0 0\ndeal a: 1 x\n".write(to: bad, atomically: true, encoding: .utf8)
    let e = CLI.run(["bargain", bad.path])
    #expect(e.status == 65)
    #expect(e.errors.contains("bad.txt:2: error: 'x' is not a number"))
  }

  @Test func arbitration() {
    let f = CLI.run(["arbitrate", "final-offer", "--uniform", "40", "55", "--json"])
    #expect(f.status == 0)
    #expect(f.output.contains(#"["Firm's offer", "40"]"#) && f.output.contains(#""exact": true"#))
    let n = CLI.run(["arbitrate", "final-offer", "--normal", "100", "10", "--decimals", "3"])
    #expect(n.output.contains("Firm's offer               87.467"))
    let c = CLI.run([
      "arbitrate", "conventional", "--normal", "100", "10", "--union-risk", "0.02",
      "--firm-risk", "0.04", "--decimals", "2",
    ])
    #expect(c.output.contains("Contract zone width             3.00"))
    #expect(CLI.run(["arbitrate", "final-offer"]).status == 64)
  }

  @Test func figuresGoToTheOutputFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parley-figure-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let svg = dir.appendingPathComponent("partners.svg")
    let r = CLI.run([
      "bargain", "@/Models/bargaining/partners.txt", "--figure", "svg", "-o", svg.path,
    ])
    #expect(r.status == 0 && r.output == "" && r.errors == "")
    let text = try String(contentsOf: svg, encoding: .utf8)
    #expect(text.hasPrefix("<?xml") && text.contains(">Kalai–Smorodinsky</text>"))
    // Without --figure, -o takes the report.
    let csv = dir.appendingPathComponent("partners.csv")
    #expect(CLI.run(["bargain", "@/Models/bargaining/partners.txt", "-f", "csv", "-o", csv.path])
      .status == 0)
    #expect(try String(contentsOf: csv, encoding: .utf8).contains("nash,67/12,69/14"))
    // Three players cannot be drawn.
    let three = dir.appendingPathComponent("three.txt")
    try "disagreement: 0 0 0\ndeal a: 1 2 3\ndeal b: 3 2 1\n".write(
      to: three, atomically: true, encoding: .utf8)
    let e = CLI.run(["bargain", three.path, "--figure", "tikz"])
    #expect(e.status == 65 && e.errors.contains("two-player problems"))
    let png = CLI.run(["bargain", "@/Models/bargaining/partners.txt", "--figure", "png"])
    #expect(png.status == 64)
  }

  @Test func negotiationFigureNeedsTwoActors() {
    let model = "@/Models/negotiation/six-party-talks.yaml"
    let missing = CLI.run(["negotiate", model, "--figure", "svg"])
    #expect(missing.status == 64 && missing.errors.contains("--figure and --axes go together"))
    let bad = CLI.run(["negotiate", model, "--figure", "svg", "--axes", "China,Atlantis"])
    #expect(bad.status == 64 && bad.errors.contains("--axes: expected two different actors"))
    let same = CLI.run(["negotiate", model, "--figure", "svg", "--axes", "China,China"])
    #expect(same.status == 64)
  }
}
