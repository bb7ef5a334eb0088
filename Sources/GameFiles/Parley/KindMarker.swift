// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The `parley: KIND` line of Parley's YAML model formats.
enum KindMarker {
  /// Whether a line of `text` is `parley: KIND` (quotes and a trailing comment allowed).
  static func present(_ kind: String, in text: String) -> Bool {
    // "\r\n" is one Character: split on it too, or a CRLF file would be one line.
    text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).contains { line in
      var s = Substring(line)
      if let hash = s.range(of: " #") { s = s[..<hash.lowerBound] }
      return s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
        .replacingOccurrences(of: "'", with: "") == "parley: \(kind)"
    }
  }

  /// Checks the marker and the version (1) of a model's root mapping.
  static func check(_ root: YAMLMapping, kind: String) throws(GameFileError) {
    let marker = try root.required("parley")
    guard try marker.string() == kind else {
      throw marker.error("expected 'parley: \(kind)', found '\(try marker.string())'")
    }
    let versionNode = try root.required("version")
    guard try versionNode.integer() == 1 else {
      throw versionNode.error("unsupported version \(try versionNode.integer()); expected 1")
    }
  }

  /// A list of names, none given twice (`what` names them in the error).
  static func uniqueNames(_ node: YAMLNode, what: String) throws(GameFileError) -> [String] {
    guard case .sequence = node.node else {
      throw node.error("\(node.context) should be a list of names")
    }
    var seen = Set<String>()
    var out = [String]()
    for item in try node.sequence() {
      let name = try item.name()
      guard seen.insert(name).inserted else {
        throw item.error("\(what) '\(name)' is named twice")
      }
      out.append(name)
    }
    return out
  }
}
