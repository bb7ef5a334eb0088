// SPDX-License-Identifier: GPL-3.0-or-later

/// Parley's version, recorded in every exported table and printed by `parley --version`.
public enum ParleyVersion {
  /// The release this build belongs to (semantic versioning).
  public static let current = "0.1.0"
}
