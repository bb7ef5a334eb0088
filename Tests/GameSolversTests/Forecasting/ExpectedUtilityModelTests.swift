// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import GameSolvers
import Testing
import _TestSupport

@Suite struct ExpectedUtilityModelTests {
  static var ec: [PolicyActor] {
    try! ActorTable.read(
      contentsOf: Fixtures.repositoryRoot.appendingPathComponent("Models/forecast/ec-emissions.csv")
    )
  }

  /// The European Community example (Bueno de Mesquita 1994, Table 4.1; Scholz, Calbert and
  /// Smith 2011, Table 1): the weighted median of the initial positions is 7 and the weighted
  /// mean 50030/6770 ≈ 7.39.
  @Test func europeanCommunityStartingPoint() throws {
    let actors = Self.ec
    #expect(actors.count == 10 && actors[0].name == "Netherlands" && actors[0].salience == 0.8)
    let r = try ExpectedUtilityModel().forecast(actors, rounds: 0)
    #expect(r.rounds.count == 1)
    #expect(r.rounds[0].median == 7)
    #expect(abs(r.rounds[0].mean - 50030.0 / 6770.0) < 1e-12)
  }

  /// Every replication's options run the EC example: positions stay within the initial
  /// range, the mean moves towards the centre, a run is reproducible, and every move is
  /// recorded with its kind.
  @Test(arguments: [
    ExpectedUtilityModel.Options.scholz2011, .scholzCode, .masad,
    ExpectedUtilityModel.Options(q: 0.5, t: 0.5),
  ])
  func europeanCommunityRounds(options: ExpectedUtilityModel.Options) throws {
    let model = ExpectedUtilityModel(options: options)
    let r = try model.forecast(Self.ec, rounds: 6)
    #expect(r.rounds.count == 7)
    for round in r.rounds {
      #expect(round.positions.allSatisfy { (4...10).contains($0) })
      #expect((4...10).contains(round.median) && (4...10).contains(round.mean))
      #expect(round.riskExponents.allSatisfy { (0.5 - 1e-12...2 + 1e-12).contains($0) })
      for m in round.moves { #expect(round.positions[m.receiver] == m.to) }
    }
    let again = try model.forecast(Self.ec, rounds: 6)
    #expect(again.rounds == r.rounds)
    #expect(r.rounds.dropFirst().contains { !$0.moves.isEmpty })
  }

  /// Two identical actors at opposite ends: both expected utilities are 0, nobody moves.
  /// A peer's figures: D. Masad's Python replication of Scholz et al.
  /// (github.com/dmasad/BDM_DecisionModel_Replication, notebook "Comparison with Original")
  /// prints these first-round risk exponents for the EC data (Q = T = 1); Parley's `masad`
  /// options on Models/forecast/ec-emissions.csv reproduce all ten to the printed digits.
  @Test func masadReplicationRiskExponents() throws {
    let actors = Self.ec
    let r = try ExpectedUtilityModel(options: .masad).forecast(actors, rounds: 1)
    let published = [
      1.1271980463, 0.780917839132, 0.5, 1.1271980463, 1.07789229892, 1.07789229892, 2.0,
      0.524782172174, 1.47169654498, 1.14047944802,
    ]
    #expect(r.rounds[0].median == 7)
    for (mine, theirs) in zip(r.rounds[1].riskExponents, published) {
      #expect(abs(mine - theirs) < 1e-9, "\(mine) vs \(theirs)")
    }
  }

  @Test func symmetricPairStaysPut() throws {
    let actors = [
      PolicyActor(name: "A", capability: 1, position: 0, salience: 1),
      PolicyActor(name: "B", capability: 1, position: 1, salience: 1),
    ]
    let r = try ExpectedUtilityModel().forecast(actors, rounds: 3)
    #expect(r.rounds.allSatisfy { $0.moves.isEmpty && $0.positions == [0, 1] })
    #expect(r.rounds[1].riskExponents == [1, 1])
  }

  /// Worked by hand from the formulas of Scholz et al. (2011): A and B at 0 (salience 1), C at
  /// 1 (salience 1/2), equal capabilities. P(A beats C) = 2/2.5 = 0.8; with r = 1,
  /// EU_A(C) = 1.6 and EU_C(A) = −1.2, so the exposures are (−1.2, −1.2, 3.2), R = (−1, −1, 1)
  /// and r = (2, 2, 1/2). Then EU_A(C) = 0.6 and EU_C(A) = −1.2 + 2√2 − 2 ≈ −0.3716: C
  /// compromises to 1 − 0.3716/0.6.
  @Test func threeActorsByHand() throws {
    let actors = [
      PolicyActor(name: "A", capability: 1, position: 0, salience: 1),
      PolicyActor(name: "B", capability: 1, position: 0, salience: 1),
      PolicyActor(name: "C", capability: 1, position: 1, salience: 0.5),
    ]
    let r = try ExpectedUtilityModel().forecast(actors, rounds: 1)
    let round = r.rounds[1]
    #expect(round.riskExponents.map { ($0 * 1e12).rounded() / 1e12 } == [2, 2, 0.5])
    let euCA = -1.2 + 2 * 2.0.squareRoot() - 2
    #expect(round.moves.count == 1)
    let move = try #require(round.moves.first)
    #expect(move.receiver == 2 && move.kind == .compromise)
    #expect(abs(move.to - (1 - abs(euCA) / 0.6)) < 1e-12)
    // From C's point of view (risk 1/2 for both sides), EU_A(C) = 0.6 + 1 − (2 − 2√2).
    let receiver = try ExpectedUtilityModel(options: .init(perspective: .receiver))
      .forecast(actors, rounds: 1)
    let euAC = 0.6 + 1 - (2 - 2 * 2.0.squareRoot())
    #expect(abs(receiver.rounds[1].positions[2] - (1 - abs(euCA) / euAC)) < 1e-12)
  }

  @Test func badInputIsRejected() {
    let one = [PolicyActor(name: "A", capability: 1, position: 0, salience: 1)]
    #expect(throws: SolverError.self) { try ExpectedUtilityModel().forecast(one, rounds: 1) }
    let same = one + [PolicyActor(name: "B", capability: 1, position: 0, salience: 1)]
    #expect(throws: SolverError.self) { try ExpectedUtilityModel().forecast(same, rounds: 1) }
    let salient = [
      PolicyActor(name: "A", capability: 1, position: 0, salience: 2),
      PolicyActor(name: "B", capability: 1, position: 1, salience: 1),
    ]
    #expect(throws: SolverError.self) { try ExpectedUtilityModel().forecast(salient, rounds: 1) }
    #expect(throws: SolverError.self) {
      try ExpectedUtilityModel().forecast(Self.ec, rounds: -1)
    }
  }

  @Test func actorTableErrorsAreLocated() {
    func error(_ text: String) -> String {
      do {
        _ = try ActorTable.parse(text, path: "t.csv")
        return ""
      } catch {
        return error.description
      }
    }
    #expect(error("Actor,Capability,Position\nA,1,2\n").contains("Salience is missing"))
    #expect(
      error("Actor,Capability,Position,Salience\nA,1,2,x\nB,1,2,3\n")
        == "t.csv:2:7: error: expected a number for salience, found \"x\"")
    #expect(error("Actor,Capability,Position,Salience\nA,1,2\n").hasPrefix("t.csv:2:1: error"))
    #expect(
      error("Actor,Capability,Position,Salience\nA,-1,2,3\nB,1,2,3\n")
        .contains("non-negative"))
    #expect(error("Actor,Capability,Position,Salience\nA,1,2,3\nA,1,2,3\n").contains("duplicate"))
    let quoted = try? ActorTable.parse(
      "salience,position,actor,capability\n0.5,1,\"Smith, J.\",2\n1,3,B,1\n")
    #expect(
      quoted?.first == PolicyActor(name: "Smith, J.", capability: 2, position: 1, salience: 0.5))
  }
}
