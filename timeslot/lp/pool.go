package lp

import "sync"

// pool runs a pass over index blocks on persistent worker goroutines. Block b is always processed by one
// goroutine with the same code, so results do not depend on the number of threads.
type pool struct {
	tasks chan task
	wg    sync.WaitGroup
	n     int
}

type task struct {
	f      func(lo, hi int)
	lo, hi int
	done   *sync.WaitGroup
}

func newPool(threads int) *pool {
	p := &pool{n: threads}
	if threads > 1 {
		p.tasks = make(chan task, threads)
		for range threads - 1 {
			p.wg.Add(1)
			go func() {
				defer p.wg.Done()
				for t := range p.tasks {
					t.f(t.lo, t.hi)
					t.done.Done()
				}
			}()
		}
	}
	return p
}

// close stops the workers.
func (p *pool) close() {
	if p.tasks != nil {
		close(p.tasks)
		p.wg.Wait()
	}
}

// run calls f on every block [blocks[b], blocks[b+1]); block 0 runs on the caller.
func (p *pool) run(blocks []int, done *sync.WaitGroup, f func(lo, hi int)) {
	nb := len(blocks) - 1
	if p.tasks == nil || nb <= 1 {
		for b := range nb {
			f(blocks[b], blocks[b+1])
		}
		return
	}
	done.Add(nb - 1)
	for b := 1; b < nb; b++ {
		p.tasks <- task{f: f, lo: blocks[b], hi: blocks[b+1], done: done}
	}
	f(blocks[0], blocks[1])
	done.Wait()
}

// parallelMinNNZ is the matrix size below which passes run on one goroutine.
const parallelMinNNZ = 1 << 15

// balancedBlocks splits the rows of a into parts contiguous blocks with about equal nnz + rows.
func balancedBlocks(a CSR, parts int) []int {
	if parts <= 1 || a.NNZ() < parallelMinNNZ || a.Rows < 2*parts {
		return []int{0, a.Rows}
	}
	total := a.NNZ() + a.Rows
	blocks := []int{0}
	for i := 1; i < a.Rows && len(blocks) < parts; i++ {
		if a.RowPtr[i]+i >= len(blocks)*total/parts {
			blocks = append(blocks, i)
		}
	}
	return append(blocks, a.Rows)
}

// chunkSum sums f(i) for i in [0, n) in fixed 4096-element chunks, adding chunk sums in order.
func chunkSum(n int, f func(i int) float64) float64 {
	const chunk = 4096
	total := 0.0
	for lo := 0; lo < n; lo += chunk {
		s := 0.0
		for i := lo; i < min(lo+chunk, n); i++ {
			s += f(i)
		}
		total += s
	}
	return total
}
