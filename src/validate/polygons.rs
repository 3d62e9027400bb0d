//! Polygons: closed rings of at least four positions, in range, and valid in
//! the OGC sense (checked in O(n log n) by [`polygon_validity`]).

use super::polygon_validity::{self, Fault};
use super::{at, Problem};
use crate::diagnostics::short;
use crate::scenario::Scenario;
use crate::scenario::{Area, LonLat};

/// Problems listed per boundary before the rest are summed up in one.
const MAX_PER_AREA: usize = 20;

fn check_area(path: &str, what: &str, area: &Area, out: &mut Vec<Problem>) {
    if area.0.is_empty() {
        out.push(Problem::error(
            path,
            format!("{what}: the polygon is empty; give at least one ring"),
            format!("{what}：多边形为空；请至少给出一个环"),
        ));
        return;
    }
    let mut rings_ok = true;
    let start = out.len();
    // After MAX_PER_AREA problems, one more says the rest are not listed.
    let full = |out: &mut Vec<Problem>| {
        let over = out.len() - start >= MAX_PER_AREA;
        if over {
            out.push(Problem::error(
                path,
                format!("{what}: more problems in this boundary are not listed; fix the ones above and validate again"),
                format!("{what}：此边界还有更多问题未列出；请先修正以上问题再校验"),
            ));
        }
        over
    };
    for (pi, rings) in area.0.iter().enumerate() {
        if full(out) {
            return;
        }
        if rings.is_empty() {
            out.push(Problem::error(
                format!("{path}[{pi}]"),
                format!("{what}: polygon {pi} has no rings"),
                format!("{what}：第 {pi} 个多边形没有环"),
            ));
            rings_ok = false;
        }
        for (ri, ring) in rings.iter().enumerate() {
            if full(out) {
                return;
            }
            let here = format!("{path}[{pi}][{ri}]");
            if let Some(k) = ring.iter().position(|p: &LonLat| {
                !(p[0].is_finite()
                    && p[1].is_finite()
                    && (-180.0..=180.0).contains(&p[0])
                    && (-90.0..=90.0).contains(&p[1]))
            }) {
                let p = ring[k];
                out.push(Problem::error(
                    format!("{here}[{k}]"),
                    format!("{what}: [{}, {}] is not a WGS84 [longitude, latitude] (longitude −180…180, latitude −90…90)", p[0], p[1]),
                    format!("{what}：[{}, {}] 不是 WGS84 [经度, 纬度]（经度 −180…180，纬度 −90…90）", p[0], p[1]),
                ));
                rings_ok = false;
                continue;
            }
            if ring.len() < 4 {
                out.push(Problem::error(
                    here,
                    format!(
                        "{what}: a ring needs at least 4 positions (first = last), found {}",
                        ring.len()
                    ),
                    format!(
                        "{what}：一个环至少需要 4 个坐标点（首尾相同），此处只有 {} 个",
                        ring.len()
                    ),
                ));
                rings_ok = false;
            } else if ring.first() != ring.last() {
                out.push(Problem::error(
                    here,
                    format!("{what}: the ring is not closed; repeat the first position at the end"),
                    format!("{what}：环未闭合；请在末尾重复第一个坐标点"),
                ));
                rings_ok = false;
            }
        }
    }
    if !rings_ok {
        return;
    }
    for f in polygon_validity::faults(&area.0) {
        let (here, e, zh) = describe(path, &f);
        out.push(Problem::error(
            here,
            format!("{what}: invalid polygon: {e}. Repair it (for example with make_valid in GIS software)."),
            format!("{what}：无效多边形：{zh}。请修复（例如在 GIS 软件中使用 make_valid）。"),
        ));
    }
}

/// `[lon, lat]` to 5 decimals (about 1 m).
fn near(p: &[f64; 2]) -> String {
    format!("[{:.5}, {:.5}]", p[0], p[1])
}

/// The JSON path a fault concerns, and its reason in English and Chinese.
fn describe(path: &str, f: &Fault) -> (String, String, String) {
    match f {
        Fault::TooFewPoints { polygon, ring } => (
            format!("{path}[{polygon}][{ring}]"),
            format!("ring {ring} has fewer than 3 distinct positions"),
            format!("第 {ring} 环的不同坐标点少于 3 个"),
        ),
        Fault::SelfIntersection { polygon, ring, at } => (
            format!("{path}[{polygon}][{ring}]"),
            format!("ring {ring} crosses or touches itself near {}", near(at)),
            format!("第 {ring} 环自相交或自接触，位置约 {}", near(at)),
        ),
        Fault::RingsIntersect {
            polygon,
            ring_a,
            ring_b,
            at,
        } => (
            format!("{path}[{polygon}][{ring_b}]"),
            format!(
                "rings {ring_a} and {ring_b} cross or share a segment near {}",
                near(at)
            ),
            format!(
                "第 {ring_a} 环与第 {ring_b} 环相交或共用线段，位置约 {}",
                near(at)
            ),
        ),
        Fault::HoleOutside { polygon, ring } => (
            format!("{path}[{polygon}][{ring}]"),
            format!("hole (ring {ring}) is not inside the outer ring (ring 0)"),
            format!("洞（第 {ring} 环）不在外环（第 0 环）之内"),
        ),
        Fault::NestedHoles {
            polygon,
            ring,
            inside,
        } => (
            format!("{path}[{polygon}][{ring}]"),
            format!("hole (ring {ring}) lies inside another hole (ring {inside})"),
            format!("洞（第 {ring} 环）位于另一个洞（第 {inside} 环）之内"),
        ),
        Fault::PolygonsOverlap { a, b, at } => (
            format!("{path}[{b}]"),
            format!("polygons {a} and {b} overlap near {}", near(at)),
            format!("第 {a} 个与第 {b} 个多边形重叠，位置约 {}", near(at)),
        ),
        Fault::TooComplex { segments } => (
            path.to_string(),
            format!(
                "its {segments} segments overlap one another's extent so often that validity cannot be checked in bounded time (a shape no surveyed boundary has, such as a dense star); simplify it, e.g. Douglas–Peucker at 10 m"
            ),
            format!(
                "其 {segments} 条线段的范围相互重叠过多，无法在有限时间内校验（测绘边界不会如此，例如密集星形）；请简化，例如按 10 米做 Douglas–Peucker 简化"
            ),
        ),
    }
}

pub(super) fn check(s: &Scenario, out: &mut Vec<Problem>) {
    for (i, u) in s.admin_units.iter().enumerate() {
        check_area(
            &at("admin_units", i, "boundary"),
            &format!("admin unit {:?} ({})", short(&u.id), short(&u.name)),
            &u.boundary,
            out,
        );
    }
    for (i, z) in s.zones.iter().enumerate() {
        if let Some(a) = &z.area {
            check_area(
                &at("zones", i, "area"),
                &format!("zone {:?}", short(&z.id)),
                a,
                out,
            );
        }
    }
}
