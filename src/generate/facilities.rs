//! Facilities of every tier and candidate sites, calibrated to reported totals.

use super::layout::{CountyKm, TownKm, CITY_CORE_ADCODE};
use super::projection::{dist, Local};
use super::reported;
use super::rng::SplitMix64;
use super::zones::{apportion, ZoneKm};
use crate::build::candidates::{care_points, choose, Rule, ZonePoint, NEW_CENTRE};
use crate::scenario::{CandidateSite, Expansion, Facility, Specialty, Tier};
use std::collections::BTreeMap;

pub struct Built {
    pub facilities: Vec<Facility>,
    pub candidate_sites: Vec<CandidateSite>,
}

/// Beds of the prefecture's tertiary hospitals (illustrative sizes).
const TERTIARY: [(&str, f64, (f64, f64)); 3] = [
    ("渭南市中心医院", 2000.0, (0.8, 0.5)),
    ("渭南市第一医院", 1500.0, (-1.2, 0.9)),
    ("渭南市妇幼保健院", 800.0, (1.5, -1.1)),
];
/// Beds of the city-level hospitals.
const CITY: [(&str, f64, (f64, f64)); 2] = [
    ("渭南市中医医院", 600.0, (-0.6, -1.4)),
    ("渭南市精神卫生中心", 400.0, (2.2, 1.6)),
];
/// Beds shared by the counties' people's hospitals (∝ county population).
const COUNTY_PEOPLES_BEDS: u64 = 15_500;
/// Beds shared by county TCM hospitals (∝ county population).
const COUNTY_TCM_BEDS: u64 = 1_500;
/// Licensed doctors per bed, by tier (village clinics: village doctors are
/// not licensed doctors and are not counted).
fn doctors_per_bed(tier: Tier) -> f64 {
    match tier {
        Tier::TertiaryHospital => 0.45,
        Tier::CityHospital => 0.40,
        Tier::CountyHospital => 0.34,
        Tier::TownshipHealthCentre => 0.22,
        Tier::CommunityHealthCentre => 0.40,
        Tier::VillageClinic => 0.0,
    }
}
/// Counties above this population already offer haemodialysis.
const DIALYSIS_NOW_ABOVE: u64 = 350_000;
/// Counties above this population already have a mental-health clinic.
const MENTAL_HEALTH_NOW_ABOVE: u64 = 600_000;
/// Cost of raising a central township health centre to secondary level (yuan).
const UPGRADE_COST_YUAN: f64 = 30_000_000.0;
/// Share of a township health centre's beds that are integrated
/// medical-and-elderly-care beds today (synthesized).
const ELDERLY_SHARE_TOWNSHIP: f64 = 0.08;
/// People's hospitals with fewer beds than this lack the critical maternal
/// and neonatal care centres today (synthesized).
const SMALL_COUNTY_HOSPITAL_BEDS: f64 = 1_000.0;
/// Share of township and community centres on a remote-ECG network today
/// (Weinan reports over 56%).
const TELEMEDICINE_SHARE_TODAY: f64 = 0.56;
/// Integrated elderly-care beds a county hospital may add (synthesized).
const ELDERLY_CAP_COUNTY_HOSPITAL: f64 = 60.0;

fn facility(
    id: String,
    name: String,
    tier: Tier,
    pos: (f64, f64),
    adcode: &str,
    beds: f64,
    proj: &Local,
) -> Facility {
    Facility {
        elderly_care_beds: 0.0,
        community: None,
        telemedicine_hub: None,
        id,
        name,
        tier,
        location: proj.to_lonlat(pos.0, pos.1),
        admin_unit: adcode.to_string(),
        beds,
        doctors: (beds * doctors_per_bed(tier)).round(),
        specialists: BTreeMap::new(),
        services: vec![],
        expansion: Expansion::default(),
    }
}

