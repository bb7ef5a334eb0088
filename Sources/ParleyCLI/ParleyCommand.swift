// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser

/// A command whose work goes through an injectable ``CommandIO``.
///
/// `execute(io:)` holds the command's logic and reports problems as ``CommandFailure``;
/// `run()` (what argument-parser calls from `Parley.main()`) executes with the standard
/// streams, prints a failure's line and exits with its status.
public protocol ParleyCommand: ParsableCommand {
  /// Runs the command, writing through `io`.
  ///
  /// - Throws: ``CommandFailure`` for problems the user can fix.
  func execute(io: CommandIO) throws
}

extension ParleyCommand {
  public func run() throws {
    let io = CommandIO.standard
    do {
      try execute(io: io)
    } catch let failure as CommandFailure {
      io.writeError(failure.message + "\n")
      throw ExitCode(failure.exitStatus)
    } catch let failure as ScriptFailure {
      throw ExitCode(failure.status)
    }
  }
}
