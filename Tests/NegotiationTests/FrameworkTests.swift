// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Negotiation
import Testing
import _TestSupport

/// Small models for the framework tests.
enum FrameworkFixtures {
  /// One numeric issue, a wage 0, 1, …, 10; the union values w/10, the firm 1 − w/10 (or
  /// `firm` per grid point); disagreement `d`.
  static func wage(
    union δU: Rational = 1, firm δF: Rational = 1, firmUtility: [Rational]? = nil,
    d: [Rational] = [0, 0], mediator: Mediator? = nil
  ) -> NegotiationModel {
    let issue = NegotiationIssue(name: "wage", kind: .numeric(lower: 0, upper: 10, step: 1))
    let union = NegotiationActor(
      name: "Union", discount: δU, recognition: Rational(1, 2), disagreement: d[0],
      salience: [1], utilities: [.table((0...10).map { Rational($0, 10) })])
    let firm = NegotiationActor(
      name: "Firm", discount: δF, recognition: Rational(1, 2), disagreement: d[1],
      salience: [1],
      utilities: [.table(firmUtility ?? (0...10).map { 1 - Rational($0, 10) })])
    return NegotiationModel(
      name: "wage", issues: [issue], actors: [union, firm], mediator: mediator)
  }

  /// The arbitrator's ideal uniform over the 11 wage points.
  static func uniformArbitrator(rule: Mediator.Rule = .nashProduct) -> Mediator {
    Mediator(
      name: "Arbitrator", rule: rule, ideal: Deal([0]), weights: [1],
      uncertainty: (1...10).map { WeightedDeal(deal: Deal([$0]), probability: Rational(1, 11)) })
  }

  /// A seeded random model: `actors` actors, `issues` categorical issues of `options`
  /// options, random tables in tenths, random disagreement, a mediator with a random rule,
  /// ideal and two uncertain alternatives, random discounts.
  static func random(
    _ g: inout SeededGenerator, actors n: Int = 3, issues k: Int = 2, options o: Int = 4
  ) -> NegotiationModel {
    func tenth(_ max: UInt64) -> Rational { Rational(Int(g.next() % (max + 1)), 10) }
    let issues = (0..<k).map { i in
      NegotiationIssue(name: "i\(i)", kind: .categorical((0..<o).map { "o\($0)" }))
    }
    func randomDeal() -> Deal { Deal((0..<k).map { _ in Int(g.next() % UInt64(o)) }) }
    let actors = (0..<n).map { a in
      NegotiationActor(
        name: "A\(a)", capability: Rational(Int(g.next() % 5) + 1),
        discount: Rational(Int(g.next() % 9) + 1, 10), recognition: Rational(1, n),
        disagreement: tenth(5), salience: [Rational](repeating: Rational(1, k), count: k),
        utilities: (0..<k).map { _ in .table((0..<o).map { _ in tenth(10) }) })
    }
    let rules = Mediator.Rule.allCases
    let mediator = Mediator(
      name: "M", rule: rules[Int(g.next() % UInt64(rules.count))], ideal: randomDeal(),
      weights: (0..<k).map { _ in Rational(Int(g.next() % 3) + 1) },
      uncertainty: [
        WeightedDeal(deal: randomDeal(), probability: Rational(1, 4)),
        WeightedDeal(deal: randomDeal(), probability: Rational(1, 8)),
      ])
    return NegotiationModel(
      name: "random", issues: issues, actors: actors, mediator: mediator)
  }

  /// Every actor's expected utility for `lottery`, straight from the model.
  static func expected(_ lottery: [WeightedDeal], in model: NegotiationModel) -> [Rational] {
    var total = [Rational](repeating: 0, count: model.actors.count)
    for t in lottery {
      let u = model.utilities(for: t.deal)
      for a in total.indices { total[a] += t.probability * u[a] }
    }
    return total
  }

