//! Which column holds what, from the header row as statistics offices,
//! yearbooks, web maps and English lists write it, and which row is the
//! header.
//!
//! A header is first reduced to its name ([`header_key`]): full-width forms
//! folded, spaces, line breaks and BOM dropped, every bracketed qualifier
//! set aside wherever it stands (`执业（助理）医师数` → `执业医师数` with
//! the qualifier `助理`, `实有床位（张）数` → `实有床位数`), years
//! (`2023年末`) and units after a slash (`床位/张`) dropped. The name is
//! then matched ([`classify`]): an exact synonym first, ranked (in-use beds
//! before approved beds, licensed-and-assistant doctors before licensed
//! doctors alone), then a header containing a synonym (whole words for
//! English), never when the header names a rate, a ratio or a different
//! thing (`床位使用率`, `每千人口床位数`, `经济类型`, `医院等级`,
//! `注册护士数`, `Belongs to (county)` is not longitude).
//!
//! The header row is the one of the first 30 with the most recognised
//! columns (a notes row above it does not win); a second header row below
//! it (yearbooks' two-row headers) fills the columns the first left
//! unnamed. When two columns claim one role, the better rank wins, then
//! the column whose cells look like that role (numbers where numbers
//! belong, tier names in the category); each such choice is kept in
//! [`Header::notes`] so the report says it.

use super::cells::{read_number, Cell};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Name of the facility or unit.
    Name,
    /// Category text (→ tier).
    Category,
    /// Beds.
    Beds,
    /// Licensed doctors.
    Doctors,
    /// Longitude or x.
    Lon,
    /// Latitude or y.
    Lat,
    /// Division code (行政区划代码, adcode).
    Code,
    /// The admin unit a row belongs to (name or code).
    Unit,
    /// Residents (常住人口).
    Population,
    /// Residents aged 0–14.
    Children,
    /// Residents aged 65+.
    Elderly,
    /// An id.
    Id,
    /// One-off cost of a candidate site.
    Cost,
    /// Tier key (`township_health_centre`, …) of a candidate site.
    Tier,
    /// Travel-time table: where a trip starts (a zone id).
    Origin,
    /// Travel-time table: where it ends (a facility or site id).
    Destination,
    /// Travel time in minutes.
    Minutes,
    /// Travel time in seconds (OSRM's `duration`).
    Seconds,
    /// A facility's county medical community: its lead hospital (name or code).
    Community,
    /// A centre's telemedicine reading centre (name or code).
    TelemedicineHub,
    /// Integrated medical-and-elderly-care beds.
    ElderlyCareBeds,
    /// Services offered (specialty names or keys, separated by 、,;/).
    Services,
}

impl Role {
    /// Whether the role's cells are numbers.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Role::Beds
                | Role::Doctors
                | Role::Lon
                | Role::Lat
                | Role::Population
                | Role::Children
                | Role::Elderly
                | Role::Cost
                | Role::Minutes
                | Role::Seconds
                | Role::ElderlyCareBeds
        )
    }

    /// The role's name in a sentence (English, Chinese).
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Role::Name => ("name", "名称"),
            Role::Category => ("category", "类别"),
            Role::Beds => ("beds", "床位"),
            Role::Doctors => ("doctors", "医师"),
            Role::Lon => ("longitude", "经度"),
            Role::Lat => ("latitude", "纬度"),
            Role::Code => ("code", "代码"),
            Role::Unit => ("admin unit", "所属区县"),
            Role::Population => ("population", "常住人口"),
            Role::Children => ("residents aged 0–14", "0–14 岁人口"),
            Role::Elderly => ("residents aged 65+", "65 岁及以上人口"),
            Role::Id => ("id", "编号"),
            Role::Cost => ("cost", "造价"),
            Role::Tier => ("tier", "层级"),
            Role::Origin => ("origin", "起点"),
            Role::Destination => ("destination", "终点"),
            Role::Minutes => ("minutes", "分钟"),
            Role::Seconds => ("seconds", "秒"),
            Role::Community => ("medical community", "医共体"),
            Role::TelemedicineHub => ("telemedicine hub", "远程医疗中心"),
            Role::ElderlyCareBeds => ("elderly-care beds", "医养结合床位"),
            Role::Services => ("services", "服务项目"),
        }
    }
}

