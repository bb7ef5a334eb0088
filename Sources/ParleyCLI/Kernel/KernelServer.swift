// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameExport

/// `parley repl --protocol`: one session driven by another program (the Jupyter kernel in
/// `Notebooks/kernel/`) through JSON lines on standard input and output.
///
/// Requests, one JSON object per line; `id` is any JSON value and is echoed in every reply:
/// - `{"id": 1, "code": "load …\nsolve"}` runs the code's logical lines in the session, as
///   the REPL would, stopping at the first command that fails;
/// - `{"id": 2, "complete": "solve --me", "cursor": 10}` asks what Tab would offer;
/// - `{"id": 3, "inspect": "solve --method", "cursor": 3}` asks for the help of the command
///   under the cursor.
///
/// Replies, one JSON object per line, each with a `type` (see ``KernelReply``): `ready` once
/// at start; for code, any number of `display` (a command's output, as MIME bundle `data`),
/// `stream` (its diagnostics) and at most one `error` (`command`, `message`), then one
/// `done` whose `status` is `ok`, `error` or `interrupted`; `complete` (`matches`,
/// `cursor_start`, `cursor_end`); `inspect` (`found`, `text`).
///
/// SIGINT sets the session's cancellation flag (the REPL's Ctrl-C); the command under way
/// stops and the cell ends with an `interrupted` error, and the server reads the next request.
/// The server ends at the end of its input.
///
/// - Complexity: Each request costs what its commands cost; replies are linear in their text.
enum KernelServer {
  /// The protocol's version, sent in `ready`.
  static let version = 1

  /// Serves requests from `readLine()` until the input ends; replies go to `send`.
  static func run(send: @escaping @Sendable (String) -> Void) -> Int32 {
    InterruptHandler.install()
    defer { InterruptHandler.uninstall() }
    var kernel = KernelSession(send: send)
    send(KernelReply.ready(version: version))
    while let line = readLine() {
      guard !line.allSatisfy(\.isWhitespace) else { continue }
      kernel.handle(requestLine: line)
    }
    return 0
  }
}

/// The session behind the protocol and the handling of one request at a time.
struct KernelSession {
  /// Where reply lines go (one JSON object each, without the newline).
  let send: @Sendable (String) -> Void
  /// The REPL's runner, on a session that Ctrl-C (SIGINT) cancels.
  var runner: SessionRunner
  /// The output of the command under way, in order.
  private let capture = KernelCapture()

  init(send: @escaping @Sendable (String) -> Void, directory: URL? = nil) {
    self.send = send
    let capture = self.capture
    var io = CommandIO(
      write: { capture.append(.output($0)) }, writeError: { capture.append(.diagnostic($0)) })
    io.publish = { capture.append(.result($0)) }
    runner = SessionRunner(
      session: Session(directory: directory, cancellation: Interactive.interrupt), io: io)
  }

  /// Parses one request line and answers it.
  mutating func handle(requestLine line: String) {
    guard let data = line.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
      let request = object as? [String: Any]
    else {
      send(KernelReply.protocolError(id: nil, "a request is one JSON object per line"))
      return
    }
    let id = request["id"]
    if let code = request["code"] as? String {
      execute(code, id: id)
    } else if let text = request["complete"] as? String {
      let cursor = request["cursor"] as? Int ?? text.unicodeScalars.count
      send(complete(text, cursor: cursor, id: id))
    } else if let text = request["inspect"] as? String {
      let cursor = request["cursor"] as? Int ?? text.unicodeScalars.count
      send(inspect(text, cursor: cursor, id: id))
    } else {
      send(KernelReply.protocolError(id: id, "expected one of the keys code, complete, inspect"))
    }
  }

  // MARK: - execute

