//! The lead hospital of every facility's county medical community, for all
//! facilities at once in O(n): the rule of [`Scenario::community_lead_of`]
//! without scanning every facility for each.

use super::{Scenario, Tier};
use std::collections::HashMap;

impl Scenario {
    /// [`Scenario::community_lead_of`] for every facility (indices into
    /// `facilities`, one entry per facility).
    pub fn community_leads(&self) -> Vec<Option<usize>> {
        let fs = &self.facilities;
        let named = fs.iter().any(|f| f.community.is_some());
        // The first facility with each id (as `position` finds it).
        let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(fs.len());
        for (i, f) in fs.iter().enumerate() {
            by_id.entry(f.id.as_str()).or_insert(i);
        }
        // Each unit's county hospital with the most beds, the first on a tie.
        let mut unit_lead: HashMap<&str, usize> = HashMap::new();
        if !named {
            for (i, f) in fs.iter().enumerate() {
                if f.tier != Tier::CountyHospital {
                    continue;
                }
                unit_lead
                    .entry(f.admin_unit.as_str())
                    .and_modify(|b| {
                        if fs[*b].beds < f.beds {
                            *b = i
                        }
                    })
                    .or_insert(i);
            }
        }
        fs.iter()
            .map(|f| {
                if !f.tier.is_grassroots_centre() {
                    return None;
                }
                match f.community.as_deref() {
                    Some(id) => {
                        let lead = *by_id.get(id)?;
                        let g = &fs[lead];
                        (g.tier.leads_community() && g.community.as_deref() == Some(id))
                            .then_some(lead)
                    }
                    None if named => None,
                    None => unit_lead.get(f.admin_unit.as_str()).copied(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::Tier;

    /// Regions with and without named communities, odd ones included
    /// (a community naming a non-lead, a missing id, ties in beds).
    #[test]
    fn all_at_once_equals_one_at_a_time() {
        let mut seed = 5u64;
        let mut pick = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n
        };
        for round in 0..40 {
            let mut s = crate::bench::province::Province::small().generate(round);
            let n = s.facilities.len();
            let ids: Vec<String> = s.facilities.iter().map(|f| f.id.clone()).collect();
            for k in 0..n {
                let f = &mut s.facilities[k];
                if pick(3) == 0 {
                    f.beds = (pick(3) * 50) as f64;
                }
                if pick(5) == 0 {
                    f.tier = [
                        Tier::TownshipHealthCentre,
                        Tier::CommunityHealthCentre,
                        Tier::CountyHospital,
                    ][pick(3)];
                }
                f.community = match (round % 2, pick(5)) {
                    (0, _) => None,
                    (_, 0) => Some("no-such-id".into()),
                    (_, 1) => Some(f.id.clone()),
                    _ => Some(ids[pick(n)].clone()),
                };
            }
            let all = s.community_leads();
            assert_eq!(all.len(), n);
            for (i, lead) in all.iter().enumerate() {
                assert_eq!(*lead, s.community_lead_of(i), "round {round}, facility {i}");
            }
        }
    }
}