/// Exact synonyms of a role at a rank: 3 the usual name of the figure the
/// product wants, 2 a near name, 1 a fallback (used only when nothing
/// better is in the table, and said). Written as headers are; matched
/// through [`header_key`].
const SYNONYMS: &[(Role, u8, &[&str])] = &[
    (
        Role::ElderlyCareBeds,
        3,
        &[
            "医养结合床位",
            "医养结合床位数",
            "医养床位",
            "医养结合床位(张)",
            "elderly_care_beds",
            "elderly care beds",
            "elderlycarebeds",
            "integrated care beds",
        ],
    ),
    (
        Role::Community,
        3,
        &[
            "医共体",
            "所属医共体",
            "医共体牵头医院",
            "牵头医院",
            "所属医共体牵头医院",
            "community",
            "community_lead",
            "medical_community",
            "medical community",
        ],
    ),
    (
        Role::TelemedicineHub,
        3,
        &[
            "远程医疗中心",
            "远程心电中心",
            "远程医疗",
            "心电诊断中心",
            "远程诊断中心",
            "telemedicine_hub",
            "telemedicine",
            "hub",
            "reading centre",
        ],
    ),
    (
        Role::Services,
        3,
        &[
            "服务项目",
            "开设服务",
            "专科服务",
            "特色专科",
            "开展服务",
            "services",
            "specialties",
        ],
    ),
    (
        Role::Children,
        3,
        &[
            "0-14岁",
            "0~14岁",
            "0—14岁",
            "0-14岁人口",
            "0-14",
            "children",
            "aged0-14",
            "aged 0-14",
            "population aged 0-14",
            "儿童人口",
            "少儿人口",
            "0-14岁人口数",
        ],
    ),
    (
        Role::Elderly,
        3,
        &[
            "65岁及以上",
            "65岁以上",
            "65+",
            "aged65+",
            "aged 65+",
            "aged 65 and over",
            "population aged 65+",
            "elderly",
            "老年人口",
            "65岁及以上人口",
            "65岁及以上人口数",
            "65岁以上人口",
        ],
    ),
    (
        Role::Population,
        3,
        &[
            "常住人口",
            "常住人口数",
            "人口",
            "总人口",
            "人口数",
            "年末常住人口",
            "普查人口",
            "人口总数",
            "population",
            "pop",
            "residents",
            "total population",
            "resident population",
        ],
    ),
    (Role::Population, 1, &["户籍人口", "户籍人口数"]),
    (
        Role::Beds,
        3,
        &[
            "实有床位",
            "实有床位数",
            "床位",
            "床位数",
            "开放床位",
            "开放床位数",
            "实际开放床位",
            "实际开放床位数",
            "病床",
            "病床数",
            "床位总数",
            "总床位",
            "总床位数",
            "beds",
            "bed",
            "number of beds",
            "beds in use",
            "hospital beds",
            "bed count",
            "total beds",
        ],
    ),
    (
        Role::Beds,
        1,
        &[
            "编制床位",
            "编制床位数",
            "核定床位",
            "核定床位数",
            "批准床位",
            "approved beds",
            "planned beds",
        ],
    ),
    (
        Role::Doctors,
        3,
        &[
            "执业及助理医师",
            "执业及助理医师数",
            "执业医师和执业助理医师",
            "执业医师及执业助理医师",
            "执业(助理)医师人数",
            "doctors",
            "physicians",
            "doctor",
            "licensed doctors",
            "number of doctors",
            "medical doctors",
        ],
    ),
    (
        Role::Doctors,
        2,
        &[
            "执业医师",
            "执业医师数",
            "医师",
            "医师数",
            "医生",
            "医生数",
            "医师人数",
        ],
    ),
    (
        Role::Lon,
        3,
        &[
            "经度",
            "lon",
            "lng",
            "long",
            "longitude",
            "x",
            "东经",
            "x坐标",
            "坐标x",
            "point_x",
            "wgs84经度",
            "gcj02经度",
            "bd09经度",
        ],
    ),
    (
        Role::Lat,
        3,
        &[
            "纬度",
            "lat",
            "latitude",
            "y",
            "北纬",
            "y坐标",
            "坐标y",
            "point_y",
            "wgs84纬度",
            "gcj02纬度",
            "bd09纬度",
        ],
    ),
    (
        Role::Category,
        3,
        &[
            "类别",
            "机构类别",
            "机构类型",
            "类型",
            "医疗机构类别",
            "卫生机构类别",
            "机构分类",
            "type",
            "category",
            "class",
            "facility type",
            "facilitytype",
        ],
    ),
    (
        Role::Code,
        3,
        &[
            "代码",
            "行政区划代码",
            "区划代码",
            "adcode",
            "code",
            "统计用区划代码",
            "机构代码",
            "组织机构代码",
            "统一社会信用代码",
            "登记号",
        ],
    ),
    (
        Role::Unit,
        3,
        &[
            "所属区县",
            "区县",
            "县区",
            "所在县",
            "所属县",
            "所在区县",
            "所属行政区",
            "行政区",
            "行政区划",
            "县",
            "县市区",
            "county",
            "district",
            "unit",
            "所属地区",
            "所在地区",
            "所属区域",
            "admin unit",
        ],
    ),
    (
        Role::Unit,
        2,
        &["所属乡镇", "乡镇", "乡镇街道", "所在乡镇", "township"],
    ),
    (
        Role::Name,
        3,
        &[
            "名称",
            "机构名称",
            "单位名称",
            "医院名称",
            "医疗机构名称",
            "卫生机构名称",
            "name",
            "地区",
            "区划名称",
            "facility",
            "facility name",
            "hospital name",
        ],
    ),
    (Role::Name, 2, &["机构", "医疗机构"]),
    (Role::Id, 3, &["id", "编号", "序号", "fid"]),
    (
        Role::Cost,
        3,
        &[
            "cost",
            "cost_yuan",
            "造价",
            "费用",
            "建设成本",
            "投资",
            "建设费用",
            "成本",
            "投资额",
        ],
    ),
    (Role::Tier, 3, &["tier", "层级"]),
    (
        Role::Origin,
        3,
        &[
            "origin_id",
            "origin",
            "from",
            "from_id",
            "起点",
            "起点编号",
            "source",
            "o_id",
            "originid",
        ],
    ),
    (
        Role::Destination,
        3,
        &[
            "destination_id",
            "destination",
            "to",
            "to_id",
            "终点",
            "终点编号",
            "target",
            "d_id",
            "destinationid",
        ],
    ),
    (
        Role::Minutes,
        3,
        &[
            "minutes",
            "分钟",
            "time_min",
            "travel_time",
            "traveltime",
            "时间",
            "用时",
            "minute",
            "total_travel_time",
        ],
    ),
    (
        Role::Seconds,
        3,
        &["seconds", "duration", "duration_s", "秒", "time_s"],
    ),
];

