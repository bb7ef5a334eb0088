// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameFiles
import Testing

@Suite struct CoalitionalGameFileTests {
  @Test func weightedGameWithNamesAndLayers() throws {
    let text = "players: P1, P2, P3\n# two layers\n2; 1,1,1\n1; 1,0,0\n"
    guard case .weighted(let g) = try CoalitionalGameFile.parse(text) else {
      Issue.record("expected a weighted game"); return
    }
    #expect(g.layers.count == 2 && g.playerNames == ["P1", "P2", "P3"])
    #expect(g.isWinning(Coalition([0, 1])) && !g.isWinning(Coalition([1, 2])))
  }

  @Test func characteristicFunctionNeedsItsOrder() throws {
    guard case .characteristic(let g, let order) = try CoalitionalGameFile.parse(
      "order: lex\n0, 0, 0,\n1/2 1 0.25 2\n")
    else { Issue.record("expected a characteristic function"); return }
    #expect(order == .sizeThenLexicographic)
    #expect(g.worth(of: Coalition([0, 2])) == 1 && g.worth(of: Coalition([1, 2])) == Rational(1, 4))
    do {
      _ = try CoalitionalGameFile.parse("0,0,0,1,1,1,2\n", path: "g.txt")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix("g.txt:1:1: error: state the order"))
    }
    do {
      _ = try CoalitionalGameFile.parse("order: lex\n1, 2, 3, 4\n", path: "g.txt")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("2^n - 1 values"))
    }
  }

  @Test func commandLineNotation() throws {
    let g = try WeightedVotingText.parse("39; 7x5, 1x10")
    #expect(g.layers[0].weights.count == 15 && g.layers[0].quota == 39)
    let h = try WeightedVotingText.parse("[9; 1x15] & [5; 1x5, 0x10]")
    #expect(h.layers.count == 2)
    #expect(throws: SolverError.self) { try WeightedVotingText.parse("-3; 1, 2") }
    #expect(throws: SolverError.self) { try WeightedVotingText.parse("3, 1, 2") }
  }

  /// `7x5` stands for five weights: the total over all layers is bounded before the weights
  /// are stored (a short text could otherwise ask for gigabytes), and errors quoting the
  /// text stay on one line.
  @Test func repeatedWeightsAreBoundedAndErrorsStayOnOneLine() throws {
    let half = WeightedVotingText.maxWeights / 2
    #expect(try WeightedVotingText.parse("1; 1x\(half), 1x\(half)").playerCount
      == WeightedVotingText.maxWeights)
    for text in ["1; 1x\(half), 1x\(half), 1", "1; 1x\(half + 1) & 1; 1x\(half + 1)"] {
      do {
        _ = try WeightedVotingText.parse(text)
        Issue.record("\(text) should be refused")
      } catch {
        #expect(error.isLimitExceeded, "\(text)")
      }
    }
    do {
      _ = try CoalitionalGameFile.parse("1; 1x\(half + 1)\n1; 1x\(half + 1)\n", path: "g.txt")
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 2 && error.message.contains("more than"))
    }
    for text in ["3;\n1 & x", "3\n; 1\n2", "x\r\n; 1", "3; 1x\n2"] {
      do {
        _ = try WeightedVotingText.parse(text)
        Issue.record("\(text.debugDescription) should not parse")
      } catch {
        #expect(!error.reason.contains("\n") && !error.reason.contains("\r"), "\(error.reason)")
      }
    }
  }

  /// Files with CRLF line ends read like LF files ("\r\n" is a single Character in Swift):
  /// the line-based readers (coalitional games, bargaining problems, actor tables).
  @Test func crlfLineEnds() throws {
    guard case .weighted(let g) = try CoalitionalGameFile.parse(
      "# council\r\nplayers: A, B, C\r\n3; 1, 2, 2\r\n")
    else { Issue.record("not a weighted game"); return }
    #expect(g.playerNames == ["A", "B", "C"])
    let b = try BargainingFile.parse(
      "players: Ann Bob\r\ndisagreement: 0 0\r\ndeal a: 4 1\r\ndeal b: 1 4\r\n")
    #expect(b.problem.dealNames == ["a", "b"])
    let actors = try ActorTable.parse(
      "Actor,Capability,Position,Salience\r\nA,1,2,50\r\nB,1,3,60\r\n")
    #expect(actors.map(\.name) == ["A", "B"])
    #expect(actors.map(\.salience) == [0.5, 0.6])
    #expect(throws: BargainingFile.ReadError.self) {
      try BargainingFile.parse("disagreement: 0 0\r\ndeal a: 4 x\r\n")
    }
  }
}

extension CoalitionalGameFileTests {
  /// Worth lines are read on bytes (the fast path): integers, signs, fractions, decimals,
  /// comments and CRLF ends give the same worths as the general reader; a bad token is an
  /// error with its line.
  @Test func worthLinesReadOnBytes() throws {
    let text = "order: bitmask\r\n-3, +4 1/2\t0.25 # three\r\n-7/4,\r\n  1000000000000000000 2 # end\r\n"
    guard case .characteristic(let g, _) = try CoalitionalGameFile.parse(text) else {
      Issue.record("expected a characteristic function"); return
    }
    let expected: [Rational] = [
      -3, 4, Rational(1, 2), Rational(1, 4), Rational(-7, 4),
      Rational(1_000_000_000_000_000_000), 2,
    ]
    // 7 worths: three players.
    #expect(g.playerCount == 3)
    #expect(Array(g.worths.dropFirst()) == expected)
    for bad in ["1, 2, 3-, 4, 5, 6, 7", "1, 2, --3, 4, 5, 6, 7", "1, 2, /, 4, 5, 6, 7"] {
      do {
        _ = try CoalitionalGameFile.parse("order: bitmask\n\(bad)\n", path: "g.txt")
        Issue.record("expected an error for \(bad)")
      } catch {
        #expect(error.description.hasPrefix("g.txt:2:1: error: expected a number"))
      }
    }
  }
}