  static func sum(_ lottery: [WeightedDeal]) -> Rational {
    lottery.reduce(Rational(0)) { $0 + $1.probability }
  }
}

@Suite struct BilateralBargainingTests {
  /// A linear frontier (a wage grid with lotteries is the segment u_U + u_F = 1): the
  /// stationary SPE is Rubinstein's split, exactly, and the lottery mixes adjacent wages.
  @Test func linearFrontierIsRubinstein() throws {
    let model = FrameworkFixtures.wage(union: Rational(9, 10), firm: Rational(4, 5))
    let space = try DealSpace(model)
    let outcome = try BilateralBargaining(between: 0, 1).solve(space)
    let rubinstein = try RubinsteinBargaining().solve(
      discounts: [Rational(9, 10), Rational(4, 5)], firstProposer: 0)
    #expect(outcome.payoffs == rubinstein.shares)
    #expect(outcome.payoffs == [Rational(5, 7), Rational(2, 7)])
    #expect(outcome.isExact && outcome.isParetoOptimal)
    #expect(outcome.framework == "bilateral=Union,Firm")
    #expect(outcome.pivotal == ["Union", "Firm"])
    // Wage 50/7 ≈ 7.14: 6/7 on 7, 1/7 on 8.
    #expect(
      outcome.lottery == [
        WeightedDeal(deal: Deal([7]), probability: Rational(6, 7)),
        WeightedDeal(deal: Deal([8]), probability: Rational(1, 7)),
      ])
    // The firm proposing first gets Rubinstein's proposer share.
    let reversed = try BilateralBargaining(between: 1, 0).solve(space)
    let r2 = try RubinsteinBargaining().solve(
      discounts: [Rational(9, 10), Rational(4, 5)], firstProposer: 1)
    #expect(reversed.payoffs == r2.shares)
  }

  /// A curved frontier: with δ → 1 for both the split approaches the Nash solution; with
  /// both δ = 1 it is the Nash solution exactly; impatience moves it away.
  @Test func patientLimitIsNash() throws {
    let firm = (0...10).map { w in 1 - Rational(w * w, 100) }
    let d = [Rational(1, 10), Rational(1, 5)]
    let problem = try BargainingProblem<Rational>(
      deals: (0...10).map { [Rational($0, 10), firm[$0]] }, disagreement: d, lotteries: true)
    let nash = try NashBargainingSolution().solve(problem)
    #expect(nash.isExact)
    let near = try BilateralBargaining(between: 0, 1).solve(
      try DealSpace(
        FrameworkFixtures.wage(
          union: Rational(999, 1000), firm: Rational(999, 1000), firmUtility: firm, d: d)))
    for i in 0..<2 {
      #expect((near.payoffs[i] - nash.point[i]).magnitude < Rational(1, 200))
    }
    let limit = try BilateralBargaining(between: 0, 1).solve(
      try DealSpace(FrameworkFixtures.wage(firmUtility: firm, d: d)))
    #expect(limit.payoffs == nash.point)
    let impatient = try BilateralBargaining(between: 0, 1).solve(
      try DealSpace(
        FrameworkFixtures.wage(
          union: Rational(1, 2), firm: Rational(9, 10), firmUtility: firm, d: d)))
    #expect(impatient.payoffs[0] < nash.point[0] - Rational(1, 20))
    // The equilibrium equations on the frontier: the firm gets exactly its continuation.
    #expect(impatient.payoffs[0] > d[0] && impatient.payoffs[1] > d[1])
  }

  /// A third actor looks on: among deals giving the two bargainers the same utilities, the
  /// one best for the others is chosen, and the others' payoffs are externalities.
  @Test func tieRuleFavoursTheOthers() throws {
    let issues = [
      NegotiationIssue(name: "split", kind: .numeric(lower: 0, upper: 4, step: 1)),
      NegotiationIssue(name: "site", kind: .categorical(["here", "there"])),
    ]
    let a = NegotiationActor(
      name: "A", discount: Rational(1, 2), recognition: Rational(1, 3), disagreement: 0,
      salience: [1, 0], utilities: [.table((0...4).map { Rational($0, 4) }), .table([0, 0])])
    let b = NegotiationActor(
      name: "B", discount: Rational(1, 2), recognition: Rational(1, 3), disagreement: 0,
      salience: [1, 0], utilities: [.table((0...4).map { 1 - Rational($0, 4) }), .table([0, 0])])
    let c = NegotiationActor(
      name: "C", recognition: Rational(1, 3), disagreement: Rational(1, 2),
      salience: [0, 1], utilities: [.table([0, 0, 0, 0, 0]), .table([0, 1])])
    let model = NegotiationModel(
      name: "t", issues: issues, actors: [a, b, c],
      normalisation: .init(weights: .raw, utilities: .raw))
    let outcome = try BilateralBargaining(between: "A", "B", in: model).solve(
      try DealSpace(model))
    // δ = 1/2 each: A keeps 2/3.
    #expect(outcome.payoffs == [Rational(2, 3), Rational(1, 3), 1])
    #expect(outcome.lottery.allSatisfy { $0.deal.options[1] == 1 })
    #expect(outcome.pivotal == ["A", "B"])
    #expect(FrameworkFixtures.sum(outcome.lottery) == 1)
  }

  /// Random models: the two bargainers are individually rational, the lottery sums to one
  /// and the payoffs are its expected utilities.
  @Test func randomModelsAreIndividuallyRational() throws {
    var g = SeededGenerator(seed: 31)
    for _ in 0..<8 {
      let model = FrameworkFixtures.random(&g)
      let space = try DealSpace(model)
      let outcome = try BilateralBargaining(between: 0, 2).solve(space)
      let d = model.disagreement
      #expect(outcome.payoffs[0] >= d[0] && outcome.payoffs[2] >= d[2])
      if outcome.agreementProbability == 1 {
        #expect(FrameworkFixtures.sum(outcome.lottery) == 1)
        #expect(outcome.payoffs == FrameworkFixtures.expected(outcome.lottery, in: model))
        #expect(outcome.nashProduct == nil || outcome.nashProduct! >= 0)
      } else {
        #expect(outcome.payoffs == d && outcome.lottery.isEmpty)
      }
    }
  }
}

