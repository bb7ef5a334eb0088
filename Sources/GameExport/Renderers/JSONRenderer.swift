// SPDX-License-Identifier: GPL-3.0-or-later

/// A JSON value with ordered object keys, so that output is byte-for-byte reproducible.
enum JSONValue: Hashable, Sendable {
  case string(String)
  /// A number already written as JSON text (e.g. `3` or `0.0125`).
  case number(String)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.encoded() == rhs.encoded() }
  func hash(into hasher: inout Hasher) { hasher.combine(encoded()) }

  /// The value as JSON text: objects one key per line indented by two spaces, arrays that
  /// hold no objects on one line.
  func encoded(indent: Int = 0) -> String {
    switch self {
    case .string(let s): return JSONValue.quoted(s)
    case .number(let n): return n
    case .bool(let b): return b ? "true" : "false"
    case .null: return "null"
    case .array(let items):
      if items.isEmpty { return "[]" }
      if !items.contains(where: \.containsObject) {
        return "[" + items.map { $0.encoded() }.joined(separator: ", ") + "]"
      }
      let inner = String(repeating: " ", count: indent + 2)
      return "[\n" + items.map { inner + $0.encoded(indent: indent + 2) }
        .joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "]"
    case .object(let members):
      if members.isEmpty { return "{}" }
      let inner = String(repeating: " ", count: indent + 2)
      return "{\n" + members.map { key, value in
        inner + JSONValue.quoted(key) + ": " + value.encoded(indent: indent + 2)
      }.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "}"
    }
  }

  private var containsObject: Bool {
    switch self {
    case .object: return true
    case .array(let items): return items.contains(where: \.containsObject)
    default: return false
    }
  }

  /// `s` as a JSON string literal (RFC 8259 §7): quotes, backslashes and control characters
  /// escaped; everything else kept as UTF-8.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// A non-negative number of seconds with at most six decimals, trailing zeros removed.
  static func seconds(_ x: Double) -> JSONValue {
    guard x.isFinite, x >= 0 else { return .number("0") }
    let micro = (x * 1e6).rounded()
    let whole = Int(micro / 1e6)
    var frac = String(Int(micro) - whole * 1_000_000)
    frac = String(repeating: "0", count: 6 - frac.count) + frac
    while frac.last == "0" { frac.removeLast() }
    return .number(frac.isEmpty ? String(whole) : "\(whole).\(frac)")
  }
}

extension EquilibriumTable {
  /// The table as one JSON object with a fixed key order.
  ///
  /// Keys, in order: `method`, `exact`, `status`, `parameters`, `decimals` (null when values
  /// are not rounded), `game` (`title`, `players`, `strategies`), `file` (when known),
  /// `fileSHA256` (when recorded), `version`, `command` (the command line, when recorded),
  /// `value` (when the method computes one), `notes`, `equilibria` (each with
  /// `profile`, one list of probabilities per player, and `payoffs`), `dominance` (for the
  /// dominance method) and `seconds` (`read`, `solve`, when timed). Every probability and
  /// payoff is a string: `p/q` when exact, a decimal otherwise.
  func json() -> String {
    jsonValue.encoded() + "\n"
  }

  var jsonValue: JSONValue {
    func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }
    var members: [(String, JSONValue)] = [
      ("method", .string(method)),
      ("exact", .bool(isExact)),
      ("status", .string(status)),
      ("parameters", .object(parameterList.map { ($0.key, .string($0.value)) })),
      ("decimals", decimals.map { .number(String($0)) } ?? .null),
      ("game", .object([
        ("title", .string(title)),
        ("players", strings(players)),
        ("strategies", .array(strategies.map(strings))),
      ] + treeMembers(strings))),
    ]
    if let file { members.append(("file", .string(file))) }
    if let sha = provenance.fileSHA256 { members.append(("fileSHA256", .string(sha))) }
    members.append(("version", .string(version)))
    if let command = provenance.commandLine { members.append(("command", .string(command))) }
    if let gameValue { members.append(("value", .string(gameValue))) }
    members.append(("notes", strings(notes)))
    members.append(("equilibria", .array(rows.map { row in
      .object([
        ("profile", .array(row.profile.map(strings))),
        ("payoffs", strings(row.payoffs)),
      ] + behaviorMembers(row, strings))
    })))
    if let dominance {
      members.append(("dominance", .object([
        ("kind", .string(dominance.kind)),
        ("eliminated", .array(dominance.steps.map { step in
          .object([
            ("round", .number(String(step.round))),
            ("player", .string(step.player)),
            ("strategy", .string(step.strategy)),
            ("dominator", .string(step.dominator)),
            ("strict", .bool(step.isStrict)),
          ])
        })),
        ("survivors", .array(dominance.survivors.map(strings))),
      ])))
    }
    if let seconds {
      members.append(("seconds", .object([
        ("read", JSONValue.seconds(seconds.read)),
        ("solve", JSONValue.seconds(seconds.solve)),
      ])))
    }
    return .object(members)
  }

  /// For trees: the `informationSets` key of `game` (player, number, name, actions).
  private func treeMembers(_ strings: ([String]) -> JSONValue) -> [(String, JSONValue)] {
    guard let informationSets else { return [] }
    return [("informationSets", .array(informationSets.map { set in
      .object([
        ("player", .string(players[set.player])),
        ("number", .number(String(set.number))),
        ("name", .string(set.name)),
        ("actions", strings(set.actions)),
      ])
    }))]
  }

  /// For trees: an equilibrium's `behavior`, one list per information set in file order.
  private func behaviorMembers(_ row: Row, _ strings: ([String]) -> JSONValue)
    -> [(String, JSONValue)]
  {
    guard let informationSets else { return [] }
    return [("behavior", .array(behavior(of: row, sets: informationSets).map(strings)))]
  }
}
