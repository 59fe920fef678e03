package ledger

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

const (
	headerMagic = "CDNKLDG1"
	recordMagic = "SSR1"
)

// appendHeader appends the canonical header bytes:
//
//	"CDNKLDG1" | u8 len(Chain) | Chain | u8 len(FeeSink) | FeeSink | i64 PerRecord | i64 PerByte
func appendHeader(dst []byte, h Header) []byte {
	dst = append(dst, headerMagic...)
	dst = append(dst, byte(len(h.Chain)))
	dst = append(dst, h.Chain...)
	dst = append(dst, byte(len(h.FeeSink)))
	dst = append(dst, h.FeeSink...)
	dst = binary.BigEndian.AppendUint64(dst, uint64(h.Fees.PerRecord))
	return binary.BigEndian.AppendUint64(dst, uint64(h.Fees.PerByte))
}

// genesis returns SHA-256 of the canonical header bytes.
func genesis(h Header) Digest { return sha256.Sum256(appendHeader(nil, h)) }

// AppendCanonical appends the canonical record bytes to dst and returns it:
//
//	"SSR1" | u64 Seq | Prev[32] | u8 Kind | i64 Time | u8 len(Payer) | Payer | u64 Nonce |
//	u8 len(Counterparty) | Counterparty | u64 Escrow | i64 Amount | i64 Deadline | Content[32] | i64 Fee
//
// (127 + len(Payer) + len(Counterparty) bytes, integers big-endian two's
// complement). Hash is not part of the bytes.
func (r *Record) AppendCanonical(dst []byte) []byte {
	be := binary.BigEndian
	dst = append(dst, recordMagic...)
	dst = be.AppendUint64(dst, r.Seq)
	dst = append(dst, r.Prev[:]...)
	dst = append(dst, byte(r.Kind))
	dst = be.AppendUint64(dst, uint64(r.Time))
	dst = append(dst, byte(len(r.Payer)))
	dst = append(dst, r.Payer...)
	dst = be.AppendUint64(dst, r.Nonce)
	dst = append(dst, byte(len(r.Counterparty)))
	dst = append(dst, r.Counterparty...)
	dst = be.AppendUint64(dst, r.Escrow)
	dst = be.AppendUint64(dst, uint64(r.Amount))
	dst = be.AppendUint64(dst, uint64(r.Deadline))
	dst = append(dst, r.Content[:]...)
	return be.AppendUint64(dst, uint64(r.Fee))
}

// ComputeHash returns SHA-256 of the canonical record bytes.
func (r *Record) ComputeHash() Digest {
	var buf [recordFixedLen + 2*255]byte
	return sha256.Sum256(r.AppendCanonical(buf[:0]))
}

// WriteTo writes the ledger's stream: the header bytes, then each record's
// canonical bytes followed by its Hash. It implements io.WriterTo.
func (l *Ledger) WriteTo(w io.Writer) (int64, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	bw := bufio.NewWriterSize(w, 64<<10)
	var total int64
	buf := appendHeader(make([]byte, 0, 512), l.h)
	n, err := bw.Write(buf)
	total += int64(n)
	if err != nil {
		return total, err
	}
	for i := range l.recs {
		r := &l.recs[i]
		buf = r.AppendCanonical(buf[:0])
		buf = append(buf, r.Hash[:]...)
		n, err := bw.Write(buf)
		total += int64(n)
		if err != nil {
			return total, err
		}
	}
	return total, bw.Flush()
}

// decoder reads the stream format with byte offsets for errors.
type decoder struct {
	r      *bufio.Reader
	off    int64
	buf    [64]byte
	intern map[string]string
}

func (d *decoder) fail(reason string) error {
	return &FormatError{Offset: d.off, Reason: reason}
}

// read fills b; a short read is a truncation.
func (d *decoder) read(b []byte, what string) error {
	n, err := io.ReadFull(d.r, b)
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return &FormatError{Offset: d.off + int64(n), Reason: "truncated " + what, truncated: true}
		}
		return &FormatError{Offset: d.off + int64(n), Reason: fmt.Sprintf("reading %s: %v", what, err)}
	}
	d.off += int64(len(b))
	return nil
}

func (d *decoder) u64(what string) (uint64, error) {
	if err := d.read(d.buf[:8], what); err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint64(d.buf[:8]), nil
}

func (d *decoder) id(what string) (string, error) {
	if err := d.read(d.buf[:1], what); err != nil {
		return "", err
	}
	n := int(d.buf[0])
	if n > 64 {
		d.off--
		return "", d.fail(fmt.Sprintf("%s length %d > 64", what, n))
	}
	b := d.buf[:n]
	start := d.off
	if err := d.read(b, what); err != nil {
		return "", err
	}
	if n == 0 || !validIDBytes(b) {
		d.off = start
		return "", d.fail(fmt.Sprintf("invalid %s %q", what, b))
	}
	if s, ok := d.intern[string(b)]; ok {
		return s, nil
	}
	s := string(b)
	if len(d.intern) < 1<<16 {
		d.intern[s] = s
	}
	return s, nil
}

