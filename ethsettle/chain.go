package ethsettle

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/cdnkit/cdnkit/device/ledger"
	"github.com/cdnkit/cdnkit/ethsettle/contracts"
)

// Defaults of Config.
const (
	DefaultSlotSeconds = 86400
	DefaultGasPrice    = 1 // gwei per gas
	// GenesisTime is the timestamp of the automine chain's genesis block
	// (2^40 s, far beyond the wall clock), so that every block timestamp is
	// set by the backend and never by the wall clock.
	GenesisTime = 1 << 40
)

const weiPerGwei = 1_000_000_000

// Config configures a Chain. A nil *Config or a zero field means the
// documented default.
type Config struct {
	// SlotSeconds is the block time of one unit of the caller's clock: the
	// contract's slot is (block.timestamp − epoch) / SlotSeconds. Each block
	// advances the timestamp by one second, so one slot holds at most
	// SlotSeconds − 1 blocks. Default DefaultSlotSeconds (one day).
	SlotSeconds uint64
	// FeeBps is the contract's fee on Confirm, in basis points of the escrowed
	// amount, kept in the contract's fee pool for the fee sink. Default 0
	// (the setting of the conformance test: only gas is paid).
	// Reconstruction: the paper reports only the gas fee; a percentage on
	// delivery is our choice for the "pays the seller less the fee".
	FeeBps uint16
	// GasPrice is the price, in gwei per gas, of every transaction (legacy
	// transactions, so the effective price is exactly this). Default
	// DefaultGasPrice = 1 gwei.
	GasPrice ledger.Amount
}

func (c *Config) withDefaults() (Config, error) {
	var out Config
	if c != nil {
		out = *c
	}
	if out.SlotSeconds == 0 {
		out.SlotSeconds = DefaultSlotSeconds
	}
	if out.SlotSeconds < 2 || out.SlotSeconds > 1<<32 {
		return out, fmt.Errorf("%w: SlotSeconds = %d, want 2..2^32", ErrConfig, out.SlotSeconds)
	}
	if out.FeeBps > 10_000 {
		return out, fmt.Errorf("%w: FeeBps = %d, want ≤ 10000", ErrConfig, out.FeeBps)
	}
	if out.GasPrice == 0 {
		out.GasPrice = DefaultGasPrice
	}
	if out.GasPrice < 0 || out.GasPrice > 1_000_000 {
		return out, fmt.Errorf("%w: GasPrice = %d gwei, want 1..10^6", ErrConfig, out.GasPrice)
	}
	return out, nil
}

// chainRules returns the dev chain's rules with every fork that mainnet has
// scheduled in go-ethereum v1.17.10 (through Osaka) active from genesis, and
// the experimental Bogota fork, which mainnet does not schedule, off, so the
// measured gas is mainnet's.
func chainRules() *params.ChainConfig {
	cfg := *params.AllDevChainProtocolChanges
	cfg.BogotaTime = nil
	return &cfg
}

// OpGas is the gas statistics of one operation over the transactions the
// backend has sent (rejected operations send none and are not counted).
type OpGas struct {
	Op       Op
	Count    int
	Gas      uint64 // total gas used
	Min, Max uint64
}

// Mean returns the mean gas per transaction (0 when Count = 0).
func (g OpGas) Mean() float64 {
	if g.Count == 0 {
		return 0
	}
	return float64(g.Gas) / float64(g.Count)
}

type account struct {
	name  string
	key   *ecdsa.PrivateKey
	addr  common.Address
	nonce uint64
	ready bool // funded with ether for gas and deposits
}

