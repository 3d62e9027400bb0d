//! A deterministic, province-sized benchmark region: what an imported
//! region at its largest looks like to the solver.
//!
//! [`Province::full`]: 100 county-level units on a 10 × 10 grid (each about
//! 40 km across), 20,000 demand zones, one lead hospital and 15 township
//! centres per county (1,500), 20,000 village clinics, 10 city and 5
//! tertiary hospitals (21,615 facilities), 1,000 candidate sites, and a
//! 388 × 388 road grid (300,312 edges). About 30% of the counties are
//! remote: village roads only (but for the national roads), clinics
//! clustered near the township centres, fewer residents — so the coverage,
//! paediatric and ratio targets all make the plan do work. The six classic
//! policy rules are on, with the demo's unit costs; the county medical
//! community's rules (emergency centres, elderly-care beds, telemedicine,
//! in-county share) are off: the generated province carries none of their
//! data (centres today, elderly-care caps, links, communities).

use super::Rng;
use crate::scenario::*;

/// The size of a generated province.
#[derive(Debug, Clone, Copy)]
pub struct Province {
    /// Counties along each side (the province has `side²`).
    pub side: usize,
    /// Demand zones per county.
    pub zones: usize,
    /// Township health centres per county.
    pub townships: usize,
    /// Village clinics per county.
    pub clinics: usize,
    /// Candidate sites per county.
    pub sites: usize,
    /// Road grid nodes along each side.
    pub grid: usize,
}

/// Degrees of latitude per county (about 40 km).
const COUNTY_DEG: f64 = 0.36;
const LAT0: f64 = 30.0;
const LON0: f64 = 110.0;

impl Province {
    /// The full benchmark province.
    pub fn full() -> Province {
        Province {
            side: 10,
            zones: 200,
            townships: 15,
            clinics: 200,
            sites: 10,
            grid: 388,
        }
    }

    /// A small one with the same structure (tests): 2 × 2 counties.
    pub fn small() -> Province {
        Province {
            side: 2,
            zones: 60,
            townships: 4,
            clinics: 30,
            sites: 4,
            grid: 40,
        }
    }

    /// Road edges of the grid.
    pub fn edges(&self) -> usize {
        2 * self.grid * (self.grid - 1)
    }

