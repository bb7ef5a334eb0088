// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import GameSolvers
import Testing
import _TestSupport

@Suite struct SimplicialSubdivisionTests {
  static func gambit(_ path: String) throws -> NormalFormGame<Rational> {
    try GameFile.readNormalForm(contentsOf: Fixtures.gambit.appendingPathComponent(path))
  }

  static func random(_ shape: [Int], high: Int = 99, using rng: inout SeededGenerator)
    -> NormalFormGame<Rational>
  {
    let count = shape.reduce(1, *)
    return NormalFormGame<Rational>(
      players: shape.indices.map { "\($0 + 1)" },
      strategies: shape.map { m in (0..<m).map { "s\($0)" } },
      payoffs: shape.map { _ in
        (0..<count).map { _ in Rational(Int.random(in: 0...high, using: &rng)) }
      })
  }

  /// A result verifies: exactly (regret 0) when exact, else within its tolerance.
  static func verify(_ result: SolverResult<Rational>, _ game: NormalFormGame<Rational>)
    throws
  {
    let e = try #require(result.equilibria.first)
    #expect(e.isValid())
    if result.isExact {
      #expect(game.maxRegret(at: e) == 0)
    } else {
      #expect(result.tolerance > 0)
      #expect(game.maxRegret(at: e) <= result.tolerance)
    }
  }

  /// Matching pennies and rock-paper-scissors have only the uniform mixed equilibrium; it
  /// is found and polished to exact halves and thirds, from the centroid and from a pure
  /// start off the grid.
  @Test func onlyMixedEquilibria() throws {
    let pennies = NormalFormGame<Rational>(
      A: [[1, -1], [-1, 1]], B: [[-1, 1], [1, -1]])
    let rps = NormalFormGame<Rational>(
      A: [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], B: [[0, 1, -1], [-1, 0, 1], [1, -1, 0]])
    for (game, p) in [(pennies, Rational(1, 2)), (rps, Rational(1, 3))] {
      let starts: [MixedProfile<Double>?] = [nil,
        MixedProfile(game.shape.map { m in (0..<m).map { $0 == 0 ? 1.0 : 0.0 } })]
      for start in starts {
        let result = try SimplicialSubdivision(start: start, initialGrid: 5).solve(game)
        #expect(result.isExact && result.method == "simpdiv" && result.status == .complete)
        let e = try #require(result.equilibria.first)
        #expect(e.probabilities.allSatisfy { $0.allSatisfy { $0 == p } })
      }
    }
  }

  /// Gambit's 3-player fixtures (SOURCE.md): the McKelvey-McLennan 2x2x2 game and the
  /// 3x3x3 game with five equilibria; the profile found has regret exactly 0, and the
  /// float run lands within its tolerance.
  @Test(arguments: ["contrib/games/2x2x2.nfg", "contrib/games/3x3x3.nfg",
    "contrib/games/2x2x2x2.nfg", "contrib/games/coord333.nfg"])
  func gambitFixtures(_ path: String) throws {
    let game = try Self.gambit(path)
    let result = try SimplicialSubdivision().solve(game)
    #expect(result.isExact, "\(path): \(result.notes)")
    try Self.verify(result, game)
    let floatGame = game.converted(to: Double.self)
    let f = try SimplicialSubdivision().solve(floatGame)
    let e = try #require(f.equilibria.first)
    #expect(!f.isExact)
    #expect(floatGame.maxRegret(at: e) <= f.tolerance)
  }

  /// Seeded random 3- and 4-player games: the result verifies (exactly when polishing
  /// succeeds) from the centroid and from a random start, with grid factors 2 and 3.
  @Test func randomGamesVerify() throws {
    var rng = SeededGenerator(seed: 2026)
    for shape in [[4, 4, 4], [3, 3, 3, 3], [2, 3, 4]] {
      for k in 0..<3 {
        let game = Self.random(shape, using: &rng)
        let start = MixedProfile(shape.map { m in
          (0..<m).map { _ in Double.random(in: 0.1...1, using: &rng) }
        })
        let solver = SimplicialSubdivision(start: k == 0 ? nil : start, gridResize: 2 + k % 2)
        let result = try solver.solve(game)
        try Self.verify(result, game)
        let floatGame = game.converted(to: Double.self)
        let f = try solver.solve(floatGame)
        let e = try #require(f.equilibria.first)
        let range = 99.0
        #expect(floatGame.maxRegret(at: e) <= 1e-8 * range)
      }
    }
  }

  /// Two-player games with payoffs drawn from a million values are nondegenerate (almost
  /// surely), so every equilibrium is extreme: the exact result must be one of vertex
  /// enumeration's. (With payoffs 0–99 ties make some games degenerate.)
  @Test func twoPlayerResultIsAVertexEquilibrium() throws {
    var rng = SeededGenerator(seed: 7)
    for n in [3, 4, 5] {
      for _ in 0..<3 {
        let game = Self.random([n, n], high: 999_999, using: &rng)
        let result = try SimplicialSubdivision().solve(game)
        #expect(result.isExact)
        let e = try #require(result.equilibria.first)
        #expect(game.maxRegret(at: e) == 0)
        let all = try VertexEnumeration().solve(game).equilibria
        #expect(all.contains(e), "\(e.probabilities) not among \(all.count) equilibria")
      }
    }
  }

  /// Bad parameters throw; the pivot limit and the leash end a run as documented.
  @Test func parametersAndLimits() throws {
    let game = try Self.gambit("contrib/games/3x3x3.nfg")
    for solver in [SimplicialSubdivision(gridResize: 1), SimplicialSubdivision(tolerance: 0),
      SimplicialSubdivision(leash: 0),
      SimplicialSubdivision(start: MixedProfile([[1.0, 0], [1, 0, 0], [1, 0, 0]]))]
    {
      #expect(throws: SolverError.self) { try solver.solve(game) }
    }
    var rng = SeededGenerator(seed: 11)
    let hard = Self.random([4, 4, 4], using: &rng)
    let limited = try SimplicialSubdivision(maxPivots: 3).solve(hard)
    #expect(limited.status == .pivotLimit(3) && limited.equilibria.isEmpty)
    let leashed = try SimplicialSubdivision(leash: 2).solve(hard)
    try Self.verify(leashed, hard)
    #expect(leashed.parameters["leash"] == "2")
    let cancel = CancellationFlag()
    cancel.cancel()
    let cancelled = try SimplicialSubdivision(tolerance: 1e-12,
      control: SolverControl(cancellation: cancel)).solve(hard)
    #expect(cancelled.status == .cancelled && cancelled.equilibria.isEmpty)
  }
}