/// The county medical communities and what the emergency-centre and
/// telemedicine rules need (synthesized): every county hospital leads a
/// community (16, as reported); each township and community health centre
/// and village clinic joins the nearest lead hospital of its county. The
/// people's hospitals and the general tertiary hospitals hold the five
/// emergency centres today (Weinan reports full county coverage), the
/// maternal and child hospital the maternal and neonatal ones. Of the
/// township and community centres, the nearest to their lead hospital in
/// each county are on its remote-ECG network today, 56% in all (Weinan
/// reports over 56%).
fn communities(out: &mut [Facility]) {
    let leads: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].tier == Tier::CountyHospital)
        .collect();
    for &l in &leads {
        out[l].community = Some(out[l].id.clone());
    }
    let d2 = |a: [f64; 2], b: [f64; 2]| {
        let k = (a[1].to_radians()).cos();
        ((a[0] - b[0]) * k).powi(2) + (a[1] - b[1]).powi(2)
    };
    let mut grassroots: Vec<(usize, usize, f64)> = Vec::new();
    for i in 0..out.len() {
        if out[i].tier >= Tier::CountyHospital {
            continue;
        }
        let lead = leads
            .iter()
            .copied()
            .filter(|&l| out[l].admin_unit == out[i].admin_unit)
            .min_by(|&a, &b| {
                d2(out[a].location, out[i].location)
                    .total_cmp(&d2(out[b].location, out[i].location))
                    .then(a.cmp(&b))
            });
        if let Some(l) = lead {
            out[i].community = Some(out[l].id.clone());
            if out[i].tier.links_to_telemedicine() {
                grassroots.push((i, l, d2(out[l].location, out[i].location)));
            }
        }
    }
    // Remote ECG today: the nearest share of each county's centres.
    let mut units: Vec<String> = grassroots
        .iter()
        .map(|&(i, _, _)| out[i].admin_unit.clone())
        .collect();
    units.sort();
    units.dedup();
    for u in units {
        let mut here: Vec<&(usize, usize, f64)> = grassroots
            .iter()
            .filter(|(i, _, _)| out[*i].admin_unit == u)
            .collect();
        here.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)));
        let n = (here.len() as f64 * TELEMEDICINE_SHARE_TODAY).round() as usize;
        for &&(i, l, _) in here.iter().take(n) {
            out[i].telemedicine_hub = Some(out[l].id.clone());
        }
    }
    // Smaller counties' people's hospitals lack the critical maternal and
    // neonatal centres today (synthesized, so that the rule has work to do).
    let beds = |f: &Facility| f.beds;
    for f in out.iter_mut() {
        let centres: &[Specialty] = match f.tier {
            Tier::CountyHospital
                if f.name.ends_with("人民医院") && beds(f) < SMALL_COUNTY_HOSPITAL_BEDS =>
            {
                &Specialty::CENTRES[..3]
            }
            Tier::CountyHospital if f.name.ends_with("人民医院") => &Specialty::CENTRES,
            Tier::TertiaryHospital if f.name.contains("妇幼") => &[
                Specialty::CriticalMaternalCentre,
                Specialty::CriticalNeonatalCentre,
            ],
            Tier::TertiaryHospital => &Specialty::CENTRES,
            _ => &[],
        };
        for &c in centres {
            add_specialty(f, c, 2.0);
        }
    }
}

fn add_specialty(f: &mut Facility, s: Specialty, n: f64) {
    let n = n
        .max(1.0)
        .round()
        .min(f.doctors - f.specialists.values().sum::<f64>());
    if n >= 1.0 {
        f.specialists.insert(s, n);
        f.services.push(s);
    }
}

