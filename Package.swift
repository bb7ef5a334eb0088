// swift-tools-version: 6.1
//
// Parley: a negotiation and arbitration game-theory workbench.
// SPDX-License-Identifier: GPL-3.0-or-later

import PackageDescription

let package = Package(
  name: "Parley",
  products: [
    .executable(name: "parley", targets: ["parley"]),
    .library(name: "GameCore", targets: ["GameCore"]),
    .library(name: "GameSolvers", targets: ["GameSolvers"]),
    .library(name: "GameFiles", targets: ["GameFiles"]),
    .library(name: "GameExport", targets: ["GameExport"]),
    .library(name: "Negotiation", targets: ["Negotiation"]),
    .library(name: "ParleyCLI", targets: ["ParleyCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // MARK: - Public modules

    /// The game models: value types only; no Foundation, no C, no I/O.
    .target(
      name: "GameCore",
      dependencies: [
        "CGMP",
        .product(name: "BigInt", package: "BigInt"),
        .product(name: "RealModule", package: "swift-numerics"),
      ]),
    /// GNU MP, for the gcd of long integers in Rational's normalisation.
    .systemLibrary(name: "CGMP", providers: [.apt(["libgmp-dev"])]),
    /// The algorithms, one per file, in folders matching GameCore's.
    .target(
      name: "GameSolvers",
      dependencies: [
        "GameCore", "LPSupport", "GSLSupport",
        .product(name: "BigInt", package: "BigInt"),
        .product(name: "RealModule", package: "swift-numerics"),
      ]),
    /// Multilateral negotiation on a deal space: frameworks (unanimity, quota, bilateral,
    /// mediation, arbitration) and incentive design.
    .target(
      name: "Negotiation",
      dependencies: ["GameCore", "GameSolvers", "LPSupport", "GSLSupport"]),
    /// Readers and writers for game files (Gambit .nfg / .efg) and Parley's model formats
    /// (YAML through Yams).
    .target(
      name: "GameFiles",
      dependencies: ["GameCore", .product(name: "Yams", package: "Yams")]),
    /// Equilibrium tables rendered as text, JSON, CSV, Markdown and LaTeX.
    .target(name: "GameExport", dependencies: ["GameCore"]),
    /// The command tree shared by one-shot commands and the REPL.
    .target(
      name: "ParleyCLI",
      dependencies: [
        "GameCore", "GameSolvers", "GameFiles", "GameExport", "Negotiation", "CEdit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "parley", dependencies: ["ParleyCLI"]),

    // MARK: - Implementation details

    .systemLibrary(
      name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
    .target(name: "GSLSupport", dependencies: ["CGSL"]),
    .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
    /// libedit's readline interface, for the REPL's line editing and history.
    .systemLibrary(name: "CEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
    .target(
      name: "LPSupport",
      dependencies: ["GameCore", "CGLPK", .product(name: "BigInt", package: "BigInt")]),

    // MARK: - Tests

    .target(
      name: "_TestSupport", dependencies: ["GameCore", "GameFiles"], path: "Tests/_TestSupport"),
    .testTarget(
      name: "GameCoreTests",
      dependencies: [
        "GameCore", "_TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
    .testTarget(
      name: "GameSolversTests",
      dependencies: [
        "GameCore", "GameSolvers", "GameFiles", "LPSupport", "GSLSupport", "_TestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
    .testTarget(
      name: "GameFilesTests", dependencies: ["GameCore", "GameFiles", "_TestSupport"],
      exclude: ["Malformed"]),
    .testTarget(
      name: "GameExportTests", dependencies: ["GameCore", "GameExport", "_TestSupport"],
      resources: [.copy("Golden")]),
    .testTarget(
      name: "NegotiationTests",
      dependencies: [
        "GameCore", "GameSolvers", "GameFiles", "Negotiation", "LPSupport", "_TestSupport",
      ]),
    .testTarget(
      name: "ParleyCLITests", dependencies: ["ParleyCLI", "_TestSupport"]),
  ]
)
