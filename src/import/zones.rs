//! Demand zones: given (polygons or points from a file, assigned to the
//! unit holding their interior point) or built (hexagons `hex_km` across,
//! clipped to each unit). Residents are then put on them by one documented
//! rule, whole persons, each unit's total kept exactly:
//!
//! | population source | unit total | spread over its zones by |
//! |---|---|---|
//! | census table | the census | area (built or given polygons; points equally) |
//! | census table + `population.raster` | the census | raster persons in each zone (area where the raster has none) |
//! | raster (`population.path` is a `.tif`) | the raster's persons in the unit | raster persons in each zone |
//! | the given zones' file | the zones' own figures | as given |

use super::report::{At, Report};
use super::units::{area_fault, area_of, UnitIn};
use super::vector::{read_vector, VectorSpec};
use crate::build::apportion::apportion;
use crate::build::hexgrid::pieces;
use crate::build::projection::Local;
use crate::scenario::*;
use crate::validate::polygon_validity::AreaIndex;
use geo::{BoundingRect, Contains, InteriorPoint, MapCoords};

/// A zone before its residents are set.
pub(crate) struct ZoneIn {
    pub id: String,
    pub unit: usize,
    pub location: LonLat,
    pub area: Option<Area>,
    /// Area in km² (points: 0).
    pub km2: f64,
    /// Residents as the zones' file gives them.
    pub given: Option<f64>,
    /// Residents of the raster falling in it.
    pub raster: f64,
}

/// Hexagon zones of every unit.
pub(crate) fn hexagons(units: &[UnitIn], hex_km: f64, proj: &Local) -> Vec<ZoneIn> {
    let mut out = Vec::new();
    for (ui, u) in units.iter().enumerate() {
        let km = u.area.to_geo().map_coords(|c| {
            let (x, y) = proj.to_km([c.x, c.y]);
            geo::coord! { x: x, y: y }
        });
        // Hexagon "across flats" hex_km: circumradius hex_km / √3.
        let mut ps = pieces(&km, hex_km / 3f64.sqrt(), 0.0);
        if ps.is_empty() {
            if let Some(ip) = km.interior_point() {
                use geo::Area as _;
                ps.push((km.clone(), (ip.x(), ip.y()), km.unsigned_area()));
            }
        }
        for (k, (shape, loc, a)) in ps.into_iter().enumerate() {
            let wgs = shape.map_coords(|c| {
                let [x, y] = proj.to_lonlat(c.x, c.y);
                geo::coord! { x: x, y: y }
            });
            let area = Area::from_geo(&wgs);
            // Clipping at a ragged border can leave a piece touching
            // itself; such a zone keeps its point and its share of residents.
            let valid = crate::validate::polygon_validity::faults(&area.0).is_empty();
            out.push(ZoneIn {
                id: format!("z{}-{:04}", u.id, k + 1),
                unit: ui,
                location: proj.to_lonlat(loc.0, loc.1),
                area: valid.then_some(area),
                km2: a,
                given: None,
                raster: 0.0,
            });
        }
    }
    out
}