    /// Generates the region (the same `seed` gives the same scenario).
    pub fn generate(&self, seed: u64) -> Scenario {
        let mut rng = Rng(seed);
        let n = self.side;
        let lon_deg = COUNTY_DEG / LAT0.to_radians().cos();
        let corner = |c: usize| {
            (
                LON0 + (c % n) as f64 * lon_deg,
                LAT0 + (c / n) as f64 * COUNTY_DEG,
            )
        };
        let remote: Vec<bool> = (0..n * n).map(|_| rng.unit() < 0.3).collect();
        let mut admin_units = Vec::new();
        let mut zones = Vec::new();
        let mut facilities = Vec::new();
        let mut sites = Vec::new();
        for (c, &far) in remote.iter().enumerate() {
            let (x0, y0) = corner(c);
            let id = format!("C{c:03}");
            admin_units.push(AdminUnit {
                urban: false,
                id: id.clone(),
                name: format!("县{c:03}"),
                name_en: Some(format!("County {c:03}")),
                code: String::new(),
                boundary: Area(vec![vec![vec![
                    [x0, y0],
                    [x0 + lon_deg, y0],
                    [x0 + lon_deg, y0 + COUNTY_DEG],
                    [x0, y0 + COUNTY_DEG],
                    [x0, y0],
                ]]]),
                population: 0.0,
            });
            let inside = |rng: &mut Rng| {
                [
                    x0 + (0.02 + 0.96 * rng.unit()) * lon_deg,
                    y0 + (0.02 + 0.96 * rng.unit()) * COUNTY_DEG,
                ]
            };
            // Residents: 300–700 thousand (remote: 150–350 thousand).
            let people = if far {
                150_000.0 + 200_000.0 * rng.unit()
            } else {
                300_000.0 + 400_000.0 * rng.unit()
            };
            let weights: Vec<f64> = (0..self.zones).map(|_| (2.0 * rng.unit()).exp()).collect();
            let total: f64 = weights.iter().sum();
            for (z, w) in weights.iter().enumerate() {
                let population = (people * w / total).round().max(1.0);
                zones.push(DemandZone {
                    id: format!("{id}-z{z:03}"),
                    admin_unit: id.clone(),
                    location: inside(&mut rng),
                    area: None,
                    population,
                    age_groups: Some(AgeGroups {
                        children_0_14: (population * 0.17).round(),
                        aged_65_plus: (population * 0.14).round(),
                    }),
                });
            }
            // The county's lead hospital near its centre.
            let centre = [
                x0 + (0.4 + 0.2 * rng.unit()) * lon_deg,
                y0 + (0.4 + 0.2 * rng.unit()) * COUNTY_DEG,
            ];
            let beds = (people * 0.0038).round();
            let doctors = (people * 0.0015).round();
            let mut services = vec![Specialty::Paediatrics, Specialty::Obstetrics];
            if rng.unit() < 0.7 {
                services.push(Specialty::Haemodialysis);
            }
            if rng.unit() < 0.4 {
                services.push(Specialty::MentalHealth);
            }
            facilities.push(Facility {
                elderly_care_beds: 0.0,
                community: None,
                telemedicine_hub: None,
                id: format!("{id}-H"),
                name: format!("县{c:03}人民医院"),
                tier: Tier::CountyHospital,
                location: centre,
                admin_unit: id.clone(),
                beds,
                doctors,
                specialists: services.iter().map(|s| (*s, 6.0)).collect(),
                services,
                expansion: Expansion {
                    max_extra_elderly_care_beds: 0.0,
                    max_extra_beds: (beds * 0.3).round(),
                    max_extra_doctors: (doctors * 0.3).round(),
                    upgrade_cost_yuan: None,
                },
            });
            let mut centres = Vec::new();
            for t in 0..self.townships {
                let p = inside(&mut rng);
                centres.push(p);
                let paed = rng.unit() < 0.2;
                facilities.push(Facility {
                    elderly_care_beds: 0.0,
                    community: None,
                    telemedicine_hub: None,
                    id: format!("{id}-T{t:02}"),
                    name: format!("县{c:03}第{t}镇卫生院"),
                    tier: Tier::TownshipHealthCentre,
                    location: p,
                    admin_unit: id.clone(),
                    beds: (30.0 + 50.0 * rng.unit()).round(),
                    doctors: (10.0 + 10.0 * rng.unit()).round(),
                    specialists: if paed {
                        [(Specialty::Paediatrics, 2.0)].into_iter().collect()
                    } else {
                        Default::default()
                    },
                    services: if paed {
                        vec![Specialty::Paediatrics]
                    } else {
                        vec![]
                    },
                    expansion: Expansion {
                        max_extra_elderly_care_beds: 0.0,
                        max_extra_beds: 30.0,
                        max_extra_doctors: 12.0,
                        upgrade_cost_yuan: None,
                    },
                });
            }
            for v in 0..self.clinics {
                // Remote counties: clinics within about 4 km of a township centre.
                let p = if far {
                    let t = centres[v % centres.len()];
                    [
                        t[0] + (rng.unit() - 0.5) * 0.08,
                        t[1] + (rng.unit() - 0.5) * 0.07,
                    ]
                } else {
                    inside(&mut rng)
                };
                facilities.push(Facility {
                    elderly_care_beds: 0.0,
                    community: None,
                    telemedicine_hub: None,
                    id: format!("{id}-V{v:03}"),
                    name: format!("县{c:03}第{v}村卫生室"),
                    tier: Tier::VillageClinic,
                    location: p,
                    admin_unit: id.clone(),
                    beds: 0.0,
                    doctors: 1.0,
                    specialists: Default::default(),
                    services: vec![],
                    expansion: Expansion::default(),
                });
            }
            // Candidate sites where residents live (at one of the county's zones).
            let first_zone = zones.len() - self.zones;
            for k in 0..self.sites {
                let z =
                    first_zone + ((rng.unit() * self.zones as f64) as usize).min(self.zones - 1);
                let at = zones[z].location;
                sites.push(CandidateSite {
                    id: format!("{id}-S{k:02}"),
                    name: format!("县{c:03}新建服务点{k}"),
                    tier: Tier::TownshipHealthCentre,
                    location: [at[0] + 0.002, at[1] + 0.002],
                    admin_unit: id.clone(),
                    cost_yuan: (6.0 + 4.0 * rng.unit()).round() * 1e6,
                    beds: 20.0,
                    doctors: 6.0,
                });
            }
        }
        // City hospitals (one per block of counties) and tertiary hospitals.
        let big = |tier: Tier, k: usize, c: usize, rng: &mut Rng| {
            let (x0, y0) = corner(c);
            let specialties = [
                Specialty::Paediatrics,
                Specialty::Haemodialysis,
                Specialty::MentalHealth,
                Specialty::Obstetrics,
                Specialty::Geriatrics,
            ];
            Facility {
                elderly_care_beds: 0.0,
                community: None,
                telemedicine_hub: None,
                id: format!(
                    "{}{k}",
                    if tier == Tier::CityHospital {
                        "CITY"
                    } else {
                        "TER"
                    }
                ),
                name: format!(
                    "{}{k}",
                    if tier == Tier::CityHospital {
                        "市人民医院"
                    } else {
                        "省第医院"
                    }
                ),
                tier,
                location: [
                    x0 + (0.3 + 0.4 * rng.unit()) * lon_deg,
                    y0 + (0.3 + 0.4 * rng.unit()) * COUNTY_DEG,
                ],
                admin_unit: format!("C{c:03}"),
                beds: 1500.0,
                doctors: 600.0,
                specialists: specialties.iter().map(|s| (*s, 20.0)).collect(),
                services: specialties.to_vec(),
                expansion: Expansion::default(),
            }
        };
        let cities = (n * n / 10).max(1);
        for k in 0..cities {
            let c = (k * 10 + 4).min(n * n - 1);
            facilities.push(big(Tier::CityHospital, k, c, &mut rng));
        }
        for k in 0..(n * n / 20).max(1) {
            let c = (k * 20 + 13).min(n * n - 1);
            facilities.push(big(Tier::TertiaryHospital, k, c, &mut rng));
        }
        for u in &mut admin_units {
            u.population = zones
                .iter()
                .filter(|z| z.admin_unit == u.id)
                .map(|z| z.population)
                .sum();
        }
        let roads = self.roads(&remote, lon_deg);
        let mut policy = crate::demo::weinan().policy;
        policy.ratios.beds_per_1000 = Some(6.0);
        policy.ratios.doctors_per_1000 = Some(2.8);
        policy.coverage.share = 0.84;
        policy.ratios.elderly_care_beds_per_1000_aged_65 = None;
        policy.services.emergency_centres = None;
        policy.services.telemedicine = None;
        policy.in_county_share = None;
        Scenario {
            format: FORMAT.into(),
            region: Region {
                name: "基准省".into(),
                name_en: Some("benchmark province".into()),
                crs: "EPSG:4326".into(),
            },
            sources: vec![DataSource {
                part: "all".into(),
                real: false,
                description: "generated benchmark province (src/bench/province.rs)".into(),
                description_zh: Some("生成的基准省（src/bench/province.rs）".into()),
            }],
            admin_units,
            zones,
            facilities,
            candidate_sites: sites,
            roads: Some(roads),
            travel_times: None,
            policy,
        }
    }

