// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles

/// A command that reads or changes a ``Session``.
///
/// The runner calls `execute(in:io:)` on a copy of the session and keeps the copy only when
/// the command returns normally.
public protocol SessionCommand: ParsableCommand {
  /// Runs the command against `session`, writing through `io`.
  ///
  /// - Throws: ``CommandFailure`` for problems the user can fix.
  func execute(in session: inout Session, io: CommandIO) throws
}

/// The command tree of a session (REPL, `parley -e`, `parley run`): every one-shot command,
/// plus the commands that work on the session's state.
///
/// Lines are parsed with `SessionCommands.parseAsRoot(words)`; the values are the same
/// command types the one-shot `parley` runs.
public struct SessionCommands: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "parley",
    abstract: "Parley's command language (REPL, parley -e, parley run).",
    subcommands: sessionCommands + oneShotCommands)

  /// The commands that exist only in a session.
  public static let sessionCommands: [any ParsableCommand.Type] = [
    Load.self, Show.self, ListModels.self, Use.self, SetCommand.self, ActorsCommand.self,
    IssuesCommand.self, DealsCommand.self, DealCommand.self, EvaluateCommand.self, Export.self,
    Save.self, RunScript.self, Help.self, Quit.self,
  ]

  /// The commands shared with one-shot `parley` (every subcommand but `repl` and `run`).
  public static var oneShotCommands: [any ParsableCommand.Type] {
    Parley.configuration.subcommands.filter {
      $0 != ReplCommand.self && $0 != RunScript.self
    }
  }

  /// Every command name, sorted, with `exit` (a synonym of `quit`).
  public static var commandNames: [String] {
    var names = ["exit"]
    for type in configuration.subcommands { names.append(type._commandName) }
    return names.sorted()
  }

  /// The command type named `name` (`exit` is `quit`).
  static func command(named name: String) -> (any ParsableCommand.Type)? {
    let name = name == "exit" ? "quit" : name
    return configuration.subcommands.first { $0._commandName == name }
  }

  public init() {}
}

// MARK: - load