pub fn build(counties: &[CountyKm], towns: &[TownKm], zones: &[ZoneKm], proj: &Local) -> Built {
    let mut out: Vec<Facility> = Vec::new();
    let core = counties
        .iter()
        .find(|c| c.adcode == CITY_CORE_ADCODE)
        .expect("Linwei district is in the data");
    let at = |c: &CountyKm, off: (f64, f64)| (c.seat.0 + off.0, c.seat.1 + off.1);

    for (i, (name, beds, off)) in TERTIARY.iter().enumerate() {
        let mut f = facility(
            format!("T{}", i + 1),
            name.to_string(),
            Tier::TertiaryHospital,
            at(core, *off),
            &core.adcode,
            *beds,
            proj,
        );
        let k = beds / 2000.0;
        if *name == "渭南市妇幼保健院" {
            add_specialty(&mut f, Specialty::Paediatrics, 60.0 * k);
            add_specialty(&mut f, Specialty::Obstetrics, 60.0 * k);
        } else {
            for (s, n) in [
                (Specialty::Paediatrics, 40.0),
                (Specialty::Haemodialysis, 12.0),
                (Specialty::MentalHealth, 10.0),
                (Specialty::Geriatrics, 15.0),
                (Specialty::NuclearMedicine, 6.0),
                (Specialty::Obstetrics, 30.0),
            ] {
                add_specialty(&mut f, s, n * k);
            }
        }
        out.push(f);
    }
    for (i, (name, beds, off)) in CITY.iter().enumerate() {
        let mut f = facility(
            format!("M{}", i + 1),
            name.to_string(),
            Tier::CityHospital,
            at(core, *off),
            &core.adcode,
            *beds,
            proj,
        );
        if name.contains("精神") {
            add_specialty(&mut f, Specialty::MentalHealth, 25.0);
            add_specialty(&mut f, Specialty::Geriatrics, 4.0);
        } else {
            add_specialty(&mut f, Specialty::Geriatrics, 6.0);
            add_specialty(&mut f, Specialty::Paediatrics, 6.0);
        }
        out.push(f);
    }

    // County hospitals: a people's hospital in every county, and a TCM
    // hospital in the most populous ones, 16 lead hospitals in all (one per
    // county medical community).
    let pops: Vec<f64> = counties.iter().map(|c| c.population as f64).collect();
    let peoples_beds = apportion(COUNTY_PEOPLES_BEDS, &pops);
    let n_tcm = reported::COUNTY_MEDICAL_COMMUNITIES - counties.len();
    let mut by_pop: Vec<usize> = (0..counties.len()).collect();
    by_pop.sort_by(|&a, &b| counties[b].population.cmp(&counties[a].population));
    let tcm: Vec<usize> = by_pop[..n_tcm.min(counties.len())].to_vec();
    let tcm_weights: Vec<f64> = tcm.iter().map(|&i| pops[i]).collect();
    let tcm_beds = apportion(COUNTY_TCM_BEDS, &tcm_weights);
    for (i, c) in counties.iter().enumerate() {
        let short = c.name.clone();
        let off = if c.adcode == CITY_CORE_ADCODE {
            (-2.4, -0.6)
        } else {
            (0.2, 0.1)
        };
        let mut f = facility(
            format!("C{}-1", c.adcode),
            format!("{short}人民医院"),
            Tier::CountyHospital,
            at(c, off),
            &c.adcode,
            peoples_beds[i] as f64,
            proj,
        );
        let beds = f.beds;
        add_specialty(&mut f, Specialty::Paediatrics, beds / 100.0);
        add_specialty(&mut f, Specialty::Obstetrics, beds / 120.0);
        if c.population > DIALYSIS_NOW_ABOVE {
            add_specialty(&mut f, Specialty::Haemodialysis, 3.0);
        }
        if c.population > MENTAL_HEALTH_NOW_ABOVE {
            add_specialty(&mut f, Specialty::MentalHealth, 3.0);
        }
        if f.beds > 1_000.0 {
            add_specialty(&mut f, Specialty::Geriatrics, 3.0);
        }
        f.expansion = Expansion {
            max_extra_elderly_care_beds: ELDERLY_CAP_COUNTY_HOSPITAL,
            max_extra_beds: (f.beds * 0.3).round(),
            max_extra_doctors: (f.doctors * 0.3).round(),
            upgrade_cost_yuan: None,
        };
        out.push(f);
        if let Some(k) = tcm.iter().position(|&j| j == i) {
            let mut f = facility(
                format!("C{}-2", c.adcode),
                format!("{short}中医医院"),
                Tier::CountyHospital,
                at(c, (off.0 + 0.6, off.1 - 0.7)),
                &c.adcode,
                tcm_beds[k] as f64,
                proj,
            );
            add_specialty(&mut f, Specialty::Geriatrics, 2.0);
            f.expansion = Expansion {
                max_extra_elderly_care_beds: ELDERLY_CAP_COUNTY_HOSPITAL,
                max_extra_beds: (f.beds * 0.3).round(),
                max_extra_doctors: (f.doctors * 0.3).round(),
                upgrade_cost_yuan: None,
            };
            out.push(f);
        }
    }

    // Township health centres and community health centres share the rest of
    // the beds in proportion to the residents nearest to them (subdistrict
    // centres are mostly outpatient: a quarter of the weight).
    let mut served = vec![0.0; towns.len()];
    for z in zones {
        let nearest = towns
            .iter()
            .enumerate()
            .filter(|(_, t)| t.adcode == z.adcode)
            .min_by(|a, b| {
                dist(a.1.pos, z.loc)
                    .partial_cmp(&dist(b.1.pos, z.loc))
                    .unwrap()
            });
        if let Some((i, _)) = nearest {
            served[i] += z.population as f64;
        }
    }
    let used: f64 = out.iter().map(|f| f.beds).sum();
    let rest = reported::BEDS - used as u64;
    let weights: Vec<f64> = towns
        .iter()
        .zip(&served)
        .map(|(t, s)| if t.subdistrict { 0.25 * s } else { *s })
        .collect();
    let town_beds = apportion(rest, &weights);
    let first_town = out.len();
    for (i, t) in towns.iter().enumerate() {
        let (tier, name) = if t.subdistrict {
            (
                Tier::CommunityHealthCentre,
                format!("{}社区卫生服务中心", t.name),
            )
        } else {
            (Tier::TownshipHealthCentre, format!("{}卫生院", t.name))
        };
        let mut f = facility(
            format!("H{}", t.code),
            name,
            tier,
            t.pos,
            &t.adcode,
            town_beds[i] as f64,
            proj,
        );
        f.doctors += (served[i] / 5_000.0).round();
        // Integrated elderly-care beds: township centres hold some today
        // (a share of their beds), community centres none; each may add
        // half its beds' worth, at least 10. Each may take in half its
        // doctors again, at least 10 (posts, secondees).
        if tier == Tier::TownshipHealthCentre {
            f.elderly_care_beds = (f.beds * ELDERLY_SHARE_TOWNSHIP).round();
        }
        f.expansion = Expansion {
            max_extra_elderly_care_beds: (f.beds * 0.5).round().max(10.0),
            max_extra_beds: (f.beds * 0.5).round().max(10.0),
            max_extra_doctors: (f.doctors * 0.5).round().max(10.0),
            upgrade_cost_yuan: None,
        };
        out.push(f);
    }
    // The largest township health centre of each county is "central" and can
    // be raised to secondary level.
    for c in counties {
        let central = (first_town..out.len())
            .filter(|&i| out[i].admin_unit == c.adcode && out[i].tier == Tier::TownshipHealthCentre)
            .max_by(|&a, &b| {
                out[a]
                    .beds
                    .partial_cmp(&out[b].beds)
                    .unwrap()
                    .then(b.cmp(&a))
            });
        if let Some(i) = central {
            out[i].expansion.upgrade_cost_yuan = Some(UPGRADE_COST_YUAN);
        }
    }

    // Village clinics: the rest of the reported institutions, spread over
    // rural zones in proportion to their residents.
    let n_villages = reported::INSTITUTIONS.saturating_sub(out.len()) as u64;
    let rural: Vec<f64> = zones
        .iter()
        .map(|z| {
            let c = counties.iter().find(|c| c.adcode == z.adcode).unwrap();
            let near_urban = dist(z.loc, c.seat) < 3.0
                || towns
                    .iter()
                    .any(|t| t.subdistrict && t.adcode == z.adcode && dist(t.pos, z.loc) < 1.5);
            if near_urban {
                0.0
            } else {
                z.population as f64
            }
        })
        .collect();
    let per_zone = apportion(n_villages, &rural);
    let mut rng = SplitMix64::new(20_201_101);
    let mut seq: BTreeMap<String, usize> = BTreeMap::new();
    let mut v = 0;
    for (z, n) in zones.iter().zip(per_zone) {
        let c = counties.iter().find(|c| c.adcode == z.adcode).unwrap();
        for _ in 0..n {
            v += 1;
            let mut p = z.loc;
            for _ in 0..8 {
                let q = (
                    z.loc.0 + rng.range(-0.9, 0.9),
                    z.loc.1 + rng.range(-0.9, 0.9),
                );
                if c.contains(q) {
                    p = q;
                    break;
                }
            }
            let town = towns
                .iter()
                .filter(|t| t.adcode == z.adcode)
                .min_by(|a, b| dist(a.pos, p).partial_cmp(&dist(b.pos, p)).unwrap());
            let town_name = town.map_or(c.name.clone(), |t| t.name.clone());
            let k = seq.entry(town_name.clone()).or_insert(0);
            *k += 1;
            out.push(facility(
                format!("V{v:04}"),
                format!("{town_name}第{k}村卫生室"),
                Tier::VillageClinic,
                p,
                &z.adcode,
                0.0,
                proj,
            ));
        }
    }

    communities(&mut out);
    let candidate_sites = candidates(counties, towns, zones, &out, proj);
    Built {
        facilities: out,
        candidate_sites,
    }
}