// Chain is the on-chain settlement backend: the SmartSharing contract
// deployed on an in-process Ethereum chain (go-ethereum's ethclient/simulated,
// a full node with the dev chain's rules, chain id 1337, in automine mode:
// each operation is one transaction sealed in its own block).
//
// Accounts are named by strings, as in package ledger; each name owns a key
// derived deterministically from it (keccak256 of a fixed prefix and the
// name; for simulation only, as anyone can derive it). A faucet funds a name
// with ether for gas and deposits the first time it sends a transaction;
// that transfer is infrastructure and counts neither in Fees nor in Gas.
//
// Time: the caller's clock (now, one call per mutating operation but
// Register) is mapped to the contract's slot. Before an operation at clock t
// above the current slot the backend seals an empty block with timestamp
// epoch + t·SlotSeconds, so the contract sees slot t; later blocks in the
// slot are one second apart. Reconstruction: the paper does not say how its
// contract measures time; slots of block time are the on-chain analogue of
// the ledger's caller clock.
//
// Chain implements ledger.Settler with the ledger's check order: every
// rejected operation returns a *TxError wrapping the sentinel that the
// off-chain ledger would return, found by estimating the transaction (the
// contract's custom error) or by the checks that the contract's types
// cannot express (ids, negative numbers, the clock). A rejected operation
// sends no transaction. Balance, Escrow and Fees read the chain.
//
// A Chain is safe for concurrent use; operations are serialised. Close
// releases the node.
type Chain struct {
	mu      sync.Mutex
	cfg     Config
	now     func() int64
	sim     *simulated.Backend
	client  simulated.Client
	ss      *contracts.SmartSharing
	addr    common.Address
	signer  types.Signer
	faucet  *account
	byName  map[string]*account
	byAddr  map[common.Address]string
	sink    string
	epoch   uint64
	head    uint64 // timestamp of the head block
	slot    uint64 // the contract's current slot
	gas     [numOps]OpGas
	feesWei *big.Int
	closed  bool
}

var _ ledger.Settler = (*Chain)(nil)

// Backend opens a Chain with the default Config and the fee sink of h; it
// has the signature of the SmartSharing example's app.Backend. The header's
// FeeModel is not used: on chain the fee is gas (see Chain.Fees). The
// Settler is a *Chain, which also implements io.Closer: close it to release
// the in-process node.
func Backend(h ledger.Header, now func() int64) (ledger.Settler, error) {
	return New(h, now, nil)
}

// New deploys the SmartSharing contract on a fresh in-process chain and
// returns the backend. h.FeeSink names the account that may withdraw the
// contract's fee pool (Config.FeeBps); h.Chain is informational (the chain
// id is the simulated backend's 1337) and h.Fees is not used: the fee is
// gas. now is the caller's clock, called once per mutating operation but
// Register; it must be non-decreasing and non-negative. New panics if now
// is nil. Deployment costs about 10^6 gas (OpDeploy in Gas, not in Fees).
func New(h ledger.Header, now func() int64, cfg *Config) (*Chain, error) {
	if now == nil {
		panic("ethsettle: nil clock")
	}
	conf, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if !validID(h.FeeSink) {
		return nil, fmt.Errorf("%w: fee sink id %q", ledger.ErrBadHeader, h.FeeSink)
	}
	c := &Chain{
		cfg:     conf,
		now:     now,
		byName:  make(map[string]*account),
		byAddr:  make(map[common.Address]string),
		sink:    h.FeeSink,
		feesWei: new(big.Int),
		ss:      contracts.NewSmartSharing(),
		head:    GenesisTime,
	}
	c.faucet = c.derive("\x00faucet")
	alloc := types.GenesisAlloc{c.faucet.addr: {Balance: new(big.Int).Lsh(big.NewInt(1), 200)}}
	c.sim = simulated.NewBackend(alloc, func(_ *node.Config, ec *ethconfig.Config) {
		ec.Genesis.Config = chainRules()
		ec.Genesis.Timestamp = GenesisTime
		ec.Genesis.BaseFee = big.NewInt(1_000_000) // 0.001 gwei, below any GasPrice
	})
	c.client = c.sim.Client()
	c.faucet.ready = true
	id, err := c.client.ChainID(context.Background())
	if err != nil {
		c.sim.Close()
		return nil, fmt.Errorf("%w: chain id: %v", ErrChain, err)
	}
	c.signer = types.LatestSignerForChainID(id)
	if err := c.deploy(); err != nil {
		c.sim.Close()
		return nil, err
	}
	return c, nil
}

func (c *Chain) deploy() error {
	owner := c.account(c.sink)
	if err := c.fund(owner); err != nil {
		return err
	}
	code := append(common.FromHex(contracts.SmartSharingMetaData.Bin),
		c.ss.PackConstructor(new(big.Int).SetUint64(c.cfg.SlotSeconds), c.cfg.FeeBps, owner.addr)...)
	gas, err := c.client.EstimateGas(context.Background(), ethereum.CallMsg{From: owner.addr, Data: code, GasPrice: c.gasPrice()})
	if err != nil {
		return fmt.Errorf("%w: deploy: %v", ErrChain, err)
	}
	rcpt, err := c.send(owner, nil, nil, code, gas)
	if err != nil {
		return err
	}
	c.addr = rcpt.ContractAddress
	c.note(OpDeploy, rcpt, false)
	out, err := c.call(c.ss.PackEpoch())
	if err != nil {
		return err
	}
	epoch, err := c.ss.UnpackEpoch(out)
	if err != nil || !epoch.IsUint64() || epoch.Uint64() != c.head {
		return fmt.Errorf("%w: epoch %v, want the deployment block's time %d (%v)", ErrChain, epoch, c.head, err)
	}
	c.epoch = c.head
	return nil
}

