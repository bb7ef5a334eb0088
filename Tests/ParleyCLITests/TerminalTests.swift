// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
import _TestSupport

/// The real terminal: the built `parley` in a tmux pane, driven by keystrokes.
///
/// Needs tmux (in the Makefile's APT_PACKAGES) and the debug executable that
/// `swift build --build-tests` produces.
enum Tmux {
  static let binary = Fixtures.repositoryRoot.appendingPathComponent(".build/debug/parley").path
  static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
  static var available: Bool {
    tmux != nil && FileManager.default.isExecutableFile(atPath: binary)
  }

  /// Runs one tmux command (stdin from /dev/null, killed after 20 s) and returns its output.
  @discardableResult
  static func run(_ arguments: [String]) throws -> String {
    try ChildProcess.run(tmux!, arguments, timeout: 20).output
  }

  /// Polls the pane until `condition` holds on its text (at most `seconds`).
  static func waitFor(
    _ session: String, seconds: Double = 10, _ condition: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var pane = ""
    while Date() < deadline {
      pane = try run(["capture-pane", "-p", "-t", session])
      if condition(pane) { return pane }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return pane
  }
}

@Suite(
  .enabled(if: Tmux.available, "needs tmux and .build/debug/parley"), .timeLimit(.minutes(3)))
struct TerminalTests {
  @Test func promptCompletionHistoryInterruptAndEndOfInput() throws {
    let scratch = try Scratch()
    // A 14x14 random game: support enumeration runs for many seconds, long enough to stop.
    var generator = SeededGenerator(seed: 14)
    let payoffs = (0..<(14 * 14 * 2)).map { _ in String(generator.next() % 100) }
    let names = { (p: String) in (0..<14).map { "\"\(p)\($0)\"" }.joined(separator: " ") }
    try """
      NFG 1 R "Random" { "Row" "Column" }
      { { \(names("r")) } { \(names("c")) } }
      ""
      \(payoffs.joined(separator: " "))

      """.write(toFile: scratch.path("big.nfg"), atomically: true, encoding: .utf8)
    let history = scratch.path("history")
    let session = "parley-test-\(UUID().uuidString.prefix(8))"
    try Tmux.run([
      "new-session", "-d", "-s", session, "-x", "120", "-y", "40", "-c", scratch.url.path,
      "env", "PARLEY_HISTORY=\(history)", Tmux.binary,
    ])
    defer { _ = try? Tmux.run(["kill-session", "-t", session]) }
    func keys(_ k: String...) throws { try Tmux.run(["send-keys", "-t", session] + k) }

    var pane = try Tmux.waitFor(session) { $0.contains("parley>") }  // tmux trims trailing blanks
    #expect(pane.contains("Type 'help'"))
    // Tab completes a command, a file name and a strategy name.
    try keys("lo", "Tab", "Models/games/batt", "Tab", "as bos", "Enter")
    pane = try Tmux.waitFor(session) { $0.contains("bos: strategic form 2x2") }
    #expect(pane.contains("parley> load Models/games/battle-of-the-sexes.nfg as bos"))
    try keys("set payoff B", "Tab", "Str", "Tab", "4 4", "Enter", "sho", "Tab", "Enter")
    pane = try Tmux.waitFor(session) { $0.contains("Changed since loading") }
    #expect(pane.contains("parley> set payoff Bach Stravinsky 4 4"))
    #expect(pane.contains("Bach       | 2, 1 |       4, 4"))
    // Up recalls the previous line.
    try keys("Up", "Up", "C-e", " 5 5", "Enter")
    pane = try Tmux.waitFor(session) { $0.contains("error: set payoff: 4 payoffs") }
    #expect(pane.contains("parley> set payoff Bach Stravinsky 4 4 5 5"))
    // Ctrl-C stops a long solve and the prompt comes back.
    try keys("solve big.nfg --method enumsupport", "Enter")
    Thread.sleep(forTimeInterval: 1)
    try keys("C-c")
    pane = try Tmux.waitFor(session) { $0.contains("interrupted") }
    #expect(pane.contains("enumsupport, exact, cancelled"))
    try keys("list", "Enter")
    pane = try Tmux.waitFor(session) { $0.contains("* bos") }
    // Ctrl-D leaves: the program ends, and with it the tmux session (the pane is gone).
    try keys("C-d")
    pane = try Tmux.waitFor(session) { $0.isEmpty }
    #expect(pane.isEmpty, "parley did not leave on Ctrl-D")
    // The history file keeps the lines.
    let text = try String(contentsOfFile: history, encoding: .utf8)
    #expect(text.contains("set\\040payoff\\040Bach\\040Stravinsky\\0404\\0404"))
    #expect(text.contains("list"))
  }

