package ethsettle

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"

	"github.com/cdnkit/cdnkit/ethsettle/contracts"
)

// DelayConfig configures MeasureDelay. A nil *DelayConfig or a zero field
// means the documented default.
type DelayConfig struct {
	// Levels are the numbers of simultaneous transactions per burst, each in
	// 1..1024. Default 1, 2, 4, 8, 16, 32, 64 (the paper's Fig. 5(b) axis,
	// Reconstruction: its exact values are not in the available text).
	Levels []int
	// Rounds is the number of bursts per level (default 5).
	Rounds int
	// BlockPeriod is the sealing period (default 1 s, as geth --dev
	// --dev.period 1); at least 10 ms.
	BlockPeriod time.Duration
	// BlockGasLimit caps the gas of a block (0: the dev chain's default,
	// which holds every burst; a small cap makes bursts queue: an Open uses
	// about 1.5·10^5 gas). At least 2·10^6.
	BlockGasLimit uint64
	// Src draws each burst's start phase within the block period; nil uses
	// math/rand/v2's top-level functions.
	Src rand.Source
}

// DelayPoint is the delay statistics of one level: the time from the
// submission of a trade (the Open transaction, estimated, signed and sent
// by its buyer's goroutine) to the moment its receipt is available.
type DelayPoint struct {
	Simultaneous int
	Samples      int
	Mean, P95    time.Duration // P95 by nearest rank
	Max          time.Duration
	Blocks       float64 // mean number of blocks a burst's transactions span
}

func (c *DelayConfig) withDefaults() (DelayConfig, error) {
	var out DelayConfig
	if c != nil {
		out = *c
	}
	if len(out.Levels) == 0 {
		out.Levels = []int{1, 2, 4, 8, 16, 32, 64}
	}
	for i, n := range out.Levels {
		if n < 1 || n > 1024 {
			return out, fmt.Errorf("%w: Levels[%d] = %d, want 1..1024", ErrConfig, i, n)
		}
	}
	if out.Rounds == 0 {
		out.Rounds = 5
	}
	if out.Rounds < 0 || out.Rounds > 1000 {
		return out, fmt.Errorf("%w: Rounds = %d, want 1..1000", ErrConfig, out.Rounds)
	}
	if out.BlockPeriod == 0 {
		out.BlockPeriod = time.Second
	}
	if out.BlockPeriod < 10*time.Millisecond || out.BlockPeriod > time.Minute {
		return out, fmt.Errorf("%w: BlockPeriod = %v, want 10ms..1m", ErrConfig, out.BlockPeriod)
	}
	if out.BlockGasLimit != 0 && out.BlockGasLimit < 2_000_000 {
		return out, fmt.Errorf("%w: BlockGasLimit = %d, want 0 or ≥ 2000000 (the deployment needs 1.6·10^6)", ErrConfig, out.BlockGasLimit)
	}
	return out, nil
}

type pendingTx struct {
	sent  time.Time
	delay time.Duration
	block uint64
	done  chan struct{}
}