// optionalID reads an id that may be empty (the counterparty).
func (d *decoder) optionalID(what string) (string, error) {
	b, err := d.r.Peek(1)
	if err == nil && len(b) == 1 && b[0] == 0 {
		_, _ = d.r.Discard(1) // Peek succeeded, so Discard cannot fail
		d.off++
		return "", nil
	}
	return d.id(what)
}

func (d *decoder) header() (Header, error) {
	var h Header
	if err := d.read(d.buf[:8], "header magic"); err != nil {
		return h, err
	}
	if string(d.buf[:8]) != headerMagic {
		d.off = 0
		return h, d.fail("bad header magic")
	}
	var err error
	if h.Chain, err = d.id("chain id"); err != nil {
		return h, err
	}
	if h.FeeSink, err = d.id("fee sink id"); err != nil {
		return h, err
	}
	pr, err := d.u64("PerRecord")
	if err != nil {
		return h, err
	}
	pb, err := d.u64("PerByte")
	if err != nil {
		return h, err
	}
	h.Fees = FeeModel{PerRecord: Amount(pr), PerByte: Amount(pb)}
	if h.Fees.PerRecord < 0 || h.Fees.PerByte < 0 {
		d.off -= 16
		return h, d.fail("negative fee field")
	}
	return h, nil
}

// record reads one frame; ok is false at a clean end of stream.
func (d *decoder) record(r *Record) (ok bool, err error) {
	if _, err := d.r.Peek(1); err != nil {
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		return false, &FormatError{Offset: d.off, Reason: err.Error()}
	}
	start := d.off
	if err := d.read(d.buf[:4], "record magic"); err != nil {
		return false, err
	}
	if string(d.buf[:4]) != recordMagic {
		d.off = start
		return false, d.fail("bad record tag")
	}
	if r.Seq, err = d.u64("Seq"); err != nil {
		return false, err
	}
	if err = d.read(r.Prev[:], "Prev"); err != nil {
		return false, err
	}
	if err = d.read(d.buf[:1], "Kind"); err != nil {
		return false, err
	}
	r.Kind = Kind(d.buf[0])
	if !r.Kind.valid() {
		d.off--
		return false, d.fail(fmt.Sprintf("unknown kind %d", d.buf[0]))
	}
	var u uint64
	if u, err = d.u64("Time"); err != nil {
		return false, err
	}
	r.Time = int64(u)
	if r.Payer, err = d.id("payer"); err != nil {
		return false, err
	}
	if r.Nonce, err = d.u64("Nonce"); err != nil {
		return false, err
	}
	if r.Counterparty, err = d.optionalID("counterparty"); err != nil {
		return false, err
	}
	if r.Escrow, err = d.u64("Escrow"); err != nil {
		return false, err
	}
	if u, err = d.u64("Amount"); err != nil {
		return false, err
	}
	r.Amount = Amount(u)
	if u, err = d.u64("Deadline"); err != nil {
		return false, err
	}
	r.Deadline = int64(u)
	if err = d.read(r.Content[:], "Content"); err != nil {
		return false, err
	}
	if u, err = d.u64("Fee"); err != nil {
		return false, err
	}
	r.Fee = Amount(u)
	if err = d.read(r.Hash[:], "Hash"); err != nil {
		return false, err
	}
	return true, nil
}

// Decode parses a stream written by WriteTo. It checks the format only
// (magic, tags, kinds, id syntax, non-negative header fees, complete
// frames); Verify checks the chain and the transaction rules. An accepted
// stream re-encodes byte for byte. On a *FormatError (with the byte offset;
// truncation also matches io.ErrUnexpectedEOF) the records decoded before
// the error are returned with it. O(bytes).
func Decode(r io.Reader) (Header, []Record, error) {
	h, recs, _, err := decode(r)
	return h, recs, err
}

// decode is Decode that also reports whether the header was read.
func decode(r io.Reader) (Header, []Record, bool, error) {
	d := &decoder{r: bufio.NewReaderSize(r, 64<<10), intern: make(map[string]string)}
	h, err := d.header()
	if err != nil {
		return h, nil, false, err
	}
	var recs []Record
	if lr, ok := r.(interface{ Len() int }); ok {
		// In-memory readers (bytes.Reader, bytes.Buffer, strings.Reader)
		// report their size: pre-size for the smallest frame (162 bytes).
		recs = make([]Record, 0, min(lr.Len()/(recordFixedLen+2+32), 1<<24)+1)
	}
	for {
		recs = append(recs, Record{})
		ok, err := d.record(&recs[len(recs)-1])
		if err != nil || !ok {
			return h, recs[:len(recs)-1], true, err
		}
	}
}
