// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Testing
import _TestSupport

/// The negotiation model format: exact values read, located errors, write–read round trips,
/// and the Six Party Talks model.
@Suite struct NegotiationFileTests {
  /// A small valid model touching every part of the format (line numbers matter: the error
  /// cases below edit single lines of it).
  static let base = [
    "parley: negotiation",  // 1
    "version: 1",  // 2
    "name: Test",  // 3
    "summary: A small model.",  // 4
    "normalisation:",  // 5
    "  weights: sum-to-one",  // 6
    "  utilities: unit-interval",  // 7
    "  note: best option 1, worst 0",  // 8
    "issues:",  // 9
    "  - name: nuclear",  // 10
    "    ordered: [continue, freeze, dismantle]",  // 11
    "  - name: answer",  // 12
    "    options: [yes, no]",  // 13
    "  - name: aid",  // 14
    "    range: {from: 0, to: 10, step: 5}",  // 15
    "    unit: bn USD",  // 16
    "actors:",  // 17
    "  - name: Ann",  // 18
    "    capability: 2",  // 19
    "    discount: 0.9",  // 20
    "    recognition: 0.5",  // 21
    "    disagreement: 0.25",  // 22
    "    veto: true",  // 23
    "    issues:",  // 24
    "      nuclear: {weight: 0.5, utilities: {continue: 0, freeze: 0.5, dismantle: 1}}",  // 25
    "      answer: {weight: 0.25, utilities: {yes: 1, no: 0}}",  // 26
    "      aid: {weight: 0.25, utility: [[0, 1], [10, 0]]}",  // 27
    "  - name: Bob",  // 28
    "    recognition: 1/2",  // 29
    "    disagreement: 0.5",  // 30
    "    veto: false",  // 31
    "    issues:",  // 32
    "      nuclear: {weight: 3/4, utilities: {continue: 1, freeze: 0.5, dismantle: 0}}",  // 33
    "      answer: {weight: 1/4, utilities: {\"yes\": 0, \"no\": 1}}",  // 34
    "transfers:",  // 35
    "  - {from: Ann, to: [Bob], budget: 0.1}",  // 36
    "  - {from: EU, budget: 0}",  // 37
    "mediator:",  // 38
    "  name: Med",  // 39
    "  rule: ideal",  // 40
    "  ideal: {nuclear: freeze, answer: no, aid: 5}",  // 41
    "  weights: {nuclear: 0.5, answer: 0.5}",  // 42
    "  uncertainty:",  // 43
    "    - {ideal: {nuclear: dismantle, answer: yes, aid: 10}, probability: 0.25}",  // 44
    "deals:",  // 45
    "  no-deal: {nuclear: continue, answer: no, aid: 0}",  // 46
    "  deal: {nuclear: freeze, answer: yes, aid: 5.0}",  // 47
  ]

  /// The base text with some lines replaced (1-based line numbers).
  static func edited(_ changes: [Int: String]) -> String {
    var lines = base
    for (line, text) in changes { lines[line - 1] = text }
    return lines.joined(separator: "\n") + "\n"
  }

