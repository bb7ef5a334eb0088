// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameExport
import GameSolvers
import Negotiation

/// The figure `parley negotiate --figure` draws: a negotiation seen by two of its actors.
enum NegotiationFigure {
  /// Every deal's utility pair for actors `a` (horizontal) and `b` (vertical), their convex
  /// hull, the Pareto frontier of that projection (lotteries allowed), the disagreement
  /// point, and each framework's expected payoff pair, labelled with the framework.
  ///
  /// Deals with the same pair of utilities are drawn once. The frontier is the one of the two
  /// actors' projected set: a deal on it may be dominated for the others.
  /// - Complexity: O(m log m) for m deals.
  static func figure(
    space: DealSpace, actors a: Int, _ b: Int, outcomes: [FrameworkOutcome]
  ) -> Figure {
    let model = space.model
    var seen = Set<[Rational]>()
    var pairs = [[Rational]]()
    for k in 0..<space.count {
      let pair = [space.utility(of: a, at: k), space.utility(of: b, at: k)]
      if seen.insert(pair).inserted { pairs.append(pair) }
    }
    let disagreement = [model.disagreement[a], model.disagreement[b]]
    func point(_ u: [Rational]) -> Figure.Point {
      Figure.Point(u[0].doubleValue, u[1].doubleValue)
    }
    var frontier = [Figure.Point]()
    if let problem = try? BargainingProblem(
      deals: pairs, disagreement: disagreement, lotteries: true),
      let result = try? ParetoFrontier().solve(problem)
    {
      frontier = result.deals.map { point(pairs[$0]) }
    }
    let names = (model.actors[a].name, model.actors[b].name)
    return Figure.bargaining(
      title: "\(model.name): \(names.0) and \(names.1)", players: names,
      deals: pairs.map(point), lotteries: true, frontier: frontier,
      disagreement: point(disagreement),
      solutions: outcomes.map { o in
        (label: o.framework, point: point([o.payoffs[a], o.payoffs[b]]))
      })
  }
}
