// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Testing
import _TestSupport

/// The parametric bargaining (`parley: bargaining`) and coalitional (`parley: coalitional`)
/// formats: the models equal the text files at their stated values, every form of a
/// coalitional game reads as the text reader reads it, and mistakes are located errors.
@Suite struct CooperativeModelFileTests {
  static let models = Fixtures.repositoryRoot.appendingPathComponent("Models")

  static func text(_ path: String) throws -> String {
    try String(contentsOf: models.appendingPathComponent(path), encoding: .utf8)
  }

  /// Whether two bargaining files hold the same problem.
  static func same(_ a: BargainingFile, _ b: BargainingFile) -> Bool {
    a.problem.players == b.problem.players && a.problem.disagreement == b.problem.disagreement
      && a.problem.deals == b.problem.deals && a.problem.dealNames == b.problem.dealNames
      && a.problem.allowsLotteries == b.problem.allowsLotteries && a.weights == b.weights
  }

  // MARK: - Bargaining

  @Test func partnersModelIsTheTextFileAtItsValues() throws {
    let parametric = try BargainingFile.readParametric(
      contentsOf: Self.models.appendingPathComponent("bargaining/partners.yaml"))
    let text = try BargainingFile.parse(try Self.text("bargaining/partners.txt"))
    #expect(Self.same(parametric.defaults, text))
    #expect(parametric.defaults.name == "Partners (parametric)")
    #expect(parametric.parameters.names == ["split", "ann_outside"])
    // At other values the formulas follow: the split deal and Ann's outside option (her
    // disagreement utility and the walk-away deal).
    let other = try parametric.instantiate(overrides: ["split": 6, "ann_outside": Rational(1, 2)])
    #expect(other.problem.deals[0] == [6, 6])
    #expect(other.problem.disagreement == [Rational(1, 2), 1])
    #expect(other.problem.deals[3] == [Rational(1, 2), 1])
    #expect(!Self.same(other, text))
  }

  static let small = """
    parley: bargaining
    version: 1
    name: Small
    parameters:
      x: {value: 4, range: [0, 10]}
    players: [Ann, Bob]
    disagreement: [0, "x / 4"]
    lotteries: no
    weights: [1, "x - 2"]
    deals:
      - {name: one, utilities: [x, 1]}
      - {name: two, utilities: [1, "x * 2"]}
    """

  @Test func bargainingFormulasAndOptions() throws {
    let parametric = try BargainingFile.parseParametric(Self.small, path: "small.yaml")
    let p = parametric.defaults
    #expect(p.problem.disagreement == [0, 1])
    #expect(p.problem.deals == [[4, 1], [1, 8]])
    #expect(!p.problem.allowsLotteries)
    #expect(p.weights == [1, 2])
    let text = try BargainingFile.parse(
      "players: Ann Bob\ndisagreement: 0 1\nlotteries: no\nweights: 1 2\n"
        + "deal one: 4 1\ndeal two: 1 8\n")
    #expect(Self.same(p, text))
    #expect(BargainingFile.isModel(Self.small))
    #expect(BargainingFile.isModel("parley: \"bargaining\"  # a comment\r\nversion: 1\r\n"))
    #expect(!BargainingFile.isModel(try Self.text("bargaining/partners.txt")))
  }

  static func error(_ body: () throws(GameFileError) -> Void) -> String {
    do {
      try body()
      return ""
    } catch {
      return error.description
    }
  }

