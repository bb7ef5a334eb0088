// SPDX-License-Identifier: GPL-3.0-or-later

/// Entry point of the `parley` executable (to be replaced by the command tree).
public enum ParleyMain {
  public static func run() {}
}
