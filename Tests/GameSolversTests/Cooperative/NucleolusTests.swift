// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
@testable import GameSolvers
import Testing
import _TestSupport

@Suite struct NucleolusTests {
  /// Bankruptcy with claims 100, 200, 300: the nucleolus is the Talmud's division for estates
  /// 100, 200 and 300 (Aumann & Maschler 1985, Table 1 and Theorem A).
  @Test(arguments: [
    (100, [Rational(100, 3), Rational(100, 3), Rational(100, 3)]),
    (200, [Rational(50), Rational(75), Rational(75)]),
    (300, [Rational(50), Rational(100), Rational(150)]),
  ])
  func talmudBankruptcy(estate: Int, expected: [Rational]) throws {
    let game = Coop.bankruptcy(estate: estate, claims: [100, 200, 300])
    let r = try Nucleolus().solve(game)
    #expect(r.allocation == expected)
    #expect(r.isExact && r.method == "nucleolus")
    #expect(try Nucleolus(kind: .preNucleolus).solve(game).allocation == expected)
  }

  /// The glove game: the core is the single point (1, 0, 0), which is then the nucleolus.
  @Test func gloveGame() throws {
    let glove = Coop.glove
    #expect(try Nucleolus().solve(glove).allocation == [1, 0, 0])
    let core = try CoreSolver().vertices(of: glove)
    #expect(core.allocations == [[1, 0, 0]])
    #expect(try LeastCore().solve(glove).scalar == 0)
  }

  /// The three-player majority game: empty core, least-core value 1/3 at (1/3, 1/3, 1/3).
  @Test func majorityGame() throws {
    let g = try WeightedVotingGame(quota: 2, weights: [1, 1, 1]).characteristicFunction(
      Rational.self)
    let lc = try LeastCore().solve(g)
    #expect(lc.scalar == Rational(1, 3))
    #expect(try CoreSolver().point(in: g).allocations.isEmpty)
    #expect(try Nucleolus().solve(g).allocation == Array(repeating: Rational(1, 3), count: 3))
    #expect(try CoreSolver().vertices(of: g).allocations.isEmpty)
  }

  /// Core vertices of a convex game are its marginal vectors (Shapley 1971): for
  /// v(S) = |S|² with three players, the six permutations of (1, 3, 5).
  @Test func convexGameCoreVerticesAreMarginalVectors() throws {
    let g = try CoalitionalGame<Rational>(playerCount: 3) { Rational($0.count * $0.count) }
    let v = try CoreSolver().vertices(of: g).allocations
    let perms: [[Int]] = [[1, 3, 5], [1, 5, 3], [3, 1, 5], [3, 5, 1], [5, 1, 3], [5, 3, 1]]
    #expect(v == perms.map { $0.map { Rational($0) } })
  }

  /// τ of the bankruptcy game (estate 200, claims 100, 200, 300) is the adjusted
  /// proportional rule, (40, 80, 80) (Curiel, Maschler & Tijs 1987).
  @Test func tauValue() throws {
    let game = Coop.bankruptcy(estate: 200, claims: [100, 200, 300])
    #expect(try TauValue().solve(game).allocation == [40, 80, 80].map { Rational($0) })
    #expect(try TauValue().solve(Coop.glove).allocation == [1, 0, 0])
    let majority = try WeightedVotingGame(quota: 2, weights: [1, 1, 1])
      .characteristicFunction(Rational.self)
    // M = (0, 0, 0) but m = (1, 1, 1): the majority game is not quasi-balanced.
    #expect(throws: SolverError.self) { try TauValue().solve(majority) }
  }

  /// Sorted excesses, largest first.
  static func sortedExcesses(_ g: CoalitionalGame<Rational>, _ x: [Rational]) -> [Rational] {
    Array(g.excesses(at: x)[1..<g.grandMask]).sorted(by: >)
  }

  /// The nucleolus' excess vector is lexicographically no larger than that of any other
  /// imputation: checked by brute force against random imputations and the core vertices.
  @Test func nucleolusIsLexicographicallyMinimal() throws {
    var g = SeededGenerator(seed: 99)
    for trial in 0..<24 {
      let n = Int.random(in: 3...5, using: &g)
      let game =
        trial.isMultiple(of: 2)
        ? Coop.randomGrowing(n, using: &g) : Coop.random(n, range: 6, using: &g)
      guard game.isEssential else { continue }
      let nu = try Nucleolus().solve(game).allocation
      #expect(game.isImputation(nu))
      let best = Self.sortedExcesses(game, nu)
      var candidates: [[Rational]] = n <= 4 ? try CoreSolver().vertices(of: game).allocations : []
      for _ in 0..<300 {
        // A random imputation near the nucleolus, or anywhere in the imputation set.
        var x = nu
        let i = Int.random(in: 0..<n, using: &g)
        let j = (i + Int.random(in: 1..<n, using: &g)) % n
        let d = Rational(Int.random(in: 1...40, using: &g), 8)
        x[i] = x[i] + d
        x[j] = x[j] - d
        candidates.append(x)
      }
      for x in candidates where game.isImputation(x) {
        let e = Self.sortedExcesses(game, x)
        #expect(!e.lexicographicallyPrecedes(best), "\(x) beats \(nu)")
      }
      // When the core is non-empty, the nucleolus is in it.
      if try CoreSolver().isBalanced(game) { #expect(game.isInCore(nu)) }
    }
  }

  @Test func preNucleolusAndNucleolusDifferWhenIndividualRationalityBinds() throws {
    // v(1) = 10, v(N) = 12, everything else 0; x1 must be at least 10 in the nucleolus.
    let game = try CoalitionalGame<Rational>(playerCount: 3) { c in
      c.mask == 1 ? 10 : (c.count == 3 ? 12 : 0)
    }
    let nu = try Nucleolus().solve(game).allocation
    #expect(nu == [Rational(32, 3), Rational(2, 3), Rational(2, 3)])
    let pre = try Nucleolus(kind: .preNucleolus).solve(game).allocation
    #expect(pre.reduce(Rational(0), +) == 12)
    let bad = try CoalitionalGame<Rational>(playerCount: 2) { $0.count == 1 ? 5 : 1 }
    #expect(throws: SolverError.self) { try Nucleolus().solve(bad) }
  }
}

extension NucleolusTests {
  /// The pre-nucleolus minimises over all efficient vectors: no efficient perturbation has a
  /// lexicographically smaller excess vector.
  @Test func preNucleolusIsLexicographicallyMinimal() throws {
    var g = SeededGenerator(seed: 5150)
    for _ in 0..<10 {
      let n = Int.random(in: 3...5, using: &g)
      let game = Coop.random(n, range: 8, using: &g)
      let pre = try Nucleolus(kind: .preNucleolus).solve(game).allocation
      #expect(pre.reduce(Rational(0), +) == game.grandWorth)
      let best = Self.sortedExcesses(game, pre)
      for _ in 0..<200 {
        var x = pre
        let i = Int.random(in: 0..<n, using: &g)
        let j = (i + Int.random(in: 1..<n, using: &g)) % n
        let d = Rational(Int.random(in: 1...24, using: &g), 8)
        x[i] = x[i] + d
        x[j] = x[j] - d
        #expect(!Self.sortedExcesses(game, x).lexicographicallyPrecedes(best))
      }
    }
  }

