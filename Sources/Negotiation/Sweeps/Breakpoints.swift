// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// Locates the parameter values between two sweep points where a model's answer changes.
///
/// The answer at a point is a ``Probe``: a signature (what counts as "the answer": agreement
/// or not, the deals in the outcome's support, who is worse off, who flips) and optionally
/// some *margins*, named quantities whose sign decides part of the answer (an actor's utility
/// for a deal minus its disagreement payoff, say). Between two points `a < b` whose
/// signatures differ:
/// 1. **Exact step (piecewise-linear models).** For every margin defined at both ends whose
///    sign differs, the root of the line through `(a, m(a))` and `(b, m(b))` is
///    `r = a + (b − a) · m(a) / (m(a) − m(b))`, computed in exact rationals. The model is
///    probed at `r`; if `m(r) = 0` exactly the margin is linear there, and if the
///    signature at `r` equals one end's while a probe just past `r` (towards the other end,
///    at `r ± min(tolerance, half the gap) / 2`) has the other end's, the change is reported
///    at exactly `r` (the side `r` belongs to is recorded). This is regula falsi, which is
///    exact in one step on a linear piece (Press et al., *Numerical Recipes*, 3rd ed., §9.2).
///    The value is exact when that margin decides the change and is linear on the interval
///    (`m(r) = 0` checks the line at `r`; the probe past `r` checks the side); a change of a
///    different kind within that probe's distance of `r` would go unseen. When the answer
///    at `r` itself is neither end's (at `r` both answers hold, say) and the probes just
///    below and just above `r` have the ends' answers, two changes are reported at exactly
///    `r`: into the answer at `r`, and out of it.
/// 2. **Bisection.** Otherwise the interval is halved at its exact rational midpoint, the
///    halves whose end signatures differ are searched in turn (so several changes inside one
///    sweep step are all found, as long as the answer does not change and change back within
///    a half), and the exact step is tried again on each. A half no wider than `tolerance`
///    is reported as a bracket.
///
/// Changes that revert between two probes (the answer leaves and returns) are invisible to
/// both steps; a finer sweep finds them.
/// - Complexity: per change located, O(log₂((b − a) / tolerance)) probes plus one probe per
///   margin whose sign differs across a searched interval (two when the exact step is
///   taken); each probe costs one solve of the model. ``maxProbes`` bounds the total per
///   interval.
public struct BreakpointSearch: Sendable {
  /// The answer at one parameter value.
  public struct Probe<Signature: Hashable & Sendable>: Sendable {
    /// What counts as the answer; a change of signature is a breakpoint.
    public var signature: Signature
    /// Named quantities whose sign decides part of the answer; may be empty.
    public var margins: [String: Rational]

    public init(signature: Signature, margins: [String: Rational] = [:]) {
      self.signature = signature
      self.margins = margins
    }
  }

  /// A located change.
  public struct Breakpoint<Signature: Hashable & Sendable>: Sendable {
    /// The bracket: the answer is `before` at `lower` and `after` at `upper`. For an exact
    /// breakpoint it is the verified interval between ``value`` and the probe just past it.
    public var lower: Rational
    public var upper: Rational
    /// The exact breakpoint, when the exact step found it.
    public var value: Rational?
    /// For an exact breakpoint: whether the answer at ``value`` itself is `before` (the
    /// change happens just above it) or `after`.
    public var valueBelongsBefore: Bool
    /// The margin whose zero is the breakpoint (exact step only).
    public var margin: String?
    /// The answer below and above.
    public var before: Signature
    public var after: Signature
  }

  /// The widest bracket reported without an exact value (> 0).
  public var tolerance: Rational
  /// The most probes spent on one sweep interval.
  public var maxProbes: Int

  public init(tolerance: Rational = Rational(1, 1_000_000), maxProbes: Int = 400) {
    precondition(tolerance > 0, "BreakpointSearch: the tolerance must be positive")
    self.tolerance = tolerance
    self.maxProbes = maxProbes
  }

