//! The three exported tables — decisions, indicators per admin unit, and
//! zones — as typed cells with their column keys and headers in both
//! languages. Every writer (CSV, XLSX, GeoJSON properties) reads these, so
//! the formats cannot disagree.

use crate::i18n::{t, Lang};
use crate::report::PlanReport;
use crate::scenario::Scenario;

/// One cell: numbers stay numbers (XLSX writes them as such).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// Nothing (unreachable, not applicable).
    Empty,
}

/// A column: stable key (CSV header, GeoJSON property) and headers.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Stable key.
    pub key: &'static str,
    /// Header in English.
    pub en: &'static str,
    /// Header in Chinese.
    pub zh: &'static str,
}

impl Column {
    /// The header in `lang`.
    pub fn header(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

const fn col(key: &'static str, en: &'static str, zh: &'static str) -> Column {
    Column { key, en, zh }
}

/// Which table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// Every decision of the plan.
    Decisions,
    /// Per admin unit before and after.
    Indicators,
    /// Per demand zone before and after.
    Zones,
}

impl TableKind {
    /// Stable key (`--table`).
    pub fn key(self) -> &'static str {
        match self {
            TableKind::Decisions => "decisions",
            TableKind::Indicators => "indicators",
            TableKind::Zones => "zones",
        }
    }

    /// The sheet name in `lang`.
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (TableKind::Decisions, Lang::En) => "Decisions",
            (TableKind::Decisions, Lang::Zh) => "决策清单",
            (TableKind::Indicators, Lang::En) => "Indicators",
            (TableKind::Indicators, Lang::Zh) => "各县指标",
            (TableKind::Zones, Lang::En) => "Zones",
            (TableKind::Zones, Lang::Zh) => "需求单元",
        }
    }
}

