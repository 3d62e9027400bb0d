//! Facility categories as lists write them (`三级甲等医院`, `县人民医院`,
//! `中心卫生院`, `村卫生室`, `Community health centre`…) → the model's
//! [`Tier`], through an editable table: the planner's own entries (exact
//! text) first, then the default rules below, in order, by substring of the
//! folded text. A category no entry matches is `None` — reported, never
//! guessed.
//!
//! | rule (first match wins) | tier |
//! |---|---|
//! | 三级 三甲 三乙 tertiary "grade iii" "grade 3" | tertiary hospital |
//! | 卫生室 村医 "village" | village clinic |
//! | 社区卫生服务 "community" | community health centre |
//! | 卫生院 "township" | township health centre |
//! | 县 二级 "county" "secondary" | county hospital |
//! | 市 "city" "prefecture" "municipal" | city hospital |
//! | 中医院 妇幼保健院 人民医院 (no level, no place): the county-level default | county hospital |

use super::cells::fold;
use crate::scenario::Tier;
use std::collections::BTreeMap;

const RULES: &[(&[&str], Tier)] = &[
    (
        &["三级", "三甲", "三乙", "tertiary", "gradeiii", "grade3"],
        Tier::TertiaryHospital,
    ),
    (&["卫生室", "村医", "village"], Tier::VillageClinic),
    (&["社区卫生服务", "community"], Tier::CommunityHealthCentre),
    (&["卫生院", "township"], Tier::TownshipHealthCentre),
    (&["县", "二级", "county", "secondary"], Tier::CountyHospital),
    (
        &["市", "city", "prefecture", "municipal"],
        Tier::CityHospital,
    ),
    (&["中医院", "妇幼保健院", "人民医院"], Tier::CountyHospital),
];

/// The category → tier table: the planner's entries, then the default rules.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TierMap {
    /// Exact category text (folded) → tier, set by the planner.
    pub entries: BTreeMap<String, Tier>,
}

impl TierMap {
    /// The tier of a category, and whether a planner's entry decided it.
    ///
    /// ```
    /// use healthreach::import::tiers::TierMap;
    /// use healthreach::scenario::Tier;
    /// let m = TierMap::default();
    /// assert_eq!(m.tier_of("三级甲等医院"), Some(Tier::TertiaryHospital));
    /// assert_eq!(m.tier_of("中心卫生院"), Some(Tier::TownshipHealthCentre));
    /// assert_eq!(m.tier_of("县人民医院"), Some(Tier::CountyHospital));
    /// assert_eq!(m.tier_of("Community Health Centre"), Some(Tier::CommunityHealthCentre));
    /// assert_eq!(m.tier_of("药店"), None);
    /// ```
    pub fn tier_of(&self, category: &str) -> Option<Tier> {
        let f = fold(category);
        if f.is_empty() {
            return None;
        }
        if let Some(t) = self.entries.get(&f) {
            return Some(*t);
        }
        RULES
            .iter()
            .find(|(words, _)| words.iter().any(|w| f.contains(w)))
            .map(|(_, t)| *t)
    }

    /// Adds the planner's entry for `category`.
    pub fn set(&mut self, category: &str, tier: Tier) {
        self.entries.insert(fold(category), tier);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_planners_entry_wins() {
        let mut m = TierMap::default();
        assert_eq!(m.tier_of("市中医院"), Some(Tier::CityHospital));
        m.set("市中医院", Tier::TertiaryHospital);
        assert_eq!(m.tier_of(" 市中医院 "), Some(Tier::TertiaryHospital));
    }

    #[test]
    fn common_categories() {
        let m = TierMap::default();
        for (c, t) in [
            ("村卫生室", Tier::VillageClinic),
            ("乡镇卫生院", Tier::TownshipHealthCentre),
            ("社区卫生服务中心", Tier::CommunityHealthCentre),
            ("中医院", Tier::CountyHospital),
            ("妇幼保健院", Tier::CountyHospital),
            ("三级乙等医院", Tier::TertiaryHospital),
            ("市第一人民医院", Tier::CityHospital),
            ("County hospital", Tier::CountyHospital),
        ] {
            assert_eq!(m.tier_of(c), Some(t), "{c}");
        }
        assert_eq!(m.tier_of(""), None);
        assert_eq!(m.tier_of("诊所"), None);
    }
}
