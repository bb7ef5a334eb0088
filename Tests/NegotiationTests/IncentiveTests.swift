// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import Negotiation
import Testing
import _TestSupport

@Suite struct IncentiveTests {
  /// One issue with two options; three actors whose utility for option 1 is given.
  static func model(
    utilities: [Rational], disagreement: [Rational], veto: [Bool] = [true, true, true],
    transfers: [TransferChannel]
  ) -> NegotiationModel {
    let names = ["A", "B", "C"]
    let actors = (0..<3).map { a in
      NegotiationActor(
        name: names[a], recognition: Rational(1, 3),
        disagreement: disagreement[a], salience: [1], utilities: [.table([0, utilities[a]])],
        veto: veto[a])
    }
    return NegotiationModel(
      name: "t",
      issues: [
        NegotiationIssue(
          name: "x",
          kind: .categorical(["no", "yes"]))
      ], actors: actors, transfers: transfers,
      normalisation: .init(weights: .raw, utilities: .raw))
  }

  /// A gains 5 over disagreement, B is 2 short, C is 1 short: A pays B 2 and C 1 (cost 3).
  @Test func unanimityFromAnActorDonor() throws {
    let m = Self.model(
      utilities: [10, 3, 4], disagreement: [5, 5, 5],
      transfers: [TransferChannel(donor: "A", budget: 10)])
    let r = try CheapestTransfers().solve(m, deal: Deal([1]))
    #expect(r.isFeasible)
    #expect(r.totalCost == 3)
    #expect(r.actors.map(\.utilityAfter) == [7, 5, 5])
    #expect(r.actors.map(\.shortfall) == [0, 2, 1])
    // Strict by 1: B needs 3, C needs 2, A must keep 6 ≥ 5 + 1 → pays at most 4 < 5.
    let strict = try CheapestTransfers(margin: 1).solve(m, deal: Deal([1]))
    #expect(!strict.isFeasible)
    #expect(strict.binding.contains { $0.kind == .acceptance(actor: 0) })
  }

  /// An outside donor with a budget of 2 cannot cover a total shortfall of 3: the Farkas
  /// rows name the budget and the short actors.
  @Test func infeasibleBudgetIsNamed() throws {
    let m = Self.model(
      utilities: [5, 3, 4], disagreement: [5, 5, 5],
      transfers: [TransferChannel(donor: "EU", budget: 2)])
    let r = try CheapestTransfers().solve(m, deal: Deal([1]))
    #expect(!r.isFeasible && r.totalCost == nil)
    #expect(r.binding.contains { $0.kind == .budget(channel: 0) })
    #expect(r.binding.contains { $0.kind == .acceptance(actor: 1) })
    #expect(r.explanation.contains { $0.contains("EU") })
    // With budget 3 it is feasible at cost exactly 3 and the budget binds.
    let m3 = Self.model(
      utilities: [5, 3, 4], disagreement: [5, 5, 5],
      transfers: [TransferChannel(donor: "EU", budget: 3)])
    let r3 = try CheapestTransfers().solve(m3, deal: Deal([1]))
    #expect(r3.totalCost == 3)
    #expect(r3.payments.map(\.amount).reduce(0, +) == 3)
  }

  /// A recipient nobody may pay: the explanation names that actor.
  @Test func uncoverableShortfall() throws {
    let m = Self.model(
      utilities: [10, 3, 4], disagreement: [5, 5, 5],
      transfers: [TransferChannel(donor: "A", recipients: ["B"], budget: 10)])
    let r = try CheapestTransfers().solve(m, deal: Deal([1]))
    #expect(!r.isFeasible)
    #expect(r.binding.contains { $0.kind == .acceptance(actor: 2) })
    #expect(r.explanation.contains { $0.hasPrefix("C's shortfall of 1") })
  }

