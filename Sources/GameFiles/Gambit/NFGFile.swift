// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// Reads and writes Gambit's strategic-form files (`.nfg`), in both the payoff and the outcome
/// version.
///
/// The grammar (Gambit's `doc/formats.nfgpay.rst` and `formats.nfgout.rst`; summarised in
/// `Tests/Fixtures/gambit/FORMATS.md`):
/// ```
/// nfg        := "NFG" "1" ("R"|"D") TEXT:title players strategies [TEXT:comment] body
/// players    := "{" TEXT+ "}"
/// strategies := "{" ( ("{" TEXT+ "}"){n} | NUMBER{n} ) "}"
/// body       := "{" ( "{" TEXT NUMBER ([","] NUMBER){n-1} "}" )* "}" NUMBER{M}   -- outcomes
///             | NUMBER{n*M}                                                      -- payoffs
/// ```
/// Profiles are listed with player 1's strategy changing fastest, which is also
/// ``NormalFormGame``'s profile-index order. Numbers are read exactly.
public enum NFGFile {
  /// Reads a game from the text of an `.nfg` file.
  ///
  /// The reader works in one pass over the UTF-8 bytes. Before anything proportional to the
  /// number of profiles is allocated, the declared shape is checked with overflow-safe
  /// arithmetic against `limits.maxMemory`.
  ///
  /// - Parameters:
  ///   - text: the file's contents.
  ///   - path: the name used in error messages.
  ///   - limits: the memory budget for the payoff table.
  /// - Returns: the game; in outcome form when the file is, so that writing it back keeps its
  ///   outcomes and labels.
  /// - Throws: `GameFileError` at the first token that does not fit the grammar, with what
  ///   was expected there.
  /// - Complexity: O(length of the text).
  public static func read(
    _ text: String, path: String = "<input>", limits: ResourceLimits = .default
  ) throws(GameFileError) -> NormalFormGame<Rational> {
    var text = text
    return try text.withUTF8 { bytes in
      Result { () throws(GameFileError) in try read(utf8: bytes, path: path, limits: limits) }
    }.get()
  }

  /// Reads a game from the UTF-8 bytes of an `.nfg` file (already checked to be valid UTF-8).
  static func read(
    utf8 bytes: UnsafeBufferPointer<UInt8>, path: String, limits: ResourceLimits
  ) throws(GameFileError) -> NormalFormGame<Rational> {
    var s = try GambitScanner(bytes: bytes, path: path)
    let title = try s.expectHeader(magic: "NFG", version: "1", kind: "a strategic-form")
    let players = try s.expectPlayerNames()
    let n = players.count

    // Strategies: labels or counts.
    let strategiesToken = s.current
    try s.expect(.open, "\"{\" starting the strategies")
    var strategies = [[String]]()
    strategies.reserveCapacity(n)
    if s.current.kind == .open {
      for p in 0..<n {
        try s.expect(.open, "\"{\" starting the strategy labels of player \(p + 1)")
        var labels = [String]()
        while s.current.kind == .string {
          labels.append(s.text(of: s.current))
          try s.advance()
        }
        if labels.isEmpty {
          throw s.expected("a strategy label of player \(p + 1) (a quoted string)")
        }
        try s.expect(.close, "\"}\" closing the strategy labels of player \(p + 1)")
        strategies.append(labels)
      }
      try s.expect(.close, "\"}\" closing the strategies (there are \(n) players)")
      try checkSize(strategies.map(\.count), at: strategiesToken, scanner: s, limits: limits)
    } else {
      var counts = [Int]()
      for p in 0..<n {
        counts.append(
          try s.expectInteger("a positive strategy count for player \(p + 1)", in: 1...Int.max))
      }
      try s.expect(.close, "\"}\" closing the strategy counts (there are \(n) players)")
      try checkSize(counts, at: strategiesToken, scanner: s, limits: limits)
      strategies = counts.map { m in (1...m).map(String.init) }
    }
    let profiles = strategies.reduce(1) { $0 * $1.count }  // checked above: no overflow

    var comment = ""
    if s.current.kind == .string {
      comment = s.text(of: s.current)
      try s.advance()
    }

    let game: NormalFormGame<Rational>
    switch s.current.kind {
    case .open:
      try s.advance()
      var labels = [String]()
      var outcomePayoffs = [[Rational]]()
      while s.current.kind == .open {
        try s.advance()
        let k = labels.count + 1
        labels.append(try s.expectString("the label of outcome \(k) (a quoted string)"))
        var payoffs = [Rational]()
        payoffs.reserveCapacity(n)
        for p in 0..<n {
          if p > 0 && s.current.kind == .comma { try s.advance() }
          payoffs.append(try s.expectNumber("player \(p + 1)'s payoff in outcome \(k)"))
        }
        try s.expect(.close, "\"}\" closing outcome \(k) (there are \(n) players)")
        outcomePayoffs.append(payoffs)
      }
      try s.expect(.close, "\"{\" starting an outcome, or \"}\" closing the outcome list")
      let outcomeCount = labels.count
      var assignment = [Int]()
      assignment.reserveCapacity(min(profiles, (s.bytes.count - s.current.start) / 2 + 1))
      for i in 0..<profiles {
        assignment.append(
          try s.expectInteger(
            "an outcome number from 0 to \(outcomeCount) for profile \(i + 1) of \(profiles)",
            in: 0...outcomeCount))
      }
      try expectEnd(&s)
      let table = OutcomeTable(labels: labels, payoffs: outcomePayoffs, assignment: assignment)
      game = NormalFormGame(title: title, comment: comment, players: players,
        strategies: strategies, outcomes: table)
    case .bare:
      var payoffs = [[Rational]](repeating: [], count: n)
      // Each number takes at least two bytes, so a short file cannot make us reserve much.
      let room = (s.bytes.count - s.current.start) / (2 * n) + 1
      for p in 0..<n { payoffs[p].reserveCapacity(min(profiles, room)) }
      let total = profiles * n
      var k = 0
      for _ in 0..<profiles {
        for p in 0..<n {
          k += 1
          payoffs[p].append(try s.expectNumber("a payoff (number \(k) of \(total))"))
        }
      }
      try expectEnd(&s)
      game = NormalFormGame(title: title, comment: comment, players: players,
        strategies: strategies, payoffs: payoffs)
    default:
      throw s.expected("the outcome list (\"{\") or the payoffs")
    }
    return game
  }