// Close shuts the in-process node down; the Chain is unusable afterwards.
func (c *Chain) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	return c.sim.Close()
}

// Address returns the contract's address.
func (c *Chain) Address() common.Address { return c.addr }

// AccountAddress returns the address of the key that the backend derives for
// the account name.
func (c *Chain) AccountAddress(name string) common.Address {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.account(name).addr
}

// Client returns the simulated chain's client, for reading events and state.
func (c *Chain) Client() simulated.Client { return c.client }

// Config returns the Config in use, defaults filled in.
func (c *Chain) Config() Config { return c.cfg }

// Slot returns the contract's current slot (the last clock value used).
func (c *Chain) Slot() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.slot
}

// Gas returns the gas statistics per operation, in Op order (OpDeploy first).
func (c *Chain) Gas() []OpGas {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]OpGas, numOps)
	copy(out, c.gas[:])
	for i := range out {
		out[i].Op = Op(i)
	}
	return out
}

func (c *Chain) gasPrice() *big.Int {
	return new(big.Int).Mul(big.NewInt(int64(c.cfg.GasPrice)), big.NewInt(weiPerGwei))
}

// derive returns the account of name, deriving its key on first use.
func (c *Chain) derive(name string) *account {
	seed := crypto.Keccak256([]byte("cdnkit/ethsettle account\x00"), []byte(name))
	for {
		key, err := crypto.ToECDSA(seed)
		if err == nil {
			return &account{name: name, key: key, addr: crypto.PubkeyToAddress(key.PublicKey)}
		}
		seed = crypto.Keccak256(seed) // probability ≈ 2^-128
	}
}

func (c *Chain) account(name string) *account {
	if a, ok := c.byName[name]; ok {
		return a
	}
	a := c.derive(name)
	c.byName[name] = a
	c.byAddr[a.addr] = name
	return a
}

// name returns the account name of addr, or its hex form when unknown.
func (c *Chain) name(addr common.Address) string {
	if n, ok := c.byAddr[addr]; ok {
		return n
	}
	if addr == (common.Address{}) {
		return ""
	}
	return addr.Hex()
}

// fund gives a new account 2^100 wei (≈ 1.3·10^12 ether) from the faucet.
func (c *Chain) fund(a *account) error {
	if a.ready {
		return nil
	}
	value := new(big.Int).Lsh(big.NewInt(1), 100)
	if _, err := c.send(c.faucet, &a.addr, value, nil, 21000); err != nil {
		return err
	}
	a.ready = true
	return nil
}

// send signs a legacy transaction from a, submits it, seals a block and
// returns the successful receipt.
func (c *Chain) send(a *account, to *common.Address, value *big.Int, data []byte, gas uint64) (*types.Receipt, error) {
	if c.head+1 >= c.epoch+(c.slot+1)*c.cfg.SlotSeconds && c.epoch != 0 {
		return nil, fmt.Errorf("%w: slot %d is full (%d blocks); raise Config.SlotSeconds", ErrChain, c.slot, c.cfg.SlotSeconds-1)
	}
	if value == nil {
		value = new(big.Int)
	}
	var inner types.TxData
	if to == nil {
		inner = &types.LegacyTx{Nonce: a.nonce, GasPrice: c.gasPrice(), Gas: gas, Value: value, Data: data}
	} else {
		inner = &types.LegacyTx{Nonce: a.nonce, GasPrice: c.gasPrice(), Gas: gas, To: to, Value: value, Data: data}
	}
	tx, err := types.SignNewTx(a.key, c.signer, inner)
	if err != nil {
		return nil, fmt.Errorf("%w: sign: %v", ErrChain, err)
	}
	ctx := context.Background()
	// The pool validates against its own view of the head state, which it
	// updates in the background after a block: a transaction that spends
	// ether received in the previous block can be refused for a moment.
	for try := 0; ; try++ {
		err = c.client.SendTransaction(ctx, tx)
		if err == nil {
			break
		}
		if try == 1000 || !strings.Contains(err.Error(), "insufficient funds") {
			return nil, fmt.Errorf("%w: send: %v", ErrChain, err)
		}
		time.Sleep(time.Millisecond)
	}
	a.nonce++
	c.sim.Commit()
	c.head++
	rcpt, err := c.client.TransactionReceipt(ctx, tx.Hash())
	if err != nil {
		return nil, fmt.Errorf("%w: receipt: %v", ErrChain, err)
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		return nil, fmt.Errorf("%w: transaction %s reverted when mined", ErrChain, tx.Hash().Hex())
	}
	return rcpt, nil
}