/// A table ready to write.
#[derive(Debug, Clone)]
pub struct Table {
    /// Which table.
    pub kind: TableKind,
    /// Its columns.
    pub columns: &'static [Column],
    /// Rows, one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// Decision columns.
pub const DECISION_COLUMNS: &[Column] = &[
    col("kind", "Decision", "类型"),
    col("facility_id", "Facility id", "机构编号"),
    col("facility", "Facility", "机构"),
    col("admin_unit", "County", "所属县区"),
    col("specialty", "Specialty", "专科"),
    col("quantity", "Quantity", "数量"),
    col("cost_yuan", "Cost (yuan)", "成本（元）"),
    col("rule", "Rule served", "依据"),
    col("from_id", "From (id)", "派出机构编号"),
    col("from", "From", "派出机构"),
    col("minutes", "Travel (min)", "路程（分钟）"),
];

/// Indicator columns.
pub const INDICATOR_COLUMNS: &[Column] = &[
    col("unit_id", "County id", "县区编号"),
    col("unit", "County", "县区"),
    col("population", "Residents", "常住人口"),
    col(
        "beds_per_1000_before",
        "Beds per 1,000 before",
        "每千人床位（前）",
    ),
    col(
        "beds_per_1000_after",
        "Beds per 1,000 after",
        "每千人床位（后）",
    ),
    col(
        "doctors_per_1000_before",
        "Doctors per 1,000 before",
        "每千人医师（前）",
    ),
    col(
        "doctors_per_1000_after",
        "Doctors per 1,000 after",
        "每千人医师（后）",
    ),
    col(
        "coverage_before",
        "Share within threshold before",
        "服务圈覆盖率（前）",
    ),
    col(
        "coverage_after",
        "Share within threshold after",
        "服务圈覆盖率（后）",
    ),
];

/// Zone columns.
pub const ZONE_COLUMNS: &[Column] = &[
    col("zone_id", "Zone id", "单元编号"),
    col("unit_id", "County id", "县区编号"),
    col("unit", "County", "县区"),
    col("population", "Residents", "常住人口"),
    col("lon", "Longitude", "经度"),
    col("lat", "Latitude", "纬度"),
    col(
        "minutes_before",
        "Minutes to service point before",
        "至服务点时间（前，分钟）",
    ),
    col(
        "minutes_after",
        "Minutes to service point after",
        "至服务点时间（后，分钟）",
    ),
    col("within_before", "Within threshold before", "服务圈内（前）"),
    col("within_after", "Within threshold after", "服务圈内（后）"),
    col(
        "e2sfca_after",
        "E2SFCA after (doctors per 1,000)",
        "E2SFCA 可达性（后）",
    ),
];

fn text(s: impl Into<String>) -> Cell {
    let s = s.into();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

fn number(x: f64) -> Cell {
    if x.is_finite() {
        // + 0.0 turns -0 into 0.
        Cell::Number(x + 0.0)
    } else {
        Cell::Empty
    }
}

/// Codes (`kind`, `rule`, `specialty`) as the reader reads them: the stable
/// key for CSV and GeoJSON (`lang` = `None`), words in `lang` otherwise.
fn code(lang: Option<Lang>, prefix: &str, key: &str) -> Cell {
    match lang {
        None => text(key),
        Some(l) => {
            let k = format!("{prefix}{key}");
            let word = t(l, &k);
            text(if word == k { key } else { word })
        }
    }
}

/// The decisions table (`lang`: words for codes; `None`: stable keys).
pub fn decisions(r: &PlanReport, lang: Option<Lang>) -> Table {
    let rows = r
        .decisions
        .iter()
        .map(|d| {
            let (from_id, from, minutes) = match &d.from {
                Some((id, name, _, m)) => (text(id.clone()), text(name.clone()), number(*m)),
                None => (Cell::Empty, Cell::Empty, Cell::Empty),
            };
            vec![
                code(lang, "decision_", d.kind.key()),
                text(d.facility_id.clone()),
                text(d.facility_name.clone()),
                text(d.unit_name.clone()),
                d.specialty
                    .map(|s| code(lang, "specialty_", s.key()))
                    .unwrap_or(Cell::Empty),
                number(d.quantity),
                number(d.cost_yuan),
                code(lang, "rule_", &d.rule),
                from_id,
                from,
                minutes,
            ]
        })
        .collect();
    Table {
        kind: TableKind::Decisions,
        columns: DECISION_COLUMNS,
        rows,
    }
}

/// The per-unit indicators table (unit names in `lang` when it has them).
pub fn indicators(r: &PlanReport, lang: Option<Lang>) -> Table {
    let rows = r
        .units
        .iter()
        .map(|u| {
            let name = match (lang, &u.name_en) {
                (Some(Lang::En), Some(en)) => en.clone(),
                _ => u.name.clone(),
            };
            vec![
                text(u.id.clone()),
                text(name),
                number(u.population),
                number(u.beds_per_1000.0),
                number(u.beds_per_1000.1),
                number(u.doctors_per_1000.0),
                number(u.doctors_per_1000.1),
                number(u.coverage.0),
                number(u.coverage.1),
            ]
        })
        .collect();
    Table {
        kind: TableKind::Indicators,
        columns: INDICATOR_COLUMNS,
        rows,
    }
}

/// Per zone minutes to the nearest service point before the plan (the
/// mode and threshold of the scenario's coverage target).
pub fn zone_minutes_before(s: &Scenario) -> Vec<Option<f64>> {
    crate::indicators::service_point_minutes(s, s.policy.coverage.mode).0
}

/// The zones table: residents, position, minutes before (`before`, from
/// [`zone_minutes_before`]) and after, inside the threshold, E2SFCA after.
pub fn zones(s: &Scenario, r: &PlanReport, before: &[Option<f64>], lang: Option<Lang>) -> Table {
    let limit = s.policy.coverage.minutes;
    let within = |m: Option<f64>| match (m, lang) {
        (None, _) => text(if lang == Some(Lang::Zh) { "否" } else { "no" }),
        (Some(m), Some(Lang::Zh)) => text(if m <= limit { "是" } else { "否" }),
        (Some(m), _) => text(if m <= limit { "yes" } else { "no" }),
    };
    let opt = |m: Option<f64>| m.map(number).unwrap_or(Cell::Empty);
    let rows = s
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| {
            let unit = s.admin_unit(&z.admin_unit);
            let name = match (lang, unit) {
                (Some(Lang::En), Some(u)) => u.name_en.clone().unwrap_or_else(|| u.name.clone()),
                (_, Some(u)) => u.name.clone(),
                (_, None) => String::new(),
            };
            let b = before.get(i).copied().flatten();
            let a = r.zone_minutes_after.get(i).copied().flatten();
            vec![
                text(z.id.clone()),
                text(z.admin_unit.clone()),
                text(name),
                number(z.population),
                number(z.location[0]),
                number(z.location[1]),
                opt(b),
                opt(a),
                within(b),
                within(a),
                r.e2sfca_after
                    .get(i)
                    .copied()
                    .map(number)
                    .unwrap_or(Cell::Empty),
            ]
        })
        .collect();
    Table {
        kind: TableKind::Zones,
        columns: ZONE_COLUMNS,
        rows,
    }
}