@Suite struct MediationTests {
  /// Two actors, one issue: the Nash-product mediator's text is NashBargainingSolution's.
  @Test func nashProductIsTheNashSolution() throws {
    let firm = (0...10).map { w in 1 - Rational(w * w, 100) }
    let d = [Rational(1, 10), Rational(1, 5)]
    let model = FrameworkFixtures.wage(
      firmUtility: firm, d: d, mediator: FrameworkFixtures.uniformArbitrator())
    let outcome = try Mediation().solve(try DealSpace(model))
    let problem = try BargainingProblem<Rational>(
      deals: (0...10).map { [Rational($0, 10), firm[$0]] }, disagreement: d, lotteries: true)
    let nash = try NashBargainingSolution().solve(problem)
    #expect(outcome.payoffs == nash.point)
    #expect(outcome.agreementProbability == 1 && outcome.isExact && outcome.isParetoOptimal)
    #expect(outcome.nashProduct == (nash.point[0] - d[0]) * (nash.point[1] - d[1]))
  }

  /// The utilitarian text leaves the firm below disagreement: no agreement, and the note
  /// names the firm.
  @Test func refusedTextMeansNoAgreement() throws {
    let model = FrameworkFixtures.wage(
      firmUtility: (0...10).map { Rational(10 - $0, 20) }, d: [0, Rational(1, 4)],
      mediator: FrameworkFixtures.uniformArbitrator(rule: .utilitarian))
    let outcome = try Mediation().solve(try DealSpace(model))
    #expect(outcome.agreementProbability == 0)
    #expect(outcome.payoffs == model.disagreement)
    #expect(outcome.pivotal == ["Firm"])
    #expect(outcome.notes.contains { $0.contains("refused by Firm") })
  }

