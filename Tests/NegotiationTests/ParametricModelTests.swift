// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Negotiation
import Testing
import _TestSupport

/// Parameters in the negotiation and outreach formats: formulas where numbers go, located
/// errors, re-instantiation, and the sweep grid.
@Suite struct ParametricModelTests {
  /// A small parametric model (line numbers matter: the error cases refer to them).
  static let base = [
    "parley: negotiation",  // 1
    "version: 1",  // 2
    "name: Test",  // 3
    "parameters:",  // 4
    "  patience: {value: 0.9, range: [0.5, 0.99], distribution: uniform, unit: per round}",  // 5
    "  share:",  // 6
    "    value: 1/4",  // 7
    "    distribution: {kind: triangular, low: 0, high: 1/2}",  // 8
    "    source: an assumption",  // 9
    "  budget: 2 * share / 5",  // 10
    "normalisation: {weights: sum-to-one, utilities: unit-interval}",  // 11
    "issues:",  // 12
    "  - {name: answer, options: [yes, no]}",  // 13
    "actors:",  // 14
    "  - name: Ann",  // 15
    "    discount: patience",  // 16
    "    recognition: \"1 - share\"",  // 17
    "    disagreement: 0.25",  // 18
    "    issues: {answer: {weight: 1, utilities: {yes: 1, no: 0}}}",  // 19
    "  - name: Bob",  // 20
    "    recognition: share",  // 21
    "    disagreement: min(0.5, patience / 2)",  // 22
    "    issues: {answer: {weight: 1, utilities: {yes: 0, no: 1}}}",  // 23
    "transfers:",  // 24
    "  - {from: Ann, to: [Bob], budget: budget}",  // 25
  ]

  static func text(_ changes: [Int: String] = [:]) -> String {
    var lines = base
    for (k, v) in changes { lines[k - 1] = v }
    return lines.joined(separator: "\n") + "\n"
  }