/// Headers that contain a synonym but name something else; they are never
/// a role (matched on the key, by containment).
const NOT_ROLES: &[&str] = &[
    // Rates, ratios and averages.
    "率",
    "比例",
    "占比",
    "%",
    "每千",
    "千人",
    "每万",
    "万人口",
    "平均",
    "人均",
    "日均",
    "周转",
    "增长",
    "增减",
    "密度",
    "诊疗人次",
    "人次",
    "天数",
    // Other staff and other kinds of figure.
    "护士",
    "护师",
    "药师",
    "技师",
    "技术人员",
    "管理人员",
    "工勤",
    "乡村医生",
    "卫生员",
    "执业助理医师",
    "助理医师",
    "全科医生",
    // Ownership, grade and management, not the category.
    "经济类型",
    "经济性质",
    "所有制",
    "分类管理",
    "营利",
    "隶属",
    "主办",
    "等级",
    "级别",
    "法人",
    "负责人",
    "联系",
    "电话",
    "地址",
    "邮编",
    "备注",
    "说明",
];

/// English words that make a header something else.
const NOT_WORDS: &[&str] = &[
    "rate",
    "ratio",
    "per",
    "average",
    "share",
    "percent",
    "occupancy",
    "nurse",
    "nurses",
    "assistant",
    "assistants",
    "pharmacists",
    "grade",
    "level",
    "ownership",
    "phone",
    "address",
    "note",
    "notes",
    "belongs",
];

