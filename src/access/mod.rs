//! Travel times from demand zones to facilities and candidate sites, three
//! ways behind one interface:
//!
//! - **road network** ([`network`]): zones and sites join their nearest
//!   network node (rstar), the gap crossed on foot; bounded Dijkstra;
//! - **straight line** ([`speeds::StraightLine`]): great-circle distance ×
//!   detour factor ÷ speed, when the scenario has no roads;
//! - **explicit table** (`scenario.travel_times`): used as given.
//!
//! Sites are numbered facilities first (`0..F`), then candidate sites
//! (`F..F+C`). The result is a sparse table of every zone–site pair within
//! `pair_minutes` (what the optimiser consumes), plus searches for the
//! nearest site of any group within `max_minutes`.
//!
//! ```
//! use healthreach::access::{AccessOptions, TravelTimes};
//! let s = healthreach::demo::weinan();
//! let tt = TravelTimes::compute(&s, &AccessOptions::default());
//! assert_eq!(tt.pairs.len(), s.zones.len());
//! ```

pub mod network;
pub mod speeds;

use crate::deadline::Deadline;
use crate::scenario::{LonLat, Mode, Scenario};
use crate::validate::Problem;
use network::{Join, RoadGraph, Workspace};
use rstar::primitives::GeomWithData;
use rstar::RTree;
use speeds::{haversine_km, StraightLine};
use std::collections::HashMap;

/// How travel times are computed.
#[derive(Debug, Clone, PartialEq)]
pub struct AccessOptions {
    /// Mode of travel.
    pub mode: Mode,
    /// Searches stop here: nothing farther counts as reachable (minutes). Default 120.
    pub max_minutes: f64,
    /// Zone–site pairs up to this time are kept in the sparse table (minutes). Default 30,
    /// the largest threshold the default policy uses (paediatrics, E2SFCA bands).
    pub pair_minutes: f64,
    /// Used when the scenario has neither roads nor a table.
    pub straight_line: StraightLine,
}

impl Default for AccessOptions {
    fn default() -> Self {
        AccessOptions {
            mode: Mode::Drive,
            max_minutes: 120.0,
            pair_minutes: 30.0,
            straight_line: StraightLine::default(),
        }
    }
}

/// Which of the three ways produced the times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Shortest paths over the scenario's roads.
    RoadNetwork,
    /// Great-circle distance × detour factor ÷ speed.
    StraightLine,
    /// The scenario's explicit table.
    Table,
}

enum Engine {
    Network {
        graph: RoadGraph,
        zones: Vec<Option<Join>>,
        sites: Vec<Option<Join>>,
    },
    Straight {
        zones: Vec<LonLat>,
        sites: Vec<LonLat>,
        model: StraightLine,
    },
    Table {
        /// Every entry per zone: (site, minutes).
        entries: Vec<Vec<(u32, f64)>>,
        sites: Vec<LonLat>,
        model: StraightLine,
    },
}

/// Zone → site travel times for one scenario and mode.
pub struct TravelTimes {
    /// Mode of travel.
    pub mode: Mode,
    /// How the times were computed.
    pub method: Method,
    /// Search bound (minutes).
    pub max_minutes: f64,
    /// Bound of the sparse pair table (minutes).
    pub pair_minutes: f64,
    /// Number of facilities (sites `0..n_facilities`).
    pub n_facilities: usize,
    /// For each zone, every `(site, minutes)` within `pair_minutes`, sorted by minutes.
    pub pairs: Vec<Vec<(u32, f32)>>,
    /// Problems met on the way (disconnected roads, zones far from any road…).
    pub warnings: Vec<Problem>,
    engine: Engine,
}

/// Zones farther than this from any road are reported (km).
pub const FAR_FROM_ROAD_KM: f64 = 2.0;

fn site_positions(s: &Scenario) -> Vec<LonLat> {
    s.facilities
        .iter()
        .map(|f| f.location)
        .chain(s.candidate_sites.iter().map(|c| c.location))
        .collect()
}

impl TravelTimes {
    /// Computes travel times for `s` (a validated scenario).
    pub fn compute(s: &Scenario, opts: &AccessOptions) -> TravelTimes {
        match Self::compute_by(s, opts, Deadline::NONE) {
            Some(tt) => tt,
            None => unreachable!("no deadline, so never cut short"),
        }
    }

