// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameExport
import GameFiles
import Negotiation

/// `parley sweep ... --breakpoints`: where between the sweep's points the answer changes,
/// located by ``BreakpointSearch`` (exactly on acceptance margins that are linear in the
/// parameter, else bracketed by bisection to `--tolerance`).
extension SweepCommand {
  /// What counts as a negotiation answer: agreement (none, certain or partial), the deals in
  /// the outcome's support, and who is worse off than disagreement.
  struct NegotiationSignature: Hashable, Sendable {
    var agreement: String
    var support: [Int]
    var worseOff: [Int]
    var failed: Bool = false
  }

  /// An outreach answer: the states that cut ties.
  struct OutreachSignature: Hashable, Sendable {
    var cutters: [Int]
    var failed: Bool = false
  }

  /// One solve of the negotiation model at `x`: its signature, its deal space and payoffs.
  static func negotiationSolve(
    at x: Rational, parameter: String, fixed: [String: Rational],
    parametric: ParametricModel<NegotiationModel>, spec: FrameworkSpec
  ) -> (
    signature: NegotiationSignature, space: DealSpace?, payoffs: [Rational],
    probabilities: [Int: Rational]
  ) {
    var overrides = fixed
    overrides[parameter] = x
    let failed = NegotiationSignature(agreement: "error", support: [], worseOff: [], failed: true)
    guard let model = try? parametric.instantiate(overrides: overrides),
      let space = try? DealSpace(model)
    else { return (failed, nil, [], [:]) }
    guard case .success(let o) = NegotiationComparison.compare(space, frameworks: [spec])[0]
    else { return (failed, space, [], [:]) }
    let agreement =
      o.agreementProbability == 0 ? "none" : o.agreementProbability == 1 ? "certain" : "partial"
    let support = o.lottery.filter { $0.probability > 0 }.map { space.index(of: $0.deal) }.sorted()
    let d = model.disagreement
    let worse = o.payoffs.indices.filter { o.payoffs[$0] < d[$0] }
    var probabilities = [Int: Rational]()
    for w in o.lottery { probabilities[space.index(of: w.deal), default: 0] += w.probability }
    return (
      NegotiationSignature(agreement: agreement, support: support, worseOff: worse), space,
      o.payoffs, probabilities
    )
  }

  /// The margins whose sign decides the answer: each actor's expected payoff and its utility
  /// for each deal in `deals`, minus its disagreement payoff, and the probability of each
  /// deal in `deals` (all linear in the parameter when the model's formulas are and the
  /// framework's outcome is, as conventional arbitration's lottery is).
  static func negotiationMargins(
    space: DealSpace, payoffs: [Rational], probabilities: [Int: Rational], deals: [Int]
  ) -> [String: Rational] {
    var margins = [String: Rational]()
    for k in deals { margins["probability of #\(k)"] = probabilities[k] ?? 0 }
    let d = space.model.disagreement
    for (i, actor) in space.model.actors.enumerated() {
      if i < payoffs.count { margins["payoff of \(actor.name)"] = payoffs[i] - d[i] }
      for k in deals { margins["\(actor.name) at #\(k)"] = space.utility(of: i, at: k) - d[i] }
    }
    return margins
  }

