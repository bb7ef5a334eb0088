// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameExport

/// Where a command writes: standard output and standard error, or anything else.
///
/// Commands never print directly; they write through the `CommandIO` they are given, so the
/// same command runs in the terminal, in a REPL and, with capturing closures, in tests.
public struct CommandIO: Sendable {
  /// Writes text to the command's output.
  public var write: @Sendable (String) -> Void
  /// Writes text to the command's diagnostics.
  public var writeError: @Sendable (String) -> Void
  /// Receives each result a command produces (a session keeps the last one for `export`).
  public var publish: @Sendable (CommandResult) -> Void
  /// The words of the command line being run, starting with the command's name (`solve`,
  /// `negotiate`, …), for the provenance of exported tables; `nil` when not known.
  public var arguments: [String]? = nil

  public init(
    write: @escaping @Sendable (String) -> Void,
    writeError: @escaping @Sendable (String) -> Void,
    publish: @escaping @Sendable (CommandResult) -> Void = { _ in }
  ) {
    self.write = write
    self.writeError = writeError
    self.publish = publish
  }

  /// The process's standard output and standard error.
  public static var standard: CommandIO {
    CommandIO(
      write: { FileHandle.standardOutput.write(Data($0.utf8)) },
      writeError: { FileHandle.standardError.write(Data($0.utf8)) })
  }
}

/// A failure a command reports to the user: one line on standard error and an exit status.
///
/// The statuses follow BSD `sysexits.h`, as command-line tools conventionally do.
public struct CommandFailure: Error, Hashable, Sendable, CustomStringConvertible {
  /// The line printed on standard error (without the newline).
  public var message: String
  /// The process's exit status.
  public var exitStatus: Int32

  public init(message: String, exitStatus: Int32) {
    self.message = message
    self.exitStatus = exitStatus
  }

  public var description: String { message }

  /// `EX_USAGE`: the command line is wrong (argument-parser's own status).
  public static let usageStatus: Int32 = 64
  /// `EX_DATAERR`: the game file is malformed, or the method does not apply to the game.
  public static let dataStatus: Int32 = 65
  /// `EX_CANTCREAT`: the output file cannot be written.
  public static let outputStatus: Int32 = 73
}

extension CommandIO {
  /// The running command line as `parley WORDS…`, shell-quoted, or `nil` when not known.
  var commandLine: String? {
    arguments.map { Provenance.commandLine(["parley"] + $0) }
  }

  /// The provenance of a result computed from `file` by the running command: the command line
  /// and the SHA-256 of the file's bytes (left out when the file cannot be read).
  func provenance(file: String?) -> Provenance {
    let bytes = file.flatMap { FileManager.default.contents(atPath: $0) }
    return Provenance(commandLine: commandLine, fileSHA256: bytes.map { SHA256.hexDigest($0) })
  }
}