    /// [`TravelTimes::compute`], given up (`None`) once `deadline` passes.
    pub fn compute_by(
        s: &Scenario,
        opts: &AccessOptions,
        deadline: Deadline,
    ) -> Option<TravelTimes> {
        let mut warnings = Vec::new();
        let sites = site_positions(s);
        let zones: Vec<LonLat> = s.zones.iter().map(|z| z.location).collect();
        let engine = if let Some(table) = &s.travel_times {
            if table.mode != opts.mode {
                warnings.push(Problem::warning(
                    "$.travel_times.mode",
                    format!(
                        "the travel-time table was measured for {:?}; it is used as given for {:?}",
                        table.mode, opts.mode
                    ),
                    format!(
                        "行程时间表按 {:?} 测得；现按原样用于 {:?}",
                        table.mode, opts.mode
                    ),
                ));
            }
            let zone_ix: HashMap<&str, usize> = s
                .zones
                .iter()
                .enumerate()
                .map(|(i, z)| (z.id.as_str(), i))
                .collect();
            let site_ix: HashMap<&str, usize> = s
                .facilities
                .iter()
                .map(|f| f.id.as_str())
                .chain(s.candidate_sites.iter().map(|c| c.id.as_str()))
                .enumerate()
                .map(|(i, id)| (id, i))
                .collect();
            let mut entries = vec![Vec::new(); zones.len()];
            for e in &table.entries {
                if let (Some(&z), Some(&j)) =
                    (zone_ix.get(e.zone.as_str()), site_ix.get(e.site.as_str()))
                {
                    if e.minutes.is_finite() && e.minutes >= 0.0 {
                        entries[z].push((j as u32, e.minutes));
                    }
                }
            }
            Engine::Table {
                entries,
                sites: sites.clone(),
                model: opts.straight_line,
            }
        } else if let Some(net) = s.roads.as_ref().filter(|r| !r.links.is_empty()) {
            let (graph, w) = RoadGraph::build(net, opts.mode);
            warnings.extend(w);
            if graph.node_count() == 0 {
                warnings.push(Problem::warning(
                    "$.roads",
                    "no road can be used by this mode; straight-line times are used instead",
                    "此出行方式无法使用任何道路；改用直线距离估算时间",
                ));
                Engine::Straight {
                    zones: zones.clone(),
                    sites: sites.clone(),
                    model: opts.straight_line,
                }
            } else {
                let zj: Vec<Option<Join>> = zones.iter().map(|p| graph.join(*p)).collect();
                let sj: Vec<Option<Join>> = sites.iter().map(|p| graph.join(*p)).collect();
                let far: Vec<(usize, f64)> = zj
                    .iter()
                    .enumerate()
                    .filter_map(|(i, j)| {
                        j.filter(|j| j.gap_km > FAR_FROM_ROAD_KM)
                            .map(|j| (i, j.gap_km))
                    })
                    .collect();
                if !far.is_empty() {
                    let names: Vec<String> = far
                        .iter()
                        .take(6)
                        .map(|(i, km)| format!("{:?} ({km:.1} km)", s.zones[*i].id))
                        .collect();
                    warnings.push(Problem::warning(
                        "$.zones",
                        format!(
                            "{} zone(s) lie more than {FAR_FROM_ROAD_KM} km from any usable road; the gap is walked: {}{}",
                            far.len(),
                            names.join(", "),
                            if far.len() > 6 { ", …" } else { "" }
                        ),
                        format!(
                            "{} 个分区距最近可用道路超过 {FAR_FROM_ROAD_KM} 公里；这段距离按步行计算：{}{}",
                            far.len(),
                            names.join("、"),
                            if far.len() > 6 { "……" } else { "" }
                        ),
                    ));
                }
                Engine::Network {
                    graph,
                    zones: zj,
                    sites: sj,
                }
            }
        } else {
            Engine::Straight {
                zones: zones.clone(),
                sites: sites.clone(),
                model: opts.straight_line,
            }
        };
        let method = match engine {
            Engine::Network { .. } => Method::RoadNetwork,
            Engine::Straight { .. } => Method::StraightLine,
            Engine::Table { .. } => Method::Table,
        };
        let mut tt = TravelTimes {
            mode: opts.mode,
            method,
            max_minutes: opts.max_minutes,
            pair_minutes: opts.pair_minutes.min(opts.max_minutes),
            n_facilities: s.facilities.len(),
            pairs: Vec::new(),
            warnings,
            engine,
        };
        tt.pairs = tt.compute_pairs(zones.len(), deadline)?;
        Some(tt)
    }

    /// Number of sites (facilities + candidate sites).
    pub fn n_sites(&self) -> usize {
        match &self.engine {
            Engine::Network { sites, .. } => sites.len(),
            Engine::Straight { sites, .. } | Engine::Table { sites, .. } => sites.len(),
        }
    }

    /// The road graph, when times come from a network.
    pub fn graph(&self) -> Option<&RoadGraph> {
        match &self.engine {
            Engine::Network { graph, .. } => Some(graph),
            _ => None,
        }
    }

