// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import ParleyCLI
import Synchronization
import Testing
import _TestSupport

/// Text a command wrote, captured in memory.
final class Capture: Sendable {
  private let out = Mutex(""), err = Mutex("")
  var output: String { out.withLock { $0 } }
  var errors: String { err.withLock { $0 } }
  var io: CommandIO {
    CommandIO(
      write: { text in self.out.withLock { $0 += text } },
      writeError: { text in self.err.withLock { $0 += text } })
  }
}

/// The outcome of one in-process `parley` run.
struct Run {
  var status: Int32
  var output: String
  var errors: String
}

enum CLI {
  static let root = Fixtures.repositoryRoot.path + "/"

  /// Runs `parley ARGUMENTS` in-process; `@/` at the start of an argument stands for the
  /// repository root, and the root is turned back into `@/` in what the command printed.
  static func run(_ arguments: [String]) -> Run {
    let capture = Capture()
    let expanded = arguments.map { $0.hasPrefix("@/") ? root + $0.dropFirst(2) : $0 }
    let status = ParleyMain.run(arguments: expanded, io: capture.io)
    func relative(_ s: String) -> String { s.replacingOccurrences(of: root, with: "@/") }
    return Run(status: status, output: relative(capture.output), errors: relative(capture.errors))
  }

  /// JSON output with the measured `seconds` replaced by fixed values.
  static func withFixedSeconds(_ json: String) -> String {
    var lines = json.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for i in lines.indices {
      if lines[i].hasPrefix("    \"read\": ") { lines[i] = "    \"read\": 0.001," }
      if lines[i].hasPrefix("    \"solve\": ") { lines[i] = "    \"solve\": 0.002" }
      if lines[i].hasPrefix("  \"seconds\": "), !lines[i].hasSuffix("{") {
        lines[i] = "  \"seconds\": 0.003" + (lines[i].hasSuffix(",") ? "," : "")
      }
    }
    return lines.joined(separator: "\n")
  }

  static let goldenFolder = Fixtures.repositoryRoot
    .appendingPathComponent("Tests/Fixtures/parley-cli")

