// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameExport
import GameFiles
import Negotiation

/// `parley sweep PROBLEM.yaml --param NAME ... --solution S`: a parametric bargaining problem
/// (`parley: bargaining`) re-solved at each point by the axiomatic solutions `parley bargain`
/// reports: every player's utility and the deal (or lottery over deals) that gives it.
extension SweepCommand {
  /// The sweep of a bargaining problem or coalitional game (`--solution`), by the file's kind.
  func cooperativeSweep(_ grid: ParameterSweep, indices: [Int]) throws -> ResultTable {
    switch try CooperativeModel.read(file, solution: solution!, option: "--solution") {
    case .bargaining(let parametric):
      return try bargainingSweep(parametric, grid, indices: indices)
    case .coalitional(let parametric):
      return try coalitionalSweep(parametric, grid, indices: indices)
    }
  }

  /// The breakpoints of a bargaining problem's or coalitional game's sweep.
  func cooperativeBreakpoints(_ grid: ParameterSweep, search: BreakpointSearch) throws
    -> ResultTable
  {
    switch try CooperativeModel.read(file, solution: solution!, option: "--solution") {
    case .bargaining(let parametric):
      let fixed = try checkParameters(parametric.parameters)
      let base = try ParameterSetting.instantiate(parametric, with: settings)
      let concepts = try solution!.bargainingConcepts(hasWeights: base.weights != nil)
      return bargainingBreakpoints(
        grid.points, fixed: fixed, parametric: parametric, concepts: concepts, search: search)
    case .coalitional(let parametric):
      let fixed = try checkParameters(parametric.parameters)
      let base = try ParameterSetting.instantiate(parametric, with: settings)
      if base.content.isWeighted {
        throw CommandFailure(
          message: "parley: error: --breakpoints: a weighted voting game's quota and weights "
            + "are whole numbers, so its answer changes only at whole values of \(parameter); "
            + "the sweep's rows (--step 1) show each change",
          exitStatus: CommandFailure.usageStatus)
      }
      return coalitionalBreakpoints(
        grid.points, fixed: fixed, parametric: parametric, search: search)
    }
  }

  /// The columns of a bargaining sweep: each solution's utilities and deal (the solution's
  /// name leads each column when there are several).
  static func bargainingColumns(_ concepts: [BargainingConcept], players: [String]) -> [String] {
    concepts.flatMap { c -> [String] in
      let prefix = concepts.count > 1 ? "\(c.rawValue): " : ""
      return players.map { prefix + $0 } + [prefix + "deal"]
    }
  }

  func bargainingSweep(
    _ parametric: ParametricModel<BargainingFile>, _ grid: ParameterSweep, indices: [Int]
  ) throws -> ResultTable {
    let fixed = try checkParameters(parametric.parameters)
    let base = try ParameterSetting.instantiate(parametric, with: settings)
    let concepts = try solution!.bargainingConcepts(hasWeights: base.weights != nil)
    let players = base.problem.players
    let style = numberStyle
    let name = parameter
    let points = grid.points
    let rows = Self.mapPoints(indices) { i -> PointRow in
      Self.bargainingRow(
        at: points[i], parameter: name, fixed: fixed, parametric: parametric,
        concepts: concepts, playerCount: players.count, style: style)
    }
    var (facts, notes) = commonFacts(grid, indices: indices, parameters: parametric.parameters)
    facts.insert(
      .init("solutions", concepts.map(\.rawValue).joined(separator: ", ")), at: 0)
    facts.append(
      .init(
        "deals",
        "\(base.problem.deals.count) (" + base.problem.dealNames.joined(separator: ", ") + ")"
          + (base.problem.allowsLotteries ? ", lotteries allowed" : ", no lotteries")))
    notes += rows.flatMap(\.notes)
    return ResultTable(
      kind: "bargaining-sweep",
      title: "\(base.name ?? file): \(solution!.rawValue) as \(parameter) varies",
      rowHeader: parameter, columns: Self.bargainingColumns(concepts, players: players),
      rows: rows.map { ResultTable.Row(label: $0.label, cells: $0.cells) },
      isExact: rows.allSatisfy(\.isExact), parameters: ["method": "axiomatic solutions"],
      facts: facts, notes: notes, file: file)
  }

  /// The problem at `x` (`fixed` holds the other overrides).
  static func bargainingProblem(
    at x: Rational, parameter: String, fixed: [String: Rational],
    parametric: ParametricModel<BargainingFile>
  ) throws(GameFileError) -> BargainingFile {
    var overrides = fixed
    overrides[parameter] = x
    return try parametric.instantiate(overrides: overrides)
  }