  /// Random models under every rule: agreement only inside the zone (every actor strictly
  /// gains), the lottery sums to one, payoffs are its expected utilities, and the Nash rule's
  /// product is at least that of any zone deal.
  @Test func randomModelsAgreeOnlyInTheZone() throws {
    var g = SeededGenerator(seed: 5)
    var agreements = 0
    for trial in 0..<12 {
      var model = FrameworkFixtures.random(&g, actors: 3, issues: 2, options: 3)
      model.mediator!.rule = Mediator.Rule.allCases[trial % 3]
      let space = try DealSpace(model)
      let analysis = try DealSpaceAnalysis(space)
      let outcome = try Mediation().solve(space, analysis: analysis)
      let d = model.disagreement
      if outcome.agreementProbability == 1 {
        agreements += 1
        #expect((0..<3).allSatisfy { outcome.payoffs[$0] > d[$0] })
        #expect(FrameworkFixtures.sum(outcome.lottery) == 1)
        #expect(outcome.payoffs == FrameworkFixtures.expected(outcome.lottery, in: model))
        if model.mediator!.rule != .nashProduct {
          #expect(analysis.zoneOfAgreement.contains(space.index(of: outcome.lottery[0].deal)))
        } else if let product = outcome.nashProduct {
          for deal in analysis.zoneOfAgreement {
            let u = Array(space.utilities(at: deal))
            let p = FrameworkOutcome.nashProduct(u, over: d)!
            #expect(p.doubleValue <= product.doubleValue * (1 + 1e-9))
          }
        }
      } else {
        #expect(outcome.payoffs == d && outcome.lottery.isEmpty)
        #expect(!outcome.pivotal.isEmpty || model.mediator!.rule == .nashProduct)
        if model.mediator!.rule == .ideal { #expect(analysis.zoneOfAgreement.isEmpty) }
      }
    }
    #expect(agreements > 0)
  }
}

@Suite struct ArbitrationFrameworkTests {
  /// Farber's uniform case on a grid: risk-neutral sides offer the ends of the support, as
  /// GameSolvers' FinalOfferArbitration finds for the continuous uniform distribution.
  @Test func finalOfferUniformIsFarber() throws {
    let model = FrameworkFixtures.wage(mediator: FrameworkFixtures.uniformArbitrator())
    let outcome = try FinalOfferArbitrationFramework(side: ["Firm"]).solve(try DealSpace(model))
    let farber = try FinalOfferArbitration().solve(
      ArbitratorDistribution<Rational>.uniform(lower: 0, upper: 10))
    let firmWage = farber.firmOffer
    let unionWage = farber.unionOffer
    #expect(
      outcome.lottery == [
        WeightedDeal(deal: Deal([Int(firmWage.description)!]), probability: Rational(1, 2)),
        WeightedDeal(deal: Deal([Int(unionWage.description)!]), probability: Rational(1, 2)),
      ])
    #expect(outcome.payoffs == [Rational(1, 2), Rational(1, 2)])
    #expect(outcome.agreementProbability == 1 && outcome.isExact)
    #expect(outcome.framework == "final-offer=Firm")
    #expect(outcome.parameters["full-game equilibrium"]?.hasPrefix("yes") == true)
    #expect(outcome.parameters["offer A"] == "wage=0" && outcome.parameters["offer B"] == "wage=10")
  }

  /// An arbitrator sure of its ideal: each side offers the ideal (any other offer loses), so
  /// the award is the ideal.
  @Test func finalOfferKnownIdeal() throws {
    let mediator = Mediator(name: "Arb", ideal: Deal([6]), weights: [1])
    let model = FrameworkFixtures.wage(mediator: mediator)
    let outcome = try FinalOfferArbitrationFramework(side: ["Union"]).solve(try DealSpace(model))
    #expect(outcome.lottery == [WeightedDeal(deal: Deal([6]), probability: 1)])
    #expect(outcome.payoffs == [Rational(3, 5), Rational(2, 5)])
  }

