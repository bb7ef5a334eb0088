// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameFiles
import GameSolvers

/// `sweep … --solution S` and `sample … --solution S`: what is computed at each point or
/// draw of a parametric bargaining problem (`parley: bargaining`) or coalitional game
/// (`parley: coalitional`).
public enum SweepSolution: String, CaseIterable, Sendable, ExpressibleByArgument {
  case all
  case nash
  case weightedNash = "weighted-nash"
  case kalaiSmorodinsky = "ks"
  case egalitarian
  case utilitarian
  case shapley
  case nucleolus
  case banzhaf
  case core

  public init?(argument: String) {
    if argument == "kalai-smorodinsky" {
      self = .kalaiSmorodinsky
      return
    }
    self.init(rawValue: argument)
  }

  /// One line per value for `--help`.
  public var summary: String {
    switch self {
    case .all:
      return "bargaining: nash, weighted-nash (with weights), ks and egalitarian; "
        + "coalitional: shapley, nucleolus and core"
    case .nash: return "bargaining: the Nash solution"
    case .weightedNash: return "bargaining: the asymmetric Nash solution (the file's weights)"
    case .kalaiSmorodinsky: return "bargaining: the Kalai–Smorodinsky solution"
    case .egalitarian: return "bargaining: the egalitarian solution"
    case .utilitarian: return "bargaining: the utilitarian solution"
    case .shapley: return "coalitional: the Shapley value (Shapley–Shubik for weighted games)"
    case .nucleolus: return "coalitional: the nucleolus"
    case .banzhaf: return "coalitional: the normalised Banzhaf index (or value)"
    case .core: return "coalitional: whether the core is empty, and the least-core value"
    }
  }

  public static var allValueDescriptions: [String: String] {
    Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.summary) })
  }

  /// Whether the value applies to bargaining problems (`all` applies to both kinds).
  var isBargaining: Bool {
    [.all, .nash, .weightedNash, .kalaiSmorodinsky, .egalitarian, .utilitarian].contains(self)
  }

  /// Whether the value applies to coalitional games (`all` applies to both kinds).
  var isCoalitional: Bool { [.all, .shapley, .nucleolus, .banzhaf, .core].contains(self) }

  /// The bargaining solutions this value computes for a problem with or without weights.
  func bargainingConcepts(hasWeights: Bool) throws -> [BargainingConcept] {
    switch self {
    case .all:
      return [.nash] + (hasWeights ? [.weightedNash] : []) + [.kalaiSmorodinsky, .egalitarian]
    case .nash: return [.nash]
    case .weightedNash:
      guard hasWeights else {
        throw CommandFailure(
          message: "parley: error: --solution weighted-nash: the problem states no weights "
            + "(add 'weights:' to the file)", exitStatus: CommandFailure.usageStatus)
      }
      return [.weightedNash]
    case .kalaiSmorodinsky: return [.kalaiSmorodinsky]
    case .egalitarian: return [.egalitarian]
    case .utilitarian: return [.utilitarian]
    default: return []
    }
  }

  /// The coalitional solutions this value computes.
  var coalitionalConcepts: [CoalitionalConcept] {
    switch self {
    case .all: return [.shapley, .nucleolus, .core]
    case .shapley: return [.shapley]
    case .nucleolus: return [.nucleolus]
    case .banzhaf: return [.banzhaf]
    case .core: return [.core]
    default: return []
    }
  }
}

/// What a parametric model file for `--solution` holds: read by its kind marker.
enum CooperativeModel {
  case bargaining(ParametricModel<BargainingFile>)
  case coalitional(ParametricModel<CoalitionalGameFile.Model>)

  /// Reads `file`: a `parley: bargaining` or `parley: coalitional` YAML model; a usage
  /// error for anything else, a data error (one located line) for a file that does not read.
  static func read(_ file: String, solution: SweepSolution, option: String) throws
    -> CooperativeModel
  {
    let url = URL(fileURLWithPath: file)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw CommandFailure(
        message: "parley: error: cannot read \(file)", exitStatus: CommandFailure.dataStatus)
    }
    let text = String(decoding: data, as: UTF8.self)
    let model: CooperativeModel
    do {
      if BargainingFile.isModel(text) {
        model = .bargaining(try BargainingFile.readParametric(contentsOf: url, path: file))
      } else if CoalitionalGameFile.isModel(text) {
        model = .coalitional(try CoalitionalGameFile.readParametric(contentsOf: url, path: file))
      } else {
        throw CommandFailure(
          message: "parley: error: \(option): \(file) is not a parametric bargaining problem "
            + "('parley: bargaining') or coalitional game ('parley: coalitional')",
          exitStatus: CommandFailure.usageStatus)
      }
    } catch let error as GameFileError {
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
    switch model {
    case .bargaining where !solution.isBargaining, .coalitional where !solution.isCoalitional:
      let kind = solution.isBargaining ? "a bargaining problem" : "a coalitional game"
      throw CommandFailure(
        message: "parley: error: \(option) \(solution.rawValue) is for \(kind); \(file) is "
          + (solution.isBargaining
            ? "a coalitional game (shapley, nucleolus, banzhaf, core or all)"
            : "a bargaining problem (nash, weighted-nash, ks, egalitarian, utilitarian or all)"),
        exitStatus: CommandFailure.usageStatus)
    default: return model
    }
  }

  var parameters: ParameterTable {
    switch self {
    case .bargaining(let p): return p.parameters
    case .coalitional(let p): return p.parameters
    }
  }
}

