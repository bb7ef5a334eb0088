// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Locations of the test fixtures, found relative to this source file so that tests run from
/// any working directory.
public enum Fixtures {
  /// The repository's root folder.
  public static let repositoryRoot: URL = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // _TestSupport
      .deletingLastPathComponent()  // Tests
      .deletingLastPathComponent()
  }()

  /// `Tests/Fixtures/gambit`: Gambit's game files (GPL-2.0-or-later, see SOURCE.md there).
  public static var gambit: URL {
    repositoryRoot.appendingPathComponent("Tests/Fixtures/gambit")
  }

  /// `Models/games`: Parley's own catalogue of textbook games.
  public static var catalogue: URL {
    repositoryRoot.appendingPathComponent("Models/games")
  }

  /// Every file under `folder` whose name ends in `.extension`, sorted by path.
  public static func files(withExtension ext: String, under folder: URL) -> [URL] {
    guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    else { return [] }
    return e.compactMap { $0 as? URL }.filter { $0.pathExtension == ext }
      .sorted { $0.path < $1.path }
  }

  /// The Gambit `.nfg` fixtures.
  public static var gambitNFG: [URL] { files(withExtension: "nfg", under: gambit) }
  /// The Gambit `.efg` fixtures.
  public static var gambitEFG: [URL] { files(withExtension: "efg", under: gambit) }
}

/// A small seeded generator (SplitMix64) for reproducible random games.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
