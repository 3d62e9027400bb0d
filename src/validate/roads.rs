//! Road links: a line of at least two positions and some length; speeds
//! that a mode can travel (0 closes a road to a mode; a crawl below 1 km/h is
//! refused as a likely unit error); a warning when a mode can use no road.

use super::{at, Problem};
use crate::access::speeds::{class_speed, speed_of};
use crate::diagnostics::short;
use crate::scenario::{Mode, Scenario};

/// Slowest speed accepted on a road that a mode may use (km/h).
const MIN_MOVING_KMH: f64 = 1.0;

pub(super) fn check(s: &Scenario, out: &mut Vec<Problem>) {
    let Some(net) = &s.roads else { return };
    for (i, l) in net.links.iter().enumerate() {
        if l.line.len() < 2 {
            out.push(Problem::error(
                at("roads.links", i, "line"),
                format!(
                    "road link {:?} has {} position(s); a line needs at least 2",
                    short(&l.id),
                    l.line.len()
                ),
                format!(
                    "道路路段 {:?} 只有 {} 个坐标点；一条线至少需要 2 个",
                    short(&l.id),
                    l.line.len()
                ),
            ));
        } else if l.line.windows(2).all(|w| w[0] == w[1]) {
            out.push(Problem::warning(
                at("roads.links", i, "line"),
                format!(
                    "road link {:?} has length 0 (every position is the same point); it connects nothing and is left out — remove it or give its real course",
                    short(&l.id)
                ),
                format!(
                    "道路路段 {:?} 长度为 0（所有坐标点相同）；它不连接任何地点，已略去——请删除或给出实际走向",
                    short(&l.id)
                ),
            ));
        }
        if let Some(sp) = &l.speeds {
            for (mode, v) in [
                ("walk_kmh", sp.walk_kmh),
                ("bike_kmh", sp.bike_kmh),
                ("drive_kmh", sp.drive_kmh),
            ] {
                crawl(at("roads.links", i, &format!("speeds.{mode}")), v, out);
            }
        }
    }
    for (class, sp) in &net.class_speeds {
        let key = serde_json::to_value(class)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        for (mode, v) in [
            ("walk_kmh", sp.walk_kmh),
            ("bike_kmh", sp.bike_kmh),
            ("drive_kmh", sp.drive_kmh),
        ] {
            crawl(format!("$.roads.class_speeds.{key}.{mode}"), v, out);
        }
    }
    if net.links.is_empty() {
        return;
    }
    for (mode, en, zh) in [
        (Mode::Walk, "walking", "步行"),
        (Mode::Bike, "cycling", "骑行"),
        (Mode::Drive, "driving", "驾车"),
    ] {
        let usable = net.links.iter().any(|l| {
            let v = l
                .speeds
                .as_ref()
                .map(|sp| speed_of(sp, mode))
                .unwrap_or_else(|| class_speed(net, l.class, mode));
            v.is_finite() && v > 0.0
        });
        if !usable {
            out.push(Problem::warning(
                "$.roads",
                format!(
                    "no road link can be used for {en} (every speed for it is 0), so travel times by {en} fall back to straight lines; give the road classes a {en} speed if that is not meant"
                ),
                format!(
                    "没有任何路段可用于{zh}（其速度均为 0），{zh}时间将改按直线估算；如非本意，请为道路等级设置{zh}速度"
                ),
            ));
        }
    }
}

fn crawl(path: String, v: f64, out: &mut Vec<Problem>) {
    if v > 0.0 && v < MIN_MOVING_KMH {
        out.push(Problem::error(
            path,
            format!(
                "{v} km/h is a crawl: give 0 to close the road to this mode, or a speed of at least {MIN_MOVING_KMH} km/h (speeds are in km/h, not m/s)"
            ),
            format!(
                "{v} 公里/小时几乎不动：若该方式不能通行请填 0，否则请填至少 {MIN_MOVING_KMH} 公里/小时（单位为公里/小时，不是米/秒）"
            ),
        ));
    }
}
