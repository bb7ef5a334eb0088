// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameFiles

// The targets for the expression language and the parametric game formats (strategic form
// and trees).

/// Bounds for re-reading a formula's fully parenthesized form: the parentheses lengthen the
/// text and deepen the nesting, and neither should make the copy fail where the original read.
private let roomy = Formula.Limits(maxLength: 1 << 20, maxDepth: 4_096, maxNodes: 1 << 20)

/// An error located inside a formula of `length` scalars points into it (or just past it).
private func checkColumn(_ error: ExpressionError, length: Int) {
  precondition(
    (0...length + 1).contains(error.column),
    "column \(error.column) outside a formula of \(length) characters: \(error)")
  precondition(!error.description.contains("\n"), "error message spans lines: \(error)")
}

/// `formula`'s value at `values`, checked against its parenthesized copy: the copy must read
/// (within ``roomy``) and evaluate to the same value, or fail in the same way.
private func evaluateChecked(_ formula: Formula, _ values: [String: Rational]) {
  let length = formula.text.unicodeScalars.count
  var original: Result<Rational, ExpressionError>
  do { original = .success(try formula.evaluate(with: values)) } catch {
    checkColumn(error, length: length)
    original = .failure(error)
  }
  let text = formula.root.parenthesized
  let copy: Formula
  do { copy = try Formula(text, limits: roomy) } catch {
    preconditionFailure("'\(text)' (from '\(formula.text)') does not read: \(error)")
  }
  precondition(copy.names == formula.names, "names differ: '\(formula.text)' and '\(text)'")
  let again: Result<Rational, ExpressionError>
  do { again = .success(try copy.evaluate(with: values)) } catch { again = .failure(error) }
  switch (original, again) {
  case (.success(let a), .success(let b)):
    precondition(a == b, "'\(formula.text)' = \(a) but '\(text)' = \(b)")
  case (.failure(let a), .failure(let b)):
    precondition(a.kind == b.kind, "'\(formula.text)': \(a) but '\(text)': \(b)")
  default:
    preconditionFailure("'\(formula.text)' gives \(original) but '\(text)' gives \(again)")
  }
}

/// The expression language: every line but the last is a parameter `NAME = FORMULA` (a line
/// without `=` is a parameter `pK` with that formula), the last line a formula evaluated
/// with the parameters' values. Checks the table (names, cycles), the evaluation, every
/// error's column and line, and that the parenthesized form reads back to the same value.
func fuzzExpression(_ text: String) {
  // "\r\n" is one Character: split on it too.
  var lines = text.split(
    omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }
  ).map(String.init)
  let last = lines.removeLast()
  var parameters = [ModelParameter]()
  for (k, line) in lines.enumerated() {
    var name = "p\(k)"
    var body = line
    // `NAME = …` names the parameter when NAME is a name (as the file readers require).
    if let eq = line.firstIndex(of: "="), line[line.index(after: eq)...].first != "=" {
      let word = line[..<eq].trimmingCharacters(in: .whitespaces)
      if let first = word.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
        word.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic
          || ("0"..."9").contains($0) })
      {
        name = word
        body = String(line[line.index(after: eq)...])
      }
    }
    do {
      parameters.append(ModelParameter(name: name, value: try Formula(body)))
    } catch {
      checkColumn(error, length: body.unicodeScalars.count)
    }
  }
  var values = [String: Rational]()
  do {
    let table = try ParameterTable(parameters)
    precondition(table.evaluationOrder.count == parameters.count, "evaluation order")
    values = try table.values()
    for p in parameters { evaluateChecked(p.value, values) }
  } catch {
    precondition(!error.description.contains("\n"), "error message spans lines: \(error)")
  }
  do { evaluateChecked(try Formula(last), values) } catch {
    checkColumn(error, length: last.unicodeScalars.count)
  }
}

/// The parametric strategic-game YAML (`parley: game`): parse, then instantiate again at
/// every parameter's range ends (the path a sweep takes); a game that reads must have the
/// declared shape, and its defaults must equal an instantiation with no overrides.
func fuzzStrategicGame(_ text: String) {
  let model: ParametricModel<NormalFormGame<Rational>>
  do { model = try StrategicGameFile.parseParametric(text, path: "fuzz.yaml") } catch {
    precondition(!error.description.contains("\n"), "error message spans lines: \(error)")
    return
  }
  let game = model.defaults
  precondition(game.payoffs.count == game.players.count, "one payoff table per player")
  let profiles = game.strategies.reduce(1) { $0 * $1.count }
  precondition(game.payoffs.allSatisfy { $0.count == profiles }, "payoff table size")
  for p in model.parameters.parameters {
    guard let range = p.range else { continue }
    for x in [range.lowerBound, range.upperBound] {
      do { _ = try model.instantiate(overrides: [p.name: x]) } catch {
        precondition(!error.description.contains("\n"), "error message spans lines: \(error)")
      }
    }
  }
}

