// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import Testing

@Suite struct FormulaTests {
  func value(_ text: String, _ values: [String: Rational] = [:]) throws -> Rational {
    try Formula(text).evaluate(with: values)
  }

  func error(_ text: String, _ values: [String: Rational] = [:]) -> ExpressionError? {
    do {
      _ = try Formula(text).evaluate(with: values)
      return nil
    } catch {
      return error
    }
  }

  @Test func precedenceAndAssociativity() throws {
    let cases: [(String, String)] = [
      ("1 + 2 * 3", "(1 + (2 * 3))"),
      ("1 - 2 - 3", "((1 - 2) - 3)"),
      ("8 / 4 / 2", "((8 / 4) / 2)"),
      ("2 ^ 3 ^ 2", "(2 ^ (3 ^ 2))"),
      ("-2 ^ 2", "(-(2 ^ 2))"),
      ("2 ^ -1", "(2 ^ (-1))"),
      ("2 * -3 + 1", "((2 * (-3)) + 1)"),
      ("a < b + 1 and c or d", "(((a < (b + 1)) and c) or d)"),
      ("not a < b", "(not (a < b))"),
      ("not a and b", "((not a) and b)"),
      ("a or b and c", "(a or (b and c))"),
      ("(1 + 2) * 3", "((1 + 2) * 3)"),
      ("min(1, 2 + 3, x) * abs(-y)", "(min(1, (2 + 3), x) * abs((-y)))"),
      ("if(x >= 1/2, 1, 0)", "if((x >= (1 / 2)), 1, 0)"),
      ("3/4", "(3 / 4)"),
    ]
    for (text, expected) in cases {
      #expect(try Formula(text).root.parenthesized == expected, "\(text)")
    }
    #expect(try value("2 ^ 3 ^ 2") == 512)
    #expect(try value("-2 ^ 2") == -4)
    #expect(try value("(-2) ^ 2") == 4)
    #expect(try value("2 ^ -2") == Rational(1, 4))
    #expect(try value("10 - 4 - 3") == 3)
    #expect(try value("2 * 3 + 4 * 5") == 26)
  }

  @Test func arithmeticIsExact() throws {
    #expect(try value("1/3 + 1/6") == Rational(1, 2))
    #expect(try value("1/3 + 1/6 == 1/2") == 1)
    #expect(try value("0.1 + 0.2 == 0.3") == 1)
    #expect(try value("1e-3 * 1000") == 1)
    #expect(try value(".5 + 1.25") == Rational(7, 4))
    #expect(try value("(2/3) ^ 3") == Rational(8, 27))
    #expect(try value("x * 0.02", ["x": 500]) == 10)
    #expect(try value("2 ^ 100") == (try value("2 ^ 50")) * (try value("2 ^ 50")))
  }

  @Test func logicComparisonsAndFunctions() throws {
    #expect(try value("1 < 2") == 1)
    #expect(try value("2 <= 1") == 0)
    #expect(try value("3 != 3") == 0)
    #expect(try value("not 0") == 1)
    #expect(try value("not 5") == 0)
    #expect(try value("2 and 3") == 1)
    #expect(try value("0 or 0") == 0)
    #expect(try value("max(1, 7/2, 3)") == Rational(7, 2))
    #expect(try value("min(4)") == 4)
    #expect(try value("abs(-3/4)") == Rational(3, 4))
    #expect(try value("if(x > 1, 10, 20)", ["x": 2]) == 10)
    #expect(try value("if(x > 1, 10, 20)", ["x": 1]) == 20)
    // Short-circuits: the untaken branch is not evaluated.
    #expect(try value("x != 0 and 1/x > 2", ["x": 0]) == 0)
    #expect(try value("x == 0 or 1/x > 2", ["x": 0]) == 1)
    #expect(try value("if(x == 0, 0, 1/x)", ["x": 0]) == 0)
  }

  @Test func namesAreCollectedInOrder() throws {
    let f = try Formula("b * a + b - max(c, a)")
    #expect(f.names == ["b", "a", "c"])
    #expect(f.constantValue == nil)
    #expect(try Formula("2 + 3").constantValue == 5)
  }

