// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameExport
import GameFiles
import Negotiation

/// The options `sweep` and `sample` share for running on a cluster: a results folder for
/// shard files, and a Slurm job array (`--slurm`) that fills it.
public struct ClusterOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Write the shard (--shard K/N, else the whole run as shard 1/1) to DIR/shard-K-of-N.json "
        + "instead of printing a table; 'parley merge DIR' makes the table.",
      valueName: "DIR"))
  public var results: String?

  @Flag(
    help: ArgumentHelp(
      "Write a Slurm job array (one task per shard) and a dependent merge job into the "
        + "results folder instead of running."))
  public var slurm = false

  @Option(
    name: .customLong("array-size"),
    help: ArgumentHelp(
      "With --slurm: the number of shards, one array task each (default 16, at most one per "
        + "point or draw).", valueName: "N"))
  public var arraySize: Int?

  @Option(help: ArgumentHelp("With --slurm: the Slurm partition.", valueName: "P"))
  public var partition: String?

  @Option(
    help: ArgumentHelp(
      "With --slurm: each task's time limit, in Slurm's form (e.g. 30:00).", valueName: "T"))
  public var time: String?

  @Flag(help: "With --slurm: submit both jobs with sbatch and print their ids.")
  public var submit = false

  public init() {}

  public func validate() throws {
    if !slurm, arraySize != nil || partition != nil || time != nil || submit {
      throw ValidationError("--array-size, --partition, --time and --submit need --slurm.")
    }
    if let arraySize, arraySize < 1 {
      throw ValidationError("--array-size must be at least 1.")
    }
  }

  /// The default number of shards of a Slurm job array.
  public static let defaultArraySize = 16

  /// The options (with the number of words each takes) that make a command sharded or a
  /// cluster job rather than the whole run.
  static let clusterOptions: [String: Int] = [
    "--shard": 1, "--results": 1, "--slurm": 0, "--array-size": 1, "--partition": 1,
    "--time": 1, "--submit": 0,
  ]

  /// `words` without `--shard` and the cluster options (`--opt VALUE` or `--opt=VALUE`):
  /// the whole, single-process command.
  public static func wholeCommand(_ words: [String]) -> [String] {
    var out = [String]()
    var i = 0
    while i < words.count {
      let word = words[i]
      if word == "--" {
        out += words[i...]
        break
      }
      let name = String(word.prefix { $0 != "=" })
      if let arity = clusterOptions[name] {
        i += name == word ? 1 + arity : 1
        continue
      }
      out.append(word)
      i += 1
    }
    return out
  }

  /// The words of the running command, or a failure when they are not known.
  static func words(_ io: CommandIO, command: String) throws -> [String] {
    guard let words = io.arguments, words.first == command else {
      throw CommandFailure(
        message: "parley: error: --results: the command line is not known here",
        exitStatus: CommandFailure.usageStatus)
    }
    return words
  }

  /// Writes a shard file for the running command into ``results`` (created if need be),
  /// atomically, and prints one line saying so.
  func writeShard<Record: ShardRecord>(
    _ records: [Record], kind: String, io: CommandIO, model: String,
    parameters: [String: String], seed: UInt64?, shard: ShardArgument?, total: Int,
    expected: Int, status: String, seconds: Double
  ) throws {
    let folder = URL(fileURLWithPath: results!)
    let whole = Self.wholeCommand(try Self.words(io, command: kind))
    let bytes = FileManager.default.contents(atPath: model)
    let (k, n) = (shard?.index ?? 1, shard?.count ?? 1)
    let header = ShardHeader(
      kind: kind, command: whole, commandLine: Provenance.commandLine(["parley"] + whole),
      directory: FileManager.default.currentDirectoryPath, model: model,
      modelSHA256: bytes.map { SHA256.hexDigest($0) } ?? "", parameters: parameters,
      seed: seed.map(String.init), shard: k, shards: n, total: total, expected: expected,
      computed: records.count, status: status, seconds: seconds,
      parleyVersion: ParleyVersion.current)
    let path = folder.appendingPathComponent(ShardFileName.make(shard: k, of: n)).path
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try emit(ShardFile(header: header, records: records).encoded(), io: io, output: path)
    } catch let failure as CommandFailure {
      throw failure
    } catch {
      throw CommandFailure(
        message: "parley: error: --results: cannot write \(path): \(error.localizedDescription)",
        exitStatus: CommandFailure.outputStatus)
    }
    let unit = kind == "sample" ? "draws" : "points"
    io.write(
      "wrote \(path): shard \(k) of \(n), \(records.count) of \(total) \(unit) in "
        + "\(seconds.formatted(decimals: 1)) s\n")
  }
}
