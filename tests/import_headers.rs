//! The header corpus: headers as statistics offices, yearbooks, the
//! national facility list, web-map exports and English lists write them,
//! each with the role it names or "not a role" (None). Sources of the
//! layouts: National Health Statistics Yearbook (中国卫生健康统计年鉴)
//! tables of beds and personnel by institution; provincial 卫生健康统计
//! report forms (卫健统1表 et al.); the 全国医疗卫生机构 list; AMap/Baidu
//! POI exports; WHO/HFR-style English facility lists; census (七普) tables.

use healthreach::import::headers::{find_header, role_of, Role};
use Role::*;

const CORPUS: &[(&str, Option<Role>)] = &[
    // Doctors: licensed (and assistant) doctors, however bracketed.
    ("执业（助理）医师数", Some(Doctors)),
    ("执业(助理)医师数", Some(Doctors)),
    ("执业（助理）医师", Some(Doctors)),
    ("执业（助理）医师（人）", Some(Doctors)),
    ("执业(助理)医师人数", Some(Doctors)),
    ("执业［助理］医师数", Some(Doctors)),
    ("2023年末执业（助理）医师数", Some(Doctors)),
    ("执业（助理）\n医师数", Some(Doctors)),
    ("  执业（助理）医师数  ", Some(Doctors)),
    ("\u{feff}执业（助理）医师数", Some(Doctors)),
    ("执业医师数", Some(Doctors)),
    ("执业医师", Some(Doctors)),
    ("执业医师和执业助理医师", Some(Doctors)),
    ("医师数", Some(Doctors)),
    ("医师数（人）", Some(Doctors)),
    ("医师", Some(Doctors)),
    ("医生", Some(Doctors)),
    ("医生数", Some(Doctors)),
    ("医师/人", Some(Doctors)),
    ("Doctors", Some(Doctors)),
    ("doctors", Some(Doctors)),
    ("DOCTORS", Some(Doctors)),
    ("Ｄｏｃｔｏｒｓ", Some(Doctors)),
    ("Physicians", Some(Doctors)),
    ("Licensed doctors (incl. assistants)", Some(Doctors)),
    ("Licensed doctors", Some(Doctors)),
    ("Number of doctors", Some(Doctors)),
    ("Medical doctors (count)", Some(Doctors)),
    ("doctor_count", Some(Doctors)),
    // Not doctors.
    ("注册护士数", None),
    ("注册护士", None),
    ("护士数", None),
    ("执业助理医师", None),
    ("执业助理医师数", None),
    ("卫生技术人员（人）", None),
    ("卫生技术人员", None),
    ("乡村医生", None),
    ("乡村医生和卫生员", None),
    ("药师（士）", None),
    ("技师（士）", None),
    ("管理人员", None),
    ("全科医生数", None),
    ("每千人口执业（助理）医师数", None),
    ("医师日均担负诊疗人次", None),
    ("Nurses", None),
    ("Registered nurses", None),
    ("Doctors per 1,000 population", None),
    ("Pharmacists", None),
    // Beds.
    ("实有床位（张）数", Some(Beds)),
    ("实有床位数", Some(Beds)),
    ("实有床位", Some(Beds)),
    ("实有床位（张）", Some(Beds)),
    ("2023年末实有床位", Some(Beds)),
    ("2023年实有床位数", Some(Beds)),
    ("年末实有床位数", Some(Beds)),
    ("床位数(张)", Some(Beds)),
    ("床位数（张）", Some(Beds)),
    ("床位数", Some(Beds)),
    ("床位", Some(Beds)),
    ("床位/张", Some(Beds)),
    ("床位数张", Some(Beds)),
    ("开放床位", Some(Beds)),
    ("实际开放床位数", Some(Beds)),
    ("病床数", Some(Beds)),
    ("总床位数", Some(Beds)),
    ("床位总数", Some(Beds)),
    ("【床位数】", Some(Beds)),
    ("床 位 数", Some(Beds)),
    ("编制床位", Some(Beds)),
    ("编制床位数", Some(Beds)),
    ("核定床位", Some(Beds)),
    ("Beds", Some(Beds)),
    ("Beds (in use)", Some(Beds)),
    ("Number of beds", Some(Beds)),
    ("Hospital beds", Some(Beds)),
    ("Total beds", Some(Beds)),
    ("bed_count", Some(Beds)),
    ("Ｂｅｄｓ", Some(Beds)),
    // Not beds.
    ("床位使用率（%）", None),
    ("床位使用率", None),
    ("病床使用率(%)", None),
    ("病床周转次数", None),
    ("每千人口床位数", None),
    ("每千人口医疗卫生机构床位数（张）", None),
    ("平均住院日", None),
    ("床位增长（%）", None),
    ("Bed occupancy rate (%)", None),
    ("Beds per 1,000", None),
    ("Average length of stay", None),
    // Elderly-care beds come first.
    ("医养结合床位", Some(ElderlyCareBeds)),
    ("医养结合床位数（张）", Some(ElderlyCareBeds)),
    ("Elderly care beds", Some(ElderlyCareBeds)),
    // Names.
    ("机构名称", Some(Name)),
    ("医疗机构名称", Some(Name)),
    ("卫生机构名称", Some(Name)),
    ("单位名称", Some(Name)),
    ("医院名称", Some(Name)),
    ("名称", Some(Name)),
    ("名 称", Some(Name)),
    ("Name", Some(Name)),
    ("Facility name", Some(Name)),
    ("Hospital name", Some(Name)),
    ("facility", Some(Name)),
    ("NAME", Some(Name)),
    // Category.
    ("机构类别", Some(Category)),
    ("机构类型", Some(Category)),
    ("医疗机构类别", Some(Category)),
    ("卫生机构类别", Some(Category)),
    ("机构分类", Some(Category)),
    ("类别", Some(Category)),
    ("类型", Some(Category)),
    ("Type", Some(Category)),
    ("Facility type", Some(Category)),
    ("Category", Some(Category)),
    // Not the category.
    ("经济类型", None),
    ("经济类型代码", None),
    ("医院等级", None),
    ("等级", None),
    ("医院级别", None),
    ("分类管理类别", None),
    ("隶属关系", None),
    ("主办单位类型", None),
    ("Ownership", None),
    ("Ownership type", None),
    ("Grade", None),
    // Coordinates.
    ("经度", Some(Lon)),
    ("纬度", Some(Lat)),
    ("经度（E）", Some(Lon)),
    ("纬度（N）", Some(Lat)),
    ("经度(WGS84)", Some(Lon)),
    ("纬度(GCJ02)", Some(Lat)),
    ("东经", Some(Lon)),
    ("北纬", Some(Lat)),
    ("lng", Some(Lon)),
    ("lat", Some(Lat)),
    ("lon", Some(Lon)),
    ("Longitude", Some(Lon)),
    ("Latitude", Some(Lat)),
    (" Longitude ", Some(Lon)),
    ("LONGITUDE", Some(Lon)),
    ("X", Some(Lon)),
    ("Y", Some(Lat)),
    ("POINT_X", Some(Lon)),
    ("POINT_Y", Some(Lat)),
    ("X坐标", Some(Lon)),
    ("Y坐标", Some(Lat)),
    ("gcj02经度", Some(Lon)),
    ("Facility longitude", Some(Lon)),
    // Not coordinates.
    ("Belongs to (county)", Some(Unit)),
    ("Belongs to", None),
    ("Long-term care beds (rate %)", None),
    // Units and codes.
    ("所属区县", Some(Unit)),
    ("所在区县", Some(Unit)),
    ("区县", Some(Unit)),
    ("县（市、区）", Some(Unit)),
    ("所属行政区", Some(Unit)),
    ("所在地区", Some(Unit)),
    ("所属（区县）", Some(Unit)),
    ("County", Some(Unit)),
    ("District", Some(Unit)),
    ("所属乡镇", Some(Unit)),
    ("乡镇（街道）", Some(Unit)),
    ("行政区划代码", Some(Code)),
    ("统计用区划代码", Some(Code)),
    ("区划代码", Some(Code)),
    ("机构代码", Some(Code)),
    ("组织机构代码", Some(Code)),
    ("统一社会信用代码", Some(Code)),
    ("adcode", Some(Code)),
    ("Code", Some(Code)),
    // Census.
    ("常住人口", Some(Population)),
    ("常住人口（人）", Some(Population)),
    ("常住人口（万人）", Some(Population)),
    ("常住人口数", Some(Population)),
    ("2020年常住人口", Some(Population)),
    ("年末常住人口", Some(Population)),
    ("人口", Some(Population)),
    ("总人口", Some(Population)),
    ("人口数", Some(Population)),
    ("户籍人口", Some(Population)),
    ("Population", Some(Population)),
    ("Population (persons)", Some(Population)),
    ("Total population", Some(Population)),
    ("0-14岁", Some(Children)),
    ("0—14岁人口", Some(Children)),
    ("0-14岁（人）", Some(Children)),
    ("65岁及以上", Some(Elderly)),
    ("65岁及以上人口", Some(Elderly)),
    ("65岁及以上（人）", Some(Elderly)),
    ("Aged 65+", Some(Elderly)),
    ("人口密度（人/平方公里）", None),
    ("人口自然增长率（‰）", None),
    ("65岁及以上人口占比（%）", None),
    // Community, telemedicine, services.
    ("所属医共体", Some(Community)),
    ("医共体牵头医院", Some(Community)),
    ("远程医疗中心", Some(TelemedicineHub)),
    ("服务项目", Some(Services)),
    // Notes and other columns.
    ("备注", None),
    ("说明", None),
    ("联系电话", None),
    ("地址", None),
    ("法人代表", None),
    ("负责人", None),
    ("", None),
    ("   ", None),
];

