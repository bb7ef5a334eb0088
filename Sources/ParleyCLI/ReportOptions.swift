// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import GameCore
import GameExport

/// The output options shared by the bargaining and arbitration commands.
public struct ReportOptions: ParsableArguments {
  @Option(name: .shortAndLong, help: "The output format.")
  public var format: ExportFormat = .table

  @Flag(help: "Shorthand for --format json.")
  public var json = false

  @Option(help: ArgumentHelp("Round every number to N decimal places.", valueName: "N"))
  public var decimals: Int?

  public init() {}

  public func validate() throws {
    if let decimals, !(0...100).contains(decimals) {
      throw ValidationError("--decimals must be between 0 and 100.")
    }
  }

  var effectiveFormat: ExportFormat { json ? .json : format }

  /// A number as report text: `p/q` when exact, else decimals.
  func text<S: GameScalar>(_ x: S) -> String { x.formatted(decimals: decimals) }

  func text(_ x: Double) -> String { x.formatted(decimals: decimals) }

  /// Exact values as `p/q`; values computed in floating point as decimals.
  func text(_ x: Rational, exact: Bool) -> String {
    exact ? x.formatted(decimals: decimals) : x.doubleValue.formatted(decimals: decimals)
  }

  /// Publishes `report` (with the command line and, when given, the input file's SHA-256
  /// as its provenance) and writes it in the chosen format.
  func write(_ report: ResultReport, io: CommandIO, file: String? = nil) {
    var report = report
    report.provenance = io.provenance(file: file)
    io.publish(.report(report))
    io.write(report.rendered(as: effectiveFormat))
  }
}

/// An exact number on the command line: an integer, a decimal (`0.9`) or a fraction (`9/10`).
public struct RationalArgument: ExpressibleByArgument, Sendable, Hashable {
  public var value: Rational
  public init?(argument: String) {
    guard let q = Rational(argument) else { return nil }
    value = q
  }
}

/// A comma-separated list of exact numbers (`1/2,1/3,1/6`).
public struct RationalList: ExpressibleByArgument, Sendable, Hashable {
  public var values: [Rational]
  public init?(argument: String) {
    var out = [Rational]()
    for part in argument.split(separator: ",") {
      guard let q = Rational(part.trimmingCharacters()) else { return nil }
      out.append(q)
    }
    guard !out.isEmpty else { return nil }
    values = out
  }
}

extension Substring {
  fileprivate func trimmingCharacters() -> Substring {
    var s = self
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return s
  }
}

/// A solver error as the one-line failure the CLI prints (status 65).
func failure(_ error: SolverError) -> CommandFailure {
  CommandFailure(
    message: "parley: error: \(error.description)", exitStatus: CommandFailure.dataStatus)
}

/// The output options shared by the commands that print a ``ResultTable`` (correlated,
/// dynamics, incentives, outreach): format, JSON shorthand, decimals and an output file.
public struct TableOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Round every number to N decimal places.", valueName: "N"))
  public var decimals: Int?

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
    if let decimals, !(0...100).contains(decimals) {
      throw ValidationError("--decimals must be between 0 and 100.")
    }
  }

  /// Publishes `table` to the session and writes it in the chosen format.
  func emit(_ table: ResultTable, io: CommandIO) throws {
    try ParleyCLI.emit(table, as: json ? .json : format, io: io, output: output)
  }
}