/// A header reduced to its name: its key (folded, no spaces, no brackets,
/// no year, no unit after a slash), its English words, and the text of its
/// brackets.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HeaderKey {
    /// The name, folded: what synonyms are matched against.
    pub key: String,
    /// Its ASCII words, lower-cased.
    pub words: Vec<String>,
    /// The qualifiers in brackets, folded.
    pub qualifiers: Vec<String>,
}

/// Reduces a header to its name.
///
/// ```
/// use healthreach::import::headers::header_key;
/// assert_eq!(header_key("执业（助理）医师数").key, "执业及助理医师数");
/// assert_eq!(header_key("实有床位（张）数").key, "实有床位数");
/// assert_eq!(header_key("2023年末实有床位").key, "实有床位");
/// assert_eq!(header_key("\u{feff}床位数\n(张)").key, "床位数");
/// assert_eq!(header_key("Beds (in use)").words, vec!["beds"]);
/// assert_eq!(header_key("床位/张").key, "床位");
/// ```
pub fn header_key(header: &str) -> HeaderKey {
    // Fold full-width forms and the CJK brackets; keep spaces as word breaks.
    let mut s = String::with_capacity(header.len());
    for c in header.chars() {
        let c = match c {
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' => continue,
            '\u{3000}' => ' ',
            '【' | '〔' | '［' | '〖' => '[',
            '】' | '〕' | '］' | '〗' => ']',
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c if c.is_whitespace() => ' ',
            c => c,
        };
        s.extend(c.to_lowercase());
    }
    // `(助理)` inside 执业(助理)医师 is part of the figure's name.
    let s = s.replace("(助理)", "及助理").replace("[助理]", "及助理");
    // Brackets anywhere: their text is a qualifier, not the name.
    let mut main = String::new();
    let mut qualifiers = Vec::new();
    let mut depth = 0usize;
    let mut q = String::new();
    for c in s.chars() {
        match c {
            '(' | '[' | '{' | '<' | '《' => {
                if depth == 0 {
                    q.clear();
                } else {
                    q.push(c);
                }
                depth += 1;
            }
            ')' | ']' | '}' | '>' | '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let t: String = q.chars().filter(|c| !c.is_whitespace()).collect();
                    if !t.is_empty() {
                        qualifiers.push(t);
                    }
                } else {
                    q.push(c);
                }
            }
            c if depth > 0 => q.push(c),
            c => main.push(c),
        }
    }
    // A unit after the last slash: 床位/张, population/persons.
    if let Some((before, after)) = main.rsplit_once('/') {
        let unit = after.trim();
        if !before.trim().is_empty() && is_unit(unit) {
            main = before.to_string();
        }
    }
    // A unit after a colon or a dash: 床位数:张, beds - count.
    for sep in [':', '-'] {
        if let Some((before, after)) = main.rsplit_once(sep) {
            if !before.trim().is_empty() && is_unit(after.trim()) {
                main = before.to_string();
            }
        }
    }
    let main = strip_years(&main);
    let words: Vec<String> = main
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '+')
        .filter(|w| !w.is_empty() && w.is_ascii())
        .map(str::to_string)
        .collect();
    let key: String = main
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '*' | '#' | '"' | '\'' | '.' | ':'))
        .collect();
    // A trailing unit written without brackets: 床位数张, 人口人.
    let key = ["张", "人", "个", "名", "所"]
        .iter()
        .find_map(|u| {
            key.strip_suffix(u)
                .filter(|k| k.ends_with('数') || k.ends_with("床位") || k.ends_with("人口"))
                .map(str::to_string)
        })
        .unwrap_or(key);
    HeaderKey {
        key,
        words,
        qualifiers,
    }
}

