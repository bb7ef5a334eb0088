// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore

/// Game files on disk: reading (with UTF-8 checking and dispatch on the file type) and atomic
/// writing.
public enum GameFile {
  /// A game read from a file of either kind.
  public enum Game: Sendable, Hashable {
    /// A strategic-form game (`.nfg`).
    case normalForm(NormalFormGame<Rational>)
    /// An extensive-form game (`.efg`).
    case extensiveForm(ExtensiveFormGame<Rational>)
  }

  /// Reads a game from disk, choosing the reader by the file's extension (`.nfg` or `.efg`,
  /// any case; `.yaml` or `.yml` with `parley: game`, a ``StrategicGameFile``, or with
  /// `parley: tree`, a ``TreeFile``, read at its parameters' values) or, for other names, by
  /// the first word of the file (`NFG` or `EFG`).
  ///
  /// - Parameters:
  ///   - url: the file.
  ///   - limits: the memory budget (checked against a strategic form's declared size before
  ///     its payoff table is allocated).
  /// - Throws: `GameFileError` when the file cannot be read, is not valid UTF-8 (located at
  ///   the first bad byte), is of an unknown kind, or does not parse.
  public static func read(
    contentsOf url: URL, limits: ResourceLimits = .default
  ) throws(GameFileError) -> Game {
    let path = url.path
    let bytes = try contents(of: url)
    return try withValidUTF8(bytes, path: path) { (buffer) throws(GameFileError) in
      var kind = url.pathExtension.lowercased()
      if kind == "yaml" || kind == "yml" {
        // A parametric strategic-form game (StrategicGameFile), at its stated values.
        let text = String(decoding: buffer, as: UTF8.self)
        if StrategicGameFile.isGame(text) {
          return .normalForm(try StrategicGameFile.parse(text, path: path))
        }
        // A parametric game tree (TreeFile), at its stated values.
        if TreeFile.isTree(text) {
          return .extensiveForm(try TreeFile.parse(text, path: path))
        }
      }
      if kind != "nfg" && kind != "efg" {
        let s = try GambitScanner(bytes: buffer, path: path)
        if s.isWord(s.current, "NFG") {
          kind = "nfg"
        } else if s.isWord(s.current, "EFG") {
          kind = "efg"
        } else {
          throw s.expected("\"NFG\" or \"EFG\" (the file is neither an .nfg nor an .efg file)")
        }
      }
      if kind == "nfg" {
        return .normalForm(try NFGFile.read(utf8: buffer, path: path, limits: limits))
      }
      return .extensiveForm(try EFGFile.read(utf8: buffer, path: path))
    }
  }

  /// Reads a game from the file at `path`; see ``read(contentsOf:limits:)``.
  public static func read(
    path: String, limits: ResourceLimits = .default
  ) throws(GameFileError) -> Game {
    try read(contentsOf: URL(fileURLWithPath: path), limits: limits)
  }

  /// Reads a strategic-form (`.nfg`) game from disk.
  ///
  /// - Throws: `GameFileError` when the file cannot be read, is not valid UTF-8 (located at
  ///   the first bad byte), or does not parse.
  public static func readNormalForm(
    contentsOf url: URL, limits: ResourceLimits = .default
  ) throws(GameFileError) -> NormalFormGame<Rational> {
    let path = url.path
    let bytes = try contents(of: url)
    return try withValidUTF8(bytes, path: path) { (buffer) throws(GameFileError) in
      try NFGFile.read(utf8: buffer, path: path, limits: limits)
    }
  }

  /// Reads an extensive-form (`.efg`) game from disk.
  ///
  /// - Throws: `GameFileError` when the file cannot be read, is not valid UTF-8, or does not
  ///   parse.
  public static func readExtensiveForm(
    contentsOf url: URL
  ) throws(GameFileError) -> ExtensiveFormGame<Rational> {
    let path = url.path
    let bytes = try contents(of: url)
    return try withValidUTF8(bytes, path: path) { (buffer) throws(GameFileError) in
      try EFGFile.read(utf8: buffer, path: path)
    }
  }

