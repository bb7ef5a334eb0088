// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// A negotiation framework as named on the command line.
///
/// Text forms: `unanimity`, `quota=K`, `bilateral=A,B`, `mediation`, `final-offer=SIDE`
/// (SIDE: actor names separated by commas; the other side is everyone else) and
/// `conventional`; ``parseList(_:for:)`` also takes `all` and lists separated by `;`.
public enum FrameworkSpec: Hashable, Sendable, CustomStringConvertible {
  /// Unanimity bargaining (every actor must accept).
  case unanimity
  /// Bargaining in which K acceptances (the proposer's included) suffice.
  case quota(Int)
  /// Alternating offers between two actors, the first proposing first.
  case bilateral(String, String)
  /// Single-text mediation by the model's mediator rule.
  case mediation
  /// Final-offer arbitration between `side` and the other actors.
  case finalOffer(side: [String])
  /// Conventional arbitration: the arbitrator's ideal is imposed.
  case conventional

  /// The text form, as accepted by ``init(parsing:)``.
  public var description: String {
    switch self {
    case .unanimity: return "unanimity"
    case .quota(let k): return "quota=\(k)"
    case .bilateral(let a, let b): return "bilateral=\(a),\(b)"
    case .mediation: return "mediation"
    case .finalOffer(let side): return "final-offer=\(side.joined(separator: ","))"
    case .conventional: return "conventional"
    }
  }

  static let grammar =
    "unanimity | quota=K | bilateral=A,B | mediation | final-offer=SIDE | conventional | all"

  /// Parses one framework (not `all`, which needs a model: see ``parseList(_:for:)``).
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` naming `framework` for an unknown name,
  ///   a missing or malformed value.
  public init(parsing text: String) throws(SolverError) {
    let op = "framework"
    let trimmed = text.trimmingWhitespace()
    let parts = trimmed.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    let name = parts[0].lowercased().trimmingWhitespace()
    let value = parts.count > 1 ? String(parts[1]).trimmingWhitespace() : nil
    func noValue() throws(SolverError) {
      if value != nil { throw .invalidArgument(op, "'\(name)' takes no value (got '\(trimmed)')") }
    }
    func names(_ v: String?) -> [String] {
      (v ?? "").split(separator: ",", omittingEmptySubsequences: false)
        .map { String($0).trimmingWhitespace() }
    }
    switch name {
    case "unanimity":
      try noValue()
      self = .unanimity
    case "mediation":
      try noValue()
      self = .mediation
    case "conventional":
      try noValue()
      self = .conventional
    case "quota":
      guard let value, let k = Int(value), k >= 1 else {
        throw .invalidArgument(
          op,
          "quota needs a positive whole number of acceptances, as in quota=3 (got "
            + "'\(trimmed)')")
      }
      self = .quota(k)
    case "bilateral":
      let pair = names(value)
      guard value != nil, pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
        throw .invalidArgument(
          op,
          "bilateral needs two actor names, as in bilateral=United States,North Korea "
            + "(got '\(trimmed)')")
      }
      self = .bilateral(pair[0], pair[1])
    case "final-offer", "finaloffer", "final_offer":
      let side = names(value)
      guard value != nil, !side.isEmpty, side.allSatisfy({ !$0.isEmpty }) else {
        throw .invalidArgument(
          op,
          "final-offer needs a side (actor names separated by commas), as in "
            + "final-offer=North Korea (got '\(trimmed)')")
      }
      self = .finalOffer(side: side)
    case "all":
      throw .invalidArgument(op, "'all' expands against a model: use parseList(_:for:)")
    default:
      throw .invalidArgument(op, "unknown framework '\(trimmed)'; expected \(Self.grammar)")
    }
  }

  /// Parses `;`-separated frameworks, expanding `all` with ``all(for:bilateral:side:)``.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` naming `framework` for a bad item or an
  ///   empty list.
  public static func parseList(_ text: String, for model: NegotiationModel)
    throws(SolverError) -> [FrameworkSpec]
  {
    var out = [FrameworkSpec]()
    for item in text.split(separator: ";").map({ String($0).trimmingWhitespace() })
    where !item.isEmpty {
      let specs = item.lowercased() == "all" ? all(for: model) : [try FrameworkSpec(parsing: item)]
      for s in specs where !out.contains(s) { out.append(s) }
    }
    guard !out.isEmpty else {
      throw .invalidArgument("framework", "no framework given; expected \(grammar)")
    }
    return out
  }

