// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import GameSolvers

/// `parley bargain`: every axiomatic solution of a bargaining problem, side by side.
public struct BargainCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "bargain",
    abstract: "Nash, Kalai–Smorodinsky, egalitarian and utilitarian solutions of a problem.",
    discussion: """
      The file lists the deals with each player's utility:
        players: Ann Bob          (optional)
        disagreement: 0 0
        lotteries: yes            (yes: the convex hull; no: the deals themselves)
        weights: 1 2              (optional: adds the asymmetric Nash solution)
        deal split: 5 5
        deal ann-leads: 8 3
      '#' starts a comment. Numbers may be fractions (3/4) and are kept exact. The same \
      problem may be written in YAML ('parley: bargaining', see Models/bargaining/README.md) \
      with parameters; --set NAME=VALUE then changes one.
      With --figure svg or --figure tikz (two players), the output is instead a figure: the \
      bargaining set (the deals' convex hull when lotteries are allowed), its Pareto \
      frontier, the disagreement point and every solution, labelled; -o FILE writes it (or \
      the report) to FILE.
      """)

  @Argument(
    help: ArgumentHelp(
      "The bargaining problem file; in a session, a loaded problem's name or nothing for the "
        + "current one.", valueName: "file"))
  public var file: String?

  @OptionGroup public var report: ReportOptions

  @Option(
    help: ArgumentHelp(
      "Draw the problem instead (two players): svg or tikz (pgfplots).", valueName: "format"))
  public var figure: FigureFormat?

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write the result to FILE instead of standard output.", valueName: "FILE"))
  public var output: String?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp(
      "Set a parameter of a YAML problem (repeatable).", valueName: "NAME=VALUE"))
  public var settings: [ParameterSetting] = []

  public init() {}

  public func execute(io: CommandIO) throws {
    guard let file else {
      throw ValidationError("Missing expected argument '<file>'.")
    }
    try execute(
      BargainCommand.read(URL(fileURLWithPath: file), named: file, settings: settings),
      file: file, io: io)
  }

  /// Reads the bargaining problem at `url`, in the text format or the YAML one
  /// (`parley: bargaining`, with `settings` applied to its parameters); errors name the file
  /// as `name`.
  static func read(_ url: URL, named name: String, settings: [ParameterSetting] = []) throws
    -> BargainingFile
  {
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw CommandFailure(
        message: "parley: error: cannot read \(name)", exitStatus: CommandFailure.dataStatus)
    }
    if BargainingFile.isModel(text) {
      let parametric: ParametricModel<BargainingFile>
      do { parametric = try BargainingFile.parseParametric(text, path: name) } catch {
        throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
      }
      return try ParameterSetting.instantiate(parametric, with: settings)
    }
    if let first = settings.first {
      throw CommandFailure(
        message: "parley: error: --set: \(name) is in the text format, which has no "
          + "parameters ('\(first.name)'); write it in YAML ('parley: bargaining') to use them",
        exitStatus: CommandFailure.usageStatus)
    }
    do {
      return try BargainingFile.parse(text, path: name)
    } catch {
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
  }

  /// Solves `parsed` and writes the report; `file` names the problem in the title.
  func execute(_ parsed: BargainingFile, file: String, io: CommandIO) throws {
    let p = parsed.problem
    var solutions = [BargainingSolution<Rational>]()
    var notes = [String]()
    func attempt(_ name: String, _ body: () throws(SolverError) -> BargainingSolution<Rational>) {
      do { solutions.append(try body()) } catch { notes.append("\(name): \(error.reason)") }
    }
    attempt("nash") { () throws(SolverError) in try NashBargainingSolution().solve(p) }
    if let w = parsed.weights {
      attempt("weighted nash") { () throws(SolverError) in
        var s = try NashBargainingSolution().solve(p, weights: w)
        s.concept = "nash (weights \(w.map(\.description).joined(separator: " ")))"
        return s
      }
    }
    attempt("kalai-smorodinsky") { () throws(SolverError) in try KalaiSmorodinsky().solve(p) }
    attempt("egalitarian") { () throws(SolverError) in try EgalitarianSolution().solve(p) }
    attempt("utilitarian") { () throws(SolverError) in try UtilitarianSolution().solve(p) }
    let rows = solutions.map { s in
      [s.concept] + s.point.map { report.text($0, exact: s.isExact) }
        + [
          s.lottery.map { "\(p.dealNames[$0.deal])=\(report.text($0.weight, exact: s.isExact))" }
            .joined(separator: " "), s.isExact ? "yes" : "no",
        ]
    }
    for s in solutions { notes += s.notes.map { "\(s.concept): \($0)" } }
    notes += ParameterSetting.facts(settings).map { "parameter \($0)" }
    if let figure {
      var drawing = try Self.figure(
        of: p, solutions: solutions,
        title: "Bargaining problem: "
          + URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
      drawing.provenance = io.provenance(file: file)
      try emit(drawing.rendered(as: figure), io: io, output: output)
      return
    }
    var tables = [
      ResultReport.Table(
        title: "Solutions", header: ["Solution"] + p.players + ["Lottery", "Exact"], rows: rows)
    ]
    if let frontier = try? ParetoFrontier().solve(p) {
      tables.append(
        ResultReport.Table(
          title: "Pareto frontier" + (p.allowsLotteries ? " (hull vertices)" : ""),
          header: ["Deal"] + p.players,
          rows: frontier.deals.map { k in [p.dealNames[k]] + p.deals[k].map { report.text($0) } }))
    }
    var result = ResultReport(
        title: "Bargaining problem: \(file)", method: "axiomatic solutions",
        isExact: solutions.allSatisfy(\.isExact),
        parameters: [
          "deals": String(p.deals.count), "lotteries": p.allowsLotteries ? "yes" : "no",
          "disagreement": p.disagreement.map { report.text($0) }.joined(separator: " "),
        ], notes: notes, tables: tables)
    result.provenance = io.provenance(file: file)
    if let output {
      io.publish(.report(result))
      try emit(result.rendered(as: report.effectiveFormat), io: io, output: output)
    } else {
      report.write(result, io: io, file: file)
    }
  }

  /// The figure of a two-player problem: its deals (and their hull when lotteries are
  /// allowed), its Pareto frontier, the disagreement point and `solutions`.
  static func figure(
    of p: BargainingProblem<Rational>, solutions: [BargainingSolution<Rational>], title: String
  ) throws -> Figure {
    guard p.playerCount == 2, !p.deals.isEmpty else {
      throw CommandFailure(
        message: "parley: error: --figure: draws two-player problems with a finite set of "
          + "deals; this one has \(p.playerCount) players",
        exitStatus: CommandFailure.dataStatus)
    }
    func point(_ u: [Rational]) -> Figure.Point {
      Figure.Point(u[0].doubleValue, u[1].doubleValue)
    }
    let frontier = (try? ParetoFrontier().solve(p))?.deals ?? []
    return Figure.bargaining(
      title: title, players: (p.players[0], p.players[1]), deals: p.deals.map(point),
      lotteries: p.allowsLotteries, frontier: frontier.map { point(p.deals[$0]) },
      disagreement: point(p.disagreement),
      solutions: solutions.map { s in (label: solutionLabel(s.concept), point: point(s.point)) })
  }

  /// A solution's name as a figure label: `nash` → `Nash`, `kalai-smorodinsky` →
  /// `Kalai–Smorodinsky`.
  static func solutionLabel(_ concept: String) -> String {
    switch concept {
    case "nash": return "Nash"
    case "kalai-smorodinsky": return "Kalai–Smorodinsky"
    case "egalitarian": return "Egalitarian"
    case "utilitarian": return "Utilitarian"
    default:
      return concept.prefix(1).uppercased() + concept.dropFirst()
    }
  }
}

extension FigureFormat: ExpressibleByArgument {}
