// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// What a shard file says about the run it belongs to: the whole (unsharded) command, the
/// model it read, and which part of the run it holds.
///
/// Two shards belong to the same run when everything but ``shard``, ``expected``,
/// ``computed``, ``status`` and ``seconds`` agrees (``ShardSet/load(directory:as:)`` checks).
public struct ShardHeader: Codable, Sendable, Hashable {
  /// Always ``ShardHeader/formatName``.
  public var format: String
  /// The layout's version, ``ShardHeader/currentFormatVersion``.
  public var formatVersion: Int
  /// The Parley version that computed the shard.
  public var parleyVersion: String
  /// What was run: `sweep` or `sample`.
  public var kind: String
  /// The words of the whole command, starting with its name (`sample`, the model, `2000`,
  /// …), without `--shard` and the cluster options.
  public var command: [String]
  /// ``command`` as a shell would read it back, prefixed with `parley`.
  public var commandLine: String
  /// The working directory the command ran in (a relative model path is read from there).
  public var directory: String
  /// The model file, as the command named it.
  public var model: String
  /// The SHA-256 of the model file's bytes (64 lower-case hexadecimal digits).
  public var modelSHA256: String
  /// The run's parameters, exact (`"nk_patience": "9/10"`, `"draws": "2000"`, …).
  public var parameters: [String: String]
  /// The seed of the random draws (a sample's), as decimal text.
  public var seed: String?
  /// This shard's number K, from 1.
  public var shard: Int
  /// The number of shards N.
  public var shards: Int
  /// The number of points or draws in the whole run.
  public var total: Int
  /// The number of points or draws in this shard (those `i` with `i mod N = K − 1`).
  public var expected: Int
  /// The number this shard holds.
  public var computed: Int
  /// `complete`, or why the shard stopped early.
  public var status: String
  /// Seconds the shard took.
  public var seconds: Double

  public static let formatName = "parley-shard"
  public static let currentFormatVersion = 1

  public init(
    kind: String, command: [String], commandLine: String, directory: String, model: String,
    modelSHA256: String, parameters: [String: String], seed: String?, shard: Int, shards: Int,
    total: Int, expected: Int, computed: Int, status: String, seconds: Double,
    parleyVersion: String
  ) {
    self.format = Self.formatName
    self.formatVersion = Self.currentFormatVersion
    self.parleyVersion = parleyVersion
    self.kind = kind
    self.command = command
    self.commandLine = commandLine
    self.directory = directory
    self.model = model
    self.modelSHA256 = modelSHA256
    self.parameters = parameters
    self.seed = seed
    self.shard = shard
    self.shards = shards
    self.total = total
    self.expected = expected
    self.computed = computed
    self.status = status
    self.seconds = seconds
  }

  /// Whether the shard holds every point or draw it should.
  public var isComplete: Bool { status == "complete" && computed == expected }

  /// The first field on which `self` and `other` disagree as parts of one run, described
  /// (`"its model SHA-256 is 3f2a…"`), or `nil` when they agree.
  public func mismatch(with other: ShardHeader) -> String? {
    func short(_ s: String) -> String { String(s.prefix(12)) + "…" }
    if format != other.format || formatVersion != other.formatVersion {
      return "its format is \(format) \(formatVersion), not \(other.format) \(other.formatVersion)"
    }
    if parleyVersion != other.parleyVersion {
      return "it was computed by Parley \(parleyVersion), not \(other.parleyVersion)"
    }
    if kind != other.kind { return "it holds a \(kind), not a \(other.kind)" }
    if modelSHA256 != other.modelSHA256 {
      return "its model SHA-256 is \(short(modelSHA256)), not \(short(other.modelSHA256))"
    }
    if shards != other.shards { return "it is one of \(shards) shards, not \(other.shards)" }
    if total != other.total { return "its run has \(total) points or draws, not \(other.total)" }
    if seed != other.seed {
      return "its seed is \(seed ?? "none"), not \(other.seed ?? "none")"
    }
    if parameters != other.parameters {
      let keys = Set(parameters.keys).union(other.parameters.keys).sorted()
      let key = keys.first { parameters[$0] != other.parameters[$0] }!
      return "its parameter \(key) is \(parameters[key] ?? "unset"), not "
        + (other.parameters[key] ?? "unset")
    }
    if command != other.command {
      return "its command is '\(commandLine)', not '\(other.commandLine)'"
    }
    return nil
  }
}

