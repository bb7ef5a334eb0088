// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import Synchronization

/// A progress bar on standard error for long runs (sweeps, Monte Carlo): points done of the
/// total, the rate and the time left, redrawn at most ten times a second.
///
/// It exists only when standard error is a terminal (and `PARLEY_PROGRESS` is not `0`), so
/// scripts, pipes, goldens and tests never see it. While it runs, Ctrl-C asks the command to
/// stop (``Interactive/interrupt``) instead of killing the process; the previous SIGINT
/// action is restored by ``finish()``.
final class ProgressMeter: Sendable {
  let total: Int
  let noun: String
  let start = ContinuousClock.now
  private let done = Atomic<Int>(0)
  private let lastDraw = Mutex<ContinuousClock.Instant?>(nil)
  private let previous = Mutex<sigaction?>(nil)

  private init(total: Int, noun: String) {
    self.total = total
    self.noun = noun
  }

  /// A meter for `total` items, or `nil` when standard error is not a terminal.
  static func start(total: Int, noun: String) -> ProgressMeter? {
    guard isatty(2) == 1, ProcessInfo.processInfo.environment["PARLEY_PROGRESS"] != "0",
      total > 1
    else { return nil }
    let meter = ProgressMeter(total: total, noun: noun)
    _ = Interactive.interrupt
    var action = sigaction()
    var old = sigaction()
    action.__sigaction_handler.sa_handler = { _ in Interactive.interrupt.cancel() }
    sigemptyset(&action.sa_mask)
    if sigaction(SIGINT, &action, &old) == 0 { meter.previous.withLock { $0 = old } }
    meter.draw(force: true)
    return meter
  }

  /// One more item done.
  func tick() {
    done.add(1, ordering: .relaxed)
    draw(force: false)
  }

  /// Clears the bar and restores Ctrl-C's previous action.
  func finish() {
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    if var old = previous.withLock({ $0 }) { sigaction(SIGINT, &old, nil) }
  }

  /// The bar's text for `count` items after `seconds`: `[#####.....] 12/100 points,
  /// 3.4/s, about 26 s left`.
  static func line(count: Int, total: Int, seconds: Double, noun: String, width: Int = 24)
    -> String
  {
    let filled = total == 0 ? width : min(width, count * width / total)
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    var text = "[\(bar)] \(count)/\(total) \(noun)"
    if seconds > 0, count > 0 {
      let rate = Double(count) / seconds
      text += ", " + (rate >= 10 ? String(Int(rate.rounded())) : rate.formatted(decimals: 1))
        + "/s"
      let left = Double(total - count) / rate
      text += ", about " + (left >= 90 ? "\(Int((left / 60).rounded())) min" : "\(Int(left.rounded())) s")
        + " left"
    }
    return text + " (Ctrl-C stops)"
  }

  private func draw(force: Bool) {
    let now = ContinuousClock.now
    let go = lastDraw.withLock { last -> Bool in
      if !force, let last, now - last < .milliseconds(100) { return false }
      last = now
      return true
    }
    guard go else { return }
    let text = Self.line(
      count: done.load(ordering: .relaxed), total: total, seconds: (now - start).seconds,
      noun: noun)
    FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
  }
}
