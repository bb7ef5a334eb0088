// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
@testable import GameSolvers
import Testing
import _TestSupport

@Suite struct PowerIndexTests {
  /// The UN Security Council, [39; 7,7,7,7,7,1,…,1] (15 members): Shapley–Shubik 421/2145
  /// for a permanent and 4/2145 for a non-permanent member; Banzhaf swings 848 and 84
  /// (Felsenthal & Machover 1998, §4.3; Straffin 1993, *Game Theory and Strategy*, ch. 9).
  static let council = try! WeightedVotingGame(
    quota: 39, weights: Array(repeating: 7, count: 5) + Array(repeating: 1, count: 10))
  /// The same council as an intersection: nine of fifteen votes, and all five permanent
  /// members (the veto).
  static let councilWithVetoes = try! WeightedVotingGame(layers: [
    (9, Array(repeating: 1, count: 15)),
    (5, Array(repeating: 1, count: 5) + Array(repeating: 0, count: 10)),
  ])

  @Test func securityCouncilShapleyShubik() throws {
    let expected =
      Array(repeating: Rational(421, 2145), count: 5)
      + Array(repeating: Rational(4, 2145), count: 10)
    #expect(try WeightedVotingPower().shapleyShubik(Self.council).allocation == expected)
    #expect(
      try WeightedVotingPower().shapleyShubik(Self.councilWithVetoes).allocation
        == expected)
    let game = try Self.council.characteristicFunction(Rational.self)
    #expect(try ShapleyValue().solve(game).allocation == expected)
    #expect(game == (try Self.councilWithVetoes.characteristicFunction(Rational.self)))
  }

  @Test func securityCouncilBanzhaf() throws {
    let swings = Array(repeating: "848", count: 5) + Array(repeating: "84", count: 10)
    let dp = try WeightedVotingPower().banzhaf(Self.council, normalization: .normalized)
    #expect(dp.counts == swings)
    #expect(dp.allocation[0] == Rational(848, 5080) && dp.allocation[5] == Rational(84, 5080))
    let absolute = try WeightedVotingPower().banzhaf(Self.council, normalization: .absolute)
    #expect(absolute.allocation[0] == Rational(848, 16384))
    let game = try Self.councilWithVetoes.characteristicFunction(Rational.self)
    #expect(try BanzhafIndex().solve(game).counts == swings)
  }

  /// The Council of the EEC in 1958, [12; 4,4,4,2,2,1]: Shapley–Shubik 7/30 for France,
  /// Germany, Italy, 3/20 for Belgium, the Netherlands and 0 for Luxembourg; Banzhaf 5/21,
  /// 1/7 and 0 (Felsenthal & Machover 1998, Table 4.1).
  @Test func eec1958() throws {
    let eec = try WeightedVotingGame(quota: 12, weights: [4, 4, 4, 2, 2, 1])
    let ss = try WeightedVotingPower().shapleyShubik(eec).allocation
    #expect(
      ss
        == [7, 7, 7, 0, 0, 0].map { Rational($0, 30) }
        .enumerated().map { $0.offset < 3 ? $0.element : ($0.offset < 5 ? Rational(3, 20) : 0) })
    let bz = try WeightedVotingPower().banzhaf(eec).allocation
    #expect(
      bz == [
        Rational(5, 21), Rational(5, 21), Rational(5, 21), Rational(1, 7),
        Rational(1, 7), 0,
      ])
  }

  /// [3; 2,1,1], by hand: minimal winning coalitions {1,2} and {1,3}.
  @Test func minimalWinningIndicesOfASmallGame() throws {
    let game = try WeightedVotingGame(quota: 3, weights: [2, 1, 1])
      .characteristicFunction(Rational.self)
    let half = Rational(1, 2)
    let quarter = Rational(1, 4)
    let sixth = Rational(1, 6)
    #expect(try DeeganPackelIndex().solve(game).allocation == [half, quarter, quarter])
    #expect(try PublicGoodIndex().solve(game).allocation == [half, quarter, quarter])
    #expect(try JohnstonIndex().solve(game).allocation == [Rational(2, 3), sixth, sixth])
    #expect(
      try BanzhafIndex().solve(game).allocation
        == [Rational(3, 5), Rational(1, 5), Rational(1, 5)])
    #expect(try ShapleyValue().solve(game).allocation == [Rational(2, 3), sixth, sixth])
  }

  @Test func indicesRejectNonSimpleGames() {
    let game = try! CoalitionalGame<Rational>(playerCount: 3) { Rational($0.count) }
    #expect(throws: SolverError.self) { try DeeganPackelIndex().solve(game) }
    #expect(throws: SolverError.self) { try PublicGoodIndex().solve(game) }
    #expect(throws: SolverError.self) { try JohnstonIndex().solve(game) }
  }

  /// The dynamic programme and enumeration agree on random weighted games, zero weights
  /// included.
  @Test func dynamicProgrammeAgreesWithEnumeration() throws {
    var g = SeededGenerator(seed: 2024)
    for _ in 0..<30 {
      let n = Int.random(in: 1...10, using: &g)
      let w = (0..<n).map { _ in Int.random(in: 0...9, using: &g) }
      let total = w.reduce(0, +)
      guard total > 0 else { continue }
      let q = Int.random(in: 1...total, using: &g)
      let wvg = try WeightedVotingGame(quota: q, weights: w)
      let game = try wvg.characteristicFunction(Rational.self)
      #expect(
        try WeightedVotingPower().shapleyShubik(wvg).allocation
          == ShapleyValue().solve(game).allocation, "\(wvg.notation)")
      let dp = try WeightedVotingPower().banzhaf(wvg, normalization: .swings)
      let en = try BanzhafIndex(normalization: .swings).solve(game)
      #expect(dp.counts == en.counts, "\(wvg.notation)")
    }
  }

  /// 80 players in exact arithmetic (200 and more are measured in the release benchmark):
  /// the shares sum to 1 and equal weights get equal power.
  @Test func eightyPlayers() throws {
    var g = SeededGenerator(seed: 5)
    let w = (0..<80).map { _ in Int.random(in: 1...10, using: &g) }
    let wvg = try WeightedVotingGame(quota: w.reduce(0, +) / 2 + 1, weights: w)
    let ss = try WeightedVotingPower().shapleyShubik(wvg).allocation
    #expect(ss.reduce(Rational(0), +) == 1)
    let bz = try WeightedVotingPower().banzhaf(wvg).allocation
    for i in 0..<80 {
      for j in 0..<80 where w[i] == w[j] {
        #expect(ss[i] == ss[j] && bz[i] == bz[j])
      }
    }
    let heaviest = w.indices.max { w[$0] < w[$1] }!
    let lightest = w.indices.min { w[$0] < w[$1] }!
    #expect(ss[heaviest] > ss[lightest])
  }

  @Test func memoryLimitIsCheckedFirst() {
    let wvg = try! WeightedVotingGame(quota: 50_000, weights: Array(repeating: 100, count: 1000))
    #expect(throws: SolverError.self) {
      try WeightedVotingPower(maxMemory: 1 << 20).shapleyShubik(wvg)
    }
  }
}