/// A record of a shard: one point of a sweep or one draw of a sample, with its index in the
/// whole run.
public protocol ShardRecord: Codable, Sendable {
  /// The point's or draw's number in the whole run, from 0.
  var index: Int { get }
}

/// One shard of a sweep or Monte Carlo run: a header and the records it computed.
///
/// The file is JSON (keys sorted, two-space indentation), named
/// ``ShardFileName/make(shard:of:)`` (`shard-0003-of-0016.json`); exact numbers are text
/// (`"3/4"`), drawn values are the shortest decimal that reads back as the same `Double`.
public struct ShardFile<Record: ShardRecord>: Codable, Sendable {
  public var header: ShardHeader
  public var records: [Record]

  public init(header: ShardHeader, records: [Record]) {
    self.header = header
    self.records = records
  }

  /// The file's JSON text (ends with a newline).
  public func encoded() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}

/// Shard file names: `shard-0003-of-0016.json`.
public enum ShardFileName {
  /// The name of shard `k` of `n`.
  public static func make(shard k: Int, of n: Int) -> String {
    let width = max(4, String(n).count)
    func pad(_ x: Int) -> String {
      let s = String(x)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "shard-\(pad(k))-of-\(pad(n)).json"
  }

  /// `(k, n)` when `name` has the shape `shard-K-of-N.json`, else `nil`.
  public static func parse(_ name: String) -> (shard: Int, of: Int)? {
    guard name.hasPrefix("shard-"), name.hasSuffix(".json") else { return nil }
    let middle = name.dropFirst(6).dropLast(5)
    let parts = middle.components(separatedBy: "-of-")
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
    return (k, n)
  }

  /// The names in `directory` that look like shard files (`shard-*.json`), sorted.
  public static func list(in directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasPrefix("shard-") && $0.hasSuffix(".json") }.sorted()
  }
}

/// Why a folder of shards cannot be merged; ``message`` names the file (or the folder).
public struct ShardError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// The minimal part of a shard file: its header (to learn what a folder holds before
/// reading its records).
public struct ShardProbe: Decodable, Sendable {
  public var header: ShardHeader

  /// The header of the shard file at `url`.
  public static func header(at url: URL) throws(ShardError) -> ShardHeader {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw ShardError("\(url.path): cannot be read")
    }
    do {
      let probe = try JSONDecoder().decode(ShardProbe.self, from: data)
      guard probe.header.format == ShardHeader.formatName else {
        throw ShardError("\(url.path): not a Parley shard file")
      }
      return probe.header
    } catch let error as ShardError {
      throw error
    } catch {
      throw ShardError("\(url.path): not a Parley shard file (\(Self.reason(error)))")
    }
  }

  static func reason(_ error: any Error) -> String {
    switch error as? DecodingError {
    case .dataCorrupted(let c)?: return c.debugDescription
    case .keyNotFound(let key, _)?: return "no '\(key.stringValue)'"
    case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?:
      return "bad '\(c.codingPath.map(\.stringValue).joined(separator: "."))'"
    default: return "\(error)"
    }
  }
}

