// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameFiles

// MARK: - sweep and sample on the session's model

extension Session {
  /// The file and parameter values a sweep or a Monte Carlo run on a loaded model starts
  /// from: the model named `name` (or the current one), read again from its file, with the
  /// values the session set.
  ///
  /// - Throws: ``CommandFailure`` when nothing is loaded, the model has no parameters, or
  ///   it was changed by hand (`set payoff`, …) so that its file no longer describes it.
  func parametricRun(_ name: String?, for command: String) throws
    -> (item: Item, settings: [ParameterSetting])
  {
    let item = try self.item(name)
    switch item.model {
    case .negotiation(let n): return (item, n.base.settings)
    case .outreach(let o): return (item, o.settings)
    default:
      if let p = item.parametric { return (item, p.settings) }
      throw CommandFailure.session(
        "\(item.name) is \(item.model.kindDescription.article)"
          + (item.edits.isEmpty
            ? " without parameters; \(command) needs a YAML model with 'parameters:'"
            : " changed by hand (\(item.edits.last!)); load it again to \(command) over its "
              + "parameters"))
    }
  }
}

extension Session.Item {
  /// The model's file as the user named it when that names the same file from the process's
  /// working directory (so that tables and provenance show it as typed), else its absolute
  /// path.
  var runnablePath: String {
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    return Session.resolve(source, against: here).path == path ? source : path
  }
}

/// The session's values merged under a command's own `--set` (which wins), leaving out
/// the parameters the command varies.
private func merged(
  _ session: [ParameterSetting], _ own: [ParameterSetting], without varied: Set<String>
) -> [ParameterSetting] {
  let given = Set(own.map(\.name))
  return session.filter { !given.contains($0.name) && !varied.contains($0.name) } + own
}

extension SweepCommand: SessionCommand {
  /// Runs on a file, or (no FILE, or a loaded model's name) on the session's model: its file
  /// read again, with the values the session set (`set NAME VALUE`) fixed, except the
  /// parameters swept.
  public func execute(in session: inout Session, io: CommandIO) throws {
    if !file.isEmpty, session.item(named: file) == nil {
      try execute(io: io)
      return
    }
    let (item, values) = try session.parametricRun(file.isEmpty ? nil : file, for: "sweep")
    if cluster.results != nil || cluster.slurm {
      throw CommandFailure.usage(
        "sweep: --results and --slurm record the model's file: give it (\(item.source)) "
          + "instead of the model's name")
    }
    var command = self
    command.file = item.runnablePath
    command.settings = merged(
      values, settings, without: Set([parameter] + (parameter2.map { [$0] } ?? [])))
    try command.execute(io: io)
  }
}

extension SampleCommand: SessionCommand {
  /// Runs on a file, or (no FILE, or a loaded model's name) on the session's model: its file
  /// read again, with the values the session set fixed instead of drawn. `sample N …`
  /// (only the number) draws from the current model.
  public func execute(in session: inout Session, io: CommandIO) throws {
    var command = self
    var name: String? = file.isEmpty ? nil : file
    if count == 0, let n = Int(file), session.item(named: file) == nil {
      // `sample N …`: the one positional word is the number of draws.
      command.count = n
      name = nil
    } else if let name, session.item(named: name) == nil {
      try execute(io: io)
      return
    }
    let (item, values) = try session.parametricRun(name, for: "sample")
    if cluster.results != nil || cluster.slurm {
      throw CommandFailure.usage(
        "sample: --results and --slurm record the model's file: give it (\(item.source)) "
          + "instead of the model's name")
    }
    command.file = item.runnablePath
    command.settings = merged(values, settings, without: [])
    try command.execute(io: io)
  }
}