  @Test func completionOfANegotiationModelsNames() throws {
    let scratch = try Scratch()
    let session = "parley-test-\(UUID().uuidString.prefix(8))"
    try Tmux.run([
      "new-session", "-d", "-s", session, "-x", "160", "-y", "40", "-c", scratch.url.path,
      "env", "PARLEY_HISTORY=\(scratch.path("history"))", Tmux.binary,
    ])
    defer { _ = try? Tmux.run(["kill-session", "-t", session]) }
    func keys(_ k: String...) throws { try Tmux.run(["send-keys", "-t", session] + k) }

    _ = try Tmux.waitFor(session) { $0.contains("parley>") }
    try keys("load Models/negotiation/six", "Tab", "as talks", "Enter")
    _ = try Tmux.waitFor(session) { $0.contains("talks: negotiation model") }
    // Issues and their options complete as issue:option words; a unique one gets its blank.
    // "security:n" completes to the options' common prefix, "security:non".
    try keys("deal f = nuclear:fr", "Tab", "sanctions:partial-", "Tab", "security:n", "Tab")
    try keys("e exercises:fu", "Tab", "thaad:k", "Tab", "aid:0", "Enter")
    var pane = try Tmux.waitFor(session) { $0.contains("f: nuclear=freeze") }
    #expect(
      pane.contains(
        "f: nuclear=freeze sanctions=partial-relief security=none exercises=full thaad=kept "
          + "aid=0"))
    // Deal names, and the model's parameters after set.
    try keys("evaluate freeze-for-f", "Tab", "Enter")
    pane = try Tmux.waitFor(session) { $0.contains("blocked by North Korea") }
    #expect(pane.contains("parley> evaluate freeze-for-freeze"))
    try keys("set nk_", "Tab", "0.95", "Enter", "show", "Enter")
    pane = try Tmux.waitFor(session) { $0.contains("19/20 (set)") }
    #expect(pane.contains("parley> set nk_patience 0.95"))
  }

  /// On a terminal a sweep draws a progress bar on standard error; Ctrl-C stops it, the
  /// partial table is written with status "cancelled", and the program ends normally.
  @Test func sweepProgressBarAndCtrlC() throws {
    let scratch = try Scratch()
    let model = Fixtures.repositoryRoot.appendingPathComponent(
      "Models/negotiation/six-party-talks.yaml").path
    let output = scratch.path("sweep.txt")
    let session = "parley-sweep-\(UUID().uuidString.prefix(8))"
    // 1,901 points: far more than a few seconds' work in a debug build. The shell ignores
    // Ctrl-C (so it can print the exit status); parley installs its own handler.
    try Tmux.run([
      "new-session", "-d", "-s", session, "-x", "150", "-y", "10", "-c", scratch.url.path,
      "sh", "-c",
      "trap '' INT; '\(Tmux.binary)' sweep '\(model)' --param nk_patience --from 0.9 --to 0.995 "
        + "--step 0.00005 --framework mediation -o '\(output)'; echo EXIT=$?; sleep 30",
    ])
    defer { _ = try? Tmux.run(["kill-session", "-t", session]) }
    var pane = try Tmux.waitFor(session, seconds: 20) { $0.contains("points, ") }
    #expect(pane.contains("/1901 points"))
    #expect(pane.contains("left (Ctrl-C stops)"))
    try Tmux.run(["send-keys", "-t", session, "C-c"])
    pane = try Tmux.waitFor(session, seconds: 20) { $0.contains("EXIT=") }
    #expect(pane.contains("EXIT=0"))
    let text = try String(contentsOfFile: output, encoding: .utf8)
    #expect(text.contains("status: cancelled"))
    #expect(text.contains("of 1901 points computed; the table is partial"))
  }
}
