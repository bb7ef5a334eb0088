// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Testing
import _TestSupport

@Suite("EFG files")
struct EFGFileTests {
  typealias Game = ExtensiveFormGame<Rational>

  static func fixture(_ relative: String) throws -> Game {
    try GameFile.readExtensiveForm(contentsOf: Fixtures.gambit.appendingPathComponent(relative))
  }

  @Test func everyFixtureRoundTrips() throws {
    let files = Fixtures.gambitEFG
    #expect(files.count == 15)
    for url in files {
      let game = try EFGFile.read(String(contentsOf: url, encoding: .utf8),
        path: url.lastPathComponent)
      let written = EFGFile.write(game)
      let again = try EFGFile.read(written, path: "written " + url.lastPathComponent)
      #expect(again == game, "\(url.lastPathComponent)")
      #expect(EFGFile.write(again) == written, "\(url.lastPathComponent)")
    }
  }

  @Test func dispatchesOnTheExtension() throws {
    for url in Fixtures.gambitEFG + Fixtures.gambitNFG {
      switch try GameFile.read(contentsOf: url) {
      case .normalForm: #expect(url.pathExtension == "nfg")
      case .extensiveForm: #expect(url.pathExtension == "efg")
      }
    }
  }

  @Test func centipedeReadsDecimalsExactly() throws {
    let g = try Self.fixture("contrib/games/cent2.efg")
    #expect(g.players == ["Player 1", "Player 2"])
    let first = try #require(g.outcomes.first)
    #expect(first.name == "Outcome 1")
    #expect(first.payoffs == [Rational(4, 5), Rational(1, 5)])  // written ".80, .20"
    let chance = g.informationSets.filter { $0.mover == .chance }
    #expect(chance.count == 3)
    #expect(chance[0].probabilities == [Rational(19, 20), Rational(1, 20)])
    #expect(chance[0].actions == ["1=rational", "1=altruist"])
    // Outcome 5 is described four times, identically; it is one outcome with four nodes.
    let five = try #require(g.outcomes.firstIndex { $0.number == 5 })
    #expect(g.nodes.filter { $0.outcome == five }.count == 4)
    #expect(g.outcomes.count == 9)
  }

  @Test func nimAcceptsRepeatedNodeLabels() throws {
    let g = try Self.fixture("contrib/games/nim.efg")
    #expect(g.nodes.filter { $0.label == "1 left" }.count > 1)
    #expect(g.isPerfectInformation)
    #expect(g.nodes[0].label == "5 left")
    #expect(g.mover(at: 0) == .player(0))
  }

