// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a program for a test and returns what it wrote to standard output.
///
/// Written on `posix_spawn` and `waitpid` rather than Foundation's `Process`, whose
/// `waitUntilExit` hung for good in CI after a `tmux` client had exited (the child was a
/// zombie that nobody reaped). Here the child gets `/dev/null` for standard input and
/// standard error (a test never waits on the terminal or on the CI runner's pipe), an empty
/// signal mask and default handlers (a test thread's blocked signals are not passed on), and
/// a deadline: past it the child is killed and `ChildProcess.Failure.timedOut` thrown.
public enum ChildProcess {
  public enum Failure: Error, CustomStringConvertible {
    case cannotStart(String, Int32)
    case timedOut(String, Double)
    public var description: String {
      switch self {
      case .cannotStart(let p, let e): "cannot start \(p): \(String(cString: strerror(e)))"
      case .timedOut(let p, let s): "\(p) did not finish within \(s) s; killed"
      }
    }
  }

  /// Runs `executable` with `arguments`; returns its exit status and standard output.
  public static func run(
    _ executable: String, _ arguments: [String], timeout seconds: Double = 30
  ) throws -> (status: Int32, output: String) {
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { throw Failure.cannotStart(executable, errno) }
    let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, readEnd)
    posix_spawn_file_actions_addclose(&actions, writeEnd)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
    close(writeEnd)
    guard spawned == 0 else {
      close(readEnd)
      throw Failure.cannotStart(executable, spawned)
    }

    // Read until end of file or the deadline; a daemon the child leaves behind (the tmux
    // server) may keep the pipe open, so the child's exit also ends the reading.
    let deadline = Date().addingTimeInterval(seconds)
    var output = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65536)
    var status: Int32 = 0
    var exited = false
    while true {
      var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&descriptor, 1, 50)
      if ready > 0 {
        let count = read(readEnd, &buffer, buffer.count)
        if count > 0 {
          output.append(contentsOf: buffer[0..<count])
          continue
        }
        if count == 0 { break }  // end of file
        if errno != EINTR { break }
      }
      if !exited, waitpid(pid, &status, WNOHANG) == pid {
        exited = true
        // Drain what is already buffered, then stop.
        while true {
          var drain = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
          guard poll(&drain, 1, 0) > 0 else { break }
          let count = read(readEnd, &buffer, buffer.count)
          guard count > 0 else { break }
          output.append(contentsOf: buffer[0..<count])
        }
        break
      }
      if Date() > deadline {
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        close(readEnd)
        throw Failure.timedOut(executable, seconds)
      }
    }
    close(readEnd)
    while !exited {
      let reaped = waitpid(pid, &status, WNOHANG)
      if reaped == pid { exited = true; break }
      if reaped < 0 && errno != EINTR { break }
      if Date() > deadline {
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        throw Failure.timedOut(executable, seconds)
      }
      usleep(10_000)
    }
    let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (exitStatus, String(decoding: output, as: UTF8.self))
  }
}