    /// The road grid, each line cut at county borders so a remote county's
    /// stretch is a village road (every 20th line stays national).
    fn roads(&self, remote: &[bool], lon_deg: f64) -> RoadNetwork {
        let (n, g) = (self.side, self.grid);
        let span_lon = lon_deg * n as f64;
        let span_lat = COUNTY_DEG * n as f64;
        let at = |i: usize, span: f64| span * i as f64 / (g - 1) as f64;
        let county_of = |i: usize| ((i * n) / g).min(n - 1);
        let mut links = Vec::new();
        for line in 0..g {
            for horizontal in [true, false] {
                let mut start = 0;
                while start < g - 1 {
                    let block = county_of(start);
                    let mut end = start + 1;
                    while end < g - 1 && county_of(end) == block {
                        end += 1;
                    }
                    let c = if horizontal {
                        county_of(line) * n + block
                    } else {
                        block * n + county_of(line)
                    };
                    let class = if line % 20 == 0 {
                        RoadClass::National
                    } else if line % 5 == 0 && !remote[c] {
                        RoadClass::County
                    } else {
                        RoadClass::Village
                    };
                    let point = |j: usize| {
                        if horizontal {
                            [LON0 + at(j, span_lon), LAT0 + at(line, span_lat)]
                        } else {
                            [LON0 + at(line, span_lon), LAT0 + at(j, span_lat)]
                        }
                    };
                    links.push(RoadLink {
                        id: format!("{}{line}-{start}", if horizontal { "h" } else { "v" }),
                        class,
                        line: (start..=end).map(point).collect(),
                        speeds: None,
                    });
                    start = end;
                }
            }
        }
        RoadNetwork {
            class_speeds: Default::default(),
            links,
        }
    }
}