/// `load FILE [as NAME]`: read a game or bargaining problem into the session.
public struct Load: SessionCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Load a game (.nfg, .efg), bargaining problem or negotiation model (.yaml) "
      + "under a name.",
    discussion: """
      The name defaults to the file's name without its extension. Loading a name again \
      replaces the model. The loaded model becomes the current one.
      """)

  @Argument(
    help: ArgumentHelp(
      "The file: Gambit .nfg or .efg, a negotiation or outreach model (.yaml), or "
        + "Parley's bargaining format."))
  public var file: String

  @Argument(help: ArgumentHelp("'as NAME' to choose the name.", valueName: "as NAME"))
  public var rename: [String] = []

  @Option(
    name: .customLong("max-memory"),
    help: ArgumentHelp("The memory budget for a game's payoff table.", valueName: "SIZE"))
  public var maxMemory: ByteCount = ByteCount(argument: "4G")!

  public init() {}

  public func validate() throws {
    if !rename.isEmpty && (rename.count != 2 || rename[0] != "as") {
      throw ValidationError("Write 'load FILE as NAME'.")
    }
  }

  /// The name the model gets.
  var name: String {
    if rename.count == 2 { return rename[1] }
    let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    return base.isEmpty ? "model" : base
  }

  public func execute(in session: inout Session, io: CommandIO) throws {
    let name = self.name
    guard !Session.reservedNames.contains(name), !name.isEmpty, !name.hasPrefix("-") else {
      throw CommandFailure.usage("'\(name)' cannot name a model (choose another with 'as NAME')")
    }
    let url = session.resolve(file)
    let model = try Load.read(url, named: file, maxMemory: maxMemory)
    session.insert(
      Session.Item(
        name: name, source: file, path: url.path, model: model, edits: [],
        parametric: try Load.parametricSource(url, named: file)))
    io.write("\(name): \(model.kindDescription) (\(file))\n")
  }

  /// Reads `url`: a Gambit file when it says `NFG`/`EFG` (or has that extension), otherwise a
  /// bargaining problem.
  static func read(_ url: URL, named name: String, maxMemory: ByteCount) throws -> Session.Model {
    let ext = url.pathExtension.lowercased()
    var gambit = ext == "nfg" || ext == "efg"
    if !gambit, let handle = try? FileHandle(forReadingFrom: url) {
      let head = (try? handle.read(upToCount: 16)) ?? Data()
      try? handle.close()
      let text = String(decoding: head, as: UTF8.self).drop { $0 == " " || $0 == "\n" }
      gambit = text.hasPrefix("NFG") || text.hasPrefix("EFG")
    }
    if !gambit, ext == "yaml" || ext == "yml" {
      switch Load.yamlKind(url) {
      case "negotiation":
        guard let data = FileManager.default.contents(atPath: url.path),
          let text = String(data: data, encoding: .utf8)
        else {
          throw CommandFailure.session("\(name): cannot read the file as UTF-8 text")
        }
        do {
          return .negotiation(NegotiationItem(try NegotiationFile.parseParametric(text, path: name)))
        } catch {
          throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
        }
      case "outreach":
        do {
          return .outreach(
            ParametricItem(try OutreachFile.readParametric(contentsOf: url, path: name)))
        } catch {
          throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
        }
      case "game", "tree":
        // A parametric strategic-form game or game tree: loaded at its parameters' values, as
        // solve reads it.
        gambit = true
      case "bargaining":
        // A parametric bargaining problem: loaded at its parameters' values.
        return .bargaining(try BargainCommand.read(url, named: name))
      case let kind:
        throw CommandFailure.session(
          "\(name): " + (kind.map { "'parley: \($0)' models cannot be loaded" }
            ?? "a YAML model must say 'parley: negotiation', 'parley: outreach', "
              + "'parley: game', 'parley: tree' or 'parley: bargaining'"))
      }
    }
    guard gambit else { return .bargaining(try BargainCommand.read(url, named: name)) }
    do {
      switch try GameFile.read(contentsOf: url, limits: ResourceLimits(maxMemory: maxMemory.bytes))
      {
      case .normalForm(let g): return .normalForm(g)
      case .extensiveForm(let g): return .extensiveForm(g)
      }
    } catch var error {
      error.path = name
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
  }
}

extension Load {
  /// The parametric form of a YAML game or problem with parameters (`parley: game`,
  /// `parley: tree`, `parley: bargaining`), for `set NAME VALUE`; `nil` for other files and
  /// for files that declare no parameters.
  static func parametricSource(_ url: URL, named name: String) throws -> ParametricSource? {
    let ext = url.pathExtension.lowercased()
    guard ext == "yaml" || ext == "yml" else { return nil }
    do {
      switch yamlKind(url) {
      case "game":
        let p = try StrategicGameFile.readParametric(contentsOf: url, path: name)
        return p.parameters.isEmpty ? nil : ParametricSource(ParametricItem(p)) { .normalForm($0) }
      case "tree":
        let p = try TreeFile.readParametric(contentsOf: url, path: name)
        return p.parameters.isEmpty
          ? nil : ParametricSource(ParametricItem(p)) { .extensiveForm($0) }
      case "bargaining":
        let p = try BargainingFile.readParametric(contentsOf: url, path: name)
        return p.parameters.isEmpty
          ? nil : ParametricSource(ParametricItem(p)) { .bargaining($0) }
      default:
        return nil
      }
    } catch {
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
  }

  /// The word after `parley:` at the start of a line of a YAML file, if any.
  static func yamlKind(_ url: URL) -> String? {
    guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      guard line.hasPrefix("parley:") else { continue }
      var value = line.dropFirst("parley:".count)
      if let hash = value.firstIndex(of: "#") { value = value[..<hash] }
      return value.trimmingCharacters(in: .whitespaces)
    }
    return nil
  }
}

// MARK: - use, list

