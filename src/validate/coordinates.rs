//! Coordinates: WGS84 `[lon, lat]` in range, not swapped, inside the region.

use super::{at, Problem};
use crate::diagnostics::short;
use crate::scenario::geometry::bbox_of;
use crate::scenario::{LonLat, Scenario};

/// How far (degrees) outside the admin units' bounding box a point may lie
/// before it is reported as outside the region (about 20 km).
const REGION_MARGIN_DEG: f64 = 0.2;

fn in_range(p: &LonLat) -> bool {
    p[0].is_finite()
        && p[1].is_finite()
        && (-180.0..=180.0).contains(&p[0])
        && (-90.0..=90.0).contains(&p[1])
}

fn inside(b: &[f64; 4], lon: f64, lat: f64) -> bool {
    lon >= b[0] - REGION_MARGIN_DEG
        && lon <= b[2] + REGION_MARGIN_DEG
        && lat >= b[1] - REGION_MARGIN_DEG
        && lat <= b[3] + REGION_MARGIN_DEG
}

/// The region's bounding box from its admin-unit boundaries (valid positions only).
pub(crate) fn region_bbox(s: &Scenario) -> Option<[f64; 4]> {
    bbox_of(
        s.admin_units
            .iter()
            .flat_map(|u| u.boundary.positions())
            .filter(|p| in_range(p)),
    )
}

/// Checks one point; `what` names it for the message.
fn check_point(
    path: String,
    (what, what_zh): (&str, &str),
    p: &LonLat,
    region: Option<&[f64; 4]>,
    out: &mut Vec<Problem>,
) {
    let [lon, lat] = *p;
    if !lon.is_finite() || !lat.is_finite() {
        out.push(Problem::error(
            path,
            format!("{what}: position [{lon}, {lat}] is not a pair of finite numbers"),
            format!("{what_zh}：坐标 [{lon}, {lat}] 不是两个有限数值"),
        ));
        return;
    }
    let swapped_fits = match region {
        Some(b) => inside(b, lat, lon),
        None => (-180.0..=180.0).contains(&lat) && (-90.0..=90.0).contains(&lon),
    };
    if !in_range(p) {
        let (hint, hint_zh) = if swapped_fits {
            (format!(" It looks like latitude and longitude are swapped: write [{lat}, {lon}] as [longitude, latitude]."),
             format!("看起来经纬度颠倒了：请写作 [{lat}, {lon}]，即 [经度, 纬度]。"))
        } else {
            (String::new(), String::new())
        };
        out.push(Problem::error(
            path,
            format!("{what}: [{lon}, {lat}] is not a WGS84 [longitude, latitude]; longitude must lie in −180…180 and latitude in −90…90.{hint}"),
            format!("{what_zh}：[{lon}, {lat}] 不是 WGS84 [经度, 纬度]；经度须在 −180…180、纬度须在 −90…90 之间。{hint_zh}"),
        ));
        return;
    }
    if let Some(b) = region {
        if !inside(b, lon, lat) {
            if swapped_fits {
                out.push(Problem::error(
                    path,
                    format!("{what}: [{lon}, {lat}] lies outside the region, but [{lat}, {lon}] lies inside: latitude and longitude look swapped. Write positions as [longitude, latitude]."),
                    format!("{what_zh}：[{lon}, {lat}] 在地区之外，而 [{lat}, {lon}] 在地区之内：经纬度似乎颠倒了。请按 [经度, 纬度] 书写。"),
                ));
            } else {
                out.push(Problem::warning(
                    path,
                    format!("{what}: [{lon}, {lat}] lies outside the region's admin units (box {:.3}…{:.3} E, {:.3}…{:.3} N); it is kept, but check the position.", b[0], b[2], b[1], b[3]),
                    format!("{what_zh}：[{lon}, {lat}] 在地区各行政单元之外（范围 东经 {:.3}…{:.3}，北纬 {:.3}…{:.3}）；已保留，但请检查位置。", b[0], b[2], b[1], b[3]),
                ));
            }
        }
    }
}

pub(super) fn check(s: &Scenario, out: &mut Vec<Problem>) {
    let region = region_bbox(s);
    let r = region.as_ref();
    for (i, z) in s.zones.iter().enumerate() {
        check_point(
            at("zones", i, "location"),
            (
                &format!("zone {:?}", short(&z.id)),
                &format!("分区 {:?}", short(&z.id)),
            ),
            &z.location,
            r,
            out,
        );
    }
    for (i, f) in s.facilities.iter().enumerate() {
        check_point(
            at("facilities", i, "location"),
            (
                &format!("facility {:?} ({})", short(&f.id), short(&f.name)),
                &format!("机构 {:?}（{}）", short(&f.id), short(&f.name)),
            ),
            &f.location,
            r,
            out,
        );
    }
    for (i, c) in s.candidate_sites.iter().enumerate() {
        check_point(
            at("candidate_sites", i, "location"),
            (
                &format!("candidate site {:?} ({})", short(&c.id), short(&c.name)),
                &format!("候选点 {:?}（{}）", short(&c.id), short(&c.name)),
            ),
            &c.location,
            r,
            out,
        );
    }
    if let Some(roads) = &s.roads {
        for (i, l) in roads.links.iter().enumerate() {
            // One message per link is enough: report its first bad position.
            let mut before = out.len();
            for (k, p) in l.line.iter().enumerate() {
                check_point(
                    at("roads.links", i, &format!("line[{k}]")),
                    (
                        &format!("road link {:?}", short(&l.id)),
                        &format!("道路路段 {:?}", short(&l.id)),
                    ),
                    p,
                    r,
                    out,
                );
                if out.len() > before {
                    break;
                }
                before = out.len();
            }
        }
    }
}