  /// Compares `text` with `Tests/Fixtures/parley-cli/NAME`, or rewrites that file when the
  /// environment has `PARLEY_UPDATE_GOLDEN=1`.
  static func checkGolden(
    _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = goldenFolder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["PARLEY_UPDATE_GOLDEN"] == "1" {
      try text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(text == expected, "output differs from \(name)", sourceLocation: sourceLocation)
  }
}

/// A command line and the golden file holding its standard output.
struct GoldenCase: CustomTestStringConvertible, Sendable {
  var golden: String
  var arguments: [String]
  var testDescription: String { "parley " + arguments.joined(separator: " ") }
}

@Suite struct ParleyCLITests {
  static let goldenCases: [GoldenCase] = [
    GoldenCase(golden: "bos-default.txt",
      arguments: ["solve", "@/Models/games/battle-of-the-sexes.nfg"]),
    GoldenCase(golden: "bos.json",
      arguments: ["solve", "@/Models/games/battle-of-the-sexes.nfg", "--format", "json"]),
    GoldenCase(golden: "bos.csv",
      arguments: ["solve", "@/Models/games/battle-of-the-sexes.nfg", "--format", "csv"]),
    GoldenCase(golden: "bos.md",
      arguments: ["solve", "@/Models/games/battle-of-the-sexes.nfg", "--format", "markdown"]),
    GoldenCase(golden: "bos.tex",
      arguments: ["solve", "@/Models/games/battle-of-the-sexes.nfg", "--format", "latex"]),
    GoldenCase(golden: "bos-decimals-3.txt",
      arguments: ["solve", "@/Models/games/battle-of-the-sexes.nfg", "--decimals", "3"]),
    GoldenCase(golden: "bos-float.txt",
      arguments: ["solve", "@/Models/games/battle-of-the-sexes.nfg", "--float"]),
    GoldenCase(golden: "bos-float-decimals-2.json",
      arguments: ["solve", "@/Models/games/battle-of-the-sexes.nfg", "--float",
        "--decimals", "2", "--format", "json"]),
    GoldenCase(golden: "bos-correlated.txt",
      arguments: ["correlated", "@/Models/games/battle-of-the-sexes.nfg"]),
    GoldenCase(golden: "crime-correlated-min.txt",
      arguments: ["correlated", "@/Models/games/reporting-a-crime.nfg", "--objective", "min=1"]),
    GoldenCase(golden: "rps-fictitious.txt",
      arguments: ["dynamics", "@/Models/games/rock-paper-scissors.nfg", "--rule", "fictitious",
        "--rounds", "300", "--samples", "6"]),
    GoldenCase(golden: "stag-replicator.txt",
      arguments: ["dynamics", "@/Models/games/stag-hunt.nfg", "--start", "3/5 2/5; 3/5 2/5",
        "--horizon", "20", "--samples", "4"]),
    GoldenCase(golden: "bos-qre.txt",
      arguments: ["qre", "@/Models/games/battle-of-the-sexes.nfg", "--lambda", "0.5",
        "--lambda", "2", "--lambda", "10"]),
    GoldenCase(golden: "six-party-summary.txt",
      arguments: ["negotiate", "@/Models/negotiation/six-party-talks.yaml", "--summary"]),
    GoldenCase(golden: "six-party-frameworks.txt",
      arguments: ["negotiate", "@/Models/negotiation/six-party-talks.yaml", "--framework",
        "bilateral=United States,North Korea; mediation; conventional"]),
    GoldenCase(golden: "six-party-frameworks.json",
      arguments: ["negotiate", "@/Models/negotiation/six-party-talks.yaml", "--framework",
        "mediation", "--json"]),
    GoldenCase(golden: "six-party-figure.svg",
      arguments: ["negotiate", "@/Models/negotiation/six-party-talks.yaml", "--framework",
        "bilateral=United States,North Korea; mediation; conventional", "--figure", "svg",
        "--axes", "United States,North Korea"]),
    GoldenCase(golden: "six-party-figure.tex",
      arguments: ["negotiate", "@/Models/negotiation/six-party-talks.yaml", "--framework",
        "mediation", "--figure", "tikz", "--axes", "China, Japan"]),
    GoldenCase(golden: "partners-figure.svg",
      arguments: ["bargain", "@/Models/bargaining/partners.txt", "--figure", "svg"]),
    GoldenCase(golden: "partners-figure.tex",
      arguments: ["bargain", "@/Models/bargaining/partners.txt", "--figure", "tikz"]),
    GoldenCase(golden: "six-party-incentives.txt",
      arguments: ["incentives", "@/Models/negotiation/six-party-talks.yaml", "--deal",
        "comprehensive"]),
    GoldenCase(golden: "pd-incentives-dominant.txt",
      arguments: ["incentives", "@/Models/games/prisoners-dilemma.nfg", "--target",
        "Quiet,Quiet", "--dominant", "--margin", "1"]),
    GoldenCase(golden: "africa-outreach.txt",
      arguments: ["outreach", "@/Models/negotiation/africa-outreach.yaml"]),
    GoldenCase(golden: "africa-outreach-sweep.txt",
      arguments: ["outreach", "@/Models/negotiation/africa-outreach.yaml", "--budgets",
        "0,20,40,60,80,100,150"]),
    GoldenCase(golden: "africa-outreach-revenue-sweep.txt",
      arguments: ["sweep", "@/Models/negotiation/africa-outreach.yaml", "--outreach", "--param",
        "overseas_revenue", "--from", "200", "--to", "2000", "--step", "300"]),
    GoldenCase(golden: "africa-outreach-set.txt",
      arguments: ["outreach", "@/Models/negotiation/africa-outreach.yaml", "--set",
        "overseas_revenue=2000", "--set", "sponsor_budget=150"]),
    GoldenCase(golden: "africa-outreach-sample.txt",
      arguments: ["sample", "@/Models/negotiation/africa-outreach.yaml", "6", "--seed", "3",
        "--outreach"]),
    GoldenCase(golden: "six-party-patience-sweep.txt",
      arguments: ["sweep", "@/Models/negotiation/six-party-talks.yaml", "--param", "nk_patience",
        "--from", "0.9", "--to", "0.99", "--step", "0.03", "--framework",
        "bilateral=United States,North Korea"]),
    GoldenCase(golden: "six-party-frameworks-set.txt",
      arguments: ["negotiate", "@/Models/negotiation/six-party-talks.yaml", "--framework",
        "bilateral=United States,North Korea", "--set", "nk_patience=0.9"]),
    GoldenCase(golden: "nk-patience-bilateral.svg",
      arguments: ["sweep", "@/Models/negotiation/six-party-talks.yaml", "--param", "nk_patience",
        "--from", "0.9", "--to", "0.99", "--step", "0.03", "--framework",
        "bilateral=United States,North Korea", "--figure", "svg"]),
    GoldenCase(golden: "crime-pure.txt",
      arguments: ["solve", "@/Models/games/reporting-a-crime.nfg"]),
    GoldenCase(golden: "degenerate-enummixed.txt",
      arguments: ["solve", "@/Models/games/degenerate.nfg", "--method", "enummixed"]),
    GoldenCase(golden: "chicken-lcp.txt",
      arguments: ["solve", "@/Models/games/chicken.nfg", "--method", "lcp"]),
    GoldenCase(golden: "chicken-lcp-label-1.txt",
      arguments: ["solve", "@/Models/games/chicken.nfg", "--method", "lcp", "--label", "1"]),
    GoldenCase(golden: "chicken-lcp-all-labels.txt",
      arguments: ["solve", "@/Models/games/chicken.nfg", "--method", "lcp", "--all-labels"]),
    GoldenCase(golden: "rps-enumsupport.txt",
      arguments: ["solve", "@/Models/games/rock-paper-scissors.nfg", "--method", "enumsupport"]),
    GoldenCase(golden: "rps-zerosum.txt",
      arguments: ["solve", "@/Models/games/rock-paper-scissors.nfg", "--method", "zerosum"]),
    GoldenCase(golden: "pennies-zerosum.json",
      arguments: ["solve", "@/Models/games/matching-pennies.nfg", "-m", "zerosum", "-f", "json"]),
    GoldenCase(golden: "pd-dominance.txt",
      arguments: ["solve", "@/Models/games/prisoners-dilemma.nfg", "--method", "dominance"]),
    GoldenCase(golden: "mixdom-dominance-mixed.txt",
      arguments: ["solve", "@/Tests/Fixtures/gambit/contrib/games/mixdom.nfg", "-m",
        "dominance", "--mixed"]),
    GoldenCase(golden: "mixdom-dominance-mixed-float.json",
      arguments: ["solve", "@/Tests/Fixtures/gambit/contrib/games/mixdom.nfg", "-m",
        "dominance", "--mixed", "--float", "--decimals", "3", "-f", "json"]),
    GoldenCase(golden: "crime-dominance-weak.md",
      arguments: ["solve", "@/Models/games/reporting-a-crime.nfg", "-m", "dominance", "--weak",
        "-f", "markdown"]),
    GoldenCase(golden: "poker-default.txt",
      arguments: ["solve", "@/Tests/Fixtures/gambit/doc/poker.efg"]),
    GoldenCase(golden: "poker-seqform.json",
      arguments: ["solve", "@/Tests/Fixtures/gambit/doc/poker.efg", "-m", "seqform", "-f",
        "json"]),
    GoldenCase(golden: "poker-zerosum.txt",
      arguments: ["solve", "@/Tests/Fixtures/gambit/doc/poker.efg", "-m", "zerosum"]),
    GoldenCase(golden: "entry-enummixed.txt",
      arguments: ["solve", "@/Tests/Fixtures/gambit/tests/test_games/entry_accommodation.efg",
        "-m", "enummixed"]),
    GoldenCase(golden: "chance-spe.json",
      arguments: ["solve", "@/Tests/Fixtures/gambit/tests/test_games/perfect_info_with_chance.efg",
        "-f", "json"]),
    GoldenCase(golden: "cent2-seqform-float.txt",
      arguments: ["solve", "@/Tests/Fixtures/gambit/contrib/games/cent2.efg", "--float",
        "--decimals", "4"]),
    GoldenCase(golden: "horse-default.txt",
      arguments: ["solve", "@/Tests/Fixtures/gambit/catalog/journals/ijgt/selten1975/fig1.efg"]),
    GoldenCase(golden: "mckelvey-logit.txt",
      arguments: ["solve", "@/Tests/Fixtures/gambit/contrib/games/2x2x2.nfg", "-m", "logit"]),
    GoldenCase(golden: "3x3x3-simpdiv.txt",
      arguments: ["solve", "@/Tests/Fixtures/gambit/contrib/games/3x3x3.nfg", "-m", "simpdiv"]),
    GoldenCase(golden: "mckelvey-logit-lambda.json",
      arguments: ["solve", "@/Tests/Fixtures/gambit/contrib/games/2x2x2.nfg", "-m", "logit",
        "--lambda", "2", "--decimals", "6", "-f", "json"]),
    GoldenCase(golden: "pd-pure.md",
      arguments: ["solve", "@/Models/games/prisoners-dilemma.nfg", "-m", "pure", "-f",
        "markdown"]),
  ]

