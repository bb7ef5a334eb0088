// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// Reads Parley's bargaining-problem text format.
///
/// One statement per line; `#` starts a comment; blank lines are ignored. Numbers are
/// integers, decimals (`0.25`) or fractions (`3/4`) and are kept exact.
///
/// ```
/// # Two partners split a project's payoffs.
/// players: Ann Bob
/// disagreement: 0 0
/// lotteries: yes
/// deal split: 5 5
/// deal ann-leads: 8 3
/// deal bob-leads: 2 9
/// ```
///
/// `players:` (names, optional: default `1 2 …`), `disagreement:` (one number per player,
/// required), `lotteries: yes|no` (optional, default yes), `weights:` (optional, positive:
/// the asymmetric Nash solution's weights) and one `deal NAME: u1 u2 …` line per deal.
///
/// The same problem may be written in YAML with parameters (`parley: bargaining`; see
/// `BargainingFile+YAML.swift`): ``isModel(_:)`` tells them apart.
public struct BargainingFile: Sendable {
  /// The problem read.
  public var problem: BargainingProblem<Rational>
  /// The Nash weights, if given.
  public var weights: [Rational]?
  /// The problem's name (YAML format only).
  public var name: String? = nil
  /// The problem's summary (YAML format only; empty otherwise).
  public var summary: String = ""

  /// A problem in the file, with its 1-based line.
  public struct ReadError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String
    public var description: String { "\(path):\(line): error: \(message)" }
  }

  /// Parses `text`; `path` is used in error messages.
  public static func parse(_ text: String, path: String = "<input>") throws(ReadError)
    -> BargainingFile
  {
    var players: [String]?
    var disagreement: [Rational]?
    var lotteries = true
    var weights: [Rational]?
    var weightsLine = 0
    var deals = [[Rational]]()
    var names = [String]()
    var lastLine = 0
    func numbers(_ s: Substring, _ line: Int) throws(ReadError) -> [Rational] {
      var out = [Rational]()
      for token in s.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
        guard let q = Rational(token) else {
          throw ReadError(path: path, line: line, message: "'\(token)' is not a number")
        }
        out.append(q)
      }
      return out
    }
    // "\r\n" is one Character: split on it too, or a CRLF file would be one line.
    let lines = text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    for (index, raw) in lines.enumerated() {
      let line = index + 1
      lastLine = line
      var content = raw
      if let hash = content.firstIndex(of: "#") { content = content[..<hash] }
      let trimmed = content.trimmingCharacters(in: " \t\r")
      if trimmed.isEmpty { continue }
      guard let colon = trimmed.firstIndex(of: ":") else {
        throw ReadError(path: path, line: line, message: "expected 'key: value'")
      }
      let key = trimmed[..<colon].trimmingCharacters(in: " \t")
      let value = trimmed[trimmed.index(after: colon)...]
      switch key {
      case "players":
        players = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      case "disagreement":
        disagreement = try numbers(value, line)
      case "weights":
        weights = try numbers(value, line)
        weightsLine = line
      case "lotteries":
        switch value.trimmingCharacters(in: " \t") {
        case "yes": lotteries = true
        case "no": lotteries = false
        default: throw ReadError(path: path, line: line, message: "lotteries must be yes or no")
        }
      case _ where key.hasPrefix("deal"):
        let name = key.dropFirst(4).trimmingCharacters(in: " \t")
        names.append(name.isEmpty ? "d\(deals.count)" : name)
        deals.append(try numbers(value, line))
      default:
        throw ReadError(path: path, line: line, message: "unknown key '\(key)'")
      }
    }
    guard let disagreement else {
      throw ReadError(path: path, line: lastLine, message: "no 'disagreement:' line")
    }
    let problem: BargainingProblem<Rational>
    do {
      problem = try BargainingProblem<Rational>(
        deals: deals, disagreement: disagreement, lotteries: lotteries, players: players,
        dealNames: names)
    } catch {
      throw ReadError(path: path, line: lastLine, message: error.reason)
    }
    if let weights {
      guard weights.count == disagreement.count else {
        throw ReadError(
          path: path, line: weightsLine,
          message: "\(weights.count) weights for \(disagreement.count) players")
      }
      guard weights.allSatisfy({ $0 > 0 }) else {
        throw ReadError(path: path, line: weightsLine, message: "the weights must be positive")
      }
    }
    return BargainingFile(problem: problem, weights: weights)
  }
}

extension StringProtocol {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let c = s.first, set.contains(c) { s = s.dropFirst() }
    while let c = s.last, set.contains(c) { s = s.dropLast() }
    return String(s)
  }
}