  /// Random models: final-offer awards sum to one, agreement 1, and the reported profile is
  /// a full-game equilibrium; conventional payoffs are the expected utilities of the ideal
  /// distribution.
  @Test func randomModels() throws {
    var g = SeededGenerator(seed: 11)
    for _ in 0..<6 {
      let model = FrameworkFixtures.random(&g, actors: 3, issues: 2, options: 3)
      let space = try DealSpace(model)
      let fo = try FinalOfferArbitrationFramework(side: ["A1"]).solve(space)
      #expect(fo.agreementProbability == 1)
      #expect(FrameworkFixtures.sum(fo.lottery) == 1)
      #expect(fo.payoffs == FrameworkFixtures.expected(fo.lottery, in: model))
      #expect(fo.parameters["full-game equilibrium"]?.hasPrefix("yes") == true)
      try Self.checkPureFinalOffer(fo, side: [1], in: space)
      let conventional = try ConventionalArbitrationFramework().solve(space)
      let distribution = model.mediator!.idealDistribution
      #expect(conventional.payoffs == FrameworkFixtures.expected(distribution, in: model))
      #expect(FrameworkFixtures.sum(conventional.lottery) == 1)
      #expect(conventional.pivotal.isEmpty && conventional.isExact)
    }
  }

  /// When both offers are pure, no deal is a better offer for either side (brute force,
  /// independent of the solver: side payoff = mean member utility, ties split).
  static func checkPureFinalOffer(_ fo: FrameworkOutcome, side: [Int], in space: DealSpace)
    throws
  {
    let model = space.model
    guard let textA = fo.parameters["offer A"], let textB = fo.parameters["offer B"],
      !textA.contains(": "), !textB.contains(": ")
    else { return }
    let deals = (0..<space.count).map { space.deal(at: $0) }
    let x = try #require(deals.first { model.describe($0) == textA })
    let y = try #require(deals.first { model.describe($0) == textB })
    let other = model.actors.indices.filter { !side.contains($0) }
    let ideals = model.mediator!.idealDistribution
    func mean(_ members: [Int], _ deal: Deal) -> Rational {
      members.reduce(Rational(0)) { $0 + model.utility(of: $1, for: deal) }
        / Rational(members.count)
    }
    func payoff(_ members: [Int], offer a: Deal, against b: Deal) -> Rational {
      var total = Rational(0)
      for ideal in ideals {
        let da = model.mediator!.distance(a, ideal.deal, in: model)
        let db = model.mediator!.distance(b, ideal.deal, in: model)
        let win: Rational = da < db ? 1 : (da == db ? Rational(1, 2) : 0)
        total += ideal.probability * (win * mean(members, a) + (1 - win) * mean(members, b))
      }
      return total
    }
    let valueA = payoff(side, offer: x, against: y)
    let valueB = payoff(other, offer: y, against: x)
    for deal in deals {
      #expect(payoff(side, offer: deal, against: y) <= valueA)
      #expect(payoff(other, offer: deal, against: x) <= valueB)
    }
  }

  /// Conventional arbitration with the uniform arbitrator: expected wage 5.
  @Test func conventionalUniform() throws {
    let model = FrameworkFixtures.wage(mediator: FrameworkFixtures.uniformArbitrator())
    let outcome = try ConventionalArbitrationFramework().solve(try DealSpace(model))
    #expect(outcome.payoffs == [Rational(1, 2), Rational(1, 2)])
    #expect(outcome.lottery.count == 11)
    #expect(outcome.lottery.allSatisfy { $0.probability == Rational(1, 11) })
  }
}

