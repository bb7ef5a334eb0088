// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import Yams

/// YAML read as a tree of located nodes, for Parley's model formats.
///
/// Parley reads YAML through Yams's composer (libyaml) and interprets every scalar itself,
/// as the text written: `no` stays the string "no" (YAML 1.1's `yes`/`no`/`on`/`off` booleans
/// never apply), a number is read exactly as a `Rational` (`0.25`, `3/4`, `1e-3`), and a
/// boolean is only `true` or `false`. Every accessor throws a ``GameFileError`` that points at
/// the node's line and column; unknown keys are errors, so a misspelt key is never ignored.
struct YAMLNode {
  let node: Node
  let path: String
  /// What the node is, for messages: `"issues[2].options"`.
  let context: String

  /// Parses `text` into its root node.
  static func parse(_ text: String, path: String) throws(GameFileError) -> YAMLNode {
    do {
      guard let root = try Yams.compose(yaml: text) else {
        throw GameFileError(path: path, line: 0, column: 0, message: "the file is empty")
      }
      return YAMLNode(node: root, path: path, context: "the document")
    } catch let error as GameFileError {
      throw error
    } catch let error as YamlError {
      throw Self.located(error, path: path)
    } catch {
      throw GameFileError(path: path, line: 0, column: 0, message: "\(error)")
    }
  }

  /// A Yams error as a located one-line error.
  static func located(_ error: YamlError, path: String) -> GameFileError {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }
        .joined(separator: ": ")
      return GameFileError(
        path: path, line: mark.line, column: mark.column, message: "YAML: \(text)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return GameFileError(
        path: path, line: context.mark.line, column: context.mark.column,
        message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
    case .reader(let problem, _, _, _):
      return GameFileError(path: path, line: 0, column: 0, message: "YAML: \(problem)")
    default:
      return GameFileError(path: path, line: 0, column: 0, message: "YAML: \(error)")
    }
  }

  var line: Int { node.mark?.line ?? 0 }
  var column: Int { node.mark?.column ?? 0 }

  /// An error located at this node.
  func error(_ message: String) -> GameFileError {
    GameFileError(path: path, line: line, column: column, message: YAMLNode.oneLine(message))
  }

  /// `message` with each line break written `\n`: a quoted value may span lines (a folded
  /// scalar), and an error must print on one line.
  static func oneLine(_ message: String) -> String {
    message.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .joined(separator: "\\n")
  }

  private var kindName: String {
    switch node {
    case .scalar: return "a value"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
  }

  /// The node as a mapping.
  func mapping() throws(GameFileError) -> YAMLMapping {
    guard case .mapping(let m) = node else {
      throw error("\(context) should be a mapping (key: value lines), found \(kindName)")
    }
    var entries = [(key: String, keyNode: YAMLNode, value: YAMLNode)]()
    for (k, v) in m {
      guard case .scalar(let s) = k else {
        throw YAMLNode(node: k, path: path, context: context).error(
          "keys in \(context) must be plain names")
      }
      let childContext = context == "the document" ? s.string : "\(context).\(s.string)"
      entries.append(
        (
          s.string, YAMLNode(node: k, path: path, context: childContext),
          YAMLNode(node: v, path: path, context: childContext)
        ))
    }
    return YAMLMapping(owner: self, entries: entries)
  }

  /// The node as a list.
  func sequence() throws(GameFileError) -> [YAMLNode] {
    guard case .sequence(let s) = node else {
      throw error("\(context) should be a list, found \(kindName)")
    }
    return s.enumerated().map { YAMLNode(node: $1, path: path, context: "\(context)[\($0 + 1)]") }
  }

  /// The node as text (a scalar, as written).
  func string() throws(GameFileError) -> String {
    guard case .scalar(let s) = node else {
      throw error("\(context) should be a single value, found \(kindName)")
    }
    return s.string
  }

  /// The node as a non-empty name.
  func name() throws(GameFileError) -> String {
    let s = try string().trimmingWhitespace
    guard !s.isEmpty else { throw error("\(context) is empty") }
    return s
  }

  /// The node as an exact number.
  func rational() throws(GameFileError) -> Rational {
    let s = try string()
    guard let q = Rational(s.trimmingWhitespace) else {
      throw error("\(context): expected a number (integer, decimal or fraction), found \"\(s)\"")
    }
    return q
  }

  /// The node as an integer.
  func integer() throws(GameFileError) -> Int {
    let q = try rational()
    guard q.isInteger, let i = Int(exactly: q.numerator) else {
      throw error("\(context): expected a whole number, found \(q)")
    }
    return i
  }

  /// The node as `true` or `false` (nothing else).
  func boolean() throws(GameFileError) -> Bool {
    switch try string() {
    case "true": return true
    case "false": return false
    case let s:
      throw error("\(context): expected true or false, found \"\(s)\"")
    }
  }

  /// The node as a list of names (a YAML list, or one name).
  func names() throws(GameFileError) -> [String] {
    if case .sequence = node {
      var out = [String]()
      for item in try sequence() { out.append(try item.name()) }
      return out
    }
    return [try name()]
  }
}

/// A YAML mapping with its entries in file order.
struct YAMLMapping {
  let owner: YAMLNode
  let entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)]

  /// The value of `key`, if present.
  func optional(_ key: String) -> YAMLNode? {
    entries.first { $0.key == key }?.value
  }

  /// The value of `key`; a located error if it is missing.
  func required(_ key: String) throws(GameFileError) -> YAMLNode {
    guard let v = optional(key) else {
      throw owner.error("\(owner.context) lacks the required key '\(key)'")
    }
    return v
  }

  /// Rejects keys not in `allowed`, naming the first unknown one and the keys allowed.
  func allowOnly(_ allowed: [String]) throws(GameFileError) {
    for entry in entries where !allowed.contains(entry.key) {
      throw entry.keyNode.error(
        "unknown key '\(entry.key)' in \(owner.context); expected one of: "
          + allowed.joined(separator: ", "))
    }
  }
}

extension String {
  var trimmingWhitespace: String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
  }
}
