// QuantLib side of bench/peers: prices the parameter sets written by
// `gopeer gen` (DIR/in/options) with QuantLib 1.29's engines and writes
// DIR/results/options/<method>/quantlib*.out.
//
// Usage: quantlib_peer DIR [--quick]
//
// Each option is priced the way a QuantLib user does it: quotes updated, a
// fresh VanillaOption with the method's engine, NPV(). T = days/365 through
// Actual365Fixed from a fixed evaluation date; r, q and sigma are flat,
// continuously compounded. An engine that throws gives "nan".
#include <ql/exercise.hpp>
#include <ql/instruments/vanillaoption.hpp>
#include <ql/methods/lattices/binomialtree.hpp>
#include <ql/pricingengines/blackformula.hpp>
#include <ql/pricingengines/vanilla/analyticeuropeanengine.hpp>
#include <ql/pricingengines/vanilla/baroneadesiwhaleyengine.hpp>
#include <ql/pricingengines/vanilla/binomialengine.hpp>
#include <ql/pricingengines/vanilla/bjerksundstenslandengine.hpp>
#include <ql/pricingengines/vanilla/juquadraticengine.hpp>
#include <ql/pricingengines/vanilla/qdfpamericanengine.hpp>
#include <ql/processes/blackscholesprocess.hpp>
#include <ql/quotes/simplequote.hpp>
#include <ql/settings.hpp>
#include <ql/termstructures/volatility/equityfx/blackconstantvol.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/time/calendars/nullcalendar.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace QuantLib;

namespace {

struct Set {
    int kind, days;
    double s, k, r, q, vol;
};

std::string dir;
double minTime = 1.0;

void mkdirs(const std::string& p) {
    std::string cur;
    for (size_t i = 0; i <= p.size(); ++i) {
        if (i == p.size() || p[i] == '/') {
            if (!cur.empty()) mkdir(cur.c_str(), 0755);
        }
        if (i < p.size()) cur += p[i];
    }
}

void writeResult(const std::string& work, const std::string& peer, double ns,
                 const std::vector<double>& vals) {
    std::string p = dir + "/results/" + work;
    mkdirs(p);
    FILE* f = std::fopen((p + "/" + peer + ".out").c_str(), "w");
    if (!f) throw std::runtime_error("cannot write " + p);
    std::fprintf(f, "ns_per_op %.6g\n", ns);
    for (double v : vals) {
        if (std::isfinite(v)) std::fprintf(f, "%.17g\n", v);
        else std::fprintf(f, "nan\n");
    }
    std::fclose(f);
}

// timeIt runs batch once untimed when warm, then in rounds of at least
// minTime/5 s until minTime s have passed (1 to 5 rounds), and returns the
// best round's ns per option, as gopeer does.
double timeIt(const std::function<void()>& batch, size_t ops, bool warm) {
    using clock = std::chrono::steady_clock;
    auto secs = [](clock::time_point a) { return std::chrono::duration<double>(clock::now() - a).count(); };
    if (warm) batch();
    double best = std::numeric_limits<double>::infinity();
    auto start = clock::now();
    for (int round = 0; round < 5; ++round) {
        int reps = 0;
        auto t0 = clock::now();
        double el;
        do {
            batch();
            ++reps;
            el = secs(t0);
        } while (el < minTime / 5);
        best = std::min(best, el / reps);
        if (secs(start) >= minTime) break;
    }
    return best * 1e9 / double(ops);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: quantlib_peer DIR [--quick]\n";
        return 2;
    }
    dir = argv[1];
    if (argc > 2 && std::string(argv[2]) == "--quick") minTime = 0.2;

    std::vector<Set> sets;
    {
        std::ifstream in(dir + "/in/options/params.txt");
        Set st;
        while (in >> st.kind >> st.s >> st.k >> st.days >> st.r >> st.q >> st.vol) sets.push_back(st);
    }
    size_t stride;
    {
        std::ifstream in(dir + "/in/options/meta.txt");
        size_t n, nbin;
        in >> n >> nbin >> stride;
        if (n != sets.size()) {
            std::cerr << "quantlib_peer: read " << sets.size() << " sets, meta says " << n << "\n";
            return 1;
        }
    }

    Date today(2, January, 2025);
    Settings::instance().evaluationDate() = today;
    DayCounter dc = Actual365Fixed();
    auto spot = ext::make_shared<SimpleQuote>(100.0);
    auto rate = ext::make_shared<SimpleQuote>(0.05);
    auto div = ext::make_shared<SimpleQuote>(0.0);
    auto vol = ext::make_shared<SimpleQuote>(0.2);
    Handle<YieldTermStructure> rTS(ext::make_shared<FlatForward>(today, Handle<Quote>(rate), dc));
    Handle<YieldTermStructure> qTS(ext::make_shared<FlatForward>(today, Handle<Quote>(div), dc));
    Handle<BlackVolTermStructure> vTS(
        ext::make_shared<BlackConstantVol>(today, NullCalendar(), Handle<Quote>(vol), dc));
    auto process = ext::make_shared<BlackScholesMertonProcess>(Handle<Quote>(spot), qTS, rTS, vTS);