  @Test func bargainingMistakesAreLocated() {
    func read(_ text: String) -> String {
      Self.error { () throws(GameFileError) in
        _ = try BargainingFile.parseParametric(text, path: "b.yaml")
      }
    }
    // Inside the formula: the quoted "x / (x - 4)" starts at column 29 of line 11, its '/'
    // is at 32.
    let zero = read(Self.small.replacingOccurrences(of: "[x, 1]", with: "[\"x / (x - 4)\", 1]"))
    #expect(
      zero == "b.yaml:11:32: error: deals[1].utilities[1]: division by zero: the divisor is 0 "
        + "in \"x / (x - 4)\"")
    let weight = read(Self.small.replacingOccurrences(of: "\"x - 2\"", with: "\"x - 5\""))
    #expect(weight == "b.yaml:9:14: error: weights[2]: the weights must be positive, found -1")
    let count = read(
      Self.small.replacingOccurrences(
        of: "disagreement: [0, \"x / 4\"]", with: "disagreement: [0]"))
    #expect(
      count == "b.yaml:7:15: error: the disagreement point has one number per player (2), found 1")
    let name = read(
      Self.small.replacingOccurrences(of: "players: [Ann, Bob]", with: "players: [Ann, Ann]"))
    #expect(name == "b.yaml:6:16: error: player 'Ann' is named twice")
    // A value is checked at every instantiation: out of the stated range is allowed, a bad
    // weight is not.
    let parametric = try? BargainingFile.parseParametric(Self.small, path: "b.yaml")
    let bad = Self.error { () throws(GameFileError) in
      _ = try parametric?.instantiate(overrides: ["x": 1])
    }
    #expect(
      bad == "b.yaml:9:14: error: weights[2]: the weights must be positive, found -1 (with x = 1)"
    )
  }

  // MARK: - Coalitional games

  @Test func bankruptcyModelIsTheTextFileAtItsValues() throws {
    let parametric = try CoalitionalGameFile.readParametric(
      contentsOf: Self.models.appendingPathComponent("coop/bankruptcy.yaml"))
    guard case .characteristic(let text, _) = try CoalitionalGameFile.read(
      contentsOf: Self.models.appendingPathComponent("coop/bankruptcy-200.txt"))
    else {
      Issue.record("bankruptcy-200.txt is not a characteristic function")
      return
    }
    guard case .characteristic(let game, let order) = parametric.defaults.content else {
      Issue.record("bankruptcy.yaml is not a characteristic function")
      return
    }
    #expect(order == .sizeThenLexicographic)
    #expect(game.worths == text.worths)
    #expect(game.playerNames == ["A", "B", "C"])
    // The Mishnah's other estates: v(S) = max(0, E - claims outside S).
    guard
      case .characteristic(let e300, _) = try parametric.instantiate(overrides: ["estate": 300])
        .content
    else { return }
    #expect(e300.values(in: .sizeThenLexicographic) == [0, 0, 0, 0, 100, 200, 300])
  }

  static let weighted = """
    parley: coalitional
    version: 1
    name: Council
    parameters:
      q: 39
      big: 7
    players: [P1, P2, P3, P4, P5, E1, E2, E3, E4, E5, E6, E7, E8, E9, E10]
    weighted:
      quota: q
      weights: [big, big, big, big, big, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    """

  @Test func everyFormReadsAsTheTextFormatDoes() throws {
    // Weighted: the Security Council, as a list and as a mapping of weights.
    let council = try CoalitionalGameFile.parseParametric(Self.weighted, path: "w.yaml")
    let text = try WeightedVotingText.parse("39; 7x5, 1x10")
    guard case .weighted(let g) = council.defaults.content else {
      Issue.record("not a weighted game")
      return
    }
    #expect(g.layers == text.layers)
    #expect(g.playerNames.first == "P1")
    let mapping = """
      parley: coalitional
      version: 1
      name: Small
      players: [A, B, C]
      weighted:
        - {quota: 2, weights: {C: 1, A: 1, B: 1}}
        - {quota: 1, weights: {A: 1, B: 0, C: 0}}
      """
    guard case .weighted(let m) = try CoalitionalGameFile.parseParametric(mapping).defaults.content
    else {
      Issue.record("not a weighted game")
      return
    }
    #expect(m.layers == (try WeightedVotingText.parse("2; 1,1,1 & 1; 1,0,0")).layers)
    // A vector in either order, and worths with a default: the same game.
    let values = "0, 0, 0, 1, 2, 3, 6"
    let lex = try CoalitionalGameFile.parse("order: lex\n" + values)
    guard case .characteristic(let reference, _) = lex else { return }
    for order in CoalitionOrder.allCases {
      let listed = reference.values(in: order).map(\.description).joined(separator: ", ")
      let yaml = """
        parley: coalitional
        version: 1
        name: V
        players: ["1", "2", "3"]
        vector: {order: \(order.rawValue), values: [\(listed)]}
        """
      guard
        case .characteristic(let g, let o) = try CoalitionalGameFile.parseParametric(yaml)
          .defaults.content
      else { continue }
      #expect(o == order)
      #expect(g.worths == reference.worths)
    }
    let sparse = """
      parley: coalitional
      version: 1
      name: S
      parameters:
        top: 6
      players: ["1", "2", "3"]
      worths:
        - {coalition: ["1", "2"], value: 1}
        - {coalition: ["1", "3"], value: "top - 4"}
        - {coalition: ["2", "3"], value: 3}
        - {coalition: ["1", "2", "3"], value: top}
      """
    guard
      case .characteristic(let g, _) = try CoalitionalGameFile.parseParametric(sparse)
        .defaults.content
    else { return }
    #expect(g.worths == reference.worths)
    #expect(CoalitionalGameFile.isModel(sparse))
    #expect(!CoalitionalGameFile.isModel("order: lex\n" + values))
  }

  @Test func coalitionalMistakesAreLocated() {
    func read(_ text: String) -> String {
      Self.error { () throws(GameFileError) in
        _ = try CoalitionalGameFile.parseParametric(text, path: "c.yaml")
      }
    }
    // The quota evaluates to 39/2: located at its formula.
    let half = read(Self.weighted.replacingOccurrences(of: "quota: q", with: "quota: \"q / 2\""))
    #expect(
      half == "c.yaml:9:10: error: weighted.quota: the quota must be a whole number, found 39/2")
    // At the formula: "bigg" starts at column 13.
    let unknown = read(Self.weighted.replacingOccurrences(of: "[big, big", with: "[bigg, big"))
    #expect(unknown.hasPrefix("c.yaml:10:13: error: weighted.weights[1]: expected a number"))
    #expect(unknown.contains("unknown name 'bigg'; the parameters are: big, q"))
    let short = read(Self.weighted.replacingOccurrences(of: "1, 1, 1]", with: "1, 1]"))
    #expect(short == "c.yaml:10:12: error: one weight per player (15), found 14")
  }
}
