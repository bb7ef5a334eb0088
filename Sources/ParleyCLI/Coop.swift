// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import GameSolvers

/// `parley coop FILE | --weights "q; w1,…"`: solutions and power indices of a coalitional
/// game, as a table.
///
/// The command reads the game (`GameFiles.CoalitionalGameFile`, or the `--weights` text),
/// runs the requested solutions from `GameSolvers/Cooperative`, and renders one row per
/// solution (one per vertex for `core-vertices`) with `GameExport.ResultTable`.
public struct Coop: ParleyCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Solve a coalitional (TU) game or a weighted voting game.",
    discussion: """
      A FILE holds a weighted game ('q; w1, w2, ...', one line per layer; every layer must \
      be won) or a characteristic function ('order: lex' or 'order: bitmask', then the \
      2^n - 1 worths). --weights takes the same 'q; w1, w2, ...' text; join layers with \
      '&' and repeat weights as '7x5'. A FILE may also be a YAML model ('parley: \
      coalitional': worths per coalition, a vector or a weighted game, with parameters; see \
      Models/coop/README.md); --set NAME=VALUE changes a parameter. Arithmetic is exact: \
      values print as fractions unless --decimals N is given.
      """)

  @Argument(help: "The game file (see the discussion).")
  public var file: String?

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "A weighted voting game, e.g. \"39; 7x5, 1x10\".", valueName: "q; w1,..."))
  public var weights: String?

  @Option(name: .shortAndLong, help: "The solution to compute.")
  public var solution: CoopSolution = .all

  @Option(help: ArgumentHelp("Round every number to N decimal places.", valueName: "N"))
  public var decimals: Int?

  @Option(name: .shortAndLong, help: "The output format.")
  public var format: ExportFormat = .table

  @Flag(help: "Shorthand for --format json.")
  public var json = false

  @Option(help: "shapley-mc: the number of sampled orders.")
  public var samples: Int = 10_000

  @Option(help: "shapley-mc: the random seed.")
  public var seed: UInt = 1

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write the result to FILE instead of standard output.", valueName: "FILE"))
  public var output: String?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp("Set a parameter of a YAML game (repeatable).", valueName: "NAME=VALUE"))
  public var settings: [ParameterSetting] = []

  public init() {}

  public func validate() throws {
    if (file == nil) == (weights == nil) {
      throw ValidationError("Give either a game FILE or --weights, not both.")
    }
    if weights != nil, !settings.isEmpty {
      throw ValidationError("--set applies to a YAML game FILE, not to --weights.")
    }
    if let decimals, !(0...100).contains(decimals) {
      throw ValidationError("--decimals must be between 0 and 100.")
    }
    if samples < 2 { throw ValidationError("--samples must be at least 2.") }
  }

  public func execute(io: CommandIO) throws {
    let start = ContinuousClock.now
    let (source, name) = try readGame()
    var table: ResultTable
    do {
      table = try CoopReport(
        source: source, solution: solution, decimals: decimals, samples: samples, seed: seed,
        name: name
      ).table(file: file)
    } catch {
      throw CommandFailure(
        message: "parley: error: \(error.description)", exitStatus: CommandFailure.dataStatus)
    }
    table.facts += ParameterSetting.facts(settings).map { ResultTable.Fact("parameter", $0) }
    table.seconds = (ContinuousClock.now - start).seconds
    table.provenance = io.provenance(file: table.file)
    try emit(table, as: json ? .json : format, io: io, output: output)
  }

  /// The game, and its name when the file is a YAML model.
  private func readGame() throws -> (CoalitionalGameFile.Content, String?) {
    if let weights {
      do { return (.weighted(try WeightedVotingText.parse(weights)), nil) } catch {
        throw CommandFailure(
          message: "parley: error: --weights: \(error.reason)",
          exitStatus: CommandFailure.dataStatus)
      }
    }
    return try Self.read(file!, settings: settings)
  }

  /// Reads the game in `file`: the text format, or the YAML one (`parley: coalitional`,
  /// with `settings` applied to its parameters; its name is returned too).
  static func read(_ file: String, settings: [ParameterSetting] = []) throws
    -> (CoalitionalGameFile.Content, String?)
  {
    let url = URL(fileURLWithPath: file)
    if let data = FileManager.default.contents(atPath: url.path),
      CoalitionalGameFile.isModel(String(decoding: data, as: UTF8.self))
    {
      let parametric: ParametricModel<CoalitionalGameFile.Model>
      do {
        parametric = try CoalitionalGameFile.readParametric(contentsOf: url, path: file)
      } catch {
        throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
      }
      let model = try ParameterSetting.instantiate(parametric, with: settings)
      return (model.content, model.name)
    }
    if let first = settings.first {
      throw CommandFailure(
        message: "parley: error: --set: \(file) is in the text format, which has no "
          + "parameters ('\(first.name)'); write it in YAML ('parley: coalitional') to use them",
        exitStatus: CommandFailure.usageStatus)
    }
    do {
      return (try CoalitionalGameFile.read(contentsOf: url, path: file), nil)
    } catch {
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
  }
}

