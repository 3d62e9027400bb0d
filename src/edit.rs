//! Editing the data a plan stands on, after import: a facility's or
//! candidate site's numbers and tier, candidate sites added at a point or
//! removed, the speed table. Each edit is checked at its field against the
//! same limits as a scenario file (`validate::limits`) and refused with the
//! reason; accepted edits are undoable and redoable (at least
//! [`HISTORY`] steps) and recorded in the scenario's `sources`.

use crate::access::speeds::default_speeds;
use crate::diagnostics::Problem;
use crate::scenario::{
    CandidateSite, DataSource, Facility, Mode, ModeSpeeds, RoadClass, Scenario, Tier,
};
use crate::validate::limits::{Limit, BEDS, DOCTORS, SITE_COST, SPEED};
use crate::view::policy_form::{parse_number, FieldError};
use serde::{Deserialize, Serialize};

/// Steps kept for undo.
pub const HISTORY: usize = 200;

/// The `sources` part that records the planner's edits.
pub const EDITS_PART: &str = "edits";

/// A field a planner can edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Name.
    Name,
    /// Tier key.
    Tier,
    /// Beds.
    Beds,
    /// Doctors.
    Doctors,
    /// Facilities: most beds the plan may add.
    MaxExtraBeds,
    /// Facilities: most doctors the plan may add.
    MaxExtraDoctors,
    /// Facilities: one-off cost of raising it a tier (yuan; empty = not allowed).
    UpgradeCost,
    /// Candidate sites: one-off cost of opening it (yuan).
    Cost,
}

impl Field {
    /// Stable key (`data-field`, i18n `edit_<key>`).
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Tier => "tier",
            Field::Beds => "beds",
            Field::Doctors => "doctors",
            Field::MaxExtraBeds => "max_extra_beds",
            Field::MaxExtraDoctors => "max_extra_doctors",
            Field::UpgradeCost => "upgrade_cost_yuan",
            Field::Cost => "cost_yuan",
        }
    }

    /// The fields of a facility row, in table order.
    pub const FACILITY: [Field; 7] = [
        Field::Name,
        Field::Tier,
        Field::Beds,
        Field::Doctors,
        Field::MaxExtraBeds,
        Field::MaxExtraDoctors,
        Field::UpgradeCost,
    ];

    /// The fields of a candidate-site row.
    pub const SITE: [Field; 5] = [
        Field::Name,
        Field::Tier,
        Field::Cost,
        Field::Beds,
        Field::Doctors,
    ];
}

/// One edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Edit {
    /// A facility's field, as typed.
    Facility {
        /// Facility id.
        id: String,
        /// Which field.
        field: Field,
        /// The text typed.
        value: String,
    },
    /// A candidate site's field, as typed.
    Site {
        /// Site id.
        id: String,
        /// Which field.
        field: Field,
        /// The text typed.
        value: String,
    },
    /// A new candidate site at a point (the standard new township centre).
    AddSite {
        /// Longitude (WGS84).
        lon: f64,
        /// Latitude (WGS84).
        lat: f64,
    },
    /// A candidate site removed.
    RemoveSite {
        /// Site id.
        id: String,
    },
    /// A speed of a road class (km/h), as typed.
    Speed {
        /// Road class.
        class: RoadClass,
        /// Mode.
        mode: Mode,
        /// The text typed.
        value: String,
    },
}

/// What one accepted edit replaced, so it can be undone and redone.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    Facility(usize, Box<Facility>, Box<Facility>),
    Site(usize, Option<CandidateSite>, Option<CandidateSite>),
    Speeds(RoadClass, Option<ModeSpeeds>, Option<ModeSpeeds>),
}

/// A scenario being edited, with its history.
#[derive(Debug, Clone)]
pub struct Editor {
    /// The scenario as edited.
    pub scenario: Scenario,
    undo: Vec<Change>,
    redo: Vec<Change>,
    /// Edits accepted in all (recorded in `sources`).
    pub count: usize,
}

