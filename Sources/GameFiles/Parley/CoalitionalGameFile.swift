// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
public import GameCore

/// Reads Parley's text format for coalitional games.
///
/// A file holds either a weighted voting game or a characteristic function:
/// ```
/// # comments start with '#'
/// players: UK, France, Germany        (optional names)
/// 39; 7,7,7,7,7,1,1,1,1,1,1,1,1,1,1   (a weighted game [q; w]; one line per layer)
/// ```
/// or
/// ```
/// order: lex                          (required: lex = by size then lexicographic, as
///                                      CoopGame/TUGlab; bitmask = as MatTuGames)
/// 0, 0, 0, 1, 1, 0, 1                 (the 2^n - 1 worths; rationals p/q allowed)
/// ```
/// Numbers are separated by commas or white space and may span lines. Every problem is a
/// ``GameFileError`` with its line.
public enum CoalitionalGameFile {
  /// What a file describes.
  public enum Content: Sendable {
    case weighted(WeightedVotingGame)
    case characteristic(CoalitionalGame<Rational>, order: CoalitionOrder)
  }

  /// The game in `text`.
  public static func parse(_ text: String, path: String = "<input>") throws(GameFileError)
    -> Content
  {
    func fail(_ line: Int, _ message: String) -> GameFileError {
      GameFileError(path: path, line: line, column: line > 0 ? 1 : 0, message: message)
    }
    var names: [String]? = nil
    var namesLine = 0
    var order: CoalitionOrder? = nil
    var layers: [(quota: Int, weights: [Int])] = []
    var weightCount = 0
    var values: [Rational] = []
    var firstValueLine = 0
    // Lines are split on the byte "\n" ("\r\n" is one Character, but its "\r" is trimmed as
    // white space below).
    let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    for (k, bytes) in lines.enumerated() {
      let number = k + 1
      // Fast path for the long lines of worths: plain ASCII numbers and separators are
      // tokenised on bytes, without building Characters.
      if let parsed = Self.numberLine(bytes) {
        guard !parsed.isEmpty else { continue }
        if firstValueLine == 0 { firstValueLine = number }
        for token in parsed {
          switch token {
          case .value(let v): values.append(v)
          case .text(let t):
            guard let v = WeightedVotingText.rational(t) else {
              throw fail(number, "expected a number, found '\(t)'")
            }
            values.append(v)
          }
        }
        continue
      }
      var line = String(Substring(bytes))
      if let hash = line.firstIndex(of: "#") { line = String(line[..<hash]) }
      line = line.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.isEmpty { continue }
      let lower = line.lowercased()
      if lower.hasPrefix("players:") {
        namesLine = number
        names = line.dropFirst(8).split(separator: ",").map {
          $0.trimmingCharacters(in: .whitespaces)
        }
      } else if lower.hasPrefix("order:") {
        let word = lower.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard let o = CoalitionOrder(rawValue: word) else {
          throw fail(number, "order must be 'lex' or 'bitmask', found '\(word)'")
        }
        order = o
      } else if line.contains(";") {
        let parts = line.split(separator: ";", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw fail(number, "expected 'quota; w1, w2, …'") }
        do {
          let layer = try WeightedVotingText.layer(
            quota: String(parts[0]), weights: String(parts[1]), after: weightCount)
          weightCount += layer.weights.count
          layers.append(layer)
        } catch {
          throw fail(number, error.reason)
        }
      } else {
        if firstValueLine == 0 { firstValueLine = number }
        for token in line.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
          guard let v = WeightedVotingText.rational(String(token)) else {
            throw fail(number, "expected a number, found '\(token)'")
          }
          values.append(v)
        }
      }
    }
    if !layers.isEmpty {
      guard values.isEmpty else {
        throw fail(firstValueLine, "a file holds a weighted game or worths, not both")
      }
      var game: WeightedVotingGame
      do { game = try WeightedVotingGame(layers: layers) } catch {
        throw fail(0, error.reason)
      }
      if let names {
        guard names.count == game.playerCount else {
          throw fail(namesLine, "\(names.count) player names for \(game.playerCount) players")
        }
        game.playerNames = names
      }
      return .weighted(game)
    }
    guard !values.isEmpty else { throw fail(0, "no game found") }
    guard let order else {
      throw fail(
        firstValueLine,
        "state the order of the worths first: 'order: lex' (by size, then lexicographic) or "
          + "'order: bitmask'")
    }
    var game: CoalitionalGame<Rational>
    do { game = try CoalitionalGame(values: values, order: order) } catch {
      throw fail(firstValueLine, error.reason)
    }
    if let names {
      guard names.count == game.playerCount else {
        throw fail(namesLine, "\(names.count) player names for \(game.playerCount) players")
      }
      game.playerNames = names
    }
    return .characteristic(game, order: order)
  }

  enum Token {
    case value(Rational)
    case text(String)
  }

  /// The tokens of a line made only of ASCII digits, signs, `/`, `.`, separators (`,`, space,
  /// tab, `\r`) and an optional `#` comment; integers of up to 18 digits are converted
  /// directly, other tokens are returned as text. `nil` when the line has any other byte
  /// (then the general path reads it); empty for a blank line.
  static func numberLine(_ bytes: Substring.UTF8View) -> [Token]? {
    var out: [Token] = []
    var start: Substring.UTF8View.Index? = nil
    var value: Int64 = 0, digits = 0, negative = false, plain = true
    func finish(_ end: Substring.UTF8View.Index) {
      guard let s = start else { return }
      if plain && digits > 0 && digits <= 18 {
        out.append(.value(Rational(Int(negative ? -value : value))))
      } else {
        out.append(.text(String(Substring(bytes[s..<end]))))
      }
      start = nil
    }
    var i = bytes.startIndex
    while i < bytes.endIndex {
      let b = bytes[i]
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if start == nil { start = i; value = 0; digits = 0; negative = false; plain = true }
        value = value &* 10 &+ Int64(b &- UInt8(ascii: "0"))
        digits += 1
      case UInt8(ascii: "-"), UInt8(ascii: "+"):
        if start == nil {
          start = i; value = 0; digits = 0; negative = b == UInt8(ascii: "-"); plain = true
        } else {
          plain = false
        }
      case UInt8(ascii: "/"), UInt8(ascii: "."):
        if start == nil { start = i; value = 0; digits = 0; negative = false }
        plain = false
      case UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        finish(i)
      case UInt8(ascii: "#"):
        finish(i)
        return out
      default:
        return nil
      }
      i = bytes.index(after: i)
    }
    finish(bytes.endIndex)
    return out
  }

  /// The game in the file at `url`.
  public static func read(contentsOf url: URL, path: String? = nil) throws(GameFileError)
    -> Content
  {
    let shown = path ?? url.path
    guard let data = try? Data(contentsOf: url) else {
      throw GameFileError(path: shown, line: 0, column: 0, message: "cannot read the file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw GameFileError(path: shown, line: 0, column: 0, message: "the file is not UTF-8")
    }
    return try parse(text, path: shown)
  }
}