  @Test func syntaxErrorsAreLocated() {
    let cases: [(String, Int, String)] = [
      ("1 +", 4, "found the end of the formula"),
      ("1 + * 2", 5, "found '*'"),
      ("(1 + 2", 7, "')' to close the '(' at column 1"),
      ("1 2", 3, "expected an operator"),
      ("x = 1", 3, "compare with '=='"),
      ("a && b", 3, "use 'and' and 'or'"),
      ("!a", 1, "negate with 'not'"),
      ("3 $ 4", 3, "unexpected character '$'"),
      ("a < b < c", 7, "comparisons do not chain"),
      ("sqrt(2)", 1, "'sqrt' is not a function; the functions are: abs, if, max, min"),
      ("abs(1, 2)", 1, "abs takes one argument, found 2"),
      ("if(1, 2)", 1, "if takes three arguments"),
      ("max()", 1, "max needs at least one argument"),
      ("min + 1", 1, "'min' is a function"),
      ("", 1, "the formula is empty"),
      ("  ", 3, "the formula is empty"),
    ]
    for (text, column, message) in cases {
      guard let e = error(text) else {
        Issue.record("no error for '\(text)'")
        continue
      }
      #expect(e.column == column, "\(text): \(e)")
      #expect(e.message.contains(message), "\(text): \(e)")
    }
  }

  @Test func evaluationErrors() {
    let zero = error("1 / (x - x)", ["x": 3])
    #expect(zero?.kind == .divisionByZero)
    #expect(zero?.column == 3)
    #expect(error("0 ^ -1")?.kind == .divisionByZero)
    let unknown = error("a + nk_patiance", ["nk_patience": 1, "a": 2])
    #expect(unknown?.kind == .unknownName)
    #expect(unknown?.column == 5)
    #expect(unknown?.message == "unknown name 'nk_patiance'; the parameters are: a, nk_patience")
    #expect(error("x")?.message == "unknown name 'x'; no parameters are defined")
    let fractional = error("2 ^ (1/2)")
    #expect(fractional?.kind == .domain)
    #expect(fractional?.message.contains("whole number, found 1/2") == true)
  }