  /// Runs `code`'s logical lines, one command at a time, stopping at the first failure or
  /// interrupt.
  mutating func execute(_ code: String, id: Any?) {
    Interactive.interrupt.reset()
    var status = "ok"
    lines: for (line, _) in LogicalLines(code) {
      let commands: [[String]]
      do {
        commands = try CommandSyntax.commands(in: line)
      } catch {
        send(KernelReply.error(id: id, command: line, message: "error: " + error.message))
        status = "error"
        break
      }
      for words in commands {
        if Interactive.interrupt.isCancelled {
          status = "interrupted"
          break lines
        }
        let commandLine = CommandSyntax.line(words)
        if words.first == "quit" || words.first == "exit" {
          send(KernelReply.error(
            id: id, command: commandLine,
            message: "error: '\(words[0])' ends nothing in a notebook; restart the kernel instead"))
          status = "error"
          break lines
        }
        capture.clear()
        let outcome = runner.run(words: words)
        let events = capture.take()
        let interrupted = Interactive.interrupt.isCancelled
        sendOutputs(events, words: words, failed: outcome != .success || interrupted, id: id)
        if interrupted {
          send(KernelReply.error(
            id: id, command: commandLine, message: "interrupted", name: "interrupted"))
          status = "interrupted"
          break lines
        }
        if case .failure = outcome {
          let message = events.compactMap { event -> String? in
            if case .diagnostic(let text) = event { return text }
            return nil
          }.joined()
          send(KernelReply.error(
            id: id, command: commandLine,
            message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
          status = "error"
          break lines
        }
      }
    }
    send(KernelReply.done(id: id, status: status))
  }

  /// Sends a command's output as one display (text, with HTML for a result or SVG for a
  /// figure) and, when it succeeded, its diagnostics as a stream.
  private func sendOutputs(_ events: [KernelCapture.Event], words: [String], failed: Bool, id: Any?)
  {
    var text = ""
    var diagnostics = ""
    var results = [CommandResult]()
    for event in events {
      switch event {
      case .output(let s): text += s
      case .diagnostic(let s): diagnostics += s
      case .result(let r): results.append(r)
      }
    }
    if !text.isEmpty {
      send(KernelReply.display(id: id, data: KernelDisplay.bundle(
        text: text, results: results, words: words)))
    }
    if !failed && !diagnostics.isEmpty {
      send(KernelReply.stream(id: id, name: "stderr", text: diagnostics))
    }
  }

  // MARK: - complete and inspect

  /// What Tab offers at `cursor` (in Unicode scalars, as Jupyter counts) in `text`.
  func complete(_ text: String, cursor: Int, id: Any?) -> String {
    let before = KernelSession.line(before: cursor, in: text)
    let word = KernelSession.partialWord(at: before)
    let prefix = String(before.unicodeScalars.dropLast(word.unicodeScalars.count))
    let completer = Completer(session: runner.session)
    let matches: [String]
    switch completer.complete(before: prefix, word: word) {
    case .words(let words): matches = words
    case .files: matches = completer.fileNames(word)
    }
    let end = min(max(cursor, 0), text.unicodeScalars.count)
    return KernelReply.complete(
      id: id, matches: matches, start: end - word.unicodeScalars.count, end: end)
  }

  /// The help of the command the cursor is in (`help COMMAND [SUBCOMMAND]`).
  func inspect(_ text: String, cursor: Int, id: Any?) -> String {
    var line = KernelSession.line(before: cursor, in: text)
    // The rest of the word under the cursor belongs to it too.
    let after = text.unicodeScalars.dropFirst(min(max(cursor, 0), text.unicodeScalars.count))
    line += String(String.UnicodeScalarView(after.prefix { !" \t\n;".unicodeScalars.contains($0) }))
    let words = CommandSyntax.scan(line).commands.last ?? []
    guard let name = words.first, SessionCommands.command(named: name) != nil else {
      return KernelReply.inspect(id: id, text: nil)
    }
    var help = Help()
    help.command = [name]
    if words.count > 1, let type = SessionCommands.command(named: name),
      type.configuration.subcommands.contains(where: { $0._commandName == words[1] })
    {
      help.command.append(words[1])
    }
    let output = KernelCapture()
    let io = CommandIO(write: { output.append(.output($0)) }, writeError: { _ in })
    var session = runner.session
    guard (try? help.execute(in: &session, io: io)) != nil else {
      return KernelReply.inspect(id: id, text: nil)
    }
    let text = output.take().map { event -> String in
      if case .output(let s) = event { return s }
      return ""
    }.joined()
    return KernelReply.inspect(id: id, text: text)
  }

  /// The part of `text`'s line that comes before `cursor` (a count of Unicode scalars).
  static func line(before cursor: Int, in text: String) -> String {
    let scalars = text.unicodeScalars
    let head = scalars.prefix(min(max(cursor, 0), scalars.count))
    let start = head.lastIndex(of: "\n").map { scalars.index(after: $0) } ?? head.startIndex
    return String(String.UnicodeScalarView(head[start...]))
  }

  /// The word being typed at the end of `line`: what follows the last blank, quote or `;`.
  static func partialWord(at line: String) -> String {
    let scalars = line.unicodeScalars
    let start = scalars.lastIndex { " \t;'\"".unicodeScalars.contains($0) }
      .map { scalars.index(after: $0) } ?? scalars.startIndex
    return String(String.UnicodeScalarView(scalars[start...]))
  }
}

/// What a command wrote and published while it ran, in order; shared with the command's
/// `CommandIO` closures (which may run on other threads).
final class KernelCapture: @unchecked Sendable {
  enum Event {
    case output(String)
    case diagnostic(String)
    case result(CommandResult)
  }

  private let lock = NSLock()
  private var events = [Event]()

  func append(_ event: Event) {
    lock.lock()
    events.append(event)
    lock.unlock()
  }

  func clear() { _ = take() }

  func take() -> [Event] {
    lock.lock()
    defer { lock.unlock() }
    let out = events
    events = []
    return out
  }
}
