// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package contracts

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// ReentrancyAttackerMetaData contains all meta data concerning the ReentrancyAttacker contract.
var ReentrancyAttackerMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"target_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount_\",\"type\":\"uint256\"}],\"name\":\"attack\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"fund\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentered\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentryData\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentryOK\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"target\",\"outputs\":[{\"internalType\":\"contractISmartSharing\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "ReentrancyAttacker",
	Bin: "0x60a060405234801561000f575f5ffd5b5060405161066138038061066183398101604081905261002e9161003f565b6001600160a01b031660805261006c565b5f6020828403121561004f575f5ffd5b81516001600160a01b0381168114610065575f5ffd5b9392505050565b6080516105c96100985f395f818160890152818161021701528181610277015261037101526105c95ff3fe608060405260043610610057575f3560e01c80630223c8111461016c5780633f09775e146101a057806364dd891a146101be578063b36ae5e6146101dd578063b60d4288146101fe578063d4b8399214610206575f5ffd5b366101685760015460ff1661006857005b6001805461ffff19166101001790555f805460405182916001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001691632e1a7d4d60e01b916100c39160240190815260200190565b60408051601f198184030181529181526020820180516001600160e01b03166001600160e01b031990941693909317909252905161010191906103e1565b5f604051808303815f865af19150503d805f811461013a576040519150601f19603f3d011682016040523d82523d5f602084013e61013f565b606091505b506001805462ff00001916620100008415150217905590925090506002610166828261048c565b005b5f5ffd5b348015610177575f5ffd5b5060015461018b9062010000900460ff1681565b60405190151581526020015b60405180910390f35b3480156101ab575f5ffd5b5060015461018b90610100900460ff1681565b3480156101c9575f5ffd5b506101666101d8366004610547565b610251565b3480156101e8575f5ffd5b506101f16102e3565b604051610197919061055e565b61016661036f565b348015610211575f5ffd5b506102397f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610197565b5f8190556001805460ff191681179055604051632e1a7d4d60e01b8152600481018290527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031690632e1a7d4d906024015f604051808303815f87803b1580156102c0575f5ffd5b505af11580156102d2573d5f5f3e3d5ffd5b50506001805460ff19169055505050565b600280546102f09061040b565b80601f016020809104026020016040519081016040528092919081815260200182805461031c9061040b565b80156103675780601f1061033e57610100808354040283529160200191610367565b820191905f5260205f20905b81548152906001019060200180831161034a57829003601f168201915b505050505081565b7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663d0e30db0346040518263ffffffff1660e01b81526004015f604051808303818588803b1580156103c8575f5ffd5b505af11580156103da573d5f5f3e3d5ffd5b5050505050565b5f82518060208501845e5f920191825250919050565b634e487b7160e01b5f52604160045260245ffd5b600181811c9082168061041f57607f821691505b60208210810361043d57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f82111561048757805f5260205f20601f840160051c810160208510156104685750805b601f840160051c820191505b818110156103da575f8155600101610474565b505050565b815167ffffffffffffffff8111156104a6576104a66103f7565b6104ba816104b4845461040b565b84610443565b6020601f8211600181146104ec575f83156104d55750848201515b5f19600385901b1c1916600184901b1784556103da565b5f84815260208120601f198516915b8281101561051b57878501518255602094850194600190920191016104fb565b508482101561053857868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b5f60208284031215610557575f5ffd5b5035919050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f8301168401019150509291505056fea2646970667358221220af659d831428360c06275869bdbe28615fa3c0831fbfaff3ba210edb2805c2b664736f6c634300081e0033",
}

// ReentrancyAttacker is an auto generated Go binding around an Ethereum contract.
type ReentrancyAttacker struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *ReentrancyAttacker) GetABI() abi.ABI {
	return c.abi
}

// NewReentrancyAttacker creates a new instance of ReentrancyAttacker.
func NewReentrancyAttacker() *ReentrancyAttacker {
	parsed, err := ReentrancyAttackerMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &ReentrancyAttacker{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *ReentrancyAttacker) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address target_) returns()
