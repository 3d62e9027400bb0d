//! A travel-time table from a routing engine (OSRM `table`, Valhalla
//! matrix, r5py, an ArcGIS OD cost matrix): long — one row per pair,
//! `origin_id, destination_id, minutes` (or seconds) — or wide — origin ids
//! down the first column, destination ids across the header. Origins are
//! zone ids, destinations facility or candidate-site ids; every row naming
//! an id the scenario does not have is reported.

use super::cells::{read_number, Cell};
use super::headers::Role;
use super::manifest::TravelFile;
use super::pipeline::Files;
use super::report::{At, Report};
use super::tabular::{file_error, read_table};
use crate::scenario::{TravelTimeEntry, TravelTimeTable};
use std::collections::HashSet;

/// Most pairs a table may hold (zones × sites of a large prefecture).
pub const MAX_PAIRS: usize = 20_000_000;

/// Rows listed one by one per kind of problem; the rest are counted.
const LISTED: usize = 200;

struct Tally {
    listed: usize,
    more: u64,
}

impl Tally {
    fn push(&mut self, report: &mut Report, e: super::report::Entry) {
        if self.listed < LISTED {
            report.rejected.push(e);
            self.listed += 1;
        } else {
            self.more += 1;
        }
    }
}

/// Reads the table. `zones` and `sites` are the ids it may name.
pub(crate) fn read_travel(
    t: &TravelFile,
    files: &dyn Files,
    zones: &HashSet<&str>,
    sites: &HashSet<&str>,
    report: &mut Report,
) -> Option<TravelTimeTable> {
    let path = t.path.as_str();
    let table = read_table(
        files,
        path,
        t.encoding.as_deref(),
        t.sheet.as_deref(),
        report,
    )?;
    let Some((hline, head)) = table.rows.first().cloned() else {
        return file_error(
            report,
            path,
            "the table is empty".into(),
            "表格为空".into(),
            "give origin_id, destination_id, minutes",
        );
    };
    let roles: Vec<Option<Role>> = head.iter().map(|h| super::headers::role_of(h)).collect();
    let col = |r: Role| roles.iter().position(|x| *x == Some(r));
    let declared_seconds = match t.unit.as_deref().map(|u| u.trim().to_ascii_lowercase()) {
        None => None,
        Some(u) if u.starts_with("min") || u == "分钟" => Some(false),
        Some(u) if u.starts_with("s") || u == "秒" => Some(true),
        Some(u) => {
            return file_error(
                report,
                path,
                format!("travel_table.unit {u:?}: give minutes or seconds"),
                format!("travel_table.unit {u:?}：请填 minutes 或 seconds"),
                "minutes is the default",
            )
        }
    };
    let mut entries = Vec::new();
    let mut unknown = Tally { listed: 0, more: 0 };
    let mut bad = Tally { listed: 0, more: 0 };
    let mut too_many = false;
    let mut check = |zone: &str,
                     site: &str,
                     cell: &str,
                     seconds: bool,
                     at: &At,
                     field: &str,
                     report: &mut Report,
                     entries: &mut Vec<TravelTimeEntry>| {
        let v = match read_number(cell) {
            Ok(Cell::Number(v, _)) if v.is_finite() && v >= 0.0 => v,
            Ok(Cell::Missing) => return, // not reachable within the table
            _ => {
                bad.push(
                    report,
                    at.entry(
                        field,
                        cell,
                        "not a travel time".into(),
                        "不是行程时间".into(),
                        "give minutes as a number of 0 or more (blank: not reachable)",
                    ),
                );
                return;
            }
        };
        let (zk, sk) = (zones.contains(zone), sites.contains(site));
        if !zk || !sk {
            let what = if !zk {
                ("origin", zone)
            } else {
                ("destination", site)
            };
            unknown.push(
                report,
                at.entry(
                    what.0,
                    what.1,
                    format!(
                        "{} {:?} is not a {} of the scenario",
                        what.0,
                        what.1,
                        if !zk {
                            "zone"
                        } else {
                            "facility or candidate site"
                        }
                    ),
                    format!(
                        "{} {:?} 不是情景中的{}",
                        what.0,
                        what.1,
                        if !zk { "分区" } else { "机构或候选点" }
                    ),
                    "use the zone ids of the exported zones and the facilities' codes",
                ),
            );
            return;
        }
        if entries.len() >= MAX_PAIRS {
            too_many = true;
            return;
        }
        let minutes = if seconds { v / 60.0 } else { v };
        entries.push(TravelTimeEntry {
            zone: zone.to_string(),
            site: site.to_string(),
            minutes: (minutes * 1000.0).round() / 1000.0,
        });
    };
    let long = (
        col(Role::Origin),
        col(Role::Destination),
        col(Role::Minutes).or(col(Role::Seconds)),
    );
    if let (Some(o), Some(d), Some(v)) = long {
        let seconds = declared_seconds.unwrap_or(roles[v] == Some(Role::Seconds));
        report.assume(
            format!(
                "{path}: a long table ({} → {}, {} in {})",
                head[o],
                head[d],
                head[v],
                if seconds { "seconds" } else { "minutes" }
            ),
            format!(
                "{path}：长表（{} → {}，{} 以{}计）",
                head[o],
                head[d],
                head[v],
                if seconds { "秒" } else { "分钟" }
            ),
        );
        for (line, row) in table.rows.iter().skip(1) {
            let at = At {
                file: path,
                row: Some(*line),
            };
            let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
            check(
                cell(o),
                cell(d),
                cell(v),
                seconds,
                &at,
                &head[v],
                report,
                &mut entries,
            );
        }
    } else {
        // Wide: the header names destinations from the second column on.
        let known = head
            .iter()
            .skip(1)
            .filter(|h| sites.contains(h.as_str()))
            .count();
        if known == 0 {
            return file_error(
                report,
                path,
                format!("row {hline} is neither a long header (origin_id, destination_id, minutes) nor a wide one (destination ids across)"),
                format!("第 {hline} 行既不是长表表头（origin_id, destination_id, minutes），也不是宽表表头（终点编号横排）"),
                "give origin_id, destination_id, minutes columns",
            );
        }
        let seconds = declared_seconds.unwrap_or(false);
        report.assume(
            format!(
                "{path}: a wide matrix ({} destination columns, times in {})",
                head.len() - 1,
                if seconds { "seconds" } else { "minutes" }
            ),
            format!(
                "{path}：宽矩阵（{} 个终点列，时间以{}计）",
                head.len() - 1,
                if seconds { "秒" } else { "分钟" }
            ),
        );
        for (line, row) in table.rows.iter().skip(1) {
            let at = At {
                file: path,
                row: Some(*line),
            };
            let origin = row.first().map(String::as_str).unwrap_or("");
            for (c, dest) in head.iter().enumerate().skip(1) {
                let cell = row.get(c).map(String::as_str).unwrap_or("");
                check(origin, dest, cell, seconds, &at, dest, report, &mut entries);
            }
        }
    }
    for (t, what, zh) in [
        (&unknown, "rows naming an unknown id", "行含未知编号"),
        (&bad, "cells that are not times", "个单元格不是时间"),
    ] {
        if t.more > 0 {
            report.rejected.push(
                At {
                    file: path,
                    row: None,
                }
                .entry(
                    "",
                    "",
                    format!("{} more {what} (not listed)", t.more),
                    format!("另有 {} {zh}（未列出）", t.more),
                    "see the rows listed above",
                ),
            );
        }
    }
    if too_many {
        report.rejected.push(
            At {
                file: path,
                row: None,
            }
            .entry(
                "",
                "",
                format!("more than {MAX_PAIRS} pairs; the rest were left out"),
                format!("超过 {MAX_PAIRS} 对；其余未导入"),
                "keep pairs within the longest travel time that matters (e.g. 60 minutes)",
            ),
        );
    }
    let before = entries.len();
    entries.sort_by(|a, b| (&a.zone, &a.site).cmp(&(&b.zone, &b.site)));
    entries.dedup_by(|b, a| a.zone == b.zone && a.site == b.site);
    if entries.len() < before {
        report.warnings.push(
            At {
                file: path,
                row: None,
            }
            .entry(
                "",
                "",
                format!(
                    "{} pair(s) appear more than once; the first time given is used",
                    before - entries.len()
                ),
                format!(
                    "{} 对重复出现；使用第一次给出的时间",
                    before - entries.len()
                ),
                "keep one row per origin and destination",
            ),
        );
    }
    report
        .totals
        .insert(format!("{path}: pairs"), entries.len().into());
    Some(TravelTimeTable {
        mode: t.mode,
        entries,
    })
}
