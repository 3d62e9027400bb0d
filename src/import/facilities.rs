//! Facilities from a list (CSV or XLSX): tier from category text, position
//! converted to WGS84, unit by column or by the boundary the point lies in,
//! missing counts rejected or filled from the tier's median.

use super::headers::Role;
use super::manifest::{Crs, Manifest};
use super::pipeline::Files;
use super::placing::{tier_map, Placer, PointColumns};
use super::report::{At, Report};
use super::tabular::{column, file_error, num_cell, table_with_header};
use super::units::UnitIn;
use crate::scenario::*;

/// Facilities read, before ids are final.
pub(crate) fn read_facilities(
    m: &Manifest,
    files: &dyn Files,
    units: &[UnitIn],
    report: &mut Report,
) -> Option<Vec<Facility>> {
    let fm = &m.facilities;
    let path = fm.path.as_str();
    let crs = match Crs::parse(fm.crs.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            return file_error(
                report,
                path,
                e.clone(),
                e,
                "declare wgs84, cgcs2000, gcj02 or bd09",
            )
        }
    };
    if fm.crs.is_none() {
        report.assumed.push(format!("{path}: coordinates taken as WGS84 (declare facilities.crs: gcj02 for AMap/Tencent, bd09 for Baidu)"));
    }
    let (t, rows, h) = table_with_header(
        files,
        path,
        fm.encoding.as_deref(),
        fm.sheet.as_deref(),
        "give a header with 名称, 类别, 床位, 医师, 经度, 纬度",
        report,
    )?;
    let head = &rows[h.row];
    let named = |k: &str| fm.columns.get(k).map(String::as_str);
    let pick = |k: &str, r: Role| column(head, named(k), h.column(r));
    let cols = (|| -> Result<_, String> {
        Ok([
            pick("name", Role::Name)?,
            pick("category", Role::Category)?,
            pick("beds", Role::Beds)?,
            pick("doctors", Role::Doctors)?,
            pick("lon", Role::Lon)?,
            pick("lat", Role::Lat)?,
            pick("unit", Role::Unit)?,
            pick("code", Role::Code)?,
            // Optional columns of the county medical community's rules.
            pick("community", Role::Community)?,
            pick("telemedicine_hub", Role::TelemedicineHub)?,
            pick("elderly_care_beds", Role::ElderlyCareBeds)?,
            pick("services", Role::Services)?,
        ])
    })();
    let [name_c, cat_c, beds_c, docs_c, lon_c, lat_c, unit_c, code_c, community_c, hub_c, elderly_c, services_c] =
        match cols {
            Ok(c) => c,
            Err(e) => {
                return file_error(
                    report,
                    path,
                    e.clone(),
                    e,
                    "fix the column name in facilities.columns",
                )
            }
        };
    let (Some(name_c), Some(cat_c), Some(lon_c), Some(lat_c)) = (name_c, cat_c, lon_c, lat_c)
    else {
        return file_error(
            report,
            path,
            "the name, category, longitude or latitude column is missing".into(),
            "缺少名称、类别、经度或纬度列".into(),
            "name them in facilities.columns",
        );
    };
    let tiers = tier_map(m);
    let placer = Placer::new(units);
    let point = PointColumns {
        lon: lon_c,
        lat: lat_c,
        unit: unit_c,
    };
    let mut out = Vec::new();
    // Per facility read: its row and the community and hub it names.
    let mut refs: Vec<Refs> = Vec::new();
    let mut missing: Vec<(usize, bool, bool, u64)> = Vec::new();
    let mut raw: Vec<[f64; 2]> = Vec::new();
    for (line, row) in t.rows.iter().skip(h.row + 1) {
        let at = At {
            file: path,
            row: Some(*line),
        };
        let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
        let name = cell(name_c).to_string();
        if name.is_empty() {
            report.rejected.push(at.entry(
                &head[name_c],
                "",
                "no name".into(),
                "缺少名称".into(),
                "give the facility's name",
            ));
            continue;
        }
        let Some(tier) = tiers.tier_of(cell(cat_c)) else {
            report.rejected.push(at.entry(&head[cat_c], cell(cat_c), "unknown category".into(), "未知类别".into(), "add it to the manifest's tiers table, e.g. \"tiers\": {\"…\": \"county_hospital\"}"));
            continue;
        };
        let Some((location, u)) = placer.place(
            &at,
            head,
            row,
            &point,
            &crs,
            "facilities.crs",
            Some(&mut raw),
            report,
        ) else {
            continue;
        };
        let count = |c: Option<usize>, report: &mut Report| match c {
            Some(c) => num_cell(&at, &head[c], cell(c), report),
            None => Some(None),
        };
        let (Some(beds), Some(doctors), Some(elderly)) = (
            count(beds_c, report),
            count(docs_c, report),
            count(elderly_c, report),
        ) else {
            continue;
        };
        if beds.is_none() || doctors.is_none() {
            if !m.fill_missing {
                report.rejected.push(at.entry(
                    if beds.is_none() { "beds" } else { "doctors" },
                    "",
                    "no beds or no doctors given".into(),
                    "缺少床位或医师数".into(),
                    "give them, or set \"fill_missing\": true to use the tier's median",
                ));
                continue;
            }
            missing.push((out.len(), beds.is_none(), doctors.is_none(), *line));
        }
        let id = code_c
            .map(|c| cell(c).to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("f{line}"));
        let services = services_c
            .map(|c| read_services(&at, &head[c], cell(c), report))
            .unwrap_or_default();
        let text = |c: Option<usize>| {
            c.map(|c| cell(c).trim().to_string())
                .filter(|s| !s.is_empty())
        };
        refs.push(Refs {
            line: *line,
            community: text(community_c),
            hub: text(hub_c),
        });
        out.push(Facility {
            elderly_care_beds: elderly.unwrap_or(0.0).round(),
            community: None,
            telemedicine_hub: None,
            id,
            name,
            tier,
            location,
            admin_unit: units[u].id.clone(),
            beds: beds.unwrap_or(0.0).round(),
            doctors: doctors.unwrap_or(0.0).round(),
            specialists: Default::default(),
            services,
            expansion: Default::default(),
        });
        let f = out.last_mut().expect("just pushed");
        f.expansion = default_expansion(f.tier, f.beds, f.doctors);
    }
    if let Some((better, now, then)) = super::shift::better_reading(&raw, &crs, placer.index()) {
        report.warnings.push(At { file: path, row: None }.entry(
            "crs",
            &crs.name(),
            format!("the positions look shifted: read as {}, {now} of {} lie inside the boundaries; read as {}, {then} would", crs.name(), raw.len(), better.name()),
            format!("坐标似有系统偏移：按 {} 读取，{} 个中 {now} 个在边界内；按 {} 读取则有 {then} 个", crs.name(), raw.len(), better.name()),
            &format!("if the coordinates come from {}, declare \"crs\": \"{}\" for this file", match better { Crs::Gcj02 => "AMap or Tencent", Crs::Bd09 => "Baidu", _ => "GPS or a WGS84 map" }, match better { Crs::Gcj02 => "gcj02", Crs::Bd09 => "bd09", _ => "wgs84" }),
        ));
    }
    // Tier medians of what was given, for the rows that asked to be filled.
    for (i, no_beds, no_docs, line) in missing {
        let tier = out[i].tier;
        let median = |f: &dyn Fn(&Facility) -> f64| {
            let mut v: Vec<f64> = out
                .iter()
                .enumerate()
                .filter(|(j, x)| x.tier == tier && *j != i)
                .map(|(_, x)| f(x))
                .collect();
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied().unwrap_or(0.0)
        };
        let (b, d) = (median(&|x| x.beds), median(&|x| x.doctors));
        if no_beds {
            out[i].beds = b;
        }
        if no_docs {
            out[i].doctors = d;
        }
        report.warnings.push(
            At {
                file: path,
                row: Some(line),
            }
            .entry(
                if no_beds { "beds" } else { "doctors" },
                "",
                format!("filled from the median of its tier ({b} beds, {d} doctors)"),
                format!("按同层级中位数填补（{b} 张床位，{d} 名医师）"),
                "give the real figures when known",
            ),
        );
    }
    resolve_refs(path, &mut out, &refs, report);
    report
        .totals
        .insert(format!("{path}: facilities"), out.len().into());
    Some(out)
}

