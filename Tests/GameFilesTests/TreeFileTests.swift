// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Testing
import _TestSupport

/// The parametric tree format: textbook trees equal their `.efg` files, the sanctions race
/// model equals `sanctions-race.efg` at its stated values, `GameFile.read` dispatches on the
/// marker, and mistakes are located errors.
@Suite struct TreeFileTests {
  typealias Game = ExtensiveFormGame<Rational>

  static let models = Fixtures.repositoryRoot.appendingPathComponent("Models/case")

  /// Whether two trees are the same game: the same players, the same nodes in pre-order with
  /// the same information sets (both list them in order of first use), the same movers,
  /// actions and chance probabilities, and the same payoffs at every terminal node. Labels,
  /// names and the numbers of sets and outcomes are not compared (a tree file numbers sets
  /// per player in order of first use and gives every terminal its own outcome).
  static func sameGame(_ a: Game, _ b: Game) -> Bool {
    guard a.players == b.players, a.nodes.count == b.nodes.count,
      a.informationSets.count == b.informationSets.count
    else { return false }
    for (x, y) in zip(a.informationSets, b.informationSets) {
      guard x.mover == y.mover, x.actions == y.actions, x.probabilities == y.probabilities,
        x.members == y.members
      else { return false }
    }
    for v in a.nodes.indices {
      guard a.nodes[v].informationSet == b.nodes[v].informationSet else { return false }
      if a.nodes[v].isTerminal, a.payoffs(at: v) != b.payoffs(at: v) { return false }
    }
    return true
  }

  /// Stripped-down poker (Reiley et al. 2008), as in Gambit's `stripped_down_poker.efg`,
  /// with the bet as a parameter.
  static let poker = """
    parley: tree
    version: 1
    name: A simple Poker game
    parameters:
      bet: {value: 2, range: [1, 4]}
    players: [Alice, Bob]
    tree:
      chance: Deal
      moves:
        - move: King
          probability: 1/2
          then:
            player: Alice
            infoset: Alice has King
            moves:
              Bet:
                player: Bob
                infoset: Bob's response
                moves:
                  Call: {outcome: Win Big, payoffs: [bet, -bet]}
                  Fold: {outcome: Win, payoffs: [1, -1]}
              Fold: {outcome: Lose, payoffs: [-1, 1]}
        - move: Queen
          probability: 1/2
          then:
            player: Alice
            infoset: Alice has Queen
            moves:
              Bet:
                player: Bob
                infoset: Bob's response
                moves:
                  Call: {outcome: Lose Big, payoffs: [-bet, bet]}
                  Fold: {outcome: Win, payoffs: [1, -1]}
              Fold: {outcome: Lose, payoffs: [-1, 1]}
    """

