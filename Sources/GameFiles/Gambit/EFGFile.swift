// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// Reads and writes Gambit's extensive-form files (`.efg`).
///
/// The grammar (Gambit's `doc/formats.efg.rst`; summarised in
/// `Tests/Fixtures/gambit/FORMATS.md`):
/// ```
/// efg      := "EFG" "2" ("R"|"D") TEXT:title players [TEXT:comment] node+
/// chance   := "c" TEXT:label NUMBER:set [TEXT:name "{" (TEXT:action NUMBER:prob)+ "}"]
///             NUMBER:outcome [outcome]
/// personal := "p" TEXT:label NUMBER:player NUMBER:set [TEXT:name "{" TEXT:action+ "}"]
///             NUMBER:outcome [outcome]
/// terminal := "t" TEXT:label NUMBER:outcome [outcome]
/// outcome  := TEXT:name "{" NUMBER ([","] NUMBER){n-1} "}"
/// ```
/// Nodes come in pre-order. An information set is described (name and actions) where it is
/// first used and may be described again later only identically; likewise an outcome (name
/// and payoffs). Outcome 0 means none.
public enum EFGFile {
  /// Reads a game from the text of an `.efg` file.
  ///
  /// Besides the grammar, the reader checks what makes the tree a game: player numbers in
  /// range; every information set and outcome described at first use and consistently after
  /// that; chance probabilities non-negative and summing to exactly 1; a decision node has as
  /// many subtrees as its set has actions; nothing follows the tree. Deep trees are read
  /// without recursion. Repeated node labels are accepted.
  ///
  /// - Parameters:
  ///   - text: the file's contents.
  ///   - path: the name used in error messages.
  /// - Throws: `GameFileError` at the first offending token, with what was expected there.
  /// - Complexity: O(length of the text), expected.
  public static func read(
    _ text: String, path: String = "<input>"
  ) throws(GameFileError) -> ExtensiveFormGame<Rational> {
    var text = text
    return try text.withUTF8 { bytes in
      Result { () throws(GameFileError) in try read(utf8: bytes, path: path) }
    }.get()
  }

  typealias Game = ExtensiveFormGame<Rational>

  /// Reads a game from the UTF-8 bytes of an `.efg` file (already checked to be valid UTF-8).
  static func read(
    utf8 bytes: UnsafeBufferPointer<UInt8>, path: String
  ) throws(GameFileError) -> ExtensiveFormGame<Rational> {
    var s = try GambitScanner(bytes: bytes, path: path)
    let title = try s.expectHeader(magic: "EFG", version: "2", kind: "an extensive-form")
    let players = try s.expectPlayerNames()
    var comment = ""
    if s.current.kind == .string {
      comment = s.text(of: s.current)
      try s.advance()
    }

    var reader = TreeReader(playerCount: players.count)
    var pending = 1  // subtrees still to read
    while pending > 0 {
      pending += try reader.readNode(&s) - 1
    }
    if s.current.kind != .end {
      throw s.expected("end of file (the tree is complete)")
    }
    return ExtensiveFormGame(title: title, comment: comment, players: players,
      informationSets: reader.informationSets, outcomes: reader.outcomes, nodes: reader.nodes)
  }

  /// The state of a pre-order read: what has been defined so far, and where.
  struct TreeReader {
    let playerCount: Int
    var nodes = [Game.Node]()
    var informationSets = [Game.InformationSet]()
    var outcomes = [Game.Outcome]()
    /// Index and defining line of each information set, by mover and number.
    var setIndex = [Game.Mover: [Int: (index: Int, line: Int)]]()
    /// Index and defining line of each outcome, by number.
    var outcomeIndex = [Int: (index: Int, line: Int)]()

    init(playerCount: Int) { self.playerCount = playerCount }

    /// Reads one node and returns its number of children.
    mutating func readNode(_ s: inout GambitScanner) throws(GameFileError) -> Int {
      let kind = s.current
      let isChance = s.isWord(kind, "c"), isPersonal = s.isWord(kind, "p")
      guard isChance || isPersonal || s.isWord(kind, "t") else {
        throw s.expected("a node (\"c\", \"p\" or \"t\")")
      }
      try s.advance()
      let label = try s.expectString("the node's label (a quoted string)")
      var set: Int? = nil
      if isChance || isPersonal {
        let mover: Game.Mover
        if isPersonal {
          let n = playerCount
          let p = try s.expectInteger("a player number from 1 to \(n)", in: 1...n)
          mover = .player(p - 1)
        } else {
          mover = .chance
        }
        set = try readInformationSet(&s, mover: mover)
      }
      let outcome = try readOutcome(&s)
      nodes.append(Game.Node(label: label, informationSet: set, outcome: outcome))
      return set.map { informationSets[$0].actions.count } ?? 0
    }

    static func name(_ mover: Game.Mover, _ number: Int) -> String {
      switch mover {
      case .chance: return "chance information set \(number)"
      case .player(let p): return "information set \(number) of player \(p + 1)"
      }
    }