    fn compute_pairs(&self, n_zones: usize, deadline: Deadline) -> Option<Vec<Vec<(u32, f32)>>> {
        let bound = self.pair_minutes;
        let mut out: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n_zones];
        match &self.engine {
            Engine::Table { entries, .. } => {
                for (z, e) in entries.iter().enumerate() {
                    if deadline.passed() {
                        return None;
                    }
                    out[z] = e
                        .iter()
                        .filter(|(_, m)| *m <= bound)
                        .map(|&(j, m)| (j, m as f32))
                        .collect();
                }
            }
            Engine::Straight {
                zones,
                sites,
                model,
            } => {
                let v = speeds::speed_of(&model.speeds, self.mode);
                let reach_km = if v > 0.0 {
                    bound / 60.0 * v / model.detour_factor
                } else {
                    0.0
                };
                let tree = PlanarTree::new(sites);
                for (z, p) in zones.iter().enumerate() {
                    if deadline.passed() {
                        return None;
                    }
                    for j in tree.within_km(*p, reach_km) {
                        let m = model.minutes(haversine_km(*p, sites[j as usize]), self.mode);
                        if m <= bound {
                            out[z].push((j, m as f32));
                        }
                    }
                }
            }
            Engine::Network {
                graph,
                zones,
                sites,
            } => {
                // Search from whichever side has fewer distinct nodes; the
                // graph is undirected, so times are symmetric.
                let from_zones = distinct_nodes(zones) <= distinct_nodes(sites);
                let (a, b) = if from_zones {
                    (zones, sites)
                } else {
                    (sites, zones)
                };
                // Members of side b per node, as a dense CSR (hash lookups in
                // the inner loop cost more than the search itself).
                let n = graph.node_count();
                let mut start = vec![0u32; n + 1];
                for j in b.iter().flatten() {
                    start[j.node as usize + 1] += 1;
                }
                for i in 0..n {
                    start[i + 1] += start[i];
                }
                let mut fill = start.clone();
                let mut at: Vec<(u32, f64)> = vec![(0, 0.0); start[n] as usize];
                for (i, j) in b.iter().enumerate() {
                    if let Some(j) = j {
                        at[fill[j.node as usize] as usize] = (i as u32, j.gap_minutes);
                        fill[j.node as usize] += 1;
                    }
                }
                let mut by_node: HashMap<u32, Vec<(u32, f64)>> = HashMap::new();
                for (i, j) in a.iter().enumerate() {
                    if let Some(j) = j {
                        by_node
                            .entry(j.node)
                            .or_default()
                            .push((i as u32, j.gap_minutes));
                    }
                }
                let mut nodes: Vec<_> = by_node.into_iter().collect();
                nodes.sort_unstable_by_key(|(n, _)| *n);
                let mut ws = Workspace::default();
                for (node, members) in nodes {
                    if deadline.passed() {
                        return None;
                    }
                    let min_gap = members.iter().map(|m| m.1).fold(f64::INFINITY, f64::min);
                    if min_gap > bound {
                        continue;
                    }
                    graph.search(&[(node, 0.0, 0)], bound - min_gap, &mut ws);
                    for &r in ws.reached() {
                        let list = &at[start[r as usize] as usize..start[r as usize + 1] as usize];
                        if list.is_empty() {
                            continue;
                        }
                        let d = ws.dist[r as usize];
                        for &(bi, bgap) in list {
                            for &(ai, agap) in &members {
                                let m = d + agap + bgap;
                                if m <= bound {
                                    let (z, site) = if from_zones { (ai, bi) } else { (bi, ai) };
                                    out[z as usize].push((site, m as f32));
                                }
                            }
                        }
                    }
                }
            }
        }
        for row in &mut out {
            if deadline.passed() {
                return None;
            }
            // Unstable is exact here: the order is total (minutes, then site).
            row.sort_unstable_by(|x, y| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0)));
        }
        Some(out)
    }

    /// For each zone, the nearest of `sites` and its minutes, or `None` when
    /// none is within `max_minutes`.
    pub fn nearest(&self, sites: &[u32]) -> Vec<Option<(u32, f64)>> {
        let bound = self.max_minutes;
        match &self.engine {
            Engine::Table { entries, .. } => {
                let want = membership(sites, self.n_sites());
                entries
                    .iter()
                    .map(|e| {
                        e.iter()
                            .filter(|(j, m)| want[*j as usize] && *m <= bound)
                            .min_by(|x, y| x.1.total_cmp(&y.1))
                            .map(|&(j, m)| (j, m))
                    })
                    .collect()
            }
            Engine::Straight {
                zones,
                sites: pos,
                model,
            } => {
                let pts: Vec<LonLat> = sites.iter().map(|&j| pos[j as usize]).collect();
                let tree = PlanarTree::new(&pts);
                zones
                    .iter()
                    .map(|p| {
                        let (k, km) = tree.nearest(*p, &pts)?;
                        let m = model.minutes(km, self.mode);
                        (m <= bound).then_some((sites[k as usize], m))
                    })
                    .collect()
            }
            Engine::Network {
                graph,
                zones,
                sites: joins,
            } => {
                let sources: Vec<(u32, f64, u32)> = sites
                    .iter()
                    .filter_map(|&j| joins[j as usize].map(|jn| (jn.node, jn.gap_minutes, j)))
                    .collect();
                let mut ws = Workspace::default();
                graph.search(&sources, bound, &mut ws);
                if ws.dist.is_empty() {
                    return vec![None; zones.len()];
                }
                zones
                    .iter()
                    .map(|z| {
                        let z = (*z)?;
                        let m = ws.dist[z.node as usize] + z.gap_minutes;
                        (m <= bound).then(|| (ws.label[z.node as usize], m))
                    })
                    .collect()
            }
        }
    }

    /// Minutes from site `from` to each of `to` (`None` beyond `max_minutes`).
    /// Over a table, which holds only zone–site times, site–site times fall
    /// back to the straight-line model.
    pub fn site_to_sites(&self, from: u32, to: &[u32]) -> Vec<Option<f64>> {
        let bound = self.max_minutes;
        let straight = |pos: &[LonLat], model: &StraightLine| -> Vec<Option<f64>> {
            to.iter()
                .map(|&j| {
                    let m =
                        model.minutes(haversine_km(pos[from as usize], pos[j as usize]), self.mode);
                    (m <= bound).then_some(m)
                })
                .collect()
        };
        match &self.engine {
            Engine::Straight { sites, model, .. } | Engine::Table { sites, model, .. } => {
                straight(sites, model)
            }
            Engine::Network { graph, sites, .. } => {
                let Some(src) = sites[from as usize] else {
                    return vec![None; to.len()];
                };
                let mut ws = Workspace::default();
                graph.search(&[(src.node, src.gap_minutes, 0)], bound, &mut ws);
                to.iter()
                    .map(|&j| {
                        let t = sites[j as usize]?;
                        let m = ws.dist.get(t.node as usize)? + t.gap_minutes;
                        (m <= bound).then_some(m)
                    })
                    .collect()
            }
        }
    }
}

