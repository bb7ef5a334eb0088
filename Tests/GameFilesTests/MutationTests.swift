// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Testing
import _TestSupport

/// Seeded random damage to the fixtures: every mutated text must either read (and then
/// round-trip) or throw a `GameFileError`; a trap would crash the test run.
@Suite("Mutated files")
struct MutationTests {
  static let interesting: [UInt8] = Array("0123456789{}\",\\-+./eE \n\tpct".utf8) + [0xFF, 0xC3, 0]

  static func mutate(_ bytes: [UInt8], using g: inout SeededGenerator) -> [UInt8] {
    var b = bytes
    for _ in 0..<Int.random(in: 1...3, using: &g) {
      guard !b.isEmpty else { break }
      let i = Int.random(in: 0..<b.count, using: &g)
      switch Int.random(in: 0..<7, using: &g) {
      case 0:  // delete a short run
        b.removeSubrange(i..<min(b.count, i + Int.random(in: 1...8, using: &g)))
      case 1:  // insert a character that matters to the grammar
        b.insert(interesting.randomElement(using: &g)!, at: i)
      case 2:  // overwrite one byte
        b[i] = interesting.randomElement(using: &g)!
      case 3:  // duplicate a run
        let j = min(b.count, i + Int.random(in: 1...40, using: &g))
        b.insert(contentsOf: b[i..<j], at: j)
      case 4:  // truncate
        b.removeSubrange(i...)
      case 5:  // a random byte
        b[i] = UInt8.random(in: 0...255, using: &g)
      default:  // swap two bytes
        b.swapAt(i, Int.random(in: 0..<b.count, using: &g))
      }
    }
    return b
  }

  @Test func twoThousandMutationsNeverTrap() throws {
    let fixtures = (Fixtures.gambitNFG + Fixtures.gambitEFG).map { url in
      (isNFG: url.pathExtension == "nfg", bytes: [UInt8]((try? Data(contentsOf: url)) ?? Data()))
    }
    #expect(fixtures.count == 40)
    let limits = ResourceLimits(maxMemory: 64 << 20)
    var generator = SeededGenerator(seed: 2_000)
    var read = 0, rejected = 0
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("parley-mutations-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for round in 0..<2_000 {
      let fixture = fixtures[round % fixtures.count]
      let mutated = Self.mutate(fixture.bytes, using: &generator)
      let text = String(decoding: mutated, as: UTF8.self)
      do {
        if fixture.isNFG {
          let game = try NFGFile.read(text, path: "m\(round).nfg", limits: limits)
          #expect(try NFGFile.read(NFGFile.write(game)) == game)
        } else {
          let game = try EFGFile.read(text, path: "m\(round).efg")
          #expect(try EFGFile.read(EFGFile.write(game)) == game)
        }
        read += 1
      } catch {
        #expect(error.line >= 1 && error.column >= 1)
        #expect(!error.description.contains("\n"))
        rejected += 1
      }
      if round % 20 == 0 {  // the raw bytes, through the file reader and its UTF-8 check
        let url = folder.appendingPathComponent("m.\(fixture.isNFG ? "nfg" : "efg")")
        try Data(mutated).write(to: url)
        do { _ = try GameFile.read(contentsOf: url, limits: limits) } catch {
          #expect(error.line >= 1)
        }
      }
    }
    #expect(read + rejected == 2_000)
    #expect(rejected > 1_000)
    print("mutations: \(read) read, \(rejected) rejected with an error")
  }
}
