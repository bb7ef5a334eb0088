// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import GameCore
import GameFiles

/// `set …`: change a payoff, a deal, the disagreement point, or a solver parameter.
public struct SetCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "set",
    abstract: "Change a payoff, a deal, the disagreement point or a parameter.",
    discussion: """
      set payoff S1 … Sn V1 … Vn    payoffs at a pure profile (one strategy per player)
      set payoff S1 … Sn PLAYER=V   one player's payoff there
      set deal NAME U1 … Un         a deal's utilities (a new name adds a deal)
      set disagreement U1 … Un      the disagreement point
      set KEY VALUE                 a parameter: method, decimals, float, time-limit \
      ('off' or 'default' restores the default)
      set NAME VALUE                a parameter the current model declares (a negotiation, \
      outreach or other YAML model with 'parameters:'; within its stated range). Changing a \
      game's payoffs by hand (set payoff) detaches it from its parameters
      Numbers are exact: integers, decimals (0.25) or fractions (3/4).
      """,
    subcommands: [SetPayoff.self, SetDeal.self, SetDisagreement.self, SetParameter.self],
    defaultSubcommand: SetParameter.self)

  public init() {}

  /// Parses an exact number, naming the argument when it is not one.
  static func number(_ word: String, _ what: String) throws -> Rational {
    guard let q = Rational(word) else {
      throw CommandFailure.usage("\(what): '\(word)' is not a number")
    }
    return q
  }
}

/// `set payoff S1 … Sn V1 … Vn` or `set payoff S1 … Sn PLAYER=V …`.
public struct SetPayoff: SessionCommand {
  public static let configuration = CommandConfiguration(
    commandName: "payoff", abstract: "Change payoffs of the current strategic-form game.")

  @Argument(
    parsing: .captureForPassthrough,
    help: ArgumentHelp("One strategy per player, then the payoffs.", valueName: "words"))
  public var words: [String] = []

  public init() {}

  public func execute(in session: inout Session, io: CommandIO) throws {
    let item = try session.item(nil)
    guard case .normalForm(var game) = item.model else {
      throw CommandFailure.session(
        "\(item.name) is \(item.model.kindDescription.article); set payoff needs a "
          + "strategic-form game")
    }
    let n = game.playerCount
    guard words.count > n else {
      throw CommandFailure.usage(
        "set payoff: give \(n) strategies (one per player) and then the payoffs")
    }
    var profile = [Int]()
    for p in 0..<n {
      guard let s = game.strategies[p].firstIndex(of: words[p]) else {
        throw CommandFailure.usage(
          "set payoff: strategy \(p + 1) '\(words[p])' is not one of \(game.players[p])'s ("
            + game.strategies[p].joined(separator: ", ") + ")")
      }
      profile.append(s)
    }
    let values = Array(words[n...])
    if values.allSatisfy({ $0.contains("=") }) {
      for assignment in values {
        let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let player = game.players.firstIndex(of: parts[0]) else {
          throw CommandFailure.usage(
            "set payoff: '\(assignment)' does not name a player ("
              + game.players.joined(separator: ", ") + ")")
        }
        game.setPayoff(
          try SetCommand.number(parts[1], "set payoff"), to: player, at: profile)
      }
    } else {
      guard values.count == n else {
        throw CommandFailure.usage(
          "set payoff: \(values.count) payoffs for \(n) players (or write PLAYER=VALUE)")
      }
      for p in 0..<n {
        game.setPayoff(try SetCommand.number(values[p], "set payoff"), to: p, at: profile)
      }
    }
    session.update(
      item.name, model: .normalForm(game), edit: CommandSyntax.line(["set", "payoff"] + words))
  }
}

/// `set deal NAME U1 … Un`.
public struct SetDeal: SessionCommand {
  public static let configuration = CommandConfiguration(
    commandName: "deal", abstract: "Change or add a deal of the current bargaining problem.")

  @Argument(
    parsing: .captureForPassthrough,
    help: ArgumentHelp("The deal's name, then one utility per player.", valueName: "words"))
  public var words: [String] = []

  public init() {}

  public func execute(in session: inout Session, io: CommandIO) throws {
    let item = try session.item(nil)
    guard case .bargaining(var file) = item.model else {
      throw CommandFailure.session(
        "\(item.name) is \(item.model.kindDescription.article); set deal needs a bargaining "
          + "problem")
    }
    let p = file.problem
    guard words.count == p.playerCount + 1 else {
      throw CommandFailure.usage(
        "set deal: give the deal's name and \(p.playerCount) utilities (one per player)")
    }
    let utilities = try words.dropFirst().map { try SetCommand.number($0, "set deal") }
    var deals = p.deals
    var names = p.dealNames
    if let k = names.firstIndex(of: words[0]) {
      deals[k] = utilities
    } else {
      deals.append(utilities)
      names.append(words[0])
    }
    do {
      file.problem = try BargainingProblem(
        deals: deals, disagreement: p.disagreement, lotteries: p.allowsLotteries,
        players: p.players, dealNames: names)
    } catch { throw failure(error) }
    session.update(
      item.name, model: .bargaining(file), edit: CommandSyntax.line(["set", "deal"] + words))
  }
}

