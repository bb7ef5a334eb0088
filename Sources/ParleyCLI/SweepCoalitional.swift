// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameExport
import GameFiles
import Negotiation

/// `parley sweep GAME.yaml --param NAME ... --solution S`: a parametric coalitional game
/// (`parley: coalitional`) re-solved at each point: the Shapley value, the nucleolus, the
/// Banzhaf index, and whether the core is empty (with the least-core value), as
/// `parley coop` computes them.
extension SweepCommand {
  /// The columns of a coalitional sweep: one per player for each allocation (led by the
  /// solution's name when there are several), and the core's status and least-core value.
  static func coalitionalColumns(_ concepts: [CoalitionalConcept], players: [String])
    -> [String]
  {
    let allocations = concepts.filter { $0 != .core }
    return concepts.flatMap { c -> [String] in
      if c == .core { return ["core", "least-core value"] }
      let prefix = allocations.count > 1 || concepts.count > 1 ? "\(c.rawValue): " : ""
      return players.map { prefix + $0 }
    }
  }

  /// The cells of one point (`nil`: the game did not instantiate) and the notes on failures.
  static func coalitionalCells(
    _ point: CoalitionalPoint?, concepts: [CoalitionalConcept], playerCount: Int,
    style: SweepNumbers
  ) -> (cells: [String], failures: [String]) {
    var cells = [String]()
    var failures = [String]()
    for c in concepts {
      if c == .core {
        switch point?.leastCore {
        case .values(let v)?:
          cells += [v[0] > 0 ? "empty" : "non-empty", style.text(v[0])]
        case .failed(let reason)?:
          cells += ["error", "-"]
          failures.append("core: \(reason)")
        case nil:
          cells += ["error", "-"]
        }
        continue
      }
      switch point?.allocations[c] {
      case .values(let v)?: cells += v.map { style.text($0) }
      case .failed(let reason)?:
        cells += Array(repeating: "-", count: playerCount)
        failures.append("\(c.rawValue): \(reason)")
      case nil: cells += Array(repeating: "-", count: playerCount)
      }
    }
    return (cells, failures)
  }

  func coalitionalSweep(
    _ parametric: ParametricModel<CoalitionalGameFile.Model>, _ grid: ParameterSweep,
    indices: [Int]
  ) throws -> ResultTable {
    let fixed = try checkParameters(parametric.parameters)
    let base = try ParameterSetting.instantiate(parametric, with: settings)
    let concepts = solution!.coalitionalConcepts
    let players = base.content.playerNames
    let style = numberStyle
    let name = parameter
    let points = grid.points
    let rows = Self.mapPoints(indices) { i -> PointRow in
      let x = points[i]
      let label = Self.pointLabel(x)
      var overrides = fixed
      overrides[name] = x
      let model: CoalitionalGameFile.Model
      do {
        model = try parametric.instantiate(overrides: overrides)
      } catch {
        let cells = Self.coalitionalCells(
          nil, concepts: concepts, playerCount: players.count, style: style
        ).cells
        return PointRow(label: label, cells: cells, notes: ["\(name) = \(label): \(error)"])
      }
      let point = CoalitionalPoint.solve(model.content, concepts: concepts)
      let (cells, failures) = Self.coalitionalCells(
        point, concepts: concepts, playerCount: players.count, style: style)
      return PointRow(
        label: label, cells: cells, notes: failures.map { "\(name) = \(label): \($0)" },
        method: "cooperative solutions")
    }
    var (facts, notes) = commonFacts(grid, indices: indices, parameters: parametric.parameters)
    facts.insert(.init("solutions", concepts.map(\.rawValue).joined(separator: ", ")), at: 0)
    if case .weighted(let g) = base.content {
      facts.insert(.init("game", "weighted voting, \(g.notation) at the stated values"), at: 1)
    }
    notes += rows.flatMap(\.notes)
    if concepts.contains(.core) {
      notes.append("the core is empty exactly when the least-core value is positive")
    }
    return ResultTable(
      kind: "coalitional-sweep",
      title: "\(base.name): \(solution!.rawValue) as \(parameter) varies",
      rowHeader: parameter, columns: Self.coalitionalColumns(concepts, players: players),
      rows: rows.map { ResultTable.Row(label: $0.label, cells: $0.cells) }, isExact: true,
      parameters: ["method": "cooperative solutions (exact)"], facts: facts, notes: notes,
      file: file)
  }

  // MARK: - Breakpoints

  /// A coalitional answer for breakpoints: whether the core is empty.
  struct CoreSignature: Hashable, Sendable {
    var empty: Bool
    var failed = false
  }

  /// Where the core becomes empty or non-empty: the sign of the least-core value ε*
  /// (positive exactly when the core is empty), piecewise linear in worths that are linear
  /// in the parameter, so the exact step finds the change on each linear piece.
  func coalitionalBreakpoints(
    _ points: [Rational], fixed: [String: Rational],
    parametric: ParametricModel<CoalitionalGameFile.Model>, search: BreakpointSearch
  ) -> ResultTable {
    let name = parameter
    let probe: @Sendable (Rational) -> BreakpointSearch.Probe<CoreSignature>? = { x in
      var overrides = fixed
      overrides[name] = x
      guard let model = try? parametric.instantiate(overrides: overrides),
        case .values(let v) = CoalitionalPoint.solve(model.content, concepts: [.core]).leastCore
      else { return nil }
      return .init(signature: CoreSignature(empty: v[0] > 0), margins: ["least-core value": v[0]])
    }
    let failed = BreakpointSearch.Probe(signature: CoreSignature(empty: false, failed: true))
    let solved = ParameterSweep.map(Array(points.indices)) { probe(points[$0]) ?? failed }
    let changed = points.indices.dropLast().filter {
      solved[$0].signature != solved[$0 + 1].signature
    }
    let found = ParameterSweep.map(changed) { i in
      search.changes(from: points[i], solved[i], to: points[i + 1], solved[i + 1], probe: probe)
    }
    func describe(_ a: CoreSignature, _ b: CoreSignature) -> String {
      if a.failed || b.failed { return a.failed ? "solvable from here" : "no longer solvable" }
      return b.empty ? "the core becomes empty" : "the core becomes non-empty"
    }
    return breakpointTable(
      zip(changed, found).flatMap { i, list in
        list.map { (i, $0, describe($0.before, $0.after)) }
      }, points: points, changedIntervals: changed.count, search: search,
      facts: [.init("answer", "whether the core is empty (the least-core value > 0)")],
      title: "\(parametric.defaults.name): where the core becomes empty or non-empty as "
        + "\(parameter) varies")
  }
}
