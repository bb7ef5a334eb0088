// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// Splits a Gambit game file into tokens and reads typed values from them, over UTF-8 bytes.
///
/// The lexical rules are those of Gambit's `.nfg` and `.efg` formats: whitespace separates
/// tokens and carries no meaning; `{`, `}` and `,` are tokens of their own; a double-quoted
/// string may span lines; every other run of characters is a *bare* token (a number or a
/// keyword such as `NFG`, `R`, `p`). The scanner keeps one token of look-ahead in ``current``.
///
/// Strings: `\"` stands for a quote and `\\` for one backslash; a backslash before any other
/// character is kept together with that character. (Gambit's own writer escapes backslashes
/// as `\\`, so this reads its files; every string can be written and read back exactly.)
///
/// Numbers are parsed straight from the bytes: values whose numerator and denominator fit in
/// 64 bits never touch `BigInt`, which keeps million-number payoff tables fast.
///
/// - Complexity: O(n) in the length of the input, for the whole scan.
struct GambitScanner {
  enum Kind: Equatable {
    case end, open, close, comma, string, bare
  }

  struct Token {
    var kind: Kind
    /// Byte offsets of the token (a string's include its quotes).
    var start: Int
    var end: Int
    /// The 1-based line of the token's first byte and the offset where that line starts.
    var line: Int
    var lineStart: Int
  }

  /// The longest number token accepted, in bytes.
  static let maxNumberLength = 1000
  /// The largest decimal exponent accepted (enough for every `Double`, finite and subnormal).
  static let maxExponent = 400

  let bytes: UnsafeBufferPointer<UInt8>
  let path: String
  private var offset: Int
  private var line = 1
  private var lineStart: Int
  /// The look-ahead token.
  private(set) var current: Token

  init(bytes: UnsafeBufferPointer<UInt8>, path: String) throws(GameFileError) {
    self.bytes = bytes
    self.path = path
    // Skip a UTF-8 byte-order mark.
    let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    offset = bom ? 3 : 0
    lineStart = offset
    current = Token(kind: .end, start: 0, end: 0, line: 1, lineStart: 0)
    try advance()
  }

  // MARK: - Scanning

  @inline(__always)
  static func isDelimiter(_ b: UInt8) -> Bool {
    switch b {
    case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, UInt8(ascii: "{"), UInt8(ascii: "}"),
      UInt8(ascii: "\""), UInt8(ascii: ","):
      return true
    default: return false
    }
  }

  /// Moves to the next token.
  mutating func advance() throws(GameFileError) {
    let n = bytes.count
    var i = offset
    while i < n {
      let b = bytes[i]
      if b == 0x0A {
        line += 1
        lineStart = i + 1
      } else if b == 0x0D {
        if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
        line += 1
        lineStart = i + 1
      } else if !(b == 0x20 || b == 0x09 || b == 0x0B || b == 0x0C) {
        break
      }
      i += 1
    }
    var token = Token(kind: .end, start: i, end: i, line: line, lineStart: lineStart)
    guard i < n else {
      current = token
      offset = i
      return
    }
    switch bytes[i] {
    case UInt8(ascii: "{"): token.kind = .open; token.end = i + 1
    case UInt8(ascii: "}"): token.kind = .close; token.end = i + 1
    case UInt8(ascii: ","): token.kind = .comma; token.end = i + 1
    case UInt8(ascii: "\""):
      token.kind = .string
      var j = i + 1
      var escaped = false
      while true {
        guard j < n else {
          throw error(at: token, "unterminated string (no closing quote before end of file)")
        }
        let c = bytes[j]
        if escaped {
          escaped = false
        } else if c == UInt8(ascii: "\\") {
          escaped = true
        } else if c == UInt8(ascii: "\"") {
          break
        }
        if c == 0x0A || (c == 0x0D && !(j + 1 < n && bytes[j + 1] == 0x0A)) {
          line += 1
          lineStart = j + 1
        }
        j += 1
      }
      token.end = j + 1
    default:
      token.kind = .bare
      var j = i + 1
      while j < n && !GambitScanner.isDelimiter(bytes[j]) { j += 1 }
      token.end = j
    }
    current = token
    offset = token.end
  }

