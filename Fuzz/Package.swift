// swift-tools-version: 6.1
//
// libFuzzer targets for Parley's readers and its command language. A separate package, so
// that the main package's `swift build --build-tests` never sees an executable without a
// `main`. Build and run through `make fuzz` (see Fuzz/README.md).
// SPDX-License-Identifier: GPL-3.0-or-later

import PackageDescription

let package = Package(
  name: "ParleyFuzz",
  dependencies: [
    .package(name: "Parley", path: ".."),
    // The REPL target looks commands up by name itself (see fuzzREPL).
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    /// One binary for every reader; `PARLEY_FUZZ_TARGET` chooses which one an input goes to.
    .executableTarget(
      name: "ParleyFuzz",
      dependencies: [
        .product(name: "GameCore", package: "Parley"),
        .product(name: "GameFiles", package: "Parley"),
        .product(name: "ParleyCLI", package: "Parley"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ])
  ]
)