/// A serde enum's key (`expressway`, `drive`).
fn key_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// The index of `id` among `ids` (the collection `what`, for the message).
fn position<'a>(
    mut ids: impl Iterator<Item = &'a String>,
    id: &str,
    what: &str,
) -> Result<usize, Problem> {
    ids.position(|x| x == id).ok_or_else(|| {
        refuse(
            format!("$.{what}"),
            format!("no entry {id:?} in {what}; it was removed meanwhile — reload the data view"),
            format!("{what} 中没有“{id}”；它可能已被删除——请刷新数据视图"),
        )
    })
}

fn refuse(path: String, en: impl Into<String>, zh: impl Into<String>) -> Problem {
    Problem::error(path, en, zh)
}

fn number(path: &str, text: &str, l: &Limit) -> Result<f64, Problem> {
    let v = parse_number(text).map_err(|e| {
        let (en, zh) = match e {
            FieldError::Empty => ("enter a number".to_string(), "请输入数字".to_string()),
            FieldError::Ambiguous => (
                "write decimals with a point (1.5), not a comma".into(),
                "小数请用小数点（1.5），不要用逗号".into(),
            ),
            _ => (
                format!("{text:?} is not a number"),
                format!("“{text}”不是数字"),
            ),
        };
        refuse(path.to_string(), en, zh)
    })?;
    match crate::validate::value_problem(path.to_string(), v, l) {
        Some(p) => Err(p),
        None => Ok(v),
    }
}

fn tier(path: &str, text: &str) -> Result<Tier, Problem> {
    Tier::ALL
        .iter()
        .find(|t| t.key() == text.trim())
        .copied()
        .ok_or_else(|| {
            refuse(
                path.to_string(),
                format!("{text:?} is not a tier"),
                format!("“{text}”不是机构级别"),
            )
        })
}

fn name(path: &str, text: &str) -> Result<String, Problem> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 200 {
        return Err(refuse(
            path.to_string(),
            "a name must have 1 to 200 characters",
            "名称应为 1 到 200 个字符",
        ));
    }
    Ok(t.to_string())
}

impl Editor {
    /// Starts editing `scenario`.
    pub fn new(scenario: Scenario) -> Editor {
        let count = scenario
            .sources
            .iter()
            .find(|s| s.part == EDITS_PART)
            .and_then(|s| {
                s.description
                    .split_whitespace()
                    .find_map(|w| w.parse().ok())
            })
            .unwrap_or(0);
        Editor {
            scenario,
            undo: vec![],
            redo: vec![],
            count,
        }
    }

    /// Whether there is something to undo / redo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Applies `e` when every value is acceptable; otherwise nothing changes
    /// and the problem says what, where (JSON path) and why.
    ///
    /// ```
    /// use healthreach::edit::{Edit, Editor, Field};
    /// let mut ed = Editor::new(healthreach::demo::weinan());
    /// let id = ed.scenario.facilities[0].id.clone();
    /// let beds = ed.scenario.facilities[0].beds;
    /// ed.apply(&Edit::Facility { id: id.clone(), field: Field::Beds, value: "1,234".into() }).unwrap();
    /// assert_eq!(ed.scenario.facilities[0].beds, 1234.0);
    /// let e = ed.apply(&Edit::Facility { id, field: Field::Beds, value: "-5".into() }).unwrap_err();
    /// assert_eq!(e.path, "$.facilities[0].beds");
    /// ed.undo();
    /// assert_eq!(ed.scenario.facilities[0].beds, beds);
    /// ```
    pub fn apply(&mut self, e: &Edit) -> Result<(), Problem> {
        let change = self.change_for(e)?;
        self.put(&change, false);
        self.undo.push(change);
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.count += 1;
        self.record();
        Ok(())
    }