  @Test func pokerMatchesTheEFGFixture() throws {
    let efg = try GameFile.readExtensiveForm(
      contentsOf: Fixtures.gambit.appendingPathComponent(
        "tests/test_games/stripped_down_poker.efg"))
    let parametric = try TreeFile.parseParametric(Self.poker, path: "poker.yaml")
    let tree = parametric.defaults
    #expect(Self.sameGame(tree, efg))
    #expect(tree.title == "A simple Poker game")
    #expect(
      tree.informationSets.map(\.name) == [
        "Deal", "Alice has King", "Bob's response", "Alice has Queen",
      ])
    // Bob's two nodes are one set; Alice's sets are numbered 1 and 2 in order of use.
    #expect(tree.informationSets[2].members.count == 2)
    #expect(tree.informationSets[3].number == 2)
    #expect(tree.outcomes.map(\.name) == ["Win Big", "Win", "Lose", "Lose Big", "Win", "Lose"])
    // Written as .efg and read back: the same game.
    let again = try EFGFile.read(EFGFile.write(tree), path: "written.efg")
    #expect(again == tree)
    // Another bet changes exactly the called payoffs.
    let higher = try parametric.instantiate(overrides: ["bet": 3])
    #expect(!Self.sameGame(higher, efg))
    #expect(higher.payoffs(at: 3) == [3, -3])
    #expect(higher.payoffs(at: 4) == [1, -1])
  }

  @Test func sanctionsRaceMatchesTheEFGFile() throws {
    let url = Self.models.appendingPathComponent("sanctions-race.yaml")
    let efg = try GameFile.readExtensiveForm(
      contentsOf: Self.models.appendingPathComponent("sanctions-race.efg"))
    let parametric = try TreeFile.readParametric(contentsOf: url)
    #expect(Self.sameGame(parametric.defaults, efg))
    #expect(
      parametric.parameters.names.sorted() == [
        "c", "china_cost", "china_exposure", "k", "q_reactive", "q_semi",
      ])
    for p in parametric.parameters.parameters {
      #expect(p.distribution != nil, "\(p.name)")
      #expect(p.range != nil, "\(p.name)")
      #expect(p.source.hasPrefix("ASSUMPTION"), "\(p.name)")
    }
    #expect(!Self.sameGame(try parametric.instantiate(overrides: ["k": 3]), efg))
    // Through the generic reader (dispatch on the marker).
    guard case .extensiveForm(let read) = try GameFile.read(contentsOf: url) else {
      Issue.record("sanctions-race.yaml did not read as a tree")
      return
    }
    #expect(Self.sameGame(read, efg))
    // The chance probabilities follow the parameters exactly.
    let slow = try parametric.instantiate(overrides: ["q_semi": Rational(2, 7)])
    let race = try #require(slow.informationSets.last { $0.mover == .chance })
    #expect(race.probabilities == [Rational(2, 7), Rational(5, 7)])
  }

  /// The action values that breakpoint searches compare: North Korea's choice under
  /// semi-automatic designation when China is lax if the designation was evaded and strict
  /// if it landed.
  @Test func actionValuesAtTheSanctionsRace() throws {
    let game = try TreeFile.readParametric(
      contentsOf: Self.models.appendingPathComponent("sanctions-race.yaml")
    ).defaults
    // Sets: mode, NK reactive, race (reactive), China evaded, China landed, NK semi, race.
    let pure: [Int: Int] = [0: 1, 1: 0, 3: 1, 4: 0, 5: 1]
    let profile = game.behaviorProfile { k in
      game.informationSets[k].actions.indices.map { $0 == pure[k]! ? 1 : 0 }
    }
    let values = game.actionValues(under: profile)
    // Replace: 1/4 · (−2) + 3/4 · (−9) = −29/4; Keep: −7.
    #expect(values[5] == [Rational(-29, 4), -7])
    // China's "landed" set (four nodes): the members reached by the others' play weigh.
    #expect(values[2].isEmpty)
    #expect(game.expectedPayoffs(profile) == [5, -7, 0])
    #expect(game.subtreePayoffs(profile)[0] == [5, -7, 0])
  }

  func error(_ text: String) -> String {
    do {
      _ = try TreeFile.parse(text, path: "t.yaml")
      return ""
    } catch {
      return error.description
    }
  }

  @Test func mistakesAreLocated() {
    let p = Self.poker
    let probability = error(
      p.replacingOccurrences(
        of: "probability: 1/2\n      then:\n        player: Alice\n        infoset: Alice has King",
        with:
          "probability: 3/2\n      then:\n        player: Alice\n        infoset: Alice has King"))
    #expect(probability.hasPrefix("t.yaml:11:20:"), "\(probability)")
    #expect(
      probability.contains("chance node 'Deal': the probability of 'King' is 3/2, outside [0, 1]"))
    let sum = error(
      p.replacingOccurrences(
        of:
          "probability: 1/2\n      then:\n        player: Alice\n        infoset: Alice has Queen",
        with:
          "probability: 1/3\n      then:\n        player: Alice\n        infoset: Alice has Queen"))
    #expect(sum.hasPrefix("t.yaml:10:5:"), "\(sum)")
    #expect(sum.contains("the probabilities of chance node 'Deal' sum to 5/6, not 1"))
    let player = error(
      p.replacingOccurrences(
        of:
          "player: Bob\n            infoset: Bob's response\n            moves:\n              Call: {outcome: Win Big",
        with:
          "player: Carol\n            infoset: Bob's response\n            moves:\n              Call: {outcome: Win Big"
      ))
    #expect(player.contains("unknown player 'Carol'; the players are: Alice, Bob"), "\(player)")
    let moves = error(
      p.replacingOccurrences(of: "Call: {outcome: Lose Big", with: "See: {outcome: Lose Big"))
    #expect(moves.hasPrefix("t.yaml:33:"), "\(moves)")
    #expect(
      moves.contains(
        "information set 'Bob's response' of Bob has the moves See, Fold here but Call, Fold "
          + "at its node on line 17"), "\(moves)")
    let count = error(p.replacingOccurrences(of: "[bet, -bet]", with: "[bet, -bet, 0]"))
    #expect(count.contains("a terminal has one payoff per player (2), found 3"))
    let formula = error(p.replacingOccurrences(of: "[bet, -bet]", with: "[\"bet / (bet - 2)\", 0]"))
    #expect(formula.contains("division by zero"), "\(formula)")
    let kind = error(
      p.replacingOccurrences(of: "{outcome: Win, payoffs: [1, -1]}", with: "{outcome: Win}"))
    #expect(kind.contains("is not a node"), "\(kind)")
    let key = error(
      p.replacingOccurrences(
        of: "infoset: Alice has King", with: "infoset: Alice has King\n        label: x"))
    #expect(key.contains("unknown key 'label'"), "\(key)")
    let twice = error(
      p.replacingOccurrences(of: "players: [Alice, Bob]", with: "players: [Alice, Alice]"))
    #expect(twice.contains("player 'Alice' is named twice"))
    let marker = error(p.replacingOccurrences(of: "parley: tree", with: "parley: game"))
    #expect(marker.contains("expected 'parley: tree', found 'game'"))
  }

  /// A sum that is 1 at the stated values but not at another: the instantiation fails,
  /// located, with the values that broke it.
  @Test func probabilitiesAreCheckedAtEveryInstantiation() throws {
    let text = Self.poker.replacingOccurrences(
      of: "probability: 1/2\n      then:\n        player: Alice\n        infoset: Alice has Queen",
      with:
        "probability: bet / 4\n      then:\n        player: Alice\n        infoset: Alice has Queen"
    )
    let parametric = try TreeFile.parseParametric(text, path: "t.yaml")
    #expect(throws: GameFileError.self) { _ = try parametric.instantiate(overrides: ["bet": 3]) }
    do {
      _ = try parametric.instantiate(overrides: ["bet": 3])
    } catch {
      #expect(error.line == 10)
      #expect(
        error.message == "the probabilities of chance node 'Deal' sum to 5/4, not 1 (with bet = 3)")
    }
  }

  /// A chain of `maxDepth + 1` decisions is refused at the node too deep.
  @Test func depthIsBounded() {
    func chain(_ depth: Int) -> String {
      var text = "parley: tree\nversion: 1\nname: deep\nplayers: [P]\ntree: "
      for _ in 0..<depth { text += "{player: P, moves: {go: " }
      text += "{payoffs: [1]}"
      text += String(repeating: "}}", count: depth)
      return text + "\n"
    }
    #expect(error(chain(TreeFile.maxDepth)) == "")
    #expect(error(chain(TreeFile.maxDepth + 1)).contains("the tree is more than 256 moves deep"))
  }

  /// Aliases double the tree at each level: 17 levels make 2^18 − 1 nodes from a few lines,
  /// refused once `maxNodes` have been read.
  @Test func sizeIsBoundedEvenThroughAliases() {
    var text = "parley: tree\nversion: 1\nname: wide\nplayers: [P]\ntree:\n  player: P\n  moves:\n"
    text += "    l0: &t0 {payoffs: [0]}\n"
    for k in 1...17 {
      text += "    l\(k): &t\(k) {player: P, moves: {a: *t\(k - 1), b: *t\(k - 1)}}\n"
    }
    let message = error(text)
    #expect(message.contains("the tree has more than 100000 nodes"), "\(message)")
    // Fewer levels read, every copy counted.
    let small = text.components(separatedBy: "\n").filter {
      !$0.contains("l17") && !$0.contains("l16") && !$0.contains("l15")
    }.joined(separator: "\n")
    #expect(error(small) == "")
    let game = try? TreeFile.parse(small)
    // Root + sum over levels k = 0...14 of (2^(k+1) − 1) nodes.
    let expected = 1 + (0...14).map { (1 << ($0 + 1)) - 1 }.reduce(0, +)
    #expect(game?.nodes.count == expected)
  }

  /// A file with CRLF line ends is recognised as a tree.
  @Test func markerIsRecognisedWithCRLF() {
    #expect(TreeFile.isTree(Self.poker))
    #expect(TreeFile.isTree(Self.poker.replacingOccurrences(of: "\n", with: "\r\n")))
    #expect(!TreeFile.isTree("parley: game\n"))
  }
}
