// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import Negotiation

/// `parley negotiate FILE --framework …`: the negotiation frameworks on a model's deal space,
/// compared in one table.
public struct NegotiateCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "negotiate",
    abstract: "Compare negotiation frameworks (unanimity, quota, bilateral, mediation, "
      + "arbitration) on a negotiation model.",
    discussion: """
      FILE is a negotiation model (YAML, 'parley: negotiation'; see Models/negotiation/). \
      --framework takes unanimity, quota=K, bilateral=A,B, mediation, final-offer=SIDE \
      (actors separated by commas; the rest form the other side), conventional, or all; \
      repeat it to choose several. Each row gives the probability of agreement, the deal (or \
      lottery over deals), every actor's expected payoff, the expected delay in rounds, the \
      Nash product of gains, Pareto optimality among lotteries, and who is pivotal. \
      --summary prints the deal space instead: each actor's best and worst deal, the \
      Pareto set and the zone of agreement. --set NAME=VALUE changes a parameter the \
      model declares (its 'parameters:' section). \
      --figure svg|tikz --axes A,B draws instead the deals as actors A and B value them: \
      their hull, its Pareto frontier, the disagreement point and each framework's expected \
      payoffs, labelled (with --summary, no frameworks).
      """)

  @Argument(
    help: ArgumentHelp("The negotiation model (.yaml); in a session, default: the current model."))
  public var file: String?

  @Option(name: .customLong("framework"), help: "A framework, or 'all' (repeatable).")
  public var frameworks: [String] = ["all"]

  @Option(
    help: ArgumentHelp(
      "The bilateral pair 'all' uses (default: the two most capable actors).",
      valueName: "A,B"))
  public var pair: String?

  @Option(
    help: ArgumentHelp(
      "The final-offer side 'all' uses (default: the most capable actor).",
      valueName: "A,..."))
  public var side: String?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp(
      "Set a model parameter (repeatable); VALUE is a number such as 19/20.",
      valueName: "NAME=VALUE"))
  public var settings: [ParameterSetting] = []

  @Flag(help: "Describe the deal space instead of comparing frameworks.")
  public var summary = false

  @Option(
    help: ArgumentHelp(
      "Round every number to N decimal places (default 4 in tables; JSON and CSV are exact).",
      valueName: "N"))
  public var decimals: Int?

  @Flag(help: "Print exact fractions in tables too (they can be long).")
  public var exact = false

  @Option(name: .shortAndLong, help: "The output format.")
  public var format: ExportFormat = .table

  @Flag(help: "Shorthand for --format json.")
  public var json = false

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write the result to FILE instead of standard output.", valueName: "FILE"))
  public var output: String?

  @Option(
    help: ArgumentHelp(
      "Draw the deals for the two --axes actors instead: svg or tikz (pgfplots).",
      valueName: "format"))
  public var figure: FigureFormat?

  @Option(
    help: ArgumentHelp(
      "The two actors a figure plots, horizontal axis first.", valueName: "A,B"))
  public var axes: String?

  public init() {}

  public func validate() throws {
    if let decimals, !(0...100).contains(decimals) {
      throw ValidationError("--decimals must be between 0 and 100.")
    }
    if (figure == nil) != (axes == nil) {
      throw ValidationError("--figure and --axes go together.")
    }
  }

  /// Reads the model at `file` with `settings` applied to its parameters; errors are one
  /// located line.
  static func readModel(
    _ file: String, settings: [ParameterSetting] = []
  ) throws -> NegotiationModel {
    try ParameterSetting.instantiate(readParametric(file), with: settings)
  }

  /// Reads the model at `file` in parametric form; errors are one located line.
  static func readParametric(_ file: String) throws -> ParametricModel<NegotiationModel> {
    do {
      return try NegotiationFile.readParametric(path: file)
    } catch {
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
  }

  /// The deal space of `model`, or a one-line error.
  static func space(of model: NegotiationModel) throws -> DealSpace {
    do {
      return try DealSpace(model)
    } catch {
      throw CommandFailure(
        message: "parley: error: \(error.description)", exitStatus: CommandFailure.dataStatus)
    }
  }

  public func execute(io: CommandIO) throws {
    guard let file else {
      throw CommandFailure.usage("negotiate: give the model FILE (or load it in a session)")
    }
    let start = ContinuousClock.now
    let model = try Self.readModel(file, settings: settings)
    try execute(
      model, file: file, hashing: file, settings: settings, start: start, io: io)
  }

  /// Runs on `model` read from `file` (its bytes at `hashing` give the provenance's hash),
  /// listing `settings` among the facts.
  func execute(
    _ model: NegotiationModel, file: String, hashing: String, settings: [ParameterSetting],
    start: ContinuousClock.Instant, io: CommandIO
  ) throws {
    let space = try Self.space(of: model)
    let outputFormat = json ? ExportFormat.json : format
    let machine = outputFormat == .json || outputFormat == .csv
    var report = NegotiationReport(
      space: space, decimals: decimals ?? (exact || machine ? nil : 4))
    var table: ResultTable
    var outcomes = [FrameworkOutcome]()
    var figureActors: (Int, Int)? = nil
    if let axes {
      let p = axes.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
      guard p.count == 2, let a = model.actorIndex(named: p[0]),
        let b = model.actorIndex(named: p[1]), a != b
      else {
        throw CommandFailure(
          message: "parley: error: --axes: expected two different actors of the model as "
            + "'A,B', found '\(axes)'", exitStatus: CommandFailure.usageStatus)
      }
      figureActors = (a, b)
    }
    if summary {
      let analysis: DealSpaceAnalysis
      do { analysis = try DealSpaceAnalysis(space) } catch {
        throw CommandFailure(
          message: "parley: error: \(error.description)", exitStatus: CommandFailure.dataStatus)
      }
      table = report.summary(analysis, file: file)
    } else {
      var specs = [FrameworkSpec]()
      let names = { (text: String) in
        text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
      }
      var pairNames: (String, String)? = nil
      if let pair {
        let p = names(pair)
        guard p.count == 2, p.allSatisfy({ model.actorIndex(named: $0) != nil }) else {
          throw CommandFailure(
            message: "parley: error: --pair: expected two actors of the model as 'A,B', "
              + "found '\(pair)'", exitStatus: CommandFailure.usageStatus)
        }
        pairNames = (p[0], p[1])
      }
      let sideNames = side.map(names)
      if let sideNames, let bad = sideNames.first(where: { model.actorIndex(named: $0) == nil }) {
        throw CommandFailure(
          message: "parley: error: --side: no actor '\(bad)' in the model",
          exitStatus: CommandFailure.usageStatus)
      }
      for text in frameworks {
        do {
          for item in text.split(separator: ";").map({
            String($0).trimmingCharacters(in: .whitespaces)
          }) where !item.isEmpty {
            let more =
              item.lowercased() == "all"
              ? FrameworkSpec.all(for: model, bilateral: pairNames, side: sideNames)
              : try FrameworkSpec.parseList(item, for: model)
            for s in more where !specs.contains(s) { specs.append(s) }
          }
        } catch {
          throw CommandFailure(
            message: "parley: error: --framework: \(error.reason)",
            exitStatus: CommandFailure.usageStatus)
        }
      }
      let results = NegotiationComparison.compare(space, frameworks: specs)
      outcomes = results.compactMap { try? $0.get() }
      table = report.comparison(
        zip(specs, results).map { (framework: $0.description, result: $1) }, file: file)
    }
    if let figure, let (a, b) = figureActors {
      var drawing = NegotiationFigure.figure(space: space, actors: a, b, outcomes: outcomes)
      drawing.provenance = io.provenance(file: hashing)
      try emit(drawing.rendered(as: figure), io: io, output: output)
      return
    }
    table.facts += ParameterSetting.facts(settings).map { ResultTable.Fact("parameter", $0) }
    table.seconds = (ContinuousClock.now - start).seconds
    table.provenance = io.provenance(file: hashing)
    try emit(table, as: outputFormat, io: io, output: output)
  }
}