  static func expectEnd(_ s: inout GambitScanner) throws(GameFileError) {
    if s.current.kind != .end { throw s.expected("end of file") }
  }

  /// Throws unless a payoff table of `shape` fits in `limits.maxMemory`.
  static func checkSize(
    _ shape: [Int], at token: GambitScanner.Token, scanner s: GambitScanner,
    limits: ResourceLimits
  ) throws(GameFileError) {
    let dimensions = shape.map(String.init).joined(separator: " × ")
    let bytes = ResourceLimits.payoffTableBytes(
      shape: shape, bytesPerPayoff: MemoryLayout<Rational>.stride)
    guard let bytes else {
      throw s.error(at: token,
        "a game with \(dimensions) strategies is too large to represent "
          + "(memory limit \(limits.maxMemory) bytes)")
    }
    if bytes > limits.maxMemory {
      throw s.error(at: token,
        "a game with \(dimensions) strategies needs \(bytes) bytes, more than the memory "
          + "limit of \(limits.maxMemory) bytes")
    }
  }
}

extension NFGFile {
  /// The text of an `.nfg` file for `game`: the outcome version when the game has outcomes,
  /// else the payoff version; always with header `NFG 1 R` and strategy labels.
  ///
  /// Exact scalars are written as integers or fractions (`19/20`); `Double`s in their
  /// shortest round-tripping decimal form. Reading the text back gives an equal game (for
  /// `Rational`), and writing that game gives the same text.
  ///
  /// - Precondition: for inexact scalars, every payoff is finite.
  /// - Complexity: O(number of profiles × number of players).
  public static func write<S: GameScalar>(_ game: NormalFormGame<S>) -> String {
    var out = "NFG 1 R \(quoted(game.title)) {"
    for name in game.players { out += " \(quoted(name))" }
    out += " }\n{"
    for labels in game.strategies {
      out += " {"
      for label in labels { out += " \(quoted(label))" }
      out += " }"
    }
    out += " }\n\(quoted(game.comment))\n\n"
    let m0 = game.strategies[0].count
    if let outcomes = game.outcomes {
      out += "{\n"
      for (label, payoffs) in zip(outcomes.labels, outcomes.payoffs) {
        out += "{ \(quoted(label)) "
        out += payoffs.map(number).joined(separator: ", ")
        out += " }\n"
      }
      out += "}\n"
      for (i, k) in outcomes.assignment.enumerated() {
        out += String(k)
        out += (i + 1) % m0 == 0 ? "\n" : " "
      }
    } else {
      for i in 0..<game.profileCount {
        for p in 0..<game.playerCount {
          if p > 0 { out += " " }
          out += number(game.payoffs[p][i])
        }
        out += "\n"
      }
    }
    return out
  }

  /// A number as the readers accept it.
  static func number<S: GameScalar>(_ value: S) -> String {
    if !S.isExact { precondition(value.doubleValue.isFinite, "cannot write a non-finite payoff") }
    return value.formatted()
  }

  /// `text` in double quotes, with `\` and `"` escaped.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for ch in text.unicodeScalars {
      if ch == "\\" || ch == "\"" { out.unicodeScalars.append("\\") }
      out.unicodeScalars.append(ch)
    }
    out += "\""
    return out
  }
}