// MeasureDelay measures the Fig. 5(b) analogue: for each level n, Rounds
// bursts of n simultaneous trades, each an Open by a distinct buyer sent
// from its own goroutine, on a fresh in-process chain (the rules of New)
// whose blocks are sealed every BlockPeriod by a ticker, as a dev chain
// does: a block holds the transactions that reached the pool before its
// seal, and the sealer reads the receipts right after sealing. Each burst
// starts at a random phase of the period, so on an idle chain the mean delay
// is about half a period plus the submission cost. Delays are wall-clock
// and depend on the machine's load. The run takes about
// len(Levels)·Rounds·BlockPeriod·(1.5 + queued blocks); ctx is honoured
// between bursts.
func MeasureDelay(ctx context.Context, cfg *DelayConfig) ([]DelayPoint, error) {
	conf, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	rnd := rand.Float64
	if conf.Src != nil {
		rnd = rand.New(conf.Src).Float64
	}
	maxN := slices.Max(conf.Levels)
	keys := make([]*ecdsa.PrivateKey, maxN+1) // keys[0] deploys and sells
	alloc := types.GenesisAlloc{}
	ether := new(big.Int).Lsh(big.NewInt(1), 90)
	for i := range keys {
		k, err := crypto.ToECDSA(crypto.Keccak256([]byte(fmt.Sprintf("cdnkit/ethsettle delay %d", i))))
		if err != nil {
			return nil, fmt.Errorf("%w: key: %v", ErrChain, err)
		}
		keys[i] = k
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: ether}
	}
	sim := simulated.NewBackend(alloc, func(_ *node.Config, ec *ethconfig.Config) {
		ec.Genesis.Config = chainRules()
		if conf.BlockGasLimit != 0 {
			ec.Genesis.GasLimit = conf.BlockGasLimit
			ec.Miner.GasCeil = conf.BlockGasLimit
		}
	})
	defer sim.Close()
	d := &delayRun{sim: sim, client: sim.Client(), ss: contracts.NewSmartSharing(), keys: keys, nonces: make([]uint64, len(keys))}
	if err := d.setup(); err != nil {
		return nil, err
	}

	// The sealer: one block per period; receipts are looked up after each.
	var mu sync.Mutex
	pending := map[common.Hash]*pendingTx{}
	stop := make(chan struct{})
	sealed := make(chan time.Time, 1)
	var sealerDone sync.WaitGroup
	sealerDone.Add(1)
	go func() {
		defer sealerDone.Done()
		tick := time.NewTicker(conf.BlockPeriod)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			sim.Commit()
			at := time.Now()
			mu.Lock()
			hashes := make([]common.Hash, 0, len(pending))
			for h := range pending {
				hashes = append(hashes, h)
			}
			mu.Unlock()
			for _, h := range hashes {
				r, err := d.client.TransactionReceipt(context.Background(), h)
				if err != nil {
					continue // not mined yet
				}
				mu.Lock()
				p := pending[h]
				p.delay = time.Since(p.sent)
				p.block = r.BlockNumber.Uint64()
				delete(pending, h)
				mu.Unlock()
				close(p.done)
			}
			select {
			case sealed <- at:
			default:
			}
		}
	}()
	defer func() {
		close(stop)
		sealerDone.Wait()
	}()

	out := make([]DelayPoint, 0, len(conf.Levels))
	var id uint64
	for _, n := range conf.Levels {
		var delays []time.Duration
		var blocks float64
		for range conf.Rounds {
			if err := ctx.Err(); err != nil {
				return out, err
			}
			var last time.Time
			select {
			case last = <-sealed:
			case <-ctx.Done():
				return out, ctx.Err()
			}
			time.Sleep(time.Until(last.Add(time.Duration(rnd() * float64(conf.BlockPeriod)))))
			txs := make([]*pendingTx, n)
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				id++
				wg.Add(1)
				go func(i int, id uint64) {
					defer wg.Done()
					p := &pendingTx{sent: time.Now(), done: make(chan struct{})}
					tx, err := d.trade(1+i, id)
					if err != nil {
						errs[i] = err
						return
					}
					mu.Lock()
					pending[tx.Hash()] = p
					mu.Unlock()
					if err := d.client.SendTransaction(context.Background(), tx); err != nil {
						mu.Lock()
						delete(pending, tx.Hash())
						mu.Unlock()
						errs[i] = fmt.Errorf("%w: send: %v", ErrChain, err)
						return
					}
					txs[i] = p
				}(i, id)
			}
			wg.Wait()
			seen := map[uint64]bool{}
			for i, p := range txs {
				if errs[i] != nil {
					return out, errs[i]
				}
				select {
				case <-p.done:
				case <-ctx.Done():
					return out, ctx.Err()
				}
				delays = append(delays, p.delay)
				seen[p.block] = true
			}
			blocks += float64(len(seen))
		}
		out = append(out, summarise(n, delays, blocks/float64(conf.Rounds)))
	}
	return out, nil
}

func summarise(n int, delays []time.Duration, blocks float64) DelayPoint {
	slices.Sort(delays)
	var sum time.Duration
	for _, d := range delays {
		sum += d
	}
	k := (95*len(delays) + 99) / 100 // nearest rank ⌈0.95·len⌉
	return DelayPoint{
		Simultaneous: n,
		Samples:      len(delays),
		Mean:         sum / time.Duration(len(delays)),
		P95:          delays[k-1],
		Max:          delays[len(delays)-1],
		Blocks:       blocks,
	}
}

type delayRun struct {
	sim    *simulated.Backend
	client simulated.Client
	ss     *contracts.SmartSharing
	addr   common.Address
	keys   []*ecdsa.PrivateKey
	nonces []uint64 // each buyer's goroutine owns its entry
	signer types.Signer
}