/// Zones from a file of polygons or points, each in the unit holding its
/// interior point.
pub(crate) fn given(
    m: &super::manifest::Manifest,
    path: &str,
    files: &dyn super::pipeline::Files,
    units: &[UnitIn],
    proj: &Local,
    report: &mut Report,
) -> Option<Vec<ZoneIn>> {
    let z = m.zones.clone().unwrap_or(super::manifest::ZonesSpec {
        path: None,
        hex_km: None,
        id_field: None,
        population_field: None,
        crs: None,
        encoding: None,
        layer: None,
    });
    let index: Vec<AreaIndex> = units.iter().map(|u| AreaIndex::new(&u.area.0)).collect();
    let spec = VectorSpec {
        crs: z.crs.as_deref(),
        encoding: z.encoding.as_deref(),
        layer: z.layer.as_deref(),
    };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    read_vector(files, path, spec, report, &mut |f, report| {
        let at = At {
            file: path,
            row: Some(f.number),
        };
        let id = z
            .id_field
            .as_deref()
            .and_then(|k| f.get(k))
            .or_else(|| f.by_role(super::headers::Role::Id))
            .or_else(|| f.by_role(super::headers::Role::Code))
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| format!("z{}", f.number));
        if !seen.insert(id.clone()) {
            report.rejected.push(at.entry(
                "id",
                &id,
                "a zone id used twice".into(),
                "分区编号重复".into(),
                "give each zone its own id",
            ));
            return;
        }
        let given = match z
            .population_field
            .as_deref()
            .and_then(|k| f.get(k))
            .or_else(|| f.by_role(super::headers::Role::Population))
        {
            None => None,
            Some(cell) => match super::cells::read_number(cell) {
                Ok(super::cells::Cell::Number(v, _)) if v.is_finite() && v >= 0.0 => Some(v),
                Ok(super::cells::Cell::Missing) => None,
                _ => {
                    report.rejected.push(at.entry(
                        "population",
                        cell,
                        "not a count of residents".into(),
                        "不是人口数".into(),
                        "give a number of 0 or more",
                    ));
                    return;
                }
            },
        };
        let (location, area, km2) = match &f.geometry {
            Some(geo::Geometry::Point(p)) => ([p.x(), p.y()], None, 0.0),
            g => {
                let Some(a) = area_of(g.as_ref()) else {
                    report.rejected.push(at.entry(
                        "geometry",
                        &id,
                        "a zone must be a point or a polygon".into(),
                        "分区必须是点或多边形".into(),
                        "give Point, Polygon or MultiPolygon features",
                    ));
                    return;
                };
                if let Some((en, zh)) = area_fault(&a) {
                    report.rejected.push(at.entry(
                        "geometry",
                        &id,
                        en,
                        zh.into(),
                        "repair it in GIS software and export again",
                    ));
                    return;
                }
                let g = a.to_geo();
                let Some(ip) = g.interior_point() else { return };
                let kmg = g.map_coords(|c| {
                    let (x, y) = proj.to_km([c.x, c.y]);
                    geo::coord! { x: x, y: y }
                });
                use geo::Area as _;
                ([ip.x(), ip.y()], Some(a), kmg.unsigned_area())
            }
        };
        // A representative point given as lon/lat attributes (WGS84 files) wins.
        let num = |r| f.by_role(r).and_then(|v| v.trim().parse::<f64>().ok());
        let location = match (
            num(super::headers::Role::Lon),
            num(super::headers::Role::Lat),
        ) {
            (Some(x), Some(y)) if z.crs.is_none() && x.abs() <= 180.0 && y.abs() <= 90.0 => [x, y],
            _ => location,
        };
        let Some(unit) = (0..units.len()).find(|&u| index[u].contains(location[0], location[1]))
        else {
            report.rejected.push(at.entry(
                "geometry",
                &id,
                format!(
                    "the zone's point {:.5}, {:.5} lies in no unit",
                    location[0], location[1]
                ),
                "分区位置不在任何单元内".into(),
                "check the zones' coordinate system (zones.crs)",
            ));
            return;
        };
        out.push(ZoneIn {
            id,
            unit,
            location,
            area,
            km2,
            given,
            raster: 0.0,
        });
    })?;
    report
        .totals
        .insert(format!("{path}: zones"), out.len().into());
    Some(out)
}

/// Adds each raster cell's persons to the zone holding the cell's centre;
/// returns the persons that fell in no zone.
pub(crate) fn add_raster(
    zones: &mut [ZoneIn],
    bytes: &[u8],
    declared: Option<&str>,
) -> Result<(super::raster::RasterSummary, f64), String> {
    use rstar::{primitives::GeomWithData, primitives::Rectangle, RTree};
    let shapes: Vec<Option<geo::MultiPolygon<f64>>> = zones
        .iter()
        .map(|z| z.area.as_ref().map(Area::to_geo))
        .collect();
    let boxes: Vec<GeomWithData<Rectangle<[f64; 2]>, usize>> = shapes
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let r = s.as_ref()?.bounding_rect()?;
            Some(GeomWithData::new(
                Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
                i,
            ))
        })
        .collect();
    let tree = RTree::bulk_load(boxes);
    // Point zones take the cells nearest to them (a Voronoi split).
    let points: Vec<GeomWithData<[f64; 2], usize>> = zones
        .iter()
        .enumerate()
        .filter(|(_, z)| z.area.is_none())
        .map(|(i, z)| GeomWithData::new(z.location, i))
        .collect();
    let nearest = RTree::bulk_load(points);
    let mut outside = 0.0;
    let summary = super::raster::read_raster(bytes, declared, &mut |lon, lat, v| {
        let p = geo::Point::new(lon, lat);
        let hit = tree
            .locate_all_at_point(&[lon, lat])
            .find(|e| shapes[e.data].as_ref().is_some_and(|s| s.contains(&p)))
            .map(|e| e.data)
            .or_else(|| {
                // Within about 5 km of a point zone (cells far from all are outside).
                nearest
                    .nearest_neighbor(&[lon, lat])
                    .filter(|e| {
                        (e.geom()[0] - lon).powi(2) + (e.geom()[1] - lat).powi(2) < 0.05f64.powi(2)
                    })
                    .map(|e| e.data)
            });
        match hit {
            Some(i) => zones[i].raster += v,
            None => outside += v,
        }
    })?;
    Ok((summary, outside))
}

