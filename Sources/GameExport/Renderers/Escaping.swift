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
