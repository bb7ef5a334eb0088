// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser

/// `help [COMMAND [SUBCOMMAND]]`: the list of commands, or one command's options and example.
public struct Help: SessionCommand {
  public static let configuration = CommandConfiguration(
    abstract: "List the commands, or show one command's options and an example.")

  @Argument(help: "A command (and subcommand), e.g. 'solve' or 'arbitrate compare'.")
  public var command: [String] = []

  public init() {}

  /// Example lines for each command, run in order in a fresh session whose folder holds
  /// `Models/` (the tests run every one).
  public static let examples: [String: [String]] = [
    "load": [
      "load Models/games/battle-of-the-sexes.nfg as bos",
      "load Models/bargaining/partners.txt",
    ],
    "show": ["load Models/games/prisoners-dilemma.nfg as pd", "show pd", "show params"],
    "list": ["load Models/games/chicken.nfg", "load Models/games/stag-hunt.nfg", "list"],
    "use": ["load Models/games/chicken.nfg", "load Models/games/stag-hunt.nfg", "use chicken"],
    "set": [
      "load Models/games/battle-of-the-sexes.nfg as bos",
      "set payoff Bach Bach 3 1",
      "set payoff Stravinsky Bach 'Player 2'=-1",
      "set method lcp; set decimals 3",
      "load Models/negotiation/six-party-talks.yaml; set nk_patience 0.95",
    ],
    "solve": [
      "load Models/games/battle-of-the-sexes.nfg as bos",
      "solve",
      "solve bos --method lcp --all-labels --format markdown",
      "solve Models/case/triangle-parametric.yaml --method pure",
    ],
    "export": [
      "solve Models/games/matching-pennies.nfg --method zerosum",
      "export latex pennies.tex",
      "export --format csv --to pennies.csv",
    ],
    "actors": ["load Models/negotiation/six-party-talks.yaml as talks", "actors", "actors --json"],
    "issues": ["load Models/negotiation/six-party-talks.yaml", "issues --format markdown"],
    "deals": [
      "load Models/negotiation/six-party-talks.yaml",
      "deal mine = nuclear:freeze sanctions:partial-relief security:none exercises:full "
        + "thaad:kept aid:5",
      "deals",
    ],
    "deal": [
      "load Models/negotiation/six-party-talks.yaml",
      "deal freeze = nuclear:freeze sanctions:partial-relief security:non-aggression "
        + "exercises:scaled-down thaad:kept aid:2.5",
    ],
    "evaluate": [
      "load Models/negotiation/six-party-talks.yaml",
      "evaluate freeze-for-freeze",
      "evaluate nuclear:dismantle sanctions:full-relief security:peace-treaty "
        + "exercises:suspended thaad:withdrawn aid:10 --decimals 3",
    ],
    "save": [
      "load Models/games/chicken.nfg; set payoff Straight Straight -10 -10",
      "save session chicken.parley",
    ],
    "run": ["set decimals 2; save session settings.parley", "run settings.parley"],
    "help": ["help", "help arbitrate compare"],
    "quit": ["quit"],
    "bargain": [
      "load Models/bargaining/partners.txt", "set disagreement 2 2", "bargain",
      "bargain Models/bargaining/partners.yaml --set split=6",
    ],
    "threats": ["threats Models/bargaining/threat-example.nfg"],
    "rubinstein": ["rubinstein --discount 9/10 4/5"],
    "baron-ferejohn": ["baron-ferejohn --players 5 --discount 9/10"],
    "arbitrate": ["arbitrate final-offer --normal 50 10"],
    "arbitrate final-offer": ["arbitrate final-offer --uniform 40 60 --union-risk 0.1"],
    "arbitrate conventional": ["arbitrate conventional --normal 50 10 --firm-risk 0.05"],
    "arbitrate compare": ["arbitrate compare --uniform 40 60"],
    "negotiate": [
      "negotiate Models/negotiation/six-party-talks.yaml --summary",
      "load Models/negotiation/six-party-talks.yaml; set aid_budget 0.3",
      "negotiate --framework mediation",
      "negotiate Models/negotiation/six-party-talks.yaml --framework mediation --framework conventional",
    ],
    "incentives": [
      "incentives Models/negotiation/six-party-talks.yaml --deal comprehensive",
      "incentives Models/negotiation/peace-agreement.yaml --deal comprehensive "
        + "--set rok_budget=0",
      "incentives Models/games/prisoners-dilemma.nfg --target Quiet,Quiet",
      "load Models/negotiation/six-party-talks.yaml; incentives --deal freeze-for-relief",
      "load Models/games/prisoners-dilemma.nfg as pd; incentives pd --target Quiet,Quiet",
    ],
    "outreach": [
      "outreach Models/negotiation/africa-outreach.yaml --budgets 0,50,100",
      "outreach Models/negotiation/africa-outreach.yaml --set overseas_revenue=2000",
      "load Models/negotiation/africa-outreach.yaml; set sponsor_budget 150; outreach",
    ],
    "sweep": [
      "sweep Models/negotiation/six-party-talks.yaml --param nk_patience --from 0.9 --to 0.99 "
        + "--step 0.03 --framework mediation",
      "sweep Models/negotiation/africa-outreach.yaml --outreach --param overseas_revenue "
        + "--from 200 --to 2000 --step 600",
      "sweep Models/negotiation/frameworks.yaml --param arbiter_doubt --from 0 --to 1 "
        + "--step 0.25 --framework conventional --breakpoints --tolerance 1e-6",
      "sweep Models/negotiation/frameworks.yaml --param arbiter_doubt --from 0 --to 1 "
        + "--step 0.5 --param2 step_share --from2 0 --to2 1 --step2 0.5 --framework conventional",
      "sweep Models/case/triangle-parametric.yaml --param distrust --from 0 --to 8 --step 1 "
        + "--method pure --breakpoints",
      "load Models/case/triangle-parametric.yaml; set distrust 6; sweep --param face --from 0 "
        + "--to 4 --step 1 --method pure",
      "sweep Models/bargaining/partners.yaml --param split --from 4 --to 8 --step 1 "
        + "--solution nash --breakpoints",
      "sweep Models/coop/bankruptcy.yaml --param estate --from 0 --to 600 --step 100 "
        + "--solution nucleolus",
    ],
    "sample": [
      "sample Models/negotiation/africa-outreach.yaml 10 --seed 7 --outreach",
      "sample Models/negotiation/six-party-talks.yaml 10 --framework "
        + "\"bilateral=United States,North Korea\" --set aid_budget=0.3",
      "sample Models/case/triangle-parametric.yaml 1000 --seed 3 --method pure",
      "load Models/case/triangle-parametric.yaml; set distrust 6; sample 100 --method pure",
      "sample Models/coop/peace-financing.yaml 100 --seed 1 --solution core",
    ],
    "merge": [
      "sample Models/negotiation/africa-outreach.yaml 10 --seed 7 --outreach --shard 1/2 "
        + "--results /tmp/parley-merge-example",
      "sample Models/negotiation/africa-outreach.yaml 10 --seed 7 --outreach --shard 2/2 "
        + "--results /tmp/parley-merge-example",
      "merge /tmp/parley-merge-example --format markdown",
    ],
    "status": [
      "sweep Models/negotiation/africa-outreach.yaml --outreach --param overseas_revenue "
        + "--from 200 --to 2000 --step 600 --shard 1/2 --results /tmp/parley-status-example",
      "status /tmp/parley-status-example",
    ],
    "qre": [
      "qre Models/games/stag-hunt.nfg --lambda 0.5 --lambda 2",
    ],
    "dynamics": [
      "dynamics Models/games/rock-paper-scissors.nfg --rule fictitious --rounds 500 --samples 5",
      "dynamics Models/games/stag-hunt.nfg --start \"3/5 2/5; 3/5 2/5\" --horizon 20",
    ],
    "correlated": [
      "correlated Models/games/chicken.nfg",
      "correlated Models/games/reporting-a-crime.nfg --objective min=1",
    ],
    "coop": [
      "coop Models/coop/bankruptcy-200.txt --solution nucleolus",
      "coop Models/coop/bankruptcy.yaml --solution nucleolus --set estate=300",
      "coop --weights \"39; 7x5, 1x10\" --solution shapley-shubik --decimals 4",
    ],
    "forecast": ["forecast Models/forecast/ec-emissions.csv --rounds 3"],
  ]

