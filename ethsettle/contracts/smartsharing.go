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

// SmartSharingEscrow is an auto generated low-level Go binding around an user-defined struct.
type SmartSharingEscrow struct {
	Buyer    common.Address
	Amount   uint64
	Deadline uint64
	State    uint8
	Seller   common.Address
	Price    uint64
	Opened   uint64
	Closed   uint64
	Content  [32]byte
}

// SmartSharingMetaData contains all meta data concerning the SmartSharing contract.
var SmartSharingMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"slotSeconds_\",\"type\":\"uint256\"},{\"internalType\":\"uint16\",\"name\":\"feeBps_\",\"type\":\"uint16\"},{\"internalType\":\"address\",\"name\":\"feeSink_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"}],\"name\":\"ContentMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"slot\",\"type\":\"uint64\"}],\"name\":\"DeadlineInPast\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"slot\",\"type\":\"uint64\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"}],\"name\":\"EscrowExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidAmount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidConfig\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidPriceList\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"}],\"name\":\"NotBuyer\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NotFeeSink\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"},{\"internalType\":\"enumSmartSharing.State\",\"name\":\"state\",\"type\":\"uint8\"}],\"name\":\"NotLocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"}],\"name\":\"NotSeller\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"seller\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"price\",\"type\":\"uint64\"}],\"name\":\"PriceNotListed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrantCall\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"SelfTrade\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"seller\",\"type\":\"address\"}],\"name\":\"SellerNotRegistered\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"SupplyExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"slot\",\"type\":\"uint64\"}],\"name\":\"TooEarly\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"TransferFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"}],\"name\":\"UnknownEscrow\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroEscrowId\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"}],\"name\":\"Cancelled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"seller\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"paid\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"fee\",\"type\":\"uint64\"}],\"name\":\"Confirmed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Deposited\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sink\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"FeesWithdrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"seller\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"price\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"amount\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"content\",\"type\":\"bytes32\"}],\"name\":\"Opened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"}],\"name\":\"Refunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"ott\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64[]\",\"name\":\"prices\",\"type\":\"uint64[]\"}],\"name\":\"Registered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"MAX_FEE_BPS\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_SUPPLY\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"}],\"name\":\"cancel\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"content\",\"type\":\"bytes32\"}],\"name\":\"confirm\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"currentSlot\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"deposit\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"epoch\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"}],\"name\":\"escrowOf\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"buyer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"amount\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"enumSmartSharing.State\",\"name\":\"state\",\"type\":\"uint8\"},{\"internalType\":\"address\",\"name\":\"seller\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"price\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"opened\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"closed\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"content\",\"type\":\"bytes32\"}],\"internalType\":\"structSmartSharing.Escrow\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"feeBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"feePool\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"feeSink\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"feesWithdrawn\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"seller\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"price\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"amount\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"content\",\"type\":\"bytes32\"}],\"name\":\"open\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"ott\",\"type\":\"address\"}],\"name\":\"pricesOf\",\"outputs\":[{\"internalType\":\"uint64[]\",\"name\":\"\",\"type\":\"uint64[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"id\",\"type\":\"uint64\"}],\"name\":\"refund\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64[]\",\"name\":\"list\",\"type\":\"uint64[]\"}],\"name\":\"register\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"slotSeconds\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalDeposited\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalEscrowed\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalWithdrawn\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdrawFees\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "SmartSharing",
	Bin: "0x6101006040526001600855348015610015575f5ffd5b50604051611b72380380611b7283398101604081905261003491610086565b821580610046575061271061ffff8316115b15610064576040516306b7c75960e31b815260040160405180910390fd5b4260805260a09290925261ffff1660c0526001600160a01b031660e0526100d7565b5f5f5f60608486031215610098575f5ffd5b83519250602084015161ffff811681146100b0575f5ffd5b60408501519092506001600160a01b03811681146100cc575f5ffd5b809150509250925092565b60805160a05160c05160e051611a4c6101265f395f818161028601526107e001525f81816101860152610d9a01525f818161031c015261067101525f818161037a01526106950152611a4c5ff3fe60806040526004361061013c575f3560e01c80636738bc6a116100b3578063d7194ccb1161006d578063d7194ccb146103ce578063d7ea5f07146103ed578063e797cdeb1461040c578063f240d0f51461042b578063f916823114610440578063ff50abdc14610455575f5ffd5b80636738bc6a1461030b57806370a082311461033e578063900cf0cf14610369578063ae2e933b1461039c578063d0e30db0146103b1578063d55be8c6146103b9575f5ffd5b80633d930958116101045780633d9309581461022d578063476343ee1461024c5780634b319713146102605780634b38474d146102755780634c125e79146102c0578063571d43e5146102df575f5ffd5b806314e420141461014057806324a9d853146101755780632e1a7d4d146101bb57806332cb6b0c146101dc5780633359632e14610201575b5f5ffd5b34801561014b575f5ffd5b5061015f61015a366004611635565b61046a565b60405161016c9190611655565b60405180910390f35b348015610180575f5ffd5b506101a87f000000000000000000000000000000000000000000000000000000000000000081565b60405161ffff909116815260200161016c565b3480156101c6575f5ffd5b506101da6101d53660046116a0565b610504565b005b3480156101e7575f5ffd5b506101f36001603e1b81565b60405190815260200161016c565b34801561020c575f5ffd5b5061021561066e565b6040516001600160401b03909116815260200161016c565b348015610238575f5ffd5b506101da6102473660046116b7565b6106c9565b348015610257575f5ffd5b506101da6107ad565b34801561026b575f5ffd5b506101f360045481565b348015610280575f5ffd5b506102a87f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b03909116815260200161016c565b3480156102cb575f5ffd5b506101da6102da36600461173c565b61090d565b3480156102ea575f5ffd5b506102fe6102f936600461173c565b6109a7565b60405161016c9190611789565b348015610316575f5ffd5b506101f37f000000000000000000000000000000000000000000000000000000000000000081565b348015610349575f5ffd5b506101f3610358366004611635565b5f6020819052908152604090205481565b348015610374575f5ffd5b506101f37f000000000000000000000000000000000000000000000000000000000000000081565b3480156103a7575f5ffd5b506101f360065481565b6101da610ad2565b3480156103c4575f5ffd5b506101a861271081565b3480156103d9575f5ffd5b506101da6103e836600461173c565b610bbd565b3480156103f8575f5ffd5b506101da610407366004611858565b610cac565b348015610417575f5ffd5b506101da610426366004611880565b610f15565b348015610436575f5ffd5b506101f360075481565b34801561044b575f5ffd5b506101f360055481565b348015610460575f5ffd5b506101f360035481565b6001600160a01b0381165f908152600160209081526040918290208054835181840281018401909452808452606093928301828280156104f857602002820191905f5260205f20905f905b82829054906101000a90046001600160401b03166001600160401b0316815260200190600801906020826007010492830192600103820291508084116104b55790505b50505050509050919050565b600854600114610527576040516306fda65d60e31b815260040160405180910390fd5b60026008555f81900361054d5760405163162908e360e11b815260040160405180910390fd5b335f908152602081905260409020548181101561058c5760405163cf47918160e01b815260048101829052602481018390526044015b60405180910390fd5b61059682826118ff565b335f90815260208190526040812091909155600480548492906105ba908490611918565b909155505060405182815233907f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d59060200160405180910390a25f3361060484633b9aca0061192b565b6040515f81818185875af1925050503d805f811461063d576040519150601f19603f3d011682016040523d82523d5f602084013e610642565b606091505b5050905080610664576040516312171d8360e31b815260040160405180910390fd5b5050600160085550565b5f7f00000000000000000000000000000000000000000000000000000000000000006106ba7f0000000000000000000000000000000000000000000000000000000000000000426118ff565b6106c49190611956565b905090565b5f8190036106ea57604051632cd18b2960e21b815260040160405180910390fd5b5f5b8181101561074b5782828281811061070657610706611969565b905060200201602081019061071b919061173c565b6001600160401b03165f0361074357604051632cd18b2960e21b815260040160405180910390fd5b6001016106ec565b50335f90815260016020526040902061076590838361154d565b50336001600160a01b03167f85c5c7c4dc01aaee7aeca0e989bef867425d404d98bb97c687946b288b61598c83836040516107a192919061197d565b60405180910390a25050565b6008546001146107d0576040516306fda65d60e31b815260040160405180910390fd5b6002600855336001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000161461081e5760405163278d514d60e21b815260040160405180910390fd5b6006545f8190036108425760405163162908e360e11b815260040160405180910390fd5b5f6006819055508060075f82825461085a9190611918565b909155505060405181815233907fc0819c13be868895eb93e40eaceb96de976442fa1d404e5c55f14bb65a8c489a9060200160405180910390a25f336108a483633b9aca0061192b565b6040515f81818185875af1925050503d805f81146108dd576040519150601f19603f3d011682016040523d82523d5f602084013e6108e2565b606091505b5050905080610904576040516312171d8360e31b815260040160405180910390fd5b50506001600855565b5f610917826113e3565b6001810154909150600160481b90046001600160a01b0316331461095957604051630f5ae17f60e01b81526001600160401b0383166004820152602401610583565b6109628161149d565b80546040516001600160a01b03909116906001600160401b038416907f68f1958d455143d980afc881c24ecc801e56d56bf346df632f048a6588112d35905f90a35050565b60408051610120810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e081018290526101008101919091526001600160401b038281165f9081526002602090815260409182902082516101208101845281546001600160a01b0381168252600160a01b9004851692810192909252600181015493841692820192909252916060830190600160401b900460ff166003811115610a6257610a62611755565b6003811115610a7357610a73611755565b81526001820154600160481b90046001600160a01b0316602082015260028201546001600160401b038082166040840152600160401b820481166060840152600160801b90910416608082015260039091015460a09091015292915050565b341580610aeb5750610ae8633b9aca00346119c7565b15155b15610b095760405163162908e360e11b815260040160405180910390fd5b5f610b18633b9aca0034611956565b90506001603e1b81600354610b2d9190611918565b1115610b4c57604051637d3d824960e01b815260040160405180910390fd5b8060035f828254610b5d9190611918565b9091555050335f9081526020819052604081208054839290610b80908490611918565b909155505060405181815233907f2da466a7b24304f47e87fa2e1e5a81b9831ce54fec19055ce277ca2f39ba42c49060200160405180910390a250565b5f610bc7826113e3565b80549091506001600160a01b03163314610bff576040516332a7d2a760e01b81526001600160401b0383166004820152602401610583565b5f610c0861066e565b60018301549091506001600160401b0390811690821611610c5d576001820154604051634b4efe6160e11b81526001600160401b03808616600483015291821660248201529082166044820152606401610583565b610c668261149d565b81546040516001600160a01b03909116906001600160401b038516907ff7654e7836d3307d4da689cb935d633861217e5fbc42ee577843b550a633402e905f90a3505050565b5f610cb6836113e3565b80549091506001600160a01b03163314610cee576040516332a7d2a760e01b81526001600160401b0384166004820152602401610583565b5f610cf761066e565b60018301549091506001600160401b039081169082161115610d4d576001820154604051637e00d82960e01b81526001600160401b03808716600483015291821660248201529082166044820152606401610583565b81600301548314610d7c576040516367e3cc2560e01b81526001600160401b0385166004820152602401610583565b8154600160a01b90046001600160401b03165f612710610dc061ffff7f0000000000000000000000000000000000000000000000000000000000000000168461192b565b610dca9190611956565b6001850180546802000000000000000060ff60401b199091161790556002850180546001600160401b03438116600160801b0267ffffffffffffffff60801b199092169190911790915560058054929350908416915f90610e2c9084906118ff565b92505081905550806001600160401b031660065f828254610e4d9190611918565b90915550610e5d905081836119da565b6001850154600160481b90046001600160a01b03165f90815260208190526040812080546001600160401b039390931692909190610e9c908490611918565b90915550506001840154600160481b90046001600160a01b03166001600160401b0387167f64ecff79159687d3e77d7fc75e9842caffbea11fa59f64e8810d34489c00c325610eeb84866119da565b604080516001600160401b03928316815291861660208301520160405180910390a3505050505050565b6001600160a01b0385165f9081526001602052604081208054909103610f5957604051634a54fb4f60e11b81526001600160a01b0387166004820152602401610583565b5f805b8254811015610fbd57866001600160401b0316838281548110610f8157610f81611969565b5f918252602090912060048204015460039091166008026101000a90046001600160401b031603610fb55760019150610fbd565b600101610f5c565b5080610ff657604051636e492d1d60e01b81526001600160a01b03881660048201526001600160401b0387166024820152604401610583565b336001600160a01b0388160361101f5760405163d68a1e6560e01b815260040160405180910390fd5b876001600160401b03165f0361104857604051636c8e65e560e01b815260040160405180910390fd5b5f61105161066e565b9050806001600160401b0316856001600160401b0316101561109957604051632d098d5960e01b81526001600160401b03808716600483015282166024820152604401610583565b5f6001600160401b038a165f90815260026020526040902060010154600160401b900460ff1660038111156110d0576110d0611755565b146110f957604051635f77f17360e11b81526001600160401b038a166004820152602401610583565b335f908152602081905260409020546001600160401b0387168110156111445760405163cf47918160e01b8152600481018290526001600160401b0388166024820152604401610583565b6111576001600160401b038816826118ff565b335f90815260208190526040812091909155600580546001600160401b038a169290611184908490611918565b909155505060408051610120810182523381526001600160401b03808a16602083015288169181019190915260608101600181526020018a6001600160a01b03168152602001896001600160401b03168152602001436001600160401b031681526020015f6001600160401b031681526020018681525060025f8c6001600160401b03166001600160401b031681526020019081526020015f205f820151815f015f6101000a8154816001600160a01b0302191690836001600160a01b031602179055506020820151815f0160146101000a8154816001600160401b0302191690836001600160401b031602179055506040820151816001015f6101000a8154816001600160401b0302191690836001600160401b0316021790555060608201518160010160086101000a81548160ff021916908360038111156112ca576112ca611755565b02179055506080828101516001830180547fffffff0000000000000000000000000000000000000000ffffffffffffffffff16600160481b6001600160a01b039384160217905560a084015160028401805460c087015160e08801516001600160401b039485166fffffffffffffffffffffffffffffffff1990931692909217600160401b918516919091021767ffffffffffffffff60801b1916600160801b9184169190910217905561010090940151600390930192909255604080518c851681528b851660208201528a851681830152606081018a90529051928d16933393908f16927f77df812e5711883b514c3ba8867dccfd329e31aeb4a0d96bb30baafccfd0dc5b928290030190a450505050505050505050565b6001600160401b0381165f908152600260205260408120906001820154600160401b900460ff16600381111561141b5761141b611755565b036114445760405163bf31acd160e01b81526001600160401b0383166004820152602401610583565b600180820154600160401b900460ff16600381111561146557611465611755565b1461149857818160010160089054906101000a900460ff1660405163f7a1dee760e01b81526004016105839291906119f9565b919050565b60018101805460ff60401b1916680300000000000000001790556002810180546001600160401b03438116600160801b0267ffffffffffffffff60801b1990921691909117909155815460058054600160a01b90920490921691905f906115059084906118ff565b909155505080546001600160a01b0381165f9081526020819052604081208054600160a01b9093046001600160401b031692909190611545908490611918565b909155505050565b828054828255905f5260205f20906003016004900481019282156115fb579160200282015f5b838211156115c65783356001600160401b031683826101000a8154816001600160401b0302191690836001600160401b031602179055509260200192600801602081600701049283019260010302611573565b80156115f95782816101000a8154906001600160401b0302191690556008016020816007010492830192600103026115c6565b505b5061160792915061160b565b5090565b5b80821115611607575f815560010161160c565b80356001600160a01b0381168114611498575f5ffd5b5f60208284031215611645575f5ffd5b61164e8261161f565b9392505050565b602080825282518282018190525f918401906040840190835b818110156116955783516001600160401b031683526020938401939092019160010161166e565b509095945050505050565b5f602082840312156116b0575f5ffd5b5035919050565b5f5f602083850312156116c8575f5ffd5b82356001600160401b038111156116dd575f5ffd5b8301601f810185136116ed575f5ffd5b80356001600160401b03811115611702575f5ffd5b8560208260051b8401011115611716575f5ffd5b6020919091019590945092505050565b80356001600160401b0381168114611498575f5ffd5b5f6020828403121561174c575f5ffd5b61164e82611726565b634e487b7160e01b5f52602160045260245ffd5b6004811061178557634e487b7160e01b5f52602160045260245ffd5b9052565b81516001600160a01b031681526020808301516001600160401b0316908201526040808301516101208301916117c9908401826001600160401b03169052565b5060608301516117dc6060840182611769565b5060808301516117f760808401826001600160a01b03169052565b5060a083015161181260a08401826001600160401b03169052565b5060c083015161182d60c08401826001600160401b03169052565b5060e083015161184860e08401826001600160401b03169052565b5061010092830151919092015290565b5f5f60408385031215611869575f5ffd5b61187283611726565b946020939093013593505050565b5f5f5f5f5f5f60c08789031215611895575f5ffd5b61189e87611726565b95506118ac6020880161161f565b94506118ba60408801611726565b93506118c860608801611726565b92506118d660808801611726565b9598949750929591949360a090920135925050565b634e487b7160e01b5f52601160045260245ffd5b81810381811115611912576119126118eb565b92915050565b80820180821115611912576119126118eb565b8082028115828204841417611912576119126118eb565b634e487b7160e01b5f52601260045260245ffd5b5f8261196457611964611942565b500490565b634e487b7160e01b5f52603260045260245ffd5b602080825281018290525f8360408301825b858110156119bd576001600160401b036119a884611726565b1682526020928301929091019060010161198f565b5095945050505050565b5f826119d5576119d5611942565b500690565b6001600160401b038281168282160390811115611912576119126118eb565b6001600160401b03831681526040810161164e602083018461176956fea2646970667358221220d6cca8fb4267cfae08e5bc59b6fc48a60a719d833cf2d026f72c5dce138db9dd64736f6c634300081e0033",
}

