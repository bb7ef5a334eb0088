// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameExport
import Negotiation

/// `parley merge DIR`: the shards of a sweep or Monte Carlo run, combined into the table the
/// unsharded command prints.
public struct MergeCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Combine the shard files of a sweep or sample run into the whole run's table.",
    discussion: """
      DIR holds the files shard-K-of-N.json that 'sweep … --shard K/N --results DIR' or \
      'sample … --shard K/N --results DIR' wrote (one per shard, e.g. from a Slurm job \
      array; see --slurm). Every shard 1…N must be there once, complete, and of the same \
      run: same command, model (same SHA-256, checked against the model file too), \
      parameters, seed, N and Parley version; otherwise merge stops with one line naming \
      the file. The table is the one the command without --shard prints, byte for byte, \
      in the format that command asked for (--decimals, --format, --json and --output \
      here override it); its provenance is that command's (with those options added).
      """)

  @Argument(help: ArgumentHelp("The results folder.", valueName: "DIR"))
  public var directory: String

  @Option(help: ArgumentHelp("Round every number to N decimal places.", valueName: "N"))
  public var decimals: Int?

  @Option(name: .shortAndLong, help: "The output format (default: the run's).")
  public var format: ExportFormat?

  @Flag(help: "Shorthand for --format json.")
  public var json = false

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write the table to FILE instead of standard output.", valueName: "FILE"))
  public var output: String?

  public init() {}

  /// The words these options add to the run's command.
  var overrides: [String] {
    var words = [String]()
    if let decimals { words += ["--decimals", String(decimals)] }
    if let format { words += ["--format", format.rawValue] }
    if json { words.append("--json") }
    if let output { words += ["--output", output] }
    return words
  }

  func fail(_ message: String, _ status: Int32 = CommandFailure.dataStatus) -> CommandFailure {
    CommandFailure(message: "parley: error: \(message)", exitStatus: status)
  }

  public func execute(io: CommandIO) throws {
    let folder = URL(fileURLWithPath: directory)
    let names: [String]
    do { names = try ShardFileName.list(in: folder) } catch {
      throw fail("merge: \(directory): cannot be read (not a folder?)", CommandFailure.usageStatus)
    }
    guard let first = names.first else {
      throw fail("merge: \(directory): no shard files (shard-K-of-N.json) in it")
    }
    do {
      let kind = try ShardProbe.header(at: folder.appendingPathComponent(first)).kind
      switch kind {
      case "sweep":
        let set = try ShardSet<SweepRecord>.load(directory: folder)
        var command: SweepCommand = try parse(set.header, as: SweepCommand.self)
        command.file = try modelPath(set.header, first: first)
        let table = try command.mergedTable(set.records)
        if let figure = command.figure {
          var drawing = SweepCommand.figure(of: table, outreach: command.outreach)
          drawing.provenance = provenance(set.header)
          try emit(drawing.rendered(as: figure), io: io, output: command.out.output)
          return
        }
        try finish(table, set.headers, command.out, io: io)
      case "sample":
        let set = try ShardSet<SampleRecord>.load(directory: folder)
        var command: SampleCommand = try parse(set.header, as: SampleCommand.self)
        command.file = try modelPath(set.header, first: first)
        try finish(
          try command.mergedTable(set.records, source: directory), set.headers, command.out,
          io: io)
      default:
        throw fail("merge: \(folder.appendingPathComponent(first).path): unknown kind '\(kind)'")
      }
    } catch let error as ShardError {
      throw fail("merge: " + error.message)
    }
  }

  /// The run's command, parsed again with this command's output options added.
  func parse<C: ParsableCommand>(_ header: ShardHeader, as: C.Type) throws -> C {
    do {
      return try C.parse(Array(header.command.dropFirst()) + overrides)
    } catch {
      throw fail(
        "merge: the shards' command '\(header.commandLine)' does not parse here: "
          + C.message(for: error), CommandFailure.usageStatus)
    }
  }

  /// The model file to read: as named, else relative to the directory the shards ran in;
  /// its SHA-256 must be the shards'.
  func modelPath(_ header: ShardHeader, first: String) throws -> String {
    var path = header.model
    if !FileManager.default.fileExists(atPath: path), !path.hasPrefix("/") {
      path = header.directory + "/" + path
    }
    guard let bytes = FileManager.default.contents(atPath: path) else {
      throw fail("merge: \(header.model): the model cannot be read (the shards need it)")
    }
    let sha = SHA256.hexDigest(bytes)
    guard sha == header.modelSHA256 else {
      throw fail(
        "merge: \(path): the model's SHA-256 is \(sha.prefix(12))…, but the shards (e.g. "
          + "\(first)) were computed from \(header.modelSHA256.prefix(12))…")
    }
    return path
  }

  func finish(
    _ table: ResultTable, _ headers: [ShardHeader], _ out: TableOptions, io: CommandIO
  ) throws {
    var table = table
    let header = headers[0]
    table.file = header.model
    table.seconds = headers.map(\.seconds).reduce(0, +)
    table.provenance = provenance(header)
    try out.emit(table, io: io)
  }

  /// The provenance of the whole run's command, with the output options given here.
  func provenance(_ header: ShardHeader) -> Provenance {
    Provenance(
      commandLine: Provenance.commandLine(["parley"] + header.command + overrides),
      fileSHA256: header.modelSHA256)
  }
}
