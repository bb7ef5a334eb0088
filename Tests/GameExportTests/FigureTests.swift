// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
@testable import GameExport
import Testing
import _TestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An external program on `PATH`, for the tests that render or compile the exports.
enum ExternalTool {
  static func path(_ name: String) -> String? {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
      .split(separator: ":")
    return folders.map { "\($0)/\(name)" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static let rsvgConvert = path("rsvg-convert")
  static let pdflatex = path("pdflatex")

  /// A fresh temporary folder for one test.
  static func scratch(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("parley-\(name)-\(getpid())")
    try? FileManager.default.removeItem(at: url)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// The figure model, its SVG and TikZ renderers, and the bargaining and sweep figures.
@Suite struct FigureTests {
  typealias P = Figure.Point

  /// The partners problem of `Models/bargaining/partners.txt`, with its solutions as
  /// `parley bargain` computes them (exact values, written as decimals here).
  static let bargaining = Figure.bargaining(
    title: "Bargaining problem: partners", players: ("Ann", "Bob"),
    deals: [P(5, 5), P(9, 2), P(2, 8), P(1, 1)], lotteries: true,
    frontier: [P(2, 8), P(9, 2)], disagreement: P(1, 1),
    solutions: [
      ("Nash", P(67 / 12, 69 / 14)), ("Kalai–Smorodinsky", P(537 / 97, 482 / 97)),
      ("Egalitarian", P(68 / 13, 68 / 13)), ("Utilitarian", P(9, 2)),
    ])

  /// Synthetic sweep data: Rubinstein shares 1/(1+δ) and δ/(1+δ) as the common discount
  /// factor δ varies, and an agreement probability.
  static let sweep: Figure = {
    let deltas = stride(from: 0.1, through: 0.9, by: 0.1).map { $0 }
    return Figure.sweep(
      title: "Rubinstein shares & \"patience\" <δ>", parameter: "Discount factor δ",
      value: "Share of the pie (100%)", x: deltas,
      series: [
        ("Proposer", deltas.map { 1 / (1 + $0) }), ("Responder", deltas.map { $0 / (1 + $0) }),
        ("Agreement_prob", deltas.map { _ in 1 }),
      ], yRange: 0...1)
  }()

  static let figures: [(name: String, figure: Figure)] = [
    ("bargaining", bargaining), ("sweep", sweep),
  ]

  @Test(arguments: ["bargaining", "sweep"])
  func svgMatchesGolden(_ name: String) throws {
    let figure = try #require(Self.figures.first { $0.name == name }).figure
    try Golden.check(figure.svg(), named: "figure-\(name).svg")
    #expect(figure.svg() == figure.svg())
  }

  @Test(arguments: ["bargaining", "sweep"])
  func tikzMatchesGolden(_ name: String) throws {
    let figure = try #require(Self.figures.first { $0.name == name }).figure
    try Golden.check(figure.tikz(), named: "figure-\(name).tex")
  }

  @Test func niceTicks() {
    let a = FigureAxis.ticks(covering: [0, 9.2])
    #expect(a.ticks == [0, 2, 4, 6, 8, 10])
    let b = FigureAxis.ticks(covering: [0.13, 0.47])
    #expect(
      b.ticks.map { FigureNumber.format($0, decimals: b.decimals) }
        == ["0.1", "0.2", "0.3", "0.4", "0.5"])
    let c = FigureAxis.ticks(covering: [3, 3])
    #expect(c.ticks.first! <= 1.5 && c.ticks.last! >= 4.5)
    let d = FigureAxis.ticks(covering: [-250, 1200])
    #expect(d.ticks == [-500, 0, 500, 1000, 1500])
  }

  @Test func fixedFormatting() {
    #expect(FigureNumber.format(2.5, decimals: 2) == "2.5")
    #expect(FigureNumber.format(-0.0001, decimals: 2) == "0")
    #expect(FigureNumber.format(0.125, decimals: 2) == "0.13")
    #expect(FigureNumber.format(-1.005, decimals: 1) == "-1")
    #expect(FigureNumber.format(67.0 / 12, decimals: 6) == "5.583333")
    #expect(FigureNumber.format(1234, decimals: 0) == "1234")
    #expect(FigureNumber.format(0.05, decimals: 3) == "0.05")
  }

  @Test func convexHullDropsInteriorAndCollinearPoints() {
    let hull = Figure.convexHull([P(0, 0), P(2, 0), P(1, 0), P(1, 1), P(2, 2), P(0, 2), P(0, 2)])
    #expect(hull == [P(0, 0), P(2, 0), P(2, 2), P(0, 2)])
    #expect(Figure.convexHull([P(0, 0), P(1, 1), P(2, 2)]) == [P(0, 0), P(2, 2)])
    #expect(Figure.convexHull([P(3, 3)]) == [P(3, 3)])
  }

  @Test func bargainingFigureHasTheSetFrontierAndSolutions() {
    let f = Self.bargaining
    #expect(f.series.map(\.name) == ["Bargaining set", "Deals", "Pareto frontier"])
    #expect(f.series[0].style == .region && f.series[0].points.count == 3)
    #expect(f.series[2].points == [P(2, 8), P(9, 2)])
    #expect(
      f.labelledPoints.map(\.label)
        == ["Disagreement", "Nash", "Kalai–Smorodinsky", "Egalitarian", "Utilitarian"])
    #expect(Set(f.labelledPoints.map(\.marker)).count == 5)
    let noLotteries = Figure.bargaining(
      title: "", players: ("A", "B"), deals: [P(0, 1), P(1, 0), P(0.2, 0.2)], lotteries: false,
      frontier: [P(0, 1), P(1, 0)], disagreement: P(0, 0), solutions: [])
    #expect(noLotteries.series.map(\.name) == ["Deals", "Pareto-optimal deals"])
    #expect(noLotteries.series[1].style == .markers)
  }

  @Test func sweepFigureDrawsOneCurvePerSeries() {
    let f = Self.sweep
    #expect(f.series.count == 3)
    #expect(f.series.allSatisfy { $0.style == .line && $0.points.count == 9 })
    #expect(Set(f.series.map(\.color)).count == 3)
    #expect(f.series[0].points[0] == P(0.1, 1 / 1.1))
    #expect(f.y.range == 0...1)
    let tikz = f.tikz()
    #expect(tikz.contains("ymin=0,") && tikz.contains("ymax=1,"))
    #expect(tikz.contains("\\addlegendentry{Agreement\\_prob}"))
    let gap = Figure.sweep(
      title: "t", parameter: "x", value: "y", x: [0, 1, 2], series: [("s", [1, .nan, 3])])
    #expect(gap.series[0].points == [P(0, 1), P(2, 3)])
  }

  @Test(arguments: ["bargaining", "sweep"])
  func svgIsWellFormedXML(_ name: String) throws {
    let svg = try #require(Self.figures.first { $0.name == name }).figure.svg()
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = ElementCollector()
    parser.delegate = collector
    #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    #expect(collector.root == "svg")
    #expect(collector.names.contains("polyline") && collector.names.contains("text"))
    #expect(svg.contains("viewBox=\"0 0 640 440\""))
  }

  @Test(
    .enabled(
      if: ExternalTool.rsvgConvert != nil,
      "rsvg-convert (Debian librsvg2-bin) is not installed; SVG rendering not checked"),
    arguments: ["bargaining", "sweep"])
  func svgRendersWithRsvg(_ name: String) throws {
    let figure = try #require(Self.figures.first { $0.name == name }).figure
    let folder = try ExternalTool.scratch("rsvg-\(name)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let svg = folder.appendingPathComponent("\(name).svg")
    let png = folder.appendingPathComponent("\(name).png")
    try figure.svg().write(to: svg, atomically: true, encoding: .utf8)
    let run = try ChildProcess.run(
      ExternalTool.rsvgConvert!, ["--format", "png", "--output", png.path, svg.path])
    #expect(run.status == 0)
    let bytes = try Data(contentsOf: png)
    #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    if let keep = ProcessInfo.processInfo.environment["PARLEY_KEEP_FIGURES"] {
      try? FileManager.default.copyItem(
        at: png, to: URL(fileURLWithPath: keep).appendingPathComponent("\(name).png"))
    }
  }

  /// A LaTeX document with the booktabs tables and both pgfplots figures compiles.
  @Test(
    .enabled(
      if: ExternalTool.pdflatex != nil,
      "pdflatex (Debian texlive-latex-base) is not installed; LaTeX exports not compiled"))
  func latexExportsCompile() throws {
    let folder = try ExternalTool.scratch("pdflatex")
    defer { try? FileManager.default.removeItem(at: folder) }
    var table = EquilibriumTable(
      game: battleOfTheSexes(Rational.self),
      result: battleOfTheSexesResult(battleOfTheSexes(Rational.self)),
      file: "bos_1.nfg")
    table.provenance = Provenance(commandLine: "parley solve 'a b%.nfg'", fileSHA256: "ab")
    let parts = [
      ("table.tex", table.rendered(as: .latex)),
      ("escaping.tex", EquilibriumTableTests.awkward.rendered(as: .latex)),
      ("bargaining.tex", Self.bargaining.tikz()), ("sweep.tex", Self.sweep.tikz()),
    ]
    for (file, text) in parts {
      try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }
    let document = """
      \\documentclass{article}
      \\usepackage[T1]{fontenc}
      \\usepackage[utf8]{inputenc}
      \\usepackage{booktabs}
      \\usepackage{pgfplots}
      \\pgfplotsset{compat=1.16}
      \\DeclareUnicodeCharacter{2013}{--}
      \\DeclareUnicodeCharacter{03B4}{$\\delta$}
      \\begin{document}
      \(parts.map { "\\input{\(folder.path)/\($0.0)}" }.joined(separator: "\n"))
      \\end{document}

      """
    let main = folder.appendingPathComponent("main.tex")
    try document.write(to: main, atomically: true, encoding: .utf8)
    let run = try ChildProcess.run(
      ExternalTool.pdflatex!,
      [
        "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
        "-output-directory=\(folder.path)", main.path,
      ], timeout: 120)
    #expect(run.status == 0, "pdflatex failed:\n\(run.output.suffix(2000))")
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("main.pdf").path))
    if let keep = ProcessInfo.processInfo.environment["PARLEY_KEEP_FIGURES"] {
      try? FileManager.default.copyItem(
        at: folder.appendingPathComponent("main.pdf"),
        to: URL(fileURLWithPath: keep).appendingPathComponent("figures.pdf"))
    }
  }
}

/// Collects element names while XMLParser reads a document.
final class ElementCollector: NSObject, XMLParserDelegate, @unchecked Sendable {
  var names = [String]()
  var root: String? { names.first }
  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    names.append(elementName)
  }
}
