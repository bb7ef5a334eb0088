// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import GameCore
import GameExport
import GameSolvers

/// `parley arbitrate`: final-offer and conventional arbitration.
public struct ArbitrateCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "arbitrate",
    abstract: "Final-offer and conventional arbitration (Farber 1980; Gibbons 1992, §1.2.D).",
    subcommands: [FinalOffer.self, Conventional.self, Compare.self])

  public init() {}

  /// The arbitrator's distribution and the parties' risk attitudes.
  public struct Setting: ParsableArguments {
    @Option(
      parsing: .upToNextOption,
      help: ArgumentHelp("A normal distribution: MEAN SD.", valueName: "X"))
    public var normal: [Double] = []

    @Option(
      parsing: .upToNextOption,
      help: ArgumentHelp("A uniform distribution on [A, B] (exact).", valueName: "X"))
    public var uniform: [RationalArgument] = []

    @Option(
      help: ArgumentHelp(
        "Past awards, whitespace-separated, smoothed by a Gaussian kernel.", valueName: "FILE"))
    public var samples: String?

    @Option(help: "The kernel bandwidth for --samples (default: Silverman's rule).")
    public var bandwidth: Double?

    @Option(help: ArgumentHelp("The union's CARA risk aversion (0: neutral).", valueName: "R"))
    public var unionRisk: Double = 0

    @Option(help: ArgumentHelp("The firm's CARA risk aversion (0: neutral).", valueName: "R"))
    public var firmRisk: Double = 0

    public init() {}

    public func validate() throws {
      let given = [!normal.isEmpty, !uniform.isEmpty, samples != nil].filter { $0 }.count
      guard given == 1 else {
        throw ValidationError(
          "Give exactly one of --normal MEAN SD, --uniform A B, --samples FILE.")
      }
      if !normal.isEmpty && normal.count != 2 { throw ValidationError("--normal takes MEAN SD.") }
      if !uniform.isEmpty && uniform.count != 2 { throw ValidationError("--uniform takes A B.") }
      if unionRisk < 0 || firmRisk < 0 { throw ValidationError("Risk aversion must be 0 or more.") }
    }

    func distribution() throws -> ArbitratorDistribution<Rational> {
      if normal.count == 2 { return .normal(mean: normal[0], standardDeviation: normal[1]) }
      if uniform.count == 2 { return .uniform(lower: uniform[0].value, upper: uniform[1].value) }
      let path = samples!
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw CommandFailure(
          message: "parley: error: cannot read \(path)", exitStatus: CommandFailure.dataStatus)
      }
      var values = [Rational]()
      for token in text.split(whereSeparator: {
        $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "," || $0 == "\r"
      }) {
        guard let q = Rational(token) else {
          throw CommandFailure(
            message: "parley: error: \(path): '\(token)' is not a number",
            exitStatus: CommandFailure.dataStatus)
        }
        values.append(q)
      }
      return .empirical(samples: values, bandwidth: bandwidth)
    }

    var union: RiskAttitude { unionRisk == 0 ? .neutral : .cara(unionRisk) }
    var firm: RiskAttitude { firmRisk == 0 ? .neutral : .cara(firmRisk) }
  }

  static func finalOfferRows(_ r: FinalOfferResult<Rational>, _ o: ReportOptions) -> [[String]] {
    [
      ["Firm's offer", o.text(r.firmOffer, exact: r.isExact)],
      ["Union's offer", o.text(r.unionOffer, exact: r.isExact)],
      ["Gap between offers", o.text(r.gap, exact: r.isExact)],
      ["P(firm's offer chosen)", o.text(r.firmOfferProbability, exact: r.isExact)],
      ["Expected award", o.text(r.expectedAward, exact: r.isExact)],
      ["Award standard deviation", o.text(r.awardStandardDeviation)],
    ]
  }

  static func conventionalRows(_ r: ConventionalResult<Rational>, _ o: ReportOptions) -> [[String]]
  {
    [
      ["Expected award", o.text(r.expectedAward, exact: r.isExact)],
      ["Award standard deviation", o.text(r.awardStandardDeviation)],
      ["Union's certainty equivalent", o.text(r.unionCertaintyEquivalent, exact: r.isExact)],
      ["Firm's certainty equivalent", o.text(r.firmCertaintyEquivalent, exact: r.isExact)],
      ["Contract zone width", o.text(r.contractZoneWidth, exact: r.isExact)],
    ]
  }

  /// `parley arbitrate final-offer`.
  public struct FinalOffer: ParleyCommand {
    public static let configuration = CommandConfiguration(
      commandName: "final-offer", abstract: "Equilibrium offers in final-offer arbitration.")
    @OptionGroup public var setting: Setting
    @OptionGroup public var report: ReportOptions
    public init() {}

    public func execute(io: CommandIO) throws {
      let r: FinalOfferResult<Rational>
      do {
        r = try FinalOfferArbitration().solve(
          try setting.distribution(), union: setting.union, firm: setting.firm)
      } catch let error as SolverError { throw failure(error) }
      report.write(
        ResultReport(
          title: "Final-offer arbitration", method: r.method, isExact: r.isExact,
          status: r.status.description, parameters: r.parameters, notes: r.notes,
          tables: [
            ResultReport.Table(
              title: "Equilibrium", header: ["Quantity", "Value"],
              rows: ArbitrateCommand.finalOfferRows(r, report))
          ]), io: io)
    }
  }

  /// `parley arbitrate conventional`.
  public struct Conventional: ParleyCommand {
    public static let configuration = CommandConfiguration(
      commandName: "conventional", abstract: "Conventional arbitration: the contract zone.")
    @OptionGroup public var setting: Setting
    @OptionGroup public var report: ReportOptions
    public init() {}

    public func execute(io: CommandIO) throws {
      let r: ConventionalResult<Rational>
      do {
        r = try ConventionalArbitration().solve(
          try setting.distribution(), union: setting.union, firm: setting.firm)
      } catch let error as SolverError { throw failure(error) }
      report.write(
        ResultReport(
          title: "Conventional arbitration", method: r.method, isExact: r.isExact,
          status: r.status.description, parameters: r.parameters, notes: r.notes,
          tables: [
            ResultReport.Table(
              title: "Prospects", header: ["Quantity", "Value"],
              rows: ArbitrateCommand.conventionalRows(r, report))
          ]), io: io)
    }
  }

  /// `parley arbitrate compare`.
  public struct Compare: ParleyCommand {
    public static let configuration = CommandConfiguration(
      commandName: "compare", abstract: "Final-offer and conventional arbitration side by side.")
    @OptionGroup public var setting: Setting
    @OptionGroup public var report: ReportOptions
    public init() {}

    public func execute(io: CommandIO) throws {
      let c: ArbitrationComparison<Rational>
      do {
        c = try ArbitrationComparison.compare(
          try setting.distribution(), union: setting.union, firm: setting.firm)
      } catch let error as SolverError { throw failure(error) }
      let f = c.finalOffer
      let v = c.conventional
      let rows = [
        [
          "Expected award", report.text(f.expectedAward, exact: f.isExact),
          report.text(v.expectedAward, exact: v.isExact),
        ],
        [
          "Award standard deviation", report.text(f.awardStandardDeviation),
          report.text(v.awardStandardDeviation),
        ],
        ["Gap between offers", report.text(f.gap, exact: f.isExact), "-"],
        ["Contract zone width", "-", report.text(v.contractZoneWidth, exact: v.isExact)],
      ]
      report.write(
        ResultReport(
          title: "Final-offer versus conventional arbitration",
          method: "\(f.method); \(v.method)", isExact: f.isExact && v.isExact,
          parameters: f.parameters, notes: f.notes + v.notes,
          tables: [
            ResultReport.Table(
              title: "Side by side", header: ["Quantity", "Final offer", "Conventional"], rows: rows
            )
          ]),
        io: io)
    }
  }
}