fn distinct_nodes(j: &[Option<Join>]) -> usize {
    let mut v: Vec<u32> = j.iter().flatten().map(|j| j.node).collect();
    v.sort_unstable();
    v.dedup();
    v.len()
}

fn membership(sites: &[u32], n: usize) -> Vec<bool> {
    let mut m = vec![false; n];
    for &j in sites {
        if (j as usize) < n {
            m[j as usize] = true;
        }
    }
    m
}

/// A spatial index of points in degrees with longitude scaled by the cosine
/// of the points' mean latitude, so that Euclidean distance approximates
/// ground distance at regional scale.
struct PlanarTree {
    tree: RTree<GeomWithData<[f64; 2], u32>>,
    kx: f64,
}

impl PlanarTree {
    fn new(points: &[LonLat]) -> PlanarTree {
        let lat = if points.is_empty() {
            0.0
        } else {
            points.iter().map(|p| p[1]).sum::<f64>() / points.len() as f64
        };
        let kx = lat.to_radians().cos().max(0.01);
        let tree = RTree::bulk_load(
            points
                .iter()
                .enumerate()
                .map(|(i, p)| GeomWithData::new([p[0] * kx, p[1]], i as u32))
                .collect(),
        );
        PlanarTree { tree, kx }
    }

    fn planar(&self, p: LonLat) -> [f64; 2] {
        [p[0] * self.kx, p[1]]
    }

    /// Indices of points within `km` of `p` (a superset; callers check exactly).
    fn within_km(&self, p: LonLat, km: f64) -> impl Iterator<Item = u32> + '_ {
        let r = km / 110.0 * 1.03 + 1e-9;
        self.tree
            .locate_within_distance(self.planar(p), r * r)
            .map(|g| g.data)
    }

    /// The nearest point by great-circle distance (checked among the few
    /// nearest in the planar index).
    fn nearest(&self, p: LonLat, points: &[LonLat]) -> Option<(u32, f64)> {
        self.tree
            .nearest_neighbor_iter(&self.planar(p))
            .take(4)
            .map(|g| (g.data, haversine_km(p, points[g.data as usize])))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }
}
