// SPDX-License-Identifier: GPL-3.0-or-later

extension Figure {
  /// The figure of a two-player bargaining problem: the bargaining set, its Pareto frontier,
  /// the disagreement point and the solutions, labelled.
  ///
  /// Drawn, bottom to top: the bargaining set — with lotteries, the convex hull of the deals
  /// (``convexHull(_:)``) as a translucent region — then every deal as a small dot, the
  /// Pareto frontier (with lotteries a thick line through `frontier`'s vertices in order of
  /// the first player's utility; without, a marker on each Pareto-optimal deal), the
  /// disagreement point as a grey cross, and each solution with its own marker and colour.
  /// Player 0's utility is the horizontal axis.
  ///
  /// - Parameters:
  ///   - players: The two players' names, for the axes.
  ///   - deals: Each deal's utility pair (repeats are fine).
  ///   - lotteries: Whether lotteries over deals are feasible (the set is then the hull).
  ///   - frontier: The Pareto-optimal deals' utility pairs (vertices of the frontier).
  ///   - solutions: Labels and utility pairs, e.g. `("Nash", …)`, in legend order.
  /// - Complexity: O(n log n) for n deals.
  public static func bargaining(
    title: String, players: (String, String), deals: [Point], lotteries: Bool,
    frontier: [Point], disagreement: Point, solutions: [(label: String, point: Point)]
  ) -> Figure {
    var figure = Figure(
      title: title, x: FigureAxis(label: "Utility of " + players.0),
      y: FigureAxis(label: "Utility of " + players.1))
    if lotteries {
      let hull = convexHull(deals)
      if hull.count >= 3 {
        figure.series.append(
          Series(name: "Bargaining set", points: hull, style: .region, color: .palette(0)))
      } else if hull.count == 2 {
        figure.series.append(
          Series(name: "Bargaining set", points: hull, style: .line, color: .palette(0)))
      }
    }
    figure.series.append(
      Series(name: "Deals", points: deals, style: .markers, color: .palette(0), marker: .circle))
    let ordered = frontier.sorted { ($0.x, -$0.y) < ($1.x, -$1.y) }
    if lotteries && ordered.count >= 2 {
      figure.series.append(
        Series(name: "Pareto frontier", points: ordered, style: .line, color: .palette(3)))
    } else if !ordered.isEmpty {
      figure.series.append(
        Series(
          name: lotteries ? "Pareto frontier" : "Pareto-optimal deals", points: ordered,
          style: .markers, color: .palette(3), marker: .square))
    }
    figure.labelledPoints.append(
      LabelledPoint(label: "Disagreement", point: disagreement, marker: .cross, color: .gray))
    let markers: [Marker] = [.circle, .square, .triangle, .diamond]
    let colors = [1, 2, 4, 5, 6, 8, 9].map(Color.palette)
    for (i, s) in solutions.enumerated() {
      figure.labelledPoints.append(
        LabelledPoint(
          label: s.label, point: s.point, marker: markers[i % markers.count],
          color: colors[i % colors.count]))
    }
    return figure
  }

  /// A sweep figure: one curve per series over a parameter (e.g. each player's payoff, or an
  /// agreement probability, as a discount factor or budget varies).
  ///
  /// Each series is a line through `(x[i], values[i])` with a marker at every point when
  /// `markers`, coloured and marked in palette order; non-finite values are left out.
  ///
  /// - Parameters:
  ///   - parameter: The horizontal axis's label (the swept parameter).
  ///   - value: The vertical axis's label (what is plotted).
  ///   - x: The parameter's values, in order.
  ///   - series: Names and values, one value per entry of `x`.
  ///   - yRange: A fixed vertical range (e.g. 0…1 for probabilities); `nil` fits the data.
  /// - Complexity: O(s·n) for s series of n points.
  public static func sweep(
    title: String, parameter: String, value: String, x: [Double],
    series: [(name: String, values: [Double])], markers: Bool = true,
    yRange: ClosedRange<Double>? = nil
  ) -> Figure {
    precondition(series.allSatisfy { $0.values.count == x.count }, "one value per x")
    let shapes: [Marker] = [.circle, .square, .triangle, .diamond]
    var figure = Figure(
      title: title, x: FigureAxis(label: parameter), y: FigureAxis(label: value, range: yRange))
    for (i, s) in series.enumerated() {
      let points = zip(x, s.values).map { Point($0, $1) }.filter { $0.x.isFinite && $0.y.isFinite }
      figure.series.append(
        Series(
          name: s.name, points: points, style: .line, color: .palette(i),
          marker: markers ? shapes[i % shapes.count] : nil))
    }
    return figure
  }
}
