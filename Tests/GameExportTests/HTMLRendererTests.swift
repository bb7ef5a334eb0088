// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameExport
import Testing

/// The HTML fragments notebooks show (golden files `Golden/*.html`).
@Suite struct HTMLRendererTests {
  @Test func equilibriumTableMatchesGolden() throws {
    let game = battleOfTheSexes(Rational.self)
    var table = EquilibriumTable(game: game, result: battleOfTheSexesResult(game),
      file: "Models/games/battle-of-the-sexes.nfg", version: "9.9.9")
    table.provenance = Provenance(
      commandLine: "parley solve Models/games/battle-of-the-sexes.nfg", fileSHA256: "abc123")
    try Golden.check(table.html(), named: "bos.html")
  }

  @Test func escapingMatchesGolden() throws {
    try Golden.check(EquilibriumTableTests.awkward.html(), named: "escaping.html")
  }

  @Test func dominanceMatchesGolden() throws {
    try Golden.check(EquilibriumTableTests.dominance.html(), named: "dominance.html")
  }

  static let coop = ResultTable(
    kind: "coop", title: "Bankruptcy <200>", rowHeader: "solution",
    columns: ["A", "B & C"],
    rows: [.init(label: "shapley", cells: ["50", "150"]),
      .init(label: "nucleolus", cells: ["1/3", "599/3"])],
    isExact: true, parameters: ["shapley": "enumeration"],
    facts: [.init("convex", "yes")], notes: ["a note"], file: "b.txt", version: "9.9.9")

  @Test func resultTableMatchesGolden() throws {
    try Golden.check(Self.coop.html(), named: "coop.html")
  }

  @Test func everyCellAppearsOnceAndNothingIsLeftUnescaped() {
    let html = EquilibriumTableTests.awkward.html()
    // Only tags Parley writes may appear as markup; the names' <e> must be escaped.
    #expect(!html.contains("<e>"))
    #expect(html.contains("&lt;e&gt;"))
    #expect(html.contains("&quot;profit&quot;"))
    let rows = Self.coop.html().components(separatedBy: "<tr>").count - 1
    #expect(rows == 1 + Self.coop.rows.count)
    #expect(Self.coop.html().contains("<td style=\"text-align: right\">599/3</td>"))
  }

  @Test func reportHasOneTablePerPart() {
    let report = ResultReport(
      title: "Rubinstein", method: "closed form", isExact: true, status: "complete",
      parameters: [:], notes: [],
      tables: [
        .init(title: "Agreement", header: ["Player", "Share"], rows: [["1", "5/7"]]),
        .init(title: "Keeps", header: ["Player", "Share"], rows: [["2", "2/7"]]),
      ])
    let html = report.html()
    #expect(html.components(separatedBy: "<table>").count - 1 == 2)
    #expect(html.hasPrefix("<div class=\"parley-result\">") && html.hasSuffix("</div>\n"))
  }
}