  /// The changes between `a` and `b` (`a < b`), given the probes there, in increasing order.
  ///
  /// `probe` solves the model at a value; it returns `nil` when the model cannot be solved
  /// there (that value is then treated as a change of its own and the search stops on that
  /// side). Returns an empty list when the two ends have the same signature.
  public func changes<Signature: Hashable & Sendable>(
    from a: Rational, _ pa: Probe<Signature>, to b: Rational, _ pb: Probe<Signature>,
    probe: (Rational) -> Probe<Signature>?
  ) -> [Breakpoint<Signature>] {
    var budget = maxProbes
    var found = [Breakpoint<Signature>]()
    search(a, pa, b, pb, probe: probe, budget: &budget, into: &found)
    return found.sorted { $0.lower < $1.lower }
  }

  // MARK: - Kernel

  private func search<Signature: Hashable & Sendable>(
    _ a: Rational, _ pa: Probe<Signature>, _ b: Rational, _ pb: Probe<Signature>,
    probe: (Rational) -> Probe<Signature>?, budget: inout Int,
    into found: inout [Breakpoint<Signature>]
  ) {
    guard pa.signature != pb.signature else { return }
    func bracket() -> Breakpoint<Signature> {
      Breakpoint(
        lower: a, upper: b, value: nil, valueBelongsBefore: false, margin: nil,
        before: pa.signature, after: pb.signature)
    }
    // 1. Exact step on each margin that changes sign.
    for key in pa.margins.keys.sorted() {
      guard budget > 0, let ma = pa.margins[key], let mb = pb.margins[key], ma != mb,
        ma.signum != mb.signum
      else { continue }
      let r = a + (b - a) * ma / (ma - mb)
      guard r >= a, r <= b else { continue }
      budget -= 1
      guard let pr = probe(r), pr.margins[key] == 0 else { continue }
      let towardsB = pr.signature == pa.signature
      if !towardsB && pr.signature != pb.signature {
        // The answer at r is neither end's (two kinds of answer coexist there, as when an
        // equilibrium appears at r on one side and another leaves on the other): if the
        // probes just below and just above r have the ends' answers, both changes are at r.
        guard r > a, r < b, budget >= 2 else { continue }
        let step = min(tolerance, r - a, b - r) / 2
        budget -= 2
        guard let below = probe(r - step), below.signature == pa.signature,
          let above = probe(r + step), above.signature == pb.signature
        else { continue }
        found.append(
          Breakpoint(
            lower: r - step, upper: r, value: r, valueBelongsBefore: false, margin: key,
            before: pa.signature, after: pr.signature))
        found.append(
          Breakpoint(
            lower: r, upper: r + step, value: r, valueBelongsBefore: true, margin: key,
            before: pr.signature, after: pb.signature))
        return
      }
      let gap = towardsB ? b - r : r - a
      guard gap > 0 else { continue }
      let step = min(tolerance, gap) / 2
      let s = towardsB ? r + step : r - step
      budget -= 1
      guard let ps = probe(s), ps.signature == (towardsB ? pb.signature : pa.signature) else {
        continue
      }
      let lower = min(r, s)
      let upper = max(r, s)
      found.append(
        Breakpoint(
          lower: lower, upper: upper, value: r, valueBelongsBefore: towardsB, margin: key,
          before: pa.signature, after: pb.signature))
      return
    }
    // 2. Bisection.
    if b - a <= tolerance || budget <= 0 {
      found.append(bracket())
      return
    }
    let m = (a + b) / 2
    budget -= 1
    guard let pm = probe(m) else {
      found.append(bracket())
      return
    }
    search(a, pa, m, pm, probe: probe, budget: &budget, into: &found)
    search(m, pm, b, pb, probe: probe, budget: &budget, into: &found)
  }
}
