// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ParleyCLI
import Synchronization
import Testing
import _TestSupport

/// Output and errors captured in the order they were written (one transcript).
final class Transcript: Sendable {
  private let text = Mutex("")
  var value: String { text.withLock { $0 } }
  var io: CommandIO {
    CommandIO(
      write: { s in self.text.withLock { $0 += s } },
      writeError: { s in self.text.withLock { $0 += s } })
  }
}

/// A scratch folder holding a link to the repository's `Models/`, so that scripts name
/// models by relative paths and write their exports inside the scratch folder.
struct Scratch {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("parley-session-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: url.appendingPathComponent("Models"),
      withDestinationURL: Fixtures.repositoryRoot.appendingPathComponent("Models"))
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  func read(_ name: String) throws -> String {
    try String(contentsOfFile: path(name), encoding: .utf8)
  }

  /// `text` with the scratch folder's path written as `@scratch`.
  func relative(_ text: String) -> String {
    text.replacingOccurrences(of: url.path, with: "@scratch")
  }

  /// A runner on a fresh session in this folder, echoing lines after `parley> `.
  func runner(_ transcript: Transcript, echo: Bool = true) -> SessionRunner {
    SessionRunner(
      session: Session(directory: url), io: transcript.io, echoPrompt: echo ? "parley> " : nil)
  }
}

enum SessionGolden {
  static let folder = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/parley-repl")

  /// Runs `NAME.parley` line by line with keep-going (every line, like a REPL user typing
  /// them) and returns the transcript and the scratch folder.
  static func transcript(of name: String) throws -> (String, Scratch) {
    let scratch = try Scratch()
    let script = try String(
      contentsOf: folder.appendingPathComponent(name + ".parley"), encoding: .utf8)
    let transcript = Transcript()
    var runner = scratch.runner(transcript)
    for (line, _) in LogicalLines(script) { _ = runner.run(line: line) }
    return (scratch.relative(transcript.value), scratch)
  }
}

@Suite struct SessionTranscriptTests {
  @Test(arguments: ["basics", "errors", "bargaining", "negotiation"])
  func transcriptMatchesGolden(name: String) throws {
    let (text, _) = try SessionGolden.transcript(of: name)
    try CLI.checkGolden(text, named: "../parley-repl/\(name).transcript")
  }

  @Test func exportsAreWrittenWhole() throws {
    let (_, scratch) = try SessionGolden.transcript(of: "basics")
    let markdown = try scratch.read("bos.md")
    #expect(markdown.hasPrefix("**Bach or Stravinsky"))
    #expect(markdown.contains("lcp, exact"))
    let saved = try scratch.read("bos.parley")
    #expect(saved.contains("set payoff Bach Bach 3 1"))
    #expect(saved.contains("set method lcp"))
    #expect(saved.hasSuffix("use bos\n"))
    // No temporary file of the atomic write is left behind.
    let names = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted()
    #expect(names == ["Models", "bos.md", "bos.parley"])
  }

