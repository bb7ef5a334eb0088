// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Testing
import _TestSupport

/// Times the reader on a large game. It prints the figure and checks only correctness, so a
/// slow machine cannot fail it.
@Suite("NFG read speed")
struct ReadSpeedTests {
  /// Six players with eight strategies each: 262,144 profiles, 1,572,864 payoffs, in the
  /// payoff version (about 5 MB of text), with a mix of integers and decimals.
  static func largeGameText() -> String {
    var generator = SeededGenerator(seed: 6_8)
    let shape = [Int](repeating: 8, count: 6)
    var text = "NFG 1 R \"6 players, 8 strategies each\" { \"1\" \"2\" \"3\" \"4\" \"5\" \"6\" } { "
    text += shape.map(String.init).joined(separator: " ") + " }\n\n"
    text.reserveCapacity(6_000_000)
    let profiles = shape.reduce(1, *)
    for _ in 0..<profiles {
      for p in 0..<6 {
        let v = Int.random(in: -99...99, using: &generator)
        if p == 5 { text += "\(v).5\n" } else { text += "\(v) " }
      }
    }
    return text
  }

  @Test func sixPlayersEightStrategies() throws {
    let text = Self.largeGameText()
    let clock = ContinuousClock()
    var game: NormalFormGame<Rational>?
    let elapsed = try clock.measure { game = try NFGFile.read(text, path: "6x8.nfg") }
    let g = try #require(game)
    #expect(g.profileCount == 262_144)
    #expect(g.payoffs[5].allSatisfy { !$0.isInteger })
    let seconds = Double(elapsed.components.seconds)
      + Double(elapsed.components.attoseconds) * 1e-18
    var written = ""
    let writing = clock.measure { written = NFGFile.write(g) }
    #expect(written.hasPrefix("NFG 1 R"))
    print("NFG read: 262,144 profiles × 6 payoffs (\(text.utf8.count) bytes) in "
      + "\(String(format: "%.3f", seconds)) s; written again in \(writing)")
  }
}
