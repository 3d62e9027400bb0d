//! Facilities from a list (CSV or XLSX): tier from category text, position
//! converted to WGS84, unit by column or by the boundary the point lies in,
//! missing counts rejected or filled from the tier's median.

use super::headers::Role;
use super::manifest::Manifest;
use super::pipeline::{Files, ImportOptions};
use super::placing::{tier_map, Placer, PointColumns};
use super::report::{At, Report};
use super::tabular::{column, num_cell, table_with_header};
use super::units::UnitIn;
use crate::scenario::*;

/// The columns of a facility list, by manifest key; the first six are
/// required (beds and doctors may be marked "not in this file").
pub const COLUMNS: &[(&str, Role)] = &[
    ("name", Role::Name),
    ("category", Role::Category),
    ("lon", Role::Lon),
    ("lat", Role::Lat),
    ("beds", Role::Beds),
    ("doctors", Role::Doctors),
    ("unit", Role::Unit),
    ("code", Role::Code),
    ("community", Role::Community),
    ("telemedicine_hub", Role::TelemedicineHub),
    ("elderly_care_beds", Role::ElderlyCareBeds),
    ("services", Role::Services),
];

/// Required columns of a facility list.
pub const REQUIRED: usize = 6;

/// Facilities read, before ids are final.
pub(crate) fn read_facilities(
    m: &Manifest,
    files: &dyn Files,
    units: &[UnitIn],
    opts: &ImportOptions,
    report: &mut Report,
) -> Option<Vec<Facility>> {
    let fm = &m.facilities;
    let path = fm.path.as_str();
    let (t, _rows, h) = table_with_header(
        files,
        path,
        fm.encoding.as_deref(),
        fm.sheet.as_deref(),
        "give a header with 名称, 类别, 床位, 医师, 经度, 纬度",
        &m.edits,
        report,
    )?;
    let head = &h.names;
    let cols = resolve_columns(
        path,
        "facilities",
        COLUMNS,
        REQUIRED,
        &fm.columns,
        &h,
        report,
    )?;
    let col = |k: &str| cols.iter().find(|(key, _)| *key == k).and_then(|(_, c)| *c);
    let (Some(name_c), Some(cat_c), Some(lon_c), Some(lat_c)) =
        (col("name"), col("category"), col("lon"), col("lat"))
    else {
        return None; // resolve_columns has named what is missing
    };
    let [beds_c, docs_c, unit_c, code_c, community_c, hub_c, elderly_c, services_c] = [
        "beds",
        "doctors",
        "unit",
        "code",
        "community",
        "telemedicine_hub",
        "elderly_care_beds",
        "services",
    ]
    .map(col);
    let tiers = tier_map(m);
    let placer = Placer::new(units);
    let point = PointColumns {
        lon: lon_c,
        lat: lat_c,
        unit: unit_c,
    };
    let data: Vec<(u64, Vec<String>)> = t.rows.into_iter().skip(h.row + 1).collect();
    report
        .totals
        .insert(format!("{path}: rows"), data.len().into());
    let crs = placer.choose_crs(
        path,
        "facilities.crs",
        fm.crs.as_deref(),
        &data,
        &point,
        report,
    )?;
    let mut out = Vec::new();
    // Per facility read: its row and the community and hub it names.
    let mut refs: Vec<Refs> = Vec::new();
    let mut missing: Vec<(usize, bool, bool, u64)> = Vec::new();
    let mut seen = super::duplicates::Seen::default();
    for (line, row) in &data {
        let at = At {
            file: path,
            row: Some(*line),
        };
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if seen.exact_repeat(&at, row, report) {
            continue;
        }
        let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
        let name = cell(name_c).trim().to_string();
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
            opts.fix_swapped,
            report,
        ) else {
            continue;
        };
        let count = |c: Option<usize>, what: Count, report: &mut Report| match c {
            Some(c) => counted(&at, &head[c], cell(c), tier, what, report),
            None => Some(None),
        };
        let (Some(beds), Some(doctors), Some(elderly)) = (
            count(beds_c, Count::Beds, report),
            count(docs_c, Count::Doctors, report),
            count(elderly_c, Count::Beds, report),
        ) else {
            continue;
        };
        // A column marked "not in this file" is 0 for every row (reported once).
        let beds = if beds_c.is_none() { Some(0.0) } else { beds };
        let doctors = if docs_c.is_none() { Some(0.0) } else { doctors };
        if beds.is_none() || doctors.is_none() {
            let c = if beds.is_none() { beds_c } else { docs_c };
            let field = c.map_or("", |c| head[c].as_str());
            if !m.fill_missing {
                report.rejected.push(at.entry(
                    field,
                    "",
                    format!(
                        "no {} given",
                        if beds.is_none() { "beds" } else { "doctors" }
                    ),
                    format!(
                        "缺少{}",
                        if beds.is_none() {
                            "床位数"
                        } else {
                            "医师数"
                        }
                    ),
                    "give them, or set \"fill_missing\": true to use the tier's median",
                ));
                continue;
            }
            missing.push((out.len(), beds.is_none(), doctors.is_none(), *line));
        }
        let code = code_c
            .map(|c| cell(c).trim().to_string())
            .filter(|s| !s.is_empty());
        let id = seen.unique_id(
            &at,
            code_c.map_or("", |c| head[c].as_str()),
            code,
            *line,
            report,
        );
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
        seen.near_repeat(&at, &head[name_c], &name, location, report);
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
        let c = if no_beds { beds_c } else { docs_c };
        report.warnings.push(
            At {
                file: path,
                row: Some(line),
            }
            .entry(
                c.map_or("", |c| head[c].as_str()),
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

/// What a count cell holds, for its plausibility.
#[derive(Clone, Copy, PartialEq)]
enum Count {
    Beds,
    Doctors,
}

/// Most beds (or doctors) a facility of a tier plausibly has; more is read
/// but warned about (`1.5万` beds at a community centre).
fn plausible_max(tier: Tier, what: Count) -> f64 {
    let beds = match tier {
        Tier::VillageClinic => 30.0,
        Tier::TownshipHealthCentre | Tier::CommunityHealthCentre => 600.0,
        Tier::CountyHospital => 5_000.0,
        Tier::CityHospital | Tier::TertiaryHospital => 12_000.0,
    };
    match what {
        Count::Beds => beds,
        Count::Doctors => (beds * 0.6).max(10.0),
    }
}

/// A count cell: a number of 0 or more (None: the row is rejected); a
/// fraction, a dot that may be a thousands separator (`1.200`) or an
/// implausible size for the tier are read and warned about with the value
/// used.
fn counted(
    at: &At,
    field: &str,
    text: &str,
    tier: Tier,
    what: Count,
    report: &mut Report,
) -> Option<Option<f64>> {
    let v = num_cell(at, field, text, report)?;
    let Some(v) = v else { return Some(None) };
    let t = text.trim();
    let dotted_thousands = {
        let (a, b) = t.split_once('.').unwrap_or((t, ""));
        !a.is_empty()
            && a.len() <= 3
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.len() == 3
            && b.bytes().all(|c| c.is_ascii_digit())
    };
    if dotted_thousands {
        report.warnings.push(at.entry(
            field,
            text,
            format!(
                "read as {v} — if {} was meant, the dot is a thousands separator",
                t.replace('.', "")
            ),
            format!(
                "按 {v} 读取——如本意为 {}，该点是千位分隔符",
                t.replace('.', "")
            ),
            "write whole numbers without a separator (1200) or with a comma (1,200)",
        ));
    } else if v.fract() != 0.0 {
        report.warnings.push(at.entry(
            field,
            text,
            format!("{v} is not a whole number: {} used", v.round()),
            format!("{v} 不是整数：按 {} 计", v.round()),
            "give whole beds and doctors",
        ));
    }
    let max = plausible_max(tier, what);
    if v > max {
        use crate::i18n::{tier_name, Lang};
        let (en, zh) = (tier_name(Lang::En, tier), tier_name(Lang::Zh, tier));
        report.warnings.push(at.entry(
            field,
            text,
            format!("{v} is more than a {en} plausibly has (up to about {max}): read as {v}"),
            format!("{v} 超出{zh}的常见规模（约 {max} 以内）：按 {v} 读取"),
            "check the cell and its unit (万 multiplies by 10,000)",
        ));
    }
    Some(Some(v))
}

/// The column of each key: the manifest's (or `--map`'s) named column —
/// an empty name marks the column "not in this file" —, else the detected
/// one. A required column neither named nor detected, or a name the header
/// lacks, is recorded as missing (with the headers seen and the fix) and
/// the file is not read.
pub(crate) fn resolve_columns(
    path: &str,
    part: &str,
    keys: &[(&'static str, Role)],
    required: usize,
    named: &std::collections::BTreeMap<String, String>,
    h: &super::headers::Header,
    report: &mut Report,
) -> Option<Vec<(&'static str, Option<usize>)>> {
    let mut out = Vec::new();
    let mut ok = true;
    for (i, (key, role)) in keys.iter().enumerate() {
        let c = match named.get(*key).map(|n| n.trim()) {
            Some("") => {
                if i < required {
                    let (en, zh) = role.words();
                    report.assume(
                        format!(
                            "{path}: no {en} column (marked \"not in this file\"): 0 for every row"
                        ),
                        format!("{path}：无{zh}列（已标为“本文件没有”）：各行按 0 计"),
                    );
                }
                None
            }
            Some(n) => match column(&h.names, Some(n), None) {
                Ok(c) => c,
                Err(_) => {
                    report.missing_column(path, part, key, *role, &h.names, Some(n));
                    ok = false;
                    None
                }
            },
            None => {
                let c = h.column(*role);
                if c.is_none() && i < required {
                    report.missing_column(path, part, key, *role, &h.names, None);
                    ok = false;
                }
                c
            }
        };
        out.push((*key, c));
    }
    for (en, zh) in &h.notes {
        report.assume(format!("{path}: {en}"), format!("{path}：{zh}"));
    }
    ok.then_some(out)
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
