// SPDX-License-Identifier: GPL-3.0-or-later

/// An actor in a one-dimensional policy forecast: its capability (power on the issue), its
/// preferred position, and the salience (priority) it gives the issue.
///
/// The fields are those of the `Actor,Capability,Position,Salience` tables that published
/// datasets use (Bueno de Mesquita 1994, Table 4.1; Scholz, Calbert and Smith 2011, Table 1).
public struct PolicyActor: Sendable, Hashable {
  /// The actor's name.
  public var name: String
  /// Capability (resources, power): non-negative; only ratios matter.
  public var capability: Double
  /// The preferred position on the scale.
  public var position: Double
  /// Salience in `[0, 1]` (tables on a 0–100 scale are divided by 100 when read).
  public var salience: Double

  public init(name: String, capability: Double, position: Double, salience: Double) {
    self.name = name
    self.capability = capability
    self.position = position
    self.salience = salience
  }
}

/// What a forecast computed: the positions after every round, with the weighted mean and
/// median, the risk exponents and the moves actors made.
public struct ForecastResult: Sendable {
  /// One bilateral move accepted by an actor in a round.
  public struct Move: Sendable, Hashable {
    /// How the receiver moved, from its own point of view (Bueno de Mesquita 1994, Fig. 4.1).
    public enum Kind: String, Sendable, Hashable {
      /// Both expect to gain, the other more: the receiver expects to lose a confrontation
      /// and moves to the other's position.
      case confrontation
      /// The other expects to gain more than the receiver expects to lose: the receiver
      /// moves part of the way, in proportion to the ratio of the two.
      case compromise
      /// The receiver expects to lose more than the other gains: it gives in fully.
      case capitulation
    }

    /// The actor that moved.
    public var receiver: Int
    /// The actor whose proposal it accepted.
    public var sender: Int
    /// The kind of move.
    public var kind: Kind
    /// The receiver's position before the round.
    public var from: Double
    /// Its position after the round.
    public var to: Double

    public init(receiver: Int, sender: Int, kind: Kind, from: Double, to: Double) {
      self.receiver = receiver
      self.sender = sender
      self.kind = kind
      self.from = from
      self.to = to
    }
  }

  /// The state after one round (round 0 is the input).
  public struct Round: Sendable, Hashable {
    /// The round number, from 0.
    public var number: Int
    /// Every actor's position.
    public var positions: [Double]
    /// The capability-and-salience weighted mean position.
    public var mean: Double
    /// The weighted median position (the position that wins every pairwise vote).
    public var median: Double
    /// The risk exponents used in this round (all 1 in round 0).
    public var riskExponents: [Double]
    /// The moves made in this round.
    public var moves: [Move]

    public init(
      number: Int, positions: [Double], mean: Double, median: Double,
      riskExponents: [Double], moves: [Move]
    ) {
      self.number = number
      self.positions = positions
      self.mean = mean
      self.median = median
      self.riskExponents = riskExponents
      self.moves = moves
    }
  }

  /// The actors, as given.
  public var actors: [PolicyActor]
  /// Rounds 0 through the last.
  public var rounds: [Round]
  /// The method's short name, `"bdm"`.
  public var method: String
  /// The options the model ran with, as text.
  public var parameters: [String: String]
  /// How the run ended.
  public var status: SolverStatus
  /// Remarks on the run.
  public var notes: [String]

  public init(
    actors: [PolicyActor], rounds: [Round], method: String, parameters: [String: String],
    status: SolverStatus = .complete, notes: [String] = []
  ) {
    self.actors = actors
    self.rounds = rounds
    self.method = method
    self.parameters = parameters
    self.status = status
    self.notes = notes
  }
}