// note records a transaction's gas (and, when fee is set, its fee).
func (c *Chain) note(op Op, r *types.Receipt, fee bool) {
	g := &c.gas[op]
	g.Op = op
	if g.Count == 0 || r.GasUsed < g.Min {
		g.Min = r.GasUsed
	}
	g.Max = max(g.Max, r.GasUsed)
	g.Count++
	g.Gas += r.GasUsed
	if fee {
		price := r.EffectiveGasPrice
		if price == nil {
			price = c.gasPrice()
		}
		c.feesWei.Add(c.feesWei, new(big.Int).Mul(price, new(big.Int).SetUint64(r.GasUsed)))
	}
}

// advance moves the chain to slot t > c.slot with empty blocks.
func (c *Chain) advance(t uint64) error {
	if t > (math.MaxUint64-c.epoch)/c.cfg.SlotSeconds-1 {
		return fmt.Errorf("clock %d beyond the chain's time range", t)
	}
	target := c.epoch + t*c.cfg.SlotSeconds
	const step = uint64(1) << 32 // keeps time.Duration in range
	for c.head < target {
		d := min(target-c.head, step)
		if err := c.adjustTime(time.Duration(d) * time.Second); err != nil {
			return fmt.Errorf("%w: adjust time: %v", ErrChain, err)
		}
		c.head += d
	}
	c.slot = t
	return nil
}

// adjustTime moves the simulated clock by d. Right after a sealed block the
// transaction pool may still be emptying the pending block in the
// background, and the simulated backend then refuses to adjust time ("could
// not adjust time on non-empty block"); that refusal is transient and comes
// before anything is sent, so it is retried, at most 1000 times 1 ms apart,
// as send retries the pool's transient "insufficient funds".
func (c *Chain) adjustTime(d time.Duration) error {
	for try := 0; ; try++ {
		err := c.sim.AdjustTime(d)
		if err == nil || try == 1000 || !strings.Contains(err.Error(), "non-empty block") {
			return err
		}
		time.Sleep(time.Millisecond)
	}
}

// exec runs one operation: off-chain checks, the clock, estimation (which
// reports the contract's custom error), then the transaction.
func (c *Chain) exec(op Op, who string, value *big.Int, data []byte, timed bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return fmt.Errorf("%w: closed", ErrChain)
	}
	if !validID(who) {
		return &TxError{Op: op, Account: who, Reason: fmt.Sprintf("invalid account id %q", who), Err: ledger.ErrInvalidTx}
	}
	if timed {
		t := c.now()
		switch {
		case t < 0:
			return &TxError{Op: op, Account: who, Reason: fmt.Sprintf("clock %d < 0", t), Err: ledger.ErrInvalidTx}
		case uint64(t) < c.slot:
			return &TxError{Op: op, Account: who, Reason: fmt.Sprintf("clock %d before the chain's slot %d", t, c.slot), Err: ledger.ErrInvalidTx}
		case uint64(t) > c.slot:
			if err := c.advance(uint64(t)); err != nil {
				if errors.Is(err, ErrChain) {
					return err
				}
				return &TxError{Op: op, Account: who, Reason: err.Error(), Err: ledger.ErrInvalidTx}
			}
		}
	}
	a := c.account(who)
	if err := c.fund(a); err != nil {
		return err
	}
	msg := ethereum.CallMsg{From: a.addr, To: &c.addr, GasPrice: c.gasPrice(), Value: value, Data: data}
	gas, err := c.client.EstimateGas(context.Background(), msg)
	if err != nil {
		return c.rejection(op, who, err)
	}
	gas += gas / 8 // margin; only the gas used is paid
	rcpt, err := c.send(a, &c.addr, value, data, gas)
	if err != nil {
		return err
	}
	c.note(op, rcpt, true)
	return nil
}

