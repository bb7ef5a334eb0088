// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameExport

/// The root of Parley's command tree: `parley SUBCOMMAND …`.
///
/// One-shot use goes through ``ParleyMain``; a REPL reuses the same tree by calling
/// `Parley.parseAsRoot(tokens)` for each line and ``ParleyMain/execute(_:io:)`` on the result.
public struct Parley: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "parley",
    abstract: "An exact game-theory workbench: solve games, export equilibrium tables.",
    discussion: """
      Exit status: 0 on success; 64 for a usage error; 65 when a game file is malformed \
      (one line PATH:LINE:COL: error: MESSAGE on standard error) or the method does not \
      apply to the game (parley: error: METHOD(): REASON); 73 when the output file cannot \
      be written.
      """,
    version: ParleyVersion.current,
    subcommands: [Solve.self, Coop.self, Forecast.self])

  public init() {}
}

/// The entry point of the `parley` executable, and the runner a REPL or a test uses.
public enum ParleyMain {
  /// Runs the command line of this process and exits with the command's status.
  public static func run() -> Never {
    let status = run(arguments: Array(CommandLine.arguments.dropFirst()), io: .standard)
    exit(status)
  }

  /// Parses `arguments` (without the program name), runs the command, and returns the exit
  /// status; nothing is printed except through `io`, and the process never exits.
  public static func run(arguments: [String], io: CommandIO) -> Int32 {
    do {
      var command = try Parley.parseAsRoot(arguments)
      return execute(&command, io: io)
    } catch {
      return report(error, io: io)
    }
  }

  /// Runs an already parsed command and returns its exit status.
  public static func execute(_ command: inout any ParsableCommand, io: CommandIO) -> Int32 {
    do {
      if let command = command as? any ParleyCommand {
        try command.execute(io: io)
      } else {
        try command.run()
      }
      return 0
    } catch {
      return report(error, io: io)
    }
  }

  /// Prints `error` the way argument-parser would (help and version go to the output) and
  /// returns its status.
  static func report(_ error: any Error, io: CommandIO) -> Int32 {
    if let failure = error as? CommandFailure {
      io.writeError(failure.message + "\n")
      return failure.exitStatus
    }
    let status = Parley.exitCode(for: error)
    let message = Parley.fullMessage(for: error)
    if status == .success {
      if !message.isEmpty { io.write(message + "\n") }
    } else {
      io.writeError(message + "\n")
    }
    return status.rawValue
  }
}