/// Units as headers write them after the name.
fn is_unit(t: &str) -> bool {
    matches!(
        t,
        "张" | "人"
            | "个"
            | "名"
            | "所"
            | "万人"
            | "万"
            | "persons"
            | "person"
            | "people"
            | "count"
            | "no"
            | "number"
            | "元"
            | "万元"
            | "yuan"
            | "分钟"
            | "min"
            | "km"
    )
}

/// Drops years: `2023年末`, `2023年`, `2020`, `年末`, `年底`.
fn strip_years(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let four = i + 4 <= chars.len()
            && chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && matches!(chars[i], '1' | '2')
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if four {
            i += 4;
            if chars.get(i) == Some(&'年') {
                i += 1;
            }
            if matches!(chars.get(i), Some('末' | '底' | '度')) {
                i += 1;
            }
            continue;
        }
        if chars[i] == '年' && matches!(chars.get(i + 1), Some('末' | '底')) {
            i += 2;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// A role a header names, and how surely: rank 3, 2 or 1 for an exact
/// synonym, 0 for a contained one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// The role.
    pub role: Role,
    /// 3, 2, 1: an exact synonym of that rank; 0: a synonym contained in the header.
    pub rank: u8,
}

fn synonym_keys() -> &'static [(Role, u8, String)] {
    use std::sync::OnceLock;
    static KEYS: OnceLock<Vec<(Role, u8, String)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        SYNONYMS
            .iter()
            .flat_map(|(r, rank, words)| words.iter().map(move |w| (*r, *rank, header_key(w).key)))
            .collect()
    })
}

fn exact(key: &str) -> Option<Match> {
    synonym_keys()
        .iter()
        .filter(|(_, _, k)| k == key)
        .max_by_key(|(_, rank, _)| *rank)
        .map(|(role, rank, _)| Match {
            role: *role,
            rank: *rank,
        })
}

fn is_other_thing(h: &HeaderKey) -> bool {
    // 执业（助理）医师 is the doctors; 执业助理医师 alone, the assistants.
    let key = h.key.replace("及助理", "");
    NOT_ROLES.iter().any(|w| key.contains(w))
        || h.words.iter().any(|w| NOT_WORDS.contains(&w.as_str()))
}

/// A qualifier that makes the column a rate: `(%)`, `（‰）`, `（率）`.
fn is_rate(h: &HeaderKey) -> bool {
    h.qualifiers
        .iter()
        .any(|q| q.contains('%') || q.contains('‰') || q.contains('率'))
}

/// `Belongs to (county)`, `所属（区县）`: the bracket says what the column holds.
fn names_its_qualifier(h: &HeaderKey) -> bool {
    h.key.is_empty()
        || matches!(
            h.words.first().map(String::as_str),
            Some("belongs" | "in" | "located")
        )
        || matches!(h.key.as_str(), "所属" | "所在" | "隶属于" | "所在地")
}

