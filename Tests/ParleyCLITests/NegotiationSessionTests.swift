// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ParleyCLI
import Testing
import _TestSupport

/// Negotiation and outreach models in a session: save and reload, completion, and the
/// walk-through's LaTeX export compiled by a real TeX.
@Suite struct NegotiationSessionTests {
  static let setup = """
    load Models/negotiation/six-party-talks.yaml as talks
    set nk_patience 0.95; set aid_budget 0.3
    deal mine = nuclear:verified-freeze sanctions:partial-relief security:'non-aggression' \\
      exercises:suspended thaad:kept aid:5
    deal mine = nuclear:freeze sanctions:partial-relief security:non-aggression \\
      exercises:suspended thaad:kept aid:5
    set nk_patience 0.99
    deal small = nuclear=freeze sanctions=keep security=none exercises=full thaad=kept aid=0
    load Models/negotiation/africa-outreach.yaml as africa
    set sponsor_budget 150
    use talks
    save session saved.parley
    """

  /// What a session shows of its state: every model, deal and parameter, and results that
  /// depend on them.
  func state(_ r: inout SessionRunner, _ scratch: Scratch) -> String {
    let t = Transcript()
    r.io = t.io
    _ = r.run(
      line: "list; show talks; deals talks; actors talks; evaluate mine; evaluate small; "
        + "show africa; outreach africa; negotiate --framework mediation")
    return scratch.relative(t.value).replacingOccurrences(of: "@scratch/", with: "")
  }

  @Test func savedSessionRebuildsTheSameState() throws {
    let scratch = try Scratch()
    let transcript = Transcript()
    var runner = scratch.runner(transcript, echo: false)
    #expect(
      runner.runScript(Self.setup, name: "setup", keepGoing: false) == 0, "\(transcript.value)")
    let saved = try scratch.read("saved.parley")
    // Every change is replayed, in order; the redefinition of 'mine' too.
    #expect(saved.contains("\nset nk_patience 0.95\nset aid_budget 0.3\n"))
    #expect(saved.contains("\ndeal small = nuclear=freeze sanctions=keep"))
    #expect(saved.contains("\nset sponsor_budget 150\n"))
    #expect(saved.hasSuffix("use talks\n"))

