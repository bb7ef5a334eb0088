// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation

/// `parley run SCRIPT` (and `run SCRIPT` in a session): run a file of commands.
public struct RunScript: ParleyCommand, SessionCommand {
  public static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a script of Parley commands.",
    discussion: """
      One command per line (or several separated by ';'); '#' starts a comment; a line \
      ending in '\\' continues on the next. The script stops at the first error, which is \
      printed as SCRIPT:LINE: MESSAGE, and the exit status is that error's, unless \
      --keep-going is given. In a session, a script that fails leaves the session as it \
      was (with --keep-going, the commands that succeeded keep their effect).
      """)

  @Argument(help: "The script file.")
  public var script: String

  @Flag(help: "Run the remaining lines after an error (the exit status still reports it).")
  public var keepGoing = false

  public init() {}

  /// One-shot: a fresh session in the current folder.
  public func execute(io: CommandIO) throws {
    var session = Session()
    try execute(in: &session, io: io)
  }

  public func execute(in session: inout Session, io: CommandIO) throws {
    let url = session.resolve(script)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw CommandFailure.session("cannot read the script \(script)")
    }
    var runner = SessionRunner(session: session, io: io)
    let status = runner.runScript(text, name: script, keepGoing: keepGoing)
    if status != 0 { throw ScriptFailure(status: status, keepsState: keepGoing) }
    session = runner.session
  }
}

/// `parley repl [FILE]`, `parley -e 'COMMANDS'` or `parley` alone: the interactive session, or
/// the given commands, or standard input as a script when it is not a terminal.
public struct ReplCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "repl",
    abstract: "Start an interactive session (what 'parley' alone does on a terminal).",
    discussion: """
      Line editing and history (in $PARLEY_HISTORY, default ~/.parley_history), Tab \
      completes commands, options, file, model, player and strategy names. Ctrl-C stops the \
      computation under way; Ctrl-D or 'quit' leaves. When standard input is not a \
      terminal, the lines are run as a script without prompts. 'parley' alone and \
      'parley -e COMMANDS' run this command.
      """)

  @Argument(help: "A file to load first.")
  public var file: String?

  @Option(
    name: [.customShort("e"), .customLong("execute")],
    help: ArgumentHelp(
      "Run these commands (separated by ';') instead of the REPL; repeatable.",
      valueName: "COMMANDS"))
  public var commands: [String] = []

  @Flag(help: "With -e or a script on standard input: go on after an error.")
  public var keepGoing = false

  @Flag(
    name: .customLong("protocol"),
    help: ArgumentHelp(
      "Serve one session to another program: JSON lines on standard input and output (what "
        + "the Jupyter kernel in Notebooks/kernel runs)."))
  public var machineProtocol = false

  public init() {}

  public func execute(io: CommandIO) throws {
    let status: Int32
    if machineProtocol {
      status = KernelServer.run(send: { io.write($0 + "\n") })
    } else if commands.isEmpty {
      status = Interactive.start(load: file, keepGoing: keepGoing, io: io)
    } else {
      var runner = SessionRunner(io: io)
      let load = file.map { CommandSyntax.line(["load", $0]) + "\n" } ?? ""
      status = runner.runScript(
        load + commands.joined(separator: "\n"), name: nil, keepGoing: keepGoing)
    }
    if status != 0 { throw ScriptFailure(status: status, keepsState: false) }
  }
}