  @Test(arguments: goldenCases)
  func outputMatchesGolden(_ c: GoldenCase) throws {
    let run = CLI.run(c.arguments)
    #expect(run.status == 0)
    #expect(run.errors == "")
    let text = c.golden.hasSuffix(".json") ? CLI.withFixedSeconds(run.output) : run.output
    try CLI.checkGolden(text, named: c.golden)
  }

  @Test func jsonHasTheRequiredShape() throws {
    let run = CLI.run(["solve", "@/Models/games/battle-of-the-sexes.nfg", "--format", "json"])
    #expect(run.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    #expect(object["method"] as? String == "enummixed")
    #expect(object["exact"] as? Bool == true)
    #expect(object["status"] as? String == "complete")
    let game = try #require(object["game"] as? [String: Any])
    #expect(game["title"] as? String == "Bach or Stravinsky (Battle of the Sexes)")
    #expect(game["players"] as? [String] == ["Player 1", "Player 2"])
    #expect(game["strategies"] as? [[String]] == [["Bach", "Stravinsky"], ["Bach", "Stravinsky"]])
    let equilibria = try #require(object["equilibria"] as? [[String: Any]])
    let profiles = equilibria.compactMap { $0["profile"] as? [[String]] }
    let payoffs = equilibria.compactMap { $0["payoffs"] as? [String] }
    #expect(Set(profiles) == [[["1", "0"], ["1", "0"]], [["2/3", "1/3"], ["1/3", "2/3"]],
      [["0", "1"], ["0", "1"]]])
    #expect(Set(payoffs) == [["2", "1"], ["2/3", "2/3"], ["1", "2"]])
    let seconds = try #require(object["seconds"] as? [String: Double])
    #expect(Set(seconds.keys) == ["read", "solve"])
    #expect(seconds.values.allSatisfy { $0 >= 0 && $0 < 60 })
  }

  @Test func floatJSONUsesDecimalStrings() throws {
    let run = CLI.run(["solve", "@/Models/games/battle-of-the-sexes.nfg", "--float", "-f", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    #expect(object["exact"] as? Bool == false)
    let equilibria = try #require(object["equilibria"] as? [[String: Any]])
    let values = equilibria.flatMap { ($0["profile"] as? [[String]] ?? []).flatMap { $0 } }
    #expect(values.contains("0.6666666666666666") || values.contains("0.6666666666666667"))
    #expect(values.allSatisfy { Double($0) != nil && !$0.contains("/") })
  }

  // MARK: - Errors

  /// Malformed files and the exact line each must produce.
  static let badFiles: [(name: String, text: String, message: String)] = [
    ("truncated.nfg", "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n1 2 3 4 5 6 7\n",
      "truncated.nfg:3:1: error: expected a payoff (number 8 of 8), found end of file"),
    ("letter.nfg", "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n1 2 3 x\n",
      "letter.nfg:2:7: error: expected a payoff (number 4 of 8), found \"x\""),
    ("header.nfg", "EFG 2 R \"t\" { \"A\" }\n",
      "header.nfg:1:1: error: expected \"NFG\" at the start of a strategic-form file, "
        + "found \"EFG\""),
    ("empty.nfg", "",
      "empty.nfg:1:1: error: expected \"NFG\" at the start of a strategic-form file, "
        + "found end of file"),
  ]

  @Test(arguments: badFiles.indices)
  func badFileExitsWith65AndOneLine(_ index: Int) throws {
    let bad = Self.badFiles[index]
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("parley-cli-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent(bad.name)
    try bad.text.write(to: url, atomically: true, encoding: .utf8)
    let run = CLI.run(["solve", url.path])
    #expect(run.status == 65)
    #expect(run.output == "")
    #expect(run.errors == url.path.replacingOccurrences(of: bad.name, with: "")
      + bad.message + "\n")
  }

  /// GameFiles' corpus of malformed files (each with its own expected message there).
  static let malformed = Fixtures.files(
    withExtension: "nfg",
    under: Fixtures.repositoryRoot.appendingPathComponent("Tests/GameFilesTests/Malformed"))
    + Fixtures.files(
      withExtension: "efg",
      under: Fixtures.repositoryRoot.appendingPathComponent("Tests/GameFilesTests/Malformed"))

  @Test func everyMalformedFileGivesOneLocatedLineAndStatus65() {
    #expect(Self.malformed.count > 20)
    for url in Self.malformed {
      let run = CLI.run(["solve", url.path, "-f", "json"])
      let relative = "@/" + url.path.dropFirst(CLI.root.count)
      #expect(run.status == 65, "\(url.lastPathComponent)")
      #expect(run.output == "")
      #expect(run.errors.hasPrefix(relative + ":") || run.errors.hasPrefix("parley: error: "),
        "\(url.lastPathComponent): \(run.errors)")
      #expect(run.errors.filter { $0 == "\n" }.count == 1 && run.errors.hasSuffix("\n"))
    }
  }

  @Test func missingFileExitsWith65() {
    let run = CLI.run(["solve", "no/such/game.nfg"])
    #expect(run.status == 65)
    #expect(
      run.errors == "no/such/game.nfg: error: cannot read the file: No such file or directory\n")
  }

  @Test func unsupportedMethodExitsWith65() {
    let run = CLI.run(["solve", "@/Models/games/reporting-a-crime.nfg", "--method", "enummixed"])
    #expect(run.status == 65)
    #expect(run.output == "")
    #expect(
      run.errors == "parley: error: enummixed(): the method applies to two-player games; "
        + "this game has 3 players\n")
  }

  @Test func lambdaNeedsTheLogitMethod() {
    let run = CLI.run(["solve", "@/Models/games/chicken.nfg", "--lambda", "1"])
    #expect(run.status == 64)
    let tree = CLI.run(["solve", "@/Tests/Fixtures/gambit/doc/poker.efg", "-m", "logit",
      "--lambda", "1"])
    #expect(tree.status == 65)
  }

  /// Every Gambit tree is answered by its default method, each profile with zero regret.
  @Test(arguments: Fixtures.gambitEFG)
  func everyTreeFixtureIsSolved(_ url: URL) throws {
    let run = CLI.run(["solve", url.path, "-f", "json"])
    #expect(run.status == 0, "\(url.lastPathComponent): \(run.errors)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    let equilibria = try #require(object["equilibria"] as? [[String: Any]])
    #expect(!equilibria.isEmpty, "\(url.lastPathComponent)")
    for e in equilibria { #expect(e["behavior"] is [[String]]) }
  }

  @Test func treeMethodOnAStrategicFormGameExitsWith65() {
    let run = CLI.run(["solve", "@/Models/games/chicken.nfg", "-m", "seqform"])
    #expect(run.status == 65)
    #expect(run.errors == "parley: error: seqform(): the method applies to extensive-form "
      + "(.efg) games\n")
  }

  @Test func zeroSumOnAGeneralSumGameExitsWith65() {
    let run = CLI.run(["solve", "@/Models/games/chicken.nfg", "-m", "zerosum"])
    #expect(run.status == 65)
    #expect(run.errors.hasPrefix("parley: error: zerosum(): the game is not constant-sum"))
  }

  @Test func lcpLabelOutOfRangeExitsWith65() {
    let run = CLI.run(["solve", "@/Models/games/chicken.nfg", "-m", "lcp", "--label", "4"])
    #expect(run.status == 65)
    #expect(run.errors.hasPrefix("parley: error: lcp(): "))
  }

  @Test(arguments: [
    ["solve"],
    ["solve", "x.nfg", "--method", "simplex"],
    ["solve", "x.nfg", "--format", "xml"],
    ["solve", "x.nfg", "--decimals", "-1"],
    ["solve", "x.nfg", "--max-memory", "lots"],
    ["solve", "x.nfg", "--label", "0", "--all-labels"],
    ["solve", "x.nfg", "--method", "pure", "--label", "1"],
    ["solve", "x.nfg", "--weak"],
    ["solve", "x.nfg", "--method", "lcp", "--mixed"],
    ["frobnicate"],
  ])
  func usageErrorsExitWith64(_ arguments: [String]) {
    let run = CLI.run(arguments)
    #expect(run.status == 64)
    #expect(run.output == "")
    #expect(run.errors.contains("Usage:") || run.errors.contains("Error:"))
  }

  @Test func helpAndVersionGoToStandardOutput() {
    let version = CLI.run(["--version"])
    #expect(version.status == 0 && version.output == "0.1.0\n")
    let help = CLI.run(["solve", "--help"])
    #expect(help.status == 0)
    #expect(help.output.contains("--method <method>") && help.output.contains("enumsupport"))
  }

  @Test func memoryLimitIsEnforced() {
    let run = CLI.run(["solve", "@/Models/games/rock-paper-scissors.nfg", "--max-memory", "100"])
    #expect(run.status == 65)
    #expect(run.errors.hasPrefix("@/Models/games/rock-paper-scissors.nfg:"))
  }

  // MARK: - Output file and reuse

  @Test func outputFileHoldsWhatStandardOutputWould() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("parley-cli-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("table.csv")
    let written = CLI.run(["solve", "@/Models/games/stag-hunt.nfg", "-f", "csv", "-o", target.path])
    #expect(written.status == 0 && written.output == "")
    let printed = CLI.run(["solve", "@/Models/games/stag-hunt.nfg", "-f", "csv"])
    // The same table; only the provenance comments differ (they hold the command line).
    func data(_ text: String) -> [Substring] {
      text.split(separator: "\r\n").filter { !$0.hasPrefix("#") }
    }
    #expect(data(try String(contentsOf: target, encoding: .utf8)) == data(printed.output))
    #expect(try String(contentsOf: target, encoding: .utf8).contains("\r\n# command: parley solve "))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(leftovers == ["table.csv"])
  }

  @Test func outputToAMissingFolderExitsWith73() {
    let run = CLI.run(["solve", "@/Models/games/stag-hunt.nfg", "-o", "/no/such/folder/t.txt"])
    #expect(run.status == 73)
    #expect(run.errors.hasPrefix("parley: /no/such/folder/t.txt: error: "))
  }

  @Test func theCommandTreeIsReusableLikeAREPL() throws {
    let capture = Capture()
    for _ in 0..<2 {
      var command = try Parley.parseAsRoot(
        ["solve", CLI.root + "Models/games/matching-pennies.nfg", "-f", "csv"])
      #expect(ParleyMain.execute(&command, io: capture.io) == 0)
    }
    let once = CLI.run(["solve", "@/Models/games/matching-pennies.nfg", "-f", "csv"]).output
    // The provenance comments name the file as given (here by its full path).
    func data(_ text: String) -> [Substring] {
      text.split(separator: "\r\n").filter { !$0.hasPrefix("#") }
    }
    #expect(data(capture.output) == data(once + once))
    #expect(capture.output.hasPrefix("# Parley "))
  }

  // MARK: - Every fixture

  static let fixtures = Fixtures.gambitNFG.map {
    String($0.path.dropFirst(Fixtures.repositoryRoot.path.count + 1))
  }

  @Test(arguments: fixtures)
  func everyFixtureSolvesInEveryFormat(_ path: String) throws {
    for format in ["table", "json", "csv", "markdown", "latex"] {
      let run = CLI.run(["solve", "@/" + path, "--format", format])
      #expect(run.status == 0, "\(path) \(format): \(run.errors)")
      #expect(run.errors == "" && !run.output.isEmpty)
      if format == "json" {
        #expect(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) is [String: Any])
      }
    }
  }

  /// The two-player fixtures whose payoffs sum to the same constant at every profile.
  static let constantSum: Set<String> = [
    "Tests/Fixtures/gambit/contrib/games/2x2const.nfg",
    "Tests/Fixtures/gambit/contrib/games/mixdom.nfg",
    "Tests/Fixtures/gambit/contrib/games/oneill.nfg",
    "Tests/Fixtures/gambit/contrib/games/zero.nfg",
    "Tests/Fixtures/gambit/tests/test_games/const_sum_game.nfg",
  ]

  @Test(arguments: fixtures)
  func everyMethodThatAppliesSolvesEveryFixture(_ path: String) throws {
    let players = try #require(
      try JSONSerialization.jsonObject(
        with: Data(CLI.run(["solve", "@/" + path, "-m", "pure", "-f", "json"]).output.utf8))
        as? [String: Any])
    let gameObject = players["game"] as? [String: Any]
    let count = (gameObject?["players"] as? [Any])?.count ?? 0
    let largest = (gameObject?["strategies"] as? [[Any]])?.map(\.count).max() ?? 0
    for method in SolverName.allCases {
      for float in [false, true] {
        // Exact support enumeration visits C(16, 8) = 12870 support pairs on 8x8.nfg, about
        // 30 s in a debug build; the float run below still covers that file.
        if method == .enumsupport && !float && largest > 6 { continue }
        let arguments = ["solve", "@/" + path, "-m", method.rawValue, "-f", "json"]
          + (float ? ["--float"] : [])
        let run = CLI.run(arguments)
        if method == .zerosum && count == 2 && !Self.constantSum.contains(path) {
          #expect(run.status == 65)
          #expect(run.errors.hasPrefix("parley: error: zerosum(): the game is not constant-sum"))
        } else if method.appliesTo(playerCount: count) {
          #expect(run.status == 0, "\(arguments.joined(separator: " ")): \(run.errors)")
        } else {
          #expect(run.status == 65)
          #expect(run.errors.hasPrefix("parley: error: \(method.rawValue)(): "))
        }
      }
    }
  }
}

extension SolverName {
  /// Whether the method handles games with this many players.
  func appliesTo(playerCount: Int) -> Bool {
    switch self {
    case .pure, .dominance, .logit, .simpdiv: return true
    case .enummixed, .lcp, .enumsupport, .zerosum: return playerCount == 2
    case .spe, .seqform: return false  // trees only
    }
  }
}
