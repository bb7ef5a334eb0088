// SPDX-License-Identifier: GPL-3.0-or-later

/// How an exported result was produced, beyond the source file's name and Parley's version:
/// the exact command line and a fingerprint of the model file's bytes.
///
/// With both, a reader of a paper can check that the model file they hold is the one the
/// table came from (same SHA-256) and rerun the command that made it. The JSON, Markdown,
/// LaTeX and CSV exports print what is set (CSV as `#` comment lines before the header).
public struct Provenance: Sendable, Hashable {
  /// The command line that produced the result, shell-quoted (``commandLine(_:)``), e.g.
  /// `parley solve game.nfg --format latex`; `nil` when not known.
  public var commandLine: String?
  /// The SHA-256 of the model file's bytes, 64 lower-case hexadecimal digits
  /// (``SHA256/hexDigest(_:)``); `nil` when not known.
  public var fileSHA256: String?

  public init(commandLine: String? = nil, fileSHA256: String? = nil) {
    self.commandLine = commandLine
    self.fileSHA256 = fileSHA256
  }

  /// Whether nothing is recorded.
  public var isEmpty: Bool { commandLine == nil && fileSHA256 == nil }

  /// `words` joined by spaces as a POSIX shell would read them back: a word made only of
  /// letters, digits and `-_./:=@,+%` is kept as is, any other is put in single quotes (a
  /// quote inside becoming `'\''`), and the empty word is `''`.
  public static func commandLine(_ words: [String]) -> String {
    let safe = Set("-_./:=@,+%")
    return words.map { word -> String in
      if !word.isEmpty
        && word.unicodeScalars.allSatisfy({ s in
          (s.properties.isAlphabetic || s.properties.numericType != nil) && s.isASCII
            || safe.contains(Character(s))
        })
      {
        return word
      }
      var quoted = "'"
      for c in word { quoted += c == "'" ? "'\\''" : String(c) }
      return quoted + "'"
    }.joined(separator: " ")
  }

  /// Markdown lines: `SHA-256 of the file: `…`.` and `Command: `…`.`, those that are set.
  var markdownLines: [String] {
    var out = [String]()
    if let fileSHA256 { out.append("SHA-256 of the file: `\(fileSHA256)`.") }
    if let commandLine { out.append("Command: `\(commandLine.replacingAll("`", with: "'"))`.") }
    return out
  }

  /// The lines the text-based exports add: `command: …` and `sha256: …`, those that are set.
  var lines: [(name: String, value: String)] {
    var out = [(name: String, value: String)]()
    if let fileSHA256 { out.append(("sha256", fileSHA256)) }
    if let commandLine { out.append(("command", commandLine)) }
    return out
  }
}