/// Publishes `table` to the session (for `export` and `show result`) and writes it in
/// `format` to `output` (atomically) or through `io`.
func emit(_ table: ResultTable, as format: ExportFormat, io: CommandIO, output: String?) throws {
  io.publish(.results(table))
  try emit(table.rendered(as: format), io: io, output: output)
}

/// Writes `text` to `output` (atomically) or through `io`.
func emit(_ text: String, io: CommandIO, output: String?) throws {
  guard let output else {
    io.write(text)
    return
  }
  do {
    try GameFile.write(text, to: URL(fileURLWithPath: output))
  } catch var error {
    error.path = output
    throw CommandFailure(
      message: "parley: \(error.description)", exitStatus: CommandFailure.outputStatus)
  }
}

extension Duration {
  var seconds: Double {
    let (s, attos) = components
    return Double(s) + Double(attos) * 1e-18
  }
}

/// Runs the requested cooperative solutions and lays them out as a ``ResultTable``.
struct CoopReport {
  var source: CoalitionalGameFile.Content
  var solution: CoopSolution
  var decimals: Int?
  var samples: Int
  var seed: UInt
  /// The game's name (a YAML model's), put before the title.
  var name: String? = nil

  func table(file: String?) throws(SolverError) -> ResultTable {
    var rows: [ResultTable.Row] = []
    var facts: [ResultTable.Fact] = []
    var notes: [String] = []
    var parameters: [String: String] = [:]
    var exact = true
    let names: [String]
    let title: String
    var weighted: WeightedVotingGame? = nil
    var explicit: CoalitionalGame<Rational>? = nil
    switch source {
    case .weighted(let g):
      weighted = g
      names = g.playerNames
      title = "Weighted voting game " + Self.shortNotation(g)
      // The characteristic function (2^n worths) is built only when a solution needs it.
      let dpOnly: Set<CoopSolution> = [
        .shapley, .shapleyShubik, .banzhaf, .banzhafAbsolute,
        .banzhafSwings, .shapleyMonteCarlo,
      ]
      if g.playerCount <= CoalitionalGame<Rational>.maxPlayers
        && (!dpOnly.contains(solution) || g.layers.count > 1)
      {
        explicit = try g.characteristicFunction(Rational.self)
      }
    case .characteristic(let g, let order):
      explicit = g
      names = g.playerNames
      let orderName = order == .bitMask ? "bit-mask" : "size-then-lexicographic"
      title = "TU game with \(g.playerCount) players (worths in \(orderName) order)"
    }
    func row(_ label: String, _ values: [Rational]) -> ResultTable.Row {
      ResultTable.Row(label: label, cells: values.map { $0.formatted(decimals: decimals) })
    }
    var algorithms: [(algorithm: String, labels: [String])] = []
    func record(_ algorithm: String, _ label: String) {
      if let k = algorithms.firstIndex(where: { $0.algorithm == algorithm }) {
        algorithms[k].labels.append(label)
      } else {
        algorithms.append((algorithm, [label]))
      }
    }
    func add(_ r: AllocationResult<Rational>, label: String? = nil) {
      let label = label ?? r.method
      rows.append(
        label == "banzhaf-swings"
          ? ResultTable.Row(label: label, cells: r.allocation.map { $0.formatted() })
          : row(label, r.allocation))
      record(r.parameters["algorithm"] ?? "closed form", label)
      if let lp = r.parameters["lp rounds"] { facts.append(.init("\(label) LP rounds", lp)) }
      if let s = r.scalar, let name = r.scalarName,
        ["leastcore", "banzhaf-swings", "deegan-packel", "johnston"].contains(label)
      {
        facts.append(.init(name, s.formatted(decimals: s.isInteger ? nil : decimals)))
      }
      if label != "core point" && label != "leastcore" {
        notes += r.notes.map { "\(label): \($0)" }
      }
    }
    func need(_ what: String) throws(SolverError) -> CoalitionalGame<Rational> {
      guard let explicit else {
        throw .limitExceeded(
          what,
          "\(names.count) players: this solution needs the characteristic function "
            + "(at most \(CoalitionalGame<Rational>.maxPlayers) players)")
      }
      return explicit
    }
    let wanted: [CoopSolution]
    if solution == .all {
      wanted = Self.defaultSolutions(explicit: explicit, weighted: weighted)
      if explicit == nil {
        notes.append("\(names.count) players: only the weight dynamic programme applies")
      }
    } else {
      wanted = [solution]
    }
    let isSimple = explicit?.isSimple() ?? true
    for s in wanted {
      switch s {
      case .shapley, .shapleyShubik:
        if s == .shapleyShubik, !isSimple, let explicit {
          try explicit.requireSimple(for: "shapley-shubik")
        }
        if let weighted {
          var r = try WeightedVotingPower().shapleyShubik(weighted)
          if s == .shapley { r.method = "shapley" }
          add(r)
        } else {
          var r = try ShapleyValue().solve(try need("shapley"))
          if s == .shapleyShubik { r.method = "shapley-shubik" }
          add(r)
        }
      case .shapleyMonteCarlo:
        let mc = ShapleyMonteCarlo(samples: samples, seed: seed)
        let r: AllocationResult<Double>
        if let weighted {
          r = try mc.solve(weighted)
        } else {
          r = try mc.solve(try need("shapley-mc"))
        }
        exact = false
        rows.append(
          ResultTable.Row(
            label: "shapley-mc", cells: r.allocation.map { $0.formatted(decimals: decimals ?? 6) }))
        rows.append(
          ResultTable.Row(
            label: "shapley-mc ±95%",
            cells: r.halfWidths!.map { $0.formatted(decimals: decimals ?? 6) }))
        parameters["samples"] = String(samples)
        parameters["seed"] = String(seed)
        record(r.parameters["algorithm"] ?? "permutation sampling", "shapley-mc")
      case .banzhaf, .banzhafAbsolute, .banzhafSwings:
        let norm: BanzhafIndex.Normalization =
          s == .banzhaf ? .normalized : (s == .banzhafAbsolute ? .absolute : .swings)
        let label = s.rawValue
        if let weighted {
          add(try WeightedVotingPower().banzhaf(weighted, normalization: norm), label: label)
        } else {
          add(try BanzhafIndex(normalization: norm).solve(try need(label)), label: label)
        }
      case .deeganPackel: add(try DeeganPackelIndex().solve(try need("deegan-packel")))
      case .holler: add(try PublicGoodIndex().solve(try need("holler")))
      case .johnston: add(try JohnstonIndex().solve(try need("johnston")))
      case .core:
        let r = try CoreSolver().point(in: try need("core"))
        if r.allocations.isEmpty {
          facts.append(.init("core", "empty"))
          facts.append(.init("least-core epsilon", r.scalar!.formatted(decimals: decimals)))
        } else {
          add(r, label: "core point")
          facts.append(.init("core", "non-empty"))
        }
      case .coreVertices:
        let r = try CoreSolver().vertices(of: try need("core-vertices"))
        for (k, v) in r.allocations.enumerated() { rows.append(row("core vertex \(k + 1)", v)) }
        record("tight-constraint enumeration", "core-vertices")
        facts.append(.init("core vertices", String(r.allocations.count)))
      case .leastCore: add(try LeastCore().solve(try need("leastcore")))
      case .nucleolus: add(try Nucleolus().solve(try need("nucleolus")))
      case .preNucleolus: add(try Nucleolus(kind: .preNucleolus).solve(try need("prenucleolus")))
      case .tau:
        do { add(try TauValue().solve(try need("tau"))) } catch  where solution == .all {
          notes.append("tau: \(error.reason)")
        }
      case .properties:
        let g = try need("properties")
        facts.append(.init("superadditive", g.isSuperadditive() ? "yes" : "no"))
        facts.append(.init("convex", g.isConvex() ? "yes" : "no"))
        facts.append(.init("monotone", g.isMonotone() ? "yes" : "no"))
        facts.append(.init("simple", g.isSimple() ? "yes" : "no"))
        if g.playerCount <= 20 {
          facts.append(
            .init("balanced (core non-empty)", try CoreSolver().isBalanced(g) ? "yes" : "no"))
        }
      case .all: break
      }
    }
    if let weighted { facts.insert(.init("game", weighted.notation), at: 0) }
    for (algorithm, labels) in algorithms {
      parameters[labels.joined(separator: ", ")] = algorithm
    }
    var seen = Set<ResultTable.Fact>()
    facts = facts.filter { seen.insert($0).inserted }
    return ResultTable(
      kind: "coop", title: name.map { "\($0): \(title)" } ?? title, rowHeader: "solution",
      columns: names, rows: rows,
      isExact: exact, parameters: parameters, facts: facts, notes: notes, file: file)
  }

