// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import Negotiation

/// `parley sweep FILE --param NAME --from A --to B --step S`: a model re-instantiated and
/// re-solved at each point of an exact grid of one parameter's values, tabulated.
public struct SweepCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Re-solve a model over a range of one parameter's values and tabulate what "
      + "changes.",
    discussion: """
      FILE is a negotiation or outreach model, or a parametric strategic-form game \
      ('parley: game') or game tree ('parley: tree'), in YAML, that declares the parameter \
      in its 'parameters:' section. The points are A, A+S, A+2S, ... up to B, exact (0.9 \
      to 0.99 in steps of 0.01 is ten points). At each point the model is read again with NAME set \
      there (parameters defined from it follow) and solved. For a negotiation model, \
      --framework F (unanimity, quota=K, bilateral=A,B, mediation, final-offer=SIDE or \
      conventional) gives per point the probability of agreement, the deal (a deal the \
      model names, else #N, its number in the deal space; the list under the table spells \
      each out), every actor's expected payoff and the expected delay. With --outreach \
      (an outreach model) each point gives the states that cut ties, who they are, the \
      adversary's revenue lost, the sponsor's offers and the adversary's counter-offers. \
      With --method M (a parametric game) each point gives the number of equilibria M \
      finds, the first three spelled out, and every player's payoff at the first; for a \
      game tree ('parley: tree') M is any method 'parley solve' offers for trees, the \
      equilibria are spelled as the behaviour at each information set (the sets listed \
      under the table) and the terminal outcomes the first reaches are shown. With \
      --solution S (a parametric bargaining problem, 'parley: bargaining', or coalitional \
      game, 'parley: coalitional') each point gives, for a bargaining problem, each chosen \
      solution's utilities and the deal or lottery it uses; for a coalitional game, the \
      Shapley value, nucleolus or Banzhaf index and whether the core is empty (with the \
      least-core value); --breakpoints then locates where the deals a bargaining solution \
      uses change, or where the core becomes empty. Points \
      are solved in parallel on every core; --shard K/N computes only the points i \
      (from 0) with i mod N = K-1, so N machines can share a sweep and their rows, merged \
      in point order, form the whole table. --set fixes other parameters. \
      --param2 NAME2 --from2 --to2 --step2 sweeps the grid of both parameters (rows: every \
      point of NAME for the first value of NAME2, then the next; the first column is NAME2; \
      --shard splits the grid's points in that order). --breakpoints adds a table of the \
      places between points where the answer changes (agreement, the deals in the outcome, \
      who is worse off than disagreement; for outreach, who cuts ties; for a game or a \
      tree, the equilibria's supports): exact where the \
      change is a linear margin crossing zero, else a bracket by bisection no wider than \
      --tolerance. --results DIR writes a shard file instead of the table, and 'parley merge \
      DIR' forms the whole table from the shards; --slurm makes a Slurm job array of it.
      """)

  @Argument(
    help: ArgumentHelp(
      "The model (.yaml); in a session, a loaded model's name, or nothing for the current "
        + "model."))
  public var file: String = ""

  @Option(
    name: .customLong("param"), help: ArgumentHelp("The parameter to vary.", valueName: "NAME"))
  public var parameter: String

  @Option(help: ArgumentHelp("The first point.", valueName: "A"))
  public var from: RationalArgument

  @Option(help: ArgumentHelp("The last point (included when on the grid).", valueName: "B"))
  public var to: RationalArgument

  @Option(help: ArgumentHelp("The step between points (> 0).", valueName: "S"))
  public var step: RationalArgument

  @Option(
    name: .customLong("framework"),
    help: ArgumentHelp("The negotiation framework solved at each point.", valueName: "F"))
  public var framework: String?

  @Flag(help: "FILE is an outreach model: solve the outreach competition at each point.")
  public var outreach = false

  @Option(
    name: .customLong("method"),
    help: ArgumentHelp(
      "FILE is a parametric game (.yaml, 'parley: game'): the Nash method solved at each "
        + "point (pure, enummixed, lcp, enumsupport, zerosum, simpdiv, logit); or a "
        + "parametric tree ('parley: tree'): a tree method (spe, seqform, zerosum, pure, ...).",
      valueName: "M"))
  public var method: SolverName?

  @Option(
    name: .customLong("solution"),
    help: ArgumentHelp(
      "FILE is a parametric bargaining problem or coalitional game: the solution computed at "
        + "each point.", valueName: "S"))
  public var solution: SweepSolution?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp("Set another parameter (repeatable).", valueName: "NAME=VALUE"))
  public var settings: [ParameterSetting] = []

  @Option(help: ArgumentHelp("Compute only shard K of N (1 ≤ K ≤ N).", valueName: "K/N"))
  public var shard: ShardArgument?

  @Flag(help: "Print exact fractions in tables too.")
  public var exact = false

  @Option(
    help: ArgumentHelp(
      "Draw the sweep instead (svg or tikz): every actor's payoff (negotiation) or the "
        + "revenue lost and the flips (outreach) against the parameter.", valueName: "FORMAT"))
  public var figure: FigureFormat?

  @Option(
    name: .customLong("param2"),
    help: ArgumentHelp("A second parameter: sweep the grid of both.", valueName: "NAME"))
  public var parameter2: String?

  @Option(help: ArgumentHelp("--param2: the first point.", valueName: "A"))
  public var from2: RationalArgument?

  @Option(help: ArgumentHelp("--param2: the last point.", valueName: "B"))
  public var to2: RationalArgument?

  @Option(help: ArgumentHelp("--param2: the step (> 0).", valueName: "S"))
  public var step2: RationalArgument?

  @Flag(
    help: ArgumentHelp(
      "Also locate where between the points the answer changes (agreement, the deals in "
        + "the outcome, who is worse off than disagreement; for outreach, who cuts ties)."))
  public var breakpoints = false

  @Option(
    help: ArgumentHelp(
      "--breakpoints: the widest bracket reported when a change cannot be located exactly "
        + "(default 1e-6).", valueName: "X"))
  public var tolerance: RationalArgument?

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
    if solution != nil, figure != nil {
      throw ValidationError("--figure draws negotiation and outreach sweeps, not --solution.")
    }
    if parameter2 == nil, from2 != nil || to2 != nil || step2 != nil {
      throw ValidationError("--from2, --to2 and --step2 go with --param2.")
    }
    if let parameter2 {
      if parameter2 == parameter { throw ValidationError("--param2 must differ from --param.") }
      if breakpoints || figure != nil {
        throw ValidationError("--param2: a grid sweep takes neither --breakpoints nor --figure.")
      }
      if settings.contains(where: { $0.name == parameter2 }) {
        throw ValidationError("--set cannot fix '\(parameter2)', the parameter swept.")
      }
    }
    if breakpoints, shard != nil || figure != nil {
      throw ValidationError("--breakpoints needs the whole sweep: not with --shard or --figure.")
    }
    if let tolerance, !breakpoints || tolerance.value <= 0 {
      throw ValidationError(
        breakpoints ? "--tolerance must be positive." : "--tolerance goes with --breakpoints.")
    }
    if settings.contains(where: { $0.name == parameter }) {
      throw ValidationError("--set cannot fix '\(parameter)', the parameter swept.")
    }
  }

  /// One row of the sweep, computed on a worker thread.
  struct PointRow: Sendable, Codable {
    var label: String
    var cells: [String]
    /// Deals mentioned: (number in the deal space, label, description).
    var deals: [DealEntry] = []
    var notes: [String] = []
    var method: String? = nil
    var isExact = true
  }

  struct DealEntry: Sendable, Hashable, Codable {
    var index: Int
    var label: String
    var text: String
  }

  /// The first three of `items` spelled by `spell`, `; `-separated, then `; ...` when there
  /// are more (how a sweep or sample lists equilibria and outcomes in one cell).
  static func firstThree<T>(_ items: [T], _ spell: (T) -> String) -> String {
    items.prefix(3).map(spell).joined(separator: "; ") + (items.count > 3 ? "; ..." : "")
  }

  /// The methods the rows were solved by, in order of first use, `; `-separated.
  static func methodsUsed(_ rows: [PointRow]) -> String {
    SampleCommand.distinct(rows.compactMap(\.method)).joined(separator: "; ")
  }

  /// `q` as a terminating decimal when it is one (`0.905`), else as a fraction.
  static func pointLabel(_ q: Rational) -> String {
    var d = q.denominator
    var places = 0
    var twos = 0
    var fives = 0
    while d % 2 == 0 {
      d /= 2
      twos += 1
    }
    while d % 5 == 0 {
      d /= 5
      fives += 1
    }
    places = max(twos, fives)
    guard d == 1, places <= 30 else { return q.description }
    return q.decimalString(places: places)
  }

  public func execute(io: CommandIO) throws {
    guard !file.isEmpty else {
      throw CommandFailure.usage("sweep: give the model FILE (or load it in a session)")
    }
    let start = ContinuousClock.now
    let grid: ParameterSweep
    do {
      grid = try ParameterSweep(from: from.value, to: to.value, step: step.value)
    } catch {
      throw CommandFailure(
        message: "parley: error: \(error.description)", exitStatus: CommandFailure.usageStatus)
    }
    if let shard, !(1...shard.count).contains(shard.index) {
      throw CommandFailure(
        message: "parley: error: --shard: K must lie between 1 and N, found \(shard.index)/"
          + "\(shard.count)", exitStatus: CommandFailure.usageStatus)
    }
    let tree = method != nil && TreeText.isTree(file)
    if tree, figure != nil {
      throw CommandFailure(
        message: "parley: error: --figure: a tree sweep is a table (leave out --figure)",
        exitStatus: CommandFailure.usageStatus)
    }
    if (cluster.slurm || cluster.results != nil)
      && (parameter2 != nil || solution != nil)
    {
      throw CommandFailure(
        message: "parley: error: --\(cluster.slurm ? "slurm" : "results"): shard files are "
          + "written for negotiation, outreach, game and tree sweeps of one parameter, not "
          + "with " + (parameter2 != nil ? "--param2" : "--solution"),
        exitStatus: CommandFailure.usageStatus)
    }
    if cluster.slurm {
      try prepareSlurm(grid, io: io)
      return
    }
    let indices =
      shard.map { grid.indices(shard: $0.index, of: $0.count) } ?? Array(grid.points.indices)
    var table: ResultTable
    var rows: [PointRow] = []
    if let grid2 = try secondGrid() {
      table = try gridSweep(grid, grid2)
    } else if tree {
      (table, rows) = try treeSweep(grid, indices: indices)
    } else if method != nil {
      (table, rows) = try gameSweep(grid, indices: indices)
    } else if solution != nil {
      table = try cooperativeSweep(grid, indices: indices)
    } else {
      (table, rows) =
        outreach
        ? try outreachSweep(grid, indices: indices) : try negotiationSweep(grid, indices: indices)
    }
    markCancelled(&table, total: parameter2 == nil ? indices.count : table.rows.count)
    table.seconds = (ContinuousClock.now - start).seconds
    if cluster.results != nil {
      try writeShard(grid, indices: indices, rows: rows, seconds: table.seconds!, io: io)
      return
    }
    table.provenance = io.provenance(file: file)
    if let figure {
      var drawing = Self.figure(of: table, outreach: outreach)
      drawing.provenance = table.provenance
      try emit(drawing.rendered(as: figure), io: io, output: out.output)
      return
    }
    guard breakpoints else {
      try out.emit(table, io: io)
      return
    }
    var located = try breakpointTable(grid)
    located.provenance = table.provenance
    try emitBoth(table, located, io: io)
  }

  /// The sweep as curves: x is the parameter (the row labels), one series per numeric column
  /// chosen (actors' payoffs; for outreach, revenue lost and flips). Rows whose cells are not
  /// numbers (failed points) are left out of each series.
  static func figure(of table: ResultTable, outreach: Bool) -> Figure {
    let chosen: [Int] =
      outreach
      ? [2, 0]
      : Array(2..<(table.columns.count - 1))
    var xs = [Double]()
    var series = chosen.map { (name: table.columns[$0], values: [Double]()) }
    for row in table.rows {
      guard let x = Rational(row.label)?.doubleValue else { continue }
      let values = chosen.map { Rational(row.cells[$0])?.doubleValue }
      guard values.allSatisfy({ $0 != nil }) else { continue }
      xs.append(x)
      for k in series.indices { series[k].values.append(values[k]!) }
    }
    return Figure.sweep(
      title: table.title, parameter: table.rowHeader,
      value: outreach ? "revenue lost; flips" : "expected payoff", x: xs, series: series)
  }

  /// Checks `--param` and `--set` against `parameters`; the overrides without the swept one.
  func checkParameters(_ parameters: ParameterTable) throws -> [String: Rational] {
    guard parameters.parameter(named: parameter) != nil else {
      throw CommandFailure(
        message: "parley: error: --param: the model has no parameter '\(parameter)'; "
          + (parameters.isEmpty
            ? "it defines none (see 'parameters:' in Models/negotiation/README.md)"
            : "its parameters are: " + parameters.names.joined(separator: ", ")),
        exitStatus: CommandFailure.usageStatus)
    }
    try ParameterSetting.check(settings, against: parameters)
    return try ParameterSetting.overrides(settings)
  }

  /// The facts every sweep lists: the grid, the shard, the parameter's range, the settings.
  func commonFacts(
    _ grid: ParameterSweep, indices: [Int], parameters: ParameterTable
  ) -> (facts: [ResultTable.Fact], notes: [String]) {
    let p = parameters.parameter(named: parameter)!
    var facts = [
      ResultTable.Fact(
        "sweep",
        "\(parameter) from \(Self.pointLabel(from.value)) to \(Self.pointLabel(to.value)) in "
          + "steps of \(Self.pointLabel(step.value)) (\(grid.points.count) points)")
    ]
    if let shard {
      facts.append(.init("shard", "\(shard.index)/\(shard.count) (\(indices.count) points)"))
    }
    if let range = p.range {
      facts.append(
        .init(
          "range of \(parameter)",
          "\(Self.pointLabel(range.lowerBound)) to \(Self.pointLabel(range.upperBound))"
            + (p.unit.isEmpty ? "" : " \(p.unit)")))
    }
    facts += ParameterSetting.facts(settings).map { ResultTable.Fact("parameter", $0) }
    var notes = [String]()
    if let range = p.range {
      let outside = indices.map { grid.points[$0] }.filter { !range.contains($0) }
      if !outside.isEmpty {
        notes.append(
          "\(outside.count) point(s) lie outside the stated range of \(parameter): "
            + outside.prefix(5).map(Self.pointLabel).joined(separator: ", ")
            + (outside.count > 5 ? ", ..." : ""))
      }
    }
    return (facts, notes)
  }

  // MARK: - Negotiation

  func negotiationSweep(
    _ grid: ParameterSweep, indices: [Int], given: [PointRow]? = nil
  ) throws -> (ResultTable, [PointRow]) {
    let parametric = try NegotiateCommand.readParametric(file)
    let fixed = try checkParameters(parametric.parameters)
    let base = try ParameterSetting.instantiate(parametric, with: settings)
    let spec: FrameworkSpec
    do throws(SolverError) {
      let specs = try FrameworkSpec.parseList(framework!, for: base)
      guard specs.count == 1 else {
        throw SolverError.invalidArgument(
          "framework", "a sweep takes one framework, found \(specs.count)")
      }
      spec = specs[0]
    } catch {
      throw CommandFailure(
        message: "parley: error: --framework: \(error.reason)",
        exitStatus: CommandFailure.usageStatus)
    }
    let actors = base.actors.map(\.name)
    let style = numberStyle
    let name = parameter
    let points = grid.points
    let rows =
      given
      ?? Self.mapPoints(indices) { i -> PointRow in
        Self.negotiationRow(
          at: points[i], parameter: name, fixed: fixed, parametric: parametric, spec: spec,
          actorCount: actors.count, style: style)
      }
    var deals = [DealEntry]()
    for row in rows { for d in row.deals where !deals.contains(d) { deals.append(d) } }
    deals.sort { $0.index < $1.index }
    var (facts, notes) = commonFacts(grid, indices: indices, parameters: parametric.parameters)
    facts.insert(.init("framework", spec.description), at: 0)
    facts += deals.map { ResultTable.Fact($0.label, $0.text) }
    facts.append(.init("deals", String(base.dealCount)))
    notes += rows.flatMap(\.notes)
    let methods = Self.methodsUsed(rows)
    let table = ResultTable(
      kind: "sweep", title: "\(base.name): \(spec) as \(parameter) varies",
      rowHeader: parameter, columns: ["agreement", "deal"] + actors + ["delay"],
      rows: rows.map { ResultTable.Row(label: $0.label, cells: $0.cells) },
      isExact: rows.allSatisfy(\.isExact),
      parameters: ["method": methods], facts: facts, notes: notes,
      file: file)
    return (table, rows)
  }

  static func negotiationRow(
    at x: Rational, parameter: String, fixed: [String: Rational],
    parametric: ParametricModel<NegotiationModel>, spec: FrameworkSpec, actorCount: Int,
    style: SweepNumbers
  ) -> PointRow {
    let label = pointLabel(x)
    let failed = ["error", "-"] + Array(repeating: "-", count: actorCount) + ["-"]
    var overrides = fixed
    overrides[parameter] = x
    let model: NegotiationModel
    do {
      model = try parametric.instantiate(overrides: overrides)
    } catch {
      return PointRow(label: label, cells: failed, notes: ["\(parameter) = \(label): \(error)"])
    }
    let space: DealSpace
    do {
      space = try DealSpace(model)
    } catch {
      return PointRow(label: label, cells: failed, notes: ["\(parameter) = \(label): \(error)"])
    }
    switch NegotiationComparison.compare(space, frameworks: [spec])[0] {
    case .failure(let error):
      return PointRow(label: label, cells: failed, notes: ["\(parameter) = \(label): \(error)"])
    case .success(let o):
      func number(_ q: Rational) -> String { style.text(q, exact: o.isExact) }
      var row = PointRow(label: label, cells: [], method: o.method, isExact: o.isExact)
      func dealLabel(_ deal: Deal) -> String {
        let index = space.index(of: deal)
        let name = model.namedDeals.first { $0.deal == deal }?.name ?? "#\(index)"
        let entry = DealEntry(index: index, label: name, text: model.describe(deal))
        if !row.deals.contains(entry) { row.deals.append(entry) }
        return name
      }
      let deal: String
      if o.lottery.isEmpty {
        deal = "none"
      } else if o.lottery.count == 1 {
        deal = dealLabel(o.lottery[0].deal)
      } else if o.lottery.count <= 3 {
        deal = o.lottery.map { "\(dealLabel($0.deal)) \(number($0.probability))" }
          .joined(separator: ", ")
      } else {
        // A long lottery: its size and its most likely deal (`negotiate --set` shows it all).
        let top = o.lottery.max { $0.probability < $1.probability }!
        deal = "\(o.lottery.count) deals, top \(dealLabel(top.deal)) \(number(top.probability))"
      }
      row.cells =
        [number(o.agreementProbability), deal] + o.payoffs.map(number)
        + [o.expectedDelay.map(number) ?? "-"]
      row.notes = o.transfers.map {
        "\(parameter) = \(label): \($0.donor) pays \($0.recipient) \(number($0.amount))"
      }
      return row
    }
  }

  // MARK: - Outreach

  func outreachSweep(
    _ grid: ParameterSweep, indices: [Int], given: [PointRow]? = nil
  ) throws -> (ResultTable, [PointRow]) {
    let parametric = try OutreachCommand.readParametric(file)
    let fixed = try checkParameters(parametric.parameters)
    let base = try ParameterSetting.instantiate(parametric, with: settings)
    let name = parameter
    let points = grid.points
    let style = numberStyle
    let solvePoint = { @Sendable (i: Int) -> PointRow in
      let x = points[i]
      let label = Self.pointLabel(x)
      let failed = ["error", "-", "-", "-", "-"]
      var overrides = fixed
      overrides[name] = x
      let model: OutreachModel
      do {
        model = try parametric.instantiate(overrides: overrides)
      } catch {
        return PointRow(label: label, cells: failed, notes: ["\(name) = \(label): \(error)"])
      }
      let solution: OutreachCompetition.Solution
      do {
        solution = try OutreachCompetition().solve(model)
      } catch {
        return PointRow(label: label, cells: failed, notes: ["\(name) = \(label): \(error)"])
      }
      let o = solution.outcome
      let cell = { (q: Rational) in style.text(q) }
      return PointRow(
        label: label,
        cells: [
          String(o.flips),
          model.targets.indices.filter { o.cutsTies[$0] }.map { model.targets[$0].name }
            .joined(separator: ", "),
          cell(o.revenueLost), cell(o.offered), cell(o.counterSpent),
        ], method: solution.parameters["method"], isExact: solution.isExact)
    }
    let rows = given ?? Self.mapPoints(indices, solvePoint)
    var (facts, notes) = commonFacts(grid, indices: indices, parameters: parametric.parameters)
    facts.insert(.init("objective", base.objective.rawValue), at: 0)
    if !base.unit.isEmpty { facts.append(.init("unit", base.unit)) }
    notes += rows.flatMap(\.notes)
    let table = ResultTable(
      kind: "outreach-sweep",
      title: "\(base.name): \(base.sponsor) against \(base.adversary) as \(parameter) varies",
      rowHeader: parameter,
      columns: [
        "flips", "who cuts ties", "\(base.adversary) revenue lost", "\(base.sponsor) offers",
        "\(base.adversary) counter-offers",
      ],
      rows: rows.map { ResultTable.Row(label: $0.label, cells: $0.cells) },
      isExact: rows.allSatisfy(\.isExact), facts: facts, notes: notes, file: file)
    return (table, rows)
  }
}

/// `--shard K/N`: shard K (1-based) of N.
public struct ShardArgument: ExpressibleByArgument, Sendable, Hashable {
  public var index: Int
  public var count: Int

  public init?(argument: String) {
    let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 1, k <= n
    else { return nil }
    index = k
    count = n
  }
}