// rejection turns an estimation failure into a *TxError (a known custom
// error of the contract) or an ErrChain error.
func (c *Chain) rejection(op Op, who string, err error) error {
	raw, ok := revertData(err)
	if !ok {
		return fmt.Errorf("%w: estimate %v: %v", ErrChain, op, err)
	}
	v, uerr := c.ss.UnpackError(raw)
	if uerr != nil {
		return fmt.Errorf("%w: %v reverted with unknown data %x", ErrChain, op, raw)
	}
	text, sentinel := sentinelOf(v)
	if sentinel == nil {
		return fmt.Errorf("%w: %v reverted with %T", ErrChain, op, v)
	}
	return &TxError{Op: op, Account: who, Revert: text, Reason: err.Error(), Err: sentinel}
}

// revertData extracts the revert data of an RPC error (at least a selector).
func revertData(err error) ([]byte, bool) {
	var de rpc.DataError
	if !errors.As(err, &de) {
		return nil, false
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return nil, false
	}
	raw, derr := hexutil.Decode(s)
	if derr != nil || len(raw) < 4 {
		return nil, false
	}
	return raw, true
}

// validID reports whether s is a ledger account id: 1..64 bytes in 0x21..0x7E.
func validID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

func invalid(op Op, who, format string, args ...any) error {
	return &TxError{Op: op, Account: who, Reason: fmt.Sprintf(format, args...), Err: ledger.ErrInvalidTx}
}

// Register sets the account's price list (per unit, in gwei; every price > 0):
// one register transaction.
func (c *Chain) Register(acct string, prices []ledger.Amount) error {
	if len(prices) == 0 {
		return invalid(OpRegister, acct, "empty price list")
	}
	list := make([]uint64, len(prices))
	for i, p := range prices {
		if p <= 0 {
			return invalid(OpRegister, acct, "price[%d] = %d must be > 0", i, p)
		}
		list[i] = uint64(p)
	}
	return c.exec(OpRegister, acct, nil, c.ss.PackRegister(list), false)
}

// Deposit pays amount gwei (> 0) into the contract for acct.
func (c *Chain) Deposit(acct string, amount ledger.Amount) error {
	if amount <= 0 {
		return invalid(OpDeposit, acct, "amount %d must be > 0", amount)
	}
	value := new(big.Int).Mul(big.NewInt(int64(amount)), big.NewInt(weiPerGwei))
	return c.exec(OpDeposit, acct, value, c.ss.PackDeposit(), true)
}

// Withdraw pays amount gwei (> 0) of acct's balance out to its key.
func (c *Chain) Withdraw(acct string, amount ledger.Amount) error {
	if amount <= 0 {
		return invalid(OpWithdraw, acct, "amount %d must be > 0", amount)
	}
	return c.exec(OpWithdraw, acct, nil, c.ss.PackWithdraw(big.NewInt(int64(amount))), true)
}

// Open locks amount gwei of buyer's balance in escrow id for seller's
// content at a per-unit price on the seller's list, until deadline (a slot).
func (c *Chain) Open(buyer, seller string, id uint64, price, amount ledger.Amount, deadline int64, content ledger.Digest) error {
	if !validID(seller) {
		return invalid(OpOpen, buyer, "invalid seller id %q", seller)
	}
	if price <= 0 {
		return invalid(OpOpen, buyer, "price %d is not on seller %q's list", price, seller)
	}
	if amount < 0 {
		return invalid(OpOpen, buyer, "amount %d < 0", amount)
	}
	if deadline < 0 {
		return invalid(OpOpen, buyer, "deadline %d < 0", deadline)
	}
	c.mu.Lock()
	s := c.account(seller).addr
	c.mu.Unlock()
	data := c.ss.PackOpen(id, s, uint64(price), uint64(amount), uint64(deadline), content)
	return c.exec(OpOpen, buyer, nil, data, true)
}

// Confirm releases escrow id to its seller (less the contract fee): buyer
// confirms delivery of content with the promised digest.
func (c *Chain) Confirm(buyer string, id uint64, content ledger.Digest) error {
	return c.exec(OpConfirm, buyer, nil, c.ss.PackConfirm(id, content), true)
}

// Cancel returns escrow id to its buyer, on the seller's request.
func (c *Chain) Cancel(seller string, id uint64) error {
	return c.exec(OpCancel, seller, nil, c.ss.PackCancel(id), true)
}

// Refund returns escrow id to its buyer after its deadline.
func (c *Chain) Refund(buyer string, id uint64) error {
	return c.exec(OpRefund, buyer, nil, c.ss.PackRefund(id), true)
}

func (c *Chain) call(data []byte) ([]byte, error) {
	out, err := c.client.CallContract(context.Background(), ethereum.CallMsg{To: &c.addr, Data: data}, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: call: %v", ErrChain, err)
	}
	return out, nil
}

