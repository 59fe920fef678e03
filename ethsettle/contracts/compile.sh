#!/bin/sh
# compile.sh compiles the contracts with the pinned npm package solc (see
# package.json) into build/<Name>.abi and build/<Name>.bin. It is run by
# go generate (gen.go); its outputs and the Go bindings are committed, so
# go build and go test need neither npm nor solc.
set -eu
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/solcjs ]; then
	npm ci --no-audit --no-fund
fi
rm -rf build.tmp
mkdir -p build build.tmp
node_modules/.bin/solcjs --optimize --optimize-runs 200 \
	--abi --bin -o build.tmp SmartSharing.sol ReentrancyAttacker.sol
for name in SmartSharing ReentrancyAttacker; do
	for ext in abi bin; do
		mv "build.tmp/${name}_sol_${name}.${ext}" "build/${name}.${ext}"
	done
done
rm -rf build.tmp
