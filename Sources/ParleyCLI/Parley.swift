// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameExport

/// The root of Parley's command tree: `parley SUBCOMMAND …`, `parley -e 'COMMANDS'`, or
/// `parley` alone for the REPL.
///
/// One-shot use goes through ``ParleyMain``; a session (REPL, `-e`, `run`) parses each
/// command with ``SessionCommands``, whose tree holds the same command types plus the
/// session's own.
public struct Parley: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "parley",
    abstract: "An exact game-theory workbench: solve games, export equilibrium tables.",
    discussion: """
      Exit status: 0 on success; 64 for a usage error; 65 when a game file is malformed \
      (one line PATH:LINE:COL: error: MESSAGE on standard error) or the method does not \
      apply to the game (parley: error: METHOD(): REASON); 73 when the output file cannot \
      be written.
      Without a subcommand (or with -e COMMANDS), parley runs 'parley repl': an interactive \
      session when standard input is a terminal, otherwise standard input as a script.
      """,
    version: ParleyVersion.current,
    subcommands: [
      Solve.self, BargainCommand.self, RubinsteinCommand.self, BaronFerejohnCommand.self,
      ThreatsCommand.self, ArbitrateCommand.self, Coop.self, Forecast.self,
      CorrelatedCommand.self, DynamicsCommand.self, QRECommand.self, NegotiateCommand.self,
      IncentivesCommand.self, OutreachCommand.self, SweepCommand.self,
      SampleCommand.self, MergeCommand.self, StatusCommand.self,
      ReplCommand.self,
      RunScript.self,
    ],
    defaultSubcommand: ReplCommand.self)

  public init() {}
}

/// The entry point of the `parley` executable, and the runner tests use.
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
      // Anything but an option or a subcommand would reach `repl` (the default) as its file.
      if let first = arguments.first, !first.hasPrefix("-"),
        !Parley.configuration.subcommands.contains(where: { $0._commandName == first })
      {
        throw ValidationError("Unknown command '\(first)'; 'parley --help' lists them.")
      }
      var command = try Parley.parseAsRoot(arguments)
      var io = io
      io.arguments = arguments
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
    if let failure = error as? ScriptFailure {
      return failure.status  // its errors are printed already
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