func toAmount(v *big.Int) (ledger.Amount, error) {
	if !v.IsInt64() {
		return 0, fmt.Errorf("%w: amount %v out of int64 range", ErrChain, v)
	}
	return ledger.Amount(v.Int64()), nil
}

// Balance returns acct's balance in the contract, in gwei (0 for unknown
// accounts).
func (c *Chain) Balance(acct string) (ledger.Amount, error) {
	c.mu.Lock()
	addr := c.account(acct).addr
	c.mu.Unlock()
	out, err := c.call(c.ss.PackBalanceOf(addr))
	if err != nil {
		return 0, err
	}
	v, err := c.ss.UnpackBalanceOf(out)
	if err != nil {
		return 0, fmt.Errorf("%w: balanceOf: %v", ErrChain, err)
	}
	return toAmount(v)
}

// Escrow returns escrow id as a ledger.Escrow (Opened and Closed are block
// numbers) and whether it exists.
func (c *Chain) Escrow(id uint64) (ledger.Escrow, bool, error) {
	out, err := c.call(c.ss.PackEscrowOf(id))
	if err != nil {
		return ledger.Escrow{}, false, err
	}
	e, err := c.ss.UnpackEscrowOf(out)
	if err != nil {
		return ledger.Escrow{}, false, fmt.Errorf("%w: escrowOf: %v", ErrChain, err)
	}
	if e.State == 0 {
		return ledger.Escrow{}, false, nil
	}
	if e.Amount > math.MaxInt64 || e.Deadline > math.MaxInt64 {
		return ledger.Escrow{}, false, fmt.Errorf("%w: escrow %d out of int64 range", ErrChain, id)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return ledger.Escrow{
		ID:       id,
		State:    ledger.EscrowState(e.State), // Locked = 1, Released = 2, Refunded = 3 in both
		Buyer:    c.name(e.Buyer),
		Seller:   c.name(e.Seller),
		Amount:   ledger.Amount(e.Amount),
		Deadline: int64(e.Deadline),
		Content:  ledger.Digest(e.Content),
		Opened:   e.Opened,
		Closed:   e.Closed,
	}, true, nil
}

// Fees returns the total gas fee of the operations' transactions, in gwei:
// Σ gas used × effective gas price (deployment and faucet transfers
// excluded).
func (c *Chain) Fees() (ledger.Amount, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return toAmount(new(big.Int).Quo(c.feesWei, big.NewInt(weiPerGwei)))
}

// Totals is the contract's bookkeeping, in gwei.
type Totals struct {
	Deposited, Withdrawn, Escrowed, FeePool, FeesWithdrawn ledger.Amount
	// Ether is the contract's ether balance in gwei: it equals
	// Deposited − Withdrawn − FeesWithdrawn.
	Ether ledger.Amount
}

// Totals reads the contract's totals and its ether balance. Conservation:
// Σ balances + Escrowed + FeePool = Deposited − Withdrawn − FeesWithdrawn =
// Ether.
func (c *Chain) Totals() (Totals, error) {
	var t Totals
	read := []struct {
		dst  *ledger.Amount
		data []byte
	}{
		{&t.Deposited, c.ss.PackTotalDeposited()},
		{&t.Withdrawn, c.ss.PackTotalWithdrawn()},
		{&t.Escrowed, c.ss.PackTotalEscrowed()},
		{&t.FeePool, c.ss.PackFeePool()},
		{&t.FeesWithdrawn, c.ss.PackFeesWithdrawn()},
	}
	for _, r := range read {
		out, err := c.call(r.data)
		if err != nil {
			return t, err
		}
		v := new(big.Int).SetBytes(out)
		if len(out) != 32 {
			return t, fmt.Errorf("%w: total: %d bytes", ErrChain, len(out))
		}
		if *r.dst, err = toAmount(v); err != nil {
			return t, err
		}
	}
	wei, err := c.client.BalanceAt(context.Background(), c.addr, nil)
	if err != nil {
		return t, fmt.Errorf("%w: balance: %v", ErrChain, err)
	}
	t.Ether, err = toAmount(new(big.Int).Quo(wei, big.NewInt(weiPerGwei)))
	return t, err
}

// WithdrawFees pays the contract's fee pool out to the fee sink (the
// header's FeeSink): one transaction by the sink.
func (c *Chain) WithdrawFees() error {
	return c.exec(OpWithdraw, c.sink, nil, c.ss.PackWithdrawFees(), false)
}
