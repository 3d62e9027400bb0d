//! The road graph for one mode of travel: nodes at polyline vertices (shared
//! where links meet), edges weighted in minutes, a spatial index to join
//! points to their nearest usable node, and a bounded Dijkstra.
//!
//! petgraph builds the graph and finds its connected components; the search
//! itself runs over a compact adjacency array (CSR) copied from it, which is
//! several times faster than walking petgraph's edge lists in the hot loop.

use super::speeds::{class_speed, haversine_km, speed_of, ACCESS_WALK_KMH};
use crate::scenario::{LonLat, Mode, RoadNetwork};
use crate::validate::Problem;
use petgraph::graph::{NodeIndex, UnGraph};
use rstar::primitives::GeomWithData;
use rstar::RTree;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// A point joined to the network: its node and the walk to reach it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Join {
    /// Node index in the graph.
    pub node: u32,
    /// Straight-line gap to the node (km).
    pub gap_km: f64,
    /// Minutes to walk the gap.
    pub gap_minutes: f64,
}

/// The road network of a scenario, ready for searches by one mode.
pub struct RoadGraph {
    positions: Vec<LonLat>,
    offsets: Vec<u32>,
    targets: Vec<u32>,
    minutes: Vec<f32>,
    component: Vec<u32>,
    components: usize,
    index: RTree<GeomWithData<[f64; 2], u32>>,
    kx: f64,
}

impl RoadGraph {
    /// Builds the graph for `mode`. Links the mode cannot use (speed 0) are
    /// left out; problems (unusable links, disconnected parts) are returned
    /// as warnings naming them.
    pub fn build(net: &RoadNetwork, mode: Mode) -> (RoadGraph, Vec<Problem>) {
        let mut warnings = Vec::new();
        let mut g: UnGraph<LonLat, f32> = UnGraph::default();
        let mut ids: HashMap<(i64, i64), NodeIndex> = HashMap::new();
        let mut node = |g: &mut UnGraph<LonLat, f32>, p: LonLat| {
            let key = ((p[0] * 1e6).round() as i64, (p[1] * 1e6).round() as i64);
            *ids.entry(key).or_insert_with(|| g.add_node(p))
        };
        let mut unusable = Vec::new();
        for (i, link) in net.links.iter().enumerate() {
            let v = link
                .speeds
                .as_ref()
                .map(|s| speed_of(s, mode))
                .unwrap_or_else(|| class_speed(net, link.class, mode));
            let valid = link
                .line
                .iter()
                .all(|p| p[0].is_finite() && p[1].is_finite());
            // A link whose positions all fall on one node joins nothing: left
            // out, so no zone or site is snapped to an island of one node.
            let key = |p: &LonLat| ((p[0] * 1e6).round() as i64, (p[1] * 1e6).round() as i64);
            let has_length = link.line.windows(2).any(|w| key(&w[0]) != key(&w[1]));
            if !(v.is_finite() && v > 0.0 && valid && has_length) {
                unusable.push(i);
                continue;
            }
            for w in link.line.windows(2) {
                let (a, b) = (node(&mut g, w[0]), node(&mut g, w[1]));
                if a == b {
                    continue;
                }
                let km = haversine_km(w[0], w[1]);
                g.add_edge(a, b, (km / v * 60.0) as f32);
            }
        }
        if !unusable.is_empty() {
            let names: Vec<String> = unusable
                .iter()
                .take(8)
                .map(|&i| format!("{:?}", net.links[i].id))
                .collect();
            let (more, more_zh) = if unusable.len() > 8 {
                (
                    format!(" and {} more", unusable.len() - 8),
                    format!(" 等 {} 条", unusable.len()),
                )
            } else {
                (String::new(), String::new())
            };
            warnings.push(Problem::warning(
                "$.roads.links",
                format!(
                    "{} road link(s) cannot be used by {} (speed 0 or invalid line) and are left out: {}{more}",
                    unusable.len(),
                    mode_name(mode),
                    names.join(", ")
                ),
                format!(
                    "{} 条道路路段无法用于{}（速度为 0 或线形无效），已略去：{}{more_zh}",
                    unusable.len(),
                    mode_name_zh(mode),
                    names.join("、")
                ),
            ));
        }

        // Compact adjacency (CSR) for the searches.
        let n = g.node_count();
        let mut degree = vec![0u32; n + 1];
        for e in g.raw_edges() {
            degree[e.source().index()] += 1;
            degree[e.target().index()] += 1;
        }
        let mut offsets = vec![0u32; n + 1];
        for i in 0..n {
            offsets[i + 1] = offsets[i] + degree[i];
        }
        let mut fill = offsets.clone();
        let m = offsets[n] as usize;
        let mut targets = vec![0u32; m];
        let mut minutes = vec![0f32; m];
        for e in g.raw_edges() {
            let (a, b) = (e.source().index(), e.target().index());
            targets[fill[a] as usize] = b as u32;
            minutes[fill[a] as usize] = e.weight;
            fill[a] += 1;
            targets[fill[b] as usize] = a as u32;
            minutes[fill[b] as usize] = e.weight;
            fill[b] += 1;
        }

        // Connected components (union-find over the edges).
        let mut parent: Vec<u32> = (0..n as u32).collect();
        fn find(p: &mut [u32], mut x: u32) -> u32 {
            while p[x as usize] != x {
                p[x as usize] = p[p[x as usize] as usize];
                x = p[x as usize];
            }
            x
        }
        for e in g.raw_edges() {
            let (a, b) = (
                find(&mut parent, e.source().index() as u32),
                find(&mut parent, e.target().index() as u32),
            );
            if a != b {
                parent[a as usize] = b;
            }
        }
        let mut label: HashMap<u32, u32> = HashMap::new();
        let mut component = vec![0u32; n];
        let mut sizes: Vec<usize> = Vec::new();
        for (i, slot) in component.iter_mut().enumerate() {
            let r = find(&mut parent, i as u32);
            let next = label.len() as u32;
            let c = *label.entry(r).or_insert(next);
            if c as usize == sizes.len() {
                sizes.push(0);
            }
            sizes[c as usize] += 1;
            *slot = c;
        }
        let components = sizes.len();
        if components > 1 {
            let mut s = sizes.clone();
            s.sort_unstable_by(|a, b| b.cmp(a));
            warnings.push(Problem::warning(
                "$.roads",
                format!(
                    "the road network for {} falls into {components} disconnected parts (largest {} nodes, then {}); places in different parts cannot reach each other by road",
                    mode_name(mode),
                    s[0],
                    s[1..s.len().min(6)].iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ")
                ),
                format!(
                    "{}路网分成 {components} 个互不连通的部分（最大 {} 个节点，其次 {}）；不同部分的地点无法经道路互达",
                    mode_name_zh(mode),
                    s[0],
                    s[1..s.len().min(6)].iter().map(|x| x.to_string()).collect::<Vec<_>>().join("、")
                ),
            ));
        }

        let positions: Vec<LonLat> = g.node_weights().copied().collect();
        let lat0 = if positions.is_empty() {
            0.0
        } else {
            positions.iter().map(|p| p[1]).sum::<f64>() / positions.len() as f64
        };
        let kx = lat0.to_radians().cos();
        let index = RTree::bulk_load(
            positions
                .iter()
                .enumerate()
                .filter(|(i, _)| degree[*i] > 0)
                .map(|(i, p)| GeomWithData::new([p[0] * kx, p[1]], i as u32))
                .collect(),
        );
        (
            RoadGraph {
                positions,
                offsets,
                targets,
                minutes,
                component,
                components,
                index,
                kx,
            },
            warnings,
        )
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.positions.len()
    }

