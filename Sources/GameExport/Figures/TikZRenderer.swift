// SPDX-License-Identifier: GPL-3.0-or-later

extension Figure {
  /// The figure as a pgfplots `axis` in a `tikzpicture`, ready to `\input` into a LaTeX
  /// document whose preamble has `\usepackage{pgfplots}` and `\pgfplotsset{compat=1.16}` (or
  /// later).
  ///
  /// Comment lines state the title, the ``provenance`` and the preamble needed. The colours are
  /// defined inside the picture (`parley0`, `parley1`, … from their hex codes); the axis has the
  /// figure's ranges and ticks (the same as the SVG's), its size scaled from ``width`` ×
  /// ``height`` (640 × 440 → 8 cm × 5.5 cm), and the legend outside on the right. Each series is one
  /// `\addplot` (regions closed with `-- cycle` and an area legend; markers with `only marks`);
  /// each labelled point is an `\addplot` with its mark and a `\node` on the side the SVG renderer
  /// chose. Data are written with six decimals at most; text is escaped for LaTeX. The same figure
  /// always gives the same bytes.
  ///
  /// - Complexity: O(n + k²) for n points and k labelled points.
  public func tikz() -> String {
    let layout = FigureLayout(self)
    func d(_ v: Double) -> String { FigureNumber.format(v, decimals: 6) }
    func tex(_ s: String) -> String { latexEscaped(s) }
    var colors = [Color]()
    func name(_ c: Color) -> String {
      if let i = colors.firstIndex(of: c) { return "parley\(i)" }
      colors.append(c)
      return "parley\(colors.count - 1)"
    }
    var body = [String]()
    for s in series where !s.points.isEmpty {
      let c = name(s.color)
      let coords = s.points.map { "(\(d($0.x)),\(d($0.y)))" }.joined(separator: " ")
      var options: [String]
      var closing = ""
      switch s.style {
      case .region:
        options = ["draw=\(c)", "fill=\(c)", "fill opacity=0.18", "area legend"]
        closing = " -- cycle"
      case .line, .dashedLine:
        options = ["draw=\(c)", "thick"]
        if s.style == .dashedLine { options.append("dashed") }
        if let m = s.marker {
          options += ["mark=\(pgfMark(m))", "mark size=1.8pt", "mark options={solid, fill=\(c)}"]
        } else {
          options.append("mark=none")
        }
      case .markers:
        let dense = s.points.count > 200
        options = [
          "only marks", "mark=\(pgfMark(s.marker ?? .circle))",
          "mark size=\(dense ? "0.8pt" : "1.2pt")", "color=\(c)",
          "fill opacity=\(dense ? "0.5" : "0.75")",
        ]
      }
      if s.name.isEmpty { options.append("forget plot") }
      body.append("    \\addplot[\(options.joined(separator: ", "))]")
      body.append("      coordinates {\(coords)}\(closing);")
      if !s.name.isEmpty { body.append("    \\addlegendentry{\(tex(s.name))}") }
    }
    for (p, quadrant) in zip(labelledPoints, layout.quadrants) {
      let c = name(p.color)
      let at = "(\(d(p.point.x)),\(d(p.point.y)))"
      let outline = p.marker == .cross ? "line width=1pt" : "draw=black"
      body.append(
        "    \\addplot[only marks, mark=\(pgfMark(p.marker)), mark size=2.8pt, color=\(c), "
          + "mark options={fill=\(c), \(outline)}]")
      body.append("      coordinates {\(at)};")
      body.append("    \\addlegendentry{\(tex(p.label))}")
      let anchor: String
      switch quadrant {
      case .northEast: anchor = "south west"
      case .southEast: anchor = "north west"
      case .northWest: anchor = "south east"
      case .southWest: anchor = "north east"
      }
      body.append(
        "    \\node[anchor=\(anchor), font=\\footnotesize, inner sep=1pt, outer sep=2pt, "
          + "fill=white, fill opacity=0.7, text opacity=1] at (axis cs:"
          + "\(d(p.point.x)),\(d(p.point.y))) {\(tex(p.label))};")
    }

    func labels(_ axis: FigureAxis.Resolved) -> String {
      axis.ticks.map { FigureNumber.format($0, decimals: axis.decimals) }
        .joined(separator: ",")
    }
    var out = [String]()
    out.append(
      "% \(oneLine(title.isEmpty ? "Figure" : title)) --- made by Parley "
        + ParleyVersion.current)
    out += provenance.lines.map { "% \($0.name): \(oneLine($0.value))" }
    out.append("% Needs \\usepackage{pgfplots} and \\pgfplotsset{compat=1.16} (or later).")
    out.append("\\begin{tikzpicture}")
    for (i, c) in colors.enumerated() { out.append("  \\definecolor{parley\(i)}{HTML}{\(c.hex)}") }
    var axis = [
      "width=\(FigureNumber.format(width / 80, decimals: 3))cm",
      "height=\(FigureNumber.format(height / 80, decimals: 3))cm",
      "scale only axis",
    ]
    if !title.isEmpty { axis.append("title={\(tex(title))}") }
    axis += [
      "xlabel={\(tex(x.label))}", "ylabel={\(tex(y.label))}",
      "xmin=\(d(layout.x.range.lowerBound))", "xmax=\(d(layout.x.range.upperBound))",
      "ymin=\(d(layout.y.range.lowerBound))", "ymax=\(d(layout.y.range.upperBound))",
      "xtick={\(layout.x.ticks.map(d).joined(separator: ","))}",
      "ytick={\(layout.y.ticks.map(d).joined(separator: ","))}",
      "xticklabels={\(labels(layout.x))}", "yticklabels={\(labels(layout.y))}",
      "grid=major", "grid style={black!10}",
      "tick label style={font=\\footnotesize}",
      "scaled ticks=false",
      "legend pos=outer north east", "legend cell align=left",
      "legend style={font=\\footnotesize}",
      "clip mode=individual",
    ]
    out.append("  \\begin{axis}[")
    out += axis.map { "    \($0)," }
    out.append("  ]")
    out += body
    out.append("  \\end{axis}")
    out.append("\\end{tikzpicture}")
    return out.joined(separator: "\n") + "\n"
  }

  /// The pgfplots mark for `marker` (filled shapes, `x` for the cross).
  private func pgfMark(_ marker: Marker) -> String {
    switch marker {
    case .circle: return "*"
    case .square: return "square*"
    case .triangle: return "triangle*"
    case .diamond: return "diamond*"
    case .cross: return "x"
    }
  }

  private func oneLine(_ text: String) -> String {
    String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
  }
}
