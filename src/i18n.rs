//! User-interface text in Simplified Chinese (default) and English.
//!
//! Two tables with the same keys; a test checks that they match, so a string
//! added in one language cannot be forgotten in the other. Lookups of an
//! unknown key return the key itself (visible, never a panic).
//!
//! ```
//! use healthreach::i18n::{t, Lang};
//! assert_eq!(t(Lang::En, "population"), "Population");
//! assert_eq!(t(Lang::Zh, "population"), "常住人口");
//! ```

use crate::scenario::Tier;

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The other language (what the switch offers).
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses a stored tag; anything unknown gives the default.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

const ZH: &[(&str, &str)] = &[
    ("access_title", "可及性"),
    ("mode", "出行方式"),
    ("mode_drive", "驾车"),
    ("mode_bike", "骑行/电动车"),
    ("mode_walk", "步行"),
    ("minutes_label", "时间阈值（分钟）"),
    ("minutes_invalid", "请输入 1–120 之间的分钟数"),
    ("coverage_target", "目标"),
    ("covered", "覆盖率"),
    ("curve_title", "可及性曲线：到最近医疗服务点的时间"),
    ("curve_x", "分钟"),
    ("curve_y", "居民累计比例"),
    ("layer", "地图图层"),
    ("layer_density", "人口密度"),
    ("layer_minutes", "到最近医疗服务点时间"),
    ("legend_minutes", "到最近医疗服务点（分钟）"),
    ("unreachable", "不可达"),
    ("computing", "正在计算……"),
    ("method_road_network", "按路网计算"),
    ("method_straight_line", "按直线距离估算"),
    ("method_table", "按给定时间表"),
    ("app_title", "医疗资源下沉规划"),
    ("app_subtitle", "HealthReach · 区域卫生资源规划"),
    ("switch_to", "English"),
    ("switch_label", "切换语言"),
    ("population", "常住人口"),
    ("admin_units", "县级行政区"),
    ("facilities", "医疗卫生机构"),
    ("candidate_sites", "新建备选点"),
    ("beds_per_1000", "每千人口床位"),
    ("doctors_per_1000", "每千人口执业医师"),
    ("summary_title", "地区概况"),
    ("map_title", "地图"),
    ("legend_title", "图例"),
    ("legend_density", "人口密度（人/平方公里）"),
    ("legend_boundary", "县级行政区界"),
    ("tier_village_clinic", "村卫生室"),
    ("tier_township_health_centre", "乡镇卫生院"),
    ("tier_community_health_centre", "社区卫生服务中心"),
    ("tier_county_hospital", "县级医院"),
    ("tier_city_hospital", "市级医院"),
    ("tier_tertiary_hospital", "三级医院"),
    ("sources_title", "数据来源"),
    ("source_real", "真实数据"),
    ("source_synthetic", "合成数据"),
    (
        "demo_notice",
        "演示地区：县界、人口、乡镇名称为真实数据；机构位置与规模为按公开总量校准的合成数据。",
    ),
    ("per_unit_title", "各县（市、区）"),
    ("unit_name", "名称"),
];

