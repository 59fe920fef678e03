package em

// Missing marks a missing entry of a fetch table (the diagonal, or an entry
// that was not observed). It equals device.FetchMissing.
const Missing int8 = -1

// CountRows returns, for each row of the fetch table x, the number of 1
// entries (successes) and the number of non-missing entries (trials).
//
// Entries must be 0, 1 or Missing; any other value returns a *TableError.
// Rows may have different lengths, and an empty row gives (0, 0). An empty
// table returns ErrNoData. CountRows is O(Σ len(x[i])).
func CountRows(x [][]int8) (successes, trials []int, err error) {
	if len(x) == 0 {
		return nil, nil, ErrNoData
	}
	successes = make([]int, len(x))
	trials = make([]int, len(x))
	for i, row := range x {
		s, m := 0, 0
		for j, v := range row {
			switch v {
			case 1:
				s++
				m++
			case 0:
				m++
			case Missing:
			default:
				return nil, nil, &TableError{Row: i, Col: j, Value: v}
			}
		}
		successes[i], trials[i] = s, m
	}
	return successes, trials, nil
}
