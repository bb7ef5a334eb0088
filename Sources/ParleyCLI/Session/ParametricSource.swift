// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameFiles

/// The parametric form behind a session's game or problem read from a YAML file with
/// parameters (`parley: game`, and the other kinds that declare `parameters:`), so that
/// `set NAME VALUE` can instantiate it again.
///
/// The session model of such an item is an ordinary strategic-form game (or extensive form,
/// or bargaining problem); this keeps the file's parametric model and the values set, and
/// rebuilds the session model from them. Negotiation and outreach models carry their
/// parametric form in their own ``Session/Model`` case instead (``ParametricItem``).
public struct ParametricSource: Sendable {
  private var box: any ParametricBox

  /// Wraps `item`; `wrap` makes the session model of an instance.
  init<M: Sendable>(_ item: ParametricItem<M>, wrap: @escaping @Sendable (M) -> Session.Model) {
    box = TypedParametricBox(item: item, wrap: wrap)
  }

  /// The parameters the file declares.
  public var parameters: ParameterTable { box.parameters }

  /// The values `set NAME VALUE` gave, in the order they were first set.
  public var settings: [ParameterSetting] { box.settings }

  /// Whether the file declares a parameter called `name`.
  func declares(_ name: String) -> Bool { parameters.parameter(named: name) != nil }

  /// Sets `name` to the number `text` (within its stated range) and returns the model
  /// instantiated at the new values; `self` is unchanged when this throws.
  mutating func set(_ name: String, to text: String) throws -> Session.Model {
    let (next, model) = try box.setting(name, to: text)
    box = next
    return model
  }

  /// The lines `show` lists: each parameter, its value in the session, range and unit.
  var showLines: [String] { box.showLines }
}

private protocol ParametricBox: Sendable {
  var parameters: ParameterTable { get }
  var settings: [ParameterSetting] { get }
  func setting(_ name: String, to text: String) throws -> (any ParametricBox, Session.Model)
  var showLines: [String] { get }
}

private struct TypedParametricBox<M: Sendable>: ParametricBox {
  var item: ParametricItem<M>
  let wrap: @Sendable (M) -> Session.Model

  var parameters: ParameterTable { item.parametric.parameters }
  var settings: [ParameterSetting] { item.settings }

  func setting(_ name: String, to text: String) throws -> (any ParametricBox, Session.Model) {
    var copy = self
    try copy.item.set(name, to: text)
    return (copy, wrap(copy.item.model))
  }

  var showLines: [String] { Show.parameterLines(item) }
}