/// The role a header names, with its rank, if any.
///
/// ```
/// use healthreach::import::headers::{classify, Role};
/// let m = classify("执业（助理）医师数").unwrap();
/// assert_eq!((m.role, m.rank), (Role::Doctors, 3));
/// assert_eq!(classify("编制床位").unwrap().rank, 1);
/// assert_eq!(classify("床位使用率（%）"), None);
/// assert_eq!(classify("Belongs to (county)").map(|m| m.role), Some(Role::Unit));
/// ```
pub fn classify(header: &str) -> Option<Match> {
    let h = header_key(header);
    if (h.key.is_empty() && h.qualifiers.is_empty()) || is_rate(&h) {
        return None;
    }
    if let Some(m) = exact(&h.key) {
        return Some(m);
    }
    let from_qualifier = || {
        h.qualifiers.iter().find_map(|q| {
            exact(&header_key(q).key).map(|m| Match {
                role: m.role,
                rank: 1,
            })
        })
    };
    if names_its_qualifier(&h) {
        return from_qualifier();
    }
    if is_other_thing(&h) {
        return None;
    }
    // Contained: the longest synonym the header holds (whole words for
    // English; 2+ characters for Chinese).
    let mut best: Option<(usize, Match)> = None;
    for (role, rank, k) in synonym_keys() {
        let contained = if k.is_ascii() {
            let sw: Vec<&str> = k
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '+')
                .filter(|w| !w.is_empty())
                .collect();
            // A one-word synonym of one or two letters (x, y, to) only matches exactly.
            !sw.is_empty()
                && (sw.len() > 1 || sw[0].len() > 2)
                && h.words
                    .windows(sw.len())
                    .any(|w| w.iter().zip(&sw).all(|(a, b)| a == b))
        } else {
            k.chars().count() >= 2 && h.key.contains(k.as_str())
        };
        if contained {
            let len = k.chars().count() * 4 + *rank as usize;
            if best.is_none_or(|(l, _)| len > l) {
                best = Some((
                    len,
                    Match {
                        role: *role,
                        rank: 0,
                    },
                ));
            }
        }
    }
    best.map(|(_, m)| m)
}

/// The role a header cell names, if any.
///
/// ```
/// use healthreach::import::headers::{role_of, Role};
/// assert_eq!(role_of("机构名称"), Some(Role::Name));
/// assert_eq!(role_of("床位数（张）"), Some(Role::Beds));
/// assert_eq!(role_of(" Longitude "), Some(Role::Lon));
/// assert_eq!(role_of("65岁及以上人口"), Some(Role::Elderly));
/// assert_eq!(role_of("执业（助理）医师数"), Some(Role::Doctors));
/// assert_eq!(role_of("备注"), None);
/// ```
pub fn role_of(header: &str) -> Option<Role> {
    classify(header).map(|m| m.role)
}

/// How many of a column's values a header's qualifier says one cell counts:
/// `人口（万人）` → 10,000; otherwise 1.
///
/// ```
/// assert_eq!(healthreach::import::headers::scale_of("常住人口（万人）"), 10_000.0);
/// assert_eq!(healthreach::import::headers::scale_of("常住人口"), 1.0);
/// ```
pub fn scale_of(header: &str) -> f64 {
    let h = header_key(header);
    let said = |w: &str| h.qualifiers.iter().any(|q| q.contains(w)) || h.key.ends_with(w);
    if said("万人") || said("万张") || said("万元") {
        1e4
    } else if said("亿元") {
        1e8
    } else {
        1.0
    }
}

/// The header row and the column of each role found in it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Header {
    /// Index of the (last) header row among the rows given; data follows it.
    pub row: usize,
    /// Index of the first header row (`row - 1` for a two-row header).
    pub first_row: usize,
    /// Each column's header as written (the two rows joined for a two-row header).
    pub names: Vec<String>,
    /// Column index per role.
    pub columns: Vec<(Role, usize)>,
    /// Choices made between columns claiming one role (English, Chinese),
    /// for the report.
    pub notes: Vec<(String, String)>,
}

impl Header {
    /// The column of `role`.
    pub fn column(&self, role: Role) -> Option<usize> {
        self.columns
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| *c)
    }

    /// The header text of column `c` as written (empty past the last).
    pub fn name(&self, c: usize) -> &str {
        self.names.get(c).map(String::as_str).unwrap_or("")
    }
}

