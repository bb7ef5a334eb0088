// SPDX-License-Identifier: GPL-3.0-or-later

/// Size limits checked before anything large is allocated.
///
/// The default memory budget is 4 GiB (`--max-memory` on the command line). Readers compute a
/// declared size with overflow checks and compare it with the budget before allocating.
public struct ResourceLimits: Sendable, Hashable {
  /// Bytes a single model may occupy.
  public var maxMemory: Int

  public init(maxMemory: Int = 4 << 30) {
    self.maxMemory = maxMemory
  }

  /// The default limits.
  public static var `default`: ResourceLimits { ResourceLimits() }

  /// Estimated bytes for a normal-form payoff table: one scalar per player per profile.
  ///
  /// Returns `nil` when the product overflows `Int`.
  public static func payoffTableBytes(shape: [Int], bytesPerPayoff: Int = 32) -> Int? {
    var profiles = 1
    for m in shape {
      let (p, o) = profiles.multipliedReportingOverflow(by: max(m, 0))
      if o { return nil }
      profiles = p
    }
    let (cells, o1) = profiles.multipliedReportingOverflow(by: shape.count)
    if o1 { return nil }
    let (bytes, o2) = cells.multipliedReportingOverflow(by: bytesPerPayoff)
    return o2 ? nil : bytes
  }

  /// Parses sizes such as `4G`, `512M`, `100k` or a plain byte count.
  public static func parseBytes(_ text: String) -> Int? {
    let units: [Character: Int] = ["k": 1 << 10, "K": 1 << 10, "m": 1 << 20, "M": 1 << 20,
      "g": 1 << 30, "G": 1 << 30, "t": 1 << 40, "T": 1 << 40]
    var t = Substring(text)
    if t.hasSuffix("iB") || t.hasSuffix("B") { t = t.dropLast(t.hasSuffix("iB") ? 2 : 1) }
    var multiplier = 1
    if let last = t.last, let u = units[last] { multiplier = u; t = t.dropLast() }
    guard let value = Int(t), value >= 0 else { return nil }
    let (bytes, o) = value.multipliedReportingOverflow(by: multiplier)
    return o ? nil : bytes
  }
}
