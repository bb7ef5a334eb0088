// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Testing
import _TestSupport

/// Each file in `Malformed/` must fail with exactly the one-line error recorded for it in
/// `Malformed/expected.txt` (`FILE<TAB>LINE:COL: error: MESSAGE`; bargaining files, whose
/// reader locates lines only, record `LINE: error: MESSAGE`).
///
/// The reader is chosen by the name's ending: `.nfg` and `.efg` (Gambit), `.negotiation.yaml`,
/// `.outreach.yaml`, `.bargaining.txt`, `.coalitional.txt`, `.csv` (actor tables) and
/// `.game.yaml` (parametric strategic games, whose formulas bring the expression language's
/// errors: cycles, unknown names, division by zero, sizes), `.tree.yaml` (parametric game
/// trees), `.bargaining.yaml` and `.coalitional.yaml` (parametric bargaining problems and
/// coalitional games).
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
      .filter { Kind(fileName: $0) != nil }.sorted()
  }

  /// The formats in the corpus, by file-name ending.
  enum Kind: String, CaseIterable {
    case gambit, negotiation, outreach, bargaining, coalitional, actors, game, tree
    case bargainingModel, coalitionalModel

    init?(fileName name: String) {
      if name.hasSuffix(".nfg") || name.hasSuffix(".efg") {
        self = .gambit
      } else if name.hasSuffix(".negotiation.yaml") {
        self = .negotiation
      } else if name.hasSuffix(".outreach.yaml") {
        self = .outreach
      } else if name.hasSuffix(".bargaining.txt") {
        self = .bargaining
      } else if name.hasSuffix(".coalitional.txt") {
        self = .coalitional
      } else if name.hasSuffix(".csv") {
        self = .actors
      } else if name.hasSuffix(".game.yaml") {
        self = .game
      } else if name.hasSuffix(".tree.yaml") {
        self = .tree
      } else if name.hasSuffix(".bargaining.yaml") {
        self = .bargainingModel
      } else if name.hasSuffix(".coalitional.yaml") {
        self = .coalitionalModel
      } else {
        return nil
      }
    }
  }

  /// Reads `url` with the reader for `kind`, discarding what it reads.
  static func read(_ url: URL, kind: Kind) throws(GameFileError) {
    switch kind {
    case .gambit:
      _ = try GameFile.read(contentsOf: url, limits: ResourceLimits(maxMemory: 1 << 30))
    case .negotiation: _ = try NegotiationFile.read(path: url.path)
    case .outreach: _ = try OutreachFile.read(contentsOf: url)
    case .coalitional: _ = try CoalitionalGameFile.read(contentsOf: url)
    case .actors: _ = try ActorTable.read(contentsOf: url)
    case .game: _ = try StrategicGameFile.readParametric(contentsOf: url)
    case .tree: _ = try TreeFile.readParametric(contentsOf: url)
    case .bargainingModel: _ = try BargainingFile.readParametric(contentsOf: url)
    case .coalitionalModel: _ = try CoalitionalGameFile.readParametric(contentsOf: url)
    case .bargaining: preconditionFailure("bargaining files are read by actualError")
    }
  }

  /// The located error from reading `name`, or `nil` if it reads.
  static func actualError(_ name: String) -> String? {
    let url = folder.appendingPathComponent(name)
    guard let kind = Kind(fileName: name) else { return nil }
    if kind == .bargaining {
      guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8)
      else { return "error: cannot read the file as UTF-8" }
      do {
        _ = try BargainingFile.parse(text, path: url.path)
        return nil
      } catch {
        #expect(error.path.hasSuffix(name))
        #expect(!error.description.contains("\n"))
        return "\(error.line): error: \(error.message)"
      }
    }
    do {
      try read(url, kind: kind)
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
    #expect(files.count >= 100)
    // Every format has its share of the corpus.
    for kind in Kind.allCases {
      #expect(files.filter { Kind(fileName: $0) == kind }.count >= 8, "\(kind)")
    }
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