  @Test func sizeIsBounded() throws {
    #expect(error(String(repeating: "1+", count: 600) + "1")?.kind == .limit)
    #expect(error(String(repeating: "(", count: 70) + "1" + String(repeating: ")", count: 70))?
      .kind == .limit)
    #expect(error(Array(repeating: "1", count: 300).joined(separator: "+"))?.kind == .limit)
    // Huge exponents are refused before anything is computed.
    let huge = error("2 ^ 1000000000")
    #expect(huge?.kind == .limit)
    #expect(huge?.column == 3)
    #expect(error("(2 ^ 10000) ^ 10000")?.kind == .limit)
    #expect(error("1e999999")?.kind == .limit)
    // Powers of 0, 1 and -1 are cheap at any exponent.
    #expect(try value("1 ^ 1000000000") == 1)
    #expect(try value("(-1) ^ 1000000001") == -1)
    #expect(try value("0 ^ 1000000000") == 0)
    #expect(try value("2 ^ 16000 / 2 ^ 15999") == 2)
  }

  @Test func parameterTablesResolveInDependencyOrder() throws {
    let table = try ParameterTable([
      ModelParameter(name: "share", value: Formula("revenue * 0.02")),
      ModelParameter(name: "revenue", value: Formula("500"), range: 200...2000),
      ModelParameter(name: "double_share", value: Formula("2 * share")),
    ])
    #expect(table.names == ["share", "revenue", "double_share"])
    let base = try table.values()
    #expect(base == ["revenue": 500, "share": 10, "double_share": 20])
    let swept = try table.values(overriding: ["revenue": 2000])
    #expect(swept["share"] == 40)
    #expect(swept["double_share"] == 80)
    // An overridden parameter no longer depends on the others.
    #expect(try table.values(overriding: ["share": 1])["double_share"] == 2)
    #expect(throws: ExpressionError.self) { try table.values(overriding: ["revnue": 1]) }
    do {
      _ = try table.values(overriding: ["revnue": 1])
    } catch {
      #expect(error.message.contains("the parameters are: share, revenue, double_share"))
    }
  }

  @Test func parameterCyclesAreReported() throws {
    do {
      _ = try ParameterTable([
        ModelParameter(name: "a", value: Formula("b + 1")),
        ModelParameter(name: "b", value: Formula("2 * c")),
        ModelParameter(name: "c", value: Formula("a / 2")),
        ModelParameter(name: "d", value: Formula("1")),
      ])
      Issue.record("no cycle found")
    } catch {
      #expect(error.kind == .cycle)
      #expect(error.message.hasSuffix("a → b → c → a"))
    }
    do {
      _ = try ParameterTable([ModelParameter(name: "a", value: Formula("a"))])
      Issue.record("no cycle found")
    } catch {
      #expect(error.message.hasSuffix("a → a"))
    }
    do {
      _ = try ParameterTable([ModelParameter(name: "a", value: Formula("1 + zz"))])
      Issue.record("no unknown name found")
    } catch {
      #expect(error.kind == .unknownName)
      #expect(error.parameter == "a")
      #expect(error.column == 5)
    }
    #expect(throws: ExpressionError.self) {
      try ParameterTable([ModelParameter(name: "and", value: Formula("1"))])
    }
    #expect(throws: ExpressionError.self) {
      try ParameterTable([
        ModelParameter(name: "a", value: Formula("1")),
        ModelParameter(name: "a", value: Formula("2")),
      ])
    }
    do {
      _ = try ParameterTable([
        ModelParameter(name: "a", value: Formula("0")),
        ModelParameter(name: "b", value: Formula("1 / a")),
      ]).values()
      Issue.record("no division by zero")
    } catch {
      #expect(error.kind == .divisionByZero)
      #expect(error.parameter == "b")
    }
  }

  /// The parenthesized form reads back to the same value; a fraction is written as a
  /// division in parentheses (`x ^ 0.5` once came back as `(x ^ 1) / 2`).
  @Test func parenthesizedFormReadsBack() throws {
    #expect(try Formula("x ^ 0.5").root.parenthesized == "(x ^ (1 / 2))")
    #expect(try Formula(".25 * x").root.parenthesized == "((1 / 4) * x)")
    let values: [String: Rational] = ["x": 4, "y": Rational(-2, 3)]
    // 4 ^ 0.5 is refused (fractional exponent); so must its copy be.
    #expect((try? Formula(Formula("x ^ 0.5").root.parenthesized).evaluate(with: values)) == nil)
    for text in ["x ^ 2.0", "2 ^ 1.0 * y", "-y ^ 2 - 1e-3", "if(y < .5, x / 0.25, 1)",
      "min(1.5, x, y) ^ -2", "not y > -1.25 or x == 4.0"]
    {
      let f = try Formula(text)
      let copy = try Formula(f.root.parenthesized)
      let a = try? f.evaluate(with: values)
      #expect(a != nil, "\(text)")
      #expect(a == (try? copy.evaluate(with: values)), "\(text) vs \(f.root.parenthesized)")
    }
  }

  /// Ordering is iterative: a chain of many parameters (each using the next) must not
  /// overflow the stack, as a recursive depth-first search did.
  @Test func longChainsOfParametersAreOrdered() throws {
    let n = 20_000
    var parameters = (0..<n - 1).map { k in
      ModelParameter(name: "p\(k)", value: try! Formula("p\(k + 1) + 1"))
    }
    parameters.append(ModelParameter(name: "p\(n - 1)", value: try Formula("0")))
    let table = try ParameterTable(parameters)
    #expect(table.evaluationOrder.first == n - 1 && table.evaluationOrder.last == 0)
    #expect(try table.values()["p0"] == Rational(n - 1))
    // Closing the chain into a cycle is reported, from where the search entered it.
    parameters[n - 1] = ModelParameter(name: "p\(n - 1)", value: try Formula("p0 * 2"))
    do {
      _ = try ParameterTable(parameters)
      Issue.record("expected a cycle")
    } catch {
      #expect(error.kind == .cycle)
      #expect(error.message.hasPrefix("the parameters refer to each other in a cycle: p0 → p1 → "))
      #expect(error.message.hasSuffix("→ p\(n - 1) → p0"))
    }
  }
}
