// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
import _TestSupport

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
