// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameExport

/// The reply lines of `parley repl --protocol` (see ``KernelServer``): each a JSON object on
/// one line, keys sorted, with the request's `id` (`null` when it had none).
enum KernelReply {
  static func ready(version: Int) -> String {
    encode(["type": "ready", "protocol": version, "parley": ParleyVersion.current])
  }

  /// A command's output as a MIME bundle (`text/plain` always; see ``KernelDisplay``).
  static func display(id: Any?, data: [String: String]) -> String {
    encode(["type": "display", "id": id ?? NSNull(), "data": data])
  }

  /// Text on a stream (`stderr` for a successful command's warnings).
  static func stream(id: Any?, name: String, text: String) -> String {
    encode(["type": "stream", "id": id ?? NSNull(), "name": name, "text": text])
  }

  /// A failed command: the command line and the one-line message; `name` is `interrupted`
  /// for an interrupt, else `error`.
  static func error(id: Any?, command: String, message: String, name: String = "error")
    -> String
  {
    encode([
      "type": "error", "id": id ?? NSNull(), "name": name, "command": command,
      "message": message,
    ])
  }

  /// The end of a code request: `ok`, `error` or `interrupted`.
  static func done(id: Any?, status: String) -> String {
    encode(["type": "done", "id": id ?? NSNull(), "status": status])
  }

  /// Completion candidates replacing the scalars `start..<end` of the request's text.
  static func complete(id: Any?, matches: [String], start: Int, end: Int) -> String {
    encode([
      "type": "complete", "id": id ?? NSNull(), "matches": matches, "cursor_start": start,
      "cursor_end": end,
    ])
  }

  /// A command's help, or `found: false`.
  static func inspect(id: Any?, text: String?) -> String {
    encode([
      "type": "inspect", "id": id ?? NSNull(), "found": text != nil, "text": text ?? "",
    ])
  }

  /// A request the server could not read.
  static func protocolError(id: Any?, _ message: String) -> String {
    encode(["type": "protocol-error", "id": id ?? NSNull(), "message": message])
  }

  static func encode(_ object: [String: Any]) -> String {
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
      let text = String(data: data, encoding: .utf8)
    else {
      // Only a request id that is not JSON could get here; answer without it.
      var plain = object
      plain["id"] = NSNull()
      let data = try! JSONSerialization.data(withJSONObject: plain, options: [.sortedKeys])
      return String(decoding: data, as: UTF8.self)
    }
    return text
  }
}

/// How a command's output is shown in a notebook.
enum KernelDisplay {
  /// The MIME bundle for a command's output `text` and the results it published.
  ///
  /// `text/plain` is the output as the REPL prints it. A figure (output starting with an SVG
  /// document) adds `image/svg+xml`; `--format markdown` adds `text/markdown`; a result
  /// printed as the default table adds `text/html`, the result rendered by GameExport's HTML
  /// renderer (one fragment per result). Other formats (CSV, JSON, LaTeX) and files written
  /// with `--output` stay plain text.
  static func bundle(text: String, results: [CommandResult], words: [String]) -> [String: String]
  {
    var data = ["text/plain": text]
    let start = text.drop { $0.isWhitespace }
    if start.hasPrefix("<svg") || (start.hasPrefix("<?xml") && text.contains("<svg")) {
      data["image/svg+xml"] = text
      data["text/plain"] = "[figure: \(svgTitle(text) ?? "SVG")]\n"
      return data
    }
    let options = Self.options(words)
    switch options.format {
    case "markdown":
      data["text/markdown"] = text
    case "table" where !results.isEmpty && !options.writesFile:
      data["text/html"] = results.map(html).joined()
    default:
      break
    }
    return data
  }

  /// The text of an SVG document's first `<title>` element, unescaped.
  static func svgTitle(_ svg: String) -> String? {
    guard let open = svg.range(of: "<title>"),
      let close = svg.range(of: "</title>", range: open.upperBound..<svg.endIndex)
    else { return nil }
    return String(svg[open.upperBound..<close.lowerBound])
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
  }

  /// The result as an HTML fragment.
  static func html(_ result: CommandResult) -> String {
    switch result {
    case .table(let table): return table.html()
    case .report(let report): return report.html()
    case .results(let table): return table.html()
    }
  }

  /// The output format a command line asks for (`table` by default) and whether it writes a
  /// file (`-o`, `--output`).
  static func options(_ words: [String]) -> (format: String, writesFile: Bool) {
    var format = "table"
    var writesFile = false
    var k = 1
    while k < words.count {
      let word = words[k]
      if (word == "--format" || word == "-f"), k + 1 < words.count {
        format = words[k + 1]
        k += 1
      } else if word.hasPrefix("--format=") {
        format = String(word.dropFirst("--format=".count))
      } else if word == "--json" {
        format = "json"
      } else if word == "--output" || word == "-o" || word.hasPrefix("--output=") {
        writesFile = true
      }
      k += 1
    }
    return (format, writesFile)
  }
}
