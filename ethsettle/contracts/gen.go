// Package contracts holds the Solidity sources of ethsettle's contracts, their
// compiled ABI and bytecode (build/) and the Go bindings generated from them
// with go-ethereum's abigen (v2 bindings).
//
// Regenerate with go generate ./contracts (from the ethsettle folder): it
// runs compile.sh, which compiles with the npm package solc pinned in
// package.json (0.8.30, optimiser on, 200 runs, default EVM version prague),
// then abigen. The generated files are committed, so go build and go test need
// neither npm nor solc.
//
// SmartSharing.sol is the settlement contract; ReentrancyAttacker.sol exists
// only for the re-entrancy test.
package contracts

//go:generate sh compile.sh
//go:generate go tool abigen --v2 --abi build/SmartSharing.abi --bin build/SmartSharing.bin --pkg contracts --type SmartSharing --out smartsharing.go
//go:generate go tool abigen --v2 --abi build/ReentrancyAttacker.abi --bin build/ReentrancyAttacker.bin --pkg contracts --type ReentrancyAttacker --out reentrancyattacker.go
