// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport

/// What Tab offers at the cursor, given the words before it and the session.
///
/// Commands first; then, by position, the command's options (from its help), subcommands,
/// loaded model names, file names, method and format names, and for `set payoff` the current
/// game's strategy names (one player per position) and player names; on a negotiation model,
/// its actors (`--pair`, `--side`, `--axes`), deals (`evaluate`, `--deal`), `issue:option`
/// words (`deal`, `evaluate`) and parameters (`set`, `--set`).
public struct Completer: Sendable {
  /// The candidates for the word under the cursor.
  public enum Completion: Hashable, Sendable {
    /// These words (already filtered by the word's prefix).
    case words([String])
    /// File names (libedit's file completion).
    case files
  }

  /// The session whose names are offered.
  public var session: Session

  /// The completer the line editor uses (set before each prompt).
  nonisolated(unsafe) static var current: Completer?

  public init(session: Session) {
    self.session = session
  }

  /// The candidates for `word`, the partial word at the cursor, after the text `before`;
  /// names are quoted when they hold blanks.
  public func complete(before: String, word: String) -> Completion {
    let scan = CommandSyntax.scan(before)
    var words = scan.commands.last ?? []
    // Inside an open quote, the quoted text typed so far belongs to the word at the cursor
    // (libedit's word starts after the last blank or quote).
    let typed = scan.openQuote != nil ? (words.popLast() ?? "") : ""
    switch candidates(after: words, word: word) {
    case .files: return .files
    case .words(let all):
      // Candidates are raw names; a trailing "=" (player names) stays outside the quotes.
      // After an open quote, libedit's word starts inside it: close the quote instead.
      var seen = Set<String>()
      var out = [String]()
      for raw in all {
        let assigns = raw.hasSuffix("=") && raw.count > 1
        let name = assigns ? String(raw.dropLast()) : raw
        let suffix = assigns ? "=" : ""
        let text: String
        if let quote = scan.openQuote {
          guard name.hasPrefix(typed + word) else { continue }
          text = String(name.dropFirst(typed.count)) + String(quote) + suffix
        } else {
          let quoted = CommandSyntax.quoted(name) + suffix
          guard quoted.hasPrefix(word) || name.hasPrefix(word) else { continue }
          text = quoted
        }
        if seen.insert(text).inserted { out.append(text) }
      }
      return .words(out)
    }
  }

  private var modelNames: [String] { session.items.map(\.name) }

  /// The current negotiation model, if it is one.
  private var negotiation: NegotiationModel? {
    guard case .negotiation(let n) = session.current?.model else { return nil }
    return n.model
  }

  private var actorNames: [String] { negotiation?.actors.map(\.name) ?? [] }

  /// The current model's named deals (with the session's, and the mediator's `ideal`).
  private var dealNames: [String] {
    guard let m = negotiation else { return [] }
    return m.namedDeals.map(\.name) + (m.mediator?.ideal != nil ? ["ideal"] : [])
  }

  /// `issue:option` for every option of the current negotiation model.
  private var issueOptionWords: [String] { negotiation.map(DealSyntax.words(of:)) ?? [] }

  /// The parameters the current model declares.
  private var parameterNames: [String] {
    switch session.current?.model {
    case .negotiation(let n): return n.base.parametric.parameters.names
    case .outreach(let o): return o.parametric.parameters.names
    default: return session.current?.parametric?.parameters.names ?? []
    }
  }