  public func execute(in session: inout Session, io: CommandIO) throws {
    guard !command.isEmpty else {
      io.write(Help.overview)
      return
    }
    guard var type = SessionCommands.command(named: command[0]) else {
      throw CommandFailure.usage("help: unknown command '\(command[0])'")
    }
    var path = [type._commandName]
    for name in command.dropFirst() {
      guard
        let sub = type.configuration.subcommands.first(where: {
          $0._commandName == name || $0.configuration.aliases.contains(name)
        })
      else {
        throw CommandFailure.usage("help: '\(path.joined(separator: " "))' has no '\(name)'")
      }
      type = sub
      path.append(sub._commandName)
    }
    var text = SessionCommands.helpMessage(for: type, columns: 100)
    while text.last == "\n" { text.removeLast() }
    text += "\n"
    if let lines = Help.examples[path.joined(separator: " ")] {
      text += "\nEXAMPLE:\n" + lines.map { "  " + $0 + "\n" }.joined()
    }
    io.write(text)
  }

  /// The text of a bare `help`.
  static var overview: String {
    func section(_ title: String, _ types: [any ParsableCommand.Type]) -> String {
      var entries = [(name: String, abstract: String)]()
      for type in types {
        entries.append((type._commandName, type.configuration.abstract))
      }
      let width = entries.map { $0.name.count }.max() ?? 0
      var text = title + "\n"
      for entry in entries {
        text += "  " + entry.name + String(repeating: " ", count: width - entry.name.count)
          + "  " + entry.abstract + "\n"
      }
      return text
    }
    return section("Session commands:", SessionCommands.sessionCommands) + "\n"
      + section("Solving commands:", SessionCommands.oneShotCommands) + "\n"
      + """
      Several commands can share a line, separated by ';'. A line ending in '\\' continues \
      on the next. '#' starts a comment. Quote words with blanks: 'Player 1'.
      Ctrl-C stops a computation; Ctrl-D or 'quit' leaves. Type 'help COMMAND' for its \
      options and an example.

      """
  }
}