/// Rows searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Data rows read to judge which of two columns holds a role.
const CONTENT_ROWS: usize = 200;

/// How well column `c`'s values (below the header) fit `role`, 0–1.
fn content_fit(rows: &[Vec<String>], c: usize, role: Role) -> f64 {
    let cells: Vec<&str> = rows
        .iter()
        .take(CONTENT_ROWS)
        .filter_map(|r| r.get(c).map(|s| s.trim()))
        .filter(|s| !s.is_empty())
        .collect();
    if cells.is_empty() {
        return 0.0;
    }
    let num = |s: &str| match read_number(s) {
        Ok(Cell::Number(v, _)) => Some(v),
        _ => None,
    };
    let tiers = super::tiers::TierMap::default();
    let fits = cells
        .iter()
        .filter(|s| match role {
            Role::Lon => num(s).is_some_and(|v| (-180.0..=180.0).contains(&v) || v.abs() > 1e4),
            Role::Lat => num(s).is_some_and(|v| (-90.0..=90.0).contains(&v) || v.abs() > 1e4),
            r if r.is_numeric() => num(s).is_some_and(|v| v >= 0.0),
            Role::Category => tiers.tier_of(s).is_some(),
            Role::Name | Role::Unit | Role::Community | Role::TelemedicineHub => num(s).is_none(),
            _ => true,
        })
        .count();
    fits as f64 / cells.len() as f64
}

/// The roles of one row's cells, best column per role, with notes.
/// Columns per role, and the notes on choices (English, Chinese).
type Roles = (Vec<(Role, usize)>, Vec<(String, String)>);

fn roles_in(names: &[String], data: &[Vec<String>]) -> Roles {
    let mut claims: Vec<(Role, u8, usize)> = Vec::new();
    for (c, cell) in names.iter().enumerate() {
        if let Some(m) = classify(cell) {
            claims.push((m.role, m.rank, c));
        }
    }
    let mut columns: Vec<(Role, usize)> = Vec::new();
    let mut notes = Vec::new();
    let mut roles: Vec<Role> = claims.iter().map(|(r, _, _)| *r).collect();
    roles.sort();
    roles.dedup();
    for role in roles {
        let mut cands: Vec<(u8, usize, f64)> = claims
            .iter()
            .filter(|(r, _, _)| *r == role)
            .map(|(_, rank, c)| (*rank, *c, 0.0))
            .collect();
        if cands.len() > 1 {
            for x in &mut cands {
                x.2 = content_fit(data, x.1, role);
            }
        }
        // The best rank whose cells fit (at least half); else the best rank.
        let fitting = |x: &&(u8, usize, f64)| cands.len() == 1 || x.2 >= 0.5;
        let best_rank = cands
            .iter()
            .filter(fitting)
            .map(|x| x.0)
            .max()
            .or_else(|| cands.iter().map(|x| x.0).max())
            .unwrap_or(0);
        let mut top: Vec<&(u8, usize, f64)> = cands.iter().filter(|x| x.0 == best_rank).collect();
        top.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.1.cmp(&b.1)));
        let chosen = *top[0];
        columns.push((role, chosen.1));
        if cands.len() > 1 {
            let (en, zh) = role.words();
            let others: Vec<&str> = cands
                .iter()
                .filter(|x| x.1 != chosen.1)
                .map(|x| names[x.1].as_str())
                .collect();
            let tie = top.len() > 1 && (top[0].2 - top[1].2).abs() < 1e-9;
            let why_en = if tie {
                "the first of equally likely columns: check it".to_string()
            } else if cands.iter().any(|x| x.0 != chosen.0) && chosen.0 == best_rank {
                "its header is the usual name of this figure".to_string()
            } else {
                format!("{:.0}% of its cells look like {en}", chosen.2 * 100.0)
            };
            let why_zh = if tie {
                "几列同样可能，取第一列：请核对".to_string()
            } else if cands.iter().any(|x| x.0 != chosen.0) && chosen.0 == best_rank {
                "其表头是该指标的通用名称".to_string()
            } else {
                format!("其 {:.0}% 的单元格符合{zh}", chosen.2 * 100.0)
            };
            notes.push((
                format!(
                    "{} columns could hold {en} ({}, {}): took {:?} — {why_en}; name another with the manifest's columns or --map",
                    cands.len(),
                    names[chosen.1],
                    others.join(", "),
                    names[chosen.1]
                ),
                format!(
                    "有 {} 列可能是{zh}（{}、{}）：采用“{}”——{why_zh}；如需另选，请在清单 columns 或 --map 中指定",
                    cands.len(),
                    names[chosen.1],
                    others.join("、"),
                    names[chosen.1]
                ),
            ));
        }
    }
    (columns, notes)
}