  @Test func failingCommandLeavesSessionUnchanged() throws {
    let scratch = try Scratch()
    let transcript = Transcript()
    var runner = scratch.runner(transcript, echo: false)
    #expect(runner.run(line: "load Models/games/chicken.nfg; set payoff Swerve Swerve 7 7")
      == .success)
    let before = runner.session.script
    // The first payoff is valid, the second player's is not: neither may be applied.
    #expect(runner.run(line: "set payoff Straight Straight James=5 Dean=z") == .failure(64))
    #expect(runner.run(line: "set decimals 3; set method nope") == .failure(64))
    #expect(runner.session.script != before)  // the first command of the line did run
    #expect(runner.session.parameters.decimals == 3)
    #expect(runner.session.parameters.method == nil)
    #expect(runner.session.current?.edits == ["set payoff Swerve Swerve 7 7"])
    #expect(runner.run(line: "load Models/games/missing.nfg as chicken") == .failure(65))
    #expect(runner.session.items.count == 1)
    #expect(runner.session.lastResult == nil)
    #expect(runner.run(line: "solve --method nope") == .failure(64))
    #expect(runner.session.lastResult == nil)
  }

  @Test func savedSessionRebuildsTheSameState() throws {
    let scratch = try Scratch()
    let transcript = Transcript()
    var runner = scratch.runner(transcript, echo: false)
    let setup = """
      set method enumsupport; set float on; set time-limit 2.5
      load Models/games/battle-of-the-sexes.nfg as 'the sexes'
      set payoff Bach Stravinsky -1/2 0.25; set payoff Stravinsky Bach 'Player 2'=7
      load Models/bargaining/partners.txt
      set deal 'new deal' 3 7; set disagreement 0 1
      load Models/games/chicken.nfg
      use 'the sexes'
      save session saved.parley
      """
    #expect(runner.runScript(setup, name: "setup", keepGoing: false) == 0, "\(transcript.value)")
    let rebuilt = Transcript()
    var second = scratch.runner(rebuilt, echo: false)
    #expect(second.run(line: "run saved.parley") == .success, "\(rebuilt.value)")
    func state(_ r: inout SessionRunner) -> String {
      let t = Transcript()
      r.io = t.io
      _ = r.run(line: "list; show params; show 'the sexes'; show partners; show chicken")
      // The saved script names files by absolute paths.
      return scratch.relative(t.value).replacingOccurrences(of: "@scratch/", with: "")
    }
    let original = state(&runner)
    #expect(original.contains("-1/2, 1/4"))
    #expect(original.contains("new deal"))
    #expect(state(&second) == original)
    #expect(second.session.script == runner.session.script)
  }

  @Test func everyHelpExampleRuns() throws {
    for (command, lines) in Help.examples.sorted(by: { $0.key < $1.key }) {
      let scratch = try Scratch()
      let transcript = Transcript()
      var runner = scratch.runner(transcript, echo: false)
      for line in lines {
        let outcome = runner.run(line: line)
        #expect(
          outcome == .success || (command == "quit" && outcome == .quit),
          "help \(command): \(line)\n\(transcript.value)")
      }
    }
  }

  @Test func everyCommandHasHelpWithAnExample() {
    for name in SessionCommands.commandNames where name != "exit" {
      let transcript = Transcript()
      var runner = SessionRunner(io: transcript.io)
      #expect(runner.run(line: "help \(name)") == .success)
      #expect(transcript.value.contains("USAGE:"), "help \(name)")
      #expect(transcript.value.contains("EXAMPLE:"), "help \(name) has no example")
    }
  }
}

@Suite struct ScriptModeTests {
  static let failing = """
    # A script whose third command fails.
    load @/Models/games/battle-of-the-sexes.nfg as bos
    solve --method pure
    set payoff Bach Nowhere 1 1
    solve --method enummixed
    """

  func write(_ text: String) throws -> (Scratch, String) {
    let scratch = try Scratch()
    let path = scratch.path("script.parley")
    try text.replacingOccurrences(of: "@/", with: CLI.root).write(
      toFile: path, atomically: true, encoding: .utf8)
    return (scratch, path)
  }

  @Test func runStopsAtTheFirstError() throws {
    let (scratch, path) = try write(Self.failing)
    let r = CLI.run(["run", path])
    #expect(r.status == 64)
    #expect(r.output.contains("pure, exact"))
    #expect(!r.output.contains("enummixed"))
    #expect(
      scratch.relative(r.errors)
        == "@scratch/script.parley:4: error: set payoff: strategy 2 'Nowhere' is not one of "
        + "Player 2's (Bach, Stravinsky)\n")
  }

  @Test func keepGoingRunsEveryLineAndStillFails() throws {
    let (_, path) = try write(Self.failing)
    let r = CLI.run(["run", path, "--keep-going"])
    #expect(r.status == 64)
    #expect(r.output.contains("pure, exact"))
    #expect(r.output.contains("enummixed, exact, complete: 3 equilibria"))
    #expect(r.errors.split(separator: "\n").count == 1)
  }

  @Test func executeOption() {
    let ok = CLI.run([
      "-e", "load @/Models/games/prisoners-dilemma.nfg as pd; solve -m pure", "-e", "list",
    ].map { $0.replacingOccurrences(of: "@/", with: CLI.root) })
    #expect(ok.status == 0, "\(ok.errors)")
    #expect(ok.output.contains("pure, exact, complete: 1 equilibrium"))
    #expect(ok.output.contains("* pd  strategic form 2x2"))
    let bad = CLI.run(["-e", "solve; list"])
    #expect(bad.status == 65)
    #expect(bad.errors == "error: nothing is loaded (load FILE first)\n")
    #expect(bad.output.isEmpty)
    let going = CLI.run(["-e", "solve", "-e", "list", "--keep-going"])
    #expect(going.status == 65)
    #expect(going.output == "nothing is loaded\n")
  }

  @Test func missingScript() {
    let r = CLI.run(["run", "/nonexistent/script.parley"])
    #expect(r.status == 65)
    #expect(r.errors == "parley: error: cannot read the script /nonexistent/script.parley\n")
  }
}