  /// Writes `text` to `url` atomically: the text goes to a new temporary file in the same
  /// folder, which is flushed to disk and then renamed over `url`, so readers see either the
  /// old file or the complete new one. A replaced file keeps its permissions; a new one gets
  /// mode 0644.
  ///
  /// - Throws: `GameFileError` (with line 0) when the file cannot be created or renamed.
  public static func write(_ text: String, to url: URL) throws(GameFileError) {
    let path = url.path
    let folder = url.deletingLastPathComponent().path
    let name = url.lastPathComponent
    var template = Array(
      "\(folder.isEmpty ? "." : folder)/.\(name).XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw GameFileError(path: path, line: 0, column: 0,
        message: "cannot create a temporary file next to it: \(String(cString: strerror(errno)))")
    }
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    func fail(_ what: String) -> GameFileError {
      let reason = String(cString: strerror(errno))
      close(fd)
      unlink(temporary)
      return GameFileError(path: path, line: 0, column: 0, message: "\(what): \(reason)")
    }
    var utf8 = Array(text.utf8)
    var written = 0
    while written < utf8.count {
      let r = utf8.withUnsafeMutableBytes { buffer in
        Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
      }
      if r < 0 {
        if errno == EINTR { continue }
        throw fail("cannot write")
      }
      written += r
    }
    utf8 = []
    // mkstemp creates the file with mode 0600: keep an existing file's mode, else use 0644.
    var existing = stat()
    let mode = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
    if fchmod(fd, mode) != 0 { throw fail("cannot set permissions") }
    if fsync(fd) != 0 { throw fail("cannot flush to disk") }
    if close(fd) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw GameFileError(path: path, line: 0, column: 0, message: "cannot close: \(reason)")
    }
    if rename(temporary, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw GameFileError(path: path, line: 0, column: 0, message: "cannot replace: \(reason)")
    }
  }

  /// Writes `game` as an `.nfg` file, atomically.
  public static func write<S: GameScalar>(
    _ game: NormalFormGame<S>, to url: URL
  ) throws(GameFileError) {
    try write(NFGFile.write(game), to: url)
  }

  /// Writes `game` as an `.efg` file, atomically.
  public static func write<S: GameScalar>(
    _ game: ExtensiveFormGame<S>, to url: URL
  ) throws(GameFileError) {
    try write(EFGFile.write(game), to: url)
  }

  /// Writes `game` in its own format, atomically.
  public static func write(_ game: Game, to url: URL) throws(GameFileError) {
    switch game {
    case .normalForm(let g): try write(NFGFile.write(g), to: url)
    case .extensiveForm(let g): try write(EFGFile.write(g), to: url)
    }
  }

  // MARK: - Helpers

  /// The bytes of a file.
  static func contents(of url: URL) throws(GameFileError) -> [UInt8] {
    do {
      return [UInt8](try Data(contentsOf: url))
    } catch {
      let reason: String
      if let e = error as? CocoaError, let underlying = e.underlying as? POSIXError {
        reason = String(cString: strerror(underlying.code.rawValue))
      } else if !FileManager.default.fileExists(atPath: url.path) {
        reason = "no such file"
      } else {
        reason = "cannot be read"
      }
      throw GameFileError(path: url.path, line: 0, column: 0,
        message: "cannot read the file: \(reason)")
    }
  }

  /// Runs `body` on `bytes` after checking that they are valid UTF-8.
  static func withValidUTF8<T>(
    _ bytes: [UInt8], path: String,
    _ body: (UnsafeBufferPointer<UInt8>) throws(GameFileError) -> T
  ) throws(GameFileError) -> T {
    let result = bytes.withUnsafeBufferPointer { buffer -> Result<T, GameFileError> in
      if let bad = firstInvalidUTF8(buffer) {
        return .failure(invalidUTF8Error(buffer, at: bad, path: path))
      }
      return Result { () throws(GameFileError) in try body(buffer) }
    }
    return try result.get()
  }

  /// The offset of the first byte that is not part of a well-formed UTF-8 sequence.
  static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }

  static func invalidUTF8Error(
    _ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, path: String
  ) -> GameFileError {
    var line = 1, column = 1
    let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    var k = bom ? 3 : 0
    while k < offset {
      let b = bytes[k]
      if b == 0x0A || (b == 0x0D && !(k + 1 < offset && bytes[k + 1] == 0x0A)) {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 && !(b == 0x0D) {
        column += 1
      }
      k += 1
    }
    let hex = String(bytes[offset], radix: 16, uppercase: true)
    let byte = "0x" + (hex.count == 1 ? "0" : "") + hex
    return GameFileError(path: path, line: line, column: column,
      message: "invalid UTF-8 (byte \(byte)); the file must be UTF-8 text")
  }
}
