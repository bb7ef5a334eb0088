// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ParleyCLI
import Testing
import _TestSupport

/// Shard files, `merge`, `status` and the Slurm scripts: shards written with `--results`
/// merge into exactly the unsharded table; broken sets of shards are refused naming the
/// file; the job scripts match their golden files.
@Suite struct ClusterTests {
  static let africa = "@/Models/negotiation/africa-outreach.yaml"
  static let sixParty = "@/Models/negotiation/six-party-talks.yaml"

  /// A fresh empty folder under the temporary directory.
  func folder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("parley-cluster-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs `arguments` whole, then in `n` shards into a folder, merges, and checks the merged
  /// output equals the whole run's (text table and JSON but its `seconds`).
  func checkMerge(
    _ arguments: [String], shards n: Int, name: String, formats: [String] = []
  ) throws {
    let dir = try folder(name)
    defer { try? FileManager.default.removeItem(at: dir) }
    let whole = CLI.run(arguments)
    #expect(whole.status == 0, "\(whole.errors)")
    for k in 1...n {
      let run = CLI.run(arguments + ["--shard", "\(k)/\(n)", "--results", dir.path])
      #expect(run.status == 0, "\(run.errors)")
      #expect(run.output.hasPrefix("wrote \(dir.path)/shard-000\(k)-of-000\(n).json: shard \(k)"))
    }
    let merged = CLI.run(["merge", dir.path])
    #expect(merged.status == 0, "\(merged.errors)")
    #expect(merged.output == whole.output)
    let wholeJSON = CLI.run(arguments + ["--json"])
    let mergedJSON = CLI.run(["merge", dir.path, "--json"])
    #expect(mergedJSON.status == 0, "\(mergedJSON.errors)")
    #expect(CLI.withFixedSeconds(mergedJSON.output) == CLI.withFixedSeconds(wholeJSON.output))
    #expect(mergedJSON.output.contains("\"command\": \"parley \(arguments[0]) "))
    for format in formats {
      let wholeRun = CLI.run(arguments + ["--format", format])
      let mergedRun = CLI.run(["merge", dir.path, "--format", format])
      #expect(mergedRun.status == 0, "\(mergedRun.errors)")
      #expect(mergedRun.output == wholeRun.output, "--format \(format)")
    }
  }

  @Test func outreachSweepShardsMergeIntoTheWholeTable() throws {
    try checkMerge(
      [
        "sweep", Self.africa, "--outreach", "--param", "overseas_revenue", "--from", "200",
        "--to", "2000", "--step", "300",
      ], shards: 3, name: "outreach-sweep", formats: ["csv", "markdown", "latex"])
  }

  @Test func gameSweepShardsMergeIntoTheWholeTable() throws {
    try checkMerge(
      [
        "sweep", "@/Models/case/triangle-parametric.yaml", "--param", "face", "--from", "0",
        "--to", "4", "--step", "1/2", "--method", "pure",
      ], shards: 3, name: "game-sweep", formats: ["csv"])
  }

  @Test func gameSampleShardsMergeIntoTheWholeRun() throws {
    try checkMerge(
      ["sample", "@/Models/case/triangle-parametric.yaml", "30", "--seed", "5", "--method", "pure"],
      shards: 2, name: "game-sample", formats: ["csv"])
  }

  @Test func sweepShardsMergeIntoTheWholeFigure() throws {
    let dir = try folder("figure")
    defer { try? FileManager.default.removeItem(at: dir) }
    let arguments = [
      "sweep", Self.africa, "--outreach", "--param", "overseas_revenue", "--from", "200",
      "--to", "2000", "--step", "600", "--figure", "svg",
    ]
    let whole = CLI.run(arguments)
    #expect(whole.status == 0, "\(whole.errors)")
    #expect(whole.output.hasPrefix("<?xml") || whole.output.hasPrefix("<svg"))
    for k in 1...2 {
      #expect(CLI.run(arguments + ["--shard", "\(k)/2", "--results", dir.path]).status == 0)
    }
    let merged = CLI.run(["merge", dir.path])
    #expect(merged.status == 0, "\(merged.errors)")
    #expect(merged.output == whole.output)
  }

  @Test func negotiationSweepShardsMergeIntoTheWholeTable() throws {
    // Four decimals by default: shards keep exact numbers, the merge rounds them.
    try checkMerge(
      [
        "sweep", Self.sixParty, "--param", "nk_patience", "--from", "0.9", "--to", "0.99",
        "--step", "0.03", "--framework", "mediation",
      ], shards: 2, name: "negotiation-sweep")
  }

  @Test func outreachSampleShardsMergeIntoTheWholeRun() throws {
    try checkMerge(
      ["sample", Self.africa, "30", "--seed", "5", "--outreach"], shards: 4, name: "sample")
    try checkMerge(
      ["sample", Self.africa, "7", "--seed", "2", "--outreach", "--draws"], shards: 2,
      name: "sample-draws")
  }

  @Test func negotiationSampleShardsMergeIntoTheWholeRun() throws {
    try checkMerge(
      [
        "sample", Self.sixParty, "4", "--framework", "bilateral=United States,North Korea",
        "--seed", "3",
      ], shards: 2, name: "negotiation-sample")
  }

  /// Writes the three shards of a small outreach sample into a new folder.
  func threeShards(_ name: String, seed: Int = 4) throws -> URL {
    let dir = try folder(name)
    for k in 1...3 {
      let run = CLI.run([
        "sample", Self.africa, "9", "--seed", "\(seed)", "--outreach", "--shard", "\(k)/3",
        "--results", dir.path,
      ])
      #expect(run.status == 0, "\(run.errors)")
    }
    return dir
  }

  func mergeError(_ dir: URL) -> String {
    let run = CLI.run(["merge", dir.path])
    #expect(run.status == 65)
    #expect(run.output.isEmpty)
    #expect(run.errors.split(separator: "\n").count == 1, "one line: \(run.errors)")
    return run.errors
  }

  @Test func mergeRefusesMissingDuplicateAndMismatchedShards() throws {
    let dir = try threeShards("errors")
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    let second = dir.appendingPathComponent("shard-0002-of-0003.json")
    let aside = dir.appendingPathComponent("aside.json")
    // Missing.
    try fm.moveItem(at: second, to: aside)
    #expect(mergeError(dir).contains("shard-0002-of-0003.json: missing (1 of 3 shards missing: 2)"))
    // Duplicate: the same shard under two names.
    try fm.copyItem(at: aside, to: second)
    try fm.copyItem(at: aside, to: dir.appendingPathComponent("shard-2-of-3.json"))
    let duplicate = mergeError(dir)
    #expect(duplicate.contains("duplicate of shard 2 of 3"), "\(duplicate)")
    try fm.removeItem(at: dir.appendingPathComponent("shard-2-of-3.json"))
    #expect(CLI.run(["merge", dir.path]).status == 0)
    // Mismatched: shard 2 of a run with another seed.
    let other = try threeShards("other", seed: 5)
    defer { try? fm.removeItem(at: other) }
    try fm.removeItem(at: second)
    try fm.copyItem(at: other.appendingPathComponent("shard-0002-of-0003.json"), to: second)
    let mismatch = mergeError(dir)
    #expect(mismatch.contains("shard-0002-of-0003.json: mismatched shard: its seed is 5, not 4"))
    // A shard whose name disagrees with its contents.
    try fm.removeItem(at: second)
    try fm.copyItem(at: dir.appendingPathComponent("shard-0001-of-0003.json"), to: second)
    #expect(mergeError(dir).contains("its name says shard 2 of 3, but it holds shard 1 of 3"))
    // Not a shard at all.
    try "{}".write(to: second, atomically: true, encoding: .utf8)
    #expect(mergeError(dir).contains("shard-0002-of-0003.json: not a Parley shard file"))
  }

  @Test func mergeRefusesAChangedModel() throws {
    let dir = try folder("model")
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = dir.appendingPathComponent("model.yaml")
    let text = try String(
      contentsOf: Fixtures.repositoryRoot.appendingPathComponent(
        "Models/negotiation/africa-outreach.yaml"), encoding: .utf8)
    try text.write(to: model, atomically: true, encoding: .utf8)
    let results = dir.appendingPathComponent("results").path
    let run = CLI.run(["sample", model.path, "3", "--outreach", "--results", results])
    #expect(run.status == 0, "\(run.errors)")
    #expect(CLI.run(["merge", results]).status == 0)
    try (text + "\n# edited\n").write(to: model, atomically: true, encoding: .utf8)
    let changed = CLI.run(["merge", results])
    #expect(changed.status == 65)
    #expect(changed.errors.contains("model.yaml: the model's SHA-256 is"))
  }

  @Test func statusListsDoneAndMissingShards() throws {
    let dir = try threeShards("status")
    defer { try? FileManager.default.removeItem(at: dir) }
    try "not json".write(
      to: dir.appendingPathComponent("shard-0002-of-0003.json"), atomically: true,
      encoding: .utf8)
    let run = CLI.run(["status", dir.path])
    #expect(run.status == 0, "\(run.errors)")
    let lines = run.output.split(separator: "\n").map(String.init)
    #expect(lines.count == 4, "\(run.output)")
    #expect(lines[0].hasSuffix(" --outreach (9 draws in 3 shards)"))
    #expect(lines[0].contains(": parley sample "))
    #expect(lines[1] == "done: 2 of 3 (1, 3)")
    #expect(lines[2] == "failed or missing: 1 of 3 (2)")
    #expect(lines[3] == "  shard 2: unreadable")
    #expect(CLI.run(["status", dir.path + "/nothing"]).status == 64)
    try FileManager.default.removeItem(at: dir.appendingPathComponent("shard-0002-of-0003.json"))
    #expect(CLI.run(["status", dir.path]).output.contains("\nmissing: 1 of 3 (2)\n"))
  }

  @Test func wholeCommandDropsTheClusterOptions() {
    #expect(
      ClusterOptions.wholeCommand([
        "sample", "m.yaml", "20", "--shard", "2/4", "--results=out", "--seed", "3", "--slurm",
        "--array-size", "4", "--partition=short", "--time", "10:00", "--submit", "--outreach",
      ]) == ["sample", "m.yaml", "20", "--seed", "3", "--outreach"])
  }