@Suite struct CommandSyntaxTests {
  @Test func wordsQuotesCommentsAndSemicolons() throws {
    #expect(try CommandSyntax.commands(in: "solve bos -m lcp") == [["solve", "bos", "-m", "lcp"]])
    #expect(
      try CommandSyntax.commands(in: #"set payoff 'Player 1'=3 "a \"b\"" x\ y # note"#)
        == [["set", "payoff", "Player 1=3", #"a "b""#, "x y"]])
    #expect(try CommandSyntax.commands(in: "list; ;show params;") == [["list"], ["show", "params"]])
    #expect(try CommandSyntax.commands(in: "load a#b") == [["load", "a#b"]])
    #expect(try CommandSyntax.commands(in: "   # only a comment") == [])
    #expect(throws: CommandSyntax.SyntaxError.self) { try CommandSyntax.commands(in: "load 'x") }
  }

  @Test func quotingRoundTrips() throws {
    for word in ["plain", "with space", "it's", "#hash", "", "a;b", "-1/2", "x\\y"] {
      #expect(try CommandSyntax.commands(in: "w " + CommandSyntax.quoted(word)) == [["w", word]])
    }
  }

  @Test func continuationLines() {
    let lines = Array(LogicalLines("solve \\\n  --float\nlist\\\\\nend\\"))
    #expect(lines.map(\.line) == ["solve    --float", "list\\\\", "end"])
    #expect(lines.map(\.number) == [1, 3, 4])
  }

  /// "\r\n" is a single Character in Swift: a CRLF script still splits into its lines.
  @Test func crlfLines() {
    let lines = Array(LogicalLines("solve \\\r\n  --float\r\nlist\r\nend\r\n"))
    #expect(lines.map(\.line) == ["solve    --float", "list", "end"])
    #expect(lines.map(\.number) == [1, 3, 4])
  }
}

@Suite struct CompleterTests {
  func completer() throws -> Completer {
    let scratch = try Scratch()
    var runner = scratch.runner(Transcript(), echo: false)
    _ = runner.run(
      line: "load Models/bargaining/partners.txt; load Models/games/battle-of-the-sexes.nfg as bos")
    return Completer(session: runner.session)
  }

  @Test func commandsOptionsAndNames() throws {
    let c = try completer()
    #expect(c.complete(before: "", word: "s") == .words(["sample", "save", "set", "show", "solve", "status", "sweep"]))
    #expect(c.complete(before: "help ", word: "ar") == .words(["arbitrate"]))
    #expect(
      c.complete(before: "help arbitrate ", word: "c") == .words(["conventional", "compare"]))
    #expect(
      c.complete(before: "solve ", word: "--m")
        == .words(["--method", "--max-memory", "--mixed"]))
    #expect(c.complete(before: "solve -m ", word: "enum") == .words(["enummixed", "enumsupport"]))
    #expect(
      c.complete(before: "arbitrate compare ", word: "--u")
        == .words(["--uniform", "--union-risk"]))
    #expect(c.complete(before: "show ", word: "") == .words(["partners", "bos", "result", "params"]))
    #expect(c.complete(before: "list; use ", word: "b") == .words(["bos"]))
    #expect(c.complete(before: "export ", word: "la") == .words(["latex"]))
    #expect(c.complete(before: "export latex ", word: "") == .files)
    #expect(c.complete(before: "load ", word: "Mod") == .files)
    #expect(c.complete(before: "solve ", word: "Mod") == .words(["Models/"]))
    #expect(c.complete(before: "solve ", word: "Models/games/batt")
      == .words(["Models/games/battle-of-the-sexes.nfg"]))
  }

  @Test func strategiesAndPlayers() throws {
    let c = try completer()
    #expect(c.complete(before: "set ", word: "p") == .words(["payoff"]))
    #expect(c.complete(before: "set payoff ", word: "B") == .words(["Bach"]))
    #expect(c.complete(before: "set payoff Bach ", word: "") == .words(["Bach", "Stravinsky"]))
    #expect(c.complete(before: "set payoff Bach Bach ", word: "Pl")
      == .words(["'Player 1'=", "'Player 2'="]))
    #expect(c.complete(before: "set payoff Bach Bach 'Player ", word: "")
      == .words(["1'=", "2'="]))
    #expect(c.complete(before: "set method ", word: "l") == .words(["lcp", "logit"]))
  }
}
