// SPDX-License-Identifier: GPL-3.0-or-later

extension Figure {
  /// The figure as a self-contained SVG 1.1 document (no scripts, fonts or external files).
  ///
  /// The canvas is ``width`` × ``height`` user units with a matching `viewBox`, so it scales
  /// cleanly. Its `<desc>` names Parley's version and the ``provenance``. Drawn in order: a white
  /// background, the grid, the series (clipped to the plot frame widened by 3 units, so lines on
  /// its edge show whole), the frame with ticks and tick labels, the axis labels, the labelled
  /// points with their labels (on a white halo, placed to avoid each other), the title (centred on
  /// the canvas), and a legend to the right of the plot (in a smaller font when its longest entry
  /// would not fit). A markers series of more than 200 points is drawn with smaller, lighter dots.
  /// Coordinates are written with two decimals; text is XML-escaped. The same figure always gives
  /// the same bytes.
  ///
  /// - Complexity: O(n + k²) for n points and k labelled points.
  public func svg() -> String {
    let layout = FigureLayout(self)
    var out = [String]()
    func n(_ v: Double) -> String { FigureNumber.format(v, decimals: 2) }
    let w = n(width)
    let h = n(height)
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    out.append(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(w)\" "
        + "height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" "
        + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">")
    out.append("  <title>\(xml(title.isEmpty ? "Figure" : title))</title>")
    var desc = "Made by Parley \(ParleyVersion.current)."
    if let sha = provenance.fileSHA256 { desc += " SHA-256 of the model file: \(sha)." }
    if let command = provenance.commandLine { desc += " Command: \(command)" }
    out.append("  <desc>\(xml(desc))</desc>")
    let (l, r, t, b) = (layout.left, layout.right, layout.top, layout.bottom)
    out.append("  <defs>")
    out.append("    <clipPath id=\"plot-area\">")
    out.append(
      "      <rect x=\"\(n(l - 3))\" y=\"\(n(t - 3))\" width=\"\(n(r - l + 6))\" "
        + "height=\"\(n(b - t + 6))\"/>")
    out.append("    </clipPath>")
    out.append("  </defs>")
    out.append("  <rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>")

    // Grid and ticks.
    var grid = [String]()
    var ticks = [String]()
    for v in layout.x.ticks {
      let cx = layout.canvas(Point(v, layout.y.range.lowerBound)).x
      grid.append("M\(n(cx)) \(n(t))V\(n(b))")
      ticks.append("M\(n(cx)) \(n(b))v5")
    }
    for v in layout.y.ticks {
      let cy = layout.canvas(Point(layout.x.range.lowerBound, v)).y
      grid.append("M\(n(l)) \(n(cy))H\(n(r))")
      ticks.append("M\(n(l)) \(n(cy))h-5")
    }
    if !grid.isEmpty {
      out.append(
        "  <path d=\"\(grid.joined())\" fill=\"none\" stroke=\"#E6E6E6\" stroke-width=\"1\"/>")
    }

    // Series.
    out.append("  <g clip-path=\"url(#plot-area)\">")
    for s in series where !s.points.isEmpty {
      let coords = s.points.map { p -> String in
        let c = layout.canvas(p)
        return "\(n(c.x)),\(n(c.y))"
      }.joined(separator: " ")
      let color = "#" + s.color.hex
      switch s.style {
      case .region:
        out.append(
          "    <polygon points=\"\(coords)\" fill=\"\(color)\" fill-opacity=\"0.18\" "
            + "stroke=\"\(color)\" stroke-width=\"1\" stroke-linejoin=\"round\"/>")
      case .line, .dashedLine:
        let dash = s.style == .dashedLine ? " stroke-dasharray=\"6 4\"" : ""
        out.append(
          "    <polyline points=\"\(coords)\" fill=\"none\" stroke=\"\(color)\" "
            + "stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\"\(dash)/>")
        if let marker = s.marker {
          for p in s.points {
            out.append("    " + svgMarker(marker, at: layout.canvas(p), size: 3.5, fill: color))
          }
        }
      case .markers:
        // Dense clouds (hundreds of deals) get smaller, lighter dots.
        let dense = s.points.count > 200
        for p in s.points {
          out.append(
            "    "
              + svgMarker(
                s.marker ?? .circle, at: layout.canvas(p), size: dense ? 1.6 : 2.5,
                fill: color, opacity: dense ? 0.5 : 0.75))
        }
      }
    }
    out.append("  </g>")

    // Frame, ticks, tick labels, axis labels.
    out.append(
      "  <rect x=\"\(n(l))\" y=\"\(n(t))\" width=\"\(n(r - l))\" height=\"\(n(b - t))\" "
        + "fill=\"none\" stroke=\"#000000\" stroke-width=\"1\"/>")
    if !ticks.isEmpty {
      out.append("  <path d=\"\(ticks.joined())\" stroke=\"#000000\" stroke-width=\"1\"/>")
    }
    out.append("  <g font-size=\"11\" fill=\"#333333\">")
    for v in layout.x.ticks {
      let cx = layout.canvas(Point(v, layout.y.range.lowerBound)).x
      out.append(
        "    <text x=\"\(n(cx))\" y=\"\(n(b + 18))\" text-anchor=\"middle\">"
          + "\(FigureNumber.format(v, decimals: layout.x.decimals))</text>")
    }
    for v in layout.y.ticks {
      let cy = layout.canvas(Point(layout.x.range.lowerBound, v)).y
      out.append(
        "    <text x=\"\(n(l - 8))\" y=\"\(n(cy + 4))\" text-anchor=\"end\">"
          + "\(FigureNumber.format(v, decimals: layout.y.decimals))</text>")
    }
    out.append("  </g>")
    out.append(
      "  <text x=\"\(n((l + r) / 2))\" y=\"\(n(height - 14))\" text-anchor=\"middle\" "
        + "font-size=\"13\">\(xml(x.label))</text>")
    let midY = n((t + b) / 2)
    out.append(
      "  <text x=\"18\" y=\"\(midY)\" text-anchor=\"middle\" font-size=\"13\" "
        + "transform=\"rotate(-90 18 \(midY))\">\(xml(y.label))</text>")

    // Labelled points.
    for (p, quadrant) in zip(labelledPoints, layout.quadrants) {
      let c = layout.canvas(p.point)
      out.append(
        "  " + svgMarker(p.marker, at: c, size: 5, fill: "#" + p.color.hex, outline: true))
      let box = FigureLayout.labelBox(p.label, at: c, quadrant)
      let east = quadrant == .northEast || quadrant == .southEast
      out.append(
        "  <text x=\"\(n(east ? box.x0 : box.x1))\" y=\"\(n(box.y1 - 2))\" "
          + "text-anchor=\"\(east ? "start" : "end")\" stroke=\"#FFFFFF\" stroke-width=\"3\" "
          + "stroke-opacity=\"0.85\" stroke-linejoin=\"round\" paint-order=\"stroke\">"
          + "\(xml(p.label))</text>")
    }

    // Title and legend.
    if !title.isEmpty {
      out.append(
        "  <text x=\"\(n(width / 2))\" y=\"26\" text-anchor=\"middle\" font-size=\"15\" "
          + "font-weight=\"bold\">\(xml(title))</text>")
    }
    if !layout.legend.isEmpty {
      let legendFont =
        layout.legendFontSize < 12
        ? " font-size=\"\(FigureNumber.format(layout.legendFontSize, decimals: 1))\"" : ""
      out.append("  <g>")
      for (i, entry) in layout.legend.enumerated() {
        let y = t + 10 + Double(i) * 20
        let x0 = layout.legendLeft
        switch entry {
        case .series(let s):
          let color = "#" + s.color.hex
          switch s.style {
          case .region:
            out.append(
              "    <rect x=\"\(n(x0))\" y=\"\(n(y - 6))\" width=\"24\" height=\"12\" "
                + "fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"\(color)\"/>")
          case .line, .dashedLine:
            let dash = s.style == .dashedLine ? " stroke-dasharray=\"6 4\"" : ""
            out.append(
              "    <path d=\"M\(n(x0)) \(n(y))h24\" stroke=\"\(color)\" stroke-width=\"2\""
                + "\(dash)/>")
            if let marker = s.marker {
              out.append("    " + svgMarker(marker, at: (x0 + 12, y), size: 3.5, fill: color))
            }
          case .markers:
            out.append(
              "    "
                + svgMarker(
                  s.marker ?? .circle, at: (x0 + 12, y), size: 2.5, fill: color,
                  opacity: 0.75))
          }
        case .point(let p):
          out.append(
            "    "
              + svgMarker(
                p.marker, at: (x0 + 12, y), size: 5, fill: "#" + p.color.hex,
                outline: true))
        }
        out.append(
          "    <text x=\"\(n(x0 + 32))\" y=\"\(n(y + 4))\"\(legendFont)>\(xml(entry.name))</text>")
      }
      out.append("  </g>")
    }
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  /// One marker centred at `c` with half-size `size`.
  private func svgMarker(
    _ marker: Marker, at c: (x: Double, y: Double), size s: Double, fill: String,
    opacity: Double = 1, outline: Bool = false
  ) -> String {
    func n(_ v: Double) -> String { FigureNumber.format(v, decimals: 2) }
    var paint = "fill=\"\(fill)\""
    if opacity < 1 { paint += " fill-opacity=\"\(FigureNumber.format(opacity, decimals: 2))\"" }
    if outline { paint += " stroke=\"#000000\" stroke-width=\"1\"" }
    func polygon(_ points: [(Double, Double)]) -> String {
      "<polygon points=\""
        + points.map { "\(n(c.x + $0.0)),\(n(c.y + $0.1))" }.joined(separator: " ")
        + "\" \(paint)/>"
    }
    switch marker {
    case .circle:
      return "<circle cx=\"\(n(c.x))\" cy=\"\(n(c.y))\" r=\"\(n(s))\" \(paint)/>"
    case .square:
      return
        "<rect x=\"\(n(c.x - s))\" y=\"\(n(c.y - s))\" width=\"\(n(2 * s))\" "
        + "height=\"\(n(2 * s))\" \(paint)/>"
    case .triangle:
      return polygon([(0, -1.25 * s), (1.15 * s, 0.85 * s), (-1.15 * s, 0.85 * s)])
    case .diamond:
      return polygon([(0, -1.35 * s), (1.35 * s, 0), (0, 1.35 * s), (-1.35 * s, 0)])
    case .cross:
      let width = outline ? 2.5 : 1.5
      return
        "<path d=\"M\(n(c.x - s)) \(n(c.y - s))L\(n(c.x + s)) \(n(c.y + s))"
        + "M\(n(c.x - s)) \(n(c.y + s))L\(n(c.x + s)) \(n(c.y - s))\" stroke=\"\(fill)\" "
        + "stroke-width=\"\(n(width))\" stroke-linecap=\"round\"/>"
    }
  }

  /// `text` with XML's special characters escaped (`& < > " '`); control characters other
  /// than tab become spaces (XML 1.0 forbids them).
  func xml(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case _ where scalar.value < 0x20 && scalar != "\t": out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
