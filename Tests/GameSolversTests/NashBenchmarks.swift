// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameSolvers
import Testing
import _TestSupport

/// Timings of the two-player solvers on seeded random games, for comparison with Gambit and
/// lrsnash; run only with `PARLEY_BENCH=1` (and `-c release`). It writes each game to
/// `$PARLEY_BENCH_DIR` (default /tmp/parley-bench) as `.nfg` and as lrsnash input, and prints
/// one line per game: size, seed, method, equilibria found, seconds.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PARLEY_BENCH"] != nil))
struct NashBenchmarks {
  let folder = ProcessInfo.processInfo.environment["PARLEY_BENCH_DIR"] ?? "/tmp/parley-bench"

  func write(_ g: NormalFormGame<Rational>, name: String) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let A = g.rowMatrix, B = g.columnMatrix
    let m = A.count, n = A[0].count
    var nfg = "NFG 1 R \"\(name)\" { \"1\" \"2\" } { \(m) \(n) }\n\n"
    for j in 0..<n { for i in 0..<m { nfg += "\(A[i][j]) \(B[i][j]) " } }
    try (nfg + "\n").write(toFile: "\(folder)/\(name).nfg", atomically: true, encoding: .utf8)
    var lrs = "\(m) \(n)\n\n"
    for row in A { lrs += row.map(\.description).joined(separator: " ") + "\n" }
    lrs += "\n"
    for row in B { lrs += row.map(\.description).joined(separator: " ") + "\n" }
    try lrs.write(toFile: "\(folder)/\(name).lrs", atomically: true, encoding: .utf8)
  }

  /// Prints unbuffered, so a timed-out run still shows its lines.
  func report(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = ContinuousClock.now
    let value = try body()
    let d = ContinuousClock.now - start
    return (value, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
  }

  @Test func vertexEnumeration() throws {
    for size in [6, 8, 10, 12] {
      for seed in 0..<3 as Range<UInt64> {
        let g = FixtureGames.random(size, size, range: 0...99, seed: seed)
        let name = "ve\(size)_\(seed)"
        try write(g, name: name)
        let (exact, te) = try time { try VertexEnumeration().solve(g) }
        let gf = g.converted(to: Double.self)
        let (float, tf) = try time { try VertexEnumeration().solve(gf) }
        report("BENCH \(name) enummixed exact \(exact.equilibria.count) \(te)")
        report("BENCH \(name) enummixed float \(float.equilibria.count) \(tf)")
      }
    }
  }

  @Test func lemkeHowson() throws {
    let sizes = (ProcessInfo.processInfo.environment["PARLEY_BENCH_LH"] ?? "50,100,200,400")
      .split(separator: ",").compactMap { Int($0) }
    let exactLimit = Int(ProcessInfo.processInfo.environment["PARLEY_BENCH_LH_EXACT"] ?? "")
      ?? 400
    for size in sizes {
      for seed in 0..<2 as Range<UInt64> {
        let g = FixtureGames.random(size, size, range: 0...99, seed: 1000 + seed)
        let name = "lh\(size)_\(seed)"
        try write(g, name: name)
        let gf = g.converted(to: Double.self)
        let (float, tf) = try time { try LemkeHowson().solve(gf) }
        report("BENCH \(name) lcp float \(float.equilibria.count) \(tf) \(float.notes)")
        guard size <= exactLimit else { continue }
        let (exact, te) = try time { try LemkeHowson().solve(g) }
        report("BENCH \(name) lcp exact \(exact.equilibria.count) \(te) \(exact.notes)")
      }
    }
  }
}

extension NashBenchmarks {
  /// Writes degenerate random games and this package's extreme equilibria (one per line,
  /// `x0,x1,…;y0,…`), for a set comparison with Gambit's `enummixed_solve(rational=True)`.
  @Test func degenerateGamesForPeerComparison() throws {
    for seed in 0..<80 as Range<UInt64> {
      let size = [(3, 3), (4, 4), (5, 4), (6, 6), (6, 3), (3, 6), (7, 5), (2, 7)][Int(seed % 8)]
      let g = FixtureGames.random(size.0, size.1, range: 0...2, seed: 5000 + seed)
      let name = "deg_\(seed)"
      try write(g, name: name)
      let r = try VertexEnumeration().solve(g)
      let lines = r.equilibria.map { e in
        e.probabilities.map { $0.map(\.description).joined(separator: ",") }
          .joined(separator: ";")
      }
      try (lines.joined(separator: "\n") + "\n").write(toFile: "\(folder)/\(name).out",
        atomically: true, encoding: .utf8)
    }
  }
}
