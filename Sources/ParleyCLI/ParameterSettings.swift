// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import GameCore
import GameFiles

/// `--set NAME=VALUE`: a model parameter's value for this run. VALUE is a number or a
/// formula of numbers (`19/20`, `2e3`, `500 * 1.5`); it may not use other parameters.
public struct ParameterSetting: ExpressibleByArgument, Sendable, Hashable {
  public var name: String
  public var value: Rational

  public init(name: String, value: Rational) {
    self.name = name
    self.value = value
  }

  public init?(argument: String) {
    let parts = argument.split(separator: "=", maxSplits: 1).map {
      String($0).trimmingCharacters(in: .whitespaces)
    }
    guard parts.count == 2, !parts[0].isEmpty,
      let formula = try? Formula(parts[1]), formula.names.isEmpty,
      let value = try? formula.evaluate(with: [:])
    else { return nil }
    name = parts[0]
    self.value = value
  }

  public static var defaultValueDescription: String { "NAME=VALUE" }

  /// The settings as overrides; a parameter set twice is a usage error.
  static func overrides(_ settings: [ParameterSetting]) throws -> [String: Rational] {
    var out = [String: Rational]()
    for s in settings {
      if out[s.name] != nil {
        throw CommandFailure(
          message: "parley: error: --set: '\(s.name)' is set twice",
          exitStatus: CommandFailure.usageStatus)
      }
      out[s.name] = s.value
    }
    return out
  }

  /// Checks that every setting names a parameter of `parameters` (a usage error otherwise,
  /// listing the parameters).
  static func check(_ settings: [ParameterSetting], against parameters: ParameterTable) throws {
    for s in settings where parameters.parameter(named: s.name) == nil {
      throw CommandFailure(
        message: "parley: error: --set: the model has no parameter '\(s.name)'; "
          + (parameters.isEmpty
            ? "it defines none"
            : "its parameters are: " + parameters.names.joined(separator: ", ")),
        exitStatus: CommandFailure.usageStatus)
    }
  }

  /// `parametric` instantiated with `settings`; errors are one located line.
  static func instantiate<Model>(
    _ parametric: ParametricModel<Model>, with settings: [ParameterSetting]
  ) throws -> Model {
    try check(settings, against: parametric.parameters)
    let overrides = try overrides(settings)
    do {
      return try parametric.instantiate(overrides: overrides)
    } catch {
      throw CommandFailure(message: error.description, exitStatus: CommandFailure.dataStatus)
    }
  }

  /// The facts a result table lists for the settings: `NAME = VALUE` per setting.
  static func facts(_ settings: [ParameterSetting]) -> [String] {
    settings.map { "\($0.name) = \($0.value)" }
  }
}