  func negotiationBreakpoints(
    _ points: [Rational], fixed: [String: Rational], parametric: ParametricModel<NegotiationModel>,
    spec: FrameworkSpec, search: BreakpointSearch
  ) -> ResultTable {
    let name = parameter
    let solved = ParameterSweep.map(Array(points.indices)) { i in
      Self.negotiationSolve(
        at: points[i], parameter: name, fixed: fixed, parametric: parametric, spec: spec)
    }
    let changed = points.indices.dropLast().filter {
      solved[$0].signature != solved[$0 + 1].signature
    }
    let found = ParameterSweep.map(changed) { i -> [BreakpointSearch.Breakpoint<NegotiationSignature>] in
      let deals = Array(Set(solved[i].signature.support + solved[i + 1].signature.support)).sorted()
      func probe(_ x: Rational) -> BreakpointSearch.Probe<NegotiationSignature>? {
        let s = Self.negotiationSolve(
          at: x, parameter: name, fixed: fixed, parametric: parametric, spec: spec)
        guard let space = s.space, !s.signature.failed else { return nil }
        return .init(
          signature: s.signature,
          margins: Self.negotiationMargins(
            space: space, payoffs: s.payoffs, probabilities: s.probabilities, deals: deals))
      }
      func end(_ j: Int) -> BreakpointSearch.Probe<NegotiationSignature> {
        let s = solved[j]
        return .init(
          signature: s.signature,
          margins: s.space.map {
            Self.negotiationMargins(
              space: $0, payoffs: s.payoffs, probabilities: s.probabilities, deals: deals)
          } ?? [:])
      }
      return search.changes(from: points[i], end(i), to: points[i + 1], end(i + 1), probe: probe)
    }
    let model = parametric.defaults
    let space = solved.lazy.compactMap(\.space).first
    func dealName(_ k: Int) -> String {
      guard let space else { return "#\(k)" }
      let deal = space.deal(at: k)
      return model.namedDeals.first { $0.deal == deal }?.name ?? "#\(k)"
    }
    func describe(_ a: NegotiationSignature, _ b: NegotiationSignature) -> String {
      if a.failed || b.failed { return a.failed ? "solvable from here" : "no longer solvable" }
      var parts = [String]()
      if a.agreement != b.agreement { parts.append("agreement \(a.agreement) → \(b.agreement)") }
      let gone = a.support.filter { !b.support.contains($0) }.map(dealName)
      let new = b.support.filter { !a.support.contains($0) }.map(dealName)
      if !gone.isEmpty || !new.isEmpty {
        parts.append(
          "deals " + (new.map { "+" + $0 } + gone.map { "−" + $0 }).joined(separator: " "))
      }
      let actors = model.actors.map(\.name)
      let worse = b.worseOff.filter { !a.worseOff.contains($0) }.map { actors[$0] }
      let better = a.worseOff.filter { !b.worseOff.contains($0) }.map { actors[$0] }
      if !worse.isEmpty {
        parts.append(worse.joined(separator: ", ") + " below disagreement")
      }
      if !better.isEmpty {
        parts.append(better.joined(separator: ", ") + " back above disagreement")
      }
      return parts.joined(separator: "; ")
    }
    var deals = Set<Int>()
    for b in found.joined() { deals.formUnion(b.before.support + b.after.support) }
    var facts = deals.sorted().filter { dealName($0).hasPrefix("#") }.compactMap {
      k -> ResultTable.Fact? in
      space.map { ResultTable.Fact("#\(k)", model.describe($0.deal(at: k))) }
    }
    facts.insert(.init("framework", spec.description), at: 0)
    /// A margin's name with the deal number replaced by the deal's name.
    func named(_ b: BreakpointSearch.Breakpoint<NegotiationSignature>)
      -> BreakpointSearch.Breakpoint<NegotiationSignature>
    {
      var b = b
      if let margin = b.margin, let hash = margin.lastIndex(of: "#"),
        let k = Int(margin[margin.index(after: hash)...])
      {
        b.margin = margin[..<hash] + dealName(k)
      }
      return b
    }
    return breakpointTable(
      zip(changed, found).flatMap { i, list in
        list.map { (i, named($0), describe($0.before, $0.after)) }
      }, points: points,
      changedIntervals: changed.count, search: search, facts: facts,
      title: "\(model.name): \(spec), where the answer changes as \(parameter) varies")
  }

