// SPDX-License-Identifier: GPL-3.0-or-later

/// The lexical rules of Parley's command language, shared by the REPL, `parley -e` and
/// `parley run`.
///
/// A line holds one or more commands separated by `;`. Words are separated by blanks; single
/// quotes keep everything literally, double quotes keep blanks (a backslash escapes `"` and
/// `\` inside them), and a backslash outside quotes escapes the next character. A `#` at the
/// start of a word begins a comment that runs to the end of the line. A line whose last
/// character is an unescaped backslash continues on the next line (``LogicalLines``).
public enum CommandSyntax {
  /// A line that cannot be split into words.
  public struct SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// The commands of `line`, each as its words; empty commands are dropped.
  ///
  /// - Complexity: O(n) in the line's length.
  /// - Throws: ``SyntaxError`` for an unterminated quote.
  public static func commands(in line: String) throws(SyntaxError) -> [[String]] {
    let scan = scan(line)
    if let open = scan.openQuote {
      throw SyntaxError(message: "unterminated \(open == "'" ? "single" : "double") quote")
    }
    return scan.commands.filter { !$0.isEmpty }
  }

  /// What a scan of a (possibly unfinished) line found.
  struct Scan {
    /// Finished commands; the last one is the command the line ends in.
    var commands: [[String]] = [[]]
    /// The quote still open at the end, if any.
    var openQuote: Character?
    /// Whether the line ends inside a word (the partial word is the last command's last word).
    var endsInWord = false
  }

  /// Splits `line` leniently: an unterminated quote ends the last word.
  static func scan(_ line: String) -> Scan {
    var result = Scan()
    var word = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    func finishWord() {
      if inWord { result.commands[result.commands.count - 1].append(word) }
      word = ""
      inWord = false
    }
    loop: for ch in line {
      if escaped {
        word.append(ch)
        escaped = false
        continue
      }
      if let q = quote {
        if ch == q {
          quote = nil
        } else if ch == "\\" && q == "\"" {
          escaped = true
        } else {
          word.append(ch)
        }
        continue
      }
      switch ch {
      case " ", "\t", "\r", "\n":
        finishWord()
      case ";":
        finishWord()
        result.commands.append([])
      case "#" where !inWord:
        break loop
      case "'", "\"":
        quote = ch
        inWord = true
      case "\\":
        escaped = true
        inWord = true
      default:
        word.append(ch)
        inWord = true
      }
    }
    result.openQuote = quote
    result.endsInWord = inWord
    finishWord()
    return result
  }

  /// `word` quoted so that the scanner reads it back unchanged.
  ///
  /// Words made only of letters, digits and `-_./:+=,@%` stay bare; others go in single
  /// quotes (a single quote inside is written `'\''`).
  public static func quoted(_ word: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:+=,@%")
    if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) && word.first != "#" {
      return word
    }
    return "'" + word.split(separator: "'", omittingEmptySubsequences: false)
      .joined(separator: "'\\''") + "'"
  }

  /// Words joined into a command line that scans back to the same words.
  public static func line(_ words: [String]) -> String {
    words.map(quoted).joined(separator: " ")
  }
}

/// Physical lines joined into logical ones: a line ending in an unescaped backslash continues
/// on the next, joined by one blank.
public struct LogicalLines: Sequence, IteratorProtocol {
  private var physical: [Substring]
  private var index = 0

  /// The logical lines of `text`.
  public init(_ text: String) {
    // "\r\n" is one Character: split on it too, or a CRLF script would be one line.
    physical = text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    if physical.last == "" { physical.removeLast() }
  }

  /// Whether `line` asks to be continued on the next one.
  public static func continues(_ line: some StringProtocol) -> Bool {
    var count = 0
    for ch in line.reversed() {
      guard ch == "\\" else { break }
      count += 1
    }
    return count % 2 == 1
  }

  /// Each element is the logical line and the 1-based number of its first physical line.
  public mutating func next() -> (line: String, number: Int)? {
    guard index < physical.count else { return nil }
    let number = index + 1
    var first = physical[index]
    if first.hasSuffix("\r") { first = first.dropLast() }
    var text = String(first)
    index += 1
    while LogicalLines.continues(text) && index < physical.count {
      text.removeLast()
      var next = physical[index]
      if next.hasSuffix("\r") { next = next.dropLast() }
      text += " " + next
      index += 1
    }
    if LogicalLines.continues(text) { text.removeLast() }
    return (text, number)
  }
}
