// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore
import LPSupport

/// The cheapest side payments that make a deal acceptable: every actor, or a quota of actors
/// including every veto player, must gain at least its disagreement payoff.
///
/// Steps (an exact linear program per coalition; Chvátal, *Linear Programming*, 1983, ch. 5
/// for the duality used to explain infeasibility):
/// 1. One variable `t[c, r] ≥ 0` per transfer channel `c` and allowed recipient `r` (an
///    actor other than the donor; an empty recipient list means every other actor).
/// 2. For each required actor `i`: `u_i(x) + received_i − paid_i ≥ d_i + ε` (ε = `margin`,
///    positive for strict acceptance). For each donor that is an actor but not required:
///    `u_j(x) + received_j − paid_j ≥ d_j` (a donor is never pushed below its disagreement
///    payoff); such a donor whose utility for the deal is below `d_j` pays nothing (its
///    channels are closed: it gains nothing from the deal and has no reason to finance it).
///    Outside donors (not actors) are limited by their budgets only.
/// 3. Each channel pays at most its budget: `Σ_r t[c, r] ≤ budget_c`.
/// 4. Minimise `Σ t` exactly (``LinearProgram/solveExact(options:control:)``). If the LP is
///    infeasible its Farkas multipliers name the rows that prove it: an actor whose
///    shortfall cannot be covered, a budget, or a donor's participation constraint.
/// 5. For a quota `K`, every coalition of `max(K, #veto)` actors containing the veto players
///    is solved and the cheapest kept. Requiring a larger coalition only adds or tightens
///    rows, so it cannot be cheaper — except when a closed donor (step 2) would reopen its
///    channels by being required; when such donors exist, larger coalitions are solved too.
/// 6. The answer is verified by recomputing every actor's utility with the transfers.
///
/// - Complexity: one exact LP with `R ≤ #channels · n` variables and `≤ n + #channels` rows
///   per coalition; up to `C(n, K)` coalitions (all `2ⁿ` when closed donors exist).
public struct CheapestTransfers: Sendable {
  /// Who has to accept.
  public enum Requirement: Sendable, Hashable {
    /// Every actor.
    case unanimity
    /// At least this many actors, including every veto player.
    case quota(Int)
  }

  /// One transfer.
  public struct Payment: Sendable, Hashable {
    public var channel: Int
    public var donor: String
    public var recipient: Int
    public var recipientName: String
    public var amount: Rational
  }

  /// One actor before and after the transfers.
  public struct ActorOutcome: Sendable, Hashable {
    public var actor: Int
    public var name: String
    /// Utility for the deal before transfers.
    public var utility: Rational
    public var disagreement: Rational
    /// Whether the actor must accept.
    public var isRequired: Bool
    /// `max(0, d + ε − u)` for a required actor, `0` otherwise.
    public var shortfall: Rational
    public var received: Rational
    public var paid: Rational
    /// `utility + received − paid`.
    public var utilityAfter: Rational
  }