  /// Every framework that applies to `model`: `unanimity`; `quota=n−1` when n > 2;
  /// `bilateral` between `bilateral` or, by default, the two actors of largest capability
  /// (model order on ties), the larger proposing first; and, only when the model has a
  /// mediator, `mediation`, `final-offer` (side = `side` or, by default, the actor of
  /// largest capability alone) and `conventional`. Frameworks needing two actors are
  /// omitted for a one-actor model.
  public static func all(
    for model: NegotiationModel, bilateral: (String, String)? = nil, side: [String]? = nil
  ) -> [FrameworkSpec] {
    let n = model.actors.count
    var out: [FrameworkSpec] = [.unanimity]
    if n > 2 { out.append(.quota(n - 1)) }
    let byCapability = model.actors.indices.sorted {
      model.actors[$0].capability != model.actors[$1].capability
        ? model.actors[$0].capability > model.actors[$1].capability : $0 < $1
    }.map { model.actors[$0].name }
    if let bilateral {
      out.append(.bilateral(bilateral.0, bilateral.1))
    } else if n >= 2 {
      out.append(.bilateral(byCapability[0], byCapability[1]))
    }
    if model.mediator != nil {
      out.append(.mediation)
      if let side {
        out.append(.finalOffer(side: side))
      } else if n >= 2 {
        out.append(.finalOffer(side: [byCapability[0]]))
      }
      out.append(.conventional)
    }
    return out
  }
}

/// Runs several negotiation frameworks on one deal space, side by side.
public enum NegotiationComparison {
  /// One outcome (or the error that framework raised) per spec, in the order given. The deal
  /// space analysis (Pareto set, zone of agreement) is computed once and shared.
  public static func compare(
    _ space: DealSpace, frameworks: [FrameworkSpec], control: SolverControl = .none
  ) -> [Result<FrameworkOutcome, SolverError>] {
    // The analysis is computed once, and only if a framework needs it (the unanimity and
    // quota frameworks price every deal themselves).
    var analysis: Result<DealSpaceAnalysis, SolverError>? = nil
    return frameworks.map { spec in
      Result { () throws(SolverError) -> FrameworkOutcome in
        switch spec {
        case .unanimity, .quota:
          return try run(spec, space: space, analysis: nil, control: control)
        default:
          if analysis == nil {
            analysis = Result { () throws(SolverError) -> DealSpaceAnalysis in
              try DealSpaceAnalysis(space, control: control)
            }
          }
          return try run(spec, space: space, analysis: try analysis!.get(), control: control)
        }
      }
    }
  }

  static func run(
    _ spec: FrameworkSpec, space: DealSpace, analysis: DealSpaceAnalysis?,
    control: SolverControl
  ) throws(SolverError) -> FrameworkOutcome {
    switch spec {
    case .unanimity:
      return try UnanimityBargaining(control: control).solve(space).outcome
    case .quota(let k):
      return try UnanimityBargaining(quota: k, control: control).solve(space).outcome
    case .bilateral(let a, let b):
      return try BilateralBargaining(between: a, b, in: space.model, control: control)
        .solve(space, analysis: analysis)
    case .mediation:
      return try Mediation(control: control).solve(space, analysis: analysis)
    case .finalOffer(let side):
      return try FinalOfferArbitrationFramework(side: side, control: control)
        .solve(space, analysis: analysis)
    case .conventional:
      return try ConventionalArbitrationFramework(control: control)
        .solve(space, analysis: analysis)
    }
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces, tabs and newlines.
  func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = firstIndex(where: { !isSpace($0) }),
      let end = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[start...end])
  }
}