  /// What the base text means, written out by hand.
  static var expected: NegotiationModel {
    let half = Rational(1, 2)
    let quarter = Rational(1, 4)
    let issues = [
      NegotiationIssue(name: "nuclear", kind: .ordered(["continue", "freeze", "dismantle"])),
      NegotiationIssue(name: "answer", kind: .categorical(["yes", "no"])),
      NegotiationIssue(name: "aid", kind: .numeric(lower: 0, upper: 10, step: 5), unit: "bn USD"),
    ]
    let ann = NegotiationActor(
      name: "Ann", capability: 2, discount: Rational(9, 10), recognition: half,
      disagreement: quarter, salience: [half, quarter, quarter],
      utilities: [
        .table([0, half, 1]), .table([1, 0]),
        .piecewiseLinear([
          UtilityPoint(amount: 0, utility: 1), UtilityPoint(amount: 10, utility: 0),
        ]),
      ], veto: true)
    let bob = NegotiationActor(
      name: "Bob", recognition: half, disagreement: half,
      salience: [Rational(3, 4), quarter, 0],
      utilities: [.table([1, half, 0]), .table([0, 1]), .table([0, 0, 0])], veto: false)
    let mediator = Mediator(
      name: "Med", rule: .ideal, ideal: Deal([1, 1, 1]), weights: [half, half, 0],
      uncertainty: [WeightedDeal(deal: Deal([2, 0, 2]), probability: quarter)])
    return NegotiationModel(
      name: "Test", version: 1, summary: "A small model.", issues: issues, actors: [ann, bob],
      transfers: [
        TransferChannel(donor: "Ann", recipients: ["Bob"], budget: Rational(1, 10)),
        TransferChannel(donor: "EU", budget: 0),
      ],
      normalisation: UtilityNormalisation(
        weights: .sumToOne, utilities: .unitInterval, note: "best option 1, worst 0"),
      mediator: mediator,
      namedDeals: [
        NamedDeal(name: "no-deal", deal: Deal([0, 1, 0])),
        NamedDeal(name: "deal", deal: Deal([1, 0, 1])),
      ])
  }

