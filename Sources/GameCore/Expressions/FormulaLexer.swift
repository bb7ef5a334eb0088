// SPDX-License-Identifier: GPL-3.0-or-later

/// One token of a formula, with the 1-based column where it starts.
struct FormulaToken: Hashable, Sendable {
  enum Kind: Hashable, Sendable {
    case number(Rational)
    case name(String)
    /// An operator or punctuation: `+ - * / ^ ( ) , < <= > >= == !=`.
    case symbol(String)
    case end
  }

  var kind: Kind
  var column: Int
  /// The token as written.
  var text: String
}

/// Splits a formula's text into tokens: numbers (`12`, `0.25`, `.5`, `1e-3`), names (a letter
/// or `_`, then letters, digits and `_`), operators and punctuation.
///
/// A scan from left to right, one token per longest match (maximal munch, as in Aho, Lam,
/// Sethi and Ullman, *Compilers*, 2nd ed., section 3.3). Fractions are divisions, so `3/4`
/// is three tokens.
/// - Complexity: O(length of the text).
struct FormulaLexer {
  /// Exponents in number literals (`1e-3`) are limited to this magnitude.
  static let maxLiteralExponent = 1_000

  /// The tokens of `text`, ending with `.end`.
  /// - Throws: `ExpressionError` (`.syntax`) at an unexpected character, (`.limit`) at a
  ///   number literal with a huge exponent.
  static func tokens(of text: String) throws(ExpressionError) -> [FormulaToken] {
    let scalars = Array(text.unicodeScalars)
    var out = [FormulaToken]()
    var i = 0
    func isDigit(_ u: Unicode.Scalar) -> Bool { u >= "0" && u <= "9" }
    func isNameStart(_ u: Unicode.Scalar) -> Bool { u == "_" || u.properties.isAlphabetic }
    func isNamePart(_ u: Unicode.Scalar) -> Bool { isNameStart(u) || isDigit(u) }
    func at(_ k: Int) -> Unicode.Scalar? { k < scalars.count ? scalars[k] : nil }
    func slice(_ a: Int, _ b: Int) -> String {
      var s = ""
      s.unicodeScalars.append(contentsOf: scalars[a..<b])
      return s
    }
    while i < scalars.count {
      let u = scalars[i]
      let column = i + 1
      if u.properties.isWhitespace {
        i += 1
        continue
      }
      if isDigit(u) || (u == "." && at(i + 1).map(isDigit) == true) {
        var j = i
        while let c = at(j), isDigit(c) { j += 1 }
        if at(j) == ".", at(j + 1).map(isDigit) == true || j > i {
          j += 1
          while let c = at(j), isDigit(c) { j += 1 }
        }
        if let e = at(j), e == "e" || e == "E" {
          var k = j + 1
          if let s = at(k), s == "+" || s == "-" { k += 1 }
          if let d = at(k), isDigit(d) {
            var digitsEnd = k
            while let c = at(digitsEnd), isDigit(c) { digitsEnd += 1 }
            let exponent = Int(slice(k, digitsEnd)) ?? Int.max
            if digitsEnd - k > 6 || exponent > maxLiteralExponent {
              throw ExpressionError(
                .limit, column: column,
                "the number '\(slice(i, digitsEnd))' is too large (exponents up to "
                  + "\(maxLiteralExponent))")
            }
            j = digitsEnd
          }
        }
        let literal = slice(i, j)
        guard let value = Rational(literal) else {
          throw ExpressionError(.syntax, column: column, "'\(literal)' is not a number")
        }
        out.append(FormulaToken(kind: .number(value), column: column, text: literal))
        i = j
        continue
      }
      if isNameStart(u) {
        var j = i + 1
        while let c = at(j), isNamePart(c) { j += 1 }
        let name = slice(i, j)
        out.append(FormulaToken(kind: .name(name), column: column, text: name))
        i = j
        continue
      }
      let two = at(i + 1).map { _ in slice(i, i + 2) } ?? ""
      if ["<=", ">=", "==", "!="].contains(two) {
        out.append(FormulaToken(kind: .symbol(two), column: column, text: two))
        i += 2
        continue
      }
      switch u {
      case "+", "-", "*", "/", "^", "(", ")", ",", "<", ">":
        let s = String(u)
        out.append(FormulaToken(kind: .symbol(s), column: column, text: s))
        i += 1
      case "=":
        throw ExpressionError(.syntax, column: column, "'=' is not an operator; compare with '=='")
      case "!":
        throw ExpressionError(.syntax, column: column, "'!' is not an operator; negate with 'not'")
      case "&", "|":
        throw ExpressionError(
          .syntax, column: column, "'\(u)' is not an operator; use 'and' and 'or'")
      default:
        throw ExpressionError(.syntax, column: column, "unexpected character '\(u)'")
      }
    }
    out.append(FormulaToken(kind: .end, column: scalars.count + 1, text: ""))
    return out
  }
}
