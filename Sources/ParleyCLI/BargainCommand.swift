// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameFiles
import GameSolvers

/// `parley bargain`: every axiomatic solution of a bargaining problem, side by side.
public struct BargainCommand: ParleyCommand {
  public static let configuration = CommandConfiguration(
    commandName: "bargain",
    abstract: "Nash, Kalai–Smorodinsky, egalitarian and utilitarian solutions of a problem.",
    discussion: """
      The file lists the deals with each player's utility:
        players: Ann Bob          (optional)
        disagreement: 0 0
        lotteries: yes            (yes: the convex hull; no: the deals themselves)
        weights: 1 2              (optional: adds the asymmetric Nash solution)
        deal split: 5 5
        deal ann-leads: 8 3
      '#' starts a comment. Numbers may be fractions (3/4) and are kept exact.
      """)

  @Argument(help: "The bargaining problem file.")
  public var file: String

  @OptionGroup public var report: ReportOptions

  public init() {}

  public func execute(io: CommandIO) throws {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      throw CommandFailure(
        message: "parley: error: cannot read \(file)", exitStatus: CommandFailure.dataStatus)
    }
    let parsed: BargainingFile
    do {
      parsed = try BargainingFile.parse(text, path: file)
    } catch {
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
    let p = parsed.problem
    var solutions = [BargainingSolution<Rational>]()
    var notes = [String]()
    func attempt(_ name: String, _ body: () throws(SolverError) -> BargainingSolution<Rational>) {
      do { solutions.append(try body()) } catch { notes.append("\(name): \(error.reason)") }
    }
    attempt("nash") { () throws(SolverError) in try NashBargainingSolution().solve(p) }
    if let w = parsed.weights {
      attempt("weighted nash") { () throws(SolverError) in
        var s = try NashBargainingSolution().solve(p, weights: w)
        s.concept = "nash (weights \(w.map(\.description).joined(separator: " ")))"
        return s
      }
    }
    attempt("kalai-smorodinsky") { () throws(SolverError) in try KalaiSmorodinsky().solve(p) }
    attempt("egalitarian") { () throws(SolverError) in try EgalitarianSolution().solve(p) }
    attempt("utilitarian") { () throws(SolverError) in try UtilitarianSolution().solve(p) }
    let rows = solutions.map { s in
      [s.concept] + s.point.map { report.text($0, exact: s.isExact) }
        + [
          s.lottery.map { "\(p.dealNames[$0.deal])=\(report.text($0.weight, exact: s.isExact))" }
            .joined(separator: " "), s.isExact ? "yes" : "no",
        ]
    }
    for s in solutions { notes += s.notes.map { "\(s.concept): \($0)" } }
    var tables = [
      ResultReport.Table(
        title: "Solutions", header: ["Solution"] + p.players + ["Lottery", "Exact"], rows: rows)
    ]
    if let frontier = try? ParetoFrontier().solve(p) {
      tables.append(
        ResultReport.Table(
          title: "Pareto frontier" + (p.allowsLotteries ? " (hull vertices)" : ""),
          header: ["Deal"] + p.players,
          rows: frontier.deals.map { k in [p.dealNames[k]] + p.deals[k].map { report.text($0) } }))
    }
    report.write(
      ResultReport(
        title: "Bargaining problem: \(file)", method: "axiomatic solutions",
        isExact: solutions.allSatisfy(\.isExact),
        parameters: [
          "deals": String(p.deals.count), "lotteries": p.allowsLotteries ? "yes" : "no",
          "disagreement": p.disagreement.map { report.text($0) }.joined(separator: " "),
        ], notes: notes, tables: tables), io: io)
  }
}