    /// Undoes the last edit (false when there is none).
    pub fn undo(&mut self) -> bool {
        let Some(c) = self.undo.pop() else {
            return false;
        };
        self.put(&c, true);
        self.redo.push(c);
        true
    }

    /// Redoes the last undone edit (false when there is none).
    pub fn redo(&mut self) -> bool {
        let Some(c) = self.redo.pop() else {
            return false;
        };
        self.put(&c, false);
        self.undo.push(c);
        true
    }

    fn record(&mut self) {
        let description = format!(
            "Edited by the planner after import: {} changes to facilities, candidate sites or speeds.",
            self.count
        );
        let zh = format!(
            "导入后由规划人员修改：共 {} 处（机构、候选点或车速）。",
            self.count
        );
        let src = DataSource {
            part: EDITS_PART.into(),
            real: false,
            description,
            description_zh: Some(zh),
        };
        match self
            .scenario
            .sources
            .iter_mut()
            .find(|s| s.part == EDITS_PART)
        {
            Some(s) => *s = src,
            None => self.scenario.sources.push(src),
        }
    }

    fn put(&mut self, c: &Change, back: bool) {
        let s = &mut self.scenario;
        match c {
            Change::Facility(i, before, after) => {
                if let Some(f) = s.facilities.get_mut(*i) {
                    *f = if back {
                        (**before).clone()
                    } else {
                        (**after).clone()
                    };
                }
            }
            Change::Site(i, before, after) => {
                let (from, to) = if back {
                    (after, before)
                } else {
                    (before, after)
                };
                match (from, to) {
                    (Some(_), Some(x)) => {
                        if let Some(c) = s.candidate_sites.get_mut(*i) {
                            *c = x.clone();
                        }
                    }
                    (None, Some(x)) => {
                        let at = (*i).min(s.candidate_sites.len());
                        s.candidate_sites.insert(at, x.clone());
                    }
                    (Some(_), None) => {
                        if *i < s.candidate_sites.len() {
                            s.candidate_sites.remove(*i);
                        }
                    }
                    (None, None) => {}
                }
            }
            Change::Speeds(class, before, after) => {
                if let Some(net) = &mut s.roads {
                    match if back { before } else { after } {
                        Some(v) => {
                            net.class_speeds.insert(*class, *v);
                        }
                        None => {
                            net.class_speeds.remove(class);
                        }
                    }
                }
            }
        }
    }

