// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import GameCore
import GameExport
import GameSolvers

/// The methods `parley solve --method` offers: one case per solver in GameSolvers.
///
/// This enum is the only registry of solvers the CLI (and a future REPL) knows; adding a
/// solver means adding a case here (STYLE.md, "Adding a solver").
public enum SolverName: String, CaseIterable, Sendable, ExpressibleByArgument {
  /// Every pure-strategy equilibrium (``PureStrategyEquilibria``), any number of players.
  case pure
  /// Iterated elimination of dominated strategies (``IteratedDominance``), any number of
  /// players; `--weak` and `--mixed` choose the relation.
  case dominance
  /// Every extreme equilibrium of a two-player game (``VertexEnumeration``).
  case enummixed
  /// One equilibrium of a two-player game by Lemke-Howson pivoting (``LemkeHowson``).
  case lcp
  /// The value and an optimal strategy pair of a two-player constant-sum game by linear
  /// programming (``ZeroSumLP``).
  case zerosum
  /// The equilibria of a nondegenerate two-player game by support enumeration
  /// (``SupportEnumeration``).
  case enumsupport
  /// Every pure subgame-perfect equilibrium of a perfect-information tree
  /// (``BackwardInduction``).
  case spe
  /// One equilibrium of a two-player tree in behaviour strategies, by Lemke's algorithm on
  /// the sequence form (``SequenceFormLCP``).
  case seqform
  /// The limit of the logit QRE correspondence (``LogitQRE``), any number of players;
  /// `--lambda` gives the QRE at that precision instead.
  case logit
  /// One equilibrium by simplicial subdivision with grid refinement
  /// (``SimplicialSubdivision``), any number of players.
  case simpdiv

  /// One line per method for `--help`.
  public var summary: String {
    switch self {
    case .pure: return "every pure-strategy equilibrium (any number of players)"
    case .dominance: return "iterated elimination of dominated strategies (--weak, --mixed)"
    case .enummixed: return "every extreme equilibrium, by vertex enumeration (two players)"
    case .lcp: return "one equilibrium by Lemke-Howson pivoting (two players)"
    case .zerosum: return "the value and optimal strategies by linear programming (zero-sum)"
    case .enumsupport: return "equilibria with equal-size supports (two players, nondegenerate)"
    case .spe: return "every pure subgame-perfect equilibrium (perfect-information trees)"
    case .seqform:
      return "one equilibrium by Lemke's algorithm on the sequence form (two-player trees)"
    case .logit:
      return "the limit of the logit QRE path, polished (any number of players; --lambda)"
    case .simpdiv:
      return "one equilibrium by simplicial subdivision, polished (any number of players)"
    }
  }