#[test]
fn every_header_of_the_corpus_gets_its_role() {
    assert!(CORPUS.len() >= 150, "{} headers", CORPUS.len());
    let wrong: Vec<String> = CORPUS
        .iter()
        .filter(|(h, want)| role_of(h) != *want)
        .map(|(h, want)| format!("{h:?}: want {want:?}, got {:?}", role_of(h)))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

fn rows(r: &[&[&str]]) -> Vec<Vec<String>> {
    r.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

#[test]
fn the_header_is_the_row_with_most_recognised_columns() {
    // A notes row naming two roles sits above the header: the header wins.
    let r = rows(&[
        &["某市医疗卫生机构情况（2023年）", "", "", ""],
        &["名称", "床位", "", ""],
        &[
            "机构名称",
            "机构类别",
            "实有床位（张）数",
            "执业（助理）医师数",
        ],
        &["某市人民医院", "三级甲等医院", "1,200", "400"],
    ]);
    let h = find_header(&r).unwrap();
    assert_eq!(h.row, 2);
    assert_eq!(h.column(Role::Doctors), Some(3));
    assert_eq!(h.column(Role::Beds), Some(2));
}

#[test]
fn an_exact_synonym_beats_a_fallback_and_content_decides_ties() {
    // 编制床位 (approved) and 实有床位 (in use): in use wins, and the choice is noted.
    let r = rows(&[
        &["机构名称", "编制床位", "实有床位", "医师"],
        &["甲院", "300", "250", "80"],
    ]);
    let h = find_header(&r).unwrap();
    assert_eq!(h.column(Role::Beds), Some(2));
    assert_eq!(h.notes.len(), 1, "{:?}", h.notes);
    // Two equal-rank category columns: the one whose cells are tier names.
    let r = rows(&[
        &["名称", "类型", "机构类别", "床位"],
        &["甲院", "公立", "乡镇卫生院", "20"],
        &["乙院", "民营", "村卫生室", "0"],
    ]);
    let h = find_header(&r).unwrap();
    assert_eq!(h.column(Role::Category), Some(2), "{:?}", h.notes);
}

#[test]
fn a_two_row_header_is_joined() {
    let r = rows(&[
        &["机构名称", "床位数", "卫生人员", "", ""],
        &["", "", "合计", "执业（助理）医师", "注册护士"],
        &["甲院", "300", "500", "120", "200"],
    ]);
    let h = find_header(&r).unwrap();
    assert_eq!(h.row, 1);
    assert_eq!(h.column(Role::Doctors), Some(3));
    assert_eq!(h.column(Role::Beds), Some(1));
    assert_eq!(h.column(Role::Name), Some(0));
}
