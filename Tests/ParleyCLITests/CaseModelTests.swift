// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Testing
import _TestSupport

@testable import ParleyCLI

/// Every file under `Models/` reads with its `GameFiles` reader and solves with a cheap
/// method; the case models' equilibria stated in `Models/case/README.md` are what Parley finds.
@Suite struct CaseModelTests {
  /// Every file under `Models/`, recursively, except the Markdown documentation.
  static let modelFiles: [String] = {
    let root = Fixtures.repositoryRoot.appendingPathComponent("Models")
    guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    else { return [] }
    let prefix = Fixtures.repositoryRoot.path + "/"
    return e.compactMap { $0 as? URL }
      .filter { url in
        var isFolder: ObjCBool = false
        FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
        return !isFolder.boolValue && url.pathExtension != "md"
      }
      .map { String($0.path.dropFirst(prefix.count)) }
      .sorted()
  }()

  /// What a model file is, judged by its extension and (for `.yaml` and `.txt`) its content.
  enum Kind: Equatable {
    case normalForm, extensiveForm, negotiation, outreach, bargaining, coalitional, forecast
    case bargainingModel, coalitionalModel
  }

  static func kind(of path: String, text: String) -> Kind? {
    switch (path as NSString).pathExtension.lowercased() {
    case "nfg": return .normalForm
    case "efg": return .extensiveForm
    case "csv": return .forecast
    case "yaml", "yml":
      if text.contains("parley: negotiation") { return .negotiation }
      if text.contains("parley: outreach") { return .outreach }
      if text.contains("parley: game") { return .normalForm }
      if text.contains("parley: tree") { return .extensiveForm }
      if text.contains("parley: bargaining") { return .bargainingModel }
      if text.contains("parley: coalitional") { return .coalitionalModel }
      return nil
    case "txt":
      return text.contains("disagreement:") ? .bargaining : .coalitional
    default: return nil
    }
  }

  @Test func modelsFolderIsFound() {
    // The recursive walk must see the catalogue and the case models, or the test below
    // would pass on nothing.
    #expect(Self.modelFiles.count >= 15)
    #expect(Self.modelFiles.contains("Models/case/triangle.nfg"))
    #expect(Self.modelFiles.contains("Models/case/sanctions-race.efg"))
    #expect(Self.modelFiles.contains("Models/case/sanctions-race.yaml"))
  }

  /// Reads the file with its reader, then solves it through the command line.
  @Test(arguments: modelFiles)
  func everyModelFileLoadsAndSolves(_ path: String) throws {
    let url = Fixtures.repositoryRoot.appendingPathComponent(path)
    let text = try String(contentsOf: url, encoding: .utf8)
    let kind = try #require(Self.kind(of: path, text: text), "no reader for \(path)")
    let file = "@/" + path
    let command: [String]
    switch kind {
    case .normalForm:
      guard case .normalForm(let game) = try GameFile.read(contentsOf: url) else {
        Issue.record("\(path) did not read as a strategic-form game")
        return
      }
      #expect(game.playerCount >= 2)
      command = ["solve", file, "-m", "pure"]
    case .extensiveForm:
      guard case .extensiveForm = try GameFile.read(contentsOf: url) else {
        Issue.record("\(path) did not read as an extensive-form game")
        return
      }
      command = ["solve", file, "-m", "pure"]
    case .negotiation:
      let model = try NegotiationFile.read(path: url.path)
      #expect(!model.actors.isEmpty)
      command = ["incentives", file, "--deal", "ideal"]
    case .outreach:
      _ = try OutreachFile.read(contentsOf: url)
      command = ["outreach", file]
    case .bargaining:
      _ = try BargainingFile.parse(text, path: path)
      command = ["bargain", file]
    case .coalitional:
      _ = try CoalitionalGameFile.read(contentsOf: url)
      command = ["coop", file, "-s", "shapley"]
    case .bargainingModel:
      let model = try BargainingFile.parseParametric(text, path: path)
      #expect(model.defaults.problem.playerCount >= 2)
      command = ["bargain", file]
    case .coalitionalModel:
      let model = try CoalitionalGameFile.readParametric(contentsOf: url)
      #expect(!model.defaults.content.playerNames.isEmpty)
      command = ["coop", file, "-s", "shapley"]
    case .forecast:
      let actors = try ActorTable.read(contentsOf: url)
      #expect(actors.count >= 2)
      command = ["forecast", file, "--rounds", "1"]
    }
    let run = CLI.run(command)
    #expect(run.status == 0, "\(command.joined(separator: " ")): \(run.errors)")
    #expect(!run.output.isEmpty)
  }

