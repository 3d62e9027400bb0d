//! Administrative units from a boundary file (GeoJSON or Shapefile): name,
//! division code, id and a valid polygon in WGS84, each rejected feature
//! reported with its number.

use super::headers::Role;
use super::manifest::Manifest;
use super::pipeline::Files;
use super::report::{At, Report};
use super::vector::{read_vector, VectorSpec};
use crate::scenario::*;

/// A unit as read from the boundaries.
pub(crate) struct UnitIn {
    pub id: String,
    pub code: String,
    pub name: String,
    pub area: Area,
}

/// A polygonal geometry as an [`Area`] (None: not polygonal).
pub(crate) fn area_of(g: Option<&geo::Geometry<f64>>) -> Option<Area> {
    match g? {
        geo::Geometry::Polygon(p) => Some(Area::from_geo(&geo::MultiPolygon(vec![p.clone()]))),
        geo::Geometry::MultiPolygon(mp) => Some(Area::from_geo(mp)),
        _ => None,
    }
}

/// Why `area` cannot be a unit's or zone's boundary, if it cannot.
pub(crate) fn area_fault(area: &Area) -> Option<(String, &'static str)> {
    let in_range = |p: &LonLat| {
        p[0].is_finite()
            && p[1].is_finite()
            && (-180.0..=180.0).contains(&p[0])
            && (-90.0..=90.0).contains(&p[1])
    };
    if area.positions().next().is_none() || !area.positions().all(in_range) {
        return Some((
            "a position is not a longitude/latitude (or there are none): projected coordinates without a .prj?".into(),
            "有坐标不是经纬度（或没有坐标）：投影坐标缺少 .prj？",
        ));
    }
    let closed = area
        .0
        .iter()
        .flatten()
        .all(|r| r.len() >= 4 && r.first() == r.last());
    if !closed {
        return Some((
            "a ring is not closed or has fewer than 4 positions".into(),
            "有环未闭合或少于 4 个点",
        ));
    }
    let faults = crate::validate::polygon_validity::faults(&area.0);
    (!faults.is_empty()).then(|| {
        (
            format!(
                "the boundary is not a valid polygon ({} problem(s), e.g. a ring crossing itself)",
                faults.len()
            ),
            "边界不是有效多边形（如环自相交）",
        )
    })
}

pub(crate) fn read_units(
    m: &Manifest,
    files: &dyn Files,
    report: &mut Report,
) -> Option<Vec<UnitIn>> {
    let path = m.units.path.as_str();
    let spec = VectorSpec {
        crs: m.units.crs.as_deref(),
        encoding: m.units.encoding.as_deref(),
        layer: m.units.layer.as_deref(),
    };
    let mut out = Vec::new();
    read_vector(files, path, spec, report, &mut |f, report| {
        let at = At {
            file: path,
            row: Some(f.number),
        };
        let named =
            |field: &Option<String>| field.as_deref().and_then(|k| f.get(k)).map(str::to_string);
        let name = named(&m.units.name_field)
            .or_else(|| f.by_role(Role::Name).map(str::to_string))
            .unwrap_or_default();
        let code = f.by_role(Role::Code).unwrap_or_default().to_string();
        let id = named(&m.units.id_field)
            .filter(|s| !s.is_empty())
            .or_else(|| (!code.is_empty()).then(|| code.clone()))
            .unwrap_or_else(|| format!("u{}", f.number));
        let Some(area) = area_of(f.geometry.as_ref()) else {
            report.rejected.push(at.entry(
                "geometry",
                &name,
                "the feature has no polygon".into(),
                "该要素没有多边形".into(),
                "give each unit a Polygon or MultiPolygon",
            ));
            return;
        };
        if let Some((en, zh)) = area_fault(&area) {
            report.rejected.push(at.entry(
                "geometry",
                &name,
                en,
                zh.into(),
                "repair it in GIS software (e.g. make_valid), or declare units.crs, and export again",
            ));
            return;
        }
        if name.is_empty() {
            report.warnings.push(at.entry(
                "name",
                "",
                format!("no name found; the unit is called {id:?}"),
                format!("未找到名称；该单元称为 {id:?}"),
                "name the property with units.name_field",
            ));
        }
        out.push(UnitIn {
            name: if name.is_empty() { id.clone() } else { name },
            id,
            code,
            area,
        });
    })?;
    if m.units.name_field.is_none() {
        report.assume(
            format!("{path}: unit names and codes taken from properties detected by their keys"),
            format!("{path}：单元名称与代码取自按字段名识别的属性"),
        );
    }
    Some(out)
}