  // MARK: - Token contents

  /// Whether `token` is the bare word `word`.
  func isWord(_ token: Token, _ word: StaticString) -> Bool {
    guard token.kind == .bare, token.end - token.start == word.utf8CodeUnitCount else {
      return false
    }
    let w = word.utf8Start
    for k in 0..<word.utf8CodeUnitCount where bytes[token.start + k] != w[k] { return false }
    return true
  }

  /// The decoded text of a string token.
  func text(of token: Token) -> String {
    let body = UnsafeBufferPointer(rebasing: bytes[(token.start + 1)..<(token.end - 1)])
    guard body.contains(UInt8(ascii: "\\")) else { return String(decoding: body, as: UTF8.self) }
    var out = [UInt8]()
    out.reserveCapacity(body.count)
    var k = 0
    while k < body.count {
      let c = body[k]
      if c == UInt8(ascii: "\\") && k + 1 < body.count {
        let d = body[k + 1]
        if d != UInt8(ascii: "\"") && d != UInt8(ascii: "\\") { out.append(c) }
        out.append(d)
        k += 2
      } else {
        out.append(c)
        k += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The raw text of a token, as written in the file.
  func rawText(of token: Token) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
  }

  /// How a token is named in messages: `end of file`, `"{"`, `"x"`, `the string "abc"`.
  func describe(_ token: Token) -> String {
    switch token.kind {
    case .end: return "end of file"
    case .open: return "\"{\""
    case .close: return "\"}\""
    case .comma: return "\",\""
    case .bare: return "\"\(GambitScanner.abbreviate(rawText(of: token)))\""
    case .string: return "the string \"\(GambitScanner.abbreviate(text(of: token)))\""
    }
  }

  /// At most 32 characters of `text`, with control characters escaped, so a message stays on
  /// one line.
  static func abbreviate(_ text: String) -> String {
    var out = ""
    var count = 0
    for scalar in text.unicodeScalars {
      if count == 32 {
        out += "…"
        break
      }
      switch scalar.value {
      case 0..<0x20, 0x7F, 0x85, 0x2028, 0x2029:
        out += "\\u{\(String(scalar.value, radix: 16))}"
      default: out.unicodeScalars.append(scalar)
      }
      count += 1
    }
    return out
  }

  // MARK: - Errors

  /// An error located at `token`.
  func error(at token: Token, _ message: String) -> GameFileError {
    var column = 1
    var k = token.lineStart
    while k < token.start {
      if bytes[k] & 0xC0 != 0x80 { column += 1 }
      k += 1
    }
    return GameFileError(path: path, line: token.line, column: column, message: message)
  }

  /// `expected WHAT, found TOKEN`, located at the current token.
  func expected(_ what: String) -> GameFileError {
    error(at: current, "expected \(what), found \(describe(current))")
  }

  // MARK: - Expectations

  /// Consumes the bare word `word`, or throws `expected DESCRIPTION`.
  mutating func expectWord(_ word: StaticString, _ what: String) throws(GameFileError) {
    guard isWord(current, word) else { throw expected(what) }
    try advance()
  }

  /// Consumes a token of `kind` (`{`, `}` or `,`), or throws `expected WHAT`.
  mutating func expect(_ kind: Kind, _ what: String) throws(GameFileError) {
    guard current.kind == kind else { throw expected(what) }
    try advance()
  }

  /// Consumes a string and returns its text, or throws `expected WHAT`.
  mutating func expectString(_ what: String) throws(GameFileError) -> String {
    guard current.kind == .string else { throw expected(what) }
    let s = text(of: current)
    try advance()
    return s
  }

  /// Consumes the header shared by Gambit's formats — `MAGIC VERSION R|D "title"` — and
  /// returns the title; `kind` names the format in messages ("a strategic-form").
  mutating func expectHeader(
    magic: StaticString, version: StaticString, kind: String
  ) throws(GameFileError) -> String {
    try expectWord(magic, "\"\(magic)\" at the start of \(kind) file")
    try expectWord(version, "version \"\(version)\" after \"\(magic)\"")
    if isWord(current, "R") || isWord(current, "D") {
      try advance()
    } else {
      throw expected("\"R\" or \"D\" after the version")
    }
    return try expectString("the title (a quoted string)")
  }

  /// Consumes `{ "name" … }`, the non-empty list of player names both formats start with.
  mutating func expectPlayerNames() throws(GameFileError) -> [String] {
    try expect(.open, "\"{\" starting the list of player names")
    var players = [String]()
    while current.kind == .string {
      players.append(text(of: current))
      try advance()
    }
    if players.isEmpty { throw expected("a player name (a quoted string)") }
    try expect(.close, "\"}\" closing the list of player names")
    return players
  }

  /// Consumes a number and returns its exact value, or throws `expected WHAT`.
  mutating func expectNumber(_ what: @autoclosure () -> String) throws(GameFileError)
    -> Rational
  {
    let token = current
    guard token.kind == .bare else { throw expected(what()) }
    let value = try number(token, what)
    try advance()
    return value
  }

  /// Consumes an integer in `range` and returns it, or throws `expected WHAT`.
  mutating func expectInteger(
    _ what: @autoclosure () -> String, in range: ClosedRange<Int> = Int.min...Int.max
  ) throws(GameFileError) -> Int {
    let token = current
    guard token.kind == .bare, let value = integer(token), range.contains(value) else {
      if token.kind == .bare && isDigits(token) {
        throw error(at: token, "expected \(what()), found \(describe(token)) (too large)")
      }
      throw expected(what())
    }
    try advance()
    return value
  }

  // MARK: - Numbers

  /// Whether a bare token is an optional `+` followed by more than 18 digits (an integer too
  /// large for `Int`).
  func isDigits(_ token: Token) -> Bool {
    var i = token.start
    if bytes[i] == UInt8(ascii: "+") { i += 1 }
    guard token.end - i > 18 else { return false }
    while i < token.end {
      if bytes[i] &- 48 >= 10 { return false }
      i += 1
    }
    return true
  }

  /// The value of a bare token written as an integer (optional sign, then digits), or `nil`
  /// when it is not one or does not fit in `Int`.
  func integer(_ token: Token) -> Int? {
    var i = token.start
    let e = token.end
    var negative = false
    if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    guard i < e else { return nil }
    var value = 0
    while i < e {
      let d = bytes[i] &- 48
      guard d < 10 else { return nil }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(negative ? -Int(d) : Int(d))
      if o1 || o2 { return nil }
      value = s
      i += 1
    }
    return value
  }

  /// The exact value of a bare number token; throws `expected WHAT` when the token is not a
  /// number, and a specific message when it is malformed in a way worth naming.
  ///
  /// Grammar: `[+-] digits "/" digits`, or `[+-] digits [. digits] [(e|E) [+-] digits]` with
  /// at least one mantissa digit (`.80`, `5.`, `1.5e-3`).
  func number(_ token: Token, _ what: () -> String) throws(GameFileError) -> Rational {
    let e = token.end
    var i = token.start
    var negative = false
    func notANumber() -> GameFileError {
      error(at: token, "expected \(what()), found \(describe(token))")
    }
    if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: UInt64 = 0
    var small = true  // the mantissa digits so far fit in 18 decimal digits
    var digits = 0
    var fractionDigits = 0
    func digit(_ k: Int) -> UInt8? {
      let d = bytes[k] &- 48
      return d < 10 ? d : nil
    }
    while i < e, let d = digit(i) {
      if mantissa >= 100_000_000_000_000_000 { small = false }
      mantissa = mantissa &* 10 &+ UInt64(d)
      digits += 1
      i += 1
    }
    var isFraction = false
    var denominator: UInt64 = 1
    var exponent = 0
    if i < e && bytes[i] == UInt8(ascii: "/") {
      isFraction = true
      i += 1
      var denominatorDigits = 0
      while i < e, let d = digit(i) {
        if denominator >= 100_000_000_000_000_000 && denominatorDigits > 0 { small = false }
        denominator = denominatorDigits == 0 ? UInt64(d) : denominator &* 10 &+ UInt64(d)
        denominatorDigits += 1
        i += 1
      }
      guard digits > 0, denominatorDigits > 0, i == e else { throw notANumber() }
    } else {
      if i < e && bytes[i] == UInt8(ascii: ".") {
        i += 1
        while i < e, let d = digit(i) {
          if mantissa >= 100_000_000_000_000_000 { small = false }
          mantissa = mantissa &* 10 &+ UInt64(d)
          digits += 1
          fractionDigits += 1
          i += 1
        }
      }
      guard digits > 0 else { throw notANumber() }
      if i < e && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
        i += 1
        var negativeExponent = false
        if i < e && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
          negativeExponent = bytes[i] == UInt8(ascii: "-")
          i += 1
        }
        var exponentDigits = 0
        while i < e, let d = digit(i) {
          if exponent <= GambitScanner.maxExponent { exponent = exponent * 10 + Int(d) }
          exponentDigits += 1
          i += 1
        }
        guard exponentDigits > 0, i == e else { throw notANumber() }
        if exponent > GambitScanner.maxExponent {
          let limit = GambitScanner.maxExponent
          throw error(at: token,
            "exponent of \(describe(token)) is out of range (at most ±\(limit))")
        }
        if negativeExponent { exponent = -exponent }
      }
      guard i == e else { throw notANumber() }
    }
    if e - token.start > GambitScanner.maxNumberLength {
      let limit = GambitScanner.maxNumberLength
      throw error(at: token,
        "number \(describe(token)) is too long (more than \(limit) characters)")
    }
    if isFraction && denominator == 0 && small {
      throw error(at: token, "invalid number \(describe(token)): zero denominator")
    }
    if small {
      let n = negative ? -Int64(mantissa) : Int64(mantissa)
      if isFraction {
        return Rational(Int(n), Int(denominator))
      }
      let scale = exponent - fractionDigits
      if scale == 0 { return Rational(Int(n)) }
      if scale < 0 && scale >= -18 {
        return Rational(Int(n), Int(GambitScanner.powersOfTen[-scale]))
      }
      if scale > 0 && scale <= 18 {
        let (p, o) = n.multipliedReportingOverflow(by: GambitScanner.powersOfTen[scale])
        if !o { return Rational(Int(p)) }
      }
    }
    // Large values: the general (BigInt) parser, on text already checked above.
    guard let value = Rational(rawText(of: token)) else {
      throw error(at: token, "invalid number \(describe(token)): zero denominator")
    }
    // A long decimal or exponent form can stand for a fraction longer than the token (for
    // 0.000…01 the denominator has as many digits as the token); the writers print `p/q`,
    // which must read back, so the exact value's written length is bounded too.
    let written = value.description.utf8.count
    if written > GambitScanner.maxNumberLength {
      let limit = GambitScanner.maxNumberLength
      throw error(at: token,
        "number \(describe(token)) is too long: its exact value p/q has \(written) characters "
          + "(at most \(limit))")
    }
    return value
  }

  static let powersOfTen: [Int64] = {
    var p: [Int64] = [1]
    for _ in 1...18 { p.append(p.last! * 10) }
    return p
  }()
}
