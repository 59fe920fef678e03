#!/usr/bin/python3
"""Python side of bench/peers: statsmodels, networkx, scipy (HiGHS) and a
NumPy binomial-mixture EM, on the inputs written by `gopeer gen`.

Usage: peers.py DIR GROUP [--quick]   (GROUP: em, overlay, kre, lp)

Each work writes DIR/results/<work>/<peer>.out: "ns_per_op X", then one
result value per line ("nan" where the peer failed on that input).
"""
import math
import os
import sys
import time
import warnings

import numpy as np

MIN_TIME = 1.0


def write_result(d, work, peer, ns, vals):
    p = os.path.join(d, "results", work)
    os.makedirs(p, exist_ok=True)
    with open(os.path.join(p, peer + ".out"), "w") as f:
        f.write("ns_per_op %.6g\n" % ns)
        for v in vals:
            f.write("nan\n" if v is None or math.isnan(v) else "%.17g\n" % v)


def time_it(f, ops=1, warm=True, min_time=None):
    """Best-round ns per op of f and its last result: rounds of at least
    min_time/5 s until min_time s have passed (1 to 5 rounds), as gopeer."""
    if min_time is None:
        min_time = MIN_TIME
    if warm:
        out = f()
    best = math.inf
    start = time.perf_counter()
    for _ in range(5):
        reps = 0
        t0 = time.perf_counter()
        while True:
            out = f()
            reps += 1
            el = time.perf_counter() - t0
            if el >= min_time / 5:
                break
        best = min(best, el / reps)
        if time.perf_counter() - start >= min_time:
            break
    return best * 1e9 / ops, out


def read_floats(path):
    with open(path) as f:
        return np.array(f.read().split(), dtype=float)


# ---------------------------------------------------------------- em


def em_numpy(s, m, w, theta, pi, iters, clamp=1e-12):
    """Binomial-mixture EM, variant B (learned weights), `iters` M-steps.

    Rows (s_i, m_i) carry weights w_i (1 for raw rows, the multiplicity for
    grouped rows). Returns (loglik at the final parameters, theta, pi), sorted
    by theta ascending.
    """
    from scipy.special import gammaln

    logc = gammaln(m + 1) - gammaln(s + 1) - gammaln(m - s + 1)
    n = w.sum()
    theta = np.clip(np.array(theta, dtype=float), clamp, 1 - clamp)
    pi = np.array(pi, dtype=float)
    s_ = s[:, None]
    f_ = (m - s)[:, None]

    def loglik_and_q(theta, pi):
        lp = s_ * np.log(theta) + f_ * np.log1p(-theta) + np.log(pi)
        mx = lp.max(axis=1, keepdims=True)
        e = np.exp(lp - mx)
        tot = e.sum(axis=1, keepdims=True)
        ll = float(np.dot(w, (mx + np.log(tot))[:, 0] + logc))
        return ll, e / tot

    for _ in range(iters):
        _, q = loglik_and_q(theta, pi)
        qw = q * w[:, None]
        mass = qw.sum(axis=0)
        num = qw.T @ s
        den = qw.T @ m
        upd = den > 0
        theta = np.where(upd, num / np.where(upd, den, 1), theta)
        theta = np.clip(theta, clamp, 1 - clamp)
        pi = mass / n
    ll, _ = loglik_and_q(theta, pi)
    order = np.argsort(theta, kind="stable")
    return ll, theta[order], pi[order]