func (reentrancyAttacker *ReentrancyAttacker) PackConstructor(target_ common.Address) []byte {
	enc, err := reentrancyAttacker.abi.Pack("", target_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackAttack is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x64dd891a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function attack(uint256 amount_) returns()
func (reentrancyAttacker *ReentrancyAttacker) PackAttack(amount *big.Int) []byte {
	enc, err := reentrancyAttacker.abi.Pack("attack", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAttack is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x64dd891a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function attack(uint256 amount_) returns()
func (reentrancyAttacker *ReentrancyAttacker) TryPackAttack(amount *big.Int) ([]byte, error) {
	return reentrancyAttacker.abi.Pack("attack", amount)
}

// PackFund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb60d4288.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function fund() payable returns()
func (reentrancyAttacker *ReentrancyAttacker) PackFund() []byte {
	enc, err := reentrancyAttacker.abi.Pack("fund")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb60d4288.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function fund() payable returns()
func (reentrancyAttacker *ReentrancyAttacker) TryPackFund() ([]byte, error) {
	return reentrancyAttacker.abi.Pack("fund")
}

// PackReentered is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3f09775e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reentered() view returns(bool)
func (reentrancyAttacker *ReentrancyAttacker) PackReentered() []byte {
	enc, err := reentrancyAttacker.abi.Pack("reentered")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReentered is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3f09775e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reentered() view returns(bool)
func (reentrancyAttacker *ReentrancyAttacker) TryPackReentered() ([]byte, error) {
	return reentrancyAttacker.abi.Pack("reentered")
}

// UnpackReentered is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3f09775e.
//
// Solidity: function reentered() view returns(bool)
func (reentrancyAttacker *ReentrancyAttacker) UnpackReentered(data []byte) (bool, error) {
	out, err := reentrancyAttacker.abi.Unpack("reentered", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackReentryData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb36ae5e6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reentryData() view returns(bytes)
func (reentrancyAttacker *ReentrancyAttacker) PackReentryData() []byte {
	enc, err := reentrancyAttacker.abi.Pack("reentryData")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReentryData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb36ae5e6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reentryData() view returns(bytes)
func (reentrancyAttacker *ReentrancyAttacker) TryPackReentryData() ([]byte, error) {
	return reentrancyAttacker.abi.Pack("reentryData")
}

// UnpackReentryData is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb36ae5e6.
//
// Solidity: function reentryData() view returns(bytes)
func (reentrancyAttacker *ReentrancyAttacker) UnpackReentryData(data []byte) ([]byte, error) {
	out, err := reentrancyAttacker.abi.Unpack("reentryData", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackReentryOK is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0223c811.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reentryOK() view returns(bool)
func (reentrancyAttacker *ReentrancyAttacker) PackReentryOK() []byte {
	enc, err := reentrancyAttacker.abi.Pack("reentryOK")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReentryOK is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0223c811.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reentryOK() view returns(bool)
func (reentrancyAttacker *ReentrancyAttacker) TryPackReentryOK() ([]byte, error) {
	return reentrancyAttacker.abi.Pack("reentryOK")
}

// UnpackReentryOK is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0223c811.
//
// Solidity: function reentryOK() view returns(bool)
func (reentrancyAttacker *ReentrancyAttacker) UnpackReentryOK(data []byte) (bool, error) {
	out, err := reentrancyAttacker.abi.Unpack("reentryOK", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTarget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4b83992.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function target() view returns(address)
func (reentrancyAttacker *ReentrancyAttacker) PackTarget() []byte {
	enc, err := reentrancyAttacker.abi.Pack("target")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTarget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4b83992.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function target() view returns(address)
func (reentrancyAttacker *ReentrancyAttacker) TryPackTarget() ([]byte, error) {
	return reentrancyAttacker.abi.Pack("target")
}

// UnpackTarget is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd4b83992.
//
// Solidity: function target() view returns(address)
func (reentrancyAttacker *ReentrancyAttacker) UnpackTarget(data []byte) (common.Address, error) {
	out, err := reentrancyAttacker.abi.Unpack("target", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}