/// `set disagreement U1 … Un`.
public struct SetDisagreement: SessionCommand {
  public static let configuration = CommandConfiguration(
    commandName: "disagreement",
    abstract: "Change the disagreement point of the current bargaining problem.")

  @Argument(
    parsing: .captureForPassthrough,
    help: ArgumentHelp("One utility per player.", valueName: "utilities"))
  public var words: [String] = []

  public init() {}

  public func execute(in session: inout Session, io: CommandIO) throws {
    let item = try session.item(nil)
    guard case .bargaining(var file) = item.model else {
      throw CommandFailure.session(
        "\(item.name) is \(item.model.kindDescription.article); set disagreement needs a "
          + "bargaining problem")
    }
    let p = file.problem
    guard words.count == p.playerCount else {
      throw CommandFailure.usage(
        "set disagreement: give \(p.playerCount) utilities (one per player), not \(words.count)")
    }
    let point = try words.map { try SetCommand.number($0, "set disagreement") }
    do {
      file.problem = try BargainingProblem(
        deals: p.deals, disagreement: point, lotteries: p.allowsLotteries, players: p.players,
        dealNames: p.dealNames)
    } catch { throw failure(error) }
    session.update(
      item.name, model: .bargaining(file),
      edit: CommandSyntax.line(["set", "disagreement"] + words))
  }
}

/// `set KEY VALUE`: a solver parameter of the session.
public struct SetParameter: SessionCommand {
  public static let configuration = CommandConfiguration(
    commandName: "parameter",
    abstract: "Set a parameter: method, decimals, float or time-limit ('set KEY VALUE').")

  @Argument(
    parsing: .captureForPassthrough,
    help: ArgumentHelp(
      "method, decimals, float or time-limit, then the value ('off' or 'default' restores "
        + "the default).", valueName: "key value"))
  public var words: [String] = []

  public init() {}

  public func execute(in session: inout Session, io: CommandIO) throws {
    guard words.count == 2 else {
      throw CommandFailure.usage(
        "set: write 'set KEY VALUE' (keys: " + Session.parameterKeys.joined(separator: ", ")
          + ") or set payoff, set deal, set disagreement")
    }
    let key = words[0]
    let value = words[1]
    if !Session.parameterKeys.contains(key), let item = session.current {
      switch item.model {
      case .negotiation(var n):
        try n.base.set(key, to: value)
        session.update(item.name, model: .negotiation(n), edit: CommandSyntax.line(["set"] + words))
        return
      case .outreach(var o):
        try o.set(key, to: value)
        session.update(item.name, model: .outreach(o), edit: CommandSyntax.line(["set"] + words))
        return
      default:
        if var source = item.parametric {
          let model = try source.set(key, to: value)
          session.update(
            item.name, model: model, edit: CommandSyntax.line(["set"] + words),
            parametric: source)
          return
        }
        if Load.yamlKind(session.resolve(item.path)) != nil, !item.edits.isEmpty {
          throw CommandFailure.usage(
            "set: \(item.name) was changed by hand (\(item.edits.last!)), so its numbers no "
              + "longer follow its file's parameters; load it again to set '\(key)'")
        }
      }
    }
    var p = session.parameters
    let reset = value == "off" || value == "default"
    switch key {
    case "method":
      if reset {
        p.method = nil
      } else {
        guard let m = SolverName(rawValue: value) else {
          throw CommandFailure.usage(
            "set method: '\(value)' is not a method ("
              + SolverName.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        p.method = m
      }
    case "decimals":
      if reset {
        p.decimals = nil
      } else {
        guard let d = Int(value), (0...100).contains(d) else {
          throw CommandFailure.usage("set decimals: '\(value)' is not a whole number 0-100")
        }
        p.decimals = d
      }
    case "float":
      switch value {
      case "on", "yes", "true": p.float = true
      case "off", "no", "false", "default": p.float = false
      default: throw CommandFailure.usage("set float: '\(value)' is not on or off")
      }
    case "time-limit":
      if reset {
        p.timeLimit = nil
      } else {
        guard let s = Double(value), s > 0, s.isFinite else {
          throw CommandFailure.usage(
            "set time-limit: '\(value)' is not a positive number of seconds")
        }
        p.timeLimit = s
      }
    default:
      throw CommandFailure.usage(
        "set: unknown parameter '\(key)' (parameters: "
          + Session.parameterKeys.joined(separator: ", ")
          + "; or set payoff, set deal, set disagreement)")
    }
    session.parameters = p
  }
}
