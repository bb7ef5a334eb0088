// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles

/// A model read in parametric form (negotiation or outreach YAML), with the parameter values
/// the session set and the model instantiated at them.
public struct ParametricItem<M: Sendable>: Sendable {
  /// The model as read, with its parameters and their declared values.
  public let parametric: ParametricModel<M>
  /// The values `set NAME VALUE` gave, in the order they were first set.
  public private(set) var settings: [ParameterSetting] = []
  /// The model at the declared values with ``settings`` applied.
  public private(set) var model: M

  init(_ parametric: ParametricModel<M>) {
    self.parametric = parametric
    model = parametric.defaults
  }

  /// Whether the model declares a parameter called `name`.
  func declares(_ name: String) -> Bool { parametric.parameters.parameter(named: name) != nil }

  /// Sets parameter `name` to the number or formula `text` and instantiates the model again.
  ///
  /// - Throws: ``CommandFailure`` naming the parameter when the model has none by that name,
  ///   the value is not a number, lies outside the parameter's stated range, or makes the
  ///   model invalid (a discount factor above 1, …).
  mutating func set(_ name: String, to text: String) throws {
    guard let parameter = parametric.parameters.parameter(named: name) else {
      throw CommandFailure.usage(
        "set: unknown parameter '\(name)' (the model's parameters: "
          + (parametric.parameters.isEmpty
            ? "none" : parametric.parameters.names.joined(separator: ", "))
          + "; session parameters: " + Session.parameterKeys.joined(separator: ", ") + ")")
    }
    guard let setting = ParameterSetting(argument: "\(name)=\(text)") else {
      throw CommandFailure.usage("set \(name): '\(text)' is not a number")
    }
    if let range = parameter.range, !range.contains(setting.value) {
      throw CommandFailure.usage(
        "set \(name): \(setting.value) is outside its range \(range.lowerBound) to "
          + "\(range.upperBound)" + (parameter.unit.isEmpty ? "" : " (\(parameter.unit))"))
    }
    var next = settings.filter { $0.name != name }
    if let k = settings.firstIndex(where: { $0.name == name }) {
      next.insert(setting, at: k)
    } else {
      next.append(setting)
    }
    model = try ParameterSetting.instantiate(parametric, with: next)
    settings = next
  }

  /// The model with the session's values and then `extra` (a command's `--set`) applied.
  func instantiate(with extra: [ParameterSetting]) throws -> M {
    if extra.isEmpty { return model }
    let names = Set(extra.map(\.name))
    return try ParameterSetting.instantiate(
      parametric, with: settings.filter { !names.contains($0.name) } + extra)
  }

  /// The session's values merged with `extra`, for the facts a result lists.
  func allSettings(with extra: [ParameterSetting]) -> [ParameterSetting] {
    let names = Set(extra.map(\.name))
    return settings.filter { !names.contains($0.name) } + extra
  }
}

/// A negotiation model in a session: the parametric model and the deals the session named.
public struct NegotiationItem: Sendable {
  /// The model and the session's parameter values.
  public var base: ParametricItem<NegotiationModel>
  /// The deals defined with `deal NAME = …`, in order.
  public private(set) var sessionDeals: [NamedDeal] = []

  init(_ parametric: ParametricModel<NegotiationModel>) {
    base = ParametricItem(parametric)
  }

  /// The model at the session's parameter values, its named deals followed by the session's.
  public var model: NegotiationModel { withDeals(base.model) }

  /// `model` with the session's deals added to its named deals.
  func withDeals(_ model: NegotiationModel) -> NegotiationModel {
    var m = model
    m.namedDeals += sessionDeals
    return m
  }

  /// Adds (or redefines) a session deal.
  ///
  /// - Throws: ``CommandFailure`` when `name` is a deal of the model file.
  mutating func define(_ deal: NamedDeal) throws {
    if base.model.deal(named: deal.name) != nil {
      throw CommandFailure.usage(
        "deal: '\(deal.name)' is a deal of the model; choose another name")
    }
    if let k = sessionDeals.firstIndex(where: { $0.name == deal.name }) {
      sessionDeals[k] = deal
    } else {
      sessionDeals.append(deal)
    }
  }
}