  func expectError(
    _ text: String, line: Int, column: Int, _ fragments: [String],
    overrides: [String: Rational]? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    do {
      let p = try NegotiationFile.parseParametric(text, path: "p.yaml")
      if let overrides {
        _ = try p.instantiate(overrides: overrides)
      }
      Issue.record("no error", sourceLocation: sourceLocation)
    } catch {
      #expect(
        (error.line, error.column) == (line, column), "\(error)", sourceLocation: sourceLocation)
      for fragment in fragments {
        #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
      }
    }
  }

  @Test func parametersReadAndDefaultsEvaluate() throws {
    let p = try NegotiationFile.parseParametric(Self.text(), path: "p.yaml")
    #expect(p.parameters.names == ["patience", "share", "budget"])
    let patience = try #require(p.parameters.parameter(named: "patience"))
    #expect(patience.range == Rational(1, 2)...Rational(99, 100))
    #expect(patience.distribution == .uniform(low: Rational(1, 2), high: Rational(99, 100)))
    #expect(patience.unit == "per round")
    let share = try #require(p.parameters.parameter(named: "share"))
    #expect(share.distribution == .triangular(low: 0, mode: Rational(1, 4), high: Rational(1, 2)))
    #expect(share.source == "an assumption")
    let m = p.defaults
    #expect(m.actors[0].discount == Rational(9, 10))
    #expect(m.actors.map(\.recognition) == [Rational(3, 4), Rational(1, 4)])
    #expect(m.actors[1].disagreement == Rational(9, 20))
    #expect(m.transfers[0].budget == Rational(1, 10))
    #expect(try NegotiationFile.parse(Self.text(), path: "p.yaml") == m)
    #expect(try p.values() == ["patience": Rational(9, 10), "share": Rational(1, 4),
      "budget": Rational(1, 10)])
  }

  @Test func overridesReinstantiateAndDependentsFollow() throws {
    let p = try NegotiationFile.parseParametric(Self.text(), path: "p.yaml")
    let m = try p.instantiate(overrides: ["share": Rational(1, 2), "patience": Rational(1, 2)])
    #expect(m.actors.map(\.recognition) == [Rational(1, 2), Rational(1, 2)])
    #expect(m.transfers[0].budget == Rational(1, 5))  // budget = 2 * share / 5
    #expect(m.actors[0].discount == Rational(1, 2))
    #expect(m.actors[1].disagreement == Rational(1, 4))
    // Only the numbers that depend on a parameter change.
    var expected = p.defaults
    expected.actors[0].discount = Rational(1, 2)
    expected.actors[1].disagreement = Rational(1, 4)
    expected.actors[0].recognition = Rational(1, 2)
    expected.actors[1].recognition = Rational(1, 2)
    expected.transfers[0].budget = Rational(1, 5)
    #expect(m == expected)
    // Overriding a derived parameter cuts it loose from the others.
    #expect(try p.instantiate(overrides: ["budget": 0]).transfers[0].budget == 0)
    // Values outside the stated range are allowed; the model's own checks still hold.
    #expect(try p.instantiate(overrides: ["patience": 1]).actors[0].discount == 1)
    expectError(
      Self.text(), line: 16, column: 15,
      ["actor 'Ann': the discount factor must lie in (0, 1], found 1.2", "(with patience = 6/5)"],
      overrides: ["patience": Rational(6, 5)])
    do {
      _ = try p.instantiate(overrides: ["patiance": 1])
      Issue.record("no error")
    } catch {
      #expect(error.line == 0)
      #expect(
        error.message
          == "unknown parameter 'patiance'; the parameters are: patience, share, budget")
    }
  }

  @Test func formulaErrorsAreLocatedInTheFile() {
    // Plain scalar: the column within the formula, mapped to the line (here its end).
    expectError(
      Self.text([16: "    discount: patience * 2 +"]), line: 16, column: 29,
      ["actors[1].discount: expected a number", "found \"patience * 2 +\"",
        "found the end of the formula"])
    // Quoted scalar: one column after the quote.
    expectError(
      Self.text([17: "    recognition: \"1 - shares\""]), line: 17, column: 23,
      ["unknown name 'shares'; the parameters are: budget, patience, share"])
    expectError(
      Self.text([22: "    disagreement: 1 / (patience - 0.9)"]), line: 22, column: 21,
      ["actors[2].disagreement: division by zero", "in \"1 / (patience - 0.9)\""])
    expectError(
      Self.text([22: "    disagreement: patience ^ 0.5"]), line: 22, column: 28,
      ["exponent must be a whole number"])
    // Errors in the parameters themselves.
    expectError(
      Self.text([10: "  budget: 2 * shar"]), line: 10, column: 15,
      ["parameter 'budget'", "unknown name 'shar'; the parameters are: patience, share, budget"])
    expectError(
      Self.text([5: "  patience: budget", 10: "  budget: 2 * patience"]), line: 5, column: 13,
      ["the parameters refer to each other in a cycle: patience → budget → patience"])
    expectError(
      Self.text([10: "  budget: 1 / (share - 1/4)"]), line: 10, column: 13,
      ["parameter 'budget': division by zero"])
    expectError(
      Self.text([5: "  patience: {value: 1.5, range: [0.5, 0.99]}"]), line: 5, column: 21,
      ["parameter 'patience': the value 3/2 lies outside its range [1/2, 99/100]"])
    expectError(
      Self.text([5: "  patience: {value: 0.9, range: [0.99, 0.5]}"]), line: 5, column: 33,
      ["low end 99/100 exceeds its high end 1/2"])
    expectError(
      Self.text([5: "  patience: {value: 0.9, distribution: normal}"]), line: 5, column: 40,
      ["a normal distribution needs its standard deviation 'sd'"])
    expectError(
      Self.text([5: "  patience: {value: 0.9, distribution: gamma}"]), line: 5, column: 40,
      ["unknown distribution 'gamma'; expected one of: uniform, normal, triangular, log-uniform"])
    expectError(
      Self.text([5: "  patience: {valu: 0.9}"]), line: 5, column: 14,
      ["unknown key 'valu'"])
    expectError(
      Self.text([5: "  not: 0.9"]), line: 5, column: 3, ["'not' cannot name a parameter"])
    // Recognition probabilities that stop summing to 1 are caught per instantiation.
    expectError(
      Self.text([21: "    recognition: share / 2"]), line: 14, column: 1,
      ["recognition probabilities sum to 0.875, not 1"])
  }

  @Test func plainFilesStillParseAndHaveNoParameters() throws {
    let plain = Self.text([4: "#", 5: "#", 6: "#", 7: "#", 8: "#", 9: "#", 10: "#",
      16: "    discount: 0.9", 17: "    recognition: 3/4", 21: "    recognition: 1/4",
      22: "    disagreement: 0.45", 25: "  - {from: Ann, to: [Bob], budget: 0.1}"])
    let p = try NegotiationFile.parseParametric(plain)
    #expect(p.parameters.isEmpty)
    #expect(try NegotiationFile.parse(plain) == NegotiationFile.parse(Self.text()))
    // A word where a number belongs, with no parameters defined.
    do {
      _ = try NegotiationFile.parse(
        plain.replacingOccurrences(of: "discount: 0.9", with: "discount: high"))
      Issue.record("no error")
    } catch {
      #expect(error.message.contains("unknown name 'high'; no parameters are defined"))
    }
  }

  static let sixParty = Fixtures.repositoryRoot
    .appendingPathComponent("Models/negotiation/six-party-talks.yaml").path
  static let africa = Fixtures.repositoryRoot
    .appendingPathComponent("Models/negotiation/africa-outreach.yaml")

  @Test func sixPartyParameters() throws {
    let p = try NegotiationFile.readParametric(path: Self.sixParty)
    #expect(p.parameters.names == ["nk_patience", "aid_budget"])
    #expect(p.parameters.parameter(named: "nk_patience")?.range
      == Rational(9, 10)...Rational(199, 200))
    let base = p.defaults
    #expect(base.actors[5].discount == Rational(49, 50))
    #expect(base.transfers.map(\.budget)
      == [Rational(5, 100), Rational(5, 100), Rational(8, 100), Rational(3, 100)])
    let patient = try p.instantiate(overrides: ["nk_patience": Rational(199, 200)])
    #expect(patient.actors[5].discount == Rational(199, 200))
    #expect(patient.actors[0] == base.actors[0])
    let rich = try p.instantiate(overrides: ["aid_budget": Rational(42, 100)])
    #expect(rich.transfers.map(\.budget) == base.transfers.map { $0.budget * 2 })
  }

  /// The README's example of a formula error is what the reader reports.
  @Test func readmeFormulaErrorHolds() throws {
    let readme = try String(
      contentsOf: Fixtures.repositoryRoot.appendingPathComponent("Models/negotiation/README.md"),
      encoding: .utf8)
    let six = try String(contentsOfFile: Self.sixParty, encoding: .utf8)
    let broken = six.replacingOccurrences(
      of: "    discount: nk_patience\n", with: "    discount: nk_patience / (aid_budget - 0.21)\n")
    #expect(broken != six)
    do {
      _ = try NegotiationFile.parse(broken, path: "six-party-talks.yaml")
      Issue.record("no error")
    } catch {
      #expect(readme.contains("\n\(error.description)\n"), "\(error)")
    }
  }

  @Test func africaRevenuesAreSharesOfOverseasRevenue() throws {
    let p = try OutreachFile.readParametric(contentsOf: Self.africa)
    #expect(p.parameters.names == ["overseas_revenue", "sponsor_budget"])
    let base = p.defaults
    #expect(base.targets.map(\.revenue) == [10, 15, 8, 10, 9, 5, 6])
    #expect(base.sponsorBudget == 100)
    let high = try p.instantiate(overrides: ["overseas_revenue": 2000])
    #expect(high.targets.map(\.revenue) == base.targets.map { $0.revenue * 4 })
    #expect(high.ranges.first { $0.name == "overseas_revenue" }?.base == 2000)
    let poor = try p.instantiate(overrides: ["sponsor_budget": 0])
    #expect(try OutreachCompetition().solve(poor).outcome.flips == 0)
  }

  @Test func sweepGridIsExactAndShardsPartitionIt() throws {
    let grid = try ParameterSweep(
      from: Rational(9, 10), to: Rational(99, 100), step: Rational(1, 100))
    #expect(grid.points.count == 10)
    #expect(grid.points.last == Rational(99, 100))
    #expect(try ParameterSweep(from: 0, to: 1, step: Rational(3, 10)).points
      == [0, Rational(3, 10), Rational(3, 5), Rational(9, 10)])
    let shards = (1...3).map { grid.indices(shard: $0, of: 3) }
    #expect(shards[0] == [0, 3, 6, 9])
    #expect(Set(shards.flatMap { $0 }) == Set(grid.points.indices))
    #expect(shards.map(\.count).reduce(0, +) == grid.points.count)
    #expect(ParameterSweep.map(Array(0..<50)) { $0 * $0 } == (0..<50).map { $0 * $0 })
    #expect(throws: SolverError.self) { try ParameterSweep(from: 1, to: 0, step: 1) }
    #expect(throws: SolverError.self) { try ParameterSweep(from: 0, to: 1, step: 0) }
    #expect(throws: SolverError.self) {
      try ParameterSweep(from: 0, to: 1, step: Rational(1, 100_000))
    }
  }
}
