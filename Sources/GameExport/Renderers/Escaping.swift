// SPDX-License-Identifier: GPL-3.0-or-later

/// `text` with LaTeX's special characters escaped for text mode (line breaks become spaces).
func latexEscaped(_ text: String) -> String {
  var out = ""
  for c in text {
    switch c {
    case "\\": out += "\\textbackslash{}"
    case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(c)
    case "~": out += "\\textasciitilde{}"
    case "^": out += "\\textasciicircum{}"
    case "<": out += "\\textless{}"
    case ">": out += "\\textgreater{}"
    case "|": out += "\\textbar{}"
    case "\n": out += " "
    default: out.append(c)
    }
  }
  return out
}

/// `text` with Markdown's inline punctuation escaped (line breaks become spaces).
func markdownEscaped(_ text: String) -> String {
  var out = ""
  for c in text {
    if "\\`*_[]<>|".contains(c) { out.append("\\") }
    out.append(c == "\n" ? " " : c)
  }
  return out
}

/// A number as LaTeX math-mode content, or `nil` when `text` is not a number: exact
/// fractions become `\frac{p}{q}` (`-3/4` → `-\frac{3}{4}`), integers and decimals (with an
/// exponent) stay as they are.
func latexMathNumber(_ text: String) -> String? {
  guard !text.isEmpty, text.allSatisfy({ "0123456789-+./e".contains($0) }),
    text.contains(where: \.isNumber)
  else { return nil }
  let parts = text.split(separator: "/", omittingEmptySubsequences: false)
  guard parts.count == 2 else { return parts.count == 1 ? text : nil }
  var numerator = parts[0], sign = ""
  if let first = numerator.first, first == "-" || first == "+" {
    sign = first == "-" ? "-" : ""
    numerator = numerator.dropFirst()
  }
  guard !numerator.isEmpty, numerator.allSatisfy(\.isNumber), !parts[1].isEmpty,
    parts[1].allSatisfy(\.isNumber)
  else { return nil }
  return "\(sign)\\frac{\(numerator)}{\(parts[1])}"
}
