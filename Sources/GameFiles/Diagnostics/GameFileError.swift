// SPDX-License-Identifier: GPL-3.0-or-later

/// A problem with a game file: where it is, and what was expected there.
///
/// Readers never trap on bad input; every problem they can find is reported as one of these.
/// ``description`` is a single line in the form compilers use,
/// `PATH:LINE:COL: error: MESSAGE` (for example
/// `game.nfg:3:14: error: expected a number, found "x"`), so editors can jump to the spot.
/// Lines and columns are 1-based; a column counts Unicode scalars, and points at the first
/// character of the offending token. Problems with the file as a whole (it cannot be opened,
/// its type is unknown) have `line == 0` and print as `PATH: error: MESSAGE`.
public struct GameFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file's path as given by the caller (`"<input>"` for text read from memory).
  public var path: String
  /// The 1-based line of the offending token, or 0 for a whole-file problem.
  public var line: Int
  /// The 1-based column (in Unicode scalars) of the offending token, or 0.
  public var column: Int
  /// What was expected and what was found, in one line.
  public var message: String

  public init(path: String, line: Int, column: Int, message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  /// `PATH:LINE:COL: error: MESSAGE`, or `PATH: error: MESSAGE` for whole-file problems.
  public var description: String {
    line > 0 ? "\(path):\(line):\(column): error: \(message)" : "\(path): error: \(message)"
  }

  /// The description without the path: `LINE:COL: error: MESSAGE`.
  public var locatedMessage: String {
    line > 0 ? "\(line):\(column): error: \(message)" : "error: \(message)"
  }
}