def run_em(d, quick):
    rows = read_floats(os.path.join(d, "in", "em", "rows.txt")).reshape(-1, 2)
    start = read_floats(os.path.join(d, "in", "em", "start.txt"))
    iters, k = int(start[0]), int(start[1])
    theta0, pi0 = start[2:2 + k], start[2 + k:2 + 2 * k]
    s, m = rows[:, 0], rows[:, 1]

    def grouped():
        key = s.astype(np.int64) * 1024 + m.astype(np.int64)
        u, cnt = np.unique(key, return_counts=True)
        return em_numpy((u // 1024).astype(float), (u % 1024).astype(float),
                        cnt.astype(float), theta0, pi0, iters)

    def raw():
        return em_numpy(s, m, np.ones_like(s), theta0, pi0, iters)

    for work, f in (("em/fit-grouped", grouped), ("em/fit-rows", raw)):
        ns, (ll, th, pi) = time_it(f, warm=False)
        write_result(d, work, "numpy", ns, [ll] + list(th) + list(pi))


# ---------------------------------------------------------------- overlay


def run_overlay(d, quick):
    import networkx as nx
    from networkx.algorithms.approximation import steinertree

    names = sorted(f[:-6] for f in os.listdir(os.path.join(d, "in", "overlay"))
                   if f.endswith(".graph"))
    for name in names:
        v = read_floats(os.path.join(d, "in", "overlay", name + ".graph"))
        n, mm = int(v[0]), int(v[1])
        e = v[2:].reshape(mm, 3)
        g = nx.Graph()
        g.add_nodes_from(range(n))
        for u, w_, c in e:
            g.add_edge(int(u), int(w_), weight=float(c))
        term = [int(t) for t in read_floats(os.path.join(d, "in", "overlay", name + ".terminals"))]

        def steiner():
            # networkx 2.8: Kou et al. on the full metric closure (all-pairs
            # shortest paths with stored paths: O(n^2) memory).
            t = steinertree.steiner_tree(g, term, weight="weight")
            return t.size(weight="weight")

        def mst():
            t = nx.minimum_spanning_tree(g, weight="weight", algorithm="kruskal")
            return t.size(weight="weight")

        mt = 0.2 if quick else MIN_TIME
        if not name.startswith("ASLike"):  # the metric closure does not fit in memory there
            ns, c = time_it(steiner, warm=False, min_time=mt)
            write_result(d, "overlay/steiner-" + name, "networkx-steiner_tree", ns, [c])
        ns, c = time_it(mst, warm=False, min_time=mt)
        write_result(d, "overlay/mst-" + name, "networkx-kruskal", ns, [c])


# ---------------------------------------------------------------- kre


def run_kre(d, quick):
    from statsmodels.nonparametric.kernel_regression import KernelReg

    kdir = os.path.join(d, "in", "kre")
    for n in sorted(int(f[1:-5]) for f in os.listdir(kdir) if f.endswith(".data")):
        base = os.path.join(d, "in", "kre", "n%d" % n)
        xy = read_floats(base + ".data").reshape(-1, 2)
        at = read_floats(base + ".at")
        h, lo, hi, docv = read_floats(base + ".meta")
        x, y = xy[:, 0], xy[:, 1]
        for name, reg in (("nw", "lc"), ("ll", "ll")):
            def fit():
                kr = KernelReg(y, x, var_type="c", reg_type=reg, bw=[h])
                return kr.fit(at)[0]
            ns, v = time_it(fit, warm=n < 10000, min_time=0.2 if n >= 10000 else MIN_TIME)
            write_result(d, "kre/%s-n%d" % (name, n), "statsmodels", ns, list(v))
            if docv == 1:
                def cv():
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        kr = KernelReg(y, x, var_type="c", reg_type=reg, bw="cv_ls")
                    bw = float(kr.bw[0])
                    return bw, float(kr.cv_loo(kr.bw, kr.est[reg]))
                ns, (bw, crit) = time_it(cv, warm=False, min_time=0.2 if n > 100 else MIN_TIME)
                write_result(d, "kre/cv-%s-n%d" % (name, n), "statsmodels-cv_ls", ns, [bw, crit])


# ---------------------------------------------------------------- options


def run_options(d, quick):
    """European prices at 40 significant digits (mpmath) on the subset."""
    import mpmath as mp

    mp.mp.dps = 40
    p = read_floats(os.path.join(d, "in", "options", "params.txt")).reshape(-1, 7)
    n, nbin, stride = read_floats(os.path.join(d, "in", "options", "meta.txt"))
    sub = p[::int(stride)]

    def price(row):
        kind, s, k, days, r, q, vol = [mp.mpf(float(v)) for v in row]
        t = days / 365
        sd = vol * mp.sqrt(t)
        d1 = (mp.log(s / k) + (r - q + sd * sd / (2 * t)) * t) / sd
        d2 = d1 - sd
        ncdf = lambda x: mp.erfc(-x / mp.sqrt(2)) / 2
        if kind == 0:
            v = s * mp.exp(-q * t) * ncdf(d1) - k * mp.exp(-r * t) * ncdf(d2)
        else:
            v = k * mp.exp(-r * t) * ncdf(-d2) - s * mp.exp(-q * t) * ncdf(-d1)
        return float(v)

    t0 = time.perf_counter()
    vals = [price(row) for row in sub]
    ns = (time.perf_counter() - t0) * 1e9 / len(sub)
    write_result(d, "options/european-subset", "mpmath-40digits", ns, vals)


# ---------------------------------------------------------------- lp


def read_mps(path):
    """Free-format MPS reader for the subset lp.WriteMPS emits (N/L/G/E rows,
    RHS, RANGES on G rows, bounds LO/UP/FX/FR/MI)."""
    rows, rtype, sense_obj = {}, [], None
    cols, c, ai, aj, av = {}, [], [], [], []
    rhs, rng, lb, ub = {}, {}, {}, {}
    sec = None
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("*"):
                continue
            if not line[0].isspace():
                sec = line.split()[0]
                continue
            t = line.split()
            if sec == "ROWS":
                if t[0] == "N":
                    if sense_obj is None:
                        sense_obj = t[1]
                    continue
                rows[t[1]] = len(rtype)
                rtype.append(t[0])
            elif sec == "COLUMNS":
                j = cols.setdefault(t[0], len(cols))
                if j == len(c):
                    c.append(0.0)
                for k in range(1, len(t) - 1, 2):
                    if t[k] == sense_obj:
                        c[j] = float(t[k + 1])
                    elif t[k] in rows:
                        ai.append(rows[t[k]]); aj.append(j); av.append(float(t[k + 1]))
            elif sec == "RHS":
                for k in range(1, len(t) - 1, 2):
                    if t[k] in rows:
                        rhs[rows[t[k]]] = float(t[k + 1])
            elif sec == "RANGES":
                for k in range(1, len(t) - 1, 2):
                    rng[rows[t[k]]] = float(t[k + 1])
            elif sec == "BOUNDS":
                j = cols[t[2]]
                if t[0] == "UP":
                    ub[j] = float(t[3])
                elif t[0] == "LO":
                    lb[j] = float(t[3])
                elif t[0] == "FX":
                    lb[j] = ub[j] = float(t[3])
                elif t[0] == "FR":
                    lb[j], ub[j] = -np.inf, np.inf
                elif t[0] == "MI":
                    lb[j] = -np.inf
                else:
                    raise ValueError("bound type " + t[0])
    m, nc = len(rtype), len(c)
    rl, ru = np.full(m, -np.inf), np.full(m, np.inf)
    for i, ty in enumerate(rtype):
        b = rhs.get(i, 0.0)
        if ty == "E":
            rl[i] = ru[i] = b
        elif ty == "L":
            ru[i] = b
        elif ty == "G":
            rl[i] = b
            if i in rng:
                ru[i] = b + abs(rng[i])
    bl = np.zeros(nc); bu = np.full(nc, np.inf)
    for j, v in lb.items():
        bl[j] = v
    for j, v in ub.items():
        bu[j] = v
    from scipy.sparse import csr_matrix
    a = csr_matrix((av, (ai, aj)), shape=(m, nc))
    return np.array(c), a, rl, ru, bl, bu


def run_lp(d, quick, names):
    from scipy.optimize import linprog
    from scipy.sparse import vstack

    for name in names:
        c, a, rl, ru, bl, bu = read_mps(os.path.join(d, "in", "lp", name + ".mps"))
        eq = np.isfinite(rl) & (rl == ru)
        up = np.isfinite(ru) & ~eq
        lo = np.isfinite(rl) & ~eq
        a_ub = vstack([a[up], -a[lo]]).tocsr()
        b_ub = np.concatenate([ru[up], -rl[lo]])
        bounds = np.column_stack([bl, np.where(np.isinf(bu), np.nan, bu)])
        bounds = [(l, None if math.isnan(u) else u) for l, u in bounds]

        def solve():
            r = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a[eq], b_eq=rl[eq], bounds=bounds, method="highs")
            if r.status != 0:
                raise RuntimeError("linprog: " + r.message)
            return r.fun
        ns, obj = time_it(solve, warm=False, min_time=0.2)
        write_result(d, "lp/" + name, "scipy-highs", ns, [obj])

        mps = os.path.join(d, "in", "lp", name + ".mps")
        timeout = 120 if quick else 600
        clp_read = ["clp", mps, "-quit"]
        for peer, cmd, read, parse in (
                ("clp-dualsimplex", ["clp", mps, "-dualsimplex"], clp_read, parse_clp),
                ("clp-barrier", ["clp", mps, "-barrier"], clp_read, parse_clp),
                ("glpsol-simplex", ["glpsol", "--freemps", mps, "-w", mps + ".glpsol.sol"],
                 ["glpsol", "--freemps", mps, "--check"], lambda out: parse_glpsol(mps + ".glpsol.sol"))):
            ns, obj = time_cli(cmd, read, parse, timeout)
            write_result(d, "lp/" + name, peer, ns, [obj])


