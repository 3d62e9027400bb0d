//! Where new service points could go when a region brings no candidate
//! list: in each unit, the populated zones farthest from township-level
//! care, scored by residents × distance to the nearest such facility, at
//! most `per_unit` of them and at least `spacing_km` apart. Used by the demo
//! generator and by the importer (documented in docs/import.md).

/// A new township or community health centre: cost (yuan), beds,
/// doctors — the planning assumption for generated candidates, and for a
/// listed one that does not say.
pub const NEW_CENTRE: (f64, f64, f64) = (8_000_000.0, 20.0, 6.0);

/// A zone as the rule sees it.
pub struct ZonePoint<'a> {
    /// Its unit's id.
    pub unit: &'a str,
    /// Its id (ties are broken by it, so the choice is deterministic).
    pub id: &'a str,
    /// Position in a local km projection.
    pub km: (f64, f64),
    /// Residents.
    pub population: f64,
}

/// The rule's settings.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Only zones farther than this from care are candidates (km).
    pub gap_km: f64,
    /// Most candidates per unit.
    pub per_unit: usize,
    /// Least distance between two candidates of a unit (km).
    pub spacing_km: f64,
}

impl Rule {
    /// The documented rule: more than 6 km from care, `per_unit` per unit, 8 km apart.
    pub fn standard(per_unit: usize) -> Rule {
        Rule {
            gap_km: 6.0,
            per_unit,
            spacing_km: 8.0,
        }
    }
}

/// Township-level care (every facility but village clinics) in km.
pub fn care_points(
    facilities: &[crate::scenario::Facility],
    proj: &crate::build::projection::Local,
) -> Vec<(f64, f64)> {
    facilities
        .iter()
        .filter(|f| f.tier != crate::scenario::Tier::VillageClinic)
        .map(|f| proj.to_km(f.location))
        .collect()
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// Indices into `zones` of the chosen candidates, unit by unit in the order
/// units first appear, best first within a unit.
///
/// ```
/// use healthreach::build::candidates::{choose, Rule, ZonePoint};
/// let z = |id, x, p| ZonePoint { unit: "a", id, km: (x, 0.0), population: p };
/// let zones = [z("1", 1.0, 500.0), z("2", 20.0, 100.0), z("3", 21.0, 900.0)];
/// let rule = Rule { gap_km: 6.0, per_unit: 3, spacing_km: 8.0 };
/// // Care at x = 0: zone 1 is covered; 3 beats 2, which is too close to it.
/// assert_eq!(choose(&zones, &[(0.0, 0.0)], rule), vec![2]);
/// ```
pub fn choose(zones: &[ZonePoint], care_km: &[(f64, f64)], rule: Rule) -> Vec<usize> {
    let mut units: Vec<&str> = Vec::new();
    for z in zones {
        if !units.contains(&z.unit) {
            units.push(z.unit);
        }
    }
    let mut out = Vec::new();
    for u in units {
        let mut scored: Vec<(usize, f64)> = zones
            .iter()
            .enumerate()
            .filter(|(_, z)| z.unit == u)
            .filter_map(|(i, z)| {
                let gap = care_km
                    .iter()
                    .map(|q| dist(*q, z.km))
                    .fold(f64::INFINITY, f64::min);
                (gap > rule.gap_km).then_some((i, z.population * gap.min(1e6)))
            })
            .collect();
        scored.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| zones[a.0].id.cmp(zones[b.0].id))
        });
        let mut chosen: Vec<usize> = Vec::new();
        for (i, _) in scored {
            if chosen.len() >= rule.per_unit {
                break;
            }
            if chosen
                .iter()
                .any(|&j| dist(zones[j].km, zones[i].km) < rule.spacing_km)
            {
                continue;
            }
            chosen.push(i);
        }
        out.extend(chosen);
    }
    out
}
