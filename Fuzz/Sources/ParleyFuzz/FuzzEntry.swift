// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import ArgumentParser
import ParleyCLI

/// The readers a fuzz run can exercise, chosen by the `PARLEY_FUZZ_TARGET` environment
/// variable (read once).
///
/// Each target feeds libFuzzer's bytes to one reader and checks what must hold for any
/// input: the reader returns or throws (never traps, never reads out of bounds: the build
/// adds AddressSanitizer), a thrown error prints on one line, and what reads back writes out
/// as a fixed point (`write(read(write(x))) == write(x)`) where the format has a writer.
enum FuzzTarget: String, CaseIterable {
  case nfg, efg, negotiation, outreach, bargaining, coalitional, actors, repl, expression, game,
    tree

  static let current: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["PARLEY_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
      FileHandle.standardError.write(
        Data("PARLEY_FUZZ_TARGET must be one of: \(names) (found '\(name)')\n".utf8))
      exit(2)
    }
    return target
  }()
}

/// The payoff-table budget for the Gambit readers: small enough that a huge declared size
/// is refused long before libFuzzer's 2 GB RSS limit.
private let limits = ResourceLimits(maxMemory: 64 << 20)

/// A located error must be a single line.
private func checkOneLine(_ text: String) {
  precondition(!text.contains("\n"), "error message spans lines: \(text)")
}

private func fuzzNFG(_ text: String) {
  do {
    let game = try NFGFile.read(text, path: "fuzz.nfg", limits: limits)
    let written = NFGFile.write(game)
    let again: NormalFormGame<Rational>
    do { again = try NFGFile.read(written, path: "again.nfg", limits: limits) } catch {
      preconditionFailure("written .nfg does not read back: \(error)\n\(written)")
    }
    let rewritten = NFGFile.write(again)
    precondition(rewritten == written, "not a fixed point:\n\(written)\n---\n\(rewritten)")
  } catch {
    checkOneLine(error.description)
  }
}

private func fuzzEFG(_ text: String) {
  do {
    let game = try EFGFile.read(text, path: "fuzz.efg")
    let written = EFGFile.write(game)
    let again: ExtensiveFormGame<Rational>
    do { again = try EFGFile.read(written, path: "again.efg") } catch {
      preconditionFailure("written .efg does not read back: \(error)\n\(written)")
    }
    let rewritten = EFGFile.write(again)
    precondition(rewritten == written, "not a fixed point:\n\(written)\n---\n\(rewritten)")
  } catch {
    checkOneLine(error.description)
  }
}

private func fuzzNegotiation(_ text: String) {
  do {
    let model = try NegotiationFile.parse(text, path: "fuzz.yaml")
    let written = NegotiationFile.write(model)
    let again: NegotiationModel
    do { again = try NegotiationFile.parse(written, path: "again.yaml") } catch {
      preconditionFailure("written model does not read back: \(error)\n\(written)")
    }
    precondition(again == model, "parse(write(m)) != m\n\(written)")
  } catch {
    checkOneLine(error.description)
  }
}

private func fuzzOutreach(_ text: String) {
  do { _ = try OutreachFile.parse(text, path: "fuzz.yaml") } catch {
    checkOneLine(error.description)
  }
}

private func fuzzBargaining(_ text: String) {
  // As `parley bargain` reads a file: the YAML format when it has the marker.
  if BargainingFile.isModel(text) {
    fuzzBargainingModel(text)
    return
  }
  do { _ = try BargainingFile.parse(text, path: "fuzz.txt") } catch {
    checkOneLine(error.description)
  }
}

private func fuzzCoalitional(_ text: String) {
  // As `parley coop` reads a file: the YAML format when it has the marker.
  if CoalitionalGameFile.isModel(text) {
    fuzzCoalitionalModel(text)
    return
  }
  do { _ = try CoalitionalGameFile.parse(text, path: "fuzz.txt") } catch {
    checkOneLine(error.description)
  }
  // The command-line notation `q; w1, w2, … & …` (`coop --weights`) shares the number
  // rules; its errors are printed after `--weights:` and must stay on one line too.
  do { _ = try WeightedVotingText.parse(text) } catch {
    checkOneLine(error.reason)
  }
}

private func fuzzActors(_ text: String) {
  do { _ = try ActorTable.parse(text, path: "fuzz.csv") } catch {
    checkOneLine(error.description)
  }
}

/// Session commands that only read or change the in-memory session: the fuzz target runs
/// these for real. Every other command (which may read or write files, or solve a game of
/// any size) is only split into words and parsed, argument validation included.
private let executedCommands: Set<String> = ["help", "show", "list", "use", "set", "quit", "exit"]

private let discardingIO = CommandIO(write: { _ in }, writeError: { _ in })

/// Every command by name (`exit` is `quit`), looked up once: `SessionCommands.parseAsRoot`
/// finds a command by converting each command type's name to its spelling on every call,
/// and that search, not the parsing, was most of the target's cost.
private let commandTypes: [String: any ParsableCommand.Type] = {
  var table = [String: any ParsableCommand.Type]()
  for type in SessionCommands.configuration.subcommands { table[type._commandName] = type }
  table["exit"] = table["quit"]
  return table
}()

/// `PARLEY_FUZZ_REPL_ROOT=1` parses through `SessionCommands.parseAsRoot` as before, to
/// compare the two paths' rates on one machine at one time.
private let replThroughRoot = ProcessInfo.processInfo.environment["PARLEY_FUZZ_REPL_ROOT"] != nil

private func fuzzREPL(_ text: String) {
  let commands: [[String]]
  do { commands = try CommandSyntax.commands(in: text) } catch { return }
  if commands.allSatisfy({ executedCommands.contains($0[0]) }) {
    var runner = SessionRunner(io: discardingIO)
    _ = runner.run(line: text, location: "fuzz:1")
    return
  }
  if replThroughRoot {
    for words in commands { _ = try? SessionCommands.parseAsRoot(words) }
    return
  }
  for words in commands {
    // The command's own parser (its options, arguments, subcommands and validate()), as
    // `SessionCommands.parseAsRoot(words)` reaches it; unknown names stop there.
    guard let type = commandTypes[words[0]] else { continue }
    _ = try? type.parseAsRoot(Array(words.dropFirst()))
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let text = String(decoding: bytes, as: UTF8.self)
  switch FuzzTarget.current {
  case .nfg: fuzzNFG(text)
  case .efg: fuzzEFG(text)
  case .negotiation: fuzzNegotiation(text)
  case .outreach: fuzzOutreach(text)
  case .bargaining: fuzzBargaining(text)
  case .coalitional: fuzzCoalitional(text)
  case .actors: fuzzActors(text)
  case .repl: fuzzREPL(text)
  case .expression: fuzzExpression(text)
  case .game: fuzzStrategicGame(text)
  case .tree: fuzzTree(text)
  }
  return 0
}
