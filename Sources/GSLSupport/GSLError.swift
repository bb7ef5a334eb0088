// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

/// A GSL status code other than `GSL_SUCCESS`, as a Swift error.
///
/// GSL reports failures by returning an `int` status; Parley switches GSL's default error
/// handler (which aborts the process) off once, through ``GSL/ensureInitialized()``, and maps
/// every non-zero status to this type.
public struct GSLError: RawRepresentable, Error, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: CInt
  public init(rawValue: CInt) { self.rawValue = rawValue }

  /// Generic failure. The corresponding C code is `GSL_FAILURE`.
  public static var failure: GSLError { GSLError(rawValue: CInt(GSL_FAILURE)) }
  /// Input outside the function's domain; GSL 2.7 also reports a singular LU solve this way.
  /// The corresponding C code is `GSL_EDOM`.
  public static var domain: GSLError { GSLError(rawValue: CInt(GSL_EDOM)) }
  /// Output out of range. The corresponding C code is `GSL_ERANGE`.
  public static var range: GSLError { GSLError(rawValue: CInt(GSL_ERANGE)) }
  /// Invalid argument. The corresponding C code is `GSL_EINVAL`.
  public static var invalid: GSLError { GSLError(rawValue: CInt(GSL_EINVAL)) }
  /// Singular matrix. The corresponding C code is `GSL_ESING`.
  public static var singular: GSLError { GSLError(rawValue: CInt(GSL_ESING)) }
  /// Iteration limit reached. The corresponding C code is `GSL_EMAXITER`.
  public static var maxIterations: GSLError { GSLError(rawValue: CInt(GSL_EMAXITER)) }
  /// No progress possible. The corresponding C code is `GSL_ENOPROG`.
  public static var noProgress: GSLError { GSLError(rawValue: CInt(GSL_ENOPROG)) }
  /// Matrix or vector sizes do not match. The corresponding C code is `GSL_EBADLEN`.
  public static var badLength: GSLError { GSLError(rawValue: CInt(GSL_EBADLEN)) }

  /// GSL's own text for the status (`gsl_strerror`).
  public var description: String { String(cString: gsl_strerror(rawValue)) }

  /// Throws unless `status` is `GSL_SUCCESS`.
  @usableFromInline
  static func check(_ status: CInt) throws(GSLError) {
    if status != CInt(GSL_SUCCESS) { throw GSLError(rawValue: status) }
  }
}

/// Process-wide GSL set-up.
public enum GSL {
  private static let initialized: Bool = {
    gsl_set_error_handler_off()
    return true
  }()

  /// Switches GSL's aborting error handler off; every wrapper calls this first. Idempotent.
  public static func ensureInitialized() {
    _ = initialized
  }
}