    /// Reads an information-set number and its optional description; returns the set's index.
    mutating func readInformationSet(
      _ s: inout GambitScanner, mover: Game.Mover
    ) throws(GameFileError) -> Int {
      let number = try s.expectInteger("a positive information set number", in: 1...Int.max)
      let what = Self.name(mover, number)
      let existing = setIndex[mover]?[number]
      guard s.current.kind == .string else {
        guard let existing else {
          throw s.expected("the name and actions of new \(what) (a quoted string)")
        }
        return existing.index
      }
      let nameToken = s.current
      let name = s.text(of: nameToken)
      try s.advance()
      let openToken = s.current
      try s.expect(.open, "\"{\" starting the actions of \(what)")
      var actions = [String]()
      var probabilities = [Rational]()
      while s.current.kind == .string {
        let action = s.text(of: s.current)
        actions.append(action)
        try s.advance()
        if mover == .chance {
          let token = s.current
          let shown = "\"" + GambitScanner.abbreviate(action) + "\""
          let p = try s.expectNumber("the probability of action \(shown) (a number)")
          if p < 0 {
            throw s.error(at: token,
              "expected a non-negative probability for action \(shown), found "
                + s.describe(token))
          }
          probabilities.append(p)
        }
      }
      if actions.isEmpty { throw s.expected("an action label of \(what) (a quoted string)") }
      try s.expect(.close, "\"}\" closing the actions of \(what)")
      if mover == .chance {
        let total = probabilities.reduce(Rational.zero, +)
        if total != 1 {
          throw s.error(at: openToken,
            "the probabilities of \(what) sum to \(total), not 1")
        }
      }
      let set: Game.InformationSet
      switch mover {
      case .chance:
        set = .init(chance: number, name: name, actions: actions, probabilities: probabilities)
      case .player(let p):
        set = .init(player: p, number: number, name: name, actions: actions)
      }
      if let existing {
        if informationSets[existing.index] != set {
          throw s.error(at: nameToken,
            "\(what) is described differently from its definition on line \(existing.line)")
        }
        return existing.index
      }
      informationSets.append(set)
      setIndex[mover, default: [:]][number] = (informationSets.count - 1, nameToken.line)
      return informationSets.count - 1
    }

    /// Reads an outcome number and its optional description; returns the outcome's index,
    /// or `nil` for outcome 0.
    mutating func readOutcome(_ s: inout GambitScanner) throws(GameFileError) -> Int? {
      let number = try s.expectInteger("an outcome number (0 for none)", in: 0...Int.max)
      let existing = outcomeIndex[number]
      guard s.current.kind == .string else {
        if number == 0 { return nil }
        guard let existing else {
          throw s.expected("the name and payoffs of new outcome \(number) (a quoted string)")
        }
        return existing.index
      }
      let nameToken = s.current
      if number == 0 {
        throw s.error(at: nameToken,
          "outcome 0 means no outcome and cannot have a name or payoffs, found "
            + s.describe(nameToken))
      }
      let name = s.text(of: nameToken)
      try s.advance()
      try s.expect(.open, "\"{\" starting the payoffs of outcome \(number)")
      var payoffs = [Rational]()
      payoffs.reserveCapacity(playerCount)
      for p in 0..<playerCount {
        if p > 0 && s.current.kind == .comma { try s.advance() }
        payoffs.append(try s.expectNumber("player \(p + 1)'s payoff in outcome \(number)"))
      }
      try s.expect(.close,
        "\"}\" closing the payoffs of outcome \(number) (there are \(playerCount) players)")
      let outcome = Game.Outcome(number: number, name: name, payoffs: payoffs)
      if let existing {
        if outcomes[existing.index] != outcome {
          throw s.error(at: nameToken,
            "outcome \(number) is described differently from its definition on line "
              + "\(existing.line)")
        }
        return existing.index
      }
      outcomes.append(outcome)
      outcomeIndex[number] = (outcomes.count - 1, nameToken.line)
      return outcomes.count - 1
    }
  }
}

extension EFGFile {
  /// The text of an `.efg` file for `game`, with header `EFG 2 R`.
  ///
  /// Nodes are written in pre-order, one per line; each information set and outcome is
  /// described at its first use only. Reading the text back gives an equal game (for
  /// `Rational`, and when every set and outcome is used and listed in order of first use, as
  /// in games read from files), and writing that game gives the same text.
  ///
  /// - Precondition: for inexact scalars, every number is finite.
  /// - Complexity: O(size of the game).
  public static func write<S: GameScalar>(_ game: ExtensiveFormGame<S>) -> String {
    var out = "EFG 2 R \(NFGFile.quoted(game.title)) {"
    for name in game.players { out += " \(NFGFile.quoted(name))" }
    out += " }\n\(NFGFile.quoted(game.comment))\n\n"
    var setWritten = [Bool](repeating: false, count: game.informationSets.count)
    var outcomeWritten = [Bool](repeating: false, count: game.outcomes.count)
    for node in game.nodes {
      if let h = node.informationSet {
        let set = game.informationSets[h]
        switch set.mover {
        case .chance: out += "c \(NFGFile.quoted(node.label)) \(set.number)"
        case .player(let p): out += "p \(NFGFile.quoted(node.label)) \(p + 1) \(set.number)"
        }
        if !setWritten[h] {
          setWritten[h] = true
          out += " \(NFGFile.quoted(set.name)) {"
          for (k, action) in set.actions.enumerated() {
            out += " \(NFGFile.quoted(action))"
            if set.mover == .chance { out += " \(NFGFile.number(set.probabilities[k]))" }
          }
          out += " }"
        }
      } else {
        out += "t \(NFGFile.quoted(node.label))"
      }
      if let o = node.outcome {
        let outcome = game.outcomes[o]
        out += " \(outcome.number)"
        if !outcomeWritten[o] {
          outcomeWritten[o] = true
          out += " \(NFGFile.quoted(outcome.name)) { "
          out += outcome.payoffs.map(NFGFile.number).joined(separator: ", ")
          out += " }"
        }
      } else {
        out += " 0"
      }
      out += "\n"
    }
    return out
  }
}
