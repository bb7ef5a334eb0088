// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameExport
import GameFiles
import Negotiation

/// A sharded run as two Slurm batch scripts: a job array whose task K runs the command with
/// `--shard K/N --results DIR`, and a merge job (submitted with `--dependency=afterok:` the
/// array) that runs `parley merge DIR --output DIR/merged.EXT`.
///
/// Paths in the scripts are absolute (the parley binary, the results folder, the working
/// directory via `--chdir`), so the jobs run the same wherever Slurm starts them; the
/// command's own words are kept as typed, relative to that working directory.
public struct SlurmJob: Sendable, Hashable {
  /// The absolute path of the `parley` executable.
  public var parley: String
  /// The absolute working directory the jobs run in.
  public var directory: String
  /// The absolute results folder.
  public var results: String
  /// The whole command's words, starting with its name (`sample`, …).
  public var command: [String]
  /// The number of shards (array tasks).
  public var shards: Int
  public var partition: String?
  public var time: String?
  /// The merged table's file name inside the results folder.
  public var mergedName: String
  /// Parley's version, for the scripts' comment.
  public var version: String

  public init(
    parley: String, directory: String, results: String, command: [String], shards: Int,
    partition: String? = nil, time: String? = nil, mergedName: String = "merged.txt",
    version: String = ParleyVersion.current
  ) {
    self.parley = parley
    self.directory = directory
    self.results = results
    self.command = command
    self.shards = shards
    self.partition = partition
    self.time = time
    self.mergedName = mergedName
    self.version = version
  }

  public static let arrayScriptName = "parley-array.sbatch"
  public static let mergeScriptName = "parley-merge.sbatch"
  /// The file `--submit` writes with the jobs' ids (read by `parley status`).
  public static let jobsFileName = "slurm-jobs.json"
  /// The folder of the tasks' logs, inside the results folder.
  public static let logsFolder = "logs"

  var quotedCommand: String { Provenance.commandLine(command) }

