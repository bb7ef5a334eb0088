// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameExport
import Testing
import _TestSupport

/// Golden files: `Golden/<name>.<ext>`, compared byte for byte. Run the tests with
/// `PARLEY_UPDATE_GOLDEN=1` to rewrite them in the source tree, then review the diff.
enum Golden {
  static let sourceFolder = Fixtures.repositoryRoot
    .appendingPathComponent("Tests/GameExportTests/Golden")

  static func fileExtension(_ format: ExportFormat) -> String {
    switch format {
    case .table: return "txt"
    case .json: return "json"
    case .csv: return "csv"
    case .markdown: return "md"
    case .latex: return "tex"
    }
  }

  /// Checks `text` against the golden file `name` (or rewrites it when updating).
  static func check(
    _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    if ProcessInfo.processInfo.environment["PARLEY_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: sourceFolder, withIntermediateDirectories: true)
      try text.write(to: sourceFolder.appendingPathComponent(name), atomically: true,
        encoding: .utf8)
      return
    }
    let url = try #require(
      Bundle.module.url(forResource: "Golden/" + name, withExtension: nil)
        ?? Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden"),
      "missing golden file \(name)", sourceLocation: sourceLocation)
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(
      text == expected, "\(name) differs from its golden file", sourceLocation: sourceLocation)
  }
}

/// Battle of the sexes (Osborne 2004, §2.7.2): two pure equilibria and one mixed.
func battleOfTheSexes<S: GameScalar>(_: S.Type = S.self) -> NormalFormGame<S> {
  // Profile order: player 1 fastest.  (B,B) (S,B) (B,S) (S,S)
  NormalFormGame<S>(
    title: "Battle of the Sexes", players: ["Alice", "Bob"],
    strategies: [["Bach", "Stravinsky"], ["Bach", "Stravinsky"]],
    payoffs: [[2, 0, 0, 1], [1, 0, 0, 2]])
}

func battleOfTheSexesResult<S: GameScalar>(_ game: NormalFormGame<S>) -> SolverResult<S> {
  let third = S(Rational(1, 3)), twoThirds = S(Rational(2, 3))
  let equilibria = [
    MixedProfile<S>([[1, 0], [1, 0]]),
    MixedProfile<S>([[twoThirds, third], [third, twoThirds]]),
    MixedProfile<S>([[0, 1], [0, 1]]),
  ]
  return SolverResult(equilibria: equilibria, method: "enummixed")
}

@Suite struct EquilibriumTableTests {
  @Test func theEquilibriaAreEquilibria() {
    let game = battleOfTheSexes(Rational.self)
    #expect(battleOfTheSexesResult(game).equilibria.allSatisfy { game.isNashEquilibrium($0) })
  }

  @Test func exactValuesPrintAsFractions() {
    let game = battleOfTheSexes(Rational.self)
    let table = EquilibriumTable(game: game, result: battleOfTheSexesResult(game))
    #expect(table.rows[1].profile == [["2/3", "1/3"], ["1/3", "2/3"]])
    #expect(table.rows[1].payoffs == ["2/3", "2/3"])
    #expect(table.rows[0].payoffs == ["2", "1"])
    #expect(table.isExact && table.method == "enummixed" && table.status == "complete")
  }

  @Test func decimalsRoundEveryValue() {
    let game = battleOfTheSexes(Rational.self)
    let table = EquilibriumTable(game: game, result: battleOfTheSexesResult(game), decimals: 2)
    #expect(table.rows[1].profile == [["0.67", "0.33"], ["0.33", "0.67"]])
    #expect(table.rows[0].payoffs == ["2.00", "1.00"])
  }

  @Test(arguments: ExportFormat.allCases)
  func exactTableMatchesGolden(_ format: ExportFormat) throws {
    let game = battleOfTheSexes(Rational.self)
    var table = EquilibriumTable(game: game, result: battleOfTheSexesResult(game),
      file: "Models/games/battle-of-the-sexes.nfg")
    table.seconds = .init(read: 0.001, solve: 0.0025)
    try Golden.check(table.rendered(as: format), named: "bos." + Golden.fileExtension(format))
  }