    struct Method {
        std::string work, peer;
        ext::shared_ptr<PricingEngine> engine;
        bool american;
        size_t stride;
    };
    std::vector<Method> methods = {
        {"options/european", "quantlib-AnalyticEuropeanEngine",
         ext::make_shared<AnalyticEuropeanEngine>(process), false, 1},
        {"options/baw", "quantlib-BaroneAdesiWhaleyApproximationEngine",
         ext::make_shared<BaroneAdesiWhaleyApproximationEngine>(process), true, 1},
        {"options/bjs1993", "quantlib-BjerksundStenslandApproximationEngine",
         ext::make_shared<BjerksundStenslandApproximationEngine>(process), true, 1},
        {"options/juzhong", "quantlib-JuQuadraticApproximationEngine",
         ext::make_shared<JuQuadraticApproximationEngine>(process), true, 1},
        {"options/binomial1000", "quantlib-BinomialVanillaEngine-LeisenReimer-1000",
         ext::make_shared<BinomialVanillaEngine<LeisenReimer>>(process, 1000), true, stride},
        {"options/binomial1000", "quantlib-QdFpAmericanEngine-accurate",
         ext::make_shared<QdFpAmericanEngine>(process, QdFpAmericanEngine::accurateScheme()), true, stride},
    };

    // European value and intrinsic value of every set, for the guarded
    // variants below.
    std::vector<double> euro(sets.size()), intrinsic(sets.size());
    for (size_t i = 0; i < sets.size(); ++i) {
        const Set& st = sets[i];
        double t = st.days / 365.0;
        euro[i] = blackFormula(st.kind == 0 ? Option::Call : Option::Put, st.k, st.s * std::exp((st.r - st.q) * t),
                               st.vol * std::sqrt(t), std::exp(-st.r * t));
        intrinsic[i] = std::max(st.kind == 0 ? st.s - st.k : st.k - st.s, 0.0);
    }

    for (const auto& m : methods) {
        std::vector<double> vals;
        size_t cnt = 0;
        for (size_t i = 0; i < sets.size(); i += m.stride) ++cnt;
        auto batch = [&]() {
            vals.clear();
            for (size_t i = 0; i < sets.size(); i += m.stride) {
                const Set& st = sets[i];
                spot->setValue(st.s);
                rate->setValue(st.r);
                div->setValue(st.q);
                vol->setValue(st.vol);
                Date mat = today + st.days;
                auto payoff = ext::make_shared<PlainVanillaPayoff>(st.kind == 0 ? Option::Call : Option::Put, st.k);
                ext::shared_ptr<Exercise> ex;
                if (m.american) ex = ext::make_shared<AmericanExercise>(today, mat);
                else ex = ext::make_shared<EuropeanExercise>(mat);
                VanillaOption opt(payoff, ex);
                opt.setPricingEngine(m.engine);
                double v;
                try {
                    v = opt.NPV();
                } catch (std::exception&) {
                    v = std::numeric_limits<double>::quiet_NaN();
                }
                vals.push_back(v);
            }
        };
        double ns = timeIt(batch, cnt, m.stride == 1);
        writeResult(m.work, m.peer, ns, vals);
        if (m.american && m.stride == 1) {
            // The same values with cdnkit's no-arbitrage guard applied
            // (v <- max(v, European, intrinsic)), to separate the guard from
            // the approximation itself; timed as the unguarded engine.
            std::vector<double> g(vals.size());
            for (size_t i = 0; i < vals.size(); ++i)
                g[i] = std::isfinite(vals[i]) ? std::max({vals[i], euro[i], intrinsic[i]}) : vals[i];
            writeResult(m.work, m.peer + "+guard", ns, g);
        }
    }

    // The raw closed form, without the instrument/engine machinery.
    {
        std::vector<double> vals;
        auto batch = [&]() {
            vals.clear();
            for (const Set& st : sets) {
                double t = st.days / 365.0;
                double disc = std::exp(-st.r * t);
                double fwd = st.s * std::exp((st.r - st.q) * t);
                vals.push_back(blackFormula(st.kind == 0 ? Option::Call : Option::Put, st.k, fwd,
                                            st.vol * std::sqrt(t), disc));
            }
        };
        double ns = timeIt(batch, sets.size(), true);
        writeResult("options/european", "quantlib-blackFormula", ns, vals);
    }
    return 0;
}
