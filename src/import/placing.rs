//! Placing a table's point rows (facilities, candidate sites): the
//! coordinate system chosen from the points' own evidence when the manifest
//! does not declare it ([`super::crs_evidence`]), the longitude and
//! latitude cells read and converted to WGS84, and the unit found by the
//! row's unit column (code or name) or else by the boundary holding the
//! point. As a careful analyst would: a row whose longitude and latitude
//! are swapped (the swap lands inside the region, the given order does not)
//! is corrected only with the planner's consent and reported either way; a
//! point outside every boundary by more than [`OUTSIDE_KM`] is excluded
//! with its distance and the nearest unit, one closer is kept in that unit
//! with a warning.

use super::crs::Crs;
use super::names::{join, Join};
use super::report::{At, Report};
use super::tabular::num_cell;
use super::units::UnitIn;
use crate::scenario::LonLat;
use crate::validate::polygon_validity::AreaIndex;

/// A point farther than this outside every boundary is excluded (km).
pub const OUTSIDE_KM: f64 = 5.0;

/// The units, indexed once for the whole table.
pub(crate) struct Placer<'a> {
    index: Vec<AreaIndex>,
    bboxes: Vec<[f64; 4]>,
    keys: Vec<(&'a str, &'a str)>,
    units: &'a [UnitIn],
}

/// The columns a point row is placed by.
pub(crate) struct PointColumns {
    pub lon: usize,
    pub lat: usize,
    pub unit: Option<usize>,
}

