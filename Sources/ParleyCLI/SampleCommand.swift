// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import Negotiation

/// `parley sample FILE N --seed S`: a model re-instantiated and re-solved at N random draws
/// of its uncertain parameters (Monte Carlo), summarised.
public struct SampleCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "sample",
    abstract: "Re-solve a model at random draws of its uncertain parameters and summarise "
      + "the outcomes (Monte Carlo).",
    discussion: """
      FILE is a negotiation or outreach model, a parametric strategic-form game \
      ('parley: game') or a parametric game tree ('parley: tree'), in YAML. Every parameter \
      whose entry in \
      'parameters:' states a distribution (uniform, normal, triangular, log-uniform) is \
      drawn, N times; the others keep their values (formulas follow the drawn values), and \
      --set fixes a parameter instead of drawing it. A draw outside the parameter's range is \
      drawn again (the distribution is truncated to the range). Each draw is converted \
      exactly to a fraction and the model solved exactly. Draws come from GSL's mt19937, one \
      generator per block of 1000 draws seeded from (seed, block), so a seed gives the same \
      draws on any machine and any number of cores. For a negotiation model, --framework F \
      gives the mean probability of agreement, how often each deal (or lottery) is reached \
      (the ten most frequent) and every actor's payoff: mean with a 95% confidence interval \
      (normal approximation, mean ± 1.96 s/√n) and 5%, 50%, 95% quantiles (nearest rank). \
      With --outreach: the distribution of the number of states that cut ties, each \
      target's frequency of cutting ties and the adversary's revenue lost. With --method M (a \
      parametric game): how often each set of equilibria M finds occurs (the ten most \
      frequent), how many there are, and every player's payoff at the first. With --method \
      M for a game tree (any method 'parley solve' offers for trees): how often each \
      equilibrium is the first M finds (spelled as the behaviour at each information set), \
      the number of equilibria, every player's payoff at the first and the probability of \
      each terminal outcome under it. With --solution S \
      (a parametric bargaining problem or coalitional game, 'parley: bargaining' or 'parley: \
      coalitional'): each chosen solution's payoff to every player and how often a \
      bargaining solution uses each set of deals, or how often the core is empty. --draws lists \
      every draw instead. Draws run in parallel on every core; --shard K/N computes only the \
      draws i (from 0) with i mod N = K-1, so N machines can share a run: with --results \
      DIR each shard writes DIR/shard-K-of-N.json and 'parley merge DIR' prints the whole \
      run's table; --slurm writes (and --submit submits) a Slurm job array that does so.
      """)

  @Argument(
    help: ArgumentHelp(
      "The model (.yaml); in a session, a loaded model's name, or nothing for the current "
        + "model ('sample N ...')."))
  public var file: String = ""

  @Argument(help: ArgumentHelp("The number of draws.", valueName: "N"))
  public var count: Int = 0

  @Option(help: ArgumentHelp("The seed of the random draws (default 1).", valueName: "S"))
  public var seed: UInt64 = 1

  @Option(
    name: .customLong("framework"),
    help: ArgumentHelp("The negotiation framework solved at each draw.", valueName: "F"))
  public var framework: String?

  @Flag(help: "FILE is an outreach model: solve the outreach competition at each draw.")
  public var outreach = false

  @Option(
    name: .customLong("method"),
    help: ArgumentHelp(
      "FILE is a parametric game or game tree (.yaml, 'parley: game' or 'parley: tree'): "
        + "the method solved at each draw (for a game: pure, enummixed, lcp, enumsupport, "
        + "zerosum, simpdiv, logit; for a tree: spe, seqform, zerosum, pure, ...).",
      valueName: "M"))
  public var method: SolverName?

  @Option(
    name: .customLong("solution"),
    help: ArgumentHelp(
      "FILE is a parametric bargaining problem or coalitional game: the solution computed at "
        + "each draw.", valueName: "S"))
  public var solution: SweepSolution?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp(
      "Fix a parameter instead of drawing it (repeatable).",
      valueName: "NAME=VALUE"))
  public var settings: [ParameterSetting] = []

  @Option(help: ArgumentHelp("Compute only shard K of N (1 ≤ K ≤ N).", valueName: "K/N"))
  public var shard: ShardArgument?

  @Flag(help: "List every draw (its parameter values and outcome) instead of the summary.")
  public var draws = false

  @Option(
    name: .customLong("time-limit"),
    help: ArgumentHelp(
      "Stop after SECONDS and summarise the draws done by then.", valueName: "SECONDS"))
  public var timeLimit: Double?

  @Option(help: "Refuse runs whose draws would need more memory than this (e.g. 512M, 4G).")
  public var maxMemory: ByteCount = ByteCount(argument: "4G")!

  @OptionGroup public var out: TableOptions

  @OptionGroup(title: "Cluster") public var cluster: ClusterOptions

  public init() {}

  public func validate() throws {
    if [outreach, framework != nil, method != nil, solution != nil].filter({ $0 }).count != 1 {
      throw ValidationError(
        "Give --framework F for a negotiation model, --outreach for an outreach model, "
          + "--method M for a parametric game or game tree, or --solution S for a bargaining "
          + "problem or coalitional game.")
    }
    if solution != nil, cluster.slurm || cluster.results != nil {
      throw ValidationError(
        "--results and --slurm write shard files of negotiation, outreach and game runs, not "
          + "with --solution.")
    }
    if let timeLimit, !(timeLimit > 0) {
      throw ValidationError("--time-limit must be positive.")
    }
  }

  /// One draw's outcome, computed on a worker thread.
  struct DrawResult: Sendable {
    /// The drawn values (design order).
    var values: [Double]
    /// The outcome, or the error that stopped it.
    var outcome: Result<Outcome, DrawError>
  }

  struct DrawError: Error, Sendable {
    var message: String
  }

  enum Outcome: Sendable {
    case negotiation(NegotiationDraw, deal: String, spelled: [DealEntry])
    case outreach(OutreachDraw)
    case game(GameDraw)
  }

  /// What the summary needs of a framework's outcome at one draw.
  struct NegotiationDraw: Sendable, Hashable {
    var agreementProbability: Rational
    var payoffs: [Rational]
    var expectedDelay: Rational?
    var method: String
    var isExact: Bool
  }

  /// What the summary needs of the outreach competition's outcome at one draw.
  struct OutreachDraw: Sendable, Hashable {
    var cutsTies: [Bool]
    var revenueLost: Rational
    var offered: Rational
    var counterSpent: Rational
    var flips: Int { cutsTies.filter { $0 }.count }
  }

  struct DealEntry: Sendable, Hashable {
    var label: String
    var text: String
  }

  var places: Int { out.decimals ?? 4 }

  func number(_ x: Double) -> String { x.formatted(decimals: places) }

  public func execute(io: CommandIO) throws {
    guard !file.isEmpty else {
      throw CommandFailure.usage(
        "sample: give the model FILE and the number of draws N (in a session, 'sample N' "
          + "draws from the current model)")
    }
    let start = ContinuousClock.now
    if let shard, !(1...shard.count).contains(shard.index) {
      throw CommandFailure(
        message: "parley: error: --shard: K must lie between 1 and N, found \(shard.index)/"
          + "\(shard.count)", exitStatus: CommandFailure.usageStatus)
    }
    let control = SolverControl(
      cancellation: Interactive.interrupt,
      timeLimit: timeLimit.map { Duration.milliseconds(Int64(($0 * 1000).rounded())) })
    if method != nil, TreeText.isTree(file) {
      var table = try treeRun(control: control)
      table.seconds = (ContinuousClock.now - start).seconds
      table.provenance = io.provenance(file: table.file)
      try out.emit(table, io: io)
      return
    }
    if cluster.slurm {
      try prepareSlurm(io: io)
      return
    }
    var (table, computed) =
      try solution != nil ? cooperativeRun(control: control) : run(control: control)
    if Interactive.interrupt.isCancelled, table.notes.contains(where: { $0.hasPrefix("stopped (") }) {
      table.parameters["status"] = "cancelled"
    }
    table.seconds = (ContinuousClock.now - start).seconds
    if cluster.results != nil {
      try writeShard(computed, seconds: table.seconds!, io: io)
      return
    }
    table.provenance = io.provenance(file: table.file)
    try out.emit(table, io: io)
  }

  /// The run of the kind the options choose, or its table from `given` draws (shards).
  func run(control: SolverControl, given: [(draw: Int, value: DrawResult)]? = nil) throws
    -> (ResultTable, Computed)
  {
    if outreach { return try outreachRun(control: control, given: given) }
    if method != nil { return try gameRun(control: control, given: given) }
    return try negotiationRun(control: control, given: given)
  }

  /// The design for `parameters`, with `--set` checked; usage errors otherwise.
  func design(_ parameters: ParameterTable) throws -> MonteCarloDesign {
    try ParameterSetting.check(settings, against: parameters)
    let fixed = try ParameterSetting.overrides(settings)
    let design: MonteCarloDesign
    do {
      design = try MonteCarloDesign(
        parameters: parameters, count: count, seed: seed, overrides: fixed)
    } catch {
      throw CommandFailure(
        message: "parley: error: \(error.reason)", exitStatus: CommandFailure.usageStatus)
    }
    // The draws' values and results are all held until the run ends: refuse a run that
    // would not fit before drawing anything.
    let draws = shard.map { (count + $0.count - 1) / $0.count } ?? count
    let bytes = MonteCarloDesign.estimatedBytes(draws: draws, drawn: design.drawn.count)
    guard let bytes, bytes <= maxMemory.bytes else {
      throw CommandFailure(
        message: "parley: error: \(draws) draws of \(design.drawn.count) parameters need about "
          + "\(bytes.map { "\($0 >> 20) MB" } ?? "more memory than can be counted"), more than "
          + "--max-memory \(maxMemory); take fewer draws, or split the run with --shard K/N",
        exitStatus: CommandFailure.usageStatus)
    }
    return design
  }

  /// A parameter's distribution, with its range when that truncates the distribution.
  static func describe(_ p: ModelParameter) -> String {
    let q = SweepCommand.pointLabel
    var text: String
    switch p.distribution! {
    case .uniform(let a, let b): text = "uniform on [\(q(a)), \(q(b))]"
    case .logUniform(let a, let b): text = "log-uniform on [\(q(a)), \(q(b))]"
    case .triangular(let a, let m, let b):
      text = "triangular on [\(q(a)), \(q(b))], mode \(q(m))"
    case .normal(let m, let s): text = "normal, mean \(q(m)), sd \(q(s))"
    }
    let support: ClosedRange<Rational>? =
      switch p.distribution! {
      case .uniform(let a, let b), .logUniform(let a, let b), .triangular(let a, _, let b): a...b
      case .normal: nil
      }
    if let r = p.range,
      !(support.map { r.contains($0.lowerBound) && r.contains($0.upperBound) }
        ?? false)
    {
      text += ", kept in [\(q(r.lowerBound)), \(q(r.upperBound))]"
    }
    return text
  }

  /// The facts every run lists, the draws' indices and the failures' notes.
  func commonFacts(_ design: MonteCarloDesign, indices: [Int]) -> [ResultTable.Fact] {
    var facts = [ResultTable.Fact("draws", "\(count) (seed \(seed))")]
    if let shard {
      facts.append(.init("shard", "\(shard.index)/\(shard.count) (\(indices.count) draws)"))
    }
    facts += design.drawn.map { ResultTable.Fact("drawn \($0.name)", Self.describe($0)) }
    facts += ParameterSetting.facts(settings).map { ResultTable.Fact("parameter", $0) }
    return facts
  }

  /// The draws of a run: their indices, the results computed (in draw order) and whether
  /// the run completed.
  struct Computed: Sendable {
    var indices: [Int]
    var results: [(draw: Int, value: DrawResult)]
    var status: SolverStatus
  }

  /// Runs the draws (or takes the `given` results, read from shards); the successful ones,
  /// and notes for failures and a stop.
  func run(
    _ design: MonteCarloDesign, control: SolverControl, given: [(draw: Int, value: DrawResult)]?,
    _ body: @escaping @Sendable ([String: Rational]) -> Result<Outcome, DrawError>
  ) -> (
    indices: [Int], results: [(draw: Int, value: DrawResult)], notes: [String],
    status: SolverStatus
  ) {
    let indices =
      shard.map { design.indices(shard: $0.index, of: $0.count) } ?? Array(0..<design.count)
    let meter = given == nil ? ProgressMeter.start(total: indices.count, noun: "draws") : nil
    let (results, status) =
      given.map { ($0, SolverStatus.complete) }
      ?? design.map(indices, control: control) { draw in
        let result = DrawResult(values: draw.values, outcome: body(draw.overrides))
        meter?.tick()
        return result
      }
    meter?.finish()
    var notes = [String]()
    if status != .complete {
      notes.append(
        "stopped (\(status)) after \(results.count) of \(indices.count) draws; the summary "
          + "covers those")
    }
    let failed = results.filter {
      if case .failure = $0.value.outcome { return true } else { return false }
    }
    if let first = failed.first, case .failure(let e) = first.value.outcome {
      notes.append(
        "\(failed.count) draw(s) failed and are left out; the first, draw \(first.draw): "
          + e.message)
    }
    return (indices, results, notes, status)
  }

  /// `count` of `total` as `k of n draws (p%)`.
  func frequency(_ k: Int, of n: Int) -> String {
    let p = n == 0 ? 0 : 100 * Double(k) / Double(n)
    return "\(k) of \(n) draws (\(p.formatted(decimals: 1))%)"
  }

  /// How often each label occurs among `n` draws, the ten most frequent first (ties by
  /// label), as facts named `name(label)`, then one fact `other(k)` for the `k` other labels
  /// together; and the labels shown.
  func rankedFrequencies(
    _ labels: [String], of n: Int, name: (String) -> String, other: (Int) -> String
  ) -> (facts: [ResultTable.Fact], shown: Set<String>) {
    var counts = [String: Int]()
    for label in labels { counts[label, default: 0] += 1 }
    let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    var facts = ranked.prefix(10).map { ResultTable.Fact(name($0.key), frequency($0.value, of: n)) }
    if ranked.count > 10 {
      let rest = ranked.dropFirst(10).map(\.value).reduce(0, +)
      facts.append(.init(other(ranked.count - 10), frequency(rest, of: n)))
    }
    return (facts, Set(ranked.prefix(10).map(\.key)))
  }

  /// The distinct values of `list`, in order of first appearance (the methods a run used).
  static func distinct(_ list: [String]) -> [String] {
    var out = [String]()
    for x in list where !out.contains(x) { out.append(x) }
    return out
  }

  /// A summary row: mean, its 95% interval, and the 5%, 50%, 95% quantiles.
  /// A frequency row (`quantiles: false`) has its interval clipped to [0, 1] and no
  /// quantiles.
  func summaryRow(_ label: String, _ values: [Double], quantiles: Bool = true) -> ResultTable.Row {
    guard !values.isEmpty else {
      return ResultTable.Row(label: label, cells: Array(repeating: "-", count: 5))
    }
    let s = SampleSummary(values)
    var (low, high) = (s.meanInterval.lowerBound, s.meanInterval.upperBound)
    if !quantiles { (low, high) = (max(low, 0), min(high, 1)) }
    return ResultTable.Row(
      label: label,
      cells: [number(s.mean), "[\(number(low)), \(number(high))]"]
        + (quantiles ? [number(s.q05), number(s.median), number(s.q95)] : ["-", "-", "-"]))
  }

  static let summaryColumns = ["mean", "95% CI of mean", "5%", "50%", "95%"]

  /// The per-draw table's rows: the draw's number, values, then `cells`.
  func drawRows(
    _ results: [(draw: Int, value: DrawResult)], width: Int,
    cells: (Outcome) -> [String]
  ) -> [ResultTable.Row] {
    results.map { r in
      let values = r.value.values.map { $0.formatted(decimals: 6) }
      switch r.value.outcome {
      case .success(let o): return ResultTable.Row(label: String(r.draw), cells: values + cells(o))
      case .failure:
        return ResultTable.Row(
          label: String(r.draw), cells: values + Array(repeating: "error", count: width))
      }
    }
  }

  // MARK: - Negotiation

  func negotiationRun(
    control: SolverControl, given: [(draw: Int, value: DrawResult)]? = nil
  ) throws -> (ResultTable, Computed) {
    let parametric = try NegotiateCommand.readParametric(file)
    let base = try ParameterSetting.instantiate(parametric, with: settings)
    let design = try design(parametric.parameters)
    let spec: FrameworkSpec
    do throws(SolverError) {
      let specs = try FrameworkSpec.parseList(framework!, for: base)
      guard specs.count == 1 else {
        throw SolverError.invalidArgument(
          "framework", "a Monte Carlo run takes one framework, found \(specs.count)")
      }
      spec = specs[0]
    } catch {
      throw CommandFailure(
        message: "parley: error: --framework: \(error.reason)",
        exitStatus: CommandFailure.usageStatus)
    }
    let (indices, results, notes, status) = run(design, control: control, given: given) {
      overrides in
      Self.negotiationDraw(parametric, overrides: overrides, spec: spec, control: control)
    }
    let computed = Computed(indices: indices, results: results, status: status)
    var facts = [ResultTable.Fact("framework", spec.description)]
    facts += commonFacts(design, indices: indices)
    let actors = base.actors.map(\.name)
    let outcomes = results.compactMap { r -> (NegotiationDraw, String, [DealEntry])? in
      guard case .success(.negotiation(let o, let deal, let spelled)) = r.value.outcome
      else { return nil }
      return (o, deal, spelled)
    }
    let exact = outcomes.allSatisfy { $0.0.isExact }
    if draws {
      let rows = drawRows(results, width: actors.count + 2) { o in
        guard case .negotiation(let f, let deal, _) = o else { return [] }
        let cell = { (q: Rational) in q.formatted(decimals: places) }
        return [cell(f.agreementProbability), deal] + f.payoffs.map(cell)
      }
      var spelled = [DealEntry]()
      for o in outcomes { for d in o.2 where !spelled.contains(d) { spelled.append(d) } }
      facts += spelled.map { ResultTable.Fact($0.label, $0.text) }
      let table = ResultTable(
        kind: "sample-draws", title: "\(base.name): \(spec) at random parameter draws",
        rowHeader: "draw", columns: design.drawn.map(\.name) + ["agreement", "deal"] + actors,
        rows: rows, isExact: exact, facts: facts,
        notes: notes + [
          "parameter values are rounded to 6 decimals; each draw is solved "
            + "exactly at its value converted to a fraction"
        ], file: file)
      return (table, computed)
    }
    let n = outcomes.count
    var rows = [summaryRow("agreement", outcomes.map { $0.0.agreementProbability.doubleValue })]
    for (a, name) in actors.enumerated() {
      rows.append(summaryRow(name, outcomes.map { $0.0.payoffs[a].doubleValue }))
    }
    let delays = outcomes.compactMap { $0.0.expectedDelay?.doubleValue }
    if !delays.isEmpty, delays.count == n { rows.append(summaryRow("delay", delays)) }
    facts.append(.init("solved", frequency(n, of: indices.count)))
    facts.append(
      .init(
        "agreement certain",
        frequency(outcomes.filter { $0.0.agreementProbability == 1 }.count, of: n)))
    facts.append(
      .init(
        "no agreement",
        frequency(outcomes.filter { $0.0.agreementProbability == 0 }.count, of: n)))
    let (frequencies, shown) = rankedFrequencies(
      outcomes.map(\.1), of: n, name: { "outcome \($0)" }, other: { "other outcomes (\($0))" })
    facts += frequencies
    var spelled = [DealEntry]()
    for o in outcomes where shown.contains(o.1) {
      for d in o.2 where !spelled.contains(d) { spelled.append(d) }
    }
    facts += spelled.sorted { $0.label < $1.label }.map { ResultTable.Fact($0.label, $0.text) }
    let methods = Self.distinct(outcomes.map(\.0.method))
    let table = ResultTable(
      kind: "sample", title: "\(base.name): \(spec) over \(count) random parameter draws",
      rowHeader: "statistic", columns: Self.summaryColumns, rows: rows, isExact: false,
      parameters: ["method": methods.joined(separator: "; ")], facts: facts,
      notes: notes + [
        "each draw is solved exactly; means, intervals (normal approximation) and quantiles "
          + "(nearest rank) are computed in floating point"
      ], file: file)
    return (table, computed)
  }

  static func negotiationDraw(
    _ parametric: ParametricModel<NegotiationModel>, overrides: [String: Rational],
    spec: FrameworkSpec, control: SolverControl
  ) -> Result<Outcome, DrawError> {
    let model: NegotiationModel
    let space: DealSpace
    do {
      model = try parametric.instantiate(overrides: overrides)
      space = try DealSpace(model)
    } catch {
      return .failure(DrawError(message: "\(error)"))
    }
    switch NegotiationComparison.compare(space, frameworks: [spec], control: control)[0] {
    case .failure(let error): return .failure(DrawError(message: "\(error)"))
    case .success(let o):
      var spelled = [DealEntry]()
      func label(_ deal: Deal) -> String {
        let name =
          model.namedDeals.first { $0.deal == deal }?.name ?? "#\(space.index(of: deal))"
        let entry = DealEntry(label: name, text: model.describe(deal))
        if !spelled.contains(entry) { spelled.append(entry) }
        return name
      }
      let deal: String
      if o.lottery.isEmpty {
        deal = "none"
      } else if o.lottery.count == 1 {
        deal = label(o.lottery[0].deal)
      } else {
        deal = "lottery over " + o.lottery.map { label($0.deal) }.joined(separator: ", ")
      }
      let draw = NegotiationDraw(
        agreementProbability: o.agreementProbability, payoffs: o.payoffs,
        expectedDelay: o.expectedDelay, method: o.method, isExact: o.isExact)
      return .success(.negotiation(draw, deal: deal, spelled: spelled))
    }
  }

  // MARK: - Outreach

  func outreachRun(
    control: SolverControl, given: [(draw: Int, value: DrawResult)]? = nil
  ) throws -> (ResultTable, Computed) {
    let parametric = try OutreachCommand.readParametric(file)
    let base = try ParameterSetting.instantiate(parametric, with: settings)
    let design = try design(parametric.parameters)
    let (indices, results, notes, status) = run(design, control: control, given: given) {
      overrides in
      do {
        let model = try parametric.instantiate(overrides: overrides)
        let o = try OutreachCompetition().optimalOutcome(model).outcome
        return .success(
          .outreach(
            OutreachDraw(
              cutsTies: o.cutsTies, revenueLost: o.revenueLost, offered: o.offered,
              counterSpent: o.counterSpent)))
      } catch {
        return .failure(DrawError(message: "\(error)"))
      }
    }
    let computed = Computed(indices: indices, results: results, status: status)
    var facts = [ResultTable.Fact("objective", base.objective.rawValue)]
    facts += commonFacts(design, indices: indices)
    if !base.unit.isEmpty { facts.append(.init("unit", base.unit)) }
    let targets = base.targets.map(\.name)
    let outcomes = results.compactMap { r -> OutreachDraw? in
      guard case .success(.outreach(let o)) = r.value.outcome else { return nil }
      return o
    }
    if draws {
      let rows = drawRows(results, width: 3) { o in
        guard case .outreach(let o) = o else { return [] }
        return [
          String(o.flips),
          targets.indices.filter { o.cutsTies[$0] }.map { targets[$0] }
            .joined(separator: ", "),
          o.revenueLost.formatted(decimals: places),
        ]
      }
      let table = ResultTable(
        kind: "outreach-sample-draws",
        title: "\(base.name): \(base.sponsor) against \(base.adversary) at random parameter "
          + "draws", rowHeader: "draw",
        columns: design.drawn.map(\.name) + [
          "flips", "who cuts ties", "\(base.adversary) revenue lost",
        ], rows: rows, isExact: true, facts: facts,
        notes: notes + [
          "parameter values are rounded to 6 decimals; each draw is solved "
            + "exactly at its value converted to a fraction"
        ], file: file)
      return (table, computed)
    }
    let n = outcomes.count
    var rows = [
      summaryRow("flips", outcomes.map { Double($0.flips) }),
      summaryRow("\(base.adversary) revenue lost", outcomes.map { $0.revenueLost.doubleValue }),
      summaryRow("\(base.sponsor) offers", outcomes.map { $0.offered.doubleValue }),
      summaryRow(
        "\(base.adversary) counter-offers", outcomes.map { $0.counterSpent.doubleValue }),
    ]
    for (t, name) in targets.enumerated() {
      rows.append(
        summaryRow(
          "\(name) cuts ties", outcomes.map { $0.cutsTies[t] ? 1 : 0 }, quantiles: false))
    }
    facts.append(.init("solved", frequency(n, of: indices.count)))
    var flips = [Int: Int]()
    for o in outcomes { flips[o.flips, default: 0] += 1 }
    for k in flips.keys.sorted() { facts.append(.init("\(k) flips", frequency(flips[k]!, of: n))) }
    let table = ResultTable(
      kind: "outreach-sample",
      title: "\(base.name): \(base.sponsor) against \(base.adversary) over \(count) random "
        + "parameter draws", rowHeader: "statistic", columns: Self.summaryColumns, rows: rows,
      isExact: false, parameters: ["method": "outreach competition"], facts: facts,
      notes: notes + [
        "each draw is solved exactly; means, intervals (normal approximation) and quantiles "
          + "(nearest rank) are computed in floating point; a 'cuts ties' row's mean is the "
          + "frequency (its interval clipped to [0, 1])"
      ], file: file)
    return (table, computed)
  }
}