  func outreachBreakpoints(
    _ points: [Rational], fixed: [String: Rational], parametric: ParametricModel<OutreachModel>,
    search: BreakpointSearch
  ) -> ResultTable {
    let name = parameter
    let probe: @Sendable (Rational) -> BreakpointSearch.Probe<OutreachSignature>? = { x in
      var overrides = fixed
      overrides[name] = x
      guard let model = try? parametric.instantiate(overrides: overrides),
        let solution = try? OutreachCompetition().solve(model)
      else { return nil }
      let cuts = solution.outcome.cutsTies
      return .init(signature: OutreachSignature(cutters: cuts.indices.filter { cuts[$0] }))
    }
    let failed = BreakpointSearch.Probe(signature: OutreachSignature(cutters: [], failed: true))
    let solved = ParameterSweep.map(Array(points.indices)) { probe(points[$0]) ?? failed }
    let changed = points.indices.dropLast().filter {
      solved[$0].signature != solved[$0 + 1].signature
    }
    let found = ParameterSweep.map(changed) { i in
      search.changes(from: points[i], solved[i], to: points[i + 1], solved[i + 1], probe: probe)
    }
    let targets = parametric.defaults.targets.map(\.name)
    func describe(_ a: OutreachSignature, _ b: OutreachSignature) -> String {
      if a.failed || b.failed { return a.failed ? "solvable from here" : "no longer solvable" }
      let cut = b.cutters.filter { !a.cutters.contains($0) }.map { targets[$0] }
      let kept = a.cutters.filter { !b.cutters.contains($0) }.map { targets[$0] }
      var parts = [String]()
      if !cut.isEmpty { parts.append(cut.joined(separator: ", ") + " cut ties") }
      if !kept.isEmpty { parts.append(kept.joined(separator: ", ") + " keep ties") }
      return "flips \(a.cutters.count) → \(b.cutters.count): " + parts.joined(separator: "; ")
    }
    let model = parametric.defaults
    return breakpointTable(
      zip(changed, found).flatMap { i, list in
        list.map { (i, $0, describe($0.before, $0.after)) }
      }, points: points,
      changedIntervals: changed.count, search: search, facts: [],
      title: "\(model.name): where the outreach outcome changes as \(parameter) varies")
  }

  /// The table of breakpoints: between which sweep points, the value or bracket, what
  /// changes.
  func breakpointTable<S>(
    _ found: [(Int, BreakpointSearch.Breakpoint<S>, String)], points: [Rational],
    changedIntervals: Int, search: BreakpointSearch, facts: [ResultTable.Fact], title: String
  ) -> ResultTable {
    func between(_ i: Int) -> String {
      "\(Self.pointLabel(points[i])) and \(Self.pointLabel(points[i + 1]))"
    }
    let rows = found.enumerated().map { n, entry -> ResultTable.Row in
      let (interval, b, what) = entry
      let located: String
      let how: String
      if let v = b.value {
        located = Self.pointLabel(v) + (b.valueBelongsBefore ? " (change just above)" : " (change from here)")
        how = "exact: \(b.margin ?? "a margin") = 0"
      } else {
        located =
          "[\(b.lower.formatted(decimals: 9)), \(b.upper.formatted(decimals: 9))]"
        how = "bisection, width ≤ \(Self.pointLabel(search.tolerance))"
      }
      return ResultTable.Row(
        label: String(n + 1),
        cells: [between(interval), located, how, what])
    }
    var allFacts = facts
    allFacts.append(
      .init(
        "sweep",
        "\(parameter) from \(Self.pointLabel(from.value)) to \(Self.pointLabel(to.value)) in "
          + "steps of \(Self.pointLabel(step.value)) (\(points.count) points; "
          + "\(changedIntervals) interval(s) where the answer changes)"))
    allFacts.append(.init("tolerance", Self.pointLabel(search.tolerance)))
    return ResultTable(
      kind: "sweep-breakpoints", title: title, rowHeader: "breakpoint",
      columns: ["between", "located at", "how", "what changes"], rows: rows,
      isExact: true,
      parameters: ["method": "exact regula falsi on linear margins, else exact bisection"],
      facts: allFacts,
      notes: rows.isEmpty ? ["the answer is the same at every point of the sweep"] : [],
      file: file)
  }
}

