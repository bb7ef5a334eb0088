// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ParleyCLI
import Testing
import _TestSupport

/// Parametric games in a session (`set NAME VALUE` on a `parley: game` file) and sweeps and
/// Monte Carlo runs on the session's model: they equal the one-shot commands given the same
/// values with `--set`.
@Suite struct ParametricSessionTests {
  static let triangle = "Models/case/triangle-parametric.yaml"

  /// The output of `line` run in `runner` (a copy: the runner is not changed).
  func output(_ runner: SessionRunner, _ line: String) -> (String, SessionRunner.Outcome) {
    let t = Transcript()
    var r = runner
    r.io = t.io
    let outcome = r.run(line: line)
    return (t.value, outcome)
  }

  /// CSV rows without the provenance comments (which name the command and the file).
  func rows(_ csv: String) -> [String] {
    csv.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.hasPrefix("#") }
  }

  @Test func setReinstantiatesAGameAndIsSavedWithTheSession() throws {
    let scratch = try Scratch()
    let transcript = Transcript()
    var runner = scratch.runner(transcript, echo: false)
    #expect(runner.run(line: "load \(Self.triangle) as t; set distrust 6") == .success)
    let (shown, _) = output(runner, "show")
    #expect(shown.contains("distrust   6 (set)"), "\(shown)")
    // At distrust 6 the game is triangle-distrust.nfg: the same equilibria, exactly.
    let (solved, status) = output(runner, "solve --method pure --format csv")
    #expect(status == .success)
    let direct = CLI.run([
      "solve", "@/Models/case/triangle-distrust.nfg", "--method", "pure", "--format", "csv",
    ])
    #expect(direct.status == 0, "\(direct.errors)")
    #expect(rows(solved).dropFirst() == rows(direct.output).dropFirst())
    // Out of range or unknown: one line naming the parameter; the game is unchanged.
    for line in ["set distrust 9", "set distrst 2"] {
      let (message, outcome) = output(runner, line)
      #expect(outcome == .failure(64))
      #expect(message.hasPrefix("error: set"), "\(message)")
      #expect(message.split(separator: "\n").count == 1)
    }
    #expect(output(runner, "show").0 == shown)
    // A saved session sets the value again.
    #expect(runner.run(line: "save session saved.parley") == .success)
    #expect(try scratch.read("saved.parley").contains("\nset distrust 6\n"))
    var second = scratch.runner(Transcript(), echo: false)
    #expect(second.run(line: "run saved.parley") == .success)
    // (The first line names the file: here the saved session's absolute path.)
    #expect(output(second, "show").0.split(separator: "\n").dropFirst() == shown.split(separator: "\n").dropFirst())
    // Payoffs changed by hand detach the game from its parameters.
    #expect(runner.run(line: "set payoff Enforce Provoke Pressure 1 1 1") == .success)
    let (refused, outcome) = output(runner, "set face 2")
    #expect(outcome == .failure(64))
    #expect(refused.contains("changed by hand"), "\(refused)")
    let (sweepRefused, _) = output(runner, "sweep --param face --from 0 --to 1 --step 1 --method pure")
    #expect(sweepRefused.contains("changed by hand"), "\(sweepRefused)")
  }

  @Test func sweepAndSampleUseTheSessionsValues() throws {
    let scratch = try Scratch()
    var runner = scratch.runner(Transcript(), echo: false)
    #expect(runner.run(line: "load \(Self.triangle) as t; set distrust 6") == .success)
    let sweep = "--param face --from 0 --to 4 --step 1 --method pure --format csv"
    let (inSession, s1) = output(runner, "sweep \(sweep)")
    #expect(s1 == .success, "\(inSession)")
    let oneShot = CLI.run(
      ["sweep", "@/" + Self.triangle, "--set", "distrust=6"] + sweep.split(separator: " ").map(String.init))
    #expect(oneShot.status == 0, "\(oneShot.errors)")
    #expect(rows(inSession) == rows(oneShot.output))
    #expect(rows(inSession).count == 6)
    // The session's value of distrust is fixed; face is drawn.
    let sample = "--seed 3 --method pure --draws --format csv"
    let (drawn, s2) = output(runner, "sample 12 \(sample)")
    #expect(s2 == .success, "\(drawn)")
    let direct = CLI.run(
      ["sample", "@/" + Self.triangle, "12", "--set", "distrust=6"]
        + sample.split(separator: " ").map(String.init))
    #expect(direct.status == 0, "\(direct.errors)")
    #expect(rows(drawn) == rows(direct.output))
    #expect(rows(drawn).count == 13)
    // The model's name works as FILE too; the swept parameter's session value is ignored.
    #expect(runner.run(line: "set face 4") == .success)
    #expect(rows(output(runner, "sweep t \(sweep)").0) == rows(oneShot.output))
    // Every parameter is fixed by the session: nothing is left to draw.
    let (none, s3) = output(runner, "sample t 5 --method pure")
    #expect(s3 == .failure(64))
    #expect(none.contains("no parameter left to draw"), "\(none)")
  }

  @Test func negotiationSweepsUseTheSessionsValues() throws {
    let scratch = try Scratch()
    var runner = scratch.runner(Transcript(), echo: false)
    #expect(
      runner.run(line: "load Models/negotiation/six-party-talks.yaml; set aid_budget 0.42")
        == .success)
    let sweep = "--param nk_patience --from 0.9 --to 0.98 --step 0.04 --framework unanimity --format csv"
    let (inSession, status) = output(runner, "sweep \(sweep)")
    #expect(status == .success, "\(inSession)")
    let oneShot = CLI.run(
      ["sweep", "@/Models/negotiation/six-party-talks.yaml", "--set", "aid_budget=0.42"]
        + sweep.split(separator: " ").map(String.init))
    #expect(oneShot.status == 0, "\(oneShot.errors)")
    #expect(rows(inSession) == rows(oneShot.output))
  }

  @Test func treesAndBargainingProblemsTakeSetToo() throws {
    let scratch = try Scratch()
    var runner = scratch.runner(Transcript(), echo: false)
    // A game tree: the session's value of k reaches the solver as --set does.
    #expect(runner.run(line: "load Models/case/sanctions-race.yaml as race; set k 6") == .success)
    let sweep = "--param c --from 1 --to 2 --step 1 --method pure --format csv"
    let (tree, s1) = output(runner, "sweep \(sweep)")
    #expect(s1 == .success, "\(tree)")
    let treeDirect = CLI.run(
      ["sweep", "@/Models/case/sanctions-race.yaml", "--set", "k=6"]
        + sweep.split(separator: " ").map(String.init))
    #expect(treeDirect.status == 0, "\(treeDirect.errors)")
    #expect(rows(tree) == rows(treeDirect.output))
    #expect(output(runner, "show").0.contains("k               6 (set)"))
    // A bargaining problem: `bargain` solves the problem at the session's values.
    #expect(runner.run(line: "load Models/bargaining/partners.yaml as p; set split 6") == .success)
    let (solved, s2) = output(runner, "bargain --format csv")
    #expect(s2 == .success, "\(solved)")
    let direct = CLI.run([
      "bargain", "@/Models/bargaining/partners.yaml", "--set", "split=6", "--format", "csv",
    ])
    #expect(direct.status == 0, "\(direct.errors)")
    #expect(rows(solved) == rows(direct.output))
    #expect(rows(solved).contains { $0.hasPrefix("nash,6,6,") }, "\(solved)")
  }

  @Test func theOneShotFormsNeedAFile() {
    let sweep = CLI.run(["sweep", "--param", "x", "--from", "0", "--to", "1", "--step", "1", "--method", "pure"])
    #expect(sweep.status == 64)
    #expect(sweep.errors.contains("sweep: give the model FILE"))
    let sample = CLI.run(["sample", "--method", "pure"])
    #expect(sample.status == 64)
    #expect(sample.errors.contains("sample: give the model FILE"))
  }
}