@Suite struct FrameworkComparisonTests {
  @Test func badInputsNameTheArgument() throws {
    let model = FrameworkFixtures.wage()
    let space = try DealSpace(model)
    #expect {
      try BilateralBargaining(between: "Union", "Boss", in: model)
    } throws: { error in
      let e = error as! SolverError
      return e.operation == "bilateral" && e.reason.contains("'Boss'")
    }
    #expect {
      try FinalOfferArbitrationFramework(side: []).solve(space)
    } throws: { error in
      let e = error as! SolverError
      return e.operation == "final-offer" && e.reason.contains("side A is empty")
    }
    #expect {
      try FinalOfferArbitrationFramework(side: ["Union", "Firm"]).solve(space)
    } throws: { error in
      (error as! SolverError).reason.contains("side B is empty")
    }
    let noMediator: (any Error) -> Bool = { error in
      (error as! SolverError).reason.contains("no mediator")
    }
    #expect { try Mediation().solve(space) } throws: { noMediator($0) }
    #expect { try ConventionalArbitrationFramework().solve(space) } throws: { noMediator($0) }
    #expect {
      try FinalOfferArbitrationFramework(side: ["Union"]).solve(space)
    } throws: { noMediator($0) }
    for bad in ["quota=x", "quota=0", "bilateral=Union", "final-offer=", "nash", "mediation=3"] {
      #expect {
        try FrameworkSpec(parsing: bad)
      } throws: { error in
        (error as! SolverError).operation == "framework"
      }
    }
  }

  @Test func parsingAndAll() throws {
    #expect(try FrameworkSpec(parsing: " quota=3 ") == .quota(3))
    #expect(
      try FrameworkSpec(parsing: "bilateral=United States, North Korea")
        == .bilateral("United States", "North Korea"))
    #expect(
      try FrameworkSpec(parsing: "final-offer=North Korea") == .finalOffer(side: ["North Korea"]))
    for spec in [
      FrameworkSpec.unanimity, .quota(2), .bilateral("A", "B"), .mediation,
      .finalOffer(side: ["A", "B"]), .conventional,
    ] {
      #expect(try FrameworkSpec(parsing: spec.description) == spec)
    }
    var g = SeededGenerator(seed: 2)
    let model = FrameworkFixtures.random(&g, actors: 4)
    let byCapability = model.actors.indices.sorted {
      model.actors[$0].capability != model.actors[$1].capability
        ? model.actors[$0].capability > model.actors[$1].capability : $0 < $1
    }.map { model.actors[$0].name }
    #expect(
      try FrameworkSpec.parseList("all", for: model) == [
        .unanimity, .quota(3), .bilateral(byCapability[0], byCapability[1]), .mediation,
        .finalOffer(side: [byCapability[0]]), .conventional,
      ])
    #expect(try FrameworkSpec.parseList("mediation; conventional", for: model).count == 2)
    #expect(
      FrameworkSpec.all(for: FrameworkFixtures.wage()) == [.unanimity, .bilateral("Union", "Firm")])
  }

  @Test func compareRunsEachFramework() throws {
    let model = FrameworkFixtures.wage(
      union: Rational(9, 10), firm: Rational(4, 5), mediator: FrameworkFixtures.uniformArbitrator())
    let results = NegotiationComparison.compare(
      try DealSpace(model),
      frameworks: [
        .bilateral("Union", "Firm"), .mediation, .finalOffer(side: ["Union"]),
        .conventional, .bilateral("Union", "Nobody"),
      ])
    #expect(try results[0].get().payoffs == [Rational(5, 7), Rational(2, 7)])
    #expect(try results[1].get().payoffs == [Rational(1, 2), Rational(1, 2)])
    #expect(try results[2].get().framework == "final-offer=Union")
    #expect(try results[3].get().payoffs == [Rational(1, 2), Rational(1, 2)])
    if case .failure(let e) = results[4] {
      #expect(e.operation == "bilateral" && e.reason.contains("Nobody"))
    } else {
      Issue.record("an unknown actor must fail")
    }
  }
}