  static func bargainingRow(
    at x: Rational, parameter: String, fixed: [String: Rational],
    parametric: ParametricModel<BargainingFile>, concepts: [BargainingConcept],
    playerCount: Int, style: SweepNumbers
  ) -> PointRow {
    let label = pointLabel(x)
    let failedCells = Array(repeating: "-", count: playerCount) + ["error"]
    let problem: BargainingFile
    do {
      problem = try bargainingProblem(
        at: x, parameter: parameter, fixed: fixed, parametric: parametric)
    } catch {
      return PointRow(
        label: label, cells: Array(concepts.map { _ in failedCells }.joined()),
        notes: ["\(parameter) = \(label): \(error)"])
    }
    var row = PointRow(label: label, cells: [], method: "axiomatic solutions")
    for c in concepts {
      do {
        let s = BargainingPoint(try c.solve(problem))
        row.isExact = row.isExact && s.isExact
        row.cells += s.payoffs.map { style.text($0, exact: s.isExact) }
        row.cells.append(
          s.lotteryText(problem.problem.dealNames) { style.text($0, exact: s.isExact) })
      } catch {
        row.cells += failedCells
        row.notes.append("\(parameter) = \(label): \(c.rawValue): \(error.reason)")
      }
    }
    return row
  }

  // MARK: - Breakpoints

  /// A bargaining answer: the deals each solution uses (`nil` where it fails).
  struct BargainingSignature: Hashable, Sendable {
    var supports: [[Int]?]
    var failed = false
  }

  /// The problem at one value and each solution's point (`nil` where a solution fails), with
  /// the ideal point when the Kalai–Smorodinsky solution was computed.
  struct BargainingSolved: Sendable {
    var problem: BargainingFile
    var points: [BargainingPoint?]
    var ideal: [Rational]?

    var signature: BargainingSignature {
      BargainingSignature(supports: points.map { $0?.support })
    }
  }

  /// Each solution at `x`; `nil` when the problem does not instantiate there.
  static func bargainingSolve(
    at x: Rational, parameter: String, fixed: [String: Rational],
    parametric: ParametricModel<BargainingFile>, concepts: [BargainingConcept]
  ) -> BargainingSolved? {
    guard
      let problem = try? bargainingProblem(
        at: x, parameter: parameter, fixed: fixed, parametric: parametric)
    else { return nil }
    var ideal: [Rational]? = nil
    let points = concepts.map { c -> BargainingPoint? in
      guard let s = try? c.solve(problem) else { return nil }
      if c == .kalaiSmorodinsky, let text = s.parameters["ideal point"] {
        let values = text.split(separator: ",").compactMap { Rational(String($0)) }
        if values.count == problem.problem.playerCount { ideal = values }
      }
      return BargainingPoint(s)
    }
    return BargainingSolved(problem: problem, points: points, ideal: ideal)
  }