  public static var allValueDescriptions: [String: String] {
    Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.summary) })
  }

  /// The method used when none is named: `enummixed` for two players, `pure` otherwise.
  public static func defaultMethod(playerCount: Int) -> SolverName {
    playerCount == 2 ? .enummixed : .pure
  }

  /// Runs the method on `game` with `options`.
  ///
  /// - Throws: `SolverError` when the method does not apply to the game or fails.
  public func solve<S: GameScalar>(
    _ game: NormalFormGame<S>, options: SolverOptions = SolverOptions()
  ) throws(SolverError) -> SolverOutcome<S> {
    switch self {
    case .dominance:
      let solver = IteratedDominance(
        strength: options.weak ? .weak : .strict, byMixedStrategies: options.mixed,
        control: options.control)
      return .dominance(try solver.reduce(game))
    case .pure:
      return .equilibria(try PureStrategyEquilibria(control: options.control).solve(game))
    case .enummixed:
      return .equilibria(try VertexEnumeration(control: options.control).solve(game))
    case .lcp:
      let solver = LemkeHowson(
        initialLabel: options.initialLabel ?? 0, allLabels: options.allLabels,
        control: options.control)
      return .equilibria(try solver.solve(game))
    case .zerosum:
      return .equilibria(try ZeroSumLP(control: options.control).solve(game))
    case .enumsupport:
      return .equilibria(try SupportEnumeration(control: options.control).solve(game))
    case .spe, .seqform:
      throw .unsupportedGame(rawValue, "the method applies to extensive-form (.efg) games")
    case .logit:
      let solver = LogitQRE(control: options.control)
      if let lambda = options.lambda {
        return .quantalResponse(try solver.point(at: lambda, of: game))
      }
      return .equilibria(try solver.solve(game))
    case .simpdiv:
      return .equilibria(try SimplicialSubdivision(control: options.control).solve(game))
    }
  }

  /// The method used for a tree when none is named: `spe` with perfect information,
  /// `seqform` for two players, else `logit` on the reduced normal form.
  public static func defaultMethod<S: GameScalar>(for tree: ExtensiveFormGame<S>) -> SolverName {
    if tree.isPerfectInformation { return .spe }
    return tree.playerCount == 2 ? .seqform : .logit
  }

  /// Runs the method on a tree: `spe`, `seqform` (and `lcp`, its alias for trees) and
  /// `zerosum` (the sequence-form LP) work on the tree itself; `enummixed`, `enumsupport`,
  /// `pure`, `logit` and `simpdiv` solve the reduced normal form and carry the equilibria back as behaviour
  /// profiles.
  ///
  /// - Throws: `SolverError` when the method does not apply to the tree or fails.
  public func solve<S: GameScalar>(
    tree: ExtensiveFormGame<S>, options: SolverOptions = SolverOptions()
  ) throws(SolverError) -> BehaviorSolverResult<S> {
    switch self {
    case .spe:
      return try BackwardInduction(control: options.control).solve(tree)
    case .seqform, .lcp:
      return try SequenceFormLCP(control: options.control).solve(tree)
    case .zerosum:
      return try SequenceFormLP(control: options.control).solve(tree)
    case .enummixed, .enumsupport, .pure, .logit, .simpdiv:
      if self == .logit, options.lambda != nil {
        throw .invalidArgument(rawValue, "--lambda applies to strategic-form (.nfg) games")
      }
      let reduced = try ReducedNormalForm(tree)
      guard case .equilibria(let result) = try solve(reduced.game, options: options) else {
        preconditionFailure("a Nash method returns equilibria")
      }
      return try reduced.behaviorResult(result, tolerance: result.tolerance)
    case .dominance:
      throw .unsupportedGame(rawValue,
        "the method applies to strategic-form (.nfg) games; it has no tree form")
    }
  }
}

/// The settings a method may take; each method reads the ones that concern it.
public struct SolverOptions: Sendable {
  /// `lcp`: the label dropped first (0-based over the m + n strategies, rows first).
  public var initialLabel: Int?
  /// `lcp`: follow the path from every label and report the distinct equilibria.
  public var allLabels: Bool
  /// `dominance`: also eliminate strategies dominated by mixed strategies.
  public var mixed: Bool
  /// `dominance`: eliminate weakly (not only strictly) dominated strategies.
  public var weak: Bool
  /// `logit`: report the quantal response equilibrium at this precision.
  public var lambda: Double?
  /// Cancellation and time limit.
  public var control: SolverControl

  public init(
    initialLabel: Int? = nil, allLabels: Bool = false, mixed: Bool = false, weak: Bool = false,
    lambda: Double? = nil, control: SolverControl = .none
  ) {
    self.lambda = lambda
    self.initialLabel = initialLabel
    self.allLabels = allLabels
    self.mixed = mixed
    self.weak = weak
    self.control = control
  }
}

/// What a method produced: equilibria, or for `dominance` the record of eliminations.
public enum SolverOutcome<S: GameScalar>: Sendable {
  /// The equilibria a Nash solver found, with their provenance.
  case equilibria(SolverResult<S>)
  /// What iterated dominance eliminated and what survived.
  case dominance(DominanceResult<S>)
  /// A logit quantal response equilibrium (not a Nash equilibrium), at a chosen λ.
  case quantalResponse(LogitQREPoint)

  /// The outcome as a table for export.
  public func table(
    for game: NormalFormGame<S>, decimals: Int? = nil, file: String? = nil
  ) -> EquilibriumTable {
    switch self {
    case .equilibria(let result):
      return EquilibriumTable(game: game, result: result, decimals: decimals, file: file)
    case .dominance(let result):
      return EquilibriumTable(game: game, dominance: result, decimals: decimals, file: file)
    case .quantalResponse(let point):
      return EquilibriumTable(
        game: game.converted(to: Double.self), qre: point.profile, lambda: point.lambda,
        steps: point.steps, decimals: decimals, file: file)
    }
  }
}