  @Test(arguments: ExportFormat.allCases)
  func floatTableWithDecimalsMatchesGolden(_ format: ExportFormat) throws {
    let game = battleOfTheSexes(Double.self)
    let table = EquilibriumTable(game: game, result: battleOfTheSexesResult(game), decimals: 4)
    try Golden.check(table.rendered(as: format),
      named: "bos-float-4." + Golden.fileExtension(format))
  }

  /// Names with every character the formats must escape.
  static let awkward: EquilibriumTable = EquilibriumTable(
    method: "lcp", isExact: true, status: "stopped after 1", parameters: ["label": "0"],
    title: "Cost & \"profit\" | 100% of $_{x}^2 ~ #1 \\ *b*", players: ["Row, Inc.", "Col|B"],
    strategies: [["a\"b", "c,d"], ["<e>", "f_g"]], file: "odd name.nfg", version: "9.9.9",
    gameValue: "-1/2", notes: ["degenerate: a tie at `x`"],
    rows: [.init(profile: [["1", "0"], ["-1/2", "3/2"]], payoffs: ["-7", "1/3"])])

  @Test(arguments: ExportFormat.allCases)
  func escapingMatchesGolden(_ format: ExportFormat) throws {
    try Golden.check(Self.awkward.rendered(as: format),
      named: "escaping." + Golden.fileExtension(format))
  }

  static let dominance = EquilibriumTable(
    method: "dominance", isExact: true, status: "complete", parameters: ["weak": "false"],
    title: "Prisoner's Dilemma", players: ["1", "2"],
    strategies: [["Cooperate", "Defect"], ["Cooperate", "Defect"]], version: "9.9.9",
    rows: [.init(profile: [["0", "1"], ["0", "1"]], payoffs: ["1", "1"])],
    dominance: DominanceReport(kind: "strict", steps: [
      .init(round: 1, player: "1", strategy: "Cooperate", dominator: "Defect"),
      .init(round: 1, player: "2", strategy: "Cooperate", dominator: "Defect"),
    ], survivors: [["Defect"], ["Defect"]]))

  @Test(arguments: ExportFormat.allCases)
  func dominanceMatchesGolden(_ format: ExportFormat) throws {
    try Golden.check(Self.dominance.rendered(as: format),
      named: "dominance." + Golden.fileExtension(format))
  }

  @Test(arguments: ExportFormat.allCases)
  func emptyTableMatchesGolden(_ format: ExportFormat) throws {
    let table = EquilibriumTable(
      method: "pure", isExact: true, status: "complete", title: "", players: ["A", "B"],
      strategies: [["H", "T"], ["H", "T"]], file: "pennies.nfg", version: "9.9.9", rows: [])
    try Golden.check(table.rendered(as: format), named: "empty." + Golden.fileExtension(format))
  }

