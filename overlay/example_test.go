package overlay_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/cdnkit/cdnkit/overlay"
)

// e2 is worked example E2 of the spec: source 0, hub 1, clients a (node 2)
// and b (node 3), rates (1, 2) Mbps.
func e2() *overlay.Instance {
	return &overlay.Instance{
		Graph:  overlay.Graph{N: 4, Edges: []overlay.Edge{{U: 0, V: 1, Cost: 1}, {U: 1, V: 2, Cost: 1}, {U: 1, V: 3, Cost: 1}}},
		Source: 0,
		Rates:  []float64{1, 2},
		Clients: []overlay.Client{
			{Node: 2, Utility: []float64{1, 10}},
			{Node: 3, Utility: []float64{2, 2.2}},
		},
	}
}

func ExampleGradient() {
	sol, err := overlay.Gradient(context.Background(), e2(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("levels:", sol.Levels)
	fmt.Printf("cost %.4g, penalty %.4g\n", sol.Cost, sol.Penalty)
	for k, e := range sol.Edges {
		fmt.Printf("edge %d-%d carries level %d\n", e[0], e[1], sol.EdgeLevels[k])
	}
	// Output:
	// levels: [2 1]
	// cost -7, penalty 5.2
	// edge 0-1 carries level 2
	// edge 1-2 carries level 2
	// edge 1-3 carries level 1
}

func ExamplePCST() {
	g := overlay.Graph{N: 3, Edges: []overlay.Edge{{U: 0, V: 1, Cost: 3}, {U: 1, V: 2, Cost: 4}}}
	res, err := overlay.PCST(g, []float64{0, 5, 6}, 0, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("nodes %v, objective %.4g, dual %.4g\n", res.Nodes, res.Objective, res.Dual)
	// Output:
	// nodes [0 1 2], objective 7, dual 5
}

func ExampleReadSTP() {
	const file = `33D32945 STP File, STP Format Version 1.0
SECTION Comment
Name "square"
END
SECTION Graph
Nodes 4
Edges 4
E 1 2 1
E 2 3 1
E 3 4 1
E 4 1 3
END
SECTION Terminals
Terminals 2
T 1
T 4
END
EOF
`
	st, err := overlay.ReadSTP(strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(st.Name, st.Graph.N, len(st.Graph.Edges), st.Terminals)
	// Output:
	// square 4 4 [0 3]
}
