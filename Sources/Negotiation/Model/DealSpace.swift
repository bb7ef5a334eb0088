// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// Every deal of a ``NegotiationModel`` and every actor's utility for it, tabulated once.
///
/// Deals are numbered in mixed radix, the last issue varying fastest, so deal `i`'s options
/// are the digits of `i` in the radices of the issues' option counts. The table holds
/// `dealCount × actorCount` exact utilities (before transfers) and their `Double` images for
/// fast screening; construction refuses spaces above `limit` deals (default 2,000,000) so a
/// model with a fine numeric grid cannot exhaust memory.
/// - Complexity: O(D · n · k) time and O(D · n) memory for D deals, n actors, k issues.
public struct DealSpace: Sendable {
  /// The model the space belongs to.
  public let model: NegotiationModel
  /// The number of deals.
  public let count: Int
  /// `utility[d * n + a]`: actor a's utility for deal d (before transfers).
  public let utility: [Rational]
  /// The same as `Double`s.
  public let utilityDouble: [Double]
  /// The number of actors.
  public var actorCount: Int { model.actors.count }
  /// The option counts of the issues.
  public let radices: [Int]

  /// The default cap on the number of deals.
  public static let defaultLimit = 2_000_000
  /// The most utilities (deals × actors) per deal the cap allows: a space at the deal cap
  /// may have up to this many actors before its table is refused.
  public static let actorsAtLimit = 8

  /// Tabulates the deal space of `model`.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` when the space has more than `limit`
  ///   deals, or more than `limit × actorsAtLimit` utilities (deals × actors; checked
  ///   before the table is allocated), or the model has no issues or no actors.
  public init(_ model: NegotiationModel, limit: Int = DealSpace.defaultLimit) throws(SolverError) {
    guard !model.actors.isEmpty else {
      throw .invalidArgument("actors", "the model has no actors")
    }
    guard !model.issues.isEmpty else {
      throw .invalidArgument("issues", "the model has no issues")
    }
    let count = model.dealCount
    guard count <= limit else {
      throw .invalidArgument(
        "issues",
        "the deal space has \(count == Int.max ? "too many" : String(count)) deals, more than "
          + "the limit of \(limit); coarsen a numeric issue's step or drop options")
    }
    let n = model.actors.count
    let (cells, overflow) = count.multipliedReportingOverflow(by: n)
    let cellLimit = limit.multipliedReportingOverflow(by: Self.actorsAtLimit)
    guard !overflow, cellLimit.overflow || cells <= cellLimit.partialValue else {
      throw .invalidArgument(
        "issues",
        "the deal space has \(count) deals for \(n) actors, more than the limit of "
          + "\(cellLimit.partialValue) utilities; coarsen a numeric issue's step or drop options")
    }
    self.model = model
    self.count = count
    self.radices = model.issues.map(\.optionCount)
    // Per actor and issue, the weighted utility of each option, computed once.
    let weighted: [[[Rational]]] = model.actors.map { actor in
      model.issues.indices.map { k in
        (0..<model.issues[k].optionCount).map { o in
          actor.salience[k] * actor.utilities[k].value(option: o, of: model.issues[k])
        }
      }
    }
    var table = [Rational](repeating: .zero, count: count * n)
    var digits = [Int](repeating: 0, count: radices.count)
    for d in 0..<count {
      for a in 0..<n {
        var total = Rational.zero
        for k in digits.indices { total += weighted[a][k][digits[k]] }
        table[d * n + a] = total
      }
      // Next deal: increment the mixed-radix counter, last issue fastest.
      var k = digits.count - 1
      while k >= 0 {
        digits[k] += 1
        if digits[k] < radices[k] { break }
        digits[k] = 0
        k -= 1
      }
    }
    self.utility = table
    self.utilityDouble = table.map { $0.doubleValue }
  }

  /// The deal numbered `index`.
  public func deal(at index: Int) -> Deal {
    var options = [Int](repeating: 0, count: radices.count)
    var rest = index
    for k in radices.indices.reversed() {
      options[k] = rest % radices[k]
      rest /= radices[k]
    }
    return Deal(options)
  }

  /// The number of `deal`.
  public func index(of deal: Deal) -> Int {
    var index = 0
    for k in radices.indices { index = index * radices[k] + deal.options[k] }
    return index
  }

  /// Every actor's utility for deal `index` (before transfers).
  public func utilities(at index: Int) -> ArraySlice<Rational> {
    utility[(index * actorCount)..<((index + 1) * actorCount)]
  }

  /// Actor `actor`'s utility for deal `index` (before transfers).
  public func utility(of actor: Int, at index: Int) -> Rational {
    utility[index * actorCount + actor]
  }
}
