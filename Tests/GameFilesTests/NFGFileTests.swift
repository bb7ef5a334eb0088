// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Testing
import _TestSupport

@Suite("NFG files")
struct NFGFileTests {
  static func text(_ url: URL) throws -> String {
    try String(contentsOf: url, encoding: .utf8)
  }

  static func fixture(_ relative: String) throws -> NormalFormGame<Rational> {
    try GameFile.readNormalForm(contentsOf: Fixtures.gambit.appendingPathComponent(relative))
  }

  @Test func everyFixtureRoundTrips() throws {
    let files = Fixtures.gambitNFG
    #expect(files.count == 25)
    for url in files {
      let game = try NFGFile.read(Self.text(url), path: url.lastPathComponent)
      let written = NFGFile.write(game)
      let again = try NFGFile.read(written, path: "written " + url.lastPathComponent)
      #expect(again == game, "\(url.lastPathComponent)")
      #expect(NFGFile.write(again) == written, "\(url.lastPathComponent)")
    }
  }

  @Test func knownFacts() throws {
    let pd = try Self.fixture("contrib/games/pd.nfg")
    #expect(pd.title == "Two person Prisoner's Dilemma game")
    #expect(pd.players == ["Player 1", "Player 2"])
    #expect(pd.shape == [2, 2])
    #expect(pd.outcomes?.labels == ["", "", "", ""])
    #expect(pd.rowMatrix == [[9, 0], [10, 1]])
    #expect(pd.columnMatrix == [[9, 10], [0, 1]])

    let zero = try Self.fixture("contrib/games/zero.nfg")  // header "NFG 1 D"
    #expect(zero.shape == [2, 2])
    #expect(zero.outcomes == nil)
    #expect(zero.strategies == [["1", "2"], ["1", "2"]])
    #expect(zero.payoffs.allSatisfy { $0.allSatisfy(\.isZero) })

    let g = try Self.fixture("contrib/games/5x4x3.nfg")
    #expect(g.shape == [5, 4, 3])
    #expect(g.profileCount == 60)

    let local = try Self.fixture(
      "tests/test_games/2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg")
    #expect(local.comment.hasPrefix("\n- This comes from a local max cut instance"))

    let vs = try Self.fixture("catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg")
    #expect(vs.shape == [6, 6])
  }

  @Test func readsBothVersionsOfTheFormatsExample() throws {
    let outcome = """
      NFG 1 R "Battle of the sexes" { "Ann" "Bob" }
      { { "Opera" "Fight" } { "Opera" "Fight" } }
      "optional comment"

      {
      { "both at opera" 2, 1 }
      { "miss" 0, 0 }
      { "both at fight" 1, 2 }
      }
      1 2 2 3
      """
    let payoff = """
      NFG 1 R "Battle of the sexes" { "Ann" "Bob" } { 2 2 }

      2 1 0 0 0 0 1 2
      """
    let a = try NFGFile.read(outcome)
    let b = try NFGFile.read(payoff)
    #expect(a.payoffs == b.payoffs)
    #expect(a.outcomes?.labels == ["both at opera", "miss", "both at fight"])
    #expect(a.outcomes?.assignment == [1, 2, 2, 3])
    #expect(a.strategies == [["Opera", "Fight"], ["Opera", "Fight"]])
    #expect(b.strategies == [["1", "2"], ["1", "2"]])
    #expect(a.comment == "optional comment")
    #expect(b.comment == "")
  }

  @Test func readsEveryNumberFormExactly() throws {
    let text = "NFG 1 R \"\" { \"a\" } { 8 }\n7 -3 +4 .80 -.5 5. 19/20 -1.5e-3\n"
    let g = try NFGFile.read(text)
    let expected: [Rational] = [
      7, -3, 4, Rational(4, 5), Rational(-1, 2), 5, Rational(19, 20), Rational(-3, 2000),
    ]
    #expect(g.payoffs[0] == expected)
    let big = try NFGFile.read(
      "NFG 1 R \"\" { \"a\" } { 3 }\n123456789012345678901234567890 1e30 "
        + "-1/123456789012345678901\n")
    #expect(big.payoffs[0][0] == Rational("123456789012345678901234567890"))
    #expect(big.payoffs[0][1] == Rational("1000000000000000000000000000000"))
    #expect(big.payoffs[0][2] == Rational("-1/123456789012345678901"))
  }

  @Test func stringsWithQuotesAndBackslashesRoundTrip() throws {
    let g = NormalFormGame<Rational>(
      title: "say \"hi\" \\ end\\", comment: "two\nlines \\\"", players: ["\\", "\""],
      strategies: [["a\\\"b"], ["x", "\u{1F600}"]], payoffs: [[1, 2], [3, 4]])
    let text = NFGFile.write(g)
    #expect(try NFGFile.read(text) == g)
    // Gambit's rule: a backslash before another character is kept with it.
    let h = try NFGFile.read("NFG 1 R \"C:\\dir \\\"q\\\"\" { \"a\" } { 1 } 0")
    #expect(h.title == "C:\\dir \"q\"")
  }

  @Test func doubleGamesWriteShortestDecimals() throws {
    let g = NormalFormGame<Double>(title: "d", A: [[0.1, 2]], B: [[1e-5, -3.25]])
    let text = NFGFile.write(g)
    let back = try NFGFile.read(text).converted(to: Double.self)
    #expect(back.payoffs == g.payoffs)
  }

  @Test func writesAtomicallyAndReadsBack() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("parley-files-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("pd.nfg")
    let game = try Self.fixture("contrib/games/pd.nfg")
    try GameFile.write(game, to: url)
    #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions]
      as? Int == 0o644)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    try GameFile.write(game, to: url)  // replaces the existing file, keeping its mode
    #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions]
      as? Int == 0o600)
    #expect(try GameFile.readNormalForm(contentsOf: url) == game)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(left == ["pd.nfg"])
    #expect(throws: GameFileError.self) {
      try GameFile.write("x", to: folder.appendingPathComponent("missing/dir/a.nfg"))
    }
  }

  @Test func checksTheDeclaredSizeBeforeAllocating() throws {
    let small = ResourceLimits(maxMemory: 1 << 20)
    let text = "NFG 1 R \"\" { \"a\" \"b\" \"c\" } { 100 100 100 }\n1 2 3"
    let stride = MemoryLayout<Rational>.stride
    #expect {
      try NFGFile.read(text, path: "big.nfg", limits: small)
    } throws: { error in
      (error as? GameFileError)?.description
        == "big.nfg:1:28: error: a game with 100 × 100 × 100 strategies needs "
        + "\(3_000_000 * stride) bytes, more than the memory limit of 1048576 bytes"
    }
  }
}