/// `use NAME`: make a loaded model the current one.
public struct Use: SessionCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Make a loaded model the current one.")

  @Argument(help: "The model's name.")
  public var name: String

  public init() {}

  public func execute(in session: inout Session, io: CommandIO) throws {
    try session.use(name)
  }
}

/// `list`: the loaded models.
public struct ListModels: SessionCommand {
  public static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List the loaded models (* marks the current one).")

  public init() {}

  public func execute(in session: inout Session, io: CommandIO) throws {
    if session.items.isEmpty {
      io.write("nothing is loaded\n")
      return
    }
    let width = session.items.map(\.name.count).max()!
    for item in session.items {
      let mark = item.name == session.currentName ? "*" : " "
      let pad = String(repeating: " ", count: width - item.name.count)
      let edits = item.edits.isEmpty ? "" : ", \(item.edits.count) change"
        + (item.edits.count == 1 ? "" : "s")
      io.write(
        "\(mark) \(item.name)\(pad)  \(item.model.kindDescription)\(edits)  \(item.source)\n")
    }
  }
}

// MARK: - quit

/// `quit` (or `exit`, or Ctrl-D): leave the session.
public struct Quit: SessionCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Leave the session (also 'exit' or Ctrl-D).", aliases: ["exit"])

  public init() {}

  public func execute(in session: inout Session, io: CommandIO) throws {}
}

// MARK: - export, save

/// `export [FORMAT FILE] [--format FORMAT] [--to FILE]`: write the last result to a file,
/// atomically.
public struct Export: SessionCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Write the last result to a file (table, json, csv, markdown, latex).",
    discussion: """
      Write 'export FORMAT FILE' or 'export --format FORMAT --to FILE'; without a format, \
      the file's extension chooses it (.tex latex, .csv, .json, .md markdown, .txt table). \
      The file is written atomically: to a temporary file first, then renamed, so an \
      interrupted export never leaves half a file.
      """)

  @Argument(help: ArgumentHelp("The format, then the file to write.", valueName: "format file"))
  public var words: [String] = []

  @Option(name: .shortAndLong, help: "The format.")
  public var format: ExportFormat?

  @Option(help: ArgumentHelp("The file to write.", valueName: "FILE"))
  public var to: String?

  public init() {}

  /// The format and the file the words and options name.
  func target() throws -> (ExportFormat, String) {
    var words = self.words
    var format = self.format
    if format == nil, words.count == 2 || (words.count == 1 && to != nil) {
      guard let f = ExportFormat(rawValue: words[0]) else {
        throw CommandFailure.usage(
          "export: '\(words[0])' is not a format ("
            + ExportFormat.allCases.map(\.rawValue).joined(separator: ", ") + ")")
      }
      format = f
      words.removeFirst()
    }
    if words.count == 1, to == nil, format == nil, let f = ExportFormat(rawValue: words[0]) {
      throw CommandFailure.usage(
        "export: give the file to write (export \(f.rawValue) FILE, or --to FILE)")
    }
    guard words.count + (to == nil ? 0 : 1) == 1, let file = to ?? words.first else {
      throw CommandFailure.usage(
        "export: write 'export FORMAT FILE' or 'export --format FORMAT --to FILE'")
    }
    if let format { return (format, file) }
    let byExtension: [String: ExportFormat] = [
      "tex": .latex, "csv": .csv, "json": .json, "md": .markdown, "txt": .table,
    ]
    guard let f = byExtension[URL(fileURLWithPath: file).pathExtension.lowercased()] else {
      throw CommandFailure.usage(
        "export: give --format for '\(file)' (its extension names no format)")
    }
    return (f, file)
  }

  public func execute(in session: inout Session, io: CommandIO) throws {
    let (format, file) = try target()
    guard let result = session.lastResult else {
      throw CommandFailure.session("no result to export yet (run solve or bargain first)")
    }
    try Save.write(result.rendered(as: format), to: file, in: session)
    io.write("wrote \(file) (\(format.rawValue))\n")
  }
}