extension PowerIndexTests {
  /// A simple majority of 100 equal voters: each swings in the C(99, 50) coalitions of exactly
  /// 50 others (a 95-bit count), and each has Shapley–Shubik index 1/100.
  @Test func hundredEqualVotersNeedMultiWordCounts() throws {
    let game = try WeightedVotingGame(quota: 51, weights: Array(repeating: 1, count: 100))
    var binomial = BigIntText.one
    for j in 0..<50 { binomial = binomial.times(99 - j).dividedExactly(by: j + 1) }
    let r = try WeightedVotingPower().banzhaf(game, normalization: .swings)
    #expect(r.counts == Array(repeating: binomial.text, count: 100))
    #expect(
      try WeightedVotingPower().shapleyShubik(game).allocation
        == Array(repeating: Rational(1, 100), count: 100))
  }
}

extension PowerIndexTests {
  /// 125 players with weights 1–3: C(124, 62) needs three 61-bit primes, so the residue
  /// planes (computed in parallel, one table each) and their Chinese-remainder reconstruction
  /// are all exercised. The reference counts coalitions of the other players directly, in
  /// exact rationals, without deconvolution.
  @Test func severalPrimePlanesAgreeWithDirectCounting() throws {
    var g = SeededGenerator(seed: 77)
    let w = (0..<125).map { _ in Int.random(in: 1...3, using: &g) }
    let q = w.reduce(0, +) / 2 + 1
    let wvg = try WeightedVotingGame(quota: q, weights: w)
    let ss = try WeightedVotingPower().shapleyShubik(wvg).allocation
    let m = w.count
    var factorial = [Rational](repeating: 1, count: m + 1)
    for k in 1...m { factorial[k] = factorial[k - 1] * Rational(k) }
    for weight in Set(w) {
      var others = w
      others.remove(at: others.firstIndex(of: weight)!)
      // c[k][v]: coalitions of k others with weight v < q.
      var c = [[Rational]](repeating: [Rational](repeating: 0, count: q), count: m)
      c[0][0] = 1
      for (t, wj) in others.enumerated() {
        for k in stride(from: t, through: 0, by: -1) {
          for v in stride(from: q - 1 - wj, through: 0, by: -1) where c[k][v] != 0 {
            c[k + 1][v + wj] += c[k][v]
          }
        }
      }
      var phi = Rational(0)
      for k in 0..<m {
        for v in max(0, q - weight)..<q where c[k][v] != 0 {
          phi += c[k][v] * factorial[k] * factorial[m - 1 - k] / factorial[m]
        }
      }
      for i in w.indices where w[i] == weight { #expect(ss[i] == phi, "weight \(weight)") }
    }
    #expect(ss.reduce(Rational(0), +) == 1)
  }

  /// The primes of the residue planes: Miller–Rabin agrees with trial division below 10⁵
  /// and on known large primes and composites.
  @Test func millerRabinAgreesWithTrialDivision() {
    func trial(_ n: UInt64) -> Bool {
      if n < 2 { return false }
      var d: UInt64 = 2
      while d * d <= n {
        if n % d == 0 { return false }
        d += 1
      }
      return true
    }
    for n in UInt64(0)..<100_000 { #expect(WeightedVotingPower.isPrime(n) == trial(n), "\(n)") }
    #expect(WeightedVotingPower.isPrime((1 << 61) - 1))  // a Mersenne prime
    #expect(!WeightedVotingPower.isPrime(((1 << 31) - 1) * ((1 << 31) - 1)))
    #expect(!WeightedVotingPower.isPrime(3_215_031_751))  // strong pseudoprime to 2, 3, 5, 7
    #expect(WeightedVotingPower.primes(count: 3).allSatisfy { $0 < (1 << 62) })
  }
}

/// A tiny decimal big-integer for checking counts independently of BigInt.
struct BigIntText {
  var digits: [Int]  // little-endian base 10
  static let one = BigIntText(digits: [1])
  var text: String { digits.reversed().map(String.init).joined() }
  func times(_ k: Int) -> BigIntText {
    var out: [Int] = []
    var carry = 0
    for d in digits {
      let x = d * k + carry
      out.append(x % 10)
      carry = x / 10
    }
    while carry > 0 {
      out.append(carry % 10)
      carry /= 10
    }
    return BigIntText(digits: out)
  }
  func dividedExactly(by k: Int) -> BigIntText {
    var out = [Int](repeating: 0, count: digits.count)
    var rem = 0
    for i in stride(from: digits.count - 1, through: 0, by: -1) {
      let x = rem * 10 + digits[i]
      out[i] = x / k
      rem = x % k
    }
    precondition(rem == 0)
    while out.count > 1 && out.last == 0 { out.removeLast() }
    return BigIntText(digits: out)
  }
}