// SmartSharing is an auto generated Go binding around an Ethereum contract.
type SmartSharing struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *SmartSharing) GetABI() abi.ABI {
	return c.abi
}

// NewSmartSharing creates a new instance of SmartSharing.
func NewSmartSharing() *SmartSharing {
	parsed, err := SmartSharingMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &SmartSharing{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *SmartSharing) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(uint256 slotSeconds_, uint16 feeBps_, address feeSink_) returns()
func (smartSharing *SmartSharing) PackConstructor(slotSeconds_ *big.Int, feeBps_ uint16, feeSink_ common.Address) []byte {
	enc, err := smartSharing.abi.Pack("", slotSeconds_, feeBps_, feeSink_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackMAXFEEBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd55be8c6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_FEE_BPS() view returns(uint16)
func (smartSharing *SmartSharing) PackMAXFEEBPS() []byte {
	enc, err := smartSharing.abi.Pack("MAX_FEE_BPS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXFEEBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd55be8c6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_FEE_BPS() view returns(uint16)
func (smartSharing *SmartSharing) TryPackMAXFEEBPS() ([]byte, error) {
	return smartSharing.abi.Pack("MAX_FEE_BPS")
}

// UnpackMAXFEEBPS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd55be8c6.
//
// Solidity: function MAX_FEE_BPS() view returns(uint16)
func (smartSharing *SmartSharing) UnpackMAXFEEBPS(data []byte) (uint16, error) {
	out, err := smartSharing.abi.Unpack("MAX_FEE_BPS", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackMAXSUPPLY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x32cb6b0c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_SUPPLY() view returns(uint256)
func (smartSharing *SmartSharing) PackMAXSUPPLY() []byte {
	enc, err := smartSharing.abi.Pack("MAX_SUPPLY")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXSUPPLY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x32cb6b0c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_SUPPLY() view returns(uint256)
func (smartSharing *SmartSharing) TryPackMAXSUPPLY() ([]byte, error) {
	return smartSharing.abi.Pack("MAX_SUPPLY")
}

// UnpackMAXSUPPLY is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x32cb6b0c.
//
// Solidity: function MAX_SUPPLY() view returns(uint256)
func (smartSharing *SmartSharing) UnpackMAXSUPPLY(data []byte) (*big.Int, error) {
	out, err := smartSharing.abi.Unpack("MAX_SUPPLY", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (smartSharing *SmartSharing) PackBalanceOf(arg0 common.Address) []byte {
	enc, err := smartSharing.abi.Pack("balanceOf", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (smartSharing *SmartSharing) TryPackBalanceOf(arg0 common.Address) ([]byte, error) {
	return smartSharing.abi.Pack("balanceOf", arg0)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (smartSharing *SmartSharing) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := smartSharing.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCancel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4c125e79.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function cancel(uint64 id) returns()
func (smartSharing *SmartSharing) PackCancel(id uint64) []byte {
	enc, err := smartSharing.abi.Pack("cancel", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCancel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4c125e79.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function cancel(uint64 id) returns()
func (smartSharing *SmartSharing) TryPackCancel(id uint64) ([]byte, error) {
	return smartSharing.abi.Pack("cancel", id)
}

// PackConfirm is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7ea5f07.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function confirm(uint64 id, bytes32 content) returns()
func (smartSharing *SmartSharing) PackConfirm(id uint64, content [32]byte) []byte {
	enc, err := smartSharing.abi.Pack("confirm", id, content)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConfirm is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7ea5f07.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function confirm(uint64 id, bytes32 content) returns()
func (smartSharing *SmartSharing) TryPackConfirm(id uint64, content [32]byte) ([]byte, error) {
	return smartSharing.abi.Pack("confirm", id, content)
}

// PackCurrentSlot is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3359632e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function currentSlot() view returns(uint64)
func (smartSharing *SmartSharing) PackCurrentSlot() []byte {
	enc, err := smartSharing.abi.Pack("currentSlot")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCurrentSlot is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3359632e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function currentSlot() view returns(uint64)
func (smartSharing *SmartSharing) TryPackCurrentSlot() ([]byte, error) {
	return smartSharing.abi.Pack("currentSlot")
}

// UnpackCurrentSlot is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3359632e.
//
// Solidity: function currentSlot() view returns(uint64)
func (smartSharing *SmartSharing) UnpackCurrentSlot(data []byte) (uint64, error) {
	out, err := smartSharing.abi.Unpack("currentSlot", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0e30db0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deposit() payable returns()
func (smartSharing *SmartSharing) PackDeposit() []byte {
	enc, err := smartSharing.abi.Pack("deposit")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeposit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0e30db0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deposit() payable returns()
func (smartSharing *SmartSharing) TryPackDeposit() ([]byte, error) {
	return smartSharing.abi.Pack("deposit")
}

// PackEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x900cf0cf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function epoch() view returns(uint256)
func (smartSharing *SmartSharing) PackEpoch() []byte {
	enc, err := smartSharing.abi.Pack("epoch")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEpoch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x900cf0cf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function epoch() view returns(uint256)
func (smartSharing *SmartSharing) TryPackEpoch() ([]byte, error) {
	return smartSharing.abi.Pack("epoch")
}

// UnpackEpoch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x900cf0cf.
//
// Solidity: function epoch() view returns(uint256)
func (smartSharing *SmartSharing) UnpackEpoch(data []byte) (*big.Int, error) {
	out, err := smartSharing.abi.Unpack("epoch", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackEscrowOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x571d43e5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function escrowOf(uint64 id) view returns((address,uint64,uint64,uint8,address,uint64,uint64,uint64,bytes32))
func (smartSharing *SmartSharing) PackEscrowOf(id uint64) []byte {
	enc, err := smartSharing.abi.Pack("escrowOf", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEscrowOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x571d43e5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function escrowOf(uint64 id) view returns((address,uint64,uint64,uint8,address,uint64,uint64,uint64,bytes32))
func (smartSharing *SmartSharing) TryPackEscrowOf(id uint64) ([]byte, error) {
	return smartSharing.abi.Pack("escrowOf", id)
}

// UnpackEscrowOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x571d43e5.
//
// Solidity: function escrowOf(uint64 id) view returns((address,uint64,uint64,uint8,address,uint64,uint64,uint64,bytes32))
func (smartSharing *SmartSharing) UnpackEscrowOf(data []byte) (SmartSharingEscrow, error) {
	out, err := smartSharing.abi.Unpack("escrowOf", data)
	if err != nil {
		return *new(SmartSharingEscrow), err
	}
	out0 := *abi.ConvertType(out[0], new(SmartSharingEscrow)).(*SmartSharingEscrow)
	return out0, nil
}

// PackFeeBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x24a9d853.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function feeBps() view returns(uint16)
func (smartSharing *SmartSharing) PackFeeBps() []byte {
	enc, err := smartSharing.abi.Pack("feeBps")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFeeBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x24a9d853.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function feeBps() view returns(uint16)
func (smartSharing *SmartSharing) TryPackFeeBps() ([]byte, error) {
	return smartSharing.abi.Pack("feeBps")
}

// UnpackFeeBps is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x24a9d853.
//
// Solidity: function feeBps() view returns(uint16)
func (smartSharing *SmartSharing) UnpackFeeBps(data []byte) (uint16, error) {
	out, err := smartSharing.abi.Unpack("feeBps", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackFeePool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xae2e933b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function feePool() view returns(uint256)
func (smartSharing *SmartSharing) PackFeePool() []byte {
	enc, err := smartSharing.abi.Pack("feePool")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFeePool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xae2e933b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function feePool() view returns(uint256)
func (smartSharing *SmartSharing) TryPackFeePool() ([]byte, error) {
	return smartSharing.abi.Pack("feePool")
}

// UnpackFeePool is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xae2e933b.
//
// Solidity: function feePool() view returns(uint256)
func (smartSharing *SmartSharing) UnpackFeePool(data []byte) (*big.Int, error) {
	out, err := smartSharing.abi.Unpack("feePool", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackFeeSink is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4b38474d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function feeSink() view returns(address)
func (smartSharing *SmartSharing) PackFeeSink() []byte {
	enc, err := smartSharing.abi.Pack("feeSink")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFeeSink is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4b38474d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function feeSink() view returns(address)
func (smartSharing *SmartSharing) TryPackFeeSink() ([]byte, error) {
	return smartSharing.abi.Pack("feeSink")
}

// UnpackFeeSink is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4b38474d.
//
// Solidity: function feeSink() view returns(address)
func (smartSharing *SmartSharing) UnpackFeeSink(data []byte) (common.Address, error) {
	out, err := smartSharing.abi.Unpack("feeSink", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackFeesWithdrawn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf240d0f5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function feesWithdrawn() view returns(uint256)
func (smartSharing *SmartSharing) PackFeesWithdrawn() []byte {
	enc, err := smartSharing.abi.Pack("feesWithdrawn")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFeesWithdrawn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf240d0f5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function feesWithdrawn() view returns(uint256)
func (smartSharing *SmartSharing) TryPackFeesWithdrawn() ([]byte, error) {
	return smartSharing.abi.Pack("feesWithdrawn")
}

// UnpackFeesWithdrawn is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf240d0f5.
//
// Solidity: function feesWithdrawn() view returns(uint256)
func (smartSharing *SmartSharing) UnpackFeesWithdrawn(data []byte) (*big.Int, error) {
	out, err := smartSharing.abi.Unpack("feesWithdrawn", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOpen is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe797cdeb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function open(uint64 id, address seller, uint64 price, uint64 amount, uint64 deadline, bytes32 content) returns()
func (smartSharing *SmartSharing) PackOpen(id uint64, seller common.Address, price uint64, amount uint64, deadline uint64, content [32]byte) []byte {
	enc, err := smartSharing.abi.Pack("open", id, seller, price, amount, deadline, content)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOpen is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe797cdeb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function open(uint64 id, address seller, uint64 price, uint64 amount, uint64 deadline, bytes32 content) returns()
func (smartSharing *SmartSharing) TryPackOpen(id uint64, seller common.Address, price uint64, amount uint64, deadline uint64, content [32]byte) ([]byte, error) {
	return smartSharing.abi.Pack("open", id, seller, price, amount, deadline, content)
}

// PackPricesOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x14e42014.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pricesOf(address ott) view returns(uint64[])
func (smartSharing *SmartSharing) PackPricesOf(ott common.Address) []byte {
	enc, err := smartSharing.abi.Pack("pricesOf", ott)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPricesOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x14e42014.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pricesOf(address ott) view returns(uint64[])
func (smartSharing *SmartSharing) TryPackPricesOf(ott common.Address) ([]byte, error) {
	return smartSharing.abi.Pack("pricesOf", ott)
}

// UnpackPricesOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x14e42014.
//
// Solidity: function pricesOf(address ott) view returns(uint64[])
func (smartSharing *SmartSharing) UnpackPricesOf(data []byte) ([]uint64, error) {
	out, err := smartSharing.abi.Unpack("pricesOf", data)
	if err != nil {
		return *new([]uint64), err
	}
	out0 := *abi.ConvertType(out[0], new([]uint64)).(*[]uint64)
	return out0, nil
}

// PackRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7194ccb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function refund(uint64 id) returns()
func (smartSharing *SmartSharing) PackRefund(id uint64) []byte {
	enc, err := smartSharing.abi.Pack("refund", id)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7194ccb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function refund(uint64 id) returns()
func (smartSharing *SmartSharing) TryPackRefund(id uint64) ([]byte, error) {
	return smartSharing.abi.Pack("refund", id)
}

// PackRegister is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d930958.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function register(uint64[] list) returns()
func (smartSharing *SmartSharing) PackRegister(list []uint64) []byte {
	enc, err := smartSharing.abi.Pack("register", list)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegister is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d930958.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function register(uint64[] list) returns()
func (smartSharing *SmartSharing) TryPackRegister(list []uint64) ([]byte, error) {
	return smartSharing.abi.Pack("register", list)
}

// PackSlotSeconds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6738bc6a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slotSeconds() view returns(uint256)
func (smartSharing *SmartSharing) PackSlotSeconds() []byte {
	enc, err := smartSharing.abi.Pack("slotSeconds")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlotSeconds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6738bc6a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slotSeconds() view returns(uint256)
func (smartSharing *SmartSharing) TryPackSlotSeconds() ([]byte, error) {
	return smartSharing.abi.Pack("slotSeconds")
}

// UnpackSlotSeconds is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6738bc6a.
//
// Solidity: function slotSeconds() view returns(uint256)
func (smartSharing *SmartSharing) UnpackSlotSeconds(data []byte) (*big.Int, error) {
	out, err := smartSharing.abi.Unpack("slotSeconds", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTotalDeposited is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xff50abdc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalDeposited() view returns(uint256)
func (smartSharing *SmartSharing) PackTotalDeposited() []byte {
	enc, err := smartSharing.abi.Pack("totalDeposited")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalDeposited is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xff50abdc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalDeposited() view returns(uint256)
func (smartSharing *SmartSharing) TryPackTotalDeposited() ([]byte, error) {
	return smartSharing.abi.Pack("totalDeposited")
}

// UnpackTotalDeposited is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xff50abdc.
//
// Solidity: function totalDeposited() view returns(uint256)
func (smartSharing *SmartSharing) UnpackTotalDeposited(data []byte) (*big.Int, error) {
	out, err := smartSharing.abi.Unpack("totalDeposited", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTotalEscrowed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf9168231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalEscrowed() view returns(uint256)
func (smartSharing *SmartSharing) PackTotalEscrowed() []byte {
	enc, err := smartSharing.abi.Pack("totalEscrowed")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalEscrowed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf9168231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalEscrowed() view returns(uint256)
func (smartSharing *SmartSharing) TryPackTotalEscrowed() ([]byte, error) {
	return smartSharing.abi.Pack("totalEscrowed")
}

// UnpackTotalEscrowed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf9168231.
//
// Solidity: function totalEscrowed() view returns(uint256)
func (smartSharing *SmartSharing) UnpackTotalEscrowed(data []byte) (*big.Int, error) {
	out, err := smartSharing.abi.Unpack("totalEscrowed", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTotalWithdrawn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4b319713.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalWithdrawn() view returns(uint256)
func (smartSharing *SmartSharing) PackTotalWithdrawn() []byte {
	enc, err := smartSharing.abi.Pack("totalWithdrawn")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalWithdrawn is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4b319713.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalWithdrawn() view returns(uint256)
func (smartSharing *SmartSharing) TryPackTotalWithdrawn() ([]byte, error) {
	return smartSharing.abi.Pack("totalWithdrawn")
}

// UnpackTotalWithdrawn is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4b319713.
//
// Solidity: function totalWithdrawn() view returns(uint256)
func (smartSharing *SmartSharing) UnpackTotalWithdrawn(data []byte) (*big.Int, error) {
	out, err := smartSharing.abi.Unpack("totalWithdrawn", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e1a7d4d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw(uint256 amount) returns()
func (smartSharing *SmartSharing) PackWithdraw(amount *big.Int) []byte {
	enc, err := smartSharing.abi.Pack("withdraw", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e1a7d4d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw(uint256 amount) returns()
func (smartSharing *SmartSharing) TryPackWithdraw(amount *big.Int) ([]byte, error) {
	return smartSharing.abi.Pack("withdraw", amount)
}

// PackWithdrawFees is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x476343ee.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawFees() returns()
func (smartSharing *SmartSharing) PackWithdrawFees() []byte {
	enc, err := smartSharing.abi.Pack("withdrawFees")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawFees is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x476343ee.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawFees() returns()
func (smartSharing *SmartSharing) TryPackWithdrawFees() ([]byte, error) {
	return smartSharing.abi.Pack("withdrawFees")
}

// SmartSharingCancelled represents a Cancelled event raised by the SmartSharing contract.
type SmartSharingCancelled struct {
	Id    uint64
	Buyer common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const SmartSharingCancelledEventName = "Cancelled"

// ContractEventName returns the user-defined event name.
func (SmartSharingCancelled) ContractEventName() string {
	return SmartSharingCancelledEventName
}

// UnpackCancelledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Cancelled(uint64 indexed id, address indexed buyer)
func (smartSharing *SmartSharing) UnpackCancelledEvent(log *types.Log) (*SmartSharingCancelled, error) {
	event := "Cancelled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != smartSharing.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SmartSharingCancelled)
	if len(log.Data) > 0 {
		if err := smartSharing.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range smartSharing.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SmartSharingConfirmed represents a Confirmed event raised by the SmartSharing contract.
type SmartSharingConfirmed struct {
	Id     uint64
	Seller common.Address
	Paid   uint64
	Fee    uint64
	Raw    *types.Log // Blockchain specific contextual infos
}

const SmartSharingConfirmedEventName = "Confirmed"

// ContractEventName returns the user-defined event name.
func (SmartSharingConfirmed) ContractEventName() string {
	return SmartSharingConfirmedEventName
}

// UnpackConfirmedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Confirmed(uint64 indexed id, address indexed seller, uint64 paid, uint64 fee)
func (smartSharing *SmartSharing) UnpackConfirmedEvent(log *types.Log) (*SmartSharingConfirmed, error) {
	event := "Confirmed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != smartSharing.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SmartSharingConfirmed)
	if len(log.Data) > 0 {
		if err := smartSharing.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range smartSharing.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SmartSharingDeposited represents a Deposited event raised by the SmartSharing contract.
type SmartSharingDeposited struct {
	Account common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const SmartSharingDepositedEventName = "Deposited"

// ContractEventName returns the user-defined event name.
func (SmartSharingDeposited) ContractEventName() string {
	return SmartSharingDepositedEventName
}

// UnpackDepositedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Deposited(address indexed account, uint256 amount)
func (smartSharing *SmartSharing) UnpackDepositedEvent(log *types.Log) (*SmartSharingDeposited, error) {
	event := "Deposited"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != smartSharing.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SmartSharingDeposited)
	if len(log.Data) > 0 {
		if err := smartSharing.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range smartSharing.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SmartSharingFeesWithdrawn represents a FeesWithdrawn event raised by the SmartSharing contract.
type SmartSharingFeesWithdrawn struct {
	Sink   common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const SmartSharingFeesWithdrawnEventName = "FeesWithdrawn"

// ContractEventName returns the user-defined event name.
func (SmartSharingFeesWithdrawn) ContractEventName() string {
	return SmartSharingFeesWithdrawnEventName
}

// UnpackFeesWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event FeesWithdrawn(address indexed sink, uint256 amount)
func (smartSharing *SmartSharing) UnpackFeesWithdrawnEvent(log *types.Log) (*SmartSharingFeesWithdrawn, error) {
	event := "FeesWithdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != smartSharing.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SmartSharingFeesWithdrawn)
	if len(log.Data) > 0 {
		if err := smartSharing.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range smartSharing.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SmartSharingOpened represents a Opened event raised by the SmartSharing contract.
type SmartSharingOpened struct {
	Id       uint64
	Buyer    common.Address
	Seller   common.Address
	Price    uint64
	Amount   uint64
	Deadline uint64
	Content  [32]byte
	Raw      *types.Log // Blockchain specific contextual infos
}

const SmartSharingOpenedEventName = "Opened"

// ContractEventName returns the user-defined event name.
func (SmartSharingOpened) ContractEventName() string {
	return SmartSharingOpenedEventName
}

// UnpackOpenedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Opened(uint64 indexed id, address indexed buyer, address indexed seller, uint64 price, uint64 amount, uint64 deadline, bytes32 content)
func (smartSharing *SmartSharing) UnpackOpenedEvent(log *types.Log) (*SmartSharingOpened, error) {
	event := "Opened"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != smartSharing.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SmartSharingOpened)
	if len(log.Data) > 0 {
		if err := smartSharing.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range smartSharing.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SmartSharingRefunded represents a Refunded event raised by the SmartSharing contract.
type SmartSharingRefunded struct {
	Id    uint64
	Buyer common.Address
	Raw   *types.Log // Blockchain specific contextual infos
}

const SmartSharingRefundedEventName = "Refunded"

// ContractEventName returns the user-defined event name.
func (SmartSharingRefunded) ContractEventName() string {
	return SmartSharingRefundedEventName
}

// UnpackRefundedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Refunded(uint64 indexed id, address indexed buyer)
func (smartSharing *SmartSharing) UnpackRefundedEvent(log *types.Log) (*SmartSharingRefunded, error) {
	event := "Refunded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != smartSharing.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SmartSharingRefunded)
	if len(log.Data) > 0 {
		if err := smartSharing.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range smartSharing.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SmartSharingRegistered represents a Registered event raised by the SmartSharing contract.
type SmartSharingRegistered struct {
	Ott    common.Address
	Prices []uint64
	Raw    *types.Log // Blockchain specific contextual infos
}

const SmartSharingRegisteredEventName = "Registered"

// ContractEventName returns the user-defined event name.
func (SmartSharingRegistered) ContractEventName() string {
	return SmartSharingRegisteredEventName
}

// UnpackRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Registered(address indexed ott, uint64[] prices)
func (smartSharing *SmartSharing) UnpackRegisteredEvent(log *types.Log) (*SmartSharingRegistered, error) {
	event := "Registered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != smartSharing.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SmartSharingRegistered)
	if len(log.Data) > 0 {
		if err := smartSharing.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range smartSharing.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SmartSharingWithdrawn represents a Withdrawn event raised by the SmartSharing contract.
type SmartSharingWithdrawn struct {
	Account common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const SmartSharingWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (SmartSharingWithdrawn) ContractEventName() string {
	return SmartSharingWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed account, uint256 amount)
func (smartSharing *SmartSharing) UnpackWithdrawnEvent(log *types.Log) (*SmartSharingWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != smartSharing.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SmartSharingWithdrawn)
	if len(log.Data) > 0 {
		if err := smartSharing.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range smartSharing.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (smartSharing *SmartSharing) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["ContentMismatch"].ID.Bytes()[:4]) {
		return smartSharing.UnpackContentMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["DeadlineInPast"].ID.Bytes()[:4]) {
		return smartSharing.UnpackDeadlineInPastError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["DeadlinePassed"].ID.Bytes()[:4]) {
		return smartSharing.UnpackDeadlinePassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["EscrowExists"].ID.Bytes()[:4]) {
		return smartSharing.UnpackEscrowExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["InsufficientBalance"].ID.Bytes()[:4]) {
		return smartSharing.UnpackInsufficientBalanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["InvalidAmount"].ID.Bytes()[:4]) {
		return smartSharing.UnpackInvalidAmountError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["InvalidConfig"].ID.Bytes()[:4]) {
		return smartSharing.UnpackInvalidConfigError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["InvalidPriceList"].ID.Bytes()[:4]) {
		return smartSharing.UnpackInvalidPriceListError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["NotBuyer"].ID.Bytes()[:4]) {
		return smartSharing.UnpackNotBuyerError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["NotFeeSink"].ID.Bytes()[:4]) {
		return smartSharing.UnpackNotFeeSinkError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["NotLocked"].ID.Bytes()[:4]) {
		return smartSharing.UnpackNotLockedError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["NotSeller"].ID.Bytes()[:4]) {
		return smartSharing.UnpackNotSellerError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["PriceNotListed"].ID.Bytes()[:4]) {
		return smartSharing.UnpackPriceNotListedError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["ReentrantCall"].ID.Bytes()[:4]) {
		return smartSharing.UnpackReentrantCallError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["SelfTrade"].ID.Bytes()[:4]) {
		return smartSharing.UnpackSelfTradeError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["SellerNotRegistered"].ID.Bytes()[:4]) {
		return smartSharing.UnpackSellerNotRegisteredError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["SupplyExceeded"].ID.Bytes()[:4]) {
		return smartSharing.UnpackSupplyExceededError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["TooEarly"].ID.Bytes()[:4]) {
		return smartSharing.UnpackTooEarlyError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["TransferFailed"].ID.Bytes()[:4]) {
		return smartSharing.UnpackTransferFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["UnknownEscrow"].ID.Bytes()[:4]) {
		return smartSharing.UnpackUnknownEscrowError(raw[4:])
	}
	if bytes.Equal(raw[:4], smartSharing.abi.Errors["ZeroEscrowId"].ID.Bytes()[:4]) {
		return smartSharing.UnpackZeroEscrowIdError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// SmartSharingContentMismatch represents a ContentMismatch error raised by the SmartSharing contract.
type SmartSharingContentMismatch struct {
	Id uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ContentMismatch(uint64 id)
func SmartSharingContentMismatchErrorID() common.Hash {
	return common.HexToHash("0x67e3cc2508727bd8a698ec39a951783305e791a222ec28947221e17b28bbf749")
}

// UnpackContentMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ContentMismatch(uint64 id)
func (smartSharing *SmartSharing) UnpackContentMismatchError(raw []byte) (*SmartSharingContentMismatch, error) {
	out := new(SmartSharingContentMismatch)
	if err := smartSharing.abi.UnpackIntoInterface(out, "ContentMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingDeadlineInPast represents a DeadlineInPast error raised by the SmartSharing contract.
type SmartSharingDeadlineInPast struct {
	Deadline uint64
	Slot     uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlineInPast(uint64 deadline, uint64 slot)
func SmartSharingDeadlineInPastErrorID() common.Hash {
	return common.HexToHash("0x2d098d597073c3b5cb467b888c2accb74d0465ca6f031ba950272ca0fc527935")
}

// UnpackDeadlineInPastError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlineInPast(uint64 deadline, uint64 slot)
func (smartSharing *SmartSharing) UnpackDeadlineInPastError(raw []byte) (*SmartSharingDeadlineInPast, error) {
	out := new(SmartSharingDeadlineInPast)
	if err := smartSharing.abi.UnpackIntoInterface(out, "DeadlineInPast", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingDeadlinePassed represents a DeadlinePassed error raised by the SmartSharing contract.
type SmartSharingDeadlinePassed struct {
	Id       uint64
	Deadline uint64
	Slot     uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlinePassed(uint64 id, uint64 deadline, uint64 slot)
func SmartSharingDeadlinePassedErrorID() common.Hash {
	return common.HexToHash("0x7e00d82907de28aff99a51688d225b3dca1e4da5cf4ade9d947f5eb997a44435")
}

// UnpackDeadlinePassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlinePassed(uint64 id, uint64 deadline, uint64 slot)
func (smartSharing *SmartSharing) UnpackDeadlinePassedError(raw []byte) (*SmartSharingDeadlinePassed, error) {
	out := new(SmartSharingDeadlinePassed)
	if err := smartSharing.abi.UnpackIntoInterface(out, "DeadlinePassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingEscrowExists represents a EscrowExists error raised by the SmartSharing contract.
type SmartSharingEscrowExists struct {
	Id uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EscrowExists(uint64 id)
func SmartSharingEscrowExistsErrorID() common.Hash {
	return common.HexToHash("0xbeefe2e6efb1fa4fd9b1d81d95525a0f2ce27780393452a441fc5f7df296b258")
}

// UnpackEscrowExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EscrowExists(uint64 id)
func (smartSharing *SmartSharing) UnpackEscrowExistsError(raw []byte) (*SmartSharingEscrowExists, error) {
	out := new(SmartSharingEscrowExists)
	if err := smartSharing.abi.UnpackIntoInterface(out, "EscrowExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingInsufficientBalance represents a InsufficientBalance error raised by the SmartSharing contract.
type SmartSharingInsufficientBalance struct {
	Balance *big.Int
	Amount  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientBalance(uint256 balance, uint256 amount)
func SmartSharingInsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0xcf4791818fba6e019216eb4864093b4947f674afada5d305e57d598b641dad1d")
}

// UnpackInsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientBalance(uint256 balance, uint256 amount)
func (smartSharing *SmartSharing) UnpackInsufficientBalanceError(raw []byte) (*SmartSharingInsufficientBalance, error) {
	out := new(SmartSharingInsufficientBalance)
	if err := smartSharing.abi.UnpackIntoInterface(out, "InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingInvalidAmount represents a InvalidAmount error raised by the SmartSharing contract.
type SmartSharingInvalidAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidAmount()
func SmartSharingInvalidAmountErrorID() common.Hash {
	return common.HexToHash("0x2c5211c6cb73b16841677a034781e8336d18ce66df858e54153c86854e11f7b8")
}

// UnpackInvalidAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidAmount()
func (smartSharing *SmartSharing) UnpackInvalidAmountError(raw []byte) (*SmartSharingInvalidAmount, error) {
	out := new(SmartSharingInvalidAmount)
	if err := smartSharing.abi.UnpackIntoInterface(out, "InvalidAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingInvalidConfig represents a InvalidConfig error raised by the SmartSharing contract.
type SmartSharingInvalidConfig struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidConfig()
func SmartSharingInvalidConfigErrorID() common.Hash {
	return common.HexToHash("0x35be3ac88eaaf385e6b33d44d849a44bdc3ae215676d5d7e0194dfe20d80c66e")
}

// UnpackInvalidConfigError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidConfig()
func (smartSharing *SmartSharing) UnpackInvalidConfigError(raw []byte) (*SmartSharingInvalidConfig, error) {
	out := new(SmartSharingInvalidConfig)
	if err := smartSharing.abi.UnpackIntoInterface(out, "InvalidConfig", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingInvalidPriceList represents a InvalidPriceList error raised by the SmartSharing contract.
type SmartSharingInvalidPriceList struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidPriceList()
func SmartSharingInvalidPriceListErrorID() common.Hash {
	return common.HexToHash("0xb3462ca4a15bf1310fe1fa9f69ccc30282b6240a805dbfdbbedacee4f01bcc91")
}

// UnpackInvalidPriceListError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidPriceList()
func (smartSharing *SmartSharing) UnpackInvalidPriceListError(raw []byte) (*SmartSharingInvalidPriceList, error) {
	out := new(SmartSharingInvalidPriceList)
	if err := smartSharing.abi.UnpackIntoInterface(out, "InvalidPriceList", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingNotBuyer represents a NotBuyer error raised by the SmartSharing contract.
type SmartSharingNotBuyer struct {
	Id uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotBuyer(uint64 id)
func SmartSharingNotBuyerErrorID() common.Hash {
	return common.HexToHash("0x32a7d2a7bdeffa752649c41c8085eec3c6ccb20e2e6c6a01dafa46d73cd51c3e")
}

// UnpackNotBuyerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotBuyer(uint64 id)
func (smartSharing *SmartSharing) UnpackNotBuyerError(raw []byte) (*SmartSharingNotBuyer, error) {
	out := new(SmartSharingNotBuyer)
	if err := smartSharing.abi.UnpackIntoInterface(out, "NotBuyer", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingNotFeeSink represents a NotFeeSink error raised by the SmartSharing contract.
type SmartSharingNotFeeSink struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotFeeSink()
func SmartSharingNotFeeSinkErrorID() common.Hash {
	return common.HexToHash("0x9e3545349f42f5e8f582952d5f2229a7b9054a7f697c093a945b92765ad47066")
}

// UnpackNotFeeSinkError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotFeeSink()
func (smartSharing *SmartSharing) UnpackNotFeeSinkError(raw []byte) (*SmartSharingNotFeeSink, error) {
	out := new(SmartSharingNotFeeSink)
	if err := smartSharing.abi.UnpackIntoInterface(out, "NotFeeSink", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingNotLocked represents a NotLocked error raised by the SmartSharing contract.
type SmartSharingNotLocked struct {
	Id    uint64
	State uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotLocked(uint64 id, uint8 state)
func SmartSharingNotLockedErrorID() common.Hash {
	return common.HexToHash("0xf7a1dee78602920a037e8a8a75fcdf98f276c09f8f308c7f444767611a120f2a")
}

// UnpackNotLockedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotLocked(uint64 id, uint8 state)
func (smartSharing *SmartSharing) UnpackNotLockedError(raw []byte) (*SmartSharingNotLocked, error) {
	out := new(SmartSharingNotLocked)
	if err := smartSharing.abi.UnpackIntoInterface(out, "NotLocked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingNotSeller represents a NotSeller error raised by the SmartSharing contract.
type SmartSharingNotSeller struct {
	Id uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotSeller(uint64 id)
func SmartSharingNotSellerErrorID() common.Hash {
	return common.HexToHash("0x0f5ae17f9545268c390fc95eaf52fe56b82e016980bf62a63da11981b89feb9c")
}

// UnpackNotSellerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotSeller(uint64 id)
func (smartSharing *SmartSharing) UnpackNotSellerError(raw []byte) (*SmartSharingNotSeller, error) {
	out := new(SmartSharingNotSeller)
	if err := smartSharing.abi.UnpackIntoInterface(out, "NotSeller", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingPriceNotListed represents a PriceNotListed error raised by the SmartSharing contract.
type SmartSharingPriceNotListed struct {
	Seller common.Address
	Price  uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PriceNotListed(address seller, uint64 price)
func SmartSharingPriceNotListedErrorID() common.Hash {
	return common.HexToHash("0x6e492d1d537e62e391d1a8f586a5501be917a06ac0694bb5985829f5386f9f45")
}

// UnpackPriceNotListedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PriceNotListed(address seller, uint64 price)
func (smartSharing *SmartSharing) UnpackPriceNotListedError(raw []byte) (*SmartSharingPriceNotListed, error) {
	out := new(SmartSharingPriceNotListed)
	if err := smartSharing.abi.UnpackIntoInterface(out, "PriceNotListed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingReentrantCall represents a ReentrantCall error raised by the SmartSharing contract.
type SmartSharingReentrantCall struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReentrantCall()
func SmartSharingReentrantCallErrorID() common.Hash {
	return common.HexToHash("0x37ed32e8b98f05c268547554617c26adb4478b89452c6df1b1c862cb749b1c27")
}

// UnpackReentrantCallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReentrantCall()
func (smartSharing *SmartSharing) UnpackReentrantCallError(raw []byte) (*SmartSharingReentrantCall, error) {
	out := new(SmartSharingReentrantCall)
	if err := smartSharing.abi.UnpackIntoInterface(out, "ReentrantCall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingSelfTrade represents a SelfTrade error raised by the SmartSharing contract.
type SmartSharingSelfTrade struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SelfTrade()
func SmartSharingSelfTradeErrorID() common.Hash {
	return common.HexToHash("0xd68a1e65c3b465b33337ee68ef765b0d3f18475cedba1c5f2404a1e1e56c5058")
}

// UnpackSelfTradeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SelfTrade()
func (smartSharing *SmartSharing) UnpackSelfTradeError(raw []byte) (*SmartSharingSelfTrade, error) {
	out := new(SmartSharingSelfTrade)
	if err := smartSharing.abi.UnpackIntoInterface(out, "SelfTrade", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingSellerNotRegistered represents a SellerNotRegistered error raised by the SmartSharing contract.
type SmartSharingSellerNotRegistered struct {
	Seller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SellerNotRegistered(address seller)
func SmartSharingSellerNotRegisteredErrorID() common.Hash {
	return common.HexToHash("0x94a9f69e9714492094c18b035b1f5713cfecf8627afd3684eb611e0aba879a67")
}

// UnpackSellerNotRegisteredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SellerNotRegistered(address seller)
func (smartSharing *SmartSharing) UnpackSellerNotRegisteredError(raw []byte) (*SmartSharingSellerNotRegistered, error) {
	out := new(SmartSharingSellerNotRegistered)
	if err := smartSharing.abi.UnpackIntoInterface(out, "SellerNotRegistered", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingSupplyExceeded represents a SupplyExceeded error raised by the SmartSharing contract.
type SmartSharingSupplyExceeded struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SupplyExceeded()
func SmartSharingSupplyExceededErrorID() common.Hash {
	return common.HexToHash("0x7d3d8249ed4ccd1c7ab1a8582052018fa2f6caf82489cb838490064cb2e9f6f2")
}

// UnpackSupplyExceededError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SupplyExceeded()
func (smartSharing *SmartSharing) UnpackSupplyExceededError(raw []byte) (*SmartSharingSupplyExceeded, error) {
	out := new(SmartSharingSupplyExceeded)
	if err := smartSharing.abi.UnpackIntoInterface(out, "SupplyExceeded", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingTooEarly represents a TooEarly error raised by the SmartSharing contract.
type SmartSharingTooEarly struct {
	Id       uint64
	Deadline uint64
	Slot     uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooEarly(uint64 id, uint64 deadline, uint64 slot)
func SmartSharingTooEarlyErrorID() common.Hash {
	return common.HexToHash("0x969dfcc2dcbbf588a53c1a2cba7f2f6c852567207c7d19b4ad92d7ce2216cfbe")
}

// UnpackTooEarlyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooEarly(uint64 id, uint64 deadline, uint64 slot)
func (smartSharing *SmartSharing) UnpackTooEarlyError(raw []byte) (*SmartSharingTooEarly, error) {
	out := new(SmartSharingTooEarly)
	if err := smartSharing.abi.UnpackIntoInterface(out, "TooEarly", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingTransferFailed represents a TransferFailed error raised by the SmartSharing contract.
type SmartSharingTransferFailed struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TransferFailed()
func SmartSharingTransferFailedErrorID() common.Hash {
	return common.HexToHash("0x90b8ec1877afffd816d05d9b13947f3ff18ec5851c38bad15ec2b710f92391b1")
}

// UnpackTransferFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TransferFailed()
func (smartSharing *SmartSharing) UnpackTransferFailedError(raw []byte) (*SmartSharingTransferFailed, error) {
	out := new(SmartSharingTransferFailed)
	if err := smartSharing.abi.UnpackIntoInterface(out, "TransferFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingUnknownEscrow represents a UnknownEscrow error raised by the SmartSharing contract.
type SmartSharingUnknownEscrow struct {
	Id uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownEscrow(uint64 id)
func SmartSharingUnknownEscrowErrorID() common.Hash {
	return common.HexToHash("0xbf31acd10d6e7355f7c92e2a1878291c32bfe68d98d2fdda8a37075db22593df")
}

// UnpackUnknownEscrowError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownEscrow(uint64 id)
func (smartSharing *SmartSharing) UnpackUnknownEscrowError(raw []byte) (*SmartSharingUnknownEscrow, error) {
	out := new(SmartSharingUnknownEscrow)
	if err := smartSharing.abi.UnpackIntoInterface(out, "UnknownEscrow", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartSharingZeroEscrowId represents a ZeroEscrowId error raised by the SmartSharing contract.
type SmartSharingZeroEscrowId struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroEscrowId()
func SmartSharingZeroEscrowIdErrorID() common.Hash {
	return common.HexToHash("0x6c8e65e56c02d1bb177ba4ad541f532d6f9c5a0c149193483f9a4357b9a694a0")
}

// UnpackZeroEscrowIdError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroEscrowId()
func (smartSharing *SmartSharing) UnpackZeroEscrowIdError(raw []byte) (*SmartSharingZeroEscrowId, error) {
	out := new(SmartSharingZeroEscrowId)
	if err := smartSharing.abi.UnpackIntoInterface(out, "ZeroEscrowId", raw); err != nil {
		return nil, err
	}
	return out, nil
}