/// Finds the header among the first [`HEADER_SEARCH_ROWS`] rows: the row
/// with the most recognised columns (the first of equals), joined with the
/// row below when that one names columns this one leaves unnamed and does
/// not look like data (a two-row header).
///
/// ```
/// use healthreach::import::headers::{find_header, Role};
/// let rows: Vec<Vec<String>> = [
///     vec!["渭南市医疗机构名录（2023年）", "", ""],
///     vec!["说明：床位、医师为年末数", "", ""],
///     vec!["机构名称", "类别", "床位数"],
///     vec!["渭南市中心医院", "三级甲等医院", "1,200张"],
/// ].iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
/// let h = find_header(&rows).unwrap();
/// assert_eq!((h.row, h.column(Role::Beds)), (2, Some(2)));
/// ```
pub fn find_header(rows: &[Vec<String>]) -> Option<Header> {
    let score = |names: &[String]| -> usize {
        let mut roles: Vec<Role> = names.iter().filter_map(|c| role_of(c)).collect();
        roles.sort();
        roles.dedup();
        roles.len()
    };
    let looks_like_data = |row: &[String]| {
        let filled: Vec<&String> = row.iter().filter(|c| !c.trim().is_empty()).collect();
        let numbers = filled
            .iter()
            .filter(|c| matches!(read_number(c), Ok(Cell::Number(..))))
            .count();
        !filled.is_empty() && numbers * 2 >= filled.len()
    };
    let mut best: Option<(usize, usize, usize, Vec<String>)> = None; // (score, first, last, names)
    for (i, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let s = score(row);
        if s == 0 {
            continue;
        }
        let mut cand = (s, i, i, row.clone());
        if let Some(below) = rows.get(i + 1).filter(|r| !looks_like_data(r)) {
            let width = row.len().max(below.len());
            let joined: Vec<String> = (0..width)
                .map(|c| {
                    let up = row.get(c).map(|s| s.trim()).unwrap_or("");
                    let down = below.get(c).map(|s| s.trim()).unwrap_or("");
                    if role_of(up).is_some() || down.is_empty() {
                        up.to_string()
                    } else if up.is_empty() || role_of(down).is_some() {
                        down.to_string()
                    } else {
                        format!("{up}{down}")
                    }
                })
                .collect();
            let js = score(&joined);
            if js > s && score(below) > 0 {
                cand = (js, i, i + 1, joined);
            }
        }
        if best.as_ref().is_none_or(|b| cand.0 > b.0) {
            best = Some(cand);
        }
    }
    let (s, first, last, names) = best?;
    // One recognised column is a header only in a one-or-two-column table.
    if s < 2 && names.iter().filter(|c| !c.trim().is_empty()).count() > 2 {
        return None;
    }
    let data = rows.get(last + 1..).unwrap_or(&[]);
    let (columns, notes) = roles_in(&names, data);
    Some(Header {
        row: last,
        first_row: first,
        names,
        columns,
        notes,
    })
}
