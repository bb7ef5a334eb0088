// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Testing
import _TestSupport

/// The parametric game format: the triangle model equals the `.nfg` files at the matching
/// parameter values, `GameFile.read` dispatches on it, and mistakes are located errors.
@Suite struct StrategicGameFileTests {
  static let models = Fixtures.repositoryRoot.appendingPathComponent("Models/case")

  static func sameGame(_ a: NormalFormGame<Rational>, _ b: NormalFormGame<Rational>) -> Bool {
    a.players == b.players && a.strategies == b.strategies && a.payoffs == b.payoffs
  }

  @Test func triangleMatchesTheNFGFiles() throws {
    let parametric = try StrategicGameFile.readParametric(
      contentsOf: Self.models.appendingPathComponent("triangle-parametric.yaml"))
    let base = try GameFile.readNormalForm(
      contentsOf: Self.models.appendingPathComponent("triangle.nfg"))
    let distrust = try GameFile.readNormalForm(
      contentsOf: Self.models.appendingPathComponent("triangle-distrust.nfg"))
    #expect(Self.sameGame(parametric.defaults, base))
    #expect(Self.sameGame(try parametric.instantiate(overrides: ["distrust": 6]), distrust))
    #expect(!Self.sameGame(try parametric.instantiate(overrides: ["face": 2]), base))
    // Through the generic reader too.
    guard
      case .normalForm(let read) = try GameFile.read(
        contentsOf: Self.models.appendingPathComponent("triangle-parametric.yaml"))
    else {
      Issue.record("triangle-parametric.yaml did not read as a strategic-form game")
      return
    }
    #expect(Self.sameGame(read, base))
  }

  static let small = """
    parley: game
    version: 1
    name: Small
    parameters:
      x: {value: 2, range: [0, 4]}
    players:
      - {name: Row, strategies: [Up, Down]}
      - {name: Column, strategies: [Left, Right]}
    payoffs:
      - {profile: [Up, Left], payoffs: [x, 1]}
      - {profile: [Down, Left], payoffs: [0, 0]}
      - {profile: [Up, Right], payoffs: ["x / 2", 3/4]}
      - {profile: [Down, Right], payoffs: [1, 2]}
    """

  @Test func payoffsAreExactAndInProfileOrder() throws {
    let game = try StrategicGameFile.parse(Self.small, path: "small.yaml")
    // Player 0 varies fastest: (Up, Left), (Down, Left), (Up, Right), (Down, Right).
    #expect(game.payoffs[0] == [2, 0, 1, 1])
    #expect(game.payoffs[1] == [1, 0, Rational(3, 4), 2])
    let other = try StrategicGameFile.parseParametric(Self.small, path: "small.yaml")
      .instantiate(overrides: ["x": Rational(1, 3)])
    #expect(other.payoffs[0] == [Rational(1, 3), 0, Rational(1, 6), 1])
  }

  func error(_ text: String) -> String {
    do {
      _ = try StrategicGameFile.parse(text, path: "g.yaml")
      return ""
    } catch {
      return error.description
    }
  }

  @Test func mistakesAreLocated() {
    let unknown = error(Self.small.replacingOccurrences(of: "[Down, Right]", with: "[Down, Middle]"))
    #expect(unknown.hasPrefix("g.yaml:13:"))
    #expect(unknown.contains("player 'Column' has no strategy 'Middle'; its strategies are: Left, Right"))
    let missing = error(
      Self.small.replacingOccurrences(
        of: "  - {profile: [Down, Left], payoffs: [0, 0]}\n", with: ""))
    #expect(missing.contains("profile (Down, Left) has no payoffs"))
    let twice = error(Self.small.replacingOccurrences(of: "[Down, Left]", with: "[Up, Left]"))
    #expect(twice.contains("profile (Up, Left) is given twice (first at line 10)"))
    let formula = error(Self.small.replacingOccurrences(of: "\"x / 2\"", with: "\"x / (x - 2)\""))
    #expect(formula.hasPrefix("g.yaml:12:"))
    #expect(formula.contains("division by zero"))
    let count = error(Self.small.replacingOccurrences(of: "[x, 1]", with: "[x, 1, 2]"))
    #expect(count.contains("one payoff per player (2), found 3"))
    let name = error(Self.small.replacingOccurrences(of: "payoffs: [x, 1]", with: "payoffs: [y, 1]"))
    #expect(name.contains("\"y\""))
  }

  /// A file with CRLF line ends is recognised (`"\r\n"` is one Character: splitting on
  /// `"\n"` alone found one line) and read like the LF file.
  @Test func crlfFilesAreRecognisedAndRead() throws {
    let lf = try String(
      contentsOf: Self.models.appendingPathComponent("triangle-parametric.yaml"), encoding: .utf8)
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(StrategicGameFile.isGame(crlf))
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("parley-crlf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("triangle.yaml")
    try crlf.write(to: url, atomically: true, encoding: .utf8)
    guard case .normalForm(let game) = try GameFile.read(contentsOf: url) else {
      Issue.record("not read as a strategic-form game")
      return
    }
    #expect(Self.sameGame(game, try StrategicGameFile.parse(lf)))
  }

  /// Players with one strategy add no profiles but do add payoffs: the table (players ×
  /// profiles) is bounded before it is allocated.
  @Test func thePayoffTableIsBoundedBeforeAllocation() {
    var text = "parley: game\nversion: 1\nname: wide\nplayers:\n"
    for k in 0..<16 { text += "  - {name: P\(k), strategies: [a, b]}\n" }
    text += "  - {name: Q, strategies: [wait]}\npayoffs: []\n"
    do {
      _ = try StrategicGameFile.parse(text, path: "wide.yaml")
      Issue.record("expected an error")
    } catch {
      #expect(error.message == "the game has 17 players and 65536 profiles, more than "
        + "\(StrategicGameFile.maxPayoffs) payoffs")
    }
  }
}