  @Test func dominanceResultBecomesARecordWithNames() {
    // Player 1's B is dominated by 1/2 T + 1/2 M; then player 2's r by l.
    let game = NormalFormGame<Rational>(
      title: "g", players: ["Ann", "Bob"], strategies: [["T", "M", "B"], ["l", "r"]],
      payoffs: [[3, 0, 1, 0, 3, 1], [2, 2, 2, 2, 1, 1]])
    let reduced = NormalFormGame<Rational>(
      title: "g", players: ["Ann", "Bob"], strategies: [["T", "M"], ["l"]],
      payoffs: [[3, 0], [2, 2]])
    let result = DominanceResult<Rational>(
      reducedGame: reduced, survivors: [[0, 1], [0]],
      eliminations: [
        .init(round: 1, player: 0, strategy: 2, dominator: .mixed([Rational(1, 2),
          Rational(1, 2), 0]), isStrict: true),
        .init(round: 1, player: 1, strategy: 1, dominator: .pure(0), isStrict: false),
      ],
      method: "dominance", parameters: ["strength": "weak", "mixed": "yes"])
    let table = EquilibriumTable(game: game, dominance: result, decimals: 2)
    #expect(table.rows.isEmpty)  // two strategies survive for Ann
    let report = table.dominance
    #expect(report?.kind == "weak, by mixed strategies")
    #expect(report?.steps.map(\.dominator) == ["0.50 T + 0.50 M", "l"])
    #expect(report?.steps.map(\.isStrict) == [true, false])
    #expect(report?.survivors == [["T", "M"], ["l"]])
    #expect(table.rendered(as: .table).contains(
      "round 1: Bob's r is weakly dominated by l\n"))
  }

  @Test func aSingleSurvivingProfileIsTheRow() {
    let game = NormalFormGame<Rational>(
      title: "pd", players: ["1", "2"], strategies: [["C", "D"], ["C", "D"]],
      payoffs: [[2, 3, 0, 1], [2, 0, 3, 1]])
    let reduced = NormalFormGame<Rational>(
      title: "pd", players: ["1", "2"], strategies: [["D"], ["D"]], payoffs: [[1], [1]])
    let result = DominanceResult<Rational>(
      reducedGame: reduced, survivors: [[1], [1]],
      eliminations: [
        .init(round: 1, player: 0, strategy: 0, dominator: .pure(1), isStrict: true),
        .init(round: 1, player: 1, strategy: 0, dominator: .pure(1), isStrict: true),
      ],
      method: "dominance", parameters: ["strength": "strict", "mixed": "no"])
    let table = EquilibriumTable(game: game, dominance: result)
    #expect(table.rows == [.init(profile: [["0", "1"], ["0", "1"]], payoffs: ["1", "1"])])
    #expect(table.summaryLine.hasSuffix(
      "2 strategies eliminated, 1x1 remain; solved: 1 equilibrium"))
  }

  @Test func jsonHasTheRequiredKeysInOrder() throws {
    let game = battleOfTheSexes(Rational.self)
    var table = EquilibriumTable(game: game, result: battleOfTheSexesResult(game))
    table.seconds = .init(read: 0.001, solve: 0.002)
    let text = table.rendered(as: .json)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["method"] as? String == "enummixed")
    #expect(object["exact"] as? Bool == true)
    #expect(object["status"] as? String == "complete")
    let gameObject = try #require(object["game"] as? [String: Any])
    #expect(gameObject["title"] as? String == "Battle of the Sexes")
    #expect(gameObject["players"] as? [String] == ["Alice", "Bob"])
    #expect(gameObject["strategies"] as? [[String]] == [["Bach", "Stravinsky"],
      ["Bach", "Stravinsky"]])
    let equilibria = try #require(object["equilibria"] as? [[String: Any]])
    #expect(equilibria.count == 3)
    #expect(equilibria[1]["profile"] as? [[String]] == [["2/3", "1/3"], ["1/3", "2/3"]])
    #expect(equilibria[1]["payoffs"] as? [String] == ["2/3", "2/3"])
    let seconds = try #require(object["seconds"] as? [String: Double])
    #expect(seconds == ["read": 0.001, "solve": 0.002])
    // Key order is fixed.
    let keys = ["\"method\"", "\"exact\"", "\"status\"", "\"game\"", "\"equilibria\"",
      "\"seconds\""].map { text.range(of: $0)!.lowerBound }
    #expect(keys == keys.sorted())
  }

  @Test func csvIsRectangularAndQuoted() {
    let all = Self.awkward.rendered(as: .csv).split(separator: "\r\n")
    #expect(all.first?.hasPrefix("# Parley ") == true)
    let lines = all.filter { !$0.hasPrefix("#") }
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("equilibrium,\"Row, Inc.: a\"\"b\",\"Row, Inc.: c,d\","))
  }
}
