// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// The equilibria of one game as rows of text, with the provenance a published table needs.
///
/// A table is built from a game and what a solver returned (``init(game:result:decimals:file:
/// version:)``), or directly from rows. Every number is formatted once, when the table is
/// built: exact values as `p/q` or integers, floating-point values as their shortest decimal,
/// and, when ``decimals`` is set, every value rounded half away from zero to that many places
/// (`GameScalar.formatted(decimals:)`, Gambit's `-d`). The renderers
/// (``rendered(as:)``) only lay the text out, so every format shows the same digits.
///
/// Provenance follows pygambit's `NashComputationResult`: the method, whether arithmetic was
/// exact, the parameters and how the run ended travel with the rows, together with the game's
/// title, players and strategy names, the source file and Parley's version, and — when the
/// caller records them in ``provenance`` — the command line and the file's SHA-256.
public struct EquilibriumTable: Sendable, Hashable {
  /// One equilibrium: each player's probabilities and each player's expected payoff.
  public struct Row: Sendable, Hashable {
    /// `profile[p][s]`: player `p`'s probability of strategy `s`, as text.
    public var profile: [[String]]
    /// `payoffs[p]`: player `p`'s expected payoff, as text.
    public var payoffs: [String]

    public init(profile: [[String]], payoffs: [String]) {
      self.profile = profile
      self.payoffs = payoffs
    }
  }

  /// Wall-clock seconds spent on each phase of the run (reported in JSON only).
  public struct Timings: Sendable, Hashable {
    /// Seconds spent reading and parsing the game file.
    public var read: Double
    /// Seconds spent in the solver.
    public var solve: Double

    public init(read: Double, solve: Double) {
      self.read = read
      self.solve = solve
    }

    /// Timings from two durations measured with `ContinuousClock`.
    public init(read: Duration, solve: Duration) {
      self.init(read: read.seconds, solve: solve.seconds)
    }
  }

  /// The method's short name, e.g. `"enummixed"`.
  public var method: String
  /// Whether the numbers were computed in exact arithmetic.
  public var isExact: Bool
  /// How the run ended, e.g. `"complete"` or `"stopped after 1"`.
  public var status: String
  /// The parameters the method ran with.
  public var parameters: [String: String]
  /// The number of decimal places every value was rounded to, or `nil` for full precision.
  public var decimals: Int?
  /// The game's title.
  public var title: String
  /// Player names, in order.
  public var players: [String]
  /// Strategy names, one list per player, in the file's order.
  public var strategies: [[String]]
  /// The file the game was read from, as given on the command line.
  public var file: String?
  /// The Parley version that produced the table.
  public var version: String
  /// The value of the game to player 1, for methods that compute one.
  public var gameValue: String?
  /// Remarks on the run (e.g. the game was degenerate).
  public var notes: [String]
  /// The equilibria, in the order the method found them.
  public var rows: [Row]
  /// The record of an iterated-dominance run, for the `dominance` method.
  public var dominance: DominanceReport?
  /// Time spent reading and solving; `nil` leaves the `seconds` key out of JSON.
  public var seconds: Timings?
  /// For an extensive-form game: its players' information sets in file order. Each player's
  /// ``strategies`` are then the actions of their sets (`set:action`), and JSON adds each
  /// equilibrium's behaviour profile, one list per information set.
  public var informationSets: [InformationSetColumns]? = nil
  /// The command line and the file's SHA-256, when the caller records them (JSON, Markdown
  /// and LaTeX print them).
  public var provenance = Provenance()

  /// Creates a table from already-formatted rows.
  public init(
    method: String, isExact: Bool, status: String, parameters: [String: String] = [:],
    decimals: Int? = nil, title: String, players: [String], strategies: [[String]],
    file: String? = nil, version: String = ParleyVersion.current, gameValue: String? = nil,
    notes: [String] = [], rows: [Row], dominance: DominanceReport? = nil,
    seconds: Timings? = nil
  ) {
    precondition(players.count == strategies.count)
    precondition(rows.allSatisfy { row in
      row.payoffs.count == players.count
        && zip(row.profile, strategies).allSatisfy { $0.count == $1.count }
        && row.profile.count == players.count
    })
    self.method = method
    self.isExact = isExact
    self.status = status
    self.parameters = parameters
    self.decimals = decimals
    self.title = title
    self.players = players
    self.strategies = strategies
    self.file = file
    self.version = version
    self.gameValue = gameValue
    self.notes = notes
    self.rows = rows
    self.dominance = dominance
    self.seconds = seconds
  }

