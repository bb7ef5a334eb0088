// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import Negotiation

/// `parley status DIR`: which shards of a sharded run are done, running, waiting, or failed
/// or missing.
public struct StatusCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show the progress of a sharded run: done, running and failed or missing shards.",
    discussion: """
      DIR is a results folder of 'sweep …/sample … --results DIR' (or --slurm). A shard is \
      done when its file shard-K-of-N.json is there and complete; a file that cannot be \
      read, belongs to another run or stopped early counts as failed. When --slurm --submit \
      recorded the jobs (slurm-jobs.json) and squeue knows them, shards still in the queue \
      are shown as running or pending; the others are failed or missing (a task's log is \
      DIR/logs/shard-K.out). Re-run one shard alone with the command's --shard K/N.
      """)

  @Argument(help: ArgumentHelp("The results folder.", valueName: "DIR"))
  public var directory: String

  public init() {}

  /// One queued Slurm job or array task, as `squeue` lists it.
  public struct QueueEntry: Sendable, Hashable {
    public var job: String
    /// The array task id (`nil` for a job that is not an array).
    public var task: Int?
    public var state: String

    public init(job: String, task: Int?, state: String) {
      self.job = job
      self.task = task
      self.state = state
    }
  }

  public func execute(io: CommandIO) throws {
    let folder = URL(fileURLWithPath: directory)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder),
      isFolder.boolValue
    else {
      throw CommandFailure(
        message: "parley: error: status: \(directory): no such folder",
        exitStatus: CommandFailure.usageStatus)
    }
    let jobs = SlurmSubmission.readJobs(in: folder)
    let queue = jobs.flatMap { Self.squeue(jobs: [$0.array, $0.merge]) }
    io.write(try Self.report(folder: folder, display: directory, jobs: jobs, queue: queue))
  }

  /// The report for `folder`: the run, then one line per state with its shards.
  /// `queue` is `nil` when squeue could not be asked.
  static func report(
    folder: URL, display: String, jobs: SlurmSubmission.Jobs?, queue: [QueueEntry]?
  ) throws -> String {
    let names = (try? ShardFileName.list(in: folder)) ?? []
    var headers = [Int: ShardHeader]()
    var failed = [Int: String]()
    var reference: (name: String, header: ShardHeader)?
    var stray = [String]()
    for name in names {
      let header: ShardHeader
      do {
        header = try ShardProbe.header(at: folder.appendingPathComponent(name))
      } catch {
        if let k = ShardFileName.parse(name)?.shard {
          failed[k] = "unreadable"
        } else {
          stray.append(name)
        }
        continue
      }
      if let reference, let why = header.mismatch(with: reference.header) {
        failed[header.shard] = "of another run (\(why))"
        continue
      }
      reference = reference ?? (name, header)
      if header.isComplete {
        headers[header.shard] = header
      } else {
        failed[header.shard] =
          "incomplete (\(header.computed) of \(header.expected), "
          + "\(header.status))"
      }
    }
    guard let n = jobs?.shards ?? reference?.header.shards else {
      return "\(display): no shard files and no Slurm jobs recorded\n"
    }
    var lines = [String]()
    if let h = reference?.header {
      let unit = h.kind == "sample" ? "draws" : "points"
      lines.append("\(display): \(h.commandLine) (\(h.total) \(unit) in \(n) shards)")
    } else {
      lines.append("\(display): \(n) shards, none written yet")
    }
    var queued = [Int: String]()
    var mergeState: String?
    for entry in queue ?? [] {
      if entry.job == jobs?.array, let t = entry.task {
        queued[t] = entry.state.lowercased()
      } else if entry.job == jobs?.merge {
        mergeState = entry.state.lowercased()
      }
    }
    var groups: [(String, [Int])] = [("done", []), ("running", []), ("pending", [])]
    var other = [String: [Int]]()
    var missing = [Int]()
    for k in 1...n {
      if headers[k] != nil {
        groups[0].1.append(k)
      } else if let state = queued[k] {
        if state == "running" {
          groups[1].1.append(k)
        } else if state == "pending" {
          groups[2].1.append(k)
        } else {
          other[state, default: []].append(k)
        }
      } else {
        missing.append(k)
      }
    }
    for (state, ks) in other.sorted(by: { $0.key < $1.key }) { groups.append((state, ks)) }
    for (name, ks) in groups where name == "done" || !ks.isEmpty {
      lines.append("\(name): \(ks.count) of \(n)" + (ks.isEmpty ? "" : " (\(ranges(ks)))"))
    }
    let failedOrMissing = missing
    if !failedOrMissing.isEmpty {
      let label =
        jobs == nil && !failedOrMissing.contains(where: { failed[$0] != nil })
        ? "missing" : "failed or missing"
      var line = "\(label): \(failedOrMissing.count) of \(n) (\(ranges(failedOrMissing)))"
      if jobs != nil {
        line += "; logs: \(display)/\(SlurmJob.logsFolder)/shard-K.out"
      }
      lines.append(line)
      for k in failedOrMissing {
        if let why = failed[k] { lines.append("  shard \(k): \(why)") }
      }
    }
    if !stray.isEmpty { lines.append("not shard files: " + stray.joined(separator: ", ")) }
    if let jobs {
      let queueText =
        queue == nil
        ? "squeue not available"
        : mergeState.map { "merge job \(jobs.merge): \($0)" }
          ?? "merge job \(jobs.merge): not in the queue"
      lines.append("Slurm: job array \(jobs.array); \(queueText)")
    }
    let merged = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasPrefix("merged.") }.sorted()
    if let m = merged.first { lines.append("merged: \(display)/\(m)") }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `[1, 2, 3, 5]` as `1-3, 5`.
  static func ranges(_ ks: [Int]) -> String {
    var parts = [String]()
    var i = 0
    while i < ks.count {
      var j = i
      while j + 1 < ks.count, ks[j + 1] == ks[j] + 1 { j += 1 }
      parts.append(i == j ? "\(ks[i])" : "\(ks[i])-\(ks[j])")
      i = j + 1
    }
    return parts.joined(separator: ", ")
  }

  /// The jobs' queued entries (`squeue -h -r -j JOBS -o '%F %K %T'`), or `nil` when squeue
  /// cannot be run.
  static func squeue(jobs: [String]) -> [QueueEntry]? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["squeue", "-h", "-r", "-j", jobs.joined(separator: ","), "-o", "%F %K %T"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    // squeue exits 1 for job ids it no longer knows: then nothing is queued.
    guard process.terminationStatus == 0 || process.terminationStatus == 1 else { return nil }
    return text.split(separator: "\n").compactMap { line in
      let f = line.split(separator: " ")
      guard f.count == 3 else { return nil }
      return QueueEntry(job: String(f[0]), task: Int(f[1]), state: String(f[2]))
    }
  }
}