/// Residents per zone and per unit by the rule in the module text.
/// `census[u]` is the unit's census row (population, 0–14, 65+), if any.
pub(crate) fn residents(
    zones: &[ZoneIn],
    units: &[UnitIn],
    census: Option<&super::population::Pops>,
    raster: bool,
    report: &mut Report,
    population_file: &str,
) -> (Vec<DemandZone>, Vec<f64>) {
    let mut out: Vec<DemandZone> = Vec::with_capacity(zones.len());
    let mut unit_totals = vec![0.0; units.len()];
    let mut by_unit: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    for (i, z) in zones.iter().enumerate() {
        by_unit[z.unit].push(i);
    }
    let mut people = vec![0u64; zones.len()];
    let mut ages: Vec<Option<(u64, u64)>> = vec![None; zones.len()];
    for (u, members) in by_unit.iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        let row = census.and_then(|c| c.get(&u).copied());
        if census.is_some() && row.is_none() {
            report.warnings.push(
                At {
                    file: population_file,
                    row: None,
                }
                .entry(
                    "",
                    &units[u].name,
                    format!(
                        "no population row for {}; it has 0 residents",
                        units[u].name
                    ),
                    format!("{} 没有人口行；按 0 人计", units[u].name),
                    "add a row for it",
                ),
            );
        }
        let raster_sum: f64 = members.iter().map(|&i| zones[i].raster).sum();
        let area_w: Vec<f64> = members
            .iter()
            .map(|&i| {
                if zones[i].km2 > 0.0 {
                    zones[i].km2
                } else {
                    1.0
                }
            })
            .collect();
        let weights: Vec<f64> = if raster && raster_sum > 0.0 {
            members.iter().map(|&i| zones[i].raster).collect()
        } else {
            if raster && census.is_some() && row.is_some_and(|r| r.0 > 0.0) {
                report.warnings.push(
                    At {
                        file: population_file,
                        row: None,
                    }
                    .entry(
                        "",
                        &units[u].name,
                        format!(
                            "the raster holds no one in {}; its residents were spread by area",
                            units[u].name
                        ),
                        format!("栅格在 {} 内无人口；按面积分配", units[u].name),
                        "check that the raster covers the region",
                    ),
                );
            }
            area_w
        };
        let total = match (row, census.is_some(), raster) {
            (Some(r), _, _) => r.0,
            (None, true, _) => 0.0,
            (None, false, true) => raster_sum,
            (None, false, false) => members.iter().map(|&i| zones[i].given.unwrap_or(0.0)).sum(),
        };
        let split = |t: f64| apportion(t.round().max(0.0) as u64, &weights);
        let given_only = census.is_none() && !raster;
        let p = if given_only {
            members
                .iter()
                .map(|&i| zones[i].given.unwrap_or(0.0).round() as u64)
                .collect()
        } else {
            split(total)
        };
        let kids = row.and_then(|r| r.1).map(split);
        let old = row.and_then(|r| r.2).map(split);
        for (k, &i) in members.iter().enumerate() {
            people[i] = p[k];
            if let (Some(a), Some(b)) = (&kids, &old) {
                ages[i] = Some((a[k], b[k]));
            }
        }
        unit_totals[u] = p.iter().sum::<u64>() as f64;
    }
    for (i, z) in zones.iter().enumerate() {
        out.push(DemandZone {
            id: z.id.clone(),
            admin_unit: units[z.unit].id.clone(),
            location: z.location,
            area: z.area.clone(),
            population: people[i] as f64,
            age_groups: ages[i].map(|(a, b)| AgeGroups {
                children_0_14: a as f64,
                aged_65_plus: b as f64,
            }),
        });
    }
    (out, unit_totals)
}
