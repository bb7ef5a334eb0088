// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameFiles
import Negotiation
import Testing
import _TestSupport

@Suite struct DealEvaluationTests {
  /// A gains 5, B is 2 short and holds a veto, C is 1 short without one.
  static func model(budget: Rational) -> NegotiationModel {
    IncentiveTests.model(
      utilities: [10, 3, 4], disagreement: [5, 5, 5], veto: [true, true, false],
      transfers: [TransferChannel(donor: "A", budget: budget)])
  }

  @Test func actorsAcceptBlockAndGetTheCheapestIncentive() throws {
    let e = try DealEvaluation(Self.model(budget: 10), deal: Deal([1]))
    #expect(e.actors.map(\.surplus) == [5, -2, -1])
    #expect(e.actors.map(\.accepts) == [true, false, false])
    #expect(e.actors.map(\.blocks) == [false, true, false])  // C has no veto
    #expect(e.blockers == ["B"])
    #expect(!e.acceptedAsItStands)
    #expect(e.incentive.totalCost == 3)
    // The incentive is CheapestTransfers' own answer.
    let direct = try CheapestTransfers().solve(Self.model(budget: 10), deal: Deal([1]))
    #expect(e.incentive.payments == direct.payments)
  }

  @Test func aQuotaNeedsTheVetoPlayersAndKActors() throws {
    // A and B would do for K = 2, but B is short: not accepted as it stands; paying B 2 is
    // the cheapest way in.
    let e = try DealEvaluation(Self.model(budget: 10), deal: Deal([1]), requirement: .quota(2))
    #expect(!e.acceptedAsItStands)
    #expect(e.incentive.totalCost == 2)
    // With no disagreement shortfalls the deal stands and needs nothing.
    let easy = IncentiveTests.model(
      utilities: [10, 6, 6], disagreement: [5, 5, 5], transfers: [])
    let ok = try DealEvaluation(easy, deal: Deal([1]))
    #expect(ok.acceptedAsItStands)
    #expect(ok.incentive.totalCost == 0)
    #expect(ok.blockers.isEmpty)
  }

  @Test func aShortBudgetLeavesNoIncentive() throws {
    let e = try DealEvaluation(Self.model(budget: 2), deal: Deal([1]))
    #expect(!e.incentive.isFeasible)
    #expect(e.incentive.totalCost == nil)
  }

  /// On every deal of the Six Party model: an actor accepts exactly when its surplus is
  /// non-negative; a deal stands exactly when it needs no transfer.
  @Test func sixPartyDealsAreConsistent() throws {
    let model = try NegotiationFile.read(
      path: Fixtures.repositoryRoot.appendingPathComponent(
        "Models/negotiation/six-party-talks.yaml"
      ).path)
    let space = try DealSpace(model)
    var standing = 0
    for k in stride(from: 0, to: space.count, by: 7) {
      let e = try DealEvaluation(model, deal: space.deal(at: k))
      for a in e.actors {
        #expect(a.accepts == (a.surplus >= 0))
        #expect(a.surplus == a.utility - a.disagreement)
      }
      #expect(e.acceptedAsItStands == e.actors.allSatisfy(\.accepts))
      if e.acceptedAsItStands {
        standing += 1
        #expect(e.incentive.totalCost == 0)
      } else if let cost = e.incentive.totalCost {
        #expect(cost > 0)
      }
    }
    #expect(standing > 0)
  }
}