  /// What `--solution all` computes.
  static func defaultSolutions(explicit: CoalitionalGame<Rational>?, weighted: WeightedVotingGame?)
    -> [CoopSolution]
  {
    guard let g = explicit else { return [.shapleyShubik, .banzhaf, .banzhafSwings] }
    var list: [CoopSolution]
    if g.isSimple() {
      list = [.shapleyShubik, .banzhaf, .banzhafSwings, .deeganPackel, .holler, .johnston]
    } else {
      list = [.shapley, .banzhafAbsolute, .tau]
    }
    if g.playerCount <= 12 {
      list += [.core, .leastCore, .nucleolus, .preNucleolus]
    }
    return list + [.properties]
  }

  /// `[39; 7,7,7,7,7,1,…]` shortened for titles when long.
  static func shortNotation(_ g: WeightedVotingGame) -> String {
    g.layers.map { layer in
      var runs: [String] = []
      var k = 0
      let w = layer.weights
      while k < w.count {
        var j = k
        while j < w.count && w[j] == w[k] { j += 1 }
        runs.append(
          j - k > 2 ? "\(w[k])x\(j - k)" : w[k..<j].map(String.init).joined(separator: ","))
        k = j
      }
      return "[\(layer.quota); " + runs.joined(separator: ",") + "]"
    }.joined(separator: " & ")
  }
}