const delayPrice = 1000 // gwei per unit

// setup deploys the contract, registers keys[0] as the seller and deposits
// for every buyer, sealing blocks by hand.
func (d *delayRun) setup() error {
	ctx := context.Background()
	id, err := d.client.ChainID(ctx)
	if err != nil {
		return fmt.Errorf("%w: chain id: %v", ErrChain, err)
	}
	d.signer = types.LatestSignerForChainID(id)
	code := append(common.FromHex(contracts.SmartSharingMetaData.Bin),
		d.ss.PackConstructor(big.NewInt(DefaultSlotSeconds), 0, crypto.PubkeyToAddress(d.keys[0].PublicKey))...)
	tx, err := d.sign(0, nil, nil, code, 1_900_000)
	if err != nil {
		return err
	}
	if err := d.client.SendTransaction(ctx, tx); err != nil {
		return fmt.Errorf("%w: deploy: %v", ErrChain, err)
	}
	d.sim.Commit()
	r, err := d.client.TransactionReceipt(ctx, tx.Hash())
	if err != nil || r.Status != types.ReceiptStatusSuccessful {
		return fmt.Errorf("%w: deploy receipt: %v", ErrChain, err)
	}
	d.addr = r.ContractAddress
	var hashes []common.Hash
	send := func(i int, value *big.Int, data []byte) error {
		tx, err := d.sign(i, &d.addr, value, data, 300_000)
		if err != nil {
			return err
		}
		if err := d.client.SendTransaction(ctx, tx); err != nil {
			return fmt.Errorf("%w: setup: %v", ErrChain, err)
		}
		hashes = append(hashes, tx.Hash())
		return nil
	}
	if err := send(0, nil, d.ss.PackRegister([]uint64{delayPrice})); err != nil {
		return err
	}
	deposit := new(big.Int).Mul(big.NewInt(1_000_000_000), big.NewInt(weiPerGwei)) // 1 ether
	for i := 1; i < len(d.keys); i++ {
		if err := send(i, deposit, d.ss.PackDeposit()); err != nil {
			return err
		}
	}
	for len(hashes) > 0 {
		d.sim.Commit()
		rest := hashes[:0]
		for _, h := range hashes {
			r, err := d.client.TransactionReceipt(ctx, h)
			if err != nil {
				rest = append(rest, h)
				continue
			}
			if r.Status != types.ReceiptStatusSuccessful {
				return fmt.Errorf("%w: setup transaction reverted", ErrChain)
			}
		}
		hashes = rest
	}
	return nil
}

func (d *delayRun) sign(i int, to *common.Address, value *big.Int, data []byte, gas uint64) (*types.Transaction, error) {
	if value == nil {
		value = new(big.Int)
	}
	price := big.NewInt(2 * weiPerGwei) // above the dev chain's base fee
	var inner types.TxData
	if to == nil {
		inner = &types.LegacyTx{Nonce: d.nonces[i], GasPrice: price, Gas: gas, Value: value, Data: data}
	} else {
		inner = &types.LegacyTx{Nonce: d.nonces[i], GasPrice: price, Gas: gas, To: to, Value: value, Data: data}
	}
	tx, err := types.SignNewTx(d.keys[i], d.signer, inner)
	if err != nil {
		return nil, fmt.Errorf("%w: sign: %v", ErrChain, err)
	}
	d.nonces[i]++
	return tx, nil
}

// trade builds buyer i's Open of escrow id (estimated as a wallet does).
func (d *delayRun) trade(i int, id uint64) (*types.Transaction, error) {
	seller := crypto.PubkeyToAddress(d.keys[0].PublicKey)
	data := d.ss.PackOpen(id, seller, delayPrice, delayPrice, 1<<40, [32]byte{byte(id), byte(id >> 8), byte(id >> 16)})
	from := crypto.PubkeyToAddress(d.keys[i].PublicKey)
	gas, err := d.client.EstimateGas(context.Background(), ethereum.CallMsg{From: from, To: &d.addr, Data: data})
	if err != nil {
		return nil, fmt.Errorf("%w: estimate trade: %v", ErrChain, err)
	}
	return d.sign(i, &d.addr, nil, data, gas+gas/8)
}