/// One stage of the province benchmark.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Stage {
    /// What ran.
    pub stage: String,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// A figure the stage produced (a check that the work was done).
    pub figure: String,
}

/// Generates the full province and times every stage a planner's solve
/// goes through: validation, travel times, the plan solve (its own stages
/// from the progress reports: model, branch and bound, marginal values),
/// the independent check and the report. `time_limit` and `mip_gap` are
/// the solve's.
pub fn run(now_s: &dyn Fn() -> f64, time_limit: f64, mip_gap: f64) -> Vec<Stage> {
    let mut out = Vec::new();
    let mut push = |stage: &str, seconds: f64, figure: String| {
        out.push(Stage {
            stage: stage.into(),
            seconds,
            figure,
        })
    };
    let t = now_s();
    let p = Province::full();
    let s = p.generate(1);
    push(
        "generate",
        now_s() - t,
        format!(
            "{} zones, {} facilities, {} sites, {} edges",
            s.zones.len(),
            s.facilities.len(),
            s.candidate_sites.len(),
            p.edges()
        ),
    );
    let t = now_s();
    let errors = crate::validate::validate(&s)
        .iter()
        .filter(|x| x.is_error())
        .count();
    push("validate", now_s() - t, format!("{errors} errors"));
    let t = now_s();
    let tt =
        crate::access::TravelTimes::compute(&s, &crate::optimise::plan::access_options_for(&s));
    push(
        "travel times (drive, roads)",
        now_s() - t,
        format!(
            "{} zone–site pairs",
            tt.pairs.iter().map(Vec::len).sum::<usize>()
        ),
    );
    let opts = crate::optimise::plan::PlanOptions {
        time_limit: Some(time_limit),
        mip_gap,
        explain: true,
        ..Default::default()
    };
    let t = now_s();
    let mut stages: Vec<(&'static str, f64, Option<f64>)> = vec![];
    let r = crate::optimise::plan::solve_plan_observed(&s, &opts, &mut |g| {
        if stages.last().is_none_or(|l| l.0 != g.stage) {
            stages.push((g.stage, g.seconds, g.gap));
        } else if let Some(l) = stages.last_mut() {
            l.2 = g.gap.or(l.2);
        }
    });
    let total = now_s() - t;
    for (k, (stage, start, gap)) in stages.iter().enumerate() {
        let end = stages.get(k + 1).map_or(total, |n| n.1);
        let figure = gap.map_or(String::new(), |g| format!("last gap {:.3}%", g * 100.0));
        push(&format!("solve: {stage}"), end - start, figure);
    }
    let Ok(r) = r else {
        push("solve", total, "failed".into());
        return out;
    };
    push(
        "solve (whole)",
        total,
        format!(
            "{} {}, gap {:.3}%, {} nodes, {} variables",
            r.outcome.status.key(),
            r.outcome.backend.map_or("-", |b| b.name()),
            r.outcome.gap.unwrap_or(f64::NAN) * 100.0,
            r.outcome.nodes,
            r.variables
        ),
    );
    let Some(plan) = &r.plan else {
        return out;
    };
    let t = now_s();
    let c = crate::checker::check(&s, &tt, plan);
    push(
        "check",
        now_s() - t,
        format!("verified {} ({} checks)", c.verified, c.findings.len()),
    );
    let t = now_s();
    let report = crate::report::plan_report(&s, plan);
    push(
        "report",
        now_s() - t,
        format!("{} decisions", report.decisions.len()),
    );
    out
}