    fn change_for(&self, e: &Edit) -> Result<Change, Problem> {
        let s = &self.scenario;
        match e {
            Edit::Facility { id, field, value } => {
                let i = position(s.facilities.iter().map(|f| &f.id), id, "facilities")?;
                let path = format!("$.facilities[{i}].{}", field.key());
                let before = s.facilities[i].clone();
                let mut f = before.clone();
                match field {
                    Field::Name => f.name = name(&path, value)?,
                    Field::Tier => f.tier = tier(&path, value)?,
                    Field::Beds => f.beds = number(&path, value, &BEDS)?,
                    Field::Doctors => f.doctors = number(&path, value, &DOCTORS)?,
                    Field::MaxExtraBeds => {
                        let p = format!("$.facilities[{i}].expansion.max_extra_beds");
                        f.expansion.max_extra_beds = number(&p, value, &BEDS)?
                    }
                    Field::MaxExtraDoctors => {
                        let p = format!("$.facilities[{i}].expansion.max_extra_doctors");
                        f.expansion.max_extra_doctors = number(&p, value, &DOCTORS)?
                    }
                    Field::UpgradeCost => {
                        let p = format!("$.facilities[{i}].expansion.upgrade_cost_yuan");
                        f.expansion.upgrade_cost_yuan = if value.trim().is_empty() {
                            None
                        } else {
                            Some(number(&p, value, &SITE_COST)?)
                        }
                    }
                    Field::Cost => {
                        return Err(refuse(
                            path,
                            "facilities have no opening cost",
                            "机构没有新建费用",
                        ))
                    }
                }
                // Checks across fields too (specialists are counted among doctors).
                let mut p = Vec::new();
                crate::validate::facility_numbers(i, &f, &mut p);
                if let Some(e) = p.into_iter().find(Problem::is_error) {
                    return Err(e);
                }
                Ok(Change::Facility(i, Box::new(before), Box::new(f)))
            }
            Edit::Site { id, field, value } => {
                let i = position(
                    s.candidate_sites.iter().map(|c| &c.id),
                    id,
                    "candidate_sites",
                )?;
                let path = format!("$.candidate_sites[{i}].{}", field.key());
                let before = s.candidate_sites[i].clone();
                let mut c = before.clone();
                match field {
                    Field::Name => c.name = name(&path, value)?,
                    Field::Tier => c.tier = tier(&path, value)?,
                    Field::Beds => c.beds = number(&path, value, &BEDS)?,
                    Field::Doctors => c.doctors = number(&path, value, &DOCTORS)?,
                    Field::Cost => c.cost_yuan = number(&path, value, &SITE_COST)?,
                    _ => {
                        return Err(refuse(
                            path,
                            "candidate sites have no such field",
                            "候选点没有该字段",
                        ))
                    }
                }
                let mut p = Vec::new();
                crate::validate::site_numbers(i, &c, &mut p);
                if let Some(e) = p.into_iter().find(Problem::is_error) {
                    return Err(e);
                }
                Ok(Change::Site(i, Some(before), Some(c)))
            }
            Edit::AddSite { lon, lat } => {
                let p = geo::Point::new(*lon, *lat);
                let unit = s
                    .admin_units
                    .iter()
                    .find(|u| geo::Contains::contains(&u.boundary.to_geo(), &p))
                    .ok_or_else(|| {
                        refuse(
                            "$.candidate_sites".into(),
                            "that point is outside every county of the region; click inside one",
                            "该点不在本地区任何县区内；请在县区范围内点击",
                        )
                    })?;
                let mut n = s.candidate_sites.len() + 1;
                let id = loop {
                    let id = format!("S-edit-{n}");
                    if !s.candidate_sites.iter().any(|c| c.id == id) && s.facility(&id).is_none() {
                        break id;
                    }
                    n += 1;
                };
                let (cost, beds, doctors) = crate::build::candidates::NEW_CENTRE;
                let site = CandidateSite {
                    name: format!("{} {}", unit.name, id),
                    id,
                    tier: Tier::TownshipHealthCentre,
                    location: [*lon, *lat],
                    admin_unit: unit.id.clone(),
                    cost_yuan: cost,
                    beds,
                    doctors,
                };
                Ok(Change::Site(s.candidate_sites.len(), None, Some(site)))
            }
            Edit::RemoveSite { id } => {
                let i = position(
                    s.candidate_sites.iter().map(|c| &c.id),
                    id,
                    "candidate_sites",
                )?;
                Ok(Change::Site(i, Some(s.candidate_sites[i].clone()), None))
            }
            Edit::Speed { class, mode, value } => {
                let Some(net) = &s.roads else {
                    return Err(refuse(
                        "$.roads".into(),
                        "this region has no road network; speeds apply to roads",
                        "该地区没有路网；车速仅作用于道路",
                    ));
                };
                let path = format!(
                    "$.roads.class_speeds.{}.{}_kmh",
                    key_of(class),
                    key_of(mode)
                );
                let v = number(&path, value, &SPEED)?;
                let before = net.class_speeds.get(class).copied();
                let mut now = before.unwrap_or_else(|| default_speeds(*class));
                match mode {
                    Mode::Walk => now.walk_kmh = v,
                    Mode::Bike => now.bike_kmh = v,
                    Mode::Drive => now.drive_kmh = v,
                }
                Ok(Change::Speeds(*class, before, Some(now)))
            }
        }
    }
}