  private func candidates(after words: [String], word: String) -> Completion {
    guard let command = words.first else { return .words(SessionCommands.commandNames) }
    let args = Array(words.dropFirst())
    if command == "help" {
      if args.isEmpty { return .words(SessionCommands.commandNames) }
      return .words(subcommandNames(of: args[0]))
    }
    if let previous = args.last {
      switch previous {
      case "--method", "-m": return .words(SolverName.allCases.map(\.rawValue))
      case "--format", "-f": return .words(ExportFormat.allCases.map(\.rawValue))
      case "--output", "-o", "--samples", "--to": return .files
      case "--deal": return .words(dealNames + issueOptionWords)
      case "--pair", "--side", "--axes": return .words(actorNames)
      case "--set": return .words(parameterNames.map { $0 + "=" })
      case "--framework":
        return .words(
          ["all", "unanimity", "mediation", "conventional", "quota=", "bilateral=",
            "final-offer="])
      default: break
      }
    }
    if word.hasPrefix("-") {
      var path = [command]
      if let sub = args.first, subcommandNames(of: command).contains(sub) { path.append(sub) }
      return .words(Completer.options(of: path))
    }
    let positional = args.filter { !$0.hasPrefix("-") }
    switch command {
    case "load": return positional.isEmpty ? .files : .words(positional.count == 1 ? ["as"] : [])
    case "solve", "bargain", "threats", "negotiate", "incentives", "outreach":
      return positional.isEmpty ? .words(modelNames + fileNames(word)) : .words([])
    case "actors", "issues", "deals": return .words(positional.isEmpty ? modelNames : [])
    case "evaluate":
      let given = Set(positional.compactMap { $0.split(separator: ":").first.map(String.init) })
      let words = issueOptionWords.filter { !given.contains(String($0.prefix { $0 != ":" })) }
      return .words(positional.isEmpty ? dealNames + words : words)
    case "deal":
      if positional.count == 1 { return .words(["="]) }
      guard positional.count >= 2 else { return .words([]) }
      let given = Set(positional.compactMap { $0.split(separator: ":").first.map(String.init) })
      return .words(issueOptionWords.filter { !given.contains(String($0.prefix { $0 != ":" })) })
    case "show": return .words(positional.isEmpty ? modelNames + ["result", "params"] : [])
    case "use": return .words(positional.isEmpty ? modelNames : [])
    case "export":
      if positional.isEmpty {
        return .words(ExportFormat.allCases.map(\.rawValue) + ["--format", "--to"])
      }
      return positional.count == 1 ? .files : .words([])
    case "save":
      if positional.isEmpty { return .words(["session"]) }
      return positional.count == 1 ? .files : .words([])
    case "run": return positional.isEmpty ? .files : .words([])
    case "arbitrate": return .words(positional.isEmpty ? subcommandNames(of: "arbitrate") : [])
    case "set": return .words(setCandidates(args))
    default: return .words([])
    }
  }

  /// Word `args.count` after `set`.
  private func setCandidates(_ args: [String]) -> [String] {
    guard let sub = args.first else {
      return ["payoff", "deal", "disagreement"] + Session.parameterKeys + parameterNames
    }
    let position = args.count - 1
    switch sub {
    case "payoff":
      guard case .normalForm(let g) = session.current?.model else { return [] }
      if position < g.playerCount { return g.strategies[position] }
      return g.players.map { $0 + "=" }
    case "deal":
      guard position == 0, case .bargaining(let b) = session.current?.model else { return [] }
      return b.problem.dealNames
    case "method" where position == 0: return SolverName.allCases.map(\.rawValue) + ["default"]
    case "float" where position == 0: return ["on", "off"]
    case "decimals" where position == 0, "time-limit" where position == 0: return ["off"]
    default: return []
    }
  }

  /// The files and folders (with a trailing `/`) whose path starts with `word`, relative to
  /// the session's folder; hidden ones only when `word`'s last part starts with a dot.
  func fileNames(_ word: String) -> [String] {
    let slash = word.lastIndex(of: "/")
    let folder = slash.map { String(word[...$0]) } ?? ""
    let prefix = slash.map { String(word[word.index(after: $0)...]) } ?? word
    let url = session.resolve(folder.isEmpty ? "." : folder)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
      return []
    }
    return names.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }
      .sorted().map { name in
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(
          atPath: url.appendingPathComponent(name).path, isDirectory: &isFolder)
        return folder + name + (isFolder.boolValue ? "/" : "")
      }
  }

  private func subcommandNames(of command: String) -> [String] {
    guard let type = SessionCommands.command(named: command) else { return [] }
    var names = [String]()
    for sub in type.configuration.subcommands where sub._commandName != "parameter" {
      names.append(sub._commandName)
    }
    return names
  }

  /// The long options of the command at `path` (e.g. `["arbitrate", "compare"]`), read from
  /// its help text so that they never drift from the parser's.
  static func options(of path: [String]) -> [String] {
    guard var type = SessionCommands.command(named: path[0]) else { return [] }
    for name in path.dropFirst() {
      guard let sub = type.configuration.subcommands.first(where: { $0._commandName == name })
      else { break }
      type = sub
    }
    let help = SessionCommands.helpMessage(for: type, columns: 1000)
    var found = [String]()
    var seen = Set<String>()
    var rest = Substring(help)
    while let range = rest.range(of: "--") {
      var end = range.upperBound
      while end < rest.endIndex, rest[end].isLetter || rest[end].isNumber || rest[end] == "-" {
        end = rest.index(after: end)
      }
      let option = String(rest[range.lowerBound..<end])
      if option.count > 2, seen.insert(option).inserted { found.append(option) }
      rest = rest[end...]
    }
    return found
  }
}
