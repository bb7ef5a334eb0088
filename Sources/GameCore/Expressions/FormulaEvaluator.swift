// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt

extension Formula {
  /// The formula's exact value with the parameters set to `values`.
  ///
  /// A post-order walk of the tree in exact rational arithmetic. `and`, `or` and `if`
  /// evaluate only the operands they need, so `x != 0 and 1/x > 2` is safe at `x = 0`.
  /// A power `a ^ n` needs a whole `n`; its least possible size (`|n|` times the bits of `a`
  /// less one) is checked against `limits.maxBits` before it is computed, and every result
  /// after.
  ///
  /// - Complexity: O(nodes) operations on numbers of at most `limits.maxBits` bits.
  /// - Throws: `ExpressionError` at the operator or name concerned: `.unknownName` for a
  ///   name without a value (listing the names known), `.divisionByZero`, `.domain` for a
  ///   fractional exponent, `.limit` for a number too large.
  public func evaluate(
    with values: [String: Rational], limits: Limits = .standard
  ) throws(ExpressionError) -> Rational {
    try FormulaEvaluator(values: values, maxBits: limits.maxBits).value(of: root)
  }
}

/// The evaluation walk behind ``Formula/evaluate(with:limits:)``.
struct FormulaEvaluator {
  let values: [String: Rational]
  let maxBits: Int

  func checked(_ q: Rational, _ column: Int) throws(ExpressionError) -> Rational {
    if q.isSmall { return q }
    let bits = max(q.numerator.magnitude.bitWidth, q.denominator.magnitude.bitWidth)
    guard bits <= maxBits else {
      throw ExpressionError(
        .limit, column: column, "a value has \(bits) bits; at most \(maxBits) are allowed")
    }
    return q
  }

  static func truth(_ b: Bool) -> Rational { b ? Rational(1) : Rational(0) }

  func value(of node: Formula.Node) throws(ExpressionError) -> Rational {
    switch node {
    case .number(let q, let column):
      return try checked(q, column)
    case .name(let name, let column):
      guard let q = values[name] else {
        let known = values.keys.sorted()
        throw ExpressionError(
          .unknownName, column: column,
          "unknown name '\(name)'; "
            + (known.isEmpty
              ? "no parameters are defined"
              : "the parameters are: " + known.joined(separator: ", ")))
      }
      return q
    case .negate(let a, _):
      return -(try value(of: a))
    case .not(let a, _):
      return Self.truth(try value(of: a).isZero)
    case .binary(let op, let a, let b, let column):
      return try binary(op, a, b, column)
    case .call(let f, let args, _):
      switch f {
      case .abs:
        return try value(of: args[0]).magnitude
      case .min, .max:
        var best = try value(of: args[0])
        for arg in args.dropFirst() {
          let q = try value(of: arg)
          if f == .min ? q < best : q > best { best = q }
        }
        return best
      case .conditional:
        return try value(of: try value(of: args[0]).isZero ? args[2] : args[1])
      }
    }
  }

  func binary(
    _ op: Formula.BinaryOperator, _ a: Formula.Node, _ b: Formula.Node, _ column: Int
  ) throws(ExpressionError) -> Rational {
    switch op {
    case .and:
      guard !(try value(of: a).isZero) else { return Rational(0) }
      return Self.truth(!(try value(of: b).isZero))
    case .or:
      guard try value(of: a).isZero else { return Rational(1) }
      return Self.truth(!(try value(of: b).isZero))
    default: break
    }
    let x = try value(of: a)
    let y = try value(of: b)
    switch op {
    case .add: return try checked(x + y, column)
    case .subtract: return try checked(x - y, column)
    case .multiply: return try checked(x * y, column)
    case .divide:
      guard !y.isZero else {
        throw ExpressionError(
          .divisionByZero, column: column, "division by zero: the divisor is 0")
      }
      return try checked(x / y, column)
    case .power: return try power(x, y, column)
    case .less: return Self.truth(x < y)
    case .lessOrEqual: return Self.truth(x <= y)
    case .greater: return Self.truth(x > y)
    case .greaterOrEqual: return Self.truth(x >= y)
    case .equal: return Self.truth(x == y)
    case .notEqual: return Self.truth(x != y)
    case .and, .or: preconditionFailure("handled above")
    }
  }

  func power(_ x: Rational, _ y: Rational, _ column: Int) throws(ExpressionError) -> Rational {
    guard y.isInteger else {
      throw ExpressionError(
        .domain, column: column, "the exponent must be a whole number, found \(y)")
    }
    if x.isZero {
      guard y.signum >= 0 else {
        throw ExpressionError(
          .divisionByZero, column: column, "division by zero: 0 raised to a negative power")
      }
      return y.isZero ? Rational(1) : Rational(0)
    }
    if x.magnitude == Rational(1) {
      let odd = y.numerator.magnitude % 2 == 1
      return x.signum < 0 && odd ? Rational(-1) : Rational(1)
    }
    let bits = max(x.numerator.magnitude.bitWidth, x.denominator.magnitude.bitWidth)
    guard let n = Int(exactly: y.numerator.magnitude), n <= maxBits,
      (bits - 1) * n + 1 <= maxBits
    else {
      throw ExpressionError(
        .limit, column: column,
        "\(x) ^ \(y) is too large (at most \(maxBits) bits are allowed)")
    }
    let num = x.numerator.power(n)
    let den = x.denominator.power(n)
    return try checked(y.signum < 0 ? Rational(den, num) : Rational(num, den), column)
  }
}
