// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameExport
import GameFiles

/// The state a REPL, a `parley -e` line or a `parley run` script works on: the games and
/// problems loaded under names, the current one, the solver parameters, and the last result.
///
/// A session is a value. The runner executes each command on a copy and keeps the copy only
/// when the command succeeds, so a failing command never leaves half-changed state.
///
/// Each kind of model is a case of ``Model``; `show`, `list` and `save session` dispatch on
/// it. Negotiation and outreach models keep their parametric form, so that `set NAME VALUE`
/// instantiates them again at new parameter values, and negotiation models keep the deals
/// the session named.
public struct Session: Sendable {
  /// A model the session holds.
  public enum Model: Sendable {
    /// A strategic-form game (`.nfg`).
    case normalForm(NormalFormGame<Rational>)
    /// An extensive-form game (`.efg`).
    case extensiveForm(ExtensiveFormGame<Rational>)
    /// A bargaining problem (Parley's bargaining format).
    case bargaining(BargainingFile)
    /// A negotiation model (YAML, `parley: negotiation`), with the session's parameter values
    /// and deals.
    case negotiation(NegotiationItem)
    /// An outreach model (YAML, `parley: outreach`), with the session's parameter values.
    case outreach(ParametricItem<OutreachModel>)

    /// "strategic form 2x2", "extensive form", "bargaining problem, 4 deals".
    public var kindDescription: String {
      switch self {
      case .normalForm(let g):
        return "strategic form " + g.shape.map(String.init).joined(separator: "x")
      case .extensiveForm(let g):
        return "extensive form, \(g.nodes.count) nodes"
      case .bargaining(let b):
        let n = b.problem.deals.count
        return "bargaining problem, \(n) deal\(n == 1 ? "" : "s")"
      case .negotiation(let n):
        let m = n.model
        return "negotiation model, \(m.actors.count) actors, \(m.issues.count) issues, "
          + "\(m.dealCount) deals"
      case .outreach(let o):
        return "outreach model, \(o.model.targets.count) targets"
      }
    }

    /// The players' names.
    public var players: [String] {
      switch self {
      case .normalForm(let g): return g.players
      case .extensiveForm(let g): return g.players
      case .bargaining(let b): return b.problem.players
      case .negotiation(let n): return n.model.actors.map(\.name)
      case .outreach(let o): return [o.model.sponsor, o.model.adversary]
      }
    }
  }

  /// A model under its name, with where it came from and how it was changed since.
  public struct Item: Sendable {
    /// The name commands use (`solve NAME`).
    public var name: String
    /// The file as the user named it.
    public var source: String
    /// The file's absolute path (what `save session` writes).
    public var path: String
    /// The model, with every change applied.
    public var model: Model
    /// The `set` and `deal` commands applied since loading, in order, as command lines.
    public var edits: [String]
    /// The file's parametric form, for a game or problem read from YAML with parameters
    /// (`set NAME VALUE` re-instantiates it); `nil` for other files and once the model has
    /// been edited by hand (`set payoff`, `set deal`, …).
    public var parametric: ParametricSource? = nil
  }

  /// Defaults the solving commands use when an option is not given.
  public struct Parameters: Sendable, Hashable {
    /// `solve`'s method (`nil`: enummixed for two players, pure otherwise).
    public var method: SolverName?
    /// Round every number to this many places (`nil`: full precision).
    public var decimals: Int?
    /// Solve in floating point.
    public var float = false
    /// Stop a solver after this many seconds (`nil`: no limit).
    public var timeLimit: Double?

    public init() {}

    /// `(key, value)` for every parameter, in the order `show params` prints them.
    public var listing: [(key: String, value: String)] {
      [
        ("method", method?.rawValue ?? "default"),
        ("decimals", decimals.map(String.init) ?? "off"),
        ("float", float ? "on" : "off"),
        ("time-limit", timeLimit.map { Session.formatSeconds($0) } ?? "off"),
      ]
    }

    /// The parameters that differ from the defaults, as `set` command lines.
    var commands: [String] {
      let defaults = Parameters()
      return zip(listing, defaults.listing).filter { pair in pair.0.value != pair.1.value }
        .map { pair in "set \(pair.0.key) \(pair.0.value)" }
    }
  }

  /// The parameter keys `set KEY VALUE` accepts.
  public static let parameterKeys = ["method", "decimals", "float", "time-limit"]

  /// Names `load … as NAME` may not take, because `show` reads them as keywords.
  public static let reservedNames: Set<String> = ["result", "params", "session", "as"]

  /// The loaded models, in loading order.
  public private(set) var items: [Item] = []
  /// The name of the model commands use when none is named.
  public private(set) var currentName: String?
  /// The solver defaults.
  public var parameters = Parameters()
  /// What the last solving command produced.
  public var lastResult: CommandResult?
  /// The folder relative file names are resolved against.
  public var directory: URL
  /// Set by Ctrl-C to stop the computation under way; shared by every copy of the session.
  public let cancellation: CancellationFlag

