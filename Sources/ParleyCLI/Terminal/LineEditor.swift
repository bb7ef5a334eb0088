// SPDX-License-Identifier: GPL-3.0-or-later

@preconcurrency import CEdit
import Foundation
import GameCore

/// Line editing, history and Tab completion through libedit's readline interface.
///
/// libedit keeps its state in globals, so there is one editor per process; it is used from
/// the main thread only.
final class LineEditor {
  /// The history file, read at start and rewritten after each line.
  let historyFile: String?

  /// How many lines the history keeps.
  static let historyLimit: Int32 = 1000

  init(historyFile: String?) {
    self.historyFile = historyFile
    rl_readline_name = UnsafePointer(LineEditor.programName)
    using_history()
    stifle_history(LineEditor.historyLimit)
    if let historyFile { _ = read_history(historyFile) }
    rl_attempted_completion_function = attemptCompletion
  }

  /// `"parley"` as a C string that lives as long as the process.
  nonisolated(unsafe) private static let programName = strdup("parley")!

  /// Reads one line with `prompt`; `nil` at end of input (Ctrl-D) or when interrupted.
  func readLine(prompt: String) -> String? {
    guard let raw = readline(prompt) else { return nil }
    defer { free(raw) }
    return String(cString: raw)
  }

  /// Adds `line` to the history (unless blank or a repeat of the last line) and saves it.
  func remember(_ line: String) {
    var line = line
    while line.last?.isWhitespace == true { line.removeLast() }
    guard !line.isEmpty else { return }
    if history_length > 0, let last = history_get(history_base + history_length - 1),
      let text = last.pointee.line, String(cString: text) == line
    {
      return
    }
    add_history(line)
    if let historyFile { _ = write_history(historyFile) }
  }
}

/// The matches of the completion under way, handed out one by one to libedit.
nonisolated(unsafe) private var pendingMatches: [String] = []

/// libedit's generator: the `state`-th match of the pending list, `strdup`'d.
private let nextMatch: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<
  CChar
>? = { _, state in
  let i = Int(state)
  return i < pendingMatches.count ? strdup(pendingMatches[i]) : nil
}

/// libedit's completion hook: the words before the cursor's word decide the candidates.
private let attemptCompletion:
  @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<
    UnsafeMutablePointer<CChar>?
  >? = { text, start, _ in
    let word = text.map { String(cString: $0) } ?? ""
    var before = ""
    if let buffer = rl_line_buffer {
      let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(max(start, 0)))
      before = String(decoding: bytes, as: UTF8.self)
    }
    switch (Completer.current ?? Completer(session: Session())).complete(
      before: before, word: word)
    {
    case .files:
      rl_attempted_completion_over = 0
      rl_completion_append_character = 32  // a blank
      return nil
    case .words(let words):
      rl_attempted_completion_over = 1
      guard !words.isEmpty else { return nil }
      rl_completion_append_character =
        words.allSatisfy { $0.hasSuffix("=") || $0.hasSuffix("/") } ? 0 : 32
      pendingMatches = words
      return rl_completion_matches(text, nextMatch)
    }
  }

/// Turns SIGINT (Ctrl-C) into a cancellation request while the REPL runs.
enum InterruptHandler {
  /// Routes SIGINT to `Interactive.interrupt.cancel()` (an atomic store, safe in a handler).
  static func install() {
    _ = Interactive.interrupt  // initialised before the first signal can arrive
    signal(SIGINT) { _ in Interactive.interrupt.cancel() }
    // A parent may hand down a mask with these blocked (a process spawned from a thread pool
    // inherits the pool thread's mask); Ctrl-C, a closed terminal and a kill must reach us.
    var set = sigset_t()
    sigemptyset(&set)
    for signal in [SIGINT, SIGHUP, SIGTERM] { sigaddset(&set, signal) }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// Restores the default action of SIGINT.
  static func uninstall() {
    signal(SIGINT, SIG_DFL)
  }
}