/// Populated zones far from township-level care, up to three per county,
/// at least 8 km apart (the shared rule of [`crate::build::candidates`]).
fn candidates(
    counties: &[CountyKm],
    towns: &[TownKm],
    zones: &[ZoneKm],
    facilities: &[Facility],
    proj: &Local,
) -> Vec<CandidateSite> {
    let care = care_points(facilities, proj);
    let points: Vec<ZonePoint> = zones
        .iter()
        .map(|z| ZonePoint {
            unit: &z.adcode,
            id: &z.id,
            km: z.loc,
            population: z.population as f64,
        })
        .collect();
    let chosen = choose(&points, &care, Rule::standard(3));
    let mut sites: Vec<CandidateSite> = Vec::new();
    for c in counties {
        let mut n = 0;
        for z in chosen
            .iter()
            .map(|&i| &zones[i])
            .filter(|z| z.adcode == c.adcode)
        {
            n += 1;
            let town = towns
                .iter()
                .filter(|t| t.adcode == c.adcode)
                .min_by(|a, b| dist(a.pos, z.loc).partial_cmp(&dist(b.pos, z.loc)).unwrap());
            let name = town.map_or(c.name.clone(), |t| t.name.clone());
            let same = sites
                .iter()
                .filter(|x: &&CandidateSite| x.name.starts_with(&format!("{name}分院")))
                .count();
            let label = if same == 0 {
                format!("{name}分院（新建）")
            } else {
                format!("{name}第{}分院（新建）", same + 1)
            };
            sites.push(CandidateSite {
                id: format!("S{}-{}", c.adcode, n),
                name: label,
                tier: Tier::TownshipHealthCentre,
                location: proj.to_lonlat(z.loc.0, z.loc.1),
                admin_unit: c.adcode.clone(),
                cost_yuan: NEW_CENTRE.0,
                beds: NEW_CENTRE.1,
                doctors: NEW_CENTRE.2,
            });
        }
    }
    sites
}
