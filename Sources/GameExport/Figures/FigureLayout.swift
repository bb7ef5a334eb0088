// SPDX-License-Identifier: GPL-3.0-or-later

/// Where a ``Figure``'s parts go on a canvas of the figure's size, shared by the SVG and TikZ
/// renderers so both place labels the same way.
struct FigureLayout {
  /// A label's side of its point.
  enum Quadrant: CaseIterable {
    case northEast, southEast, northWest, southWest
  }

  /// One legend line: a series or a labelled point.
  enum LegendEntry {
    case series(Figure.Series)
    case point(Figure.LabelledPoint)

    var name: String {
      switch self {
      case .series(let s): return s.name
      case .point(let p): return p.label
      }
    }
  }

  let figure: Figure
  let x: FigureAxis.Resolved
  let y: FigureAxis.Resolved
  let legend: [LegendEntry]
  /// The plot frame, in canvas units (y grows downwards).
  let left: Double, right: Double, top: Double, bottom: Double
  /// The left edge of the legend.
  let legendLeft: Double
  /// The legend's font size: 12, or less so that the longest entry fits the canvas.
  let legendFontSize: Double
  /// Each labelled point's label side, in order.
  let quadrants: [Quadrant]

  /// Estimated width of `text` at 12 units per em (a sans-serif average of 0.6 em).
  static func textWidth(_ text: String, size: Double = 12) -> Double {
    Double(text.count) * size * 0.6
  }

  init(_ figure: Figure) {
    self.figure = figure
    (x, y) = figure.resolvedAxes
    legend =
      figure.series.filter { !$0.name.isEmpty }.map(LegendEntry.series)
      + figure.labelledPoints.map(LegendEntry.point)
    let longest = legend.map { Self.textWidth($0.name) }.max() ?? 0
    let legendWidth = legend.isEmpty ? 0 : min(figure.width * 0.36, 44 + longest)
    left = 70
    top = figure.title.isEmpty ? 20 : 44
    right = figure.width - 16 - legendWidth
    bottom = figure.height - 52
    legendLeft = right + 14
    let room = figure.width - 4 - (legendLeft + 32)
    legendFontSize = longest <= room ? 12 : max(7, (12 * room / longest * 10).rounded(.down) / 10)
    let (xAxis, yAxis) = (x, y)
    let frame = (left: left, right: right, top: top, bottom: bottom)
    let centres = figure.labelledPoints.map {
      Self.canvas($0.point, x: xAxis, y: yAxis, frame: frame)
    }
    quadrants = Self.placeLabels(figure.labelledPoints, at: centres, frame: frame)
  }

  /// `p` in canvas units.
  func canvas(_ p: Figure.Point) -> (x: Double, y: Double) {
    Self.canvas(p, x: x, y: y, frame: (left, right, top, bottom))
  }

  private static func canvas(
    _ p: Figure.Point, x: FigureAxis.Resolved, y: FigureAxis.Resolved,
    frame: (left: Double, right: Double, top: Double, bottom: Double)
  ) -> (x: Double, y: Double) {
    let xSpan = x.range.upperBound - x.range.lowerBound
    let ySpan = y.range.upperBound - y.range.lowerBound
    return (
      frame.left + (p.x - x.range.lowerBound) / xSpan * (frame.right - frame.left),
      frame.bottom - (p.y - y.range.lowerBound) / ySpan * (frame.bottom - frame.top)
    )
  }

  /// The box a label takes in `quadrant` of a point at `c` (7 units away, 12 high).
  static func labelBox(
    _ text: String, at c: (x: Double, y: Double), _ quadrant: Quadrant
  ) -> (x0: Double, y0: Double, x1: Double, y1: Double) {
    let w = textWidth(text)
    let h = 12.0
    switch quadrant {
    case .northEast: return (c.x + 7, c.y - 7 - h, c.x + 7 + w, c.y - 7)
    case .southEast: return (c.x + 7, c.y + 7, c.x + 7 + w, c.y + 7 + h)
    case .northWest: return (c.x - 7 - w, c.y - 7 - h, c.x - 7, c.y - 7)
    case .southWest: return (c.x - 7 - w, c.y + 7, c.x - 7, c.y + 7 + h)
    }
  }

  /// Greedy label placement: each label, in order, takes the first quadrant (north-east,
  /// south-east, north-west, south-west) whose box stays inside the frame and overlaps
  /// neither an earlier label nor another marker; when none does, the one overlapping least.
  /// - Complexity: O(k²) for k labelled points.
  static func placeLabels(
    _ points: [Figure.LabelledPoint], at centres: [(x: Double, y: Double)],
    frame: (left: Double, right: Double, top: Double, bottom: Double)
  ) -> [Quadrant] {
    typealias Box = (x0: Double, y0: Double, x1: Double, y1: Double)
    func overlap(_ a: Box, _ b: Box) -> Double {
      max(0, min(a.x1, b.x1) - max(a.x0, b.x0)) * max(0, min(a.y1, b.y1) - max(a.y0, b.y0))
    }
    let markers: [Box] = centres.map { ($0.x - 6, $0.y - 6, $0.x + 6, $0.y + 6) }
    var placed = [Box]()
    var out = [Quadrant]()
    for (i, point) in points.enumerated() {
      var best: (quadrant: Quadrant, cost: Double)? = nil
      for q in Quadrant.allCases {
        let box = labelBox(point.label, at: centres[i], q)
        var cost = placed.reduce(0) { $0 + overlap(box, $1) }
        for (j, m) in markers.enumerated() where j != i { cost += overlap(box, m) }
        let outside =
          max(0, frame.left - box.x0) + max(0, box.x1 - frame.right)
          + max(0, frame.top - box.y0) + max(0, box.y1 - frame.bottom)
        cost += outside * 12
        if best == nil || cost < best!.cost { best = (q, cost) }
        if cost == 0 { break }
      }
      out.append(best!.quadrant)
      placed.append(labelBox(point.label, at: centres[i], best!.quadrant))
    }
    return out
  }
}