impl<'a> Placer<'a> {
    pub(crate) fn new(units: &'a [UnitIn]) -> Placer<'a> {
        Placer {
            index: units.iter().map(|u| AreaIndex::new(&u.area.0)).collect(),
            bboxes: units
                .iter()
                .map(|u| u.area.bbox().unwrap_or([f64::NAN; 4]))
                .collect(),
            keys: units
                .iter()
                .map(|u| (u.code.as_str(), u.name.as_str()))
                .collect(),
            units,
        }
    }

    fn unit_at(&self, p: LonLat) -> Option<usize> {
        (0..self.index.len()).find(|&u| {
            let b = self.bboxes[u];
            p[0] >= b[0]
                && p[0] <= b[2]
                && p[1] >= b[1]
                && p[1] <= b[3]
                && self.index[u].contains(p[0], p[1])
        })
    }

    /// The unit a row names, when it names one the boundaries know.
    fn named_unit(&self, row: &[String], c: &PointColumns) -> Option<usize> {
        let cell = c.unit.and_then(|u| row.get(u))?;
        match join(cell, &self.keys) {
            Join::Unit(u) => Some(u),
            _ => None,
        }
    }

    /// The coordinate system of the file's points: the declared one, else
    /// the reading the points' evidence favours (reported with each
    /// reading's share), else WGS84 with a warning that the evidence does
    /// not separate the readings. None (the file rejected) when the declared
    /// system is not known.
    pub(crate) fn choose_crs(
        &self,
        path: &str,
        crs_key: &str,
        declared: Option<&str>,
        rows: &[(u64, Vec<String>)],
        c: &PointColumns,
        report: &mut Report,
    ) -> Option<Crs> {
        if declared.is_some() {
            return match Crs::parse(declared) {
                Ok(crs) => Some(crs),
                Err(e) => super::tabular::file_error(
                    report,
                    path,
                    e.clone(),
                    format!("无法识别声明的坐标系：{e}"),
                    "declare wgs84, cgcs2000, gcj02 or bd09",
                ),
            };
        }
        let number = |s: Option<&String>| match s.map(|s| super::cells::read_number(s)) {
            Some(Ok(super::cells::Cell::Number(v, _))) => v,
            _ => f64::NAN,
        };
        let raw: Vec<[f64; 2]> = rows
            .iter()
            .map(|(_, r)| [number(r.get(c.lon)), number(r.get(c.lat))])
            .collect();
        let own: Vec<Option<usize>> = rows.iter().map(|(_, r)| self.named_unit(r, c)).collect();
        let all =
            crate::scenario::geometry::bbox_of(self.units.iter().flat_map(|u| u.area.positions()));
        let centre = all.map_or([0.0, 0.0], |b| [(b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0]);
        let Some(ev) = super::crs_evidence::weigh(&raw, &own, &self.index, &self.bboxes, centre)
        else {
            report.assume(
                format!("{path}: coordinates taken as WGS84 (too few readable points to tell the system; declare {crs_key} if they come from AMap/Tencent (gcj02) or Baidu (bd09))"),
                format!("{path}：坐标按 WGS84 读取（可读点位太少，无法判断坐标系；如来自高德、腾讯请声明 {crs_key}: gcj02，来自百度请声明 bd09）"),
            );
            return Some(Crs::Wgs84);
        };
        let (en, zh) = (ev.shares(false), ev.shares(true));
        if ev.separable {
            let best = ev.best().clone();
            report.assume(
                format!("{path}: coordinates read as {} — the system that puts the most points {} ({en}); declare {crs_key} to override", best.name(), if ev.own_unit { "inside their own unit" } else { "inside the boundaries" }),
                format!("{path}：坐标按 {} 读取——该坐标系使最多点位落在{}（{zh}）；如需改用其他坐标系，请声明 {crs_key}", best.name(), if ev.own_unit { "所属单元内" } else { "边界内" }),
            );
            Some(best)
        } else {
            let geographic = matches!(ev.best(), Crs::Wgs84 | Crs::Gcj02 | Crs::Bd09);
            let kept = if geographic {
                Crs::Wgs84
            } else {
                ev.best().clone()
            };
            let n = ev.points.max(1) as f64;
            report.crs_questions.push(super::report::CrsQuestion {
                file: path.to_string(),
                key: crs_key.to_string(),
                kept: kept.declaration(),
                choices: ev
                    .readings
                    .iter()
                    .map(|r| super::report::CrsChoice {
                        name: r.crs.name(),
                        declare: r.crs.declaration(),
                        share: r.inside as f64 / n,
                    })
                    .collect(),
            });
            report.warnings.push(At { file: path, row: None }.entry(
                crs_key,
                &kept.name(),
                format!("the points do not show which coordinate system they are in ({en}): read as {}", kept.name()),
                format!("点位无法区分所用坐标系（{zh}）：按 {} 读取", kept.name()),
                &format!("declare {crs_key}: wgs84 for GPS or a WGS84 map, gcj02 for AMap or Tencent, bd09 for Baidu"),
            ));
            Some(kept)
        }
    }

    /// The row's position in WGS84 and its unit's index; or None with the
    /// row rejected (`crs_key` names the manifest key to check).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn place(
        &self,
        at: &At,
        head: &[String],
        row: &[String],
        c: &PointColumns,
        crs: &Crs,
        crs_key: &str,
        fix_swapped: bool,
        report: &mut Report,
    ) -> Option<(LonLat, usize)> {
        let cell = |i: usize| row.get(i).map(String::as_str).unwrap_or("");
        let name = |i: usize| head.get(i).map(String::as_str).unwrap_or("");
        let given = format!("{}, {}", cell(c.lon), cell(c.lat));
        let lon = num_cell(at, name(c.lon), cell(c.lon), report)?;
        let lat = num_cell(at, name(c.lat), cell(c.lat), report)?;
        let (Some(lon), Some(lat)) = (lon, lat) else {
            report.rejected.push(at.entry(
                name(c.lon),
                &given,
                "no coordinates".into(),
                "缺少坐标".into(),
                "give longitude and latitude",
            ));
            return None;
        };
        let named = self.named_unit(row, c);
        let mut location = crs.to_wgs84([lon, lat]);
        let mut inside = self.unit_at(location);
        if inside.is_none() {
            let swapped = crs.to_wgs84([lat, lon]);
            if let Some(u) = self.unit_at(swapped) {
                let unit = &self.units[u].name;
                if !fix_swapped {
                    report.swaps_offered += 1;
                    report.rejected.push(at.entry(
                        &format!("{} / {}", name(c.lon), name(c.lat)),
                        &given,
                        format!("longitude and latitude look swapped: as given the point lies outside the region, swapped it lies in {unit}"),
                        format!("经度与纬度疑似填反：按原样不在本地区内，交换后位于{unit}"),
                        "swap the two cells, or import with --fix swapped-coordinates (the wizard: Swap)",
                    ));
                    return None;
                }
                report.warnings.push(at.entry(
                    &format!("{} / {}", name(c.lon), name(c.lat)),
                    &given,
                    format!(
                        "longitude and latitude were swapped: corrected (the point lies in {unit})"
                    ),
                    format!("经度与纬度填反：已交换（位于{unit}）"),
                    "fix the file so the next import needs no correction",
                ));
                location = swapped;
                inside = Some(u);
            }
        }
        let unit = match (inside, named) {
            (Some(i), Some(n)) if i != n => {
                report.warnings.push(at.entry(
                    c.unit.map_or("", name),
                    c.unit.map_or("", cell),
                    format!(
                        "the point lies in {} but the row names {}: kept in {}",
                        self.units[i].name, self.units[n].name, self.units[n].name
                    ),
                    format!(
                        "点位位于{}，但该行填写为{}：按{}计",
                        self.units[i].name, self.units[n].name, self.units[n].name
                    ),
                    "check the coordinates or the unit",
                ));
                n
            }
            (Some(i), _) => i,
            (None, _) => {
                let (near, km) = self.nearest(location);
                let Some(near) = near else {
                    report.rejected.push(at.entry(
                        name(c.lon),
                        &given,
                        "the position cannot be read as a place on Earth".into(),
                        "该位置无法解读为地球上的点".into(),
                        &format!("check the coordinates, their order and {crs_key}"),
                    ));
                    return None;
                };
                let near_name = &self.units[near].name;
                if km > OUTSIDE_KM {
                    report.rejected.push(at.entry(
                        name(c.lon),
                        &given,
                        format!("the point lies {km:.1} km outside the region (nearest unit: {near_name}): excluded"),
                        format!("点位在本地区以外 {km:.1} 公里（最近的单元：{near_name}）：已排除"),
                        &format!("check the coordinates, their order and {crs_key}"),
                    ));
                    return None;
                }
                let kept = named.unwrap_or(near);
                report.warnings.push(at.entry(
                    name(c.lon),
                    &given,
                    format!(
                        "the point lies {:.0} m outside the boundaries: kept in {}",
                        km * 1000.0,
                        self.units[kept].name
                    ),
                    format!(
                        "点位在边界以外 {:.0} 米：按{}计",
                        km * 1000.0,
                        self.units[kept].name
                    ),
                    "check the coordinates",
                ));
                kept
            }
        };
        Some((location, unit))
    }

    /// The unit nearest a point outside every unit, and its distance (km,
    /// to the unit's outline).
    fn nearest(&self, p: LonLat) -> (Option<usize>, f64) {
        if !(p[0].is_finite() && p[1].is_finite()) || p[1].abs() > 90.0 {
            return (None, f64::INFINITY);
        }
        let kx = 111.32 * p[1].to_radians().cos();
        let ky = 110.57;
        let mut best = (None, f64::INFINITY);
        for (u, unit) in self.units.iter().enumerate() {
            // A unit's box already farther than the best is skipped.
            let b = self.bboxes[u];
            let dx = (b[0] - p[0]).max(p[0] - b[2]).max(0.0) * kx;
            let dy = (b[1] - p[1]).max(p[1] - b[3]).max(0.0) * ky;
            if (dx * dx + dy * dy).sqrt() >= best.1 {
                continue;
            }
            for ring in unit.area.0.iter().flatten() {
                for w in ring.windows(2) {
                    let a = [(w[0][0] - p[0]) * kx, (w[0][1] - p[1]) * ky];
                    let b = [(w[1][0] - p[0]) * kx, (w[1][1] - p[1]) * ky];
                    let d = segment_distance(a, b);
                    if d < best.1 {
                        best = (Some(u), d);
                    }
                }
            }
        }
        best
    }
}

/// Distance from the origin to the segment a–b.
fn segment_distance(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (vx, vy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = vx * vx + vy * vy;
    let t = if len2 > 0.0 {
        (-(a[0] * vx + a[1] * vy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (x, y) = (a[0] + t * vx, a[1] + t * vy);
    (x * x + y * y).sqrt()
}

/// The category → tier table with the manifest's entries added.
pub(crate) fn tier_map(m: &super::manifest::Manifest) -> super::tiers::TierMap {
    let mut tiers = super::tiers::TierMap::default();
    for (k, v) in &m.tiers {
        tiers.set(k, *v);
    }
    tiers
}