/// Every shard of one run, read from a folder and checked: one file per shard 1…N, all of
/// the same run, each complete; the records merged in index order.
///
/// Steps: list `shard-*.json`; read each header (a file that is not a shard is an error);
/// check each against the first (``ShardHeader/mismatch(with:)``) and against its own name;
/// refuse a second file for a shard, a missing shard or an incomplete one; read the
/// records and check each holds exactly its shard's indices; sort them by index.
///
/// - Complexity: O(total records · log total) plus reading the files.
public struct ShardSet<Record: ShardRecord>: Sendable {
  /// The first shard's header (all agree on the run).
  public var header: ShardHeader
  /// The headers, by shard number.
  public var headers: [ShardHeader]
  /// Every record of the run, in index order.
  public var records: [Record]

  /// Reads and checks the shards in `directory`.
  ///
  /// - Throws: ``ShardError`` naming the file at fault (or the folder, for a missing shard).
  public static func load(directory: URL, as: Record.Type = Record.self) throws(ShardError)
    -> ShardSet
  {
    let names: [String]
    do { names = try ShardFileName.list(in: directory) } catch {
      throw ShardError("\(directory.path): cannot be read (not a folder?)")
    }
    guard !names.isEmpty else {
      throw ShardError("\(directory.path): no shard files (shard-K-of-N.json) in it")
    }
    var first: (name: String, header: ShardHeader)?
    var byShard = [Int: (name: String, header: ShardHeader)]()
    for name in names {
      let url = directory.appendingPathComponent(name)
      let header = try ShardProbe.header(at: url)
      if let first, let why = header.mismatch(with: first.header) {
        throw ShardError("\(url.path): mismatched shard: \(why) as in \(first.name)")
      }
      first = first ?? (name, header)
      guard (1...max(1, header.shards)).contains(header.shard) else {
        throw ShardError("\(url.path): shard \(header.shard) of \(header.shards) is impossible")
      }
      if let named = ShardFileName.parse(name),
        named.shard != header.shard || named.of != header.shards
      {
        throw ShardError(
          "\(url.path): its name says shard \(named.shard) of \(named.of), but it holds "
            + "shard \(header.shard) of \(header.shards)")
      }
      if let other = byShard[header.shard] {
        throw ShardError(
          "\(url.path): duplicate of shard \(header.shard) of \(header.shards) (also in "
            + "\(other.name))")
      }
      guard header.isComplete else {
        throw ShardError(
          "\(url.path): incomplete shard: \(header.computed) of \(header.expected) computed "
            + "(\(header.status)); run it again")
      }
      byShard[header.shard] = (name, header)
    }
    let reference = first!.header
    let missing = (1...reference.shards).filter { byShard[$0] == nil }
    if let k = missing.first {
      let list = missing.prefix(10).map(String.init).joined(separator: ", ")
      throw ShardError(
        "\(directory.appendingPathComponent(ShardFileName.make(shard: k, of: reference.shards)).path): "
          + "missing (\(missing.count) of \(reference.shards) shards missing: \(list)"
          + (missing.count > 10 ? ", …" : "") + ")")
    }
    var records = [Record]()
    records.reserveCapacity(reference.total)
    for k in 1...reference.shards {
      let (name, header) = byShard[k]!
      let url = directory.appendingPathComponent(name)
      let file: ShardFile<Record>
      do {
        file = try JSONDecoder().decode(ShardFile<Record>.self, from: Data(contentsOf: url))
      } catch {
        throw ShardError("\(url.path): not a \(reference.kind) shard (\(ShardProbe.reason(error)))")
      }
      let wanted = Array(stride(from: k - 1, to: reference.total, by: reference.shards))
      let held = file.records.map(\.index)
      guard held == wanted, header.expected == wanted.count else {
        let stray = held.first { !wanted.contains($0) }
        throw ShardError(
          "\(url.path): "
            + (stray.map { "holds index \($0), which is not in shard \(k) of \(reference.shards)" }
              ?? "holds \(held.count) records, shard \(k) of \(reference.shards) has "
              + "\(wanted.count)"))
      }
      records += file.records
    }
    records.sort { $0.index < $1.index }
    return ShardSet(
      header: reference, headers: (1...reference.shards).map { byShard[$0]!.header },
      records: records)
  }
}