  /// `value` for an `#SBATCH` line: as is when the shell would keep it as one word, else in
  /// double quotes, which sbatch strips (checked on slurm-wlm 22.05 by make test-slurm).
  static func directiveValue(_ value: String) -> String {
    guard Provenance.commandLine([value]) != value else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  func directives(name: String, output: String) -> [String] {
    var lines = [
      "#SBATCH --job-name=\(name)",
      "#SBATCH --ntasks=1",
      "#SBATCH --chdir=\(Self.directiveValue(directory))",
      "#SBATCH --output="
        + Self.directiveValue(results + "/" + Self.logsFolder + "/" + output),
    ]
    if let partition { lines.append("#SBATCH --partition=\(Self.directiveValue(partition))") }
    if let time { lines.append("#SBATCH --time=\(Self.directiveValue(time))") }
    return lines
  }

  /// The job array's script.
  public var arrayScript: String {
    let lines =
      [
        "#!/bin/bash",
        "# Written by Parley \(version): shard K of \(shards) (K = the array task id) of",
        "#   parley \(quotedCommand)",
        "# Task K writes \(results)/shard-K-of-\(shards).json (zero-padded);",
        "# \(Self.mergeScriptName) merges them once every task has succeeded.",
      ]
      + directives(name: "parley-\(command.first ?? "run")", output: "shard-%a.out")
      + [
        "#SBATCH --array=1-\(shards)",
        "set -eu",
        "exec " + Provenance.commandLine([parley]) + " " + quotedCommand
          + " --shard \"${SLURM_ARRAY_TASK_ID}/\(shards)\" --results "
          + Provenance.commandLine([results]),
      ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// The merge job's script.
  public var mergeScript: String {
    let lines =
      [
        "#!/bin/bash",
        "# Written by Parley \(version): merges the \(shards) shards in \(results)",
        "# into \(results)/\(mergedName), the table of",
        "#   parley \(quotedCommand)",
      ]
      + directives(name: "parley-merge", output: "merge.out")
      + [
        "set -eu",
        "exec "
          + Provenance.commandLine([
            parley, "merge", results, "--output", results + "/" + mergedName,
          ]),
      ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// The shell line that submits both jobs by hand.
  public var submitLine: String {
    let array = Provenance.commandLine([results + "/" + Self.arrayScriptName])
    let merge = Provenance.commandLine([results + "/" + Self.mergeScriptName])
    return "job=$(sbatch --parsable \(array)) && sbatch --dependency=afterok:${job%%;*} \(merge)"
  }

  /// The absolute path of the running executable (`/proc/self/exe` on Linux).
  static var executablePath: String {
    let proc = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    if proc != "/proc/self/exe" { return proc }
    let argv0 = CommandLine.arguments.first ?? "parley"
    return URL(
      fileURLWithPath: argv0,
      relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    ).standardizedFileURL.path
  }
}

/// Running `sbatch --parsable` and recording the jobs.
enum SlurmSubmission {
  /// Runs `sbatch ARGUMENTS` (found on the PATH) and returns the job id it prints.
  static func sbatch(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sbatch", "--parsable"] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch {
      throw CommandFailure(
        message: "parley: error: --submit: cannot run sbatch: \(error.localizedDescription)",
        exitStatus: CommandFailure.outputStatus)
    }
    let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let id = output.split(separator: "\n").first.map { String($0.prefix { $0 != ";" }) } ?? ""
    guard process.terminationStatus == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
      let reason =
        (errors + output).split(separator: "\n").first.map(String.init)
        ?? "exit status \(process.terminationStatus)"
      throw CommandFailure(
        message: "parley: error: --submit: sbatch \(arguments.joined(separator: " ")): \(reason)",
        exitStatus: CommandFailure.outputStatus)
    }
    return id
  }

  /// The ids `--submit` recorded in a results folder.
  struct Jobs: Codable, Sendable, Hashable {
    var array: String
    var merge: String
    var shards: Int
  }

  static func readJobs(in folder: URL) -> Jobs? {
    let url = folder.appendingPathComponent(SlurmJob.jobsFileName)
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(Jobs.self, from: data)
  }
}

extension ClusterOptions {
  /// `--slurm`: writes the job array's and the merge job's scripts for the running command
  /// (split in `min(--array-size, total)` shards) into the results folder, and with
  /// `--submit` submits them.
  func prepareSlurm(
    kind: String, total: Int, format: ExportFormat, io: CommandIO, defaultResults: String
  ) throws {
    let cwd = FileManager.default.currentDirectoryPath
    let folder = URL(
      fileURLWithPath: results ?? defaultResults,
      relativeTo: URL(fileURLWithPath: cwd, isDirectory: true)
    ).standardizedFileURL
    let ext =
      switch format {
      case .table: "txt"
      case .json: "json"
      case .csv: "csv"
      case .markdown: "md"
      case .latex: "tex"
      }
    let job = SlurmJob(
      parley: SlurmJob.executablePath, directory: cwd, results: folder.path,
      command: Self.wholeCommand(try Self.words(io, command: kind)),
      shards: min(arraySize ?? Self.defaultArraySize, max(total, 1)), partition: partition,
      time: time, mergedName: "merged.\(ext)")
    let array = folder.appendingPathComponent(SlurmJob.arrayScriptName)
    let merge = folder.appendingPathComponent(SlurmJob.mergeScriptName)
    do {
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent(SlurmJob.logsFolder),
        withIntermediateDirectories: true)
      try GameFile.write(job.arrayScript, to: array)
      try GameFile.write(job.mergeScript, to: merge)
    } catch {
      throw CommandFailure(
        message: "parley: error: --slurm: cannot write into \(folder.path): \(error)",
        exitStatus: CommandFailure.outputStatus)
    }
    io.write(
      "wrote \(array.path) (\(job.shards) tasks) and \(merge.path)\n")
    guard submit else {
      io.write("submit with: \(job.submitLine)\n")
      return
    }
    let arrayID = try SlurmSubmission.sbatch([array.path])
    let mergeID = try SlurmSubmission.sbatch(["--dependency=afterok:\(arrayID)", merge.path])
    let jobs = SlurmSubmission.Jobs(array: arrayID, merge: mergeID, shards: job.shards)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try emit(
      String(decoding: try encoder.encode(jobs), as: UTF8.self) + "\n", io: io,
      output: folder.appendingPathComponent(SlurmJob.jobsFileName).path)
    io.write(
      "submitted job array \(arrayID) (\(job.shards) tasks) and merge job \(mergeID) "
        + "(after \(arrayID) succeeds)\n"
        + "progress: parley status \(Provenance.commandLine([folder.path])); merged table: "
        + folder.appendingPathComponent(job.mergedName).path + "\n")
  }
}