/// The `q; w1, w2, …` notation for weighted voting games, as typed on a command line.
public enum WeightedVotingText {
  /// The most weights a game may have, counted over all its layers (`7x5` counts five):
  /// checked before the weights are stored.
  public static let maxWeights = 1_000_000

  /// Parses `"q; w1, w2, …"`; layers may be joined with `&` (`"9; 1,1,1 & 3; 1,1,0"`).
  /// Weights may be written `7x5` for five weights of 7.
  public static func parse(_ text: String) throws(SolverError) -> WeightedVotingGame {
    var layers: [(quota: Int, weights: [Int])] = []
    var total = 0
    for part in text.split(separator: "&") {
      let pieces = part.split(separator: ";", omittingEmptySubsequences: false)
      guard pieces.count == 2 else {
        throw .invalidArgument(
          "weighted voting", "expected 'q; w1, w2, …', found '\(quoted(part))'")
      }
      let layer = try layer(quota: String(pieces[0]), weights: String(pieces[1]), after: total)
      total += layer.weights.count
      layers.append(layer)
    }
    return try WeightedVotingGame(layers: layers)
  }

  /// `text` with line breaks written `\n`, so that an error quoting it stays on one line.
  static func quoted(_ text: some StringProtocol) -> String {
    text.replacingOccurrences(of: "\r\n", with: "\\r\\n")
      .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
  }

  /// One layer; `after` weights were read before it (in earlier layers), counted against
  /// ``maxWeights``.
  static func layer(quota: String, weights: String, after: Int = 0) throws(SolverError)
    -> (quota: Int, weights: [Int])
  {
    let q = quota.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "[", with: "")
    guard let quotaValue = Int(q) else {
      throw .invalidArgument(
        "weighted voting", "the quota must be an integer, found '\(quoted(q))'")
    }
    var w: [Int] = []
    let body = weights.replacingOccurrences(of: "]", with: "")
    for token in body.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
      let t = String(token)
      if let x = t.firstIndex(where: { $0 == "x" || $0 == "*" || $0 == "×" }) {
        guard let value = Int(t[..<x]), let count = Int(t[t.index(after: x)...]), count >= 0,
          count <= maxWeights
        else { throw .invalidArgument("weighted voting", "bad repeated weight '\(quoted(t))'") }
        guard after + w.count + count <= maxWeights else { throw tooMany() }
        w += Array(repeating: value, count: count)
      } else {
        guard let value = Int(t) else {
          throw .invalidArgument(
            "weighted voting", "a weight must be an integer, found '\(quoted(t))'")
        }
        guard after + w.count < maxWeights else { throw tooMany() }
        w.append(value)
      }
    }
    return (quotaValue, w)
  }

  static func tooMany() -> SolverError {
    .limitExceeded(
      "weighted voting", "the game has more than \(maxWeights) weights (over all layers)")
  }

  /// An integer, a fraction `p/q` or a decimal, exactly.
  static func rational(_ t: String) -> Rational? {
    if let slash = t.firstIndex(of: "/") {
      guard let p = Int(t[..<slash]), let q = Int(t[t.index(after: slash)...]), q != 0
      else { return nil }
      return Rational(p, q)
    }
    if let i = Int(t) { return Rational(i) }
    let negative = t.hasPrefix("-")
    let body = negative || t.hasPrefix("+") ? String(t.dropFirst()) : t
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count <= 18, !(parts[0].isEmpty && parts[1].isEmpty),
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
    else { return nil }
    guard let whole = Int(parts[0].isEmpty ? "0" : String(parts[0])),
      let frac = Int(parts[1].isEmpty ? "0" : String(parts[1]))
    else { return nil }
    var scale = 1
    for _ in 0..<parts[1].count { scale *= 10 }
    let x = Rational(whole) + Rational(frac, scale)
    return negative ? -x : x
  }
}