extension SweepCommand {
  /// The breakpoints of the whole grid (negotiation or outreach).
  func breakpointTable(_ grid: ParameterSweep) throws -> ResultTable {
    let search = BreakpointSearch(tolerance: tolerance?.value ?? Rational(1, 1_000_000))
    if method != nil, TreeText.isTree(file) {
      let parametric = try TreeText.read(file)
      let fixed = try checkParameters(parametric.parameters)
      return treeBreakpoints(grid.points, fixed: fixed, parametric: parametric, search: search)
    }
    if solution != nil { return try cooperativeBreakpoints(grid, search: search) }
    if method != nil {
      let parametric = try Self.readGame(file)
      let fixed = try checkParameters(parametric.parameters)
      return gameBreakpoints(grid.points, fixed: fixed, parametric: parametric, search: search)
    }
    if outreach {
      let parametric = try OutreachCommand.readParametric(file)
      let fixed = try checkParameters(parametric.parameters)
      return outreachBreakpoints(grid.points, fixed: fixed, parametric: parametric, search: search)
    }
    let parametric = try NegotiateCommand.readParametric(file)
    let fixed = try checkParameters(parametric.parameters)
    let base = try ParameterSetting.instantiate(parametric, with: settings)
    guard let spec = try? FrameworkSpec.parseList(framework!, for: base).first else {
      throw CommandFailure(
        message: "parley: error: --framework: cannot read '\(framework!)'",
        exitStatus: CommandFailure.usageStatus)
    }
    return negotiationBreakpoints(
      grid.points, fixed: fixed, parametric: parametric, spec: spec, search: search)
  }

  /// The sweep table followed by the breakpoints table: one after the other in text
  /// formats, `{"sweep": …, "breakpoints": …}` in JSON.
  func emitBoth(_ sweep: ResultTable, _ located: ResultTable, io: CommandIO) throws {
    io.publish(.results(located))
    let format = out.json ? ExportFormat.json : out.format
    let text: String
    if format == .json {
      text =
        "{\"sweep\": " + sweep.rendered(as: .json).trimmingTrailingNewlines()
        + ",\n\"breakpoints\": " + located.rendered(as: .json).trimmingTrailingNewlines() + "}\n"
    } else {
      text = sweep.rendered(as: format) + "\n" + located.rendered(as: format)
    }
    try emit(text, io: io, output: out.output)
  }
}

extension String {
  fileprivate func trimmingTrailingNewlines() -> String {
    var s = Substring(self)
    while s.last == "\n" { s = s.dropLast() }
    return String(s)
  }
}

extension SweepCommand {
  /// The rows of `indices`, computed in parallel with a progress bar on a terminal; Ctrl-C
  /// (the session's cancellation flag) stops the sweep, and only the points computed are
  /// returned. ``markCancelled(_:total:)`` then records the status.
  static func mapPoints(
    _ indices: [Int], _ body: @Sendable (Int) -> PointRow
  ) -> [PointRow] {
    let meter = ProgressMeter.start(total: indices.count, noun: "points")
    defer { meter?.finish() }
    var progress: (@Sendable () -> Void)? = nil
    if let meter { progress = { meter.tick() } }
    let control = SolverControl(cancellation: Interactive.interrupt)
    let mapped: (results: [PointRow?], status: SolverStatus) = ParameterSweep.map(
      indices, control: control, progress: progress, body)
    let rows = mapped.results
    return rows.compactMap { $0 }
  }

  /// Status `cancelled` and a note when the sweep stopped before `total` points.
  func markCancelled(_ table: inout ResultTable, total: Int) {
    guard Interactive.interrupt.isCancelled, table.rows.count < total else { return }
    table.parameters["status"] = "cancelled"
    table.notes.append(
      "cancelled: \(table.rows.count) of \(total) points computed; the table is partial")
  }
}