  /// Quota 2 with A the only veto player: the cheaper of {A, B} (cost 2) and {A, C} (cost 1).
  @Test func quotaPicksCheapestCoalition() throws {
    let m = Self.model(
      utilities: [10, 3, 4], disagreement: [5, 5, 5],
      veto: [true, false, false], transfers: [TransferChannel(donor: "EU", budget: 10)])
    let r = try CheapestTransfers(requirement: .quota(2)).solve(m, deal: Deal([1]))
    #expect(r.coalition == [0, 2])
    #expect(r.totalCost == 1)
    #expect(r.coalitionsExamined == 2)
  }

  /// A donor actor outside the coalition pays only down to its disagreement payoff: B can
  /// give A 3 (8 − 5), enough for a shortfall of 2, not of 4 — then the proof names B's
  /// participation row and A's acceptance row.
  @Test func donorParticipationBinds() throws {
    let veto = [true, false, false]
    let ok = Self.model(
      utilities: [3, 8, 5], disagreement: [5, 5, 5], veto: veto,
      transfers: [TransferChannel(donor: "B", budget: 10)])
    let r = try CheapestTransfers(requirement: .quota(1)).solve(ok, deal: Deal([1]))
    #expect(r.coalition == [0] && r.totalCost == 2)
    #expect(r.actors[1].utilityAfter == 6 && r.actors[1].paid == 2)
    let short = Self.model(
      utilities: [1, 8, 5], disagreement: [5, 5, 5], veto: veto,
      transfers: [TransferChannel(donor: "B", budget: 10)])
    let f = try CheapestTransfers(requirement: .quota(1)).solve(short, deal: Deal([1]))
    #expect(!f.isFeasible)
    #expect(f.binding.contains { $0.kind == .participation(actor: 1) })
    #expect(f.binding.contains { $0.kind == .acceptance(actor: 0) })
    // A donor that loses from the deal and is not required pays nothing at all.
    let closed = Self.model(
      utilities: [4, 2, 5], disagreement: [5, 5, 5], veto: veto,
      transfers: [TransferChannel(donor: "B", budget: 10)])
    let c = try CheapestTransfers(requirement: .quota(1)).solve(closed, deal: Deal([1]))
    #expect(!c.isFeasible)
    #expect(c.coalitionsExamined == 4)  // {A}, {A,B}, {A,C}, {A,B,C}: B's channel is closed
  }

  /// Random models: the LP's optimum is never beaten by a brute-force grid of transfers and
  /// the transfers always make every actor accept.
  @Test func randomModelsAreVerified() throws {
    var g = SeededGenerator(seed: 7)
    for _ in 0..<30 {
      let u = (0..<3).map { _ in Rational(Int.random(in: 0...10, using: &g)) }
      let budget = Rational(Int.random(in: 0...8, using: &g))
      let m = Self.model(
        utilities: u, disagreement: [5, 5, 5],
        transfers: [TransferChannel(donor: "EU", budget: budget)])
      let r = try CheapestTransfers().solve(m, deal: Deal([1]))
      let need = u.reduce(Rational(0)) { $0 + max(0, 5 - $1) }
      #expect(r.isFeasible == (need <= budget))
      if r.isFeasible {
        #expect(r.totalCost == need)
        #expect(r.actors.allSatisfy { $0.utilityAfter >= 5 })
      }
    }
  }

  // MARK: - k-implementation

  static let prisonersDilemma = NormalFormGame<Rational>(
    A: [[3, 0], [5, 1]], B: [[3, 5], [0, 1]])

  /// Cooperate–cooperate: each player gains 2 by defecting, so Nash payments cost 4 and the
  /// dominant-strategy promises cost 4 on the path but promise 1 more to each off the path.
  @Test func prisonersDilemmaCooperation() throws {
    let nash = try KImplementation.nashPayments(for: Self.prisonersDilemma, target: [0, 0])
    #expect(nash.costAtTarget == 4)
    #expect(nash.players.map(\.paymentAtTarget) == [2, 2])
    let target = MixedProfile<Rational>(pure: [0, 0], shape: [2, 2])
    #expect(nash.changedGame.isNashEquilibrium(target))
    let dom = try KImplementation.dominantStrategyPayments(
      for: Self.prisonersDilemma, target: [0, 0])
    #expect(dom.costAtTarget == 4)
    #expect(dom.totalPromised == 6)  // 2 + 1 per player
    #expect(dom.worstCaseCost == 4)
    // Weak dominance only: defection ties at (C, D), so both strategies remain undominated
    // unless an off-path margin is promised.
    let exact = try KImplementation.dominantStrategyPayments(
      for: Self.prisonersDilemma, target: [0, 0], offPathMargin: 1)
    #expect(exact.undominated == [[0], [0]])
    #expect(exact.costAtTarget == 4 && exact.worstCaseCost == 4)
  }