/// `save session FILE`: write a script that rebuilds the session.
public struct Save: SessionCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Save the session as a script that rebuilds it ('save session FILE').",
    discussion: """
      The script sets the parameters, loads every model from its file (absolute paths) \
      and replays the changes made with 'set' and the deals named with 'deal', in order. \
      Run it with 'parley run FILE'.
      """)

  @Argument(help: ArgumentHelp("The word 'session'.", valueName: "session"))
  public var what: String

  @Argument(help: "The script to write.")
  public var file: String

  public init() {}

  public func validate() throws {
    guard what == "session" else { throw ValidationError("Write 'save session FILE'.") }
  }

  public func execute(in session: inout Session, io: CommandIO) throws {
    try Save.write(session.script, to: file, in: session)
    io.write("wrote \(file) (\(session.items.count) model\(session.items.count == 1 ? "" : "s"))\n")
  }

  /// Writes `text` to `file` (resolved against the session's folder) atomically.
  static func write(_ text: String, to file: String, in session: Session) throws {
    do {
      try GameFile.write(text, to: session.resolve(file))
    } catch var error {
      error.path = file
      throw CommandFailure(
        message: "parley: \(error.description)", exitStatus: CommandFailure.outputStatus)
    }
  }
}

// MARK: - the one-shot commands in a session

extension Solve: SessionCommand {
  /// Solves the current game, a loaded game named by the argument, or a file.
  public func execute(in session: inout Session, io: CommandIO) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let model: GameFile.Game
    let label: String
    if let file, session.item(named: file) == nil {
      model = try Solve.readGame(session.resolve(file), named: file, maxMemory: maxMemory)
      label = file
    } else {
      let item = try session.item(file)
      switch item.model {
      case .normalForm(let g): model = .normalForm(g)
      case .extensiveForm(let t): model = .extensiveForm(t)
      default:
        throw CommandFailure.session(
          "\(item.name) is \(item.model.kindDescription.article); solve needs a strategic-form "
            + "game or a tree")
      }
      label = item.source
    }
    switch model {
    case .normalForm(let game):
      try solve(
        game, file: label, readTime: clock.now - start, defaults: session.parameters,
        control: session.solverControl, directory: session.directory, io: io)
    case .extensiveForm(let tree):
      try solve(
        tree: tree, file: label, readTime: clock.now - start, defaults: session.parameters,
        control: session.solverControl, directory: session.directory, io: io)
    }
  }
}

extension BargainCommand: SessionCommand {
  /// Solves the current bargaining problem, a loaded one named by the argument, or a file.
  public func execute(in session: inout Session, io: CommandIO) throws {
    if let file, session.item(named: file) == nil {
      try execute(
        BargainCommand.read(session.resolve(file), named: file, settings: settings), file: file,
        io: io)
      return
    }
    if !settings.isEmpty {
      throw CommandFailure.session(
        "--set applies to a problem read from a file; a loaded problem keeps its values")
    }
    let item = try session.item(file)
    guard case .bargaining(let problem) = item.model else {
      throw CommandFailure.session(
        "\(item.name) is \(item.model.kindDescription.article); bargain needs a bargaining "
          + "problem")
    }
    try execute(problem, file: item.source, io: io)
  }
}

extension ThreatsCommand: SessionCommand {
  /// Runs on the current game, a loaded game named by the argument, or a file.
  public func execute(in session: inout Session, io: CommandIO) throws {
    if let file, session.item(named: file) == nil {
      let game: NormalFormGame<Rational>
      do {
        game = try GameFile.readNormalForm(contentsOf: session.resolve(file))
      } catch var error {
        error.path = file
        throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
      }
      try execute(game, file: file, io: io)
      return
    }
    let item = try session.item(file)
    guard case .normalForm(let game) = item.model, game.playerCount == 2 else {
      throw CommandFailure.session(
        "\(item.name) is \(item.model.kindDescription.article); threats needs a two-player "
          + "strategic-form game")
    }
    try execute(game, file: item.source, io: io)
  }
}

extension String {
  /// The phrase with "a" or "an" in front.
  var article: String {
    (first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + self
  }
}
