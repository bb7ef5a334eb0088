// SPDX-License-Identifier: GPL-3.0-or-later

/// A two-dimensional figure for papers: a title, two labelled axes, series of points drawn as
/// lines, filled regions or markers, and labelled points, rendered to SVG (``svg()``) or to
/// TikZ/pgfplots (``tikz()``).
///
/// The model only says what to draw; the renderers choose the layout (plot frame, ticks,
/// legend, label placement) the same way every time, and write every number with a fixed
/// number of decimals (``FigureNumber``), so the output is byte-for-byte reproducible and can
/// be compared with golden files. Ranges left `nil` are chosen from the data with "nice"
/// ticks (``FigureAxis/ticks(covering:)``).
///
/// ```swift
/// var figure = Figure(
///   title: "Payoffs", x: FigureAxis(label: "u₁"), y: FigureAxis(label: "u₂"))
/// figure.series.append(.init(name: "Frontier", points: [.init(0, 4), .init(3, 0)]))
/// figure.labelledPoints.append(.init(label: "Nash", point: .init(2, 4 / 3), marker: .circle))
/// let svg = figure.svg()
/// ```
public struct Figure: Sendable, Hashable {
  /// A point in data coordinates.
  public struct Point: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
      self.x = x
      self.y = y
    }
  }

  /// How a series is drawn.
  public enum Style: String, Sendable, Hashable, CaseIterable {
    /// Straight segments joining the points in order (a polyline; two points make a line).
    case line
    /// As ``line``, dashed.
    case dashedLine
    /// The closed polygon through the points, filled translucently and outlined.
    case region
    /// A marker at each point, no lines.
    case markers
  }

  /// The shape of a marker.
  public enum Marker: String, Sendable, Hashable, CaseIterable {
    case circle, square, triangle, diamond, cross
  }

  /// An RGB colour, written as six hexadecimal digits.
  public struct Color: Sendable, Hashable {
    /// Six upper-case hexadecimal digits, e.g. `1F77B4`.
    public var hex: String

    /// A colour from six hexadecimal digits (upper or lower case).
    public init(hex: String) {
      precondition(
        hex.count == 6 && hex.allSatisfy(\.isHexDigit), "a colour is six hexadecimal digits")
      self.hex = hex.uppercased()
    }

    /// Ten distinguishable colours (the Tableau 10 palette), used in order by
    /// ``Figure/Color/palette(_:)``.
    public static let paletteColors: [Color] = [
      "1F77B4", "FF7F0E", "2CA02C", "D62728", "9467BD", "8C564B", "E377C2", "7F7F7F",
      "BCBD22", "17BECF",
    ].map { Color(hex: $0) }

    /// The `index`-th palette colour, cycling.
    public static func palette(_ index: Int) -> Color {
      paletteColors[(index % paletteColors.count + paletteColors.count) % paletteColors.count]
    }

    /// Black, for outlines and text.
    public static let black = Color(hex: "000000")
    /// Mid grey, for reference points such as the disagreement point.
    public static let gray = Color(hex: "7F7F7F")
  }

  /// A named sequence of points.
  public struct Series: Sendable, Hashable {
    /// The legend entry; an empty name leaves the series out of the legend.
    public var name: String
    /// The points, in drawing order.
    public var points: [Point]
    /// How the points are drawn.
    public var style: Style
    /// The colour of lines, fills and markers.
    public var color: Color
    /// For ``Style/markers``, the marker shape (default a circle); for lines, a marker drawn
    /// at every point as well (default none).
    public var marker: Marker?

    public init(
      name: String, points: [Point], style: Style = .line, color: Color = .palette(0),
      marker: Marker? = nil
    ) {
      self.name = name
      self.points = points
      self.style = style
      self.color = color
      self.marker = marker
    }
  }

  /// A point marked and labelled in the plot (and listed in the legend).
  public struct LabelledPoint: Sendable, Hashable {
    public var label: String
    public var point: Point
    public var marker: Marker
    public var color: Color

    public init(label: String, point: Point, marker: Marker = .circle, color: Color = .black) {
      self.label = label
      self.point = point
      self.marker = marker
      self.color = color
    }
  }

  /// The title above the plot.
  public var title: String
  /// The horizontal axis.
  public var x: FigureAxis
  /// The vertical axis.
  public var y: FigureAxis
  /// The series, drawn in order (later ones on top).
  public var series: [Series]
  /// The labelled points, drawn on top of every series.
  public var labelledPoints: [LabelledPoint]
  /// The SVG's width in user units (pixels); TikZ scales its axis from it (640 → 8 cm).
  public var width: Double
  /// The SVG's height in user units (pixels); TikZ scales its axis from it (440 → 5.5 cm).
  public var height: Double
  /// The command line and the model file's SHA-256, when the caller records them: the SVG's
  /// `<desc>` and the TikZ comment lines state them.
  public var provenance = Provenance()

  public init(
    title: String, x: FigureAxis, y: FigureAxis, series: [Series] = [],
    labelledPoints: [LabelledPoint] = [], width: Double = 640, height: Double = 440
  ) {
    precondition(width >= 320 && height >= 240, "a figure is at least 320 × 240")
    self.title = title
    self.x = x
    self.y = y
    self.series = series
    self.labelledPoints = labelledPoints
    self.width = width
    self.height = height
  }

  /// Every finite point drawn: the series' and the labelled ones.
  var allPoints: [Point] {
    (series.flatMap(\.points) + labelledPoints.map(\.point))
      .filter { $0.x.isFinite && $0.y.isFinite }
  }

  /// The horizontal and vertical ranges and their ticks: each axis's own range when set,
  /// otherwise the nice range covering the data.
  var resolvedAxes: (x: FigureAxis.Resolved, y: FigureAxis.Resolved) {
    let points = allPoints
    return (x.resolved(covering: points.map(\.x)), y.resolved(covering: points.map(\.y)))
  }
}