  /// Twelve players: the exact sequential LPs with constraint generation stay fast, and the
  /// symmetric game's nucleolus is the equal split.
  @Test func symmetricGameOfTwelvePlayers() throws {
    let game = try CoalitionalGame<Rational>(playerCount: 12) { Rational($0.count * $0.count) }
    let r = try Nucleolus().solve(game)
    #expect(r.allocation == Array(repeating: Rational(12), count: 12))
  }
}

extension NucleolusTests {
  /// The fast path (excesses scanned in machine integers over a common denominator) and the
  /// reference path (every excess a rational) give the same nucleolus, pre-nucleolus and
  /// least-core value on random games of up to 10 players, integer and fractional worths.
  @Test func scaledExcessesAgreeWithRationalOnes() throws {
    var g = SeededGenerator(seed: 2612)
    for trial in 0..<18 {
      let n = 2 + trial % 9
      var game =
        trial.isMultiple(of: 2)
        ? Coop.randomGrowing(n, using: &g) : Coop.random(n, range: 9, using: &g)
      if trial % 3 == 0 {
        // Fractional worths: the common denominator L is not 1.
        let values = game.worths.dropFirst().map { $0 / Rational(Int.random(in: 1...6, using: &g)) }
        game = try CoalitionalGame(values: Array(values), order: .bitMask)
      }
      for kind in [Nucleolus.Kind.nucleolus, .preNucleolus] {
        if kind == .nucleolus && !game.isEssential { continue }
        let fast = try Nucleolus(kind: kind).solve(game)
        let reference = try Nucleolus(kind: kind, scaledExcesses: false).solve(game)
        #expect(fast.allocation == reference.allocation, "n = \(n), \(kind)")
        #expect(fast.scalar == reference.scalar)
        #expect(fast.isExact)
      }
    }
  }

  /// Worths too large for 62-bit scaled excesses fall back to rationals and stay exact.
  @Test func hugeWorthsFallBackToRationals() throws {
    let big = Rational(1 << 61)
    let game = try CoalitionalGame<Rational>(playerCount: 4) { c in
      c.count == 4 ? big * 4 : (c.count == 3 ? big * 2 : Rational(c.count))
    }
    let fast = try Nucleolus().solve(game).allocation
    #expect(fast == Array(repeating: big, count: 4))
    #expect(fast == (try Nucleolus(scaledExcesses: false).solve(game).allocation))
  }
}

extension NucleolusTests {
  /// `ScaledExcesses` against `CoalitionalGame.excesses(at:)`: the scaled values are
  /// `L·D·e(S, x)` and the threshold `L·D·ε`, on random fractional games and points.
  @Test func scaledExcessesMatchRationalExcesses() throws {
    var g = SeededGenerator(seed: 77)
    for _ in 0..<20 {
      let n = Int.random(in: 1...7, using: &g)
      let values = (1..<(1 << n)).map { _ in
        Rational(Int.random(in: -50...50, using: &g), Int.random(in: 1...5, using: &g))
      }
      let game = try CoalitionalGame(values: values, order: .bitMask)
      let x = (0..<n).map { _ in
        Rational(Int.random(in: -40...40, using: &g), Int.random(in: 1...9, using: &g))
      }
      let eps = Rational(Int.random(in: -9...9, using: &g), Int.random(in: 1...7, using: &g))
      guard var table = ScaledExcesses(game), let t = table.scan(at: x, level: eps) else {
        Issue.record("small numbers must fit"); continue
      }
      let e = game.excesses(at: x)
      let factor: Rational? = eps.isZero ? nil : Rational(Int(t)) / eps
      for m in 1..<(1 << n) {
        #expect((Rational(Int(table.values[m])) > Rational(Int(t))) == (e[m] > eps))
        if let factor { #expect(Rational(Int(table.values[m])) == factor * e[m]) }
      }
    }
    // Out of range: a worth of 2^62 leaves no room.
    let huge = try CoalitionalGame<Rational>(playerCount: 2) { _ in Rational(1 << 62) }
    var table = ScaledExcesses(huge)
    #expect(table?.scan(at: [1, 1], level: 0) == nil)
  }
}