    /// Number of (undirected) edges.
    pub fn edge_count(&self) -> usize {
        self.targets.len() / 2
    }

    /// Number of connected parts.
    pub fn component_count(&self) -> usize {
        self.components
    }

    /// Connected part of a node.
    pub fn component_of(&self, node: u32) -> u32 {
        self.component[node as usize]
    }

    /// Joins a point to its nearest usable node; `None` when the network is empty.
    pub fn join(&self, p: LonLat) -> Option<Join> {
        let hit = self.index.nearest_neighbor(&[p[0] * self.kx, p[1]])?;
        let node = hit.data;
        let gap_km = haversine_km(p, self.positions[node as usize]);
        Some(Join {
            node,
            gap_km,
            gap_minutes: gap_km / ACCESS_WALK_KMH * 60.0,
        })
    }

    /// Bounded multi-source Dijkstra. `sources` are `(node, start minutes,
    /// label)`; every node reached within `bound` minutes gets its least time
    /// and the label of the source it came from. `ws` is reused between calls.
    pub fn search(&self, sources: &[(u32, f64, u32)], bound: f64, ws: &mut Workspace) {
        ws.reset(self.positions.len());
        let mut heap = BinaryHeap::new();
        for &(node, start, label) in sources {
            if start <= bound && start < ws.dist[node as usize] {
                ws.set(node, start, label);
                heap.push(Entry(start, node));
            }
        }
        while let Some(Entry(d, u)) = heap.pop() {
            if d > ws.dist[u as usize] {
                continue;
            }
            let label = ws.label[u as usize];
            let (a, b) = (
                self.offsets[u as usize] as usize,
                self.offsets[u as usize + 1] as usize,
            );
            for k in a..b {
                let v = self.targets[k];
                let nd = d + self.minutes[k] as f64;
                if nd <= bound && nd < ws.dist[v as usize] {
                    ws.set(v, nd, label);
                    heap.push(Entry(nd, v));
                }
            }
        }
    }
}

fn mode_name_zh(mode: Mode) -> &'static str {
    match mode {
        Mode::Walk => "步行",
        Mode::Bike => "骑行",
        Mode::Drive => "驾车",
    }
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Walk => "walking",
        Mode::Bike => "cycling",
        Mode::Drive => "driving",
    }
}

/// Reusable search state: distances and labels, reset in time proportional
/// to what the last search touched.
#[derive(Default)]
pub struct Workspace {
    /// Least minutes per node (∞ when not reached).
    pub dist: Vec<f64>,
    /// Label of the source that reached each node.
    pub label: Vec<u32>,
    touched: Vec<u32>,
}

impl Workspace {
    fn reset(&mut self, n: usize) {
        if self.dist.len() != n {
            self.dist = vec![f64::INFINITY; n];
            self.label = vec![u32::MAX; n];
            self.touched.clear();
        } else {
            for &i in &self.touched {
                self.dist[i as usize] = f64::INFINITY;
                self.label[i as usize] = u32::MAX;
            }
            self.touched.clear();
        }
    }

    fn set(&mut self, node: u32, d: f64, label: u32) {
        if self.dist[node as usize].is_infinite() {
            self.touched.push(node);
        }
        self.dist[node as usize] = d;
        self.label[node as usize] = label;
    }

    /// Nodes reached by the last search.
    pub fn reached(&self) -> &[u32] {
        &self.touched
    }
}

/// Min-heap entry ordered by minutes.
#[derive(PartialEq)]
struct Entry(f64, u32);

impl Eq for Entry {}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .0
            .partial_cmp(&self.0)
            .unwrap_or(Ordering::Equal)
            .then_with(|| other.1.cmp(&self.1))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
