// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser

/// The solutions `parley coop --solution` offers: one case per cooperative method.
public enum CoopSolution: String, CaseIterable, Sendable, ExpressibleByArgument {
  case shapley
  case shapleyShubik = "shapley-shubik"
  case shapleyMonteCarlo = "shapley-mc"
  case banzhaf
  case banzhafAbsolute = "banzhaf-absolute"
  case banzhafSwings = "banzhaf-swings"
  case deeganPackel = "deegan-packel"
  case holler
  case johnston
  case core
  case coreVertices = "core-vertices"
  case leastCore = "leastcore"
  case nucleolus
  case preNucleolus = "prenucleolus"
  case tau
  case properties
  case all

  /// One line per solution for `--help`.
  public var summary: String {
    switch self {
    case .shapley: return "the Shapley value (weight DP for weighted games, else enumeration)"
    case .shapleyShubik: return "the Shapley-Shubik index of a simple game"
    case .shapleyMonteCarlo:
      return "a Monte Carlo Shapley estimate with 95% intervals (--samples, --seed)"
    case .banzhaf: return "the normalised Banzhaf index (the Banzhaf value for other games)"
    case .banzhafAbsolute: return "the absolute Banzhaf index, swings / 2^(n-1)"
    case .banzhafSwings: return "the raw Banzhaf swing counts"
    case .deeganPackel: return "the Deegan-Packel index of a simple game"
    case .holler: return "Holler's public good index of a simple game"
    case .johnston: return "the Johnston index of a simple game"
    case .core: return "whether the core is empty, and a point in it"
    case .coreVertices: return "every vertex of the core (at most 6 players)"
    case .leastCore: return "the least-core value and a least-core point"
    case .nucleolus: return "the nucleolus (exact sequential LPs)"
    case .preNucleolus: return "the pre-nucleolus (exact sequential LPs)"
    case .tau: return "the tau value of a quasi-balanced game"
    case .properties: return "superadditive, convex, monotone, simple, balanced"
    case .all: return "every solution that applies to the game (the default)"
    }
  }

  public static var allValueDescriptions: [String: String] {
    Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.summary) })
  }
}