    let rebuilt = Transcript()
    var second = scratch.runner(rebuilt, echo: false)
    #expect(second.run(line: "run saved.parley") == .success, "\(rebuilt.value)")
    let original = state(&runner, scratch)
    #expect(original.contains("nk_patience  99/100 (set)"))
    #expect(original.contains("mine                  session           freeze  partial-relief"))
    #expect(original.contains("budget 150"))
    #expect(!original.contains("error"))
    #expect(state(&second, scratch) == original)
    #expect(second.session.script == runner.session.script)
  }

  @Test func setChangesTheModelAndFailuresLeaveItAlone() throws {
    let scratch = try Scratch()
    let transcript = Transcript()
    var runner = scratch.runner(transcript, echo: false)
    #expect(runner.run(line: "load Models/negotiation/six-party-talks.yaml") == .success)
    func budget() -> String {
      let t = Transcript()
      var r = runner
      r.io = t.io
      _ = r.run(line: "actors --format csv")
      return t.value.split(separator: "\r\n").first { $0.hasPrefix("United States,") }
        .map(String.init) ?? ""
    }
    #expect(budget().hasSuffix(",1/20"))  // 0.21 · 5/21
    #expect(runner.run(line: "set aid_budget 0.42") == .success)
    #expect(budget().hasSuffix(",1/10"))
    // Out of range, not a number, or unknown: one line naming the parameter, no change.
    for line in ["set aid_budget 0.6", "set aid_budget lots", "set aid_bugdet 0.3"] {
      let before = transcript.value.count
      #expect(runner.run(line: line) == .failure(64))
      let message = String(transcript.value.dropFirst(before))
      #expect(message.hasPrefix("error: set"), "\(message)")
      #expect(message.contains("aid_bu"), "\(message)")
      #expect(message.split(separator: "\n").count == 1)
    }
    #expect(budget().hasSuffix(",1/10"))
  }

  @Test func theOneShotFormsStillNeedAFile() {
    let run = CLI.run(["negotiate", "--framework", "mediation"])
    #expect(run.status == 64)
    #expect(run.errors.contains("negotiate: give the model FILE"))
    let outside = CLI.run(["incentives", "--deal", "freeze-for-freeze"])
    #expect(outside.status == 64)
  }

  @Test func theCompleterOffersTheModelsNames() throws {
    let scratch = try Scratch()
    var runner = scratch.runner(Transcript(), echo: false)
    _ = runner.run(
      line: "load Models/negotiation/six-party-talks.yaml as talks; deal mine = nuclear:freeze "
        + "sanctions:keep security:none exercises:full thaad:kept aid:0")
    let c = Completer(session: runner.session)
    #expect(
      c.complete(before: "evaluate ", word: "free")
        == .words(["freeze-for-freeze", "freeze-for-relief"]))
    #expect(c.complete(before: "evaluate ", word: "mi") == .words(["mine"]))
    #expect(
      c.complete(before: "deal x = ", word: "sanctions:")
        == .words([
          "sanctions:tighten", "sanctions:keep", "sanctions:partial-relief",
          "sanctions:full-relief",
        ]))
    // An issue already given is not offered again.
    #expect(c.complete(before: "deal x = nuclear:freeze ", word: "nuc") == .words([]))
    #expect(c.complete(before: "deal x ", word: "") == .words(["="]))
    #expect(
      c.complete(before: "evaluate nuclear:freeze ", word: "aid:")
        == .words(
          ["aid:0", "aid:5/2", "aid:5", "aid:15/2", "aid:10"]))
    #expect(c.complete(before: "set ", word: "nk") == .words(["nk_patience"]))
    #expect(c.complete(before: "negotiate --set ", word: "a") == .words(["aid_budget="]))
    #expect(c.complete(before: "negotiate --pair ", word: "North") == .words(["'North Korea'"]))
    #expect(c.complete(before: "incentives --deal ", word: "g") == .words(["grand-bargain"]))
    #expect(c.complete(before: "actors ", word: "") == .words(["talks"]))
  }

  /// The README's walk-through: load, deal, evaluate, negotiate, export a LaTeX table; the
  /// table compiles in a document with booktabs.
  @Test(
    .enabled(
      if: Self.pdflatex != nil,
      "pdflatex (Debian texlive-latex-base) is not installed; LaTeX exports not compiled"))
  func theWalkThroughsLaTeXCompiles() throws {
    let scratch = try Scratch()
    defer { try? FileManager.default.removeItem(at: scratch.url) }
    let transcript = Transcript()
    var runner = scratch.runner(transcript, echo: false)
    let script = """
      load Models/negotiation/six-party-talks.yaml as talks
      deal freeze = nuclear:freeze sanctions:partial-relief security:none exercises:full \\
        thaad:kept aid:0
      evaluate freeze
      export --format latex --to freeze.tex
      negotiate --framework mediation --framework "bilateral=United States,North Korea"
      export latex negotiate.tex
      """
    #expect(runner.runScript(script, name: "walk", keepGoing: false) == 0, "\(transcript.value)")
    let table = try scratch.read("freeze.tex")
    #expect(table.contains("\\toprule"))
    #expect(table.contains("% command: parley export --format latex --to freeze.tex") == false)
    #expect(table.contains("% command: parley evaluate freeze"))
    let document = """
      \\documentclass{article}
      \\usepackage[T1]{fontenc}
      \\usepackage[utf8]{inputenc}
      \\usepackage{booktabs}
      \\DeclareUnicodeCharacter{2013}{--}
      \\DeclareUnicodeCharacter{03B4}{$\\delta$}
      \\begin{document}
      \\input{\(scratch.path("freeze.tex"))}
      \\input{\(scratch.path("negotiate.tex"))}
      \\end{document}

      """
    try document.write(
      to: scratch.url.appendingPathComponent("main.tex"), atomically: true, encoding: .utf8)
    let run = try ChildProcess.run(
      Self.pdflatex!,
      [
        "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
        "-output-directory=\(scratch.url.path)", scratch.path("main.tex"),
      ], timeout: 120)
    #expect(run.status == 0, "pdflatex failed:\n\(run.output.suffix(2000))")
    #expect(FileManager.default.fileExists(atPath: scratch.path("main.pdf")))
  }

  static let pdflatex: String? = {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
      .split(separator: ":")
    return folders.map { "\($0)/pdflatex" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }()
}