  @Test func baseModelReadsToExactValues() throws {
    let model = try NegotiationFile.parse(Self.edited([:]))
    #expect(model == Self.expected)
    #expect(model.dealCount == 18)
    // `yes` and `no` are option names, never booleans, quoted or not.
    #expect(model.issues[1].kind == .categorical(["yes", "no"]))
    #expect(model.deal(named: "no-deal") == Deal([0, 1, 0]))
    // Ann at (freeze, yes, 5): 1/2 · 1/2 + 1/4 · 1 + 1/4 · 1/2 = 5/8.
    #expect(model.utility(of: 0, for: Deal([1, 0, 1])) == Rational(5, 8))
    #expect(
      model.mediator?.idealDistribution.map(\.probability) == [Rational(3, 4), Rational(1, 4)])
  }

  @Test func numericUtilitiesPerGridAmountAndRawScales() throws {
    let model = try NegotiationFile.parse(
      Self.edited([
        6: "  weights: raw",
        7: "  utilities: raw",
        25: "      nuclear: {weight: 2, utilities: {continue: -1, freeze: 0.5, dismantle: 3}}",
        27: "      aid: {weight: 0.25, utilities: {10: 2, 0: 1, 5.0: 1/3}}",
      ]))
    let ann = model.actors[0]
    #expect(ann.salience == [2, Rational(1, 4), Rational(1, 4)])
    #expect(ann.utilities[0] == .table([-1, Rational(1, 2), 3]))
    #expect(ann.utilities[2] == .table([1, Rational(1, 3), 2]))
  }

  @Test func unknownNormalisationIsRejectedAndItIsRequired() {
    expectError(
      Self.edited([5: "#", 6: "#", 7: "#", 8: "#"]), line: 1, column: 1,
      ["lacks the required key 'normalisation'"])
    expectError(
      Self.edited([6: "  weights: sum-to-1"]), line: 6, column: 12,
      ["unknown weights normalisation 'sum-to-1'", "sum-to-one, raw"])
  }

  // MARK: - Errors, one per class

  /// Checks that `text` fails at `line`:`column` with a message containing every fragment.
  func expectError(
    _ text: String, line: Int, column: Int, _ fragments: [String],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    do {
      let model = try NegotiationFile.parse(text, path: "t.yaml")
      Issue.record("parsed, expected an error: \(model.name)", sourceLocation: sourceLocation)
    } catch {
      #expect(error.path == "t.yaml", sourceLocation: sourceLocation)
      #expect(
        (error.line, error.column) == (line, column), "\(error)", sourceLocation: sourceLocation)
      for fragment in fragments {
        #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
      }
      let prefix = line > 0 ? "t.yaml:\(line):\(column): error: " : "t.yaml: error: "
      #expect(error.description.hasPrefix(prefix), sourceLocation: sourceLocation)
    }
  }

  @Test func yamlSyntaxErrors() {
    expectError(
      Self.edited([11: "    ordered: [continue, freeze, dismantle"]), line: 12, column: 9,
      ["YAML:", "flow sequence"])
    expectError(Self.edited([19: "   capability: 2"]), line: 19, column: 4, ["YAML:"])
    expectError("", line: 0, column: 0, ["empty"])
  }

  @Test func unknownKeys() {
    expectError(Self.edited([4: "summry: x"]), line: 4, column: 1, ["unknown key 'summry'"])
    expectError(
      Self.edited([19: "    capabilty: 2"]), line: 19, column: 5,
      ["unknown key 'capabilty' in actors[1]", "capability"])
    expectError(
      Self.edited([36: "  - {from: Ann, too: [Bob], budget: 0.1}"]), line: 36, column: 17,
      ["unknown key 'too'"])
    expectError(
      Self.edited([5: "normalization:"]), line: 5, column: 1, ["unknown key 'normalization'"])
  }

  @Test func unknownNames() {
    expectError(
      Self.edited([27: "      aide: {weight: 0.25, utility: [[0, 1], [10, 0]]}"]), line: 27,
      column: 7, ["unknown issue 'aide' in actors[1].issues", "nuclear, answer, aid"])
    expectError(
      Self.edited([
        25: "      nuclear: {weight: 0.5, utilities: {continue: 0, frieze: 0.5, dismantle: 1}}"
      ]), line: 25, column: 55, ["unknown option 'frieze' of issue 'nuclear'"])
    expectError(
      Self.edited([36: "  - {from: Ann, to: [Bobby], budget: 0.1}"]), line: 36, column: 22,
      ["unknown actor 'Bobby'", "Ann, Bob"])
    expectError(
      Self.edited([36: "  - {from: Ann, to: [], budget: 0.1}"]), line: 36, column: 21,
      ["'to' of 'Ann' lists no actor"])
    expectError(
      Self.edited([36: "  - {from: Ann, to: Ann, budget: 0.1}"]), line: 36, column: 21,
      ["'Ann' cannot pay itself"])
    expectError(
      Self.edited([42: "  weights: {nuclear: 0.5, answers: 0.5}"]), line: 42, column: 27,
      ["unknown issue 'answers'"])
    expectError(
      Self.edited([40: "  rule: fair"]), line: 40, column: 9,
      ["unknown mediator rule 'fair'", "nash-product, ideal, utilitarian"])
    expectError(
      Self.edited([46: "  no-deal: {nuclear: continue, answer: maybe, aid: 0}"]), line: 46,
      column: 40, ["unknown option 'maybe' of issue 'answer'", "yes, no"])
    expectError(
      Self.edited([47: "  deal: {nuclear: freeze, answer: yes, aid: 2}"]), line: 47,
      column: 45, ["'2' is not an amount on the grid of issue 'aid'"])
  }

  @Test func missingEntries() {
    expectError(
      Self.edited([46: "  no-deal: {nuclear: continue, answer: no}"]), line: 46, column: 12,
      ["deals.no-deal gives no option for the issue 'aid'"])
    expectError(
      Self.edited([25: "      nuclear: {weight: 0.5, utilities: {continue: 0, freeze: 0.5}}"]),
      line: 25, column: 41,
      ["actor 'Ann', issue 'nuclear'", "no utility for the option 'dismantle'"])
    expectError(
      Self.edited([21: "#"]), line: 18, column: 5,
      ["lacks the required key 'recognition'"])
  }

  @Test func duplicateNames() {
    expectError(
      Self.edited([12: "  - name: nuclear"]), line: 12, column: 11,
      ["duplicate issue name 'nuclear'"])
    expectError(
      Self.edited([28: "  - name: Ann"]), line: 28, column: 11, ["duplicate actor name 'Ann'"])
    expectError(
      Self.edited([11: "    ordered: [continue, freeze, freeze]"]), line: 11, column: 33,
      ["issue 'nuclear' lists the option 'freeze' twice"])
    // Yams reports keys of the same text and YAML type at the first one; the reader catches
    // the rest (plain `no` is a YAML 1.1 boolean to Yams, quoted "no" a string) at the second.
    expectError(
      Self.edited([47: "  \"no-deal\": {nuclear: freeze, answer: yes, aid: 5}"]), line: 46,
      column: 3, ["duplicate key 'no-deal'"])
    expectError(
      Self.edited([
        46: "  no: {nuclear: continue, answer: no, aid: 0}",
        47: "  \"no\": {nuclear: freeze, answer: yes, aid: 5}",
      ]), line: 47, column: 3, ["duplicate key 'no' in deals (first at line 46)"])
    expectError(
      Self.edited([37: "  - {from: Ann, budget: 0}"]), line: 37, column: 12,
      ["donor 'Ann' already has a transfer channel (line 36)"])
  }

  @Test func normalisationChecks() {
    expectError(
      Self.edited([
        25: "      nuclear: {weight: 0.4, utilities: {continue: 0, freeze: 0.5, dismantle: 1}}"
      ]),
      line: 24, column: 5, ["actor 'Ann': the issue weights sum to 0.9, not 1", "sum-to-one"])
    expectError(
      Self.edited([
        33: "      nuclear: {weight: 2/3, utilities: {continue: 1, freeze: 0.5, dismantle: 0}}"
      ]),
      line: 32, column: 5, ["actor 'Bob': the issue weights sum to 11/12, not 1"])
    expectError(
      Self.edited([26: "      answer: {weight: 0.25, utilities: {yes: 1.5, no: 0}}"]), line: 26,
      column: 47, ["actor 'Ann', issue 'answer': the utility of 'yes' is 1.5, outside [0, 1]"])
    expectError(
      Self.edited([27: "      aid: {weight: 0.25, utility: [[0, 1], [10, -0.5]]}"]), line: 27,
      column: 50, ["the utility at 10 is -0.5, outside [0, 1]"])
    expectError(
      Self.edited([22: "    disagreement: 1.25"]), line: 22, column: 19,
      ["actor 'Ann': the disagreement payoff is 1.25, outside [0, 1]"])
    expectError(
      Self.edited([42: "  weights: {nuclear: 0.5, answer: 0.25}"]), line: 42, column: 3,
      ["mediator 'Med': the issue weights sum to 0.75, not 1"])
    expectError(
      Self.edited([
        25: "      nuclear: {weight: -0.5, utilities: {continue: 0, freeze: 0.5, dismantle: 1}}"
      ]),
      line: 25, column: 25, ["weight must be non-negative, found -0.5"])
  }

  @Test func probabilityChecks() {
    expectError(
      Self.edited([29: "    recognition: 0.4"]), line: 17, column: 1,
      ["recognition probabilities sum to 0.9, not 1"])
    expectError(
      Self.edited([29: "    recognition: 1.5"]), line: 29, column: 18,
      ["actor 'Bob': the recognition probability must lie in [0, 1], found 1.5"])
    expectError(
      Self.edited([
        44: "    - {ideal: {nuclear: dismantle, answer: yes, aid: 10}, probability: 1.25}"
      ]),
      line: 44, column: 72, ["mediator 'Med': a probability must lie in [0, 1], found 1.25"])
    expectError(
      Self.edited([
        41: "  ideal: {nuclear: freeze, answer: no, aid: 5}",
        44: "    - {ideal: {nuclear: dismantle, answer: yes, aid: 10}, probability: 0.75}\n"
          + "    - {ideal: {nuclear: continue, answer: yes, aid: 10}, probability: 1/2}",
      ]), line: 43, column: 3, ["probabilities sum to 1.25, more than 1"])
    expectError(
      Self.edited([41: "  rule: ideal"]), line: 40, column: 3, ["duplicate key 'rule'"])
    expectError(
      Self.edited([41: "#"]), line: 43, column: 3,
      ["with no stated ideal the alternatives' probabilities must sum to 1, found 0.25"])
  }

  @Test func rangeChecks() {
    expectError(
      Self.edited([20: "    discount: 0"]), line: 20, column: 15,
      ["actor 'Ann': the discount factor must lie in (0, 1], found 0"])
    expectError(
      Self.edited([20: "    discount: 1.5"]), line: 20, column: 15, ["found 1.5"])
    expectError(
      Self.edited([19: "    capability: -2"]), line: 19, column: 17,
      ["actor 'Ann': the capability must be non-negative, found -2"])
    expectError(
      Self.edited([36: "  - {from: Ann, to: [Bob], budget: -1}"]), line: 36, column: 36,
      ["the budget of 'Ann' must be non-negative, found -1"])
    expectError(
      Self.edited([15: "    range: {from: 0, to: 10, step: 0}"]), line: 15, column: 36,
      ["issue 'aid': the step must be positive, found 0"])
    expectError(
      Self.edited([15: "    range: {from: 10, to: 0, step: 5}"]), line: 15, column: 27,
      ["issue 'aid': 'to' (0) is below 'from' (10)"])
    expectError(
      Self.edited([15: "    range: {from: 0, to: 10, step: 3}"]), line: 15, column: 26,
      ["10 is not on the grid from 0 in steps of 3"])
    expectError(
      Self.edited([15: "    range: {from: 0, to: 1, step: 1e-6}"]), line: 15, column: 35,
      ["1000001 grid points; at most 100000"])
  }

  @Test func typeAndShapeErrors() {
    expectError(
      Self.edited([23: "    veto: no"]), line: 23, column: 11,
      ["actors[1].veto: expected true or false, found \"no\""])
    expectError(
      Self.edited([2: "version: 2"]), line: 2, column: 10, ["unsupported version 2"])
    expectError(
      Self.edited([1: "parley: bargaining"]), line: 1, column: 9,
      ["not a negotiation model: 'parley' is 'bargaining'"])
    expectError(
      Self.edited([21: "    recognition: half"]), line: 21, column: 18,
      ["expected a number", "\"half\""])
    expectError(
      Self.edited([26: "      answer: {weight: 0.25, utility: [[0, 1], [1, 0]]}"]), line: 26,
      column: 30, ["'utility' points apply only to a numeric issue"])
    expectError(
      Self.edited([27: "      aid: {weight: 0.25, utility: [[10, 1], [0, 0]]}"]), line: 27,
      column: 47, ["the amounts must increase, but 0 follows 10"])
    expectError(
      Self.edited([27: "      aid: {weight: 0.25, utility: [[0, 1, 2]]}"]), line: 27,
      column: 37, ["a utility point is [amount, utility], found 3 values"])
    expectError(
      Self.edited([16: "    ordered: [a, b]"]), line: 14, column: 5,
      ["issue 'aid' has both 'ordered' and 'range'"])
    expectError(
      Self.edited([13: "    options: [yes, no]\n    unit: votes"]), line: 14, column: 5,
      ["'unit' applies only to a numeric ('range') issue"])
  }

  // MARK: - Round trips

  @Test func baseModelRoundTrips() throws {
    let model = Self.expected
    let text = NegotiationFile.write(model)
    #expect(try NegotiationFile.parse(text) == model, "\(text)")
  }

  @Test func randomModelsRoundTrip() throws {
    var rng = SeededGenerator(seed: 20_240_611)
    for _ in 0..<60 {
      let model = Self.randomModel(using: &rng)
      let text = NegotiationFile.write(model)
      let back: NegotiationModel
      do {
        back = try NegotiationFile.parse(text)
      } catch {
        Issue.record("\(error)\n\(text)")
        continue
      }
      #expect(back == model, "\(text)")
    }
  }

  /// Names that stress the writer's quoting: YAML 1.1 booleans, indicators, quotes,
  /// escapes, numbers and non-ASCII letters.
  static let awkwardNames = [
    "no", "yes", "on", "off", "true", "null", "~", "a: b", "#hash", "x #y", "- dash", "[x]",
    "{y}", "x, y", "Côte d'Ivoire", "quote\"d", "back\\slash", "tab\tin", "new\nline", "1.5",
    "007", "-3", "&anchor", "*alias", "!tag", "%pct", "@at", "`tick", "|pipe", ">gt", "'single'",
    "\"double\"", "?q", "plain name", "北朝鮮", "zero\u{200B}width", "bom\u{FEFF}",
    "nel\u{85}x", "ls\u{2028}x", "bell\u{7}", "emoji 🙂", "end.",
  ]

  static let texts = [
    "", "One line.", "Two\nlines", "Ends with one break\nhere\n", "two breaks\nend\n\n",
    "indented\n  second line\n\nafter a blank", "ends\n",
    "\nstarts with a break", " leading space", "spaces only line\n   \nx", "tab\there\nnext",
    "no", "a: b # c", "crlf\r\nline",
  ]

  static func randomRational<G: RandomNumberGenerator>(
    _ range: ClosedRange<Int>, over denominators: [Int], using rng: inout G
  ) -> Rational {
    Rational(Int.random(in: range, using: &rng), denominators.randomElement(using: &rng)!)
  }

  /// Non-negative integers normalised to sum to one (at least one positive).
  static func simplex<G: RandomNumberGenerator>(_ n: Int, using rng: inout G) -> [Rational] {
    var raw = (0..<n).map { _ in Int.random(in: 0...5, using: &rng) }
    if raw.allSatisfy({ $0 == 0 }) { raw[Int.random(in: 0..<n, using: &rng)] = 1 }
    let total = raw.reduce(0, +)
    return raw.map { Rational($0, total) }
  }

  static func randomNames<G: RandomNumberGenerator>(_ n: Int, using rng: inout G) -> [String] {
    Array(awkwardNames.shuffled(using: &rng).prefix(n))
  }

  static func randomDeal<G: RandomNumberGenerator>(
    _ issues: [NegotiationIssue], using rng: inout G
  ) -> Deal {
    Deal(issues.map { Int.random(in: 0..<$0.optionCount, using: &rng) })
  }

  /// A random model that satisfies every check of the format (sum-to-one weights and
  /// unit-interval utilities, or raw scales with any values).
  static func randomModel<G: RandomNumberGenerator>(using rng: inout G) -> NegotiationModel {
    let raw = Bool.random(using: &rng)
    let issueNames = randomNames(Int.random(in: 1...4, using: &rng), using: &rng)
    let issues = issueNames.map { name -> NegotiationIssue in
      switch Int.random(in: 0..<3, using: &rng) {
      case 0:
        return NegotiationIssue(
          name: name,
          kind: .categorical(randomNames(Int.random(in: 1...4, using: &rng), using: &rng)))
      case 1:
        return NegotiationIssue(
          name: name, kind: .ordered(randomNames(Int.random(in: 1...4, using: &rng), using: &rng)))
      default:
        let lower = randomRational(-5...5, over: [1, 2, 3, 8], using: &rng)
        let step = randomRational(1...7, over: [1, 2, 3, 4, 10], using: &rng)
        let count = Int.random(in: 1...5, using: &rng)
        return NegotiationIssue(
          name: name,
          kind: .numeric(lower: lower, upper: lower + Rational(count - 1) * step, step: step),
          unit: Bool.random(using: &rng) ? "" : randomNames(1, using: &rng)[0])
      }
    }
    func utility() -> Rational {
      raw
        ? randomRational(-9...9, over: [1, 3, 4, 7], using: &rng)
        : Rational(Int.random(in: 0...6, using: &rng), 6)
    }
    let actorNames = randomNames(Int.random(in: 1...4, using: &rng), using: &rng)
    let recognition = simplex(actorNames.count, using: &rng)
    let actors = actorNames.enumerated().map { a, name -> NegotiationActor in
      let salience: [Rational] =
        raw
        ? issues.map { _ in Rational(Int.random(in: 0...3, using: &rng), 2) }
        : simplex(issues.count, using: &rng)
      let utilities = issues.indices.map { k -> IssueUtility in
        let issue = issues[k]
        if salience[k] == .zero && Bool.random(using: &rng) {
          return .table(Array(repeating: .zero, count: issue.optionCount))
        }
        if case .numeric(let lower, _, _) = issue.kind, Bool.random(using: &rng) {
          var amount = lower - Rational(Int.random(in: 0...2, using: &rng))
          return .piecewiseLinear(
            (0..<Int.random(in: 1...3, using: &rng)).map { _ in
              amount += randomRational(1...5, over: [1, 2, 5], using: &rng)
              return UtilityPoint(amount: amount, utility: utility())
            })
        }
        return .table((0..<issue.optionCount).map { _ in utility() })
      }
      return NegotiationActor(
        name: name, capability: randomRational(0...9, over: [1, 2, 3], using: &rng),
        discount: Rational(Int.random(in: 1...7, using: &rng), 7), recognition: recognition[a],
        disagreement: utility(), salience: salience, utilities: utilities,
        veto: Bool.random(using: &rng))
    }
    var transfers = [TransferChannel]()
    let donors = (actorNames + ["EU", "no"]).shuffled(using: &rng)
    for donor in donors.prefix(Int.random(in: 0...3, using: &rng)) {
      let recipients = actorNames.filter { $0 != donor && Bool.random(using: &rng) }
      transfers.append(
        TransferChannel(
          donor: donor, recipients: recipients,
          budget: randomRational(0...9, over: [1, 10, 3], using: &rng)))
    }
    var mediator: Mediator?
    if Bool.random(using: &rng) {
      let ideal = Bool.random(using: &rng) ? randomDeal(issues, using: &rng) : nil
      let alternatives =
        ideal == nil ? 2 * Int.random(in: 0...1, using: &rng) : Int.random(in: 0...2, using: &rng)
      var probabilities = [Rational]()
      if alternatives > 0 {
        probabilities = simplex(alternatives + (ideal == nil ? 0 : 1), using: &rng)
        if ideal != nil { probabilities.removeLast() }
      }
      mediator = Mediator(
        name: randomNames(1, using: &rng)[0],
        rule: Mediator.Rule.allCases.randomElement(using: &rng)!, ideal: ideal,
        weights: raw
          ? issues.map { _ in Rational(Int.random(in: 0...4, using: &rng), 4) }
          : simplex(issues.count, using: &rng),
        uncertainty: probabilities.map {
          WeightedDeal(deal: randomDeal(issues, using: &rng), probability: $0)
        })
    }
    let dealNames = randomNames(Int.random(in: 0...3, using: &rng), using: &rng)
    return NegotiationModel(
      name: randomNames(1, using: &rng)[0], version: 1, summary: texts.randomElement(using: &rng)!,
      issues: issues, actors: actors, transfers: transfers,
      normalisation: UtilityNormalisation(
        weights: raw ? .raw : .sumToOne, utilities: raw ? .raw : .unitInterval,
        note: texts.randomElement(using: &rng)!),
      mediator: mediator,
      namedDeals: dealNames.map { NamedDeal(name: $0, deal: randomDeal(issues, using: &rng)) })
  }

  // MARK: - The Six Party Talks model

  static let sixPartyPath = Fixtures.repositoryRoot
    .appendingPathComponent("Models/negotiation/six-party-talks.yaml").path

  @Test func sixPartyModelLoads() throws {
    let model = try NegotiationFile.read(path: Self.sixPartyPath)
    #expect(
      model.actors.map(\.name) == [
        "United States", "China", "South Korea", "Japan", "Russia", "North Korea",
      ])
    #expect(
      model.issues.map(\.name) == ["nuclear", "sanctions", "security", "exercises", "thaad", "aid"])
    #expect(model.issues.map(\.optionCount) == [5, 4, 3, 3, 2, 5])
    #expect(model.dealCount == 1_800)
    #expect(model.normalisation.weights == .sumToOne)
    #expect(model.normalisation.utilities == .unitInterval)
    // Unanimity; China, the chair, the likeliest proposer; North Korea the most patient.
    #expect(model.actors.allSatisfy { $0.veto })
    let china = model.actorIndex(named: "China")!
    let dprk = model.actorIndex(named: "North Korea")!
    #expect(
      model.actors.indices.allSatisfy {
        $0 == china || model.actors[$0].recognition < model.actors[china].recognition
      })
    #expect(
      model.actors.indices.allSatisfy {
        $0 == dprk || model.actors[$0].discount < model.actors[dprk].discount
      })
    #expect(model.actors[dprk].discount == Rational(49, 50))
    #expect(model.transfers.map(\.donor) == ["United States", "Japan", "South Korea", "EU"])
    #expect(
      model.namedDeals.map(\.name) == [
        "status-quo-plus", "freeze-for-freeze", "freeze-for-relief", "grand-bargain",
        "comprehensive",
      ])
    let mediator = try #require(model.mediator)
    #expect(mediator.ideal == model.deal(named: "comprehensive"))
    #expect(
      mediator.idealDistribution.map(\.probability) == [
        Rational(1, 2), Rational(3, 10), Rational(1, 5),
      ])
    // Every actor prefers freeze-for-relief to disagreement; North Korea rejects the
    // comprehensive deal: 1/4 + 3/20 + 1/40 + 3/80 = 37/80 < 1/2.
    let freezeForRelief = try #require(model.deal(named: "freeze-for-relief"))
    #expect(
      model.actors.indices.allSatisfy {
        model.utility(of: $0, for: freezeForRelief) >= model.actors[$0].disagreement
      })
    let acceptable = model.namedDeals.filter { named in
      model.actors.indices.allSatisfy {
        model.utility(of: $0, for: named.deal) >= model.actors[$0].disagreement
      }
    }
    #expect(acceptable.map(\.name) == ["freeze-for-relief", "grand-bargain"])
    // Of the 1,800 deals, 274 give every actor at least its disagreement payoff.
    var count = 0
    var options = [Int](repeating: 0, count: model.issues.count)
    for _ in 0..<model.dealCount {
      let deal = Deal(options)
      if model.actors.indices.allSatisfy({
        model.utility(of: $0, for: deal) >= model.actors[$0].disagreement
      }) {
        count += 1
      }
      var k = options.count - 1
      while k >= 0 {
        options[k] += 1
        if options[k] < model.issues[k].optionCount { break }
        options[k] = 0
        k -= 1
      }
    }
    #expect(count == 274)
    let comprehensive = try #require(model.deal(named: "comprehensive"))
    #expect(model.utility(of: dprk, for: comprehensive) == Rational(37, 80))
  }

  /// The README's example parses, and its example error is what the reader reports.
  @Test func readmeExamplesHold() throws {
    let folder = Fixtures.repositoryRoot.appendingPathComponent("Models/negotiation")
    let readme = try String(
      contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
    let afterFence = try #require(readme.components(separatedBy: "```yaml\n").dropFirst().first)
    let example = try #require(afterFence.components(separatedBy: "```").first)
    let model = try NegotiationFile.parse(example)
    #expect(model.name == "Two neighbours")
    #expect(model.dealCount == 18)
    #expect(model.issues[1].kind == .categorical(["yes", "no"]))
    #expect(model.actors[1].salience == [Rational(3, 4), Rational(1, 4), 0])
    #expect(model.deal(named: "split") == Deal([1, 1, 1]))

    let six = try String(contentsOfFile: Self.sixPartyPath, encoding: .utf8)
    let first = try #require(six.range(of: "weight: 0.40"))
    let broken = six.replacingCharacters(in: first, with: "weight: 0.35")
    #expect(throws: GameFileError.self) { try NegotiationFile.parse(broken) }
    do {
      _ = try NegotiationFile.parse(broken, path: "six-party-talks.yaml")
    } catch {
      #expect(readme.contains("\n\(error.description)\n"), "\(error)")
    }
  }

  @Test func sixPartyModelRoundTrips() throws {
    let model = try NegotiationFile.read(path: Self.sixPartyPath)
    let text = NegotiationFile.write(model)
    #expect(try NegotiationFile.parse(text) == model)
    // The summary (a literal block ending with one line break) is written as one.
    #expect(text.contains("\nsummary: |\n  Six actors (United States,"))
    if ProcessInfo.processInfo.environment["PARLEY_PRINT_WRITTEN"] != nil { print(text) }
  }

  @Test func readReportsMissingFiles() {
    #expect(throws: GameFileError.self) {
      try NegotiationFile.read(path: "/nonexistent/model.yaml")
    }
  }
}