/// One axis of a ``Figure``: its label and, optionally, its range.
public struct FigureAxis: Sendable, Hashable {
  /// The label, e.g. the player's name.
  public var label: String
  /// The range shown; `nil` chooses one from the data (``ticks(covering:)``).
  public var range: ClosedRange<Double>?

  public init(label: String, range: ClosedRange<Double>? = nil) {
    precondition(range.map { $0.lowerBound.isFinite && $0.upperBound.isFinite } ?? true)
    self.label = label
    self.range = range
  }

  /// A range with its tick positions and the decimals their labels need.
  struct Resolved: Hashable {
    var range: ClosedRange<Double>
    var ticks: [Double]
    var decimals: Int
  }

  /// The shown range and ticks for data spanning `values`.
  func resolved(covering values: [Double]) -> Resolved {
    if let range {
      let (step, decimals) = Self.tickStep(lo: range.lowerBound, hi: range.upperBound)
      let first = (range.lowerBound / step).rounded(.up)
      let last = (range.upperBound / step).rounded(.down)
      let ticks = first <= last ? stride(from: first, through: last, by: 1).map { $0 * step } : []
      return Resolved(range: range, ticks: ticks, decimals: decimals)
    }
    return Self.ticks(covering: values)
  }

  /// The nice range and ticks covering `values`, in the spirit of Heckbert's "Nice numbers
  /// for graph labels" (Graphics Gems, 1990).
  ///
  /// 1. Take the span of the data (or 1 around the value when it is a single value, 0…1
  ///    when there is no data), widened by 4% on each side but not across zero.
  /// 2. The step is the smallest of 1, 2 or 5 times a power of ten for which the range —
  ///    the data's minimum rounded down to a multiple of the step, to its maximum rounded
  ///    up — has at most six intervals.
  /// - Complexity: O(n) for n values.
  static func ticks(covering values: [Double]) -> Resolved {
    var lo = values.min() ?? 0
    var hi = values.max() ?? 1
    if hi - lo <= abs(hi) * 1e-12 {
      let pad = lo == 0 ? 1 : abs(lo) * 0.5
      lo -= pad
      hi += pad
    }
    // A margin, so that points on the data's edge do not sit on the frame; zero, a natural
    // edge for utilities and probabilities, is not crossed.
    let margin = (hi - lo) * 0.04
    lo = lo >= 0 ? max(0, lo - margin) : lo - margin
    hi = hi <= 0 ? min(0, hi + margin) : hi + margin
    let (step, decimals) = tickStep(lo: lo, hi: hi)
    let first = (lo / step + 1e-9).rounded(.down)
    let last = (hi / step - 1e-9).rounded(.up)
    let ticks = stride(from: first, through: last, by: 1).map { $0 * step }
    return Resolved(range: first * step...last * step, ticks: ticks, decimals: decimals)
  }

  /// The smallest 1-2-5 step giving at most six intervals from `lo` rounded down to `hi`
  /// rounded up, and the decimals its labels need.
  static func tickStep(lo: Double, hi: Double) -> (step: Double, decimals: Int) {
    precondition(hi > lo && (hi - lo).isFinite)
    var exponent = Int(log10Approx((hi - lo) / 10))
    while true {
      for nice in [1.0, 2, 5] {
        let step = nice * power10(exponent)
        let intervals = (hi / step - 1e-9).rounded(.up) - (lo / step + 1e-9).rounded(.down)
        if intervals <= 6 { return (step, max(0, -exponent)) }
      }
      exponent += 1
    }
  }

  /// 10ⁿ, exactly for the small exponents plots use.
  static func power10(_ n: Int) -> Double {
    var p = 1.0
    if n >= 0 { for _ in 0..<n { p *= 10 } } else { for _ in 0..<(-n) { p /= 10 } }
    return p
  }

  /// ⌊log₁₀ x⌋ as a Double, by counting powers of ten (no libm needed), for x > 0.
  static func log10Approx(_ x: Double) -> Double {
    var e = 0
    var v = x
    while v >= 10 {
      v /= 10
      e += 1
    }
    while v < 1 {
      v *= 10
      e -= 1
    }
    return Double(e)
  }
}

/// Fixed-point number formatting for figures: deterministic, locale-free.
public enum FigureNumber {
  /// `x` rounded half away from zero to `decimals` places, trailing zeros (and a trailing
  /// point) removed, `-0` written `0`: `format(2.50, decimals: 2) == "2.5"`.
  public static func format(_ x: Double, decimals: Int) -> String {
    precondition(decimals >= 0 && decimals <= 12)
    guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
    let scale = FigureAxis.power10(decimals)
    let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e15 else { return String(x) }
    let digits = String(UInt64(scaled))
    var whole: String
    var fraction: String
    if decimals == 0 {
      whole = digits
      fraction = ""
    } else {
      let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
      whole = String(padded.dropLast(decimals))
      fraction = String(padded.suffix(decimals))
      while fraction.last == "0" { fraction.removeLast() }
    }
    let text = fraction.isEmpty ? whole : whole + "." + fraction
    return x < 0 && text != "0" ? "-" + text : text
  }
}

/// The formats a ``Figure`` renders to.
public enum FigureFormat: String, CaseIterable, Sendable, Hashable {
  /// A self-contained SVG document (``Figure/svg()``).
  case svg
  /// A pgfplots `tikzpicture` for LaTeX (``Figure/tikz()``).
  case tikz
}

extension Figure {
  /// The figure in `format`; the text ends with a newline.
  public func rendered(as format: FigureFormat) -> String {
    switch format {
    case .svg: return svg()
    case .tikz: return tikz()
    }
  }
}
