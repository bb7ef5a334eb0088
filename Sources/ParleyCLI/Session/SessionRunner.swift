// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import Synchronization

/// Runs command lines against a ``Session``: the loop shared by the REPL, `parley -e`,
/// `parley run` and standard input that is not a terminal.
///
/// Each command is parsed with `SessionCommands.parseAsRoot` and executed on a copy of the
/// session; the copy replaces the session only when the command succeeds. A failure prints
/// one line on the error stream and never ends the process.
public struct SessionRunner: Sendable {
  /// How a line ended.
  public enum Outcome: Hashable, Sendable {
    /// Every command succeeded.
    case success
    /// A command failed with this exit status (the line's later commands did not run).
    case failure(Int32)
    /// `quit` was given.
    case quit
  }

  /// The state commands work on.
  public var session: Session
  /// Where commands write.
  public var io: CommandIO
  /// When set, each line is written to the output after this prompt before it runs (for
  /// transcripts of scripted sessions).
  public var echoPrompt: String?
  /// While a script runs: separates the outputs of its commands.
  var separator: OutputSeparator?

  public init(session: Session = Session(), io: CommandIO, echoPrompt: String? = nil) {
    self.session = session
    self.io = io
    self.echoPrompt = echoPrompt
  }

  /// Runs the commands of one logical line, stopping at the first that fails.
  ///
  /// - Parameter location: Put in front of error lines (e.g. `script.parley:3`).
  public mutating func run(line: String, location: String? = nil) -> Outcome {
    if let echoPrompt { io.write(echoPrompt + line + "\n") }
    let commands: [[String]]
    do {
      commands = try CommandSyntax.commands(in: line)
    } catch {
      reportLine("error: \(error.message)", location: location)
      return .failure(CommandFailure.usageStatus)
    }
    for words in commands {
      separator?.nextCommand()
      let outcome = run(words: words, location: location)
      if outcome != .success { return outcome }
    }
    return .success
  }

  /// Runs one command given as words.
  public mutating func run(words: [String], location: String? = nil) -> Outcome {
    guard let first = words.first else { return .success }
    if SessionCommands.command(named: first) == nil {
      reportLine(
        "error: unknown command '\(first)' (type 'help' for the list)", location: location)
      return .failure(CommandFailure.usageStatus)
    }
    let parsed: any ParsableCommand
    do {
      parsed = try SessionCommands.parseAsRoot(words)
    } catch {
      return report(error, location: location)
    }
    if parsed is Quit { return .quit }
    let box = ResultBox()
    var commandIO = io
    let outer = io.publish  // a kernel shows each result as it is published
    commandIO.publish = {
      box.store($0)
      outer($0)
    }
    commandIO.arguments = words
    var copy = session
    do {
      if let command = parsed as? any SessionCommand {
        try command.execute(in: &copy, io: commandIO)
      } else if let command = parsed as? any ParleyCommand {
        try command.execute(io: commandIO)
      } else {
        var command = parsed
        try command.run()
      }
    } catch let partial as ScriptFailure {
      if partial.keepsState { session = copy }
      return .failure(partial.status)
    } catch {
      return report(error, location: location)
    }
    if let result = box.value { copy.lastResult = result }
    session = copy
    return .success
  }

  /// Runs a script: logical lines (see ``LogicalLines``), `#` comments, stopping at the first
  /// failing line unless `keepGoing`.
  ///
  /// - Parameter name: The script's name for error lines (`NAME:LINE: …`); `nil` leaves the
  ///   location out.
  /// - Returns: 0, or the exit status of the first failure; `quit` ends the script early.
  /// Without an echo prompt, the outputs of successive commands are separated by one blank
  /// line, so that a script's tables do not run together.
  public mutating func runScript(_ text: String, name: String?, keepGoing: Bool) -> Int32 {
    var status: Int32 = 0
    let separator = OutputSeparator()
    let plain = io
    if echoPrompt == nil {
      io.write = { text in
        separator.beforeWriting(plain.write)
        plain.write(text)
      }
    }
    self.separator = separator
    defer {
      io = plain
      self.separator = nil
    }
    for (line, number) in LogicalLines(text) {
      switch run(line: line, location: name.map { "\($0):\(number)" }) {
      case .success: continue
      case .quit: return status
      case .failure(let s):
        if status == 0 { status = s }
        if !keepGoing { return status }
      }
    }
    return status
  }

  /// Prints `error` as one line (help and version requests print in full on the output) and
  /// returns the outcome.
  func report(_ error: any Error, location: String?) -> Outcome {
    if let failure = error as? CommandFailure {
      if !failure.message.isEmpty {
        var message = failure.message
        if message.hasPrefix("parley: ") { message.removeFirst("parley: ".count) }
        reportLine(message, location: location)
      }
      return .failure(failure.exitStatus)
    }
    let code = SessionCommands.exitCode(for: error)
    if code == .success {
      let text = SessionCommands.fullMessage(for: error)
      if !text.isEmpty { io.write(text + "\n") }
      return .success
    }
    reportLine("error: " + SessionRunner.oneLine(SessionCommands.message(for: error)),
      location: location)
    return .failure(code.rawValue)
  }

  /// argument-parser's message on one line: a list of valid values (`- name: help` lines)
  /// shrinks to their names.
  static func oneLine(_ message: String) -> String {
    let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    guard var text = lines.first else { return "failed" }
    let values = lines.dropFirst().compactMap { line -> String? in
      guard line.hasPrefix("- ") else { return nil }
      return String(line.dropFirst(2).prefix { $0 != ":" })
    }
    if !values.isEmpty {
      if text.hasSuffix(":") { text.removeLast() }
      text += " " + values.joined(separator: ", ")
    }
    return text
  }

  private func reportLine(_ line: String, location: String?) {
    io.writeError((location.map { $0 + ": " } ?? "") + line + "\n")
  }
}

/// A script run from a session failed; its error lines are already printed.
struct ScriptFailure: Error {
  /// The status of the first failure.
  var status: Int32
  /// Whether the session keeps what the script's successful commands did (`--keep-going`).
  var keepsState: Bool
}

/// The result a command published, kept until the command has finished.
final class ResultBox: Sendable {
  private let slot = Mutex<CommandResult?>(nil)
  func store(_ result: CommandResult) { slot.withLock { $0 = result } }
  var value: CommandResult? { slot.withLock { $0 } }
}

/// Puts one blank line between the outputs of successive commands of a script.
final class OutputSeparator: @unchecked Sendable {
  private let lock = NSLock()
  private var wroteInScript = false
  private var pending = false

  /// A new command starts: its first output is preceded by a blank line if an earlier one
  /// wrote anything.
  func nextCommand() {
    lock.lock()
    pending = wroteInScript
    lock.unlock()
  }

  /// Called before each write.
  func beforeWriting(_ write: (String) -> Void) {
    lock.lock()
    let separate = pending
    pending = false
    wroteInScript = true
    lock.unlock()
    if separate { write("\n") }
  }
}
