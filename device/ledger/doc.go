// Package ledger is an append-only, SHA-256 hash-chained settlement ledger
// with escrow and a fee model: an off-chain model of SmartSharing's Ethereum
// content-trading contract.
//
// # Overview
//
// SmartSharing's OTT devices pay each other for content through a smart
// contract whose code is not public. Reconstruction: this package keeps the
// contract's observable guarantees — append-only history, balances that never
// go negative, payment only after delivery, and replay protection — and runs
// them off-chain.
//
// A Ledger starts from a Header (chain id, fee sink, FeeModel) whose
// canonical bytes hash to the genesis digest G. Each accepted Tx becomes a
// Record with a sequence number, the previous record's hash (G for the
// first), its fee and its own SHA-256 hash over the canonical bytes
//
//	"SSR1" | u64 Seq | Prev[32] | u8 Kind | i64 Time | u8 len | Payer | u64 Nonce |
//	u8 len | Counterparty | u64 Escrow | i64 Amount | i64 Deadline | Content[32] | i64 Fee
//
// (127 + len(Payer) + len(Counterparty) bytes, big-endian). The stream format
// (WriteTo, Decode, Read) is the header bytes followed by each record's bytes
// and hash; it is canonical, so an accepted stream re-encodes byte for byte.
//
// Kinds: Deposit and Withdraw move funds in and out (Amount > 0). Open locks
// the buyer's Amount in escrow for a seller and a content digest, until a
// Deadline ≥ Time. Confirm (by the buyer, with the promised digest, at Time ≤
// Deadline) releases it to the seller: pay on delivery. Cancel (by the
// seller) or Refund (by the buyer, only after the Deadline) returns it to the
// buyer. Fields a kind does not use must be zero.
//
// Fees: Fee = PerRecord + PerByte·len(record bytes), paid by the payer to the
// FeeSink account. DefaultFeeModel is the paper's 0.00005 ether = 50 000 gwei
// per transaction; PaperUSDPerEther = 600 is for reporting only.
//
// Check order (Append, Check, Verify; the first failure decides):
//
//  1. field rules, id syntax (1..64 bytes in 0x21..0x7E), known kind → ErrInvalidTx;
//  2. nonce below the payer's next → ErrReplay; above it → ErrInvalidTx (gap);
//  3. Time before the previous record's Time → ErrInvalidTx;
//  4. kind rules: an Open of a used escrow id → ErrReplay; settling an
//     unknown escrow → ErrInvalidTx, one that is not Locked → ErrReplay
//     (double settlement), by the wrong party, at the wrong time or with the
//     wrong content → ErrInvalidTx; a Deposit beyond MaxSupply (or fees
//     beyond int64) → ErrOverflow;
//  5. the payer's balance after credits, debits and the fee < 0 →
//     ErrOverdraft. The fee is paid from funds held before the fee is
//     credited, even when the payer is the fee sink.
//
// A rejected transaction changes nothing. Conservation holds exactly:
// Σ balances + Σ locked escrows = deposited − withdrawn.
//
// Verification (Verify, Read) replays the records from an empty state and
// reports ErrTampered for a wrong Seq, Prev, Hash or Fee, and for a final
// head that differs from a trusted head. Threat model: without a trusted head
// it detects every single-bit flip, every splice of a verbatim record and
// every cross-chain copy; with a trusted head (published, as Ethereum
// publishes block hashes) also truncation and a consistent full rewrite. A
// replayed transaction with its old nonce gives ErrReplay; with a fresh nonce
// it gives ErrReplay through the escrow state, or it is a new, valid, paid
// Deposit or Withdraw by the account holder.
//
// Not modelled: signatures and authentication (Ethereum's ECDSA; here the
// operator authenticates payers), gas-price dynamics, block times and the
// transaction delay of the paper's Fig. 5b, and fair exchange (a buyer who
// never confirms gets a refund after the deadline).
//
// Settler is the small backend interface (Register, Deposit, Withdraw, Open,
// Confirm, Cancel, Refund, Balance, Escrow, Fees) that both this ledger
// (through NewSettler) and an on-chain EVM backend can satisfy.
//
// # References
//
//   - J. Fan, K. Wu, D. Liu, G. Tang, "SmartSharing" (origin: J. Fan,
//     "SmartSharing: a content delivery network with local sharing of
//     over-the-top devices", M.Sc. thesis, University of Victoria, 2018,
//     UVicSpace handle 1828/10125): the content-trading contract (Fig. 2) and
//     the fee of 0.00005 ether per transaction.
//   - G. Wood, "Ethereum: a secure decentralised generalised transaction
//     ledger" (Yellow Paper): account nonces.
//   - V. Buterin, EIP-155, "Simple replay attack protection", 2016: the chain
//     id as a replay domain.
//   - Peer: google/trillian (Merkle-tree transparency log, O(log n) proofs, no
//     account semantics); this ledger is a linear chain with escrow
//     semantics, O(1) append and O(n) verification.
package ledger
