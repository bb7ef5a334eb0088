// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Synchronization
import Testing
import _TestSupport

@testable import ParleyCLI

/// `parley repl --protocol` (the session behind the Jupyter kernel), driven in-process: the
/// replies are parsed back from their JSON lines. (The kernel itself is tested from Python
/// with jupyter_client: Tests/Kernel/test_kernel.py.)
@Suite(.serialized) struct KernelServerTests {
  final class Replies: Sendable {
    private let lines = Mutex([String]())
    var send: @Sendable (String) -> Void { { line in self.lines.withLock { $0.append(line) } } }
    var objects: [[String: Any]] {
      lines.withLock { $0 }.map {
        try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
      }
    }
  }

  func kernel() -> (KernelSession, Replies) {
    let replies = Replies()
    return (KernelSession(send: replies.send, directory: Fixtures.repositoryRoot), replies)
  }

  @Test func aCellRunsInOneSessionAndShowsTheResultAsHTML() {
    var (session, replies) = kernel()
    session.handle(requestLine: #"{"id": 7, "code": "load Models/games/chicken.nfg as c\n"#
      + #"set decimals 2; solve c"}"#)
    let objects = replies.objects
    #expect(objects.allSatisfy { $0["id"] as? Int == 7 })
    #expect(objects.map { $0["type"] as? String } == ["display", "display", "done"])
    let table = objects[1]["data"] as? [String: String] ?? [:]
    #expect(table["text/html"]?.contains("<table>") == true)
    #expect(table["text/plain"]?.contains("equilibria") == true)
    #expect(objects[2]["status"] as? String == "ok")
    // The session keeps what the cell did.
    #expect(session.runner.session.item(named: "c") != nil)
    #expect(session.runner.session.parameters.decimals == 2)
  }

  @Test func aFailingCommandEndsTheCellWithItsMessage() {
    var (session, replies) = kernel()
    session.handle(requestLine: #"{"id": "a", "code": "solve nowhere.nfg\nlist"}"#)
    let objects = replies.objects
    #expect(objects.map { $0["type"] as? String } == ["error", "done"])
    #expect(objects[0]["command"] as? String == "solve nowhere.nfg")
    #expect((objects[0]["message"] as? String)?.contains("nowhere.nfg") == true)
    #expect(objects[1]["status"] as? String == "error")
  }

  @Test func figuresAreSVGAndOtherFormatsStayText() {
    let svg = KernelDisplay.bundle(
      text: "<?xml version=\"1.0\"?>\n<svg><title>A &amp; B</title></svg>\n", results: [],
      words: ["sweep"])
    #expect(svg["image/svg+xml"] != nil && svg["text/plain"] == "[figure: A & B]\n")
    let csv = KernelDisplay.bundle(text: "a,b\n", results: [], words: ["solve", "-f", "csv"])
    #expect(csv == ["text/plain": "a,b\n"])
    #expect(KernelDisplay.options(["solve", "--format", "markdown", "-o", "x.md"]) == (
      "markdown", true))
  }

  @Test func completionAndInspectionUseTheSession() throws {
    var (session, replies) = kernel()
    session.handle(requestLine: #"{"id": 1, "code": "load Models/games/stag-hunt.nfg as hunt"}"#)
    session.handle(requestLine: #"{"id": 2, "complete": "solve hu", "cursor": 8}"#)
    session.handle(requestLine: #"{"id": 3, "inspect": "negotiate x.yaml", "cursor": 4}"#)
    session.handle(requestLine: #"{"id": 4, "inspect": "nonsense", "cursor": 2}"#)
    let objects = replies.objects.filter { ($0["id"] as? Int ?? 0) > 1 }
    #expect(objects[0]["matches"] as? [String] == ["hunt"])
    #expect(objects[0]["cursor_start"] as? Int == 6 && objects[0]["cursor_end"] as? Int == 8)
    #expect((objects[1]["text"] as? String)?.contains("EXAMPLE:") == true)
    #expect(objects[2]["found"] as? Bool == false)
  }

  @Test func quitIsRefusedAndMalformedRequestsAnswered() {
    var (session, replies) = kernel()
    session.handle(requestLine: #"{"id": 1, "code": "quit"}"#)
    session.handle(requestLine: "not json")
    let types = replies.objects.map { $0["type"] as? String }
    #expect(types == ["error", "done", "protocol-error"])
  }
}
