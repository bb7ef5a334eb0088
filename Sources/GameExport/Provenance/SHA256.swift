// SPDX-License-Identifier: GPL-3.0-or-later

/// The SHA-256 digest of a byte string, for recording which model file produced a table.
///
/// Follows FIPS 180-4 (NIST 2015), §5.1.1 (padding), §6.2.2 (the hash computation) and
/// §4.2.2 / §5.3.3 (the constants):
/// 1. Pad the message with a 1 bit, zero bits up to 448 mod 512 bits, and the message length
///    in bits as a 64-bit big-endian integer.
/// 2. For each 512-bit block, expand its sixteen 32-bit words into the 64-word schedule
///    Wₜ = σ₁(Wₜ₋₂) + Wₜ₋₇ + σ₀(Wₜ₋₁₅) + Wₜ₋₁₆.
/// 3. Run the 64 rounds of the compression function on the working variables a…h and add the
///    result into the hash value H.
/// 4. The digest is H₀…H₇, big-endian.
///
/// Written here rather than taken from swift-crypto, whose Linux build pulls in BoringSSL, for
/// one hash of a small file per export. Not constant-time; not for secrets.
///
/// - Complexity: O(n) for n bytes.
public enum SHA256 {
  /// The 32-byte digest of `bytes`.
  public static func digest<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
    var h = initialHash
    var block = [UInt8]()
    block.reserveCapacity(64)
    var w = [UInt32](repeating: 0, count: 64)
    for byte in bytes {
      block.append(byte)
      if block.count == 64 {
        compress(block, into: &h, schedule: &w)
        block.removeAll(keepingCapacity: true)
      }
    }
    // Padding (§5.1.1): 0x80, zeros to 56 mod 64 bytes, the bit length big-endian.
    let bitLength = UInt64(bytes.count) &* 8
    block.append(0x80)
    if block.count > 56 {
      while block.count < 64 { block.append(0) }
      compress(block, into: &h, schedule: &w)
      block.removeAll(keepingCapacity: true)
    }
    while block.count < 56 { block.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) {
      block.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    compress(block, into: &h, schedule: &w)
    return h.flatMap { word in
      [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> UInt32($0)) }
    }
  }

  /// The digest of `bytes` as 64 lower-case hexadecimal digits.
  public static func hexDigest<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
    let digits = Array("0123456789abcdef")
    var out = ""
    for byte in digest(bytes) {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return out
  }

  /// The digest of `text`'s UTF-8 encoding, in hexadecimal.
  public static func hexDigest(of text: String) -> String { hexDigest(Array(text.utf8)) }

  /// One application of the compression function (§6.2.2, steps 1–4) to a 64-byte block.
  private static func compress(
    _ block: [UInt8], into h: inout [UInt32], schedule w: inout [UInt32]
  ) {
    for t in 0..<16 {
      w[t] =
        UInt32(block[4 * t]) << 24 | UInt32(block[4 * t + 1]) << 16
        | UInt32(block[4 * t + 2]) << 8 | UInt32(block[4 * t + 3])
    }
    for t in 16..<64 {
      let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
      let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
      w[t] = s1 &+ w[t - 7] &+ s0 &+ w[t - 16]
    }
    var a = h[0]
    var b = h[1]
    var c = h[2]
    var d = h[3]
    var e = h[4]
    var f = h[5]
    var g = h[6]
    var hh = h[7]
    for t in 0..<64 {
      let bigS1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
      let choose = (e & f) ^ (~e & g)
      let t1 = hh &+ bigS1 &+ choose &+ roundConstants[t] &+ w[t]
      let bigS0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
      let majority = (a & b) ^ (a & c) ^ (b & c)
      let t2 = bigS0 &+ majority
      hh = g
      g = f
      f = e
      e = d &+ t1
      d = c
      c = b
      b = a
      a = t1 &+ t2
    }
    h[0] &+= a
    h[1] &+= b
    h[2] &+= c
    h[3] &+= d
    h[4] &+= e
    h[5] &+= f
    h[6] &+= g
    h[7] &+= hh
  }

  private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }

  /// H⁽⁰⁾ (§5.3.3): the first 32 bits of the fractional parts of the square roots of the
  /// first eight primes.
  private static let initialHash: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
    0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]

  /// K (§4.2.2): the first 32 bits of the fractional parts of the cube roots of the first
  /// sixty-four primes.
  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]
}
