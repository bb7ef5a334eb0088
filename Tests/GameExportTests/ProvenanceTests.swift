// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameExport
import Testing
import _TestSupport

/// The hand-written SHA-256 and the provenance lines the exports add.
@Suite struct ProvenanceTests {
  /// FIPS 180-4's examples (NIST, "SHA256.pdf" in the Cryptographic Standards examples): the
  /// one-block "abc", the two-block 448-bit message, the 896-bit one, and the empty string.
  @Test(arguments: [
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr"
        + "lmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
  ])
  func standardVectors(_ message: String, _ digest: String) {
    #expect(SHA256.hexDigest(of: message) == digest)
    #expect(SHA256.digest(Array(message.utf8)).count == 32)
  }

  /// Lengths around the padding boundaries (55, 56, 63, 64 bytes mod 64) agree with
  /// coreutils' `sha256sum` on seeded random bytes.
  @Test(
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum"),
      "/usr/bin/sha256sum (coreutils) is not installed"))
  func paddingBoundariesAgreeWithCoreutils() throws {
    var generator = SeededGenerator(seed: 180_4)
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("parley-sha-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for length in [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000] {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let file = folder.appendingPathComponent("m\(length)")
      try Data(bytes).write(to: file)
      let run = try ChildProcess.run("/usr/bin/sha256sum", [file.path])
      #expect(run.status == 0)
      #expect(String(run.output.prefix(64)) == SHA256.hexDigest(bytes), "length \(length)")
    }
  }

  @Test func commandLinesAreShellQuoted() {
    #expect(
      Provenance.commandLine(["parley", "solve", "@/Models/g.nfg", "--format", "latex"])
        == "parley solve @/Models/g.nfg --format latex")
    #expect(
      Provenance.commandLine(["parley", "negotiate", "m.yaml", "--axes", "United States,Japan"])
        == "parley negotiate m.yaml --axes 'United States,Japan'")
    #expect(Provenance.commandLine(["a", "", "it's", "$x;"]) == #"a '' 'it'\''s' '$x;'"#)
  }

  static let stamped: ResultTable = {
    var table = ResultTable(
      kind: "coop", title: "Council", rowHeader: "solution", columns: ["A", "B"],
      rows: [.init(label: "shapley", cells: ["1/2", "1/2"])], isExact: true,
      parameters: ["shapley": "enumeration"], file: "council.txt", version: "9.9.9")
    table.provenance = Provenance(
      commandLine: "parley coop council.txt --format latex",
      fileSHA256: SHA256.hexDigest(of: "abc"))
    return table
  }()

  @Test func resultTablesCarryTheCommandAndTheHash() {
    let hash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    let json = Self.stamped.rendered(as: .json)
    #expect(json.contains("  \"file\": \"council.txt\",\n  \"fileSHA256\": \"\(hash)\",\n"))
    #expect(json.contains("\"command\": \"parley coop council.txt --format latex\""))
    let latex = Self.stamped.rendered(as: .latex)
    #expect(latex.contains("\n% sha256: \(hash)\n% command: parley coop council.txt"))
    #expect(Self.stamped.rendered(as: .markdown).contains("SHA-256 of the file: `\(hash)`."))
    let csv = Self.stamped.rendered(as: .csv)
    #expect(csv.contains("\r\n# sha256: \(hash)\r\n# command: parley coop council.txt"))
    var bare = Self.stamped
    bare.provenance = Provenance()
    // Only the comment lines differ: the data rows are the same.
    func data(_ text: String) -> [Substring] {
      text.split(separator: "\r\n").filter { !$0.hasPrefix("#") }
    }
    #expect(data(csv) == data(bare.rendered(as: .csv)))
    #expect(!bare.rendered(as: .csv).contains("sha256"))
    #expect(!bare.rendered(as: .json).contains("fileSHA256"))
  }

  @Test func equilibriumTablesCarryTheCommandAndTheHash() {
    var table = EquilibriumTable(
      game: battleOfTheSexes(Rational.self),
      result: battleOfTheSexesResult(battleOfTheSexes(Rational.self)),
      file: "bos.nfg", version: "9.9.9")
    table.provenance = Provenance(commandLine: "parley solve bos.nfg", fileSHA256: "00ff")
    let json = table.rendered(as: .json)
    #expect(json.contains("  \"file\": \"bos.nfg\",\n  \"fileSHA256\": \"00ff\",\n"))
    #expect(json.contains("  \"version\": \"9.9.9\",\n  \"command\": \"parley solve bos.nfg\",\n"))
    let latex = table.rendered(as: .latex).split(separator: "\n")
    #expect(latex[1] == "% sha256: 00ff" && latex[2] == "% command: parley solve bos.nfg")
    #expect(table.rendered(as: .markdown).hasSuffix("Command: `parley solve bos.nfg`.\n"))
  }
}
