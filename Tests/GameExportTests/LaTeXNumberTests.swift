// SPDX-License-Identifier: GPL-3.0-or-later

@testable import GameExport
import Testing

/// Numbers in LaTeX exports: exact fractions as `\frac{p}{q}`, other numbers as they are,
/// and anything else left to text mode.
@Suite struct LaTeXNumberTests {
  @Test(arguments: [
    ("2/3", "\\frac{2}{3}"), ("-21/400", "-\\frac{21}{400}"), ("+1/2", "\\frac{1}{2}"),
    ("7", "7"), ("-7", "-7"), ("0.6667", "0.6667"), ("1.5e-3", "1.5e-3"),
  ])
  func numbers(text: String, expected: String) {
    #expect(latexMathNumber(text) == expected)
  }

  @Test(arguments: ["", "-", "yes", "1/2/3", "/2", "1/", "-/2", "1-/2", "#660", "e"])
  func notNumbers(text: String) {
    #expect(latexMathNumber(text) == nil)
  }
}
