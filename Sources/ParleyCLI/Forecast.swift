// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import GameSolvers

extension ExpectedUtilityModel.Options.ProbabilityRule: ExpressibleByArgument {}
extension ExpectedUtilityModel.Options.RiskPerspective: ExpressibleByArgument {}
extension ExpectedUtilityModel.Options.OfferSelection: ExpressibleByArgument {}
extension ExpectedUtilityModel.Options.Reference: ExpressibleByArgument {}

/// The published variants of the expected-utility model, for `--variant`.
public enum ForecastVariant: String, CaseIterable, Sendable, ExpressibleByArgument {
  /// Scholz, Calbert and Smith (2011) as written.
  case scholz2011
  /// The authors' code as re-run in McKibben's replication.
  case scholzCode = "scholz-code"
  /// Masad's replication.
  case masad

  var options: ExpectedUtilityModel.Options {
    switch self {
    case .scholz2011: return .scholz2011
    case .scholzCode: return .scholzCode
    case .masad: return .masad
    }
  }
}

/// `parley forecast FILE.csv --rounds N`: Bueno de Mesquita's expected-utility forecast of an
/// actor table, round by round.
public struct Forecast: ParleyCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Forecast a policy outcome with Bueno de Mesquita's expected-utility model.",
    discussion: """
      FILE is a CSV table with the columns Actor, Capability, Position, Salience (salience \
      in [0, 1] or 0-100). The model follows Scholz, Calbert & Smith (2011); --variant and \
      the options below select where published replications differ. One row per round \
      gives every actor's position and the weighted mean and median (the CSV is ready to \
      plot).
      """)

  @Argument(help: "The actor table (CSV).")
  public var file: String

  @Option(name: .shortAndLong, help: "The number of rounds.")
  public var rounds: Int = 5

  @Option(help: "The replication whose choices to follow.")
  public var variant: ForecastVariant = .scholz2011

  @Option(help: "Override: how the probability of prevailing is normalised.")
  public var probability: ExpectedUtilityModel.Options.ProbabilityRule?

  @Option(help: "Override: whose risk exponent prices a challenge.")
  public var perspective: ExpectedUtilityModel.Options.RiskPerspective?

  @Option(help: "Override: which offer an actor accepts.")
  public var selection: ExpectedUtilityModel.Options.OfferSelection?

  @Option(help: "Override: the reference position of the better/worse utilities.")
  public var reference: ExpectedUtilityModel.Options.Reference?

  @Option(name: .customShort("q"), help: "The probability Q that the status quo persists.")
  public var q: Double?

  @Option(name: .customShort("t"), help: "The probability T that change improves things.")
  public var t: Double?

  @Flag(help: "List every move (who accepted whose offer) under the table.")
  public var moves = false

  @Option(help: ArgumentHelp("Decimal places for positions.", valueName: "N"))
  public var decimals: Int = 3

  @Option(name: .shortAndLong, help: "The output format.")
  public var format: ExportFormat = .table

  @Flag(help: "Shorthand for --format json.")
  public var json = false

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write the result to FILE instead of standard output.", valueName: "FILE"))
  public var output: String?

  public init() {}

  public func validate() throws {
    if rounds < 0 || rounds > 10_000 { throw ValidationError("--rounds must be 0...10000.") }
    if !(0...17).contains(decimals) { throw ValidationError("--decimals must be 0...17.") }
  }

  public func execute(io: CommandIO) throws {
    let actors: [PolicyActor]
    do {
      actors = try ActorTable.read(contentsOf: URL(fileURLWithPath: file), path: file)
    } catch {
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
    var options = variant.options
    if let probability { options.probability = probability }
    if let perspective { options.perspective = perspective }
    if let selection { options.selection = selection }
    if let reference { options.reference = reference }
    if let q { options.q = q }
    if let t { options.t = t }
    let start = ContinuousClock.now
    let result: ForecastResult
    do {
      result = try ExpectedUtilityModel(options: options).forecast(actors, rounds: rounds)
    } catch {
      throw CommandFailure(
        message: "parley: error: \(error.description)", exitStatus: CommandFailure.dataStatus)
    }
    var table = Self.table(result, decimals: decimals, file: file, listMoves: moves)
    table.parameters["variant"] = variant.rawValue
    table.seconds = (ContinuousClock.now - start).seconds
    table.provenance = io.provenance(file: table.file)
    try emit(table, as: json ? .json : format, io: io, output: output)
  }

  /// The rounds as rows: positions, then mean and median.
  static func table(_ r: ForecastResult, decimals: Int, file: String?, listMoves: Bool)
    -> ResultTable
  {
    func f(_ x: Double) -> String { x.formatted(decimals: decimals) }
    let names = r.actors.map(\.name)
    let rows = r.rounds.map { round in
      ResultTable.Row(
        label: "round \(round.number)",
        cells: round.positions.map(f) + [f(round.mean), f(round.median)])
    }
    let last = r.rounds.last!
    var facts = [
      ResultTable.Fact("forecast (median after round \(last.number))", f(last.median)),
      ResultTable.Fact("weighted mean after round \(last.number)", f(last.mean)),
    ]
    if r.rounds.count > 1 {
      facts.append(.init(
        "risk exponents in round 1",
        zip(names, r.rounds[1].riskExponents).map { "\($0) \(f($1))" }.joined(separator: ", ")))
    }
    var notes = r.notes
    if listMoves {
      for round in r.rounds {
        for m in round.moves {
          let verb: String
          switch m.kind {
          case .confrontation: verb = "loses a confrontation to"
          case .compromise: verb = "compromises with"
          case .capitulation: verb = "capitulates to"
          }
          notes.append(
            "round \(round.number): \(names[m.receiver]) \(verb) \(names[m.sender]), "
              + "\(f(m.from)) -> \(f(m.to))")
        }
      }
    }
    return ResultTable(
      kind: "forecast",
      title: "Expected-utility forecast of \(r.actors.count) actors, \(r.rounds.count - 1) rounds",
      rowHeader: "round", columns: names + ["mean", "median"], rows: rows, isExact: false,
      parameters: r.parameters, facts: facts, notes: notes, file: file)
  }
}