  @Test func treeStructureAndPayoffs() throws {
    let g = try Self.fixture("doc/poker.efg")
    #expect(g.mover(at: g.root) == .chance)
    #expect(!g.isPerfectInformation)
    // Every non-root node's parent lists it as a child, and children follow action order.
    for (i, node) in g.nodes.enumerated() {
      if let parent = node.parent { #expect(g.nodes[parent].children.contains(i)) }
      if let h = node.informationSet {
        #expect(node.children.count == g.informationSets[h].actions.count)
        #expect(g.informationSets[h].members.contains(i))
      }
    }
    // Poker is zero-sum at every leaf.
    for leaf in g.terminalNodes { #expect(g.payoffs(at: leaf).reduce(0, +) == 0) }
    for p in 0..<g.playerCount { #expect(!g.informationSets(of: p).isEmpty) }
  }

  @Test func readsTheFormatsExamples() throws {
    let entry = """
      EFG 2 R "Entry with a hidden type" { "Entrant" "Incumbent" }
      "The incumbent cannot see the entrant's type."

      c "type" 1 "nature" { "strong" 1/2 "weak" 0.5 } 0
      p "strong" 1 1 "E is strong" { "In" "Out" } 0
      p "strong in" 2 1 "I sees entry" { "Fight" "Accommodate" } 0
      t "" 1 "strong fought" { -1, -1 }
      t "" 2 "strong accommodated" { 2, 1 }
      t "" 3 "stayed out" { 0, 3 }
      p "weak" 1 2 "E is weak" { "In" "Out" } 0
      p "weak in" 2 1 0
      t "" 4 "weak fought" { -2, 1 }
      t "" 5 "weak accommodated" { 1, 0 }
      t "" 3
      """
    let g = try EFGFile.read(entry)
    #expect(g.nodes.count == 11)
    let incumbent = g.informationSets(of: 1)
    #expect(incumbent.count == 1)
    #expect(g.informationSets[incumbent[0]].members == [2, 7])
    #expect(g.terminalNodes.map { g.payoffs(at: $0) } == [
      [-1, -1], [2, 1], [0, 3], [-2, 1], [1, 0], [0, 3],
    ])
    #expect(g.informationSets[0].probabilities == [Rational(1, 2), Rational(1, 2)])
  }

  @Test func outcomesOnInnerNodesAddUp() throws {
    let text = """
      EFG 2 R "" { "A" "B" } p "" 1 1 "" { "x" "y" } 1 "toll" { 1, -1 }
      t "" 2 "end" { 3 4 } t "" 0
      """
    let g = try EFGFile.read(text)
    #expect(g.payoffs(at: 1) == [4, 3])
    #expect(g.payoffs(at: 2) == [1, -1])
    #expect(try EFGFile.read(EFGFile.write(g)) == g)
  }

  @Test func deepTreesDoNotOverflowTheStack() throws {
    let depth = 20_000
    var text = "EFG 2 R \"chain\" { \"A\" }\n"
    text += "p \"\" 1 1 \"only\" { \"go\" } 0\n"
    for _ in 1..<depth { text += "p \"\" 1 1 0\n" }
    text += "t \"\" 1 \"end\" { 1 }\n"
    let g = try EFGFile.read(text)
    #expect(g.nodes.count == depth + 1)
    #expect(g.payoffs(at: depth) == [1])
    #expect(try EFGFile.read(EFGFile.write(g)) == g)
  }

  @Test func builtGamesRoundTripThroughFiles() throws {
    let g = Game(title: "matching", players: ["1", "2"],
      informationSets: [
        .init(chance: 1, name: "coin", actions: ["H", "T"],
          probabilities: [Rational(1, 3), Rational(2, 3)]),
        .init(player: 0, number: 1, name: "guess", actions: ["h", "t"]),
      ],
      outcomes: [
        .init(number: 1, name: "win", payoffs: [1, -1]),
        .init(number: 2, name: "lose", payoffs: [-1, 1]),
      ],
      nodes: [
        .init(informationSet: 0), .init(label: "H", informationSet: 1),
        .init(outcome: 0), .init(outcome: 1),
        .init(label: "T", informationSet: 1), .init(outcome: 1), .init(outcome: 0),
      ])
    #expect(g.nodes[1].children == [2, 3])
    #expect(g.nodes[4].parent == 0)
    #expect(try EFGFile.read(EFGFile.write(g)) == g)
    #expect(Game.validationProblem(players: [], informationSets: [], outcomes: [],
      nodes: [.init()]) != nil)
  }
}

@Suite("Game files on disk")
struct GameFileTests {
  @Test func sniffsUnknownExtensionsAndReportsFileProblems() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("parley-sniff-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let efg = ExtensiveFormGame<Rational>(title: "one leaf", players: ["A"],
      informationSets: [], outcomes: [.init(number: 1, name: "o", payoffs: [Rational(1, 3)])],
      nodes: [.init(label: "end", outcome: 0)])
    let url = folder.appendingPathComponent("leaf.game")
    try GameFile.write(.extensiveForm(efg), to: url)
    #expect(try GameFile.read(contentsOf: url) == .extensiveForm(efg))

    let text = folder.appendingPathComponent("notes.txt")
    try Data("hello world\n".utf8).write(to: text)
    #expect {
      try GameFile.read(contentsOf: text)
    } throws: { error in
      (error as? GameFileError)?.locatedMessage
        == "1:1: error: expected \"NFG\" or \"EFG\" (the file is neither an .nfg nor an .efg "
        + "file), found \"hello\""
    }
    let missing = folder.appendingPathComponent("missing.nfg")
    #expect {
      try GameFile.read(path: missing.path)
    } throws: { error in
      guard let error = error as? GameFileError else { return false }
      return error.line == 0 && error.description.hasPrefix(missing.path + ": error: cannot read")
    }
  }
}