/// The parametric game-tree YAML (`parley: tree`): parse, then instantiate again at every
/// parameter's range ends (the path a sweep takes). A tree that reads must be a valid game
/// (``ExtensiveFormGame/validationProblem(players:informationSets:outcomes:nodes:)``) within
/// the reader's bounds, with chance probabilities summing to exactly 1, and must write as an
/// `.efg` file that reads back as a fixed point (unless a number is longer than the `.efg`
/// reader's bound: formulas can compute exact values of any length).
func fuzzTree(_ text: String) {
  let model: ParametricModel<ExtensiveFormGame<Rational>>
  do { model = try TreeFile.parseParametric(text, path: "fuzz.yaml") } catch {
    precondition(!error.description.contains("\n"), "error message spans lines: \(error)")
    return
  }
  func check(_ game: ExtensiveFormGame<Rational>) {
    precondition(
      ExtensiveFormGame<Rational>.validationProblem(
        players: game.players, informationSets: game.informationSets, outcomes: game.outcomes,
        nodes: game.nodes) == nil, "not a valid game")
    precondition(game.nodes.count <= TreeFile.maxNodes, "more nodes than the bound")
    for set in game.informationSets where set.mover == .chance {
      precondition(set.probabilities.reduce(Rational.zero, +) == 1, "chance sum")
    }
    let written = EFGFile.write(game)
    do {
      let again = try EFGFile.read(written, path: "written.efg")
      precondition(EFGFile.write(again) == written, "the written .efg is not a fixed point")
    } catch {
      precondition(
        error.message.contains("is too long"), "the written .efg does not read: \(error)")
    }
  }
  instantiateAtRangeEnds(model, check: check)
}

/// `model` instantiated again at each parameter's range ends (the path a sweep takes): each
/// instantiation must read or throw a one-line error, and what reads must pass `check`.
private func instantiateAtRangeEnds<Model: Sendable>(
  _ model: ParametricModel<Model>, check: (Model) -> Void
) {
  check(model.defaults)
  for p in model.parameters.parameters {
    guard let range = p.range else { continue }
    for x in [range.lowerBound, range.upperBound] {
      do { check(try model.instantiate(overrides: [p.name: x])) } catch {
        precondition(!error.description.contains("\n"), "error message spans lines: \(error)")
      }
    }
  }
}

/// The parametric bargaining YAML (`parley: bargaining`), as `parley bargain` reads a file
/// with that marker: parse, then instantiate at every parameter's range ends; a problem
/// that reads has one utility per player in every deal and positive weights, one per player.
func fuzzBargainingModel(_ text: String) {
  let model: ParametricModel<BargainingFile>
  do { model = try BargainingFile.parseParametric(text, path: "fuzz.yaml") } catch {
    precondition(!error.description.contains("\n"), "error message spans lines: \(error)")
    return
  }
  instantiateAtRangeEnds(model) { file in
    let p = file.problem
    precondition(p.playerCount >= 2 && p.players.count == p.playerCount, "players")
    precondition(p.deals.allSatisfy { $0.count == p.playerCount }, "utilities per deal")
    precondition(p.dealNames.count == p.deals.count, "deal names")
    if let w = file.weights {
      precondition(w.count == p.playerCount && w.allSatisfy { $0 > 0 }, "weights")
    }
  }
}

/// The parametric coalitional-game YAML (`parley: coalitional`), as `parley coop` reads a
/// file with that marker: parse, then instantiate at every parameter's range ends; a game
/// that reads has one name per player and, given by worths or a vector, 2^n worths for at
/// most `maxExplicitPlayers` players.
func fuzzCoalitionalModel(_ text: String) {
  let model: ParametricModel<CoalitionalGameFile.Model>
  do { model = try CoalitionalGameFile.parseParametric(text, path: "fuzz.yaml") } catch {
    precondition(!error.description.contains("\n"), "error message spans lines: \(error)")
    return
  }
  instantiateAtRangeEnds(model) { m in
    switch m.content {
    case .weighted(let g):
      precondition(g.playerNames.count == g.playerCount, "player names")
      precondition(g.layers.allSatisfy { $0.weights.count == g.playerCount }, "layer weights")
    case .characteristic(let g, _):
      precondition(g.playerCount <= CoalitionalGameFile.maxExplicitPlayers, "players")
      precondition(g.worths.count == 1 << g.playerCount, "worths")
      precondition(g.playerNames.count == g.playerCount, "player names")
    }
  }
}
