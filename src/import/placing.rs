//! Placing a table's point rows (facilities, candidate sites): the
//! longitude and latitude cells read as numbers and converted to WGS84, and
//! the unit found by the row's unit column (code or name) or else by the
//! boundary holding the point — each failure reported on the row.

use super::crs::Crs;
use super::names::{join, Join};
use super::report::{At, Report};
use super::tabular::num_cell;
use super::units::UnitIn;
use crate::scenario::LonLat;
use crate::validate::polygon_validity::AreaIndex;

/// The units, indexed once for the whole table.
pub(crate) struct Placer<'a> {
    index: Vec<AreaIndex>,
    keys: Vec<(&'a str, &'a str)>,
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
            keys: units
                .iter()
                .map(|u| (u.code.as_str(), u.name.as_str()))
                .collect(),
        }
    }

    /// The row's position in WGS84 and its unit's index; or None with the
    /// row rejected (`crs_key` names the manifest key to check). Positions
    /// read as numbers are added to `raw` as written, placed or not.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn place(
        &self,
        at: &At,
        head: &[String],
        row: &[String],
        c: &PointColumns,
        crs: &Crs,
        crs_key: &str,
        raw: Option<&mut Vec<[f64; 2]>>,
        report: &mut Report,
    ) -> Option<(LonLat, usize)> {
        let cell = |i: usize| row.get(i).map(String::as_str).unwrap_or("");
        let (Some(Some(lon)), Some(Some(lat))) = (
            num_cell(at, &head[c.lon], cell(c.lon), report),
            num_cell(at, &head[c.lat], cell(c.lat), report),
        ) else {
            report.rejected.push(at.entry(
                &head[c.lon],
                &format!("{}, {}", cell(c.lon), cell(c.lat)),
                "no coordinates".into(),
                "缺少坐标".into(),
                "give longitude and latitude",
            ));
            return None;
        };
        if let Some(raw) = raw {
            raw.push([lon, lat]);
        }
        let location = crs.to_wgs84([lon, lat]);
        let unit = match c.unit.map(|u| join(cell(u), &self.keys)) {
            Some(Join::Unit(u)) => Some(u),
            _ => (0..self.index.len()).find(|&u| self.index[u].contains(location[0], location[1])),
        };
        let Some(u) = unit else {
            report.rejected.push(at.entry(
                &head[c.lon],
                &format!("{}, {}", location[0], location[1]),
                "the position lies in no unit of the boundaries".into(),
                "该位置不在任何边界单元内".into(),
                &format!("check the coordinates, their order and {crs_key}"),
            ));
            return None;
        };
        Some((location, u))
    }

    /// The unit indexes, for checks over all points (the shift warning).
    pub(crate) fn index(&self) -> &[AreaIndex] {
        &self.index
    }
}

/// The category → tier table with the manifest's entries added.
pub(crate) fn tier_map(m: &super::manifest::Manifest) -> super::tiers::TierMap {
    let mut tiers = super::tiers::TierMap::default();
    for (k, v) in &m.tiers {
        tiers.set(k, *v);
    }
    tiers
}
