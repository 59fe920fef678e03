// Package device models mobile devices for cooperative content delivery: link-capacity traces,
// hotspot mobility, energy, welfare, a deterministic simulator of cooperative segmented video
// streaming, and the SmartSharing OTT-device model (see the SmartSharing OTT groups section).
//
// # Cooperative streaming
//
// The streaming part implements the system model of Gao et al. (2018): users that meet in a WiFi
// hotspot pool their cellular links, so any user may download a segment of an encountered user's
// video over its own cellular link and forward it over WiFi. It holds what the packages lyapunov
// (online scheduler) and timeslot (performance bounds) share:
//
//   - [Ladder] bitrate ladders and [Video] videos with a fixed viewing window;
//   - [Trace] piecewise-constant link-capacity traces, their loaders ([ParseTrace2Col],
//     [ParseTraceJSON], [LoadTraceDir]) and synthetic generators ([ConstantTrace],
//     [OutageTrace], [MarkovTrace], [LogNormalTrace], [SyntheticPool]), bucketed by
//     network condition with [Bucket];
//   - [Mobility] hotspot mobility and encounters, from stays ([NewMobility], [ParseStays]) or
//     the synthetic [HotspotModel] presets [ISFLike] and [NWFLike];
//   - the [Energy] model and welfare accounting ([Scenario.SegmentValue],
//     [Scenario.FlowEnergy], [Scenario.ContentCost]);
//   - [Scenario], the single input of every run, and its generators [NewPaperScenario],
//     [NewSingleUserScenario] and [DemoScenario];
//   - [Simulate] and [SimulateMany], a deterministic event-driven simulator of the segmented
//     (asynchronous) system that runs any [Policy];
//   - the paper's two baselines, [BufferBased] and [ChannelPrediction], with the
//     owner-selection rule [OwnerRule] and its grid search [TuneOwnerRule].
//
// Units: time in seconds, bitrate and capacity in Mbps, data in Mbit (10⁶ bit), content in
// seconds of playback, energy in J, welfare in value units.
//
// The paper's typeset formulas were lost; where a rule is rebuilt from the paper's prose the
// documentation of the identifier says "Reconstruction:" and why.
//
// Goroutine safety: Traces, Mobility and Scenarios are immutable once built and may be shared by
// concurrent runs (SimulateMany does so). Policies keep per-run state and are not safe for
// concurrent use; SimulateMany takes a factory.
//
// # SmartSharing OTT groups
//
// The OTT* types simulate SmartSharing neighbourhood groups of OTT devices and derive the
// supply–demand matrix and fetch tables used by packages game and em. The files ott*.go hold
// this part of package device; it shares no types with the streaming part.
//
//   - [Popularity] is a periodic table of video weights: [ZipfPopularity] (the default, Zipf(50,
//     0.8)) or a Twitch viewer-count log read by [ParseViewerCSV] ([ViewerLog.Popularity]).
//   - [SimulateOTT] draws the viewing requests of every group (5 s slots, 4-slot buffers,
//     popularity-proportional viewing, reproducible per-group PCG streams) and [NewOTTRun]
//     replays given requests; both return an [OTTRun].
//   - [OTTRun.SupplyDemand] gives the supply–demand matrix Y as triplets for game.BRUA
//     ([YShare] by default, or [YHit]) and [OTTRun.FetchTable] the fetch tables that em.Price
//     reads, with the item counts the ledger (package device/ledger) settles.
//
// OTT references: J. Fan, K. Wu, D. Liu, G. Tang, "SmartSharing" (origin: J. Fan, "SmartSharing: a
// content delivery network with local sharing of over-the-top devices", M.Sc. thesis,
// University of Victoria, 2018, UVicSpace handle 1828/10125); K. Pires, G. Simon, "YouTube Live
// and Twitch: A Tour of User-Generated Live Streaming Systems", ACM MMSys 2015,
// doi:10.1145/2713168.2713195 (the viewer-count dataset); H.-C. Chen, Y. Asau, "On generating
// random variates from an empirical distribution", AIIE Transactions 6(2), 1974 (guide table).
//
// # References
//
//   - L. Gao, M. Tang, H. Pang, J. Huang, L. Sun, "Multi-User Cooperative Mobile Video
//     Streaming: Performance Analysis and Online Mechanism Design", IEEE Transactions on Mobile
//     Computing, 2018, doi:10.1109/TMC.2018.2834358, arXiv:1805.09249 (the paper).
//   - N. Balasubramanian, A. Balasubramanian, A. Venkataramani, "Energy consumption in mobile
//     phones: a measurement study and implications for network applications", ACM IMC 2009,
//     doi:10.1145/1644893.1644927 (energy factors of [DefaultEnergy]).
//   - T.-Y. Huang, R. Johari, N. McKeown, M. Trunnell, M. Watson, "A buffer-based approach to
//     rate adaptation: evidence from a large video streaming service", ACM SIGCOMM 2014,
//     doi:10.1145/2619239.2626296 ([BufferBased]).
//   - Z. Li, X. Zhu, J. Gahm, R. Pan, H. Hu, A. C. Begen, D. Oran, "Probe and adapt: rate
//     adaptation for HTTP video streaming at scale", IEEE JSAC 32(4), 2014,
//     doi:10.1109/JSAC.2014.140405 ([ChannelPrediction], [PredictPANDA]).
//   - H. Mao, R. Netravali, M. Alizadeh, "Neural adaptive video streaming with Pensieve", ACM
//     SIGCOMM 2017, doi:10.1145/3098822.3098843 (trace format, looping, QoE metrics).
//   - X. Yin, A. Jindal, V. Sekar, B. Sinopoli, "A control-theoretic approach for dynamic
//     adaptive video streaming over HTTP", ACM SIGCOMM 2015, doi:10.1145/2785956.2787486
//     (harmonic-mean prediction).
//   - T. Camp, J. Boleng, V. Davies, "A survey of mobility models for ad hoc network research",
//     Wireless Communications and Mobile Computing 2(5), 2002, doi:10.1002/wcm.72.
//   - H. Riiser, P. Vigmostad, C. Griwodz, P. Halvorsen, "Commute path bandwidth traces from 3G
//     networks: analysis and applications", ACM MMSys 2013, doi:10.1145/2483977.2483991.
package device
