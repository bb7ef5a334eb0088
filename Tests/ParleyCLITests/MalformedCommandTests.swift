// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
import _TestSupport

/// The command lines of `Tests/GameFilesTests/Malformed/commands.txt` (bad or oversized
/// sweep, grid and sample arguments): each fails with its recorded exit status and first
/// line of standard error, prints nothing on standard output, and does so before any point
/// or draw is computed (a huge grid or run would take minutes or gigabytes otherwise).
@Suite struct MalformedCommandTests {
  static let file = Fixtures.repositoryRoot.appendingPathComponent(
    "Tests/GameFilesTests/Malformed/commands.txt")

  static func cases() throws -> [(words: [String], status: Int32, line: String)] {
    try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
      .filter { !$0.hasPrefix("#") }
      .map { entry in
        let parts = entry.split(separator: "\t", maxSplits: 2).map(String.init)
        try #require(parts.count == 3, "\(entry)")
        return (
          parts[0].split(separator: " ").map(String.init), try #require(Int32(parts[1])),
          parts[2]
        )
      }
  }

  @Test func everyCommandFailsWithItsRecordedLine() throws {
    let cases = try Self.cases()
    #expect(cases.count >= 15)
    for c in cases {
      let run = CLI.run(c.words)
      let first = run.errors.split(separator: "\n", omittingEmptySubsequences: false).first
      if ProcessInfo.processInfo.environment["PARLEY_PRINT_MALFORMED"] != nil {
        print("\(c.words.joined(separator: " "))\t\(run.status)\t\(first ?? "")")
      }
      #expect(run.status == c.status, "\(c.words)")
      #expect(first.map(String.init) == c.line, "\(c.words)")
      #expect(run.output == "", "\(c.words)")
    }
  }
}