  @Test func slurmScriptsMatchTheirGoldenFiles() throws {
    let job = SlurmJob(
      parley: "/opt/parley/bin/parley", directory: "/home/analyst/study",
      results: "/scratch/analyst/run 1",
      command: [
        "sample", "Models/negotiation/africa-outreach.yaml", "1000000", "--seed", "7",
        "--outreach",
      ], shards: 200, partition: "short", time: "30:00", version: "0.0.0-test")
    try CLI.checkGolden(job.arrayScript, named: "slurm-array.sbatch")
    try CLI.checkGolden(job.mergeScript, named: "slurm-merge.sbatch")
    #expect(
      job.submitLine
        == "job=$(sbatch --parsable '/scratch/analyst/run 1/parley-array.sbatch') && sbatch "
        + "--dependency=afterok:${job%%;*} '/scratch/analyst/run 1/parley-merge.sbatch'")
  }

  @Test func slurmWritesBothScriptsForTheRunningCommand() throws {
    let dir = try folder("slurm")
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = CLI.run([
      "sweep", Self.africa, "--outreach", "--param", "overseas_revenue", "--from", "200",
      "--to", "2000", "--step", "300", "--slurm", "--array-size", "50", "--results", dir.path,
    ])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("(7 tasks)"))  // no more tasks than points
    #expect(run.output.contains("submit with: job=$(sbatch --parsable "))
    let array = try String(
      contentsOf: dir.appendingPathComponent("parley-array.sbatch"), encoding: .utf8)
    #expect(array.contains("#SBATCH --array=1-7\n"))
    #expect(
      array.contains(
        " sweep \(CLI.root)Models/negotiation/africa-outreach.yaml --outreach --param "
          + "overseas_revenue --from 200 --to 2000 --step 300 --shard "
          + "\"${SLURM_ARRAY_TASK_ID}/7\" --results \(dir.path)\n"))
    let merge = try String(
      contentsOf: dir.appendingPathComponent("parley-merge.sbatch"), encoding: .utf8)
    #expect(merge.contains(" merge \(dir.path) --output \(dir.path)/merged.txt\n"))
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("logs").path))
    let bad = CLI.run(["sample", Self.africa, "10", "--outreach", "--submit"])
    #expect(bad.status == 64)
  }
}