/// Reading deals written as words: `issue:option` or `issue=option`, one per issue.
enum DealSyntax {
  /// The deal the words give: a named deal (or `ideal`, the mediator's ideal deal) as a
  /// single word, or one `issue:option` (or `issue=option`) word per issue of `model`.
  ///
  /// - Parameter context: Put in front of error messages (`deal freeze`, `--deal`).
  /// - Throws: ``CommandFailure`` (usage) naming the bad word: an unknown deal, issue or
  ///   option, an issue given twice, or the issues left without an option.
  static func parse(_ words: [String], in model: NegotiationModel, context: String) throws -> Deal {
    func usage(_ message: String) -> CommandFailure {
      CommandFailure.usage("\(context): \(message)")
    }
    let words = words.flatMap { $0.split(separator: " ").map(String.init) }
    if words.count == 1, !words[0].contains(":"), !words[0].contains("=") {
      if let named = model.deal(named: words[0]) { return named }
      if words[0] == "ideal", let ideal = model.mediator?.ideal { return ideal }
      let names = model.namedDeals.map(\.name) + (model.mediator?.ideal != nil ? ["ideal"] : [])
      throw usage(
        "no deal '\(words[0])' (deals: \(names.isEmpty ? "none" : names.joined(separator: ", "))"
          + "; or give issue:option for every issue)")
    }
    guard !words.isEmpty else {
      throw usage("give a deal's name or issue:option for every issue")
    }
    var options = [Int?](repeating: nil, count: model.issues.count)
    for word in words {
      guard let cut = word.firstIndex(where: { $0 == ":" || $0 == "=" }) else {
        throw usage("'\(word)' is not issue:option")
      }
      let issueName = String(word[..<cut])
      let optionName = String(word[word.index(after: cut)...])
      guard let k = model.issueIndex(named: issueName) else {
        throw usage(
          "unknown issue '\(issueName)' in '\(word)' (issues: "
            + model.issues.map(\.name).joined(separator: ", ") + ")")
      }
      guard options[k] == nil else { throw usage("issue '\(issueName)' is given twice") }
      let issue = model.issues[k]
      guard let o = issue.option(labelled: optionName) else {
        throw usage(
          "'\(optionName)' is not an option of \(issueName) (options: "
            + optionList(issue) + ")")
      }
      options[k] = o
    }
    let missing = model.issues.indices.filter { options[$0] == nil }.map { model.issues[$0].name }
    if !missing.isEmpty {
      throw usage(
        "no option given for \(missing.joined(separator: ", ")) (every issue needs one)")
    }
    return Deal(options.map { $0! })
  }

  /// An issue's options as text: the names, or `FROM to TO in steps of STEP`.
  static func optionList(_ issue: NegotiationIssue) -> String {
    switch issue.kind {
    case .categorical(let o), .ordered(let o): return o.joined(separator: ", ")
    case .numeric(let lower, let upper, let step):
      return "\(lower) to \(upper) in steps of \(step)"
    }
  }

  /// Every `issue:option` word of `model` (numeric issues: every grid point, up to 50).
  static func words(of model: NegotiationModel) -> [String] {
    model.issues.flatMap { issue in
      (0..<min(issue.optionCount, 50)).map { "\(issue.name):\(issue.label(of: $0))" }
    }
  }
}

extension Session {
  /// The current model (or the one named `name`) as a negotiation model.
  ///
  /// - Throws: ``CommandFailure`` when nothing is loaded or the model is of another kind.
  func negotiation(_ name: String? = nil, for command: String) throws -> (Item, NegotiationItem) {
    let item = try self.item(name)
    guard case .negotiation(let n) = item.model else {
      throw CommandFailure.session(
        "\(item.name) is \(item.model.kindDescription.article); \(command) needs a "
          + "negotiation model (load a .yaml with 'parley: negotiation')")
    }
    return (item, n)
  }
}
