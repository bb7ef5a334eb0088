// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Testing
import _TestSupport

/// Each file in `Malformed/` must fail with exactly the one-line error recorded for it in
/// `Malformed/expected.txt` (`FILE<TAB>LINE:COL: error: MESSAGE`).
@Suite("Malformed files")
struct MalformedFilesTests {
  static let folder = Fixtures.repositoryRoot.appendingPathComponent(
    "Tests/GameFilesTests/Malformed")

  static func expectations() throws -> [String: String] {
    let text = try String(
      contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
    var table = [String: String]()
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let parts = line.split(separator: "\t", maxSplits: 1)
      if parts.count == 2 { table[String(parts[0])] = String(parts[1]) }
    }
    return table
  }

  static func files() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".nfg") || $0.hasSuffix(".efg") }.sorted()
  }

  /// The located error from reading `name`, or `nil` if it reads.
  static func actualError(_ name: String) -> String? {
    do {
      _ = try GameFile.read(contentsOf: folder.appendingPathComponent(name),
        limits: ResourceLimits(maxMemory: 1 << 30))
      return nil
    } catch {
      #expect(error.path.hasSuffix(name))
      #expect(!error.description.contains("\n"))
      return error.locatedMessage
    }
  }

  @Test func everyFileFailsWithItsRecordedError() throws {
    let expected = try Self.expectations()
    let files = try Self.files()
    #expect(files.count >= 30)
    for name in files {
      let actual = Self.actualError(name)
      if ProcessInfo.processInfo.environment["PARLEY_PRINT_MALFORMED"] != nil {
        print("\(name)\t\(actual ?? "(reads)")")
      }
      #expect(actual != nil, "\(name) should not read")
      #expect(actual == expected[name], "\(name)")
    }
    // Every recorded file exists.
    #expect(Set(expected.keys) == Set(files))
  }
}