  /// The table of the equilibria a solver found in `game`.
  ///
  /// Each row holds the equilibrium's probabilities and every player's expected payoff
  /// (`NormalFormGame.payoffs(at:)`), computed in the solver's arithmetic.
  ///
  /// - Parameters:
  ///   - decimals: Round every value to this many places; `nil` keeps full precision.
  ///   - file: The source file, as the user named it.
  /// - Complexity: O(E·n·M) for E equilibria, n players and M pure profiles.
  public init<S: GameScalar>(
    game: NormalFormGame<S>, result: SolverResult<S>, decimals: Int? = nil,
    file: String? = nil, version: String = ParleyVersion.current
  ) {
    let rows = result.equilibria.map { profile in
      Row(
        profile: profile.probabilities.map { $0.map { $0.formatted(decimals: decimals) } },
        payoffs: game.payoffs(at: profile).map { $0.formatted(decimals: decimals) })
    }
    self.init(
      method: result.method, isExact: result.isExact, status: result.status.description,
      parameters: result.parameters, decimals: decimals, title: game.title,
      players: game.players, strategies: game.strategies, file: file, version: version,
      gameValue: result.gameValue?.formatted(decimals: decimals), notes: result.notes,
      rows: rows)
  }

  /// The table of one logit quantal response equilibrium of `game` at precision `lambda`
  /// (method `logit`, floating point); its note says it is not a Nash equilibrium.
  public init(
    game: NormalFormGame<Double>, qre profile: MixedProfile<Double>, lambda: Double,
    steps: Int, decimals: Int? = nil, file: String? = nil,
    version: String = ParleyVersion.current
  ) {
    let row = Row(
      profile: profile.probabilities.map { $0.map { $0.formatted(decimals: decimals) } },
      payoffs: game.payoffs(at: profile).map { $0.formatted(decimals: decimals) })
    self.init(
      method: "logit", isExact: false, status: "complete",
      parameters: ["lambda": String(lambda)], decimals: decimals, title: game.title,
      players: game.players, strategies: game.strategies, file: file, version: version,
      notes: ["the logit quantal response equilibrium at λ = \(lambda), reached in \(steps) "
        + "steps; not a Nash equilibrium"],
      rows: [row])
  }

  /// The table of an iterated-dominance run on `game`.
  ///
  /// The record of eliminations becomes ``dominance``. When exactly one strategy per player
  /// survives and that profile is a Nash equilibrium of `game` (always so under strict
  /// dominance, where it is the only one), it is the table's one row; otherwise the table
  /// has no rows.
  ///
  /// - Complexity: O(n·M) for the equilibrium check, plus the size of the record.
  public init<S: GameScalar>(
    game: NormalFormGame<S>, dominance: DominanceResult<S>, decimals: Int? = nil,
    file: String? = nil, version: String = ParleyVersion.current
  ) {
    var equilibria: [MixedProfile<S>] = []
    if dominance.survivors.allSatisfy({ $0.count == 1 }) {
      let profile = MixedProfile<S>(pure: dominance.survivors.map { $0[0] }, shape: game.shape)
      if game.isNashEquilibrium(profile) { equilibria = [profile] }
    }
    let result = SolverResult<S>(
      equilibria: equilibria, method: dominance.method, parameters: dominance.parameters,
      status: dominance.status, tolerance: dominance.tolerance, notes: dominance.notes)
    self.init(game: game, result: result, decimals: decimals, file: file, version: version)
    self.dominance = DominanceReport(dominance, of: game, decimals: decimals)
  }

  /// "1 equilibrium", "3 equilibria", "no equilibria".
  public var countPhrase: String {
    switch rows.count {
    case 0: return "no equilibria"
    case 1: return "1 equilibrium"
    default: return "\(rows.count) equilibria"
    }
  }

  /// "exact" or "floating point", for headers.
  var arithmeticPhrase: String { isExact ? "exact" : "floating point" }

  /// The one-line summary the text formats print under the title, e.g.
  /// `enummixed, exact, complete: 3 equilibria` or
  /// `lcp, exact, label=0, complete: 1 equilibrium`; for dominance,
  /// `dominance, exact, complete: 2 strategies eliminated, 1x1 remain; solved: 1 equilibrium`.
  public var summaryLine: String {
    var parts = [method, arithmeticPhrase]
    // `rational` repeats what the arithmetic phrase says; JSON keeps every parameter.
    parts += parameterList.filter { $0.key != "rational" }.map { "\($0.key)=\($0.value)" }
    if let decimals { parts.append("\(decimals) decimals") }
    parts.append(status)
    var line = parts.joined(separator: ", ") + ": "
    if let dominance {
      // Dominance eliminates strategies; a row appears only when one profile survives.
      let n = dominance.steps.count
      let remaining = dominance.survivors.map { String($0.count) }.joined(separator: "x")
      line += "\(n) \(n == 1 ? "strategy" : "strategies") eliminated, \(remaining) remain"
      if !rows.isEmpty { line += "; solved: " + countPhrase }
    } else {
      line += countPhrase
    }
    if let gameValue { line += "; value \(gameValue)" }
    return line
  }

  /// The parameters as `key=value`, sorted by key.
  var parameterList: [(key: String, value: String)] {
    parameters.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    let (s, attos) = components
    return Double(s) + Double(attos) * 1e-18
  }
}
