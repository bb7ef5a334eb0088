// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameExport

/// The interactive loop: prompt, line editing, history, completion and Ctrl-C; or, when
/// standard input is not a terminal, the same commands run as a script without prompts.
enum Interactive {
  /// The flag Ctrl-C sets; the REPL's session polls it through its solvers.
  static let interrupt = CancellationFlag()

  /// The history file: `$PARLEY_HISTORY`, else `~/.parley_history`.
  static var historyPath: String {
    if let path = ProcessInfo.processInfo.environment["PARLEY_HISTORY"], !path.isEmpty {
      return path
    }
    return (NSHomeDirectory() as NSString).appendingPathComponent(".parley_history")
  }

  /// Runs the REPL (or, without a terminal, standard input as a script) and returns the exit
  /// status; `load` names a file loaded first.
  static func start(load file: String?, keepGoing: Bool, io: CommandIO) -> Int32 {
    var runner = SessionRunner(session: Session(cancellation: interrupt), io: io)
    var status: Int32 = 0
    if let file {
      if case .failure(let s) = runner.run(words: ["load", file]) { status = s }
    }
    guard isatty(0) == 1 else {
      if status != 0 && !keepGoing { return status }
      var text = ""
      while let line = readLine(strippingNewline: false) { text += line }
      let scriptStatus = runner.runScript(text, name: nil, keepGoing: keepGoing)
      return status != 0 ? status : scriptStatus
    }
    let editor = LineEditor(historyFile: historyPath)
    InterruptHandler.install()
    defer { InterruptHandler.uninstall() }
    io.write(
      "Parley \(ParleyVersion.current). Type 'help' for the commands; Tab completes; "
        + "Ctrl-D leaves.\n")
    while true {
      Completer.current = Completer(session: runner.session)
      interrupt.reset()
      guard var line = editor.readLine(prompt: "parley> ") else {
        if interrupt.isCancelled {  // Ctrl-C at the prompt: a fresh prompt
          io.write("\n")
          continue
        }
        io.write("\n")
        break
      }
      while LogicalLines.continues(line) {
        line.removeLast()
        guard let more = editor.readLine(prompt: "   ...> ") else { break }
        line += " " + more
      }
      editor.remember(line)
      interrupt.reset()
      let outcome = runner.run(line: line)
      if interrupt.isCancelled { io.writeError("interrupted\n") }
      if outcome == .quit { break }
    }
    return 0
  }
}
