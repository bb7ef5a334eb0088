// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles

extension ExportFormat: ExpressibleByArgument {}

/// A memory budget given as `4G`, `512M`, `100k` or a plain byte count.
public struct ByteCount: Sendable, Hashable, ExpressibleByArgument, CustomStringConvertible {
  /// The number of bytes.
  public var bytes: Int
  /// The text the user gave.
  public var description: String

  public init?(argument: String) {
    guard let bytes = ResourceLimits.parseBytes(argument) else { return nil }
    self.bytes = bytes
    self.description = argument
  }

  public var defaultValueDescription: String { description }
}

/// `parley solve FILE`: read a game, run one method, print the equilibrium table.
///
/// The command is a thin layer: it parses the options, reads the file with `GameFiles`, runs
/// the method through ``SolverName``, and renders an `EquilibriumTable` with `GameExport`.
/// Reading and solving are timed separately with `ContinuousClock` for the JSON `seconds`.
public struct Solve: ParleyCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Find the Nash equilibria of a game in a Gambit .nfg or .efg file.",
    discussion: """
      Arithmetic is exact unless --float is given: probabilities and payoffs print as \
      integers or fractions p/q. With --decimals N every number is rounded to N places.
      """)

  @Argument(
    help: ArgumentHelp(
      "The game file (Gambit .nfg, payoff or outcome form, or .efg); in a session, a loaded "
        + "game's name or nothing for the current game.", valueName: "file"))
  public var file: String?

  @Option(
    name: .shortAndLong,
    help: """
      The method (default for .nfg: enummixed for two players, pure otherwise; for .efg: \
      spe with perfect information, seqform for two players, logit otherwise).
      """)
  public var method: SolverName?

  @Flag(help: "Solve in floating point (Double) instead of exact rationals.")
  public var float = false

  @Option(help: ArgumentHelp("Round every number to N decimal places.", valueName: "N"))
  public var decimals: Int?

  @Option(name: .shortAndLong, help: "The output format.")
  public var format: ExportFormat = .table

  @Option(
    name: .customLong("max-memory"),
    help: ArgumentHelp("The memory budget for the game's payoff table.", valueName: "SIZE"))
  public var maxMemory: ByteCount = ByteCount(argument: "4G")!

  @Option(
    help: ArgumentHelp(
      "lcp: the label dropped first, 0-based over all strategies (player 1's first).",
      valueName: "K"))
  public var label: Int?

  @Flag(help: "lcp: start from every label and report the distinct equilibria found.")
  public var allLabels = false

  @Option(
    help: ArgumentHelp(
      "logit: report the quantal response equilibrium at this precision (.nfg only).",
      valueName: "L"))
  public var lambda: Double?

  @Flag(help: "dominance: also eliminate strategies dominated by mixed strategies.")
  public var mixed = false

  @Flag(help: "dominance: eliminate weakly dominated strategies too.")
  public var weak = false

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write the result to FILE (atomically) instead of standard output.",
      valueName: "FILE"))
  public var output: String?

  public init() {}

  public func validate() throws {
    if let decimals, !(0...100).contains(decimals) {
      throw ValidationError("--decimals must be between 0 and 100.")
    }
    if let label, label < 0 { throw ValidationError("--label must be 0 or more.") }
    if label != nil && allLabels {
      throw ValidationError("--label and --all-labels cannot be used together.")
    }
    if (label != nil || allLabels), let method, method != .lcp {
      throw ValidationError("--label and --all-labels apply to --method lcp only.")
    }
    if mixed || weak, method != .dominance {
      throw ValidationError("--mixed and --weak apply to --method dominance only.")
    }
    if let lambda {
      guard method == .logit else {
        throw ValidationError("--lambda applies to --method logit only.")
      }
      guard lambda.isFinite, lambda >= 0 else {
        throw ValidationError("--lambda must be a finite number ≥ 0.")
      }
    }
  }

  /// The solver options these flags describe.
  var options: SolverOptions {
    SolverOptions(
      initialLabel: label, allLabels: allLabels, mixed: mixed, weak: weak, lambda: lambda)
  }

  public func execute(io: CommandIO) throws {
    guard let file else {
      throw ValidationError("Missing expected argument '<file>'.")
    }
    let clock = ContinuousClock()
    let readStart = clock.now
    let model = try Solve.readGame(URL(fileURLWithPath: file), named: file, maxMemory: maxMemory)
    let readTime = clock.now - readStart
    switch model {
    case .normalForm(let game):
      try solve(
        game, file: file, readTime: readTime, defaults: Session.Parameters(),
        control: .none, directory: nil, io: io)
    case .extensiveForm(let tree):
      try solve(
        tree: tree, file: file, readTime: readTime, defaults: Session.Parameters(),
        control: .none, directory: nil, io: io)
    }
  }

  /// Reads the game (strategic form or tree) at `url`; errors name the file as `name`.
  static func readGame(
    _ url: URL, named name: String, maxMemory: ByteCount
  ) throws -> GameFile.Game {
    do {
      return try GameFile.read(contentsOf: url, limits: ResourceLimits(maxMemory: maxMemory.bytes))
    } catch var error {
      error.path = name  // as the user typed it, not made absolute
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
  }

  /// Solves `game`, writes the table (to `--output` or `io`) and publishes it.
  ///
  /// Options not given on the command line come from `defaults` (a session's parameters).
  func solve(
    _ game: NormalFormGame<Rational>, file: String, readTime: Duration,
    defaults: Session.Parameters, control: SolverControl, directory: URL?, io: CommandIO
  ) throws {
    let clock = ContinuousClock()
    let method =
      self.method ?? defaults.method ?? SolverName.defaultMethod(playerCount: game.playerCount)
    let decimals = self.decimals ?? defaults.decimals
    var options = self.options
    options.control = control
    var table: EquilibriumTable
    var readTime = readTime
    var solveTime: Duration
    do {
      if float || defaults.float {
        let converting = clock.now
        let floating = game.converted(to: Double.self)
        readTime += clock.now - converting
        let start = clock.now
        let outcome = try method.solve(floating, options: options)
        solveTime = clock.now - start
        table = outcome.table(for: floating, decimals: decimals, file: file)
      } else {
        let start = clock.now
        let outcome = try method.solve(game, options: options)
        solveTime = clock.now - start
        table = outcome.table(for: game, decimals: decimals, file: file)
      }
    } catch {
      throw CommandFailure(
        message: "parley: error: \(error.description)", exitStatus: CommandFailure.dataStatus)
    }
    table.seconds = EquilibriumTable.Timings(read: readTime, solve: solveTime)
    try emit(table, directory: directory, io: io)
  }

  /// Solves an extensive-form game with the tree methods of ``SolverName/solve(tree:options:)``,
  /// writes the table (to `--output` or `io`) and publishes it.
  func solve(
    tree: ExtensiveFormGame<Rational>, file: String, readTime: Duration,
    defaults: Session.Parameters, control: SolverControl, directory: URL?, io: CommandIO
  ) throws {
    let clock = ContinuousClock()
    let method = self.method ?? defaults.method ?? SolverName.defaultMethod(for: tree)
    let decimals = self.decimals ?? defaults.decimals
    var options = self.options
    options.control = control
    var table: EquilibriumTable
    var solveTime: Duration
    do {
      if float || defaults.float {
        let floating = tree.converted(to: Double.self)
        let start = clock.now
        let result = try method.solve(tree: floating, options: options)
        solveTime = clock.now - start
        table = EquilibriumTable(tree: floating, result: result, decimals: decimals, file: file)
      } else {
        let start = clock.now
        let result = try method.solve(tree: tree, options: options)
        solveTime = clock.now - start
        table = EquilibriumTable(tree: tree, result: result, decimals: decimals, file: file)
      }
    } catch {
      throw CommandFailure(
        message: "parley: error: \(error.description)", exitStatus: CommandFailure.dataStatus)
    }
    table.seconds = EquilibriumTable.Timings(read: readTime, solve: solveTime)
    try emit(table, directory: directory, io: io)
  }

  /// Renders the table in the chosen format to `--output` (atomically) or the command's
  /// output, and publishes it to the session.
  ///
  /// The table records the command line, and, run from the shell (no session `directory`),
  /// the SHA-256 of the file read; a session's model may have been edited since it was read.
  func emit(_ table: EquilibriumTable, directory: URL?, io: CommandIO) throws {
    var table = table
    table.provenance =
      directory == nil
      ? io.provenance(file: table.file) : Provenance(commandLine: io.commandLine)
    let text = table.rendered(as: format)
    io.publish(.table(table))
    if let output {
      let url =
        directory.map { Session.resolve(output, against: $0) } ?? URL(fileURLWithPath: output)
      do {
        try GameFile.write(text, to: url)
      } catch var error {
        error.path = output
        throw CommandFailure(
          message: "parley: \(error.description)", exitStatus: CommandFailure.outputStatus)
      }
    } else {
      io.write(text)
    }
  }
}