/// The community and hub a row names, resolved once every row is read.
struct Refs {
    line: u64,
    community: Option<String>,
    hub: Option<String>,
}

/// Services named in one cell: specialty keys or their Chinese or English
/// names, separated by 、，,;；/ or spaces; an unknown name is reported and
/// left out.
fn read_services(at: &At<'_>, field: &str, text: &str, report: &mut Report) -> Vec<Specialty> {
    use crate::i18n::{t, Lang};
    let mut out = Vec::new();
    for word in text
        .split(['、', '，', ',', ';', '；', '/', ' ', '|'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        let w = super::cells::fold(word);
        let found = Specialty::ALL.into_iter().find(|s| {
            let key = format!("specialty_{}", s.key());
            [s.key(), t(Lang::Zh, &key), t(Lang::En, &key)]
                .iter()
                .any(|name| super::cells::fold(name) == w)
        });
        match found {
            Some(s) if !out.contains(&s) => out.push(s),
            Some(_) => {}
            None => report.warnings.push(at.entry(
                field,
                word,
                "unknown service: left out".into(),
                "未知服务项目：已略去".into(),
                "write a service by its Chinese or English name or its key, e.g. 胸痛中心, chest pain centre or chest_pain_centre",
            )),
        }
    }
    out
}

/// Turns the community and hub each row names (a facility's code or its
/// unique name) into facility ids. A lead hospital named by others leads
/// its own community. A name that matches no facility, or a facility that
/// may not lead or read, is reported and left out.
fn resolve_refs(path: &str, out: &mut [Facility], refs: &[Refs], report: &mut Report) {
    use std::collections::HashMap;
    let mut by_name: HashMap<&str, Option<usize>> = HashMap::new();
    for (i, f) in out.iter().enumerate() {
        by_name
            .entry(f.name.as_str())
            .and_modify(|x| *x = None)
            .or_insert(Some(i));
    }
    let by_id: HashMap<&str, usize> = out
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let find = |name: &str| {
        by_id
            .get(name)
            .copied()
            .or_else(|| by_name.get(name).copied().flatten())
    };
    let mut community = vec![None; out.len()];
    let mut hub = vec![None; out.len()];
    let mut leads = Vec::new();
    for (i, r) in refs.iter().enumerate() {
        let at = At {
            file: path,
            row: Some(r.line),
        };
        if let Some(name) = &r.community {
            match find(name) {
                Some(j) if out[j].tier.leads_community() => {
                    community[i] = Some(out[j].id.clone());
                    leads.push(j);
                }
                Some(_) => report.warnings.push(at.entry(
                    "community",
                    name,
                    "the community's lead must be a county hospital or higher: left out".into(),
                    "医共体牵头医院须为县级及以上医院：已略去".into(),
                    "name the county hospital that leads the community",
                )),
                None => report.warnings.push(at.entry(
                    "community",
                    name,
                    "no facility has this code or name (or two share the name): left out".into(),
                    "没有机构使用此代码或名称（或有重名）：已略去".into(),
                    "write the lead hospital's code or its exact, unique name",
                )),
            }
        }
        if let Some(name) = &r.hub {
            match find(name) {
                Some(j) if out[j].tier.reads_telemedicine() && out[i].tier.links_to_telemedicine() => {
                    hub[i] = Some(out[j].id.clone());
                }
                Some(_) => report.warnings.push(at.entry("telemedicine_hub", name, "a telemedicine link runs from a township or community centre to a county hospital or higher: left out".into(), "远程医疗接入须由乡镇卫生院或社区卫生服务中心接入县级及以上医院：已略去".into(), "leave it empty for other facilities, or name a county-level reading centre")),
                None => report.warnings.push(at.entry("telemedicine_hub", name, "no facility has this code or name (or two share the name): left out".into(), "没有机构使用此代码或名称（或有重名）：已略去".into(), "write the reading centre's code or its exact, unique name")),
            }
        }
    }
    for j in leads {
        community[j] = Some(out[j].id.clone());
    }
    for (f, (c, h)) in out.iter_mut().zip(community.into_iter().zip(hub)) {
        f.community = c;
        f.telemedicine_hub = h;
    }
}

/// What a facility may absorb when the list does not say (a planning
/// assumption, recorded in `sources`): hospitals 30% more beds and doctors;
/// township and community centres 50% more, at least 10 beds and 3
/// doctors, and as many integrated elderly-care beds as general beds;
/// county hospitals 10% of their beds as elderly-care beds; village
/// clinics no beds and 1 more doctor.
pub fn default_expansion(tier: Tier, beds: f64, doctors: f64) -> Expansion {
    let (b, d) = match tier {
        Tier::VillageClinic => (0.0, 1.0),
        Tier::TownshipHealthCentre | Tier::CommunityHealthCentre => (
            (beds * 0.5).round().max(10.0),
            (doctors * 0.5).round().max(3.0),
        ),
        _ => ((beds * 0.3).round(), (doctors * 0.3).round()),
    };
    // Integrated elderly-care beds where the tier may hold them: centres
    // as many as their general beds may grow, county hospitals 10% of beds.
    let elderly = match tier {
        Tier::TownshipHealthCentre | Tier::CommunityHealthCentre => b,
        Tier::CountyHospital => (beds * 0.1).round(),
        _ => 0.0,
    };
    Expansion {
        max_extra_elderly_care_beds: elderly.min(crate::validate::limits::BEDS.max),
        max_extra_beds: b.min(crate::validate::limits::BEDS.max),
        max_extra_doctors: d.min(crate::validate::limits::DOCTORS.max),
        upgrade_cost_yuan: None,
    }
}