  /// Defect–defect is already an equilibrium: 0-implementable, and in dominant strategies
  /// nothing is promised at all.
  @Test func equilibriumIsFree() throws {
    let r = try KImplementation.dominantStrategyPayments(
      for: Self.prisonersDilemma, target: [1, 1])
    #expect(r.costAtTarget == 0 && r.totalPromised == 0)
  }

  /// A three-player public-good game: each contributes (0) or free-rides (1); the cost of
  /// everyone contributing is the sum of the three free-riding gains.
  @Test func threePlayerGame() throws {
    // Payoff: 2 × (number of contributors) / 1 − 3 if contributing.
    var payoffs = [[Rational]](repeating: [], count: 3)
    let shape = [2, 2, 2]
    for k in 0..<8 {
      let s = [k & 1, (k >> 1) & 1, (k >> 2) & 1]
      let contributors = s.filter { $0 == 0 }.count
      for p in 0..<3 { payoffs[p].append(Rational(2 * contributors) - (s[p] == 0 ? 3 : 0)) }
    }
    let game = NormalFormGame(
      players: ["1", "2", "3"],
      strategies: shape.map { _ in ["give", "keep"] }, payoffs: payoffs)
    let r = try KImplementation.nashPayments(for: game, target: [0, 0, 0], margin: Rational(1, 2))
    #expect(r.players.map(\.paymentAtTarget) == [Rational(3, 2), Rational(3, 2), Rational(3, 2)])
    let d = try KImplementation.dominantStrategyPayments(for: game, target: [0, 0, 0])
    #expect(d.costAtTarget == 3)
    #expect(d.changedGame.isNashEquilibrium(MixedProfile(pure: [0, 0, 0], shape: shape)))
  }

  /// Random games: the changed game has the target as an equilibrium, and taking δ off any
  /// positive payment at the target breaks it.
  @Test func randomGamesProperty() throws {
    var g = SeededGenerator(seed: 11)
    for _ in 0..<40 {
      let shape = [
        Int.random(in: 1...3, using: &g), Int.random(in: 2...3, using: &g),
        Int.random(in: 1...2, using: &g),
      ]
      let count = shape.reduce(1, *)
      let payoffs = (0..<3).map { _ in
        (0..<count).map { _ in Rational(Int.random(in: -5...5, using: &g)) }
      }
      let game = NormalFormGame(
        players: ["1", "2", "3"],
        strategies: shape.map { (0..<$0).map(String.init) }, payoffs: payoffs)
      let target = shape.map { Int.random(in: 0..<$0, using: &g) }
      let pure = MixedProfile<Rational>(pure: target, shape: shape)
      for result in [
        try KImplementation.nashPayments(for: game, target: target),
        try KImplementation.dominantStrategyPayments(for: game, target: target),
      ] {
        #expect(result.changedGame.isNashEquilibrium(pure))
        let at = game.profileIndex(target)
        for p in 0..<3 where result.promises[p][at] > 0 {
          var less = result.promises
          less[p][at] -= Rational(1, 1000)
          let broken = NormalFormGame(
            players: game.players, strategies: game.strategies,
            payoffs: (0..<3).map { i in zip(game.payoffs[i], less[i]).map { $0 + $1 } })
          #expect(broken.regret(of: p, at: pure) == Rational(1, 1000))
        }
      }
      // Both methods cost the same on the path (M&T's singleton result).
      let a = try KImplementation.nashPayments(for: game, target: target)
      let b = try KImplementation.dominantStrategyPayments(for: game, target: target)
      #expect(a.costAtTarget == b.costAtTarget)
    }
  }
}
