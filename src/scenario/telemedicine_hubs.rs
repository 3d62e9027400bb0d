//! Where each facility's new telemedicine link would go, for all
//! facilities at once in O(n log n): the rule of
//! [`Scenario::telemedicine_hubs`] without scanning every facility for each.

use super::Scenario;
use rstar::primitives::GeomWithData;
use rstar::RTree;
use std::collections::HashMap;

impl Scenario {
    /// The reading centre a new telemedicine link of each facility goes to
    /// (indices into `facilities`, one entry per facility): the lead
    /// hospital of its medical community when it may read, else the
    /// reading-tier facility of its admin unit with the most beds (the
    /// first on a tie), else the nearest one anywhere (straight line on the
    /// stored coordinates; the first on a tie). A facility is never its own
    /// hub. `None` when the region has no other facility that may read.
    pub fn telemedicine_hubs(&self) -> Vec<Option<usize>> {
        let fs = &self.facilities;
        let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(fs.len());
        for (i, f) in fs.iter().enumerate() {
            by_id.entry(f.id.as_str()).or_insert(i);
        }
        let readers: Vec<usize> = (0..fs.len())
            .filter(|&j| fs[j].tier.reads_telemedicine())
            .collect();
        // Per admin unit the two best readers, so a reader itself gets the
        // best other one.
        let mut best: HashMap<&str, (usize, Option<usize>)> = HashMap::new();
        for &j in &readers {
            let better = |b: usize| fs[j].beds > fs[b].beds;
            best.entry(fs[j].admin_unit.as_str())
                .and_modify(|(first, second)| {
                    if better(*first) {
                        *second = Some(*first);
                        *first = j;
                    } else if second.is_none_or(better) {
                        *second = Some(j);
                    }
                })
                .or_insert((j, None));
        }
        let tree = RTree::bulk_load(
            readers
                .iter()
                .map(|&j| GeomWithData::new(fs[j].location, j))
                .collect(),
        );
        let nearest = |i: usize| -> Option<usize> {
            let mut found: Option<(f64, usize)> = None;
            for (p, d) in tree.nearest_neighbor_iter_with_distance_2(&fs[i].location) {
                if p.data == i {
                    continue;
                }
                match found {
                    Some((d0, _)) if d > d0 => break,
                    Some((_, j)) if j < p.data => {}
                    _ => found = Some((d, p.data)),
                }
            }
            found.map(|(_, j)| j)
        };
        (0..fs.len())
            .map(|i| {
                let f = &fs[i];
                if let Some(&lead) = f.community.as_deref().and_then(|c| by_id.get(c)) {
                    if lead != i && fs[lead].tier.reads_telemedicine() {
                        return Some(lead);
                    }
                }
                let in_unit =
                    best.get(f.admin_unit.as_str()).and_then(
                        |&(a, b)| {
                            if a == i {
                                b
                            } else {
                                Some(a)
                            }
                        },
                    );
                in_unit.or_else(|| nearest(i))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::{Scenario, Tier};

    /// The rule read literally: a scan over every facility per facility.
    fn hub_by_scan(s: &Scenario, i: usize) -> Option<usize> {
        let f = &s.facilities[i];
        let index = |id: &str| s.facilities.iter().position(|g| g.id == id);
        if let Some(lead) = f.community.as_deref().and_then(index) {
            if lead != i && s.facilities[lead].tier.reads_telemedicine() {
                return Some(lead);
            }
        }
        let readers = || {
            (0..s.facilities.len())
                .filter(move |&j| j != i && s.facilities[j].tier.reads_telemedicine())
        };
        let mut in_unit: Option<usize> = None;
        for j in readers().filter(|&j| s.facilities[j].admin_unit == f.admin_unit) {
            if in_unit.is_none_or(|b| s.facilities[j].beds > s.facilities[b].beds) {
                in_unit = Some(j);
            }
        }
        in_unit.or_else(|| {
            let d = |j: usize| {
                let (a, b) = (f.location, s.facilities[j].location);
                (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
            };
            readers().min_by(|&a, &b| d(a).total_cmp(&d(b)))
        })
    }

    /// Generated regions with ties in beds and in distance, readers in some
    /// units only, communities naming leads, non-readers and missing ids.
    #[test]
    fn every_hub_is_the_one_the_rule_names() {
        let mut rng = crate::bench::Rng(7);
        let mut pick = |n: usize| ((rng.unit() * n as f64) as usize).min(n - 1);
        for side in [1usize, 2, 3] {
            let mut s = crate::bench::province::Province {
                side,
                zones: 50,
                townships: 6,
                clinics: 20,
                sites: 3,
                grid: 10,
            }
            .generate(side as u64);
            let n = s.facilities.len();
            let ids: Vec<String> = s.facilities.iter().map(|f| f.id.clone()).collect();
            let units: Vec<String> = s.admin_units.iter().map(|u| u.id.clone()).collect();
            let tiers = [
                Tier::VillageClinic,
                Tier::TownshipHealthCentre,
                Tier::CountyHospital,
                Tier::TertiaryHospital,
            ];
            for k in 0..n {
                let tier = tiers[pick(4)];
                let beds = (pick(3) * 50) as f64;
                // Coarse coordinates: equal distances happen.
                let location = [100.0 + pick(5) as f64 * 0.1, 30.0 + pick(5) as f64 * 0.1];
                let community = match pick(4) {
                    0 => None,
                    1 => Some("no-such-facility".to_string()),
                    _ => Some(ids[pick(n)].clone()),
                };
                let unit = units[pick(units.len())].clone();
                let f = &mut s.facilities[k];
                (f.tier, f.beds, f.location, f.community, f.admin_unit) =
                    (tier, beds, location, community, unit);
            }
            let hubs = s.telemedicine_hubs();
            for (i, hub) in hubs.iter().enumerate() {
                assert_eq!(*hub, hub_by_scan(&s, i), "side {side}, facility {i}");
            }
            assert!(hubs.iter().any(Option::is_some));
        }
    }
}
