//! Which column holds what, from the header row as Chinese and English
//! lists write it, and which row is the header: spreadsheets often carry a
//! title and notes above it. The header is the first row (of the first 20)
//! in which at least two cells name a known column; its row number is kept
//! so reports count rows as the spreadsheet shows them (header row 1 of the
//! table, or its real line when title rows sit above).

use super::cells::fold;

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

/// Header texts per role, folded (see [`fold`]); exact matches first, then
/// a header containing one of them.
const SYNONYMS: &[(Role, &[&str])] = &[
    // Before Beds, Elderly and Unit, which their longer names contain.
    (
        Role::ElderlyCareBeds,
        &[
            "医养结合床位",
            "医养结合床位数",
            "医养床位",
            "elderly_care_beds",
            "elderlycarebeds",
        ],
    ),
    (
        Role::Community,
        &[
            "医共体",
            "所属医共体",
            "医共体牵头医院",
            "牵头医院",
            "community",
            "community_lead",
            "medical_community",
        ],
    ),
    (
        Role::TelemedicineHub,
        &[
            "远程医疗中心",
            "远程心电中心",
            "远程医疗",
            "心电诊断中心",
            "telemedicine_hub",
            "telemedicine",
            "hub",
        ],
    ),
    (
        Role::Services,
        &[
            "服务项目",
            "开设服务",
            "专科服务",
            "特色专科",
            "services",
            "specialties",
        ],
    ),
    (
        Role::Children,
        &[
            "0-14岁",
            "0~14岁",
            "0—14岁",
            "0-14",
            "children",
            "aged0-14",
            "儿童人口",
            "少儿人口",
        ],
    ),
    (
        Role::Elderly,
        &[
            "65岁及以上",
            "65岁以上",
            "65+",
            "aged65+",
            "elderly",
            "老年人口",
            "65岁及以上人口",
        ],
    ),
    (
        Role::Population,
        &[
            "常住人口",
            "人口",
            "总人口",
            "人口数",
            "population",
            "pop",
            "residents",
            "户籍人口",
        ],
    ),
    (
        Role::Beds,
        &[
            "床位",
            "床位数",
            "编制床位",
            "实有床位",
            "开放床位",
            "beds",
            "bed",
        ],
    ),
    (
        Role::Doctors,
        &[
            "医师",
            "执业医师",
            "执业医师数",
            "执业(助理)医师",
            "执业（助理）医师",
            "医生",
            "doctors",
            "physicians",
            "doctor",
        ],
    ),
    (
        Role::Lon,
        &["经度", "lon", "lng", "long", "longitude", "x", "经度(e)"],
    ),
    (Role::Lat, &["纬度", "lat", "latitude", "y", "纬度(n)"]),
    (
        Role::Category,
        &[
            "类别",
            "机构类别",
            "机构类型",
            "类型",
            "type",
            "category",
            "级别",
            "等级",
            "class",
        ],
    ),
    (
        Role::Code,
        &[
            "代码",
            "行政区划代码",
            "区划代码",
            "adcode",
            "code",
            "统计用区划代码",
            "机构代码",
        ],
    ),
    (
        Role::Unit,
        &[
            "所属区县",
            "区县",
            "县区",
            "所在县",
            "所属行政区",
            "行政区",
            "county",
            "district",
            "unit",
            "所属地区",
        ],
    ),
    (
        Role::Name,
        &[
            "名称",
            "机构名称",
            "单位名称",
            "医院名称",
            "name",
            "地区",
            "区划名称",
            "facility",
        ],
    ),
    (Role::Id, &["id", "编号", "序号"]),
    (
        Role::Cost,
        &[
            "cost",
            "cost_yuan",
            "造价",
            "费用",
            "建设成本",
            "投资",
            "建设费用",
            "成本",
        ],
    ),
    (Role::Tier, &["tier", "层级"]),
    (
        Role::Origin,
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
        &["seconds", "duration", "duration_s", "秒", "time_s"],
    ),
];

/// The role a header cell names, if any.
///
/// ```
/// use healthreach::import::headers::{role_of, Role};
/// assert_eq!(role_of("机构名称"), Some(Role::Name));
/// assert_eq!(role_of("床位数（张）"), Some(Role::Beds));
/// assert_eq!(role_of(" Longitude "), Some(Role::Lon));
/// assert_eq!(role_of("65岁及以上人口"), Some(Role::Elderly));
/// assert_eq!(role_of("备注"), None);
/// ```
pub fn role_of(header: &str) -> Option<Role> {
    let f = fold(header);
    if f.is_empty() {
        return None;
    }
    // A unit in brackets is not part of the name: 床位数（张）, population (persons).
    let bare = f.split(['(', '（', '[']).next().unwrap_or(&f).to_string();
    for key in [&f, &bare] {
        if let Some((r, _)) = SYNONYMS.iter().find(|(_, s)| s.contains(&key.as_str())) {
            return Some(*r);
        }
    }
    // Contained, for the longer synonyms only (2+ Chinese characters or 4+ letters).
    SYNONYMS
        .iter()
        .find(|(_, s)| {
            s.iter()
                .filter(|w| w.chars().count() >= 4 || (!w.is_ascii() && w.chars().count() >= 2))
                .any(|w| bare.contains(w))
        })
        .map(|(r, _)| *r)
}

/// The header row and the column of each role found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Index of the header row among the rows given.
    pub row: usize,
    /// Column index per role (the first column naming it).
    pub columns: Vec<(Role, usize)>,
}

impl Header {
    /// The column of `role`.
    pub fn column(&self, role: Role) -> Option<usize> {
        self.columns
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| *c)
    }
}

/// Finds the header among the first 20 rows: the first row where two or
/// more cells name a known column.
///
/// ```
/// use healthreach::import::headers::{find_header, Role};
/// let rows: Vec<Vec<String>> = [
///     vec!["渭南市医疗机构名录（2023年）", "", ""],
///     vec!["", "", ""],
///     vec!["机构名称", "类别", "床位数"],
///     vec!["渭南市中心医院", "三级甲等医院", "1,200张"],
/// ].iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
/// let h = find_header(&rows).unwrap();
/// assert_eq!((h.row, h.column(Role::Beds)), (2, Some(2)));
/// ```
pub fn find_header(rows: &[Vec<String>]) -> Option<Header> {
    rows.iter().take(20).enumerate().find_map(|(i, row)| {
        let mut columns: Vec<(Role, usize)> = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            if let Some(r) = role_of(cell) {
                if !columns.iter().any(|(x, _)| *x == r) {
                    columns.push((r, c));
                }
            }
        }
        (columns.len() >= 2).then_some(Header { row: i, columns })
    })
}