  /// A constraint that matters: binding at the optimum (non-zero dual) or part of a proof of
  /// infeasibility (non-zero Farkas multiplier).
  public struct BindingConstraint: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
      /// A required actor's acceptance row.
      case acceptance(actor: Int)
      /// A donor actor's participation row.
      case participation(actor: Int)
      /// A channel's budget row.
      case budget(channel: Int)
    }
    public var kind: Kind
    /// The dual value or Farkas multiplier.
    public var multiplier: Rational
    /// In words.
    public var description: String
  }

  /// The answer.
  public struct Result: Sendable {
    /// Whether transfers within the budgets make the deal acceptable.
    public var isFeasible: Bool
    /// The coalition that must accept (all actors for unanimity).
    public var coalition: [Int]
    /// The non-zero transfers (empty when infeasible).
    public var payments: [Payment]
    /// `Σ payments` (nil when infeasible).
    public var totalCost: Rational?
    public var actors: [ActorOutcome]
    /// Binding rows at the optimum, or the rows of the infeasibility proof.
    public var binding: [BindingConstraint]
    /// Why it is infeasible, in words (empty when feasible).
    public var explanation: [String]
    /// The number of coalitions solved.
    public var coalitionsExamined: Int
    public var method: String
    public var isExact: Bool { true }
    public var parameters: [String: String]
    public var status: SolverStatus
  }

  public var requirement: Requirement
  /// ε ≥ 0: the margin by which required actors must beat disagreement.
  public var margin: Rational
  /// The most coalitions a quota may enumerate.
  public var maxCoalitions: Int

  public init(
    requirement: Requirement = .unanimity, margin: Rational = 0,
    maxCoalitions: Int = 100_000
  ) {
    self.requirement = requirement
    self.margin = margin
    self.maxCoalitions = maxCoalitions
  }

  /// The cheapest transfers making `deal` acceptable under ``requirement``.
  ///
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` for a malformed deal, an unknown
  ///   recipient or donor name, a negative margin or budget, or a quota out of range;
  ///   ``SolverError/limitExceeded(_:_:)`` past ``maxCoalitions``;
  ///   ``SolverError/numerical(_:_:)`` if the LP fails or verification fails.
  public func solve(_ model: NegotiationModel, deal: Deal, control: SolverControl = .none)
    throws(SolverError) -> Result
  {
    let op = "cheapest-transfers"
    let n = model.actors.count
    guard deal.options.count == model.issues.count,
      zip(deal.options, model.issues).allSatisfy({ $0 >= 0 && $0 < $1.optionCount })
    else { throw .invalidArgument(op, "the deal does not match the model's issues") }
    guard margin >= 0 else { throw .invalidArgument(op, "the margin must be ≥ 0") }
    let u = model.utilities(for: deal)
    let arcs = try Self.arcs(model)
    let veto = (0..<n).filter { model.actors[$0].veto }
    var coalitions: [[Int]]
    var parameters = ["deal": model.describe(deal), "margin": margin.description]
    switch requirement {
    case .unanimity:
      coalitions = [Array(0..<n)]
      parameters["requirement"] = "unanimity"
    case .quota(let k):
      guard k >= 1 && k <= n else {
        throw .invalidArgument(op, "the quota \(k) is not between 1 and \(n)")
      }
      parameters["requirement"] = "quota \(k)"
      let closedDonors = (0..<n).contains { a in
        model.transfers.contains { $0.donor == model.actors[a].name }
          && u[a]
            < model.actors[a]
            .disagreement
      }
      let smallest = max(k, veto.count)
      let sizes = closedDonors ? Array(smallest...n) : [smallest]
      let others = (0..<n).filter { !model.actors[$0].veto }
      var total = 0
      for size in sizes { total += Self.binomial(others.count, size - veto.count) }
      guard total <= maxCoalitions else {
        throw .limitExceeded(op, "\(total) coalitions exceed the limit of \(maxCoalitions)")
      }
      coalitions = []
      for size in sizes {
        for extra in Self.subsets(of: others, size: size - veto.count) {
          coalitions.append((veto + extra).sorted())
        }
      }
    }
    var best: Result? = nil
    var firstFailure: Result? = nil
    for coalition in coalitions {
      if let reason = control.stopReason() {
        if var b = best ?? firstFailure {
          b.status = reason
          return b
        }
        throw .cancelled(op)
      }
      var r = try solve(model, u: u, arcs: arcs, coalition: coalition, control: control)
      r.parameters = parameters
      if r.isFeasible {
        if best == nil || r.totalCost! < best!.totalCost! { best = r }
      } else if firstFailure == nil {
        firstFailure = r
      }
    }
    var result = best ?? firstFailure!
    result.coalitionsExamined = coalitions.count
    if best == nil && coalitions.count > 1 {
      result.explanation.insert(
        "none of the \(coalitions.count) coalitions can be made to accept; the first:", at: 0)
    }
    return result
  }

  // MARK: - One coalition

  struct Arc {
    var channel: Int
    var donorActor: Int?
    var recipient: Int
  }

  static func arcs(_ model: NegotiationModel) throws(SolverError) -> [Arc] {
    var arcs = [Arc]()
    for (c, channel) in model.transfers.enumerated() {
      guard channel.budget >= 0 else {
        throw .invalidArgument("cheapest-transfers", "donor \(channel.donor) has a negative budget")
      }
      let donor = model.actorIndex(named: channel.donor)
      var recipients = [Int]()
      if channel.recipients.isEmpty {
        recipients = model.actors.indices.filter { $0 != donor }
      } else {
        for name in channel.recipients {
          guard let r = model.actorIndex(named: name) else {
            throw .invalidArgument(
              "cheapest-transfers",
              "channel of \(channel.donor) names an unknown recipient '\(name)'")
          }
          if r != donor { recipients.append(r) }
        }
      }
      for r in recipients { arcs.append(Arc(channel: c, donorActor: donor, recipient: r)) }
    }
    return arcs
  }

  func solve(
    _ model: NegotiationModel, u: [Rational], arcs: [Arc], coalition: [Int],
    control: SolverControl
  ) throws(SolverError) -> Result {
    let op = "cheapest-transfers"
    let n = model.actors.count
    let m = arcs.count
    let required = Set(coalition)
    let d = model.disagreement
    let donorActors = Set(arcs.compactMap(\.donorActor))
    // Donor actors outside the coalition who lose from the deal keep their channels closed.
    let closed = Set(donorActors.filter { !required.contains($0) && u[$0] < d[$0] })
    var lp = LinearProgram(.minimize, objective: [Rational](repeating: 1, count: m))
    for (j, arc) in arcs.enumerated() where arc.donorActor.map(closed.contains) ?? false {
      lp.setBounds(of: j, lower: 0, upper: 0)
    }
    var kinds = [BindingConstraint.Kind]()
    var rowLabels = [String]()
    // Net-transfer rows.
    for a in 0..<n {
      let isRequired = required.contains(a)
      guard isRequired || (donorActors.contains(a) && !closed.contains(a)) else { continue }
      var row = [Rational](repeating: 0, count: m)
      for (j, arc) in arcs.enumerated() {
        if arc.recipient == a { row[j] += 1 }
        if arc.donorActor == a { row[j] -= 1 }
      }
      let need = d[a] + (isRequired ? margin : 0) - u[a]
      lp.addConstraint(row, .greaterOrEqual, need)
      let name = model.actors[a].name
      if isRequired {
        kinds.append(.acceptance(actor: a))
        rowLabels.append(
          need > 0
            ? "\(name)'s shortfall of \(need) cannot be covered"
            : "\(name)'s acceptance (surplus \(-need)) limits what it can pay")
      } else {
        kinds.append(.participation(actor: a))
        rowLabels.append("donor \(name) would fall below its disagreement payoff")
      }
    }
    for (c, channel) in model.transfers.enumerated() {
      let row = arcs.map { $0.channel == c ? Rational(1) : Rational(0) }
      guard row.contains(1) else { continue }
      lp.addConstraint(row, .lessOrEqual, channel.budget)
      kinds.append(.budget(channel: c))
      rowLabels.append("donor \(channel.donor)'s budget of \(channel.budget) is exhausted")
    }

    // At an optimum the same rows are described as what they cost, not as obstacles.
    let optimumLabels: [String] = kinds.map { kind in
      switch kind {
      case .acceptance(let a):
        return "\(model.actors[a].name) must be brought up to its disagreement payoff"
      case .participation(let a):
        return "donor \(model.actors[a].name) pays as much as it can without losing from the deal"
      case .budget(let c):
        return "donor \(model.transfers[c].donor)'s budget of \(model.transfers[c].budget) is spent"
      }
    }
    var x = [Rational](repeating: 0, count: m)
    var binding = [BindingConstraint]()
    var feasible = true
    if m == 0 {
      // No variables: each row is 0 ≥ need.
      for (i, c) in lp.constraints.enumerated() where c.rhs > 0 {
        feasible = false
        binding.append(
          BindingConstraint(
            kind: kinds[i], multiplier: 1,
            description: rowLabels[i] + " (no channel can pay it)"))
      }
    } else {
      let solution: LPSolution<Rational>
      do { solution = try lp.solveExact(control: control) } catch {
        if error.isInterruption { throw .cancelled(op) }
        throw .numerical(op, "\(error)")
      }
      switch solution.status {
      case .optimal:
        x = solution.values
        for (i, y) in solution.rowDuals.enumerated() where y != 0 {
          binding.append(
            BindingConstraint(
              kind: kinds[i], multiplier: y,
              description: optimumLabels[i] + " (shadow price \(y.magnitude))"))
        }
      case .infeasible:
        feasible = false
        for (i, p) in (solution.farkasMultipliers ?? []).enumerated() where p != 0 {
          binding.append(
            BindingConstraint(
              kind: kinds[i], multiplier: p,
              description: rowLabels[i]))
        }
      case .unbounded:
        throw .numerical(op, "the transfer LP is unbounded (cannot happen with costs ≥ 0)")
      }
    }
    // Outcomes, recomputed from the transfers (verification).
    var received = [Rational](repeating: 0, count: n)
    var paid = received
    var spent = [Rational](repeating: 0, count: model.transfers.count)
    var payments = [Payment]()
    for (j, arc) in arcs.enumerated() where x[j] != 0 {
      received[arc.recipient] += x[j]
      if let a = arc.donorActor { paid[a] += x[j] }
      spent[arc.channel] += x[j]
      payments.append(
        Payment(
          channel: arc.channel, donor: model.transfers[arc.channel].donor,
          recipient: arc.recipient, recipientName: model.actors[arc.recipient].name,
          amount: x[j]))
    }
    let actors = (0..<n).map { a in
      let isRequired = required.contains(a)
      return ActorOutcome(
        actor: a, name: model.actors[a].name, utility: u[a],
        disagreement: d[a], isRequired: isRequired,
        shortfall: isRequired ? max(0, d[a] + margin - u[a]) : 0,
        received: received[a], paid: paid[a], utilityAfter: u[a] + received[a] - paid[a])
    }
    if feasible {
      for o in actors {
        if o.isRequired && o.utilityAfter < o.disagreement + margin {
          throw .numerical(op, "verification failed: \(o.name) does not accept")
        }
        if donorActors.contains(o.actor) && o.paid > 0 && o.utilityAfter < o.disagreement {
          throw .numerical(op, "verification failed: donor \(o.name) pays below disagreement")
        }
      }
      for (c, s) in spent.enumerated() where s > model.transfers[c].budget {
        throw .numerical(op, "verification failed: budget of channel \(c)")
      }
    }
    var explanation = [String]()
    if !feasible {
      explanation = binding.map(\.description)
      if explanation.isEmpty { explanation = ["the transfer LP is infeasible"] }
    }
    return Result(
      isFeasible: feasible, coalition: coalition, payments: feasible ? payments : [],
      totalCost: feasible ? x.reduce(Rational(0), +) : nil, actors: actors, binding: binding,
      explanation: explanation, coalitionsExamined: 1, method: "cheapest transfers (exact LP)",
      parameters: [:], status: .complete)
  }

  static func binomial(_ n: Int, _ k: Int) -> Int {
    guard k >= 0 && k <= n else { return 0 }
    var r = 1
    for i in 0..<min(k, n - k) {
      r = r * (n - i) / (i + 1)
      if r > Int.max / 64 { return Int.max / 64 }
    }
    return r
  }

  /// The `size`-element subsets of `items`, in lexicographic order.
  static func subsets(of items: [Int], size: Int) -> [[Int]] {
    guard size >= 0 && size <= items.count else { return [] }
    var out = [[Int]]()
    var pick = Array(0..<size)
    while true {
      out.append(pick.map { items[$0] })
      var i = size - 1
      while i >= 0 && pick[i] == items.count - size + i { i -= 1 }
      if i < 0 { return out }
      pick[i] += 1
      for j in (i + 1)..<size { pick[j] = pick[j - 1] + 1 }
    }
  }
}