const EN: &[(&str, &str)] = &[
    ("access_title", "Access"),
    ("mode", "Mode of travel"),
    ("mode_drive", "Drive"),
    ("mode_bike", "Bike / e-bike"),
    ("mode_walk", "Walk"),
    ("minutes_label", "Threshold (minutes)"),
    ("minutes_invalid", "Enter minutes between 1 and 120"),
    ("coverage_target", "target"),
    ("covered", "Covered"),
    ("curve_title", "Access curve: time to the nearest medical service point"),
    ("curve_x", "minutes"),
    ("curve_y", "share of residents"),
    ("layer", "Map layer"),
    ("layer_density", "Population density"),
    ("layer_minutes", "Minutes to nearest service point"),
    ("legend_minutes", "To nearest service point (minutes)"),
    ("unreachable", "unreachable"),
    ("computing", "Computing…"),
    ("method_road_network", "over the road network"),
    ("method_straight_line", "straight-line estimate"),
    ("method_table", "from the given table"),
    ("app_title", "HealthReach"),
    ("app_subtitle", "Health-resource planning for a region"),
    ("switch_to", "中文"),
    ("switch_label", "Switch language"),
    ("population", "Population"),
    ("admin_units", "County-level units"),
    ("facilities", "Health facilities"),
    ("candidate_sites", "Candidate sites"),
    ("beds_per_1000", "Beds per 1,000"),
    ("doctors_per_1000", "Doctors per 1,000"),
    ("summary_title", "Region at a glance"),
    ("map_title", "Map"),
    ("legend_title", "Legend"),
    ("legend_density", "Population density (residents/km²)"),
    ("legend_boundary", "County boundary"),
    ("tier_village_clinic", "Village clinic"),
    ("tier_township_health_centre", "Township health centre"),
    ("tier_community_health_centre", "Community health centre"),
    ("tier_county_hospital", "County hospital"),
    ("tier_city_hospital", "City hospital"),
    ("tier_tertiary_hospital", "Tertiary hospital"),
    ("sources_title", "Data sources"),
    ("source_real", "real"),
    ("source_synthetic", "synthesized"),
    ("demo_notice", "Demo region: county boundaries, population and township names are real; facility positions and sizes are synthesized, calibrated to reported totals."),
    ("per_unit_title", "Counties and districts"),
    ("unit_name", "Name"),
];

fn table(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Zh => ZH,
        Lang::En => EN,
    }
}

/// The text for `key` in `lang`; the key itself when missing.
pub fn t(lang: Lang, key: &str) -> &'static str {
    table(lang)
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
        .unwrap_or_else(|| {
            // Keys are static in practice; fall back to a leaked copy so the
            // signature stays simple and a missing key shows up on screen.
            Box::leak(key.to_string().into_boxed_str())
        })
}

/// The name of a tier in `lang`.
pub fn tier_name(lang: Lang, tier: Tier) -> &'static str {
    t(lang, &format!("tier_{}", tier.key()))
}

/// The headline coverage label for a threshold, e.g. "Residents within 15
/// minutes of a medical service point".
///
/// ```
/// use healthreach::i18n::{coverage_headline, Lang};
/// assert_eq!(coverage_headline(Lang::Zh, 15.0), "15 分钟内可达医疗服务点的居民比例");
/// ```
pub fn coverage_headline(lang: Lang, minutes: f64) -> String {
    let m = format!("{minutes}");
    match lang {
        Lang::Zh => format!("{m} 分钟内可达医疗服务点的居民比例"),
        Lang::En => format!("Residents within {m} minutes of a medical service point"),
    }
}

/// Formats a whole number with thousands separators: `4688744` → `4,688,744`.
///
/// ```
/// assert_eq!(healthreach::i18n::group_digits(4_688_744.0), "4,688,744");
/// assert_eq!(healthreach::i18n::group_digits(12.4), "12");
/// ```
pub fn group_digits(n: f64) -> String {
    let v = n.round() as i64;
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn both_languages_have_the_same_keys() {
        let zh: BTreeSet<_> = ZH.iter().map(|(k, _)| *k).collect();
        let en: BTreeSet<_> = EN.iter().map(|(k, _)| *k).collect();
        assert_eq!(zh.len(), ZH.len(), "duplicate key in ZH");
        assert_eq!(en.len(), EN.len(), "duplicate key in EN");
        assert_eq!(
            zh.symmetric_difference(&en).collect::<Vec<_>>(),
            Vec::<&&str>::new()
        );
    }

    #[test]
    fn every_tier_has_a_name_in_both_languages() {
        for tier in Tier::ALL {
            for lang in [Lang::Zh, Lang::En] {
                assert_ne!(tier_name(lang, tier), format!("tier_{}", tier.key()));
            }
        }
    }

    #[test]
    fn languages_differ_and_switch_back() {
        assert_ne!(t(Lang::Zh, "app_title"), t(Lang::En, "app_title"));
        assert_eq!(Lang::Zh.other().other(), Lang::Zh);
        assert_eq!(Lang::from_tag("en"), Lang::En);
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
    }
}