  /// An empty session resolving relative paths against `directory` (default: the current
  /// working directory).
  public init(directory: URL? = nil, cancellation: CancellationFlag = CancellationFlag()) {
    self.directory =
      directory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    self.cancellation = cancellation
  }

  /// The model named `name`, if loaded.
  public func item(named name: String) -> Item? {
    items.first { $0.name == name }
  }

  /// The current model, if any.
  public var current: Item? { currentName.flatMap(item(named:)) }

  /// The current model, or the one named `name`.
  ///
  /// - Throws: ``CommandFailure`` when nothing is loaded or no model has that name.
  public func item(_ name: String?) throws -> Item {
    if let name {
      guard let item = item(named: name) else {
        throw CommandFailure.session("no model named '\(name)'" + loadedNamesHint)
      }
      return item
    }
    guard let current else {
      throw CommandFailure.session("nothing is loaded (load FILE first)")
    }
    return current
  }

  private var loadedNamesHint: String {
    items.isEmpty
      ? " (nothing is loaded)" : " (loaded: \(items.map(\.name).joined(separator: ", ")))"
  }

  /// Adds or replaces the model `item.name` and makes it current.
  public mutating func insert(_ item: Item) {
    if let i = items.firstIndex(where: { $0.name == item.name }) {
      items[i] = item
    } else {
      items.append(item)
    }
    currentName = item.name
  }

  /// Replaces the model named `name`, recording `edit` as the command that changed it.
  ///
  /// - Parameter parametric: the item's parametric form after the edit: the same (a
  ///   parameter set), or `nil` when the edit changed the model by hand (its numbers no
  ///   longer follow the file's formulas).
  mutating func update(
    _ name: String, model: Model, edit: String, parametric: ParametricSource? = nil
  ) {
    guard let i = items.firstIndex(where: { $0.name == name }) else {
      preconditionFailure("no model named \(name)")
    }
    items[i].model = model
    items[i].edits.append(edit)
    items[i].parametric = parametric
  }

  /// Makes `name` the current model.
  ///
  /// - Throws: ``CommandFailure`` when no model has that name.
  public mutating func use(_ name: String) throws {
    _ = try item(name)
    currentName = name
  }

  /// `path` made absolute against ``directory``; `~` expands to the home folder.
  public func resolve(_ path: String) -> URL {
    Session.resolve(path, against: directory)
  }

  /// `path` made absolute against `directory`; `~` expands to the home folder.
  public static func resolve(_ path: String, against directory: URL) -> URL {
    let expanded = (path as NSString).expandingTildeInPath
    if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded) }
    return directory.appendingPathComponent(expanded).standardizedFileURL
  }

  /// The control a solver gets: the session's cancellation flag and time limit.
  public var solverControl: SolverControl {
    SolverControl(
      cancellation: cancellation,
      timeLimit: parameters.timeLimit.map { Duration.milliseconds(Int64(($0 * 1000).rounded())) })
  }

  /// A script that rebuilds this session: the parameters, each model loaded from its file
  /// with its edits replayed, then the current model chosen.
  ///
  /// The last result is not part of the state: rerun the command that produced it.
  public var script: String {
    var lines = [
      "# Parley session, saved by Parley \(ParleyVersion.current).",
      "# Run it with: parley run FILE (or 'run FILE' in the REPL).",
    ]
    lines += parameters.commands
    for item in items {
      lines.append(CommandSyntax.line(["load", item.path, "as", item.name]))
      lines += item.edits
    }
    if let currentName, items.count > 1 { lines.append(CommandSyntax.line(["use", currentName])) }
    return lines.joined(separator: "\n") + "\n"
  }

  static func formatSeconds(_ s: Double) -> String {
    s == s.rounded() && abs(s) < 1e15 ? String(Int(s)) : String(s)
  }
}

/// What a solving command produced, kept by the session for `export` and `show result`.
public enum CommandResult: Sendable, Hashable {
  /// Equilibria (or a dominance record) of a game.
  case table(EquilibriumTable)
  /// A bargaining or arbitration report.
  case report(ResultReport)
  /// Any other table of results (negotiation frameworks, incentives, outreach, cooperative
  /// solutions, forecasts, correlated equilibria, QRE, dynamics).
  case results(ResultTable)

  /// The result in `format`.
  public func rendered(as format: ExportFormat) -> String {
    switch self {
    case .table(let t): return t.rendered(as: format)
    case .report(let r): return r.rendered(as: format)
    case .results(let t): return t.rendered(as: format)
    }
  }
}

extension CommandFailure {
  /// A failure of a session command (status 65, like a data error).
  static func session(_ message: String) -> CommandFailure {
    CommandFailure(message: "parley: error: " + message, exitStatus: dataStatus)
  }

  /// A mistake in how a session command was written (status 64).
  static func usage(_ message: String) -> CommandFailure {
    CommandFailure(message: "parley: error: " + message, exitStatus: usageStatus)
  }
}