/// A solution of a bargaining problem, as `parley bargain` computes it.
enum BargainingConcept: String, Sendable, Hashable, CaseIterable {
  case nash
  case weightedNash = "weighted nash"
  case kalaiSmorodinsky = "ks"
  case egalitarian
  case utilitarian

  /// Solves `file`'s problem.
  func solve(_ file: BargainingFile) throws(SolverError) -> BargainingSolution<Rational> {
    switch self {
    case .nash: return try NashBargainingSolution().solve(file.problem)
    case .weightedNash:
      guard let w = file.weights else {
        throw .invalidArgument("weighted nash", "the problem states no weights")
      }
      return try NashBargainingSolution().solve(file.problem, weights: w)
    case .kalaiSmorodinsky: return try KalaiSmorodinsky().solve(file.problem)
    case .egalitarian: return try EgalitarianSolution().solve(file.problem)
    case .utilitarian: return try UtilitarianSolution().solve(file.problem)
    }
  }
}

/// A solution of a coalitional game, as `parley coop` computes it.
enum CoalitionalConcept: String, Sendable, Hashable, CaseIterable {
  case shapley
  case nucleolus
  case banzhaf
  case core
}

/// One bargaining solution at one parameter value: the players' utilities and the lottery
/// over the deals (deal index, probability) that attains them.
struct BargainingPoint: Sendable, Hashable {
  var payoffs: [Rational]
  var lottery: [LotteryEntry]
  var isExact: Bool

  struct LotteryEntry: Sendable, Hashable {
    var deal: Int
    var weight: Rational
  }

  /// The deals used (positive weight), in increasing order.
  var support: [Int] { lottery.filter { $0.weight > 0 }.map(\.deal).sorted() }

  init(_ s: BargainingSolution<Rational>) {
    payoffs = s.point
    lottery = s.lottery.map { LotteryEntry(deal: $0.deal, weight: $0.weight) }
    isExact = s.isExact
  }

  /// The deals used, named: `ann-leads` or `ann-leads + bob-leads`.
  func supportText(_ names: [String]) -> String {
    let s = support
    return s.isEmpty ? "none" : s.map { names[$0] }.joined(separator: " + ")
  }

  /// The lottery: `split` for one deal, else `ann-leads 43/84, bob-leads 41/84`.
  func lotteryText(_ names: [String], number: (Rational) -> String) -> String {
    let used = lottery.filter { $0.weight > 0 }
    if used.isEmpty { return "none" }
    if used.count == 1 { return names[used[0].deal] }
    return used.map { "\(names[$0.deal]) \(number($0.weight))" }.joined(separator: ", ")
  }
}

/// One coalitional game's answers at one parameter value.
struct CoalitionalPoint: Sendable, Hashable {
  /// The allocations, per concept (shapley, nucleolus, banzhaf), or the reason it failed.
  var allocations: [CoalitionalConcept: Outcome] = [:]
  /// The least-core value ε* (the core is empty iff ε* > 0), or the reason it failed.
  var leastCore: Outcome?

  enum Outcome: Sendable, Hashable {
    case values([Rational])
    case failed(String)
  }

  /// Whether the core is empty, when computed.
  var coreIsEmpty: Bool? {
    guard case .values(let v) = leastCore else { return nil }
    return v[0] > 0
  }

  /// Solves `concepts` on `content`; the core is computed for `.core`.
  static func solve(_ content: CoalitionalGameFile.Content, concepts: [CoalitionalConcept])
    -> CoalitionalPoint
  {
    var point = CoalitionalPoint()
    var explicit: Result<CoalitionalGame<Rational>, SolverError>?
    func game() throws(SolverError) -> CoalitionalGame<Rational> {
      if explicit == nil {
        switch content {
        case .characteristic(let g, _): explicit = .success(g)
        case .weighted(let w):
          do { explicit = .success(try w.characteristicFunction(Rational.self)) } catch {
            explicit = .failure(error)
          }
        }
      }
      return try explicit!.get()
    }
    for c in concepts {
      do throws(SolverError) {
        switch c {
        case .shapley:
          if case .weighted(let w) = content {
            point.allocations[c] = .values(try WeightedVotingPower().shapleyShubik(w).allocation)
          } else {
            point.allocations[c] = .values(try ShapleyValue().solve(try game()).allocation)
          }
        case .banzhaf:
          if case .weighted(let w) = content {
            point.allocations[c] = .values(
              try WeightedVotingPower().banzhaf(w, normalization: .normalized).allocation)
          } else {
            point.allocations[c] = .values(
              try BanzhafIndex(normalization: .normalized).solve(try game()).allocation)
          }
        case .nucleolus:
          point.allocations[c] = .values(try Nucleolus().solve(try game()).allocation)
        case .core:
          let r = try CoreSolver().point(in: try game())
          point.leastCore = .values([r.scalar ?? 0])
        }
      } catch {
        if c == .core {
          point.leastCore = .failed(error.reason)
        } else {
          point.allocations[c] = .failed(error.reason)
        }
      }
    }
    return point
  }
}

extension CoalitionalGameFile.Content {
  /// The players' names.
  var playerNames: [String] {
    switch self {
    case .weighted(let g): return g.playerNames
    case .characteristic(let g, _): return g.playerNames
    }
  }

  var isWeighted: Bool {
    if case .weighted = self { return true }
    return false
  }
}
