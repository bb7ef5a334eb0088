// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
import _TestSupport

@testable import ParleyCLI

/// The equilibria each catalogue file's comment states, found by `parley solve`.
@Suite struct CatalogueTests {
  /// File, method, and the equilibria (profiles, as in the JSON output) its comment states.
  static let stated: [(file: String, method: String, profiles: Set<[[String]]>)] = [
    ("prisoners-dilemma.nfg", "enummixed", [[["0", "1"], ["0", "1"]]]),
    ("battle-of-the-sexes.nfg", "enummixed", [
      [["1", "0"], ["1", "0"]], [["0", "1"], ["0", "1"]], [["2/3", "1/3"], ["1/3", "2/3"]],
    ]),
    ("matching-pennies.nfg", "enummixed", [[["1/2", "1/2"], ["1/2", "1/2"]]]),
    ("stag-hunt.nfg", "enummixed", [
      [["1", "0"], ["1", "0"]], [["0", "1"], ["0", "1"]], [["1/2", "1/2"], ["1/2", "1/2"]],
    ]),
    ("chicken.nfg", "enummixed", [
      [["1", "0"], ["0", "1"]], [["0", "1"], ["1", "0"]], [["1/2", "1/2"], ["1/2", "1/2"]],
    ]),
    ("rock-paper-scissors.nfg", "enummixed", [
      [["1/3", "1/3", "1/3"], ["1/3", "1/3", "1/3"]],
    ]),
    ("degenerate.nfg", "enummixed", [
      [["1", "0", "0"], ["1", "0"]], [["1", "0", "0"], ["2/3", "1/3"]],
      [["0", "1/3", "2/3"], ["1/3", "2/3"]],
    ]),
    ("reporting-a-crime.nfg", "pure", [
      [["1", "0"], ["0", "1"], ["0", "1"]], [["0", "1"], ["1", "0"], ["0", "1"]],
      [["0", "1"], ["0", "1"], ["1", "0"]],
    ]),
  ]

  @Test(arguments: stated.indices)
  func catalogueGameHasItsStatedEquilibria(_ index: Int) throws {
    let (file, method, profiles) = Self.stated[index]
    let run = CLI.run(["solve", "@/Models/games/" + file, "-m", method, "-f", "json"])
    #expect(run.status == 0, "\(run.errors)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    let equilibria = try #require(object["equilibria"] as? [[String: Any]])
    let found = equilibria.compactMap { $0["profile"] as? [[String]] }
    #expect(found.count == profiles.count, "\(file)")
    #expect(Set(found) == profiles, "\(file)")
  }

  @Test func everyCatalogueFileIsListed() {
    let files = Set(Fixtures.files(withExtension: "nfg", under: Fixtures.catalogue)
      .map(\.lastPathComponent))
    #expect(files == Set(Self.stated.map(\.file)))
  }
}

/// The notebooks in `Notebooks/`: every command parses with its arguments and every file it
/// names exists (running them in full is `make run`'s job; in a debug build the Six Party
/// comparison takes too long for the test suite).
@Suite struct NotebookTests {
  @Test func sixPartySessionCommandsParse() throws {
    let url = Fixtures.repositoryRoot.appendingPathComponent("Notebooks/six-party.parley")
    let text = try String(contentsOf: url, encoding: .utf8)
    var count = 0
    for (line, number) in LogicalLines(text) {
      for words in try CommandSyntax.commands(in: line) where !words.isEmpty {
        count += 1
        #expect(throws: Never.self, "line \(number): \(line)") {
          _ = try SessionCommands.parseAsRoot(words)
        }
        for word in words where word.hasPrefix("Models/") {
          #expect(
            FileManager.default.fileExists(
              atPath: Fixtures.repositoryRoot.appendingPathComponent(word).path),
            "line \(number): no file \(word)")
        }
      }
    }
    #expect(count >= 8)
  }

  /// The fast commands of the session run and print their tables.
  @Test func sixPartyIncentivesAndOutreachRun() {
    let incentives = CLI.run([
      "incentives", "@/Models/negotiation/six-party-talks.yaml", "--deal", "ideal",
    ])
    #expect(incentives.status == 0)
    #expect(incentives.output.contains("total transfers"))
    let outreach = CLI.run(["outreach", "@/Models/negotiation/africa-outreach.yaml"])
    #expect(outreach.status == 0)
    #expect(outreach.output.contains("cuts ties"))
  }
}