def time_cli(cmd, read_cmd, parse, timeout):
    """Wall time of cmd minus that of read_cmd (reading the MPS file only), in ns,
    and the parsed objective; (nan, nan) when cmd does not finish in timeout s."""
    import subprocess

    def wall(c):
        t0 = time.perf_counter()
        r = subprocess.run(c, capture_output=True, text=True, timeout=timeout)
        el = time.perf_counter() - t0
        if r.returncode != 0:
            raise RuntimeError("%s: exit %d: %s" % (c[0], r.returncode, r.stderr[-500:]))
        return el, r.stdout
    try:
        el, out = wall(cmd)
    except subprocess.TimeoutExpired:
        return float("nan"), float("nan")
    rd = min(wall(read_cmd)[0] for _ in range(3))
    return max(el - rd, 0.0) * 1e9, parse(out)


def parse_clp(out):
    for line in out.splitlines():
        if line.startswith("Optimal objective "):
            return float(line.split()[2])
    raise RuntimeError("clp: no optimal objective in output:\n" + out[-1000:])


def parse_glpsol(path):
    with open(path) as f:
        for line in f:
            t = line.split()
            if t and t[0] == "s":
                if t[4] != "f" or t[5] != "f":
                    raise RuntimeError("glpsol: solution not feasible: " + line)
                return float(t[6])
    raise RuntimeError("glpsol: no solution line in " + path)


def main():
    global MIN_TIME
    d, group = sys.argv[1], sys.argv[2]
    quick = "--quick" in sys.argv[3:]
    if quick:
        MIN_TIME = 0.2
    rest = [a for a in sys.argv[3:] if not a.startswith("--")]
    if group == "em":
        run_em(d, quick)
    elif group == "overlay":
        run_overlay(d, quick)
    elif group == "kre":
        run_kre(d, quick)
    elif group == "options":
        run_options(d, quick)
    elif group == "lp":
        run_lp(d, quick, rest)
    else:
        sys.exit("unknown group " + group)


if __name__ == "__main__":
    main()