  // MARK: - The triangle

  /// Solves `FILE` with `parley solve` and returns the JSON's equilibria (profile, payoffs).
  static func equilibria(_ arguments: [String]) throws -> [(profile: [[String]], payoffs: [String])]
  {
    let run = CLI.run(["solve"] + arguments + ["-f", "json"])
    #expect(run.status == 0, "\(run.errors)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    let list = try #require(object["equilibria"] as? [[String: Any]])
    return try list.map { entry in
      (try #require(entry["profile"] as? [[String]]), try #require(entry["payoffs"] as? [String]))
    }
  }

  static let triangles = ["@/Models/case/triangle.nfg", "@/Models/case/triangle-distrust.nfg"]

  /// The only pure equilibrium is (Enforce, Restrain, Pressure), in both files, and the logit
  /// path ends there, exactly.
  @Test(arguments: triangles)
  func trianglePureAndLogitEquilibrium(_ file: String) throws {
    for method in ["pure", "logit"] {
      let found = try Self.equilibria([file, "-m", method])
      #expect(found.count == 1, "\(method)")
      #expect(found.first?.profile == [["1", "0"], ["0", "1"], ["1", "0"]], "\(method)")
      #expect(found.first?.payoffs == ["-1", "-2", "3"], "\(method)")
    }
  }

  static func rational(_ text: String) -> Rational {
    let parts = text.split(separator: "/").map { Int($0)! }
    return parts.count == 1 ? Rational(parts[0]) : Rational(parts[0], parts[1])
  }

  static func profile(_ p: [[String]]) -> MixedProfile<Rational> {
    MixedProfile(p.map { $0.map(rational) })
  }

  /// The two mixed equilibria the README states (found by pygambit's enumpoly) are exact Nash
  /// equilibria with the stated payoffs; doubling the distrust d halves North Korea's
  /// provocation in both and leaves China's and the United States' mixtures alone.
  @Test func triangleMixedEquilibriaAreExact() throws {
    let cases: [(file: String, profile: [[String]], payoffs: [String])] = [
      ("triangle.nfg", [["1/6", "5/6"], ["2/3", "1/3"], ["0", "1"]], ["-8/3", "5/3", "-8/3"]),
      (
        "triangle.nfg", [["1/4", "3/4"], ["1/2", "1/2"], ["1/6", "5/6"]], ["-7/3", "7/6", "-2"]
      ),
      (
        "triangle-distrust.nfg", [["1/6", "5/6"], ["1/3", "2/3"], ["0", "1"]],
        ["-4/3", "5/3", "-4/3"]
      ),
      (
        "triangle-distrust.nfg", [["1/4", "3/4"], ["1/4", "3/4"], ["1/6", "5/6"]],
        ["-4/3", "7/6", "-1"]
      ),
    ]
    for (file, p, payoffs) in cases {
      let url = Fixtures.repositoryRoot.appendingPathComponent("Models/case/" + file)
      guard case .normalForm(let game) = try GameFile.read(contentsOf: url) else {
        Issue.record("\(file) is not a strategic-form game")
        continue
      }
      let sigma = Self.profile(p)
      #expect(game.maxRegret(at: sigma) == Rational(0), "\(file) \(p)")
      #expect(game.payoffs(at: sigma) == payoffs.map(Self.rational), "\(file) \(p)")
      // A mixed equilibrium in which some pure deviation gains is not one: check a perturbed
      // profile fails, so the regret test above can fail.
      var off = p
      off[1] = ["1", "0"]
      #expect(game.maxRegret(at: Self.profile(off)) > Rational(0))
    }
  }

  /// Logit QRE at λ = 0.5 and 1 agree with pygambit's `logit_solve_lambda` to four decimals
  /// (the README's table); more distrust makes China enforce more and North Korea provoke
  /// less at each λ.
  @Test func triangleQREShiftsWithDistrust() throws {
    func qre(_ file: String) throws -> [[Double]] {
      let run = CLI.run(["qre", file, "--lambda", "0.5", "--lambda", "1", "--json"])
      #expect(run.status == 0, "\(run.errors)")
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
      let rows = try #require(object["precisions"] as? [[String: Any]])
      return try rows.prefix(2).map { row in
        try #require(row["values"] as? [String]).map { Double($0)! }
      }
    }
    let base = try qre(Self.triangles[0])
    let distrust = try qre(Self.triangles[1])
    // pygambit 17.0.0b2, gbt.qre.logit_solve_lambda(game, [0.5, 1]), rounded to 4 places.
    let pygambitBase: [[Double]] = [
      [0.6527, 0.3473, 0.3962, 0.6038, 0.6911, 0.3089],
      [0.8080, 0.1920, 0.2426, 0.7574, 0.9031, 0.0969],
    ]
    let pygambitDistrust: [[Double]] = [
      [0.7539, 0.2461, 0.3401, 0.6599, 0.7326, 0.2674],
      [0.8704, 0.1296, 0.1894, 0.8106, 0.9229, 0.0771],
    ]
    for (found, expected) in [(base, pygambitBase), (distrust, pygambitDistrust)] {
      #expect(found.count == 2)
      for (row, want) in zip(found, expected) {
        for (x, y) in zip(row, want) { #expect(abs(x - y) <= 1.5e-4, "\(row) vs \(want)") }
      }
    }
    for i in 0..<2 {
      #expect(distrust[i][0] > base[i][0])  // China enforces more
      #expect(distrust[i][2] < base[i][2])  // North Korea provokes less
    }
  }

  /// The welfare-maximising correlated equilibrium is the same in both files: North Korea
  /// always restrains, total welfare 4/3.
  @Test(arguments: triangles)
  func triangleCorrelatedEquilibrium(_ file: String) throws {
    let run = CLI.run(["correlated", file, "--json"])
    #expect(run.status == 0, "\(run.errors)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    let rows = try #require(object["profiles"] as? [[String: Any]])
    let table = Dictionary(
      uniqueKeysWithValues: rows.compactMap { row in
        (row["label"] as? String).map { ($0, row["values"] as? [String] ?? []) }
      })
    #expect(table["(Enforce, Restrain, Pressure)"] == ["1/6", "-1", "-2", "3"])
    #expect(table["(Enforce, Restrain, Engage)"] == ["1/12", "-2", "0", "0"])
    #expect(table["(Leak, Restrain, Engage)"] == ["3/4", "0", "2", "0"])
    #expect(table["expected"] == ["1", "-1/3", "7/6", "1/2"])
  }

  // MARK: - The sanctions race

  static let race = "@/Models/case/sanctions-race.efg"

  /// Two pure equilibria on the reduced normal form (2x4x4), with the same outcome:
  /// semi-automatic designation, North Korea keeps its fronts, the designation lands, China
  /// enforces strictly. They differ only at China's off-path "evaded" set.
  @Test func sanctionsRacePureEquilibria() throws {
    let found = try Self.equilibria([Self.race, "-m", "pure"])
    // Strategies: designators (Reactive, Semi-automatic); North Korea (Replace | reactive,
    // Keep | reactive, Replace | semi-automatic, Keep | semi-automatic); China (Strict |
    // evaded, Lax | evaded, Strict | landed, Lax | landed).
    let expected: Set<[[String]]> = [
      [["0", "1"], ["1", "0", "0", "1"], ["1", "0", "1", "0"]],
      [["0", "1"], ["1", "0", "0", "1"], ["0", "1", "1", "0"]],
    ]
    #expect(found.count == 2)
    #expect(Set(found.map(\.profile)) == expected)
    for e in found { #expect(e.payoffs == ["5", "-7", "0"]) }
  }

  /// The default method for a three-player tree (logit on the reduced normal form) ends,
  /// exactly, inside the same set of equilibria: North Korea mixes 1/2 under reactive
  /// designation and China 1/2 when the designation was evaded, both off the path.
  @Test func sanctionsRaceLogitEquilibrium() throws {
    let found = try Self.equilibria([Self.race])
    #expect(found.count == 1)
    #expect(
      found.first?.profile == [["0", "1"], ["1/2", "1/2", "0", "1"], ["1/2", "1/2", "1", "0"]])
    #expect(found.first?.payoffs == ["5", "-7", "0"])
  }

  // MARK: - The parametric sanctions race

  static let parametricRace = "@/Models/case/sanctions-race.yaml"

  /// At its stated values the parametric race solves exactly like the .efg file, with the
  /// default method (logit) and with pure; China's sets are listed in the same order (set
  /// "evaded" first), only their numbers differ.
  @Test func parametricSanctionsRaceMatchesTheEFG() throws {
    for method in [["-m", "pure"], []] {
      let tree = try Self.equilibria([Self.parametricRace] + method)
      let efg = try Self.equilibria([Self.race] + method)
      #expect(tree.map(\.profile) == efg.map(\.profile), "\(method)")
      #expect(tree.map(\.payoffs) == efg.map(\.payoffs), "\(method)")
    }
  }

  /// The breakpoints stated in Models/case/README.md: North Korea stops replacing its
  /// fronts under semi-automatic designation above q_semi·7 = k (q_semi = 2/7), and the
  /// designators switch to reactive designation when its cost c exceeds 7/2, or when
  /// reactive designation alone is fast enough (q_reactive < 1/3).
  @Test func parametricSanctionsRaceBreakpoints() throws {
    func located(_ parameter: String, _ from: String, _ to: String, _ step: String) throws
      -> [String]
    {
      let both = try Self.json([
        "sweep", Self.parametricRace, "--param", parameter, "--from", from, "--to", to,
        "--step", step, "--method", "pure", "--breakpoints",
      ])
      let table = try #require(both["breakpoints"] as? [String: Any])
      let list = try #require(table["breakpoints"] as? [[String: Any]])
      return list.compactMap { ($0["values"] as? [String])?[1] }
    }
    #expect(
      try located("q_semi", "0", "1", "0.1") == [
        "2/7 (change from here)", "2/7 (change just above)", "0.5 (change just above)",
        "7/12 (change from here)", "7/12 (change just above)",
      ])
    #expect(
      try located("c", "0", "6", "1") == [
        "0 (change just above)", "2 (change just above)", "3 (change from here)",
        "3.5 (change from here)", "3.5 (change just above)",
      ])
    #expect(
      try located("q_reactive", "0", "1", "0.1") == [
        "2/7 (change from here)", "2/7 (change just above)", "1/3 (change from here)",
        "1/3 (change just above)", "5/12 (change just above)", "0.5 (change from here)",
        "0.5 (change just above)",
      ])
    // China enforces strictly where the designation landed only while the exposure it
    // spares exceeds the cost (2).
    #expect(
      try located("china_exposure", "0", "6", "1") == [
        "2 (change from here)", "2 (change just above)",
      ])
  }

  // MARK: - The frameworks and peace-agreement models

  static func json(_ arguments: [String]) throws -> [String: Any] {
    let run = CLI.run(arguments + ["--json"])
    #expect(run.status == 0, "\(run.errors)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
  }

  static func firstRow(_ object: [String: Any], key: String) throws -> [String] {
    let list = try #require(object[key] as? [[String: Any]])
    return try #require(list.first?["values"] as? [String])
  }

  /// At its stated values `frameworks.yaml` is the Six Party model: the same conventional
  /// award; and the arbitrator's doubt moves the award lottery as its formulas say.
  @Test func frameworksModelMatchesTheSixPartyModelAtItsValues() throws {
    let frameworks = "@/Models/negotiation/frameworks.yaml"
    let six = "@/Models/negotiation/six-party-talks.yaml"
    let a = try Self.firstRow(
      Self.json(["negotiate", frameworks, "--framework", "conventional"]), key: "frameworks")
    let b = try Self.firstRow(
      Self.json(["negotiate", six, "--framework", "conventional"]), key: "frameworks")
    #expect(a.count == b.count)
    // Agreement and the six payoffs (the deal labels differ only in the list numbering).
    #expect(a[0] == b[0])
    #expect(Array(a[2..<8]) == Array(b[2..<8]))
    // With no doubt the award is the comprehensive deal, for sure.
    let sure = try Self.firstRow(
      Self.json([
        "negotiate", frameworks, "--framework", "conventional", "--set", "arbiter_doubt=0",
      ]), key: "frameworks")
    #expect(sure[1] == "comprehensive")
    // North Korea's payoff there is its utility for the comprehensive deal, 37/80.
    #expect(sure[7] == "37/80")
  }

  /// The comprehensive agreement is 1/20 short for North Korea; donors can pay it, the
  /// outside donors alone cannot, and a North Korea that values the treaty less needs 1/8.
  @Test func peaceAgreementFinancing() throws {
    let file = "@/Models/negotiation/peace-agreement.yaml"
    func facts(_ settings: [String]) throws -> [String: String] {
      let object = try Self.json(
        ["incentives", file, "--deal", "comprehensive"] + settings.flatMap { ["--set", $0] })
      return try #require(object["facts"] as? [String: String])
    }
    let base = try facts([])
    #expect(base["feasible"] == "yes")
    #expect(base["total transfers"] == "1/20")
    let weak = try facts(["nk_treaty_value=0.5"])
    #expect(weak["feasible"] == "yes")
    #expect(weak["total transfers"] == "1/8")
    let outsiders = try facts(["rok_budget=0", "japan_budget=0"])
    #expect(outsiders["feasible"] == "no")
    // The first phase needs no money.
    let object = try Self.json(["incentives", file, "--deal", "first-phase"])
    let phase = try #require(object["facts"] as? [String: String])
    #expect(phase["total transfers"] == "0")
  }

  // MARK: - The parametric triangle

  static let parametricTriangle = "@/Models/case/triangle-parametric.yaml"

  /// At its stated values the parametric triangle solves like triangle.nfg; a sweep of the
  /// distrust matches triangle-distrust.nfg at 6, and the exact breakpoint at 2 (where
  /// China stops being indifferent between leaking and enforcing against a provocation when
  /// the US engages) agrees with direct solves on either side.
  @Test func parametricTriangleSweepAndBreakpoint() throws {
    let base = try Self.equilibria([Self.parametricTriangle, "-m", "pure"])
    let nfg = try Self.equilibria(["@/Models/case/triangle.nfg", "-m", "pure"])
    #expect(base.map(\.profile) == nfg.map(\.profile))
    #expect(base.map(\.payoffs) == nfg.map(\.payoffs))
    let run = CLI.run([
      "sweep", Self.parametricTriangle, "--param", "distrust", "--from", "0", "--to", "6",
      "--step", "3", "--method", "pure", "--breakpoints", "--json",
    ])
    #expect(run.status == 0, "\(run.errors)")
    let both = try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    let sweep = try #require(both["sweep"] as? [String: Any])
    let rows = try #require(sweep["distrusts"] as? [[String: Any]])
    let counts = rows.compactMap { ($0["values"] as? [String])?.first }
    #expect(counts == ["2", "1", "1"])
    let high = try Self.equilibria(["@/Models/case/triangle-distrust.nfg", "-m", "pure"])
    #expect(high.count == 1)
    let located = try #require(both["breakpoints"] as? [String: Any])
    let list = try #require(located["breakpoints"] as? [[String: Any]])
    #expect(list.count == 1)
    let cells = try #require(list.first?["values"] as? [String])
    #expect(cells[0] == "0 and 3")
    #expect(cells[1] == "2 (change just above)")
    #expect(cells[2].hasPrefix("exact: "))
    #expect(cells[3] == "equilibria 2 → 1: −(Leak, Provoke, Engage)")
    // Direct solves at 2 and just above.
    let parametric = try StrategicGameFile.readParametric(
      contentsOf: Fixtures.repositoryRoot.appendingPathComponent(
        "Models/case/triangle-parametric.yaml"))
    func count(_ d: Rational) throws -> Int {
      let game = try parametric.instantiate(overrides: ["distrust": d])
      guard case .equilibria(let result) = try SolverName.pure.solve(game) else { return -1 }
      return result.equilibria.count
    }
    #expect(try count(2) == 2)
    #expect(try count(2 + Rational(1, 1_000_000_000)) == 1)
  }
}
