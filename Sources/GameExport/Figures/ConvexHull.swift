// SPDX-License-Identifier: GPL-3.0-or-later

extension Figure {
  /// The vertices of the convex hull of `points`, counter-clockwise from the lowest-leftmost,
  /// without collinear points; one or two points when the hull is degenerate.
  ///
  /// Andrew's monotone chain (Andrew 1979; de Berg et al., *Computational Geometry*, 3rd ed.,
  /// §1.1): sort by x then y, build the lower chain left to right and the upper chain right to
  /// left, popping a vertex whenever the last three turn clockwise or run straight on.
  /// - Complexity: O(n log n).
  public static func convexHull(_ points: [Point]) -> [Point] {
    var sorted = points.filter { $0.x.isFinite && $0.y.isFinite }
    sorted.sort { ($0.x, $0.y) < ($1.x, $1.y) }
    var unique = [Point]()
    for p in sorted where unique.last != p { unique.append(p) }
    guard unique.count > 2 else { return unique }
    func cross(_ o: Point, _ a: Point, _ b: Point) -> Double {
      (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
    }
    var lower = [Point]()
    var upper = [Point]()
    for p in unique {
      while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], p) <= 0 {
        lower.removeLast()
      }
      lower.append(p)
    }
    for p in unique.reversed() {
      while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], p) <= 0 {
        upper.removeLast()
      }
      upper.append(p)
    }
    let hull = Array(lower.dropLast() + upper.dropLast())
    return hull.count >= 2 ? hull : unique.count >= 2 ? [unique.first!, unique.last!] : unique
  }
}