  /// The quantities whose sign decides which deals a two-player solution uses, for the
  /// deals in `deals` (empty for more players: the search then bisects). With lotteries:
  /// where a deal crosses the segment between two others (the frontier changes), where the
  /// egalitarian or Kalai–Smorodinsky ray meets a deal (its gains are in the ray's
  /// proportion), and where the Nash product's slope along the edge from one deal to
  /// another is zero; without lotteries (and for the utilitarian solution), the difference
  /// between two deals' objective values. The search checks each zero it tries, so a margin
  /// that does not decide the change only costs a probe.
  static func bargainingMargins(
    _ file: BargainingFile, concepts: [BargainingConcept], ideal: [Rational]?, deals: [Int]
  ) -> [String: Rational] {
    let p = file.problem
    guard p.playerCount == 2 else { return [:] }
    let names = p.dealNames
    let d = p.disagreement
    let u = p.deals
    func g(_ k: Int) -> (Rational, Rational) { (u[k][0] - d[0], u[k][1] - d[1]) }
    var margins = [String: Rational]()
    let pairs = deals.flatMap { k in deals.filter { $0 != k }.map { (k, $0) } }
    if p.allowsLotteries {
      // Where a deal crosses the segment between two others, the hull (and the frontier)
      // changes: the orientation of the three points is zero there.
      for (k, j) in pairs where k < j {
        for l in deals where l != k && l != j {
          margins["\(names[l]) on the segment \(names[k])–\(names[j])"] =
            (u[j][0] - u[k][0]) * (u[l][1] - u[k][1]) - (u[j][1] - u[k][1]) * (u[l][0] - u[k][0])
        }
      }
    }
    for c in concepts {
      let w = c == .weightedNash ? (file.weights ?? [1, 1]) : [Rational(1), Rational(1)]
      let a = ideal.map { ($0[0] - d[0], $0[1] - d[1]) }
      switch (c, p.allowsLotteries) {
      case (.egalitarian, true):
        for k in deals { margins["egalitarian meets \(names[k])"] = g(k).0 - g(k).1 }
      case (.kalaiSmorodinsky, true):
        guard let a else { continue }
        for k in deals { margins["ks meets \(names[k])"] = g(k).0 * a.1 - g(k).1 * a.0 }
      case (.nash, true), (.weightedNash, true):
        for (k, j) in pairs {
          let (gk, slope) = (g(k), (u[j][0] - u[k][0], u[j][1] - u[k][1]))
          margins["\(c.rawValue) slope from \(names[k]) to \(names[j])"] =
            w[0] * slope.0 * gk.1 + w[1] * slope.1 * gk.0
        }
      case (.nash, false):
        for (k, j) in pairs where k < j {
          margins["nash \(names[k]) over \(names[j])"] = g(k).0 * g(k).1 - g(j).0 * g(j).1
        }
      case (.egalitarian, false):
        for (k, j) in pairs where k < j {
          margins["egalitarian \(names[k]) over \(names[j])"] =
            min(g(k).0, g(k).1) - min(g(j).0, g(j).1)
        }
      case (.kalaiSmorodinsky, false):
        guard let a, a.0 > 0, a.1 > 0 else { continue }
        for (k, j) in pairs where k < j {
          margins["ks \(names[k]) over \(names[j])"] =
            min(g(k).0 / a.0, g(k).1 / a.1) - min(g(j).0 / a.0, g(j).1 / a.1)
        }
      case (.utilitarian, _):
        for (k, j) in pairs where k < j {
          margins["utilitarian \(names[k]) over \(names[j])"] =
            u[k][0] + u[k][1] - u[j][0] - u[j][1]
        }
      case (.weightedNash, false):
        continue
      }
    }
    return margins
  }

  func bargainingBreakpoints(
    _ points: [Rational], fixed: [String: Rational],
    parametric: ParametricModel<BargainingFile>, concepts: [BargainingConcept],
    search: BreakpointSearch
  ) -> ResultTable {
    let name = parameter
    let failed = BargainingSignature(supports: concepts.map { _ in nil }, failed: true)
    let solved = ParameterSweep.map(Array(points.indices)) { i in
      Self.bargainingSolve(
        at: points[i], parameter: name, fixed: fixed, parametric: parametric, concepts: concepts)
    }
    let signatures = solved.map { $0?.signature ?? failed }
    let changed = points.indices.dropLast().filter { signatures[$0] != signatures[$0 + 1] }
    let found = ParameterSweep.map(changed) {
      i -> [BreakpointSearch.Breakpoint<BargainingSignature>] in
      var union = Set<Int>()
      for s in [signatures[i], signatures[i + 1]] {
        for support in s.supports { union.formUnion(support ?? []) }
      }
      let deals = union.sorted()
      func probe(_ s: BargainingSolved?) -> BreakpointSearch.Probe<BargainingSignature> {
        guard let s else { return .init(signature: failed) }
        return .init(
          signature: s.signature,
          margins: Self.bargainingMargins(
            s.problem, concepts: concepts, ideal: s.ideal, deals: deals))
      }
      return search.changes(
        from: points[i], probe(solved[i]), to: points[i + 1], probe(solved[i + 1])
      ) { x in
        Self.bargainingSolve(
          at: x, parameter: name, fixed: fixed, parametric: parametric, concepts: concepts
        ).map(probe)
      }
    }
    let base = parametric.defaults
    let names = base.problem.dealNames
    func describe(_ a: BargainingSignature, _ b: BargainingSignature) -> String {
      if a.failed || b.failed { return a.failed ? "solvable from here" : "no longer solvable" }
      func text(_ s: [Int]?) -> String {
        guard let s else { return "fails" }
        return s.isEmpty ? "none" : s.map { names[$0] }.joined(separator: " + ")
      }
      return concepts.indices.filter { a.supports[$0] != b.supports[$0] }.map {
        "\(concepts[$0].rawValue): \(text(a.supports[$0])) → \(text(b.supports[$0]))"
      }.joined(separator: "; ")
    }
    return breakpointTable(
      zip(changed, found).flatMap { i, list in
        list.map { (i, $0, describe($0.before, $0.after)) }
      }, points: points, changedIntervals: changed.count, search: search,
      facts: [.init("solutions", concepts.map(\.rawValue).joined(separator: ", "))],
      title: "\(base.name ?? file): where the deals the solutions use change as \(parameter) "
        + "varies")
  }
}
