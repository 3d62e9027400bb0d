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
    ("policy_title", "规划目标与预算"),
    ("group_access", "可及性"),
    ("group_ratios", "资源配置"),
    ("group_services", "专科服务"),
    ("group_budget", "预算"),
    ("group_secondment", "医师下沉（对口支援）"),
    ("group_objective", "优化目标"),
    ("field_coverage_enabled", "启用可及性目标"),
    ("field_coverage_share", "覆盖居民比例"),
    ("field_coverage_minutes", "时间阈值"),
    ("field_coverage_per_unit", "每个县都须达标"),
    ("field_beds_per_1000", "每千人口床位（留空=不限）"),
    ("field_doctors_per_1000", "每千人口执业医师（留空=不限）"),
    (
        "field_haemodialysis_min_population",
        "常住人口超过此数的县须提供血液透析（留空=关闭）",
    ),
    (
        "field_mental_health_min_population",
        "常住人口超过此数的县须设精神卫生门诊（留空=关闭）",
    ),
    ("field_paediatrics_enabled", "儿科可及性规则"),
    ("field_paediatrics_minutes", "儿科时间阈值"),
    ("field_paediatrics_share", "儿童覆盖比例"),
    ("field_money_budget", "资金预算（留空=不限）"),
    ("field_doctor_pool", "可下沉医师总数（留空=不限）"),
    ("field_secondment_enabled", "允许医师下沉"),
    ("field_release_share", "上级医院可派出医师比例"),
    ("field_secondment_minutes", "派出单程最长时间"),
    ("field_one_to_one", "一对一结对帮扶"),
    ("field_objective", "目标"),
    ("objective_least_cost", "达标且成本最低"),
    ("objective_max_coverage", "预算内覆盖人口最多"),
    ("objective_min_travel_time", "预算内人均出行时间最短"),
    ("unit_percent", "%"),
    ("unit_minutes", "分钟"),
    ("unit_per_1000", "每千人"),
    ("unit_persons", "人"),
    ("unit_million_yuan", "百万元"),
    ("unit_doctors", "人"),
    ("err_empty", "请填写数值"),
    ("err_nan", "请输入数字"),
    ("err_below", "不能小于"),
    ("err_above", "不能大于"),
    ("err_whole", "请输入整数"),
    ("err_unknown", "无效选项"),
    ("warn_objective_needs_budget", "该目标需要设定资金预算。"),
    ("optimise", "优化"),
    ("cancel", "取消"),
    ("solve_title", "优化方案"),
    ("stage_travel_times", "计算出行时间"),
    ("stage_relaxation", "求解线性松弛"),
    ("stage_branch_and_bound", "分支定界"),
    ("stage_diagnosis", "诊断不可行原因"),
    ("stage_queued", "等待求解器"),
    ("elapsed", "已用时"),
    ("bound", "界"),
    ("status_optimal", "最优"),
    ("status_feasible", "可行解，相对差距"),
    ("status_infeasible", "无法同时满足全部目标"),
    ("status_time_limit", "时限内未找到方案"),
    ("status_cancelled", "已取消"),
    ("status_failed", "求解失败"),
    ("status_none", "尚未优化：修改目标后点击“优化”。"),
    ("verified", "已独立核验"),
    ("not_verified", "未通过核验"),
    ("cost", "总成本"),
    ("objective_value", "目标值"),
    ("seconds", "秒"),
    ("yuan", "元"),
    ("mean_minutes", "人均出行时间（分钟）"),
    ("covered_residents", "覆盖人口"),
    ("stale", "目标已修改，方案尚未更新。"),
    ("indicators_title", "各县指标：优化前 → 优化后"),
    ("coverage_short", "覆盖率"),
    ("before", "优化前"),
    ("after", "优化后"),
    ("delta", "变化"),
    ("decisions_title", "决策清单"),
    ("filter", "筛选"),
    ("decision_kind", "类型"),
    ("where", "地点"),
    ("quantity", "数量"),
    ("why", "依据"),
    ("decision_open_site", "新建服务点"),
    ("decision_upgrade", "机构升级"),
    ("decision_beds", "增加床位"),
    ("decision_posts", "增加医师编制"),
    ("decision_service", "开设专科"),
    ("decision_secondment", "医师下沉"),
    ("rule_coverage", "15 分钟服务圈"),
    ("rule_beds_per_1000", "每千人口床位"),
    ("rule_doctors_per_1000", "每千人口医师"),
    ("rule_haemodialysis", "血液透析"),
    ("rule_mental_health", "精神卫生"),
    ("rule_paediatrics", "儿科可及"),
    ("view_label", "显示"),
    ("view_before", "优化前"),
    ("view_after", "优化后"),
    ("legend_plan", "方案"),
    ("legend_new_site", "新建服务点"),
    ("legend_more_beds", "增加床位"),
    ("legend_service", "开设专科"),
    ("legend_secondment", "医师下沉（线宽=人数）"),
    ("scenarios_title", "方案"),
    ("scenario_new", "新建"),
    ("scenario_duplicate", "复制"),
    ("scenario_rename", "重命名"),
    ("scenario_delete", "删除"),
    ("scenario_default_name", "方案"),
    ("scenario_copy", "副本"),
    ("saved", "已自动保存"),
    ("save_failed", "保存失败"),
    ("rename_prompt", "新名称"),
    ("delete_confirm", "删除此方案？"),
    ("export_title", "导出与分享"),
    ("export_decisions", "决策 CSV"),
    ("export_indicators", "指标 CSV"),
    ("export_geojson", "决策 GeoJSON"),
    ("export_map", "地图 PNG"),
    ("export_chart", "图表 PNG"),
    ("print", "打印报告"),
    ("share", "复制分享链接"),
    ("share_copied", "分享链接已生成："),
    ("share_restored", "已从分享链接恢复方案设置。"),
    ("share_failed", "分享链接无法打开"),
    ("err_ambiguous", "数字有歧义：小数请用小数点（1.5）；逗号只用于每三位分隔（1,500）"),
    ("storage_unreadable", "有一条已保存的情景无法读取，已原样另存，不会被覆盖；其余情景已载入。可下载其原始内容"),
    ("storage_download_raw", "下载原始记录"),
    ("storage_discard", "丢弃"),
    ("storage_discard_confirm", "确定丢弃这条无法读取的记录吗？此操作不可撤销。"),
    ("tab_merged", "已并入另一个标签页对本情景所做的修改"),
    ("tab_deleted", "本情景已在另一个标签页中删除，现显示其他情景"),
    ("tab_conflict", "另一个标签页对同一设置作了不同修改，请选择保留哪一个"),
    ("conflict_keep_mine", "保留本页的修改"),
    ("conflict_take_theirs", "采用另一页的修改"),
    ("dismiss", "知道了"),
    (
        "ratio_chart_title",
        "各县每千人口床位：优化前、优化后与目标",
    ),
    ("target", "目标"),
    ("shortfalls", "未能达标的目标"),
    ("hover_zone", "人口"),
    ("zoom_hint", "滚轮/双指缩放，拖动平移，方向键与 +/− 亦可"),
    ("reset_view", "复位"),
    ("assumptions_title", "假设与数据来源"),
    ("tip_county", "所属县区"),
    ("tip_density", "人口密度"),
    ("tip_minutes_after", "优化后时间"),
    ("tip_within", "在覆盖阈值内"),
    ("yes", "是"),
    ("no", "否"),
    ("layer_e2sfca", "E2SFCA 可及性（每千人医师）"),
    ("tip_e2sfca_after", "优化后 E2SFCA"),
    ("tip_tier", "级别"),
    ("tip_beds", "床位"),
    ("tip_doctors", "医师"),
    ("unit_min", "分钟"),
    ("tip_click", "点击查看其服务圈"),
    ("specialty_paediatrics", "儿科"),
    ("specialty_haemodialysis", "血液透析"),
    ("specialty_mental_health", "精神卫生"),
    ("specialty_geriatrics", "老年医学"),
    ("specialty_nuclear_medicine", "核医学"),
    ("specialty_obstetrics", "产科"),
    ("layer_coverage", "是否在覆盖阈值内"),
    ("legend_coverage", "覆盖阈值"),
    ("legend_within", "阈值内"),
    ("legend_beyond", "阈值外"),
    ("legend_e2sfca", "每千人可及医师（E2SFCA）"),
    ("layers_label", "图层"),
    ("layer_counties", "县界"),
    ("layer_facilities", "医疗机构"),
    ("layer_flows", "医师下沉流向"),
    ("layer_catchments", "服务圈"),
    ("legend_catchment", "服务圈（所选机构或新服务点）"),
    ("legend_size", "圆点大小随床位数增加"),
    ("curve_before", "优化前"),
    ("curve_after", "优化后"),
    ("chart_ratios", "各县区每千人床位与医师（虚线为目标）"),
    ("chart_beds", "每千人床位"),
    ("chart_doctors", "每千人医师"),
    ("chart_secondments", "各派出医院下沉医师"),
    ("no_secondments", "本方案无医师下沉。"),
    ("chart_tradeoff", "投入—覆盖权衡曲线"),
    ("tradeoff_build", "生成曲线"),
    (
        "tradeoff_hint",
        "在多个覆盖率水平下求最低投入方案（各为经校验的完整方案）。点击任一点，以该点的设置与方案新建方案并打开；原方案保留，可对比。",
    ),
    ("tradeoff_x", "方案投入（万元）"),
    ("tradeoff_running", "正在求解"),
    ("tradeoff_points", "个点"),
    ("point_floor", "仅满足其他目标的最低投入"),
    ("point_target", "满足全部目标的最低投入"),
    ("point_level", "达到该覆盖率的最低投入"),
    ("compare_title", "方案对比"),
    ("compare_with", "对比方案"),
    ("compare_pick", "选择另一方案"),
    (
        "compare_needs_plan",
        "该方案尚未优化：打开它并点击“优化”后即可对比。",
    ),
    ("compare_delta", "差值（B − A）"),
    ("compare_total", "全市"),
    ("cost_total", "投入"),
    ("charts_title", "方案图表"),
    ("compare_a", "A（当前）"),
    ("compare_b", "B"),
    ("tradeoff_skipped", "求解失败而略去的覆盖率水平"),
    ("unit_facility", "家"),
    ("unit_facilities", "家"),
    ("incumbent", "当前最优可行方案"),
    ("gap_short", "差距"),
    ("compare_zoom_hint", "两图同步缩放与平移：滚轮缩放，拖动平移，双击复位"),
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
    ("policy_title", "Targets and budgets"),
    ("group_access", "Access"),
    ("group_ratios", "Resources"),
    ("group_services", "Specialty services"),
    ("group_budget", "Budget"),
    ("group_secondment", "Doctor secondments"),
    ("group_objective", "Objective"),
    ("field_coverage_enabled", "Apply the access target"),
    ("field_coverage_share", "Residents covered"),
    ("field_coverage_minutes", "Within"),
    ("field_coverage_per_unit", "In every county too"),
    ("field_beds_per_1000", "Beds per 1,000 (empty = none)"),
    ("field_doctors_per_1000", "Doctors per 1,000 (empty = none)"),
    ("field_haemodialysis_min_population", "Dialysis in counties over (residents; empty = off)"),
    ("field_mental_health_min_population", "Mental-health clinic in counties over (residents; empty = off)"),
    ("field_paediatrics_enabled", "Paediatric access rule"),
    ("field_paediatrics_minutes", "Paediatrics within"),
    ("field_paediatrics_share", "Children covered"),
    ("field_money_budget", "Money (empty = unlimited)"),
    ("field_doctor_pool", "Doctors to second (empty = unlimited)"),
    ("field_secondment_enabled", "Allow secondments"),
    ("field_release_share", "Share a source hospital can release"),
    ("field_secondment_minutes", "Longest one-way trip"),
    ("field_one_to_one", "One-to-one pairing"),
    ("field_objective", "Optimise for"),
    ("objective_least_cost", "Least cost meeting every target"),
    ("objective_max_coverage", "Most residents covered within budget"),
    ("objective_min_travel_time", "Least mean travel time within budget"),
    ("unit_percent", "%"),
    ("unit_minutes", "min"),
    ("unit_per_1000", "per 1,000"),
    ("unit_persons", "residents"),
    ("unit_million_yuan", "million yuan"),
    ("unit_doctors", "doctors"),
    ("err_empty", "Enter a value"),
    ("err_nan", "Enter a number"),
    ("err_below", "Must be at least"),
    ("err_above", "Must be at most"),
    ("err_whole", "Enter a whole number"),
    ("err_unknown", "Not a valid choice"),
    ("warn_objective_needs_budget", "This objective needs a money budget."),
    ("optimise", "Optimise"),
    ("cancel", "Cancel"),
    ("solve_title", "Plan"),
    ("stage_travel_times", "computing travel times"),
    ("stage_relaxation", "solving the LP relaxation"),
    ("stage_branch_and_bound", "branch and bound"),
    ("stage_diagnosis", "diagnosing what cannot be met"),
    ("stage_queued", "waiting for the solver"),
    ("elapsed", "elapsed"),
    ("bound", "bound"),
    ("status_optimal", "Optimal"),
    ("status_feasible", "Feasible, gap"),
    ("status_infeasible", "The targets cannot all be met"),
    ("status_time_limit", "No plan found within the time limit"),
    ("status_cancelled", "Cancelled"),
    ("status_failed", "The solve failed"),
    ("status_none", "Not optimised yet: change a target, then press Optimise."),
    ("verified", "verified"),
    ("not_verified", "not verified"),
    ("cost", "Cost"),
    ("objective_value", "Objective"),
    ("seconds", "s"),
    ("yuan", "yuan"),
    ("mean_minutes", "Mean travel time (min)"),
    ("covered_residents", "Residents covered"),
    ("stale", "Targets changed since this plan was made."),
    ("indicators_title", "Counties: before → after"),
    ("coverage_short", "Covered"),
    ("before", "before"),
    ("after", "after"),
    ("delta", "change"),
    ("decisions_title", "Decisions"),
    ("filter", "Filter"),
    ("decision_kind", "What"),
    ("where", "Where"),
    ("quantity", "How many"),
    ("why", "Why"),
    ("decision_open_site", "New service point"),
    ("decision_upgrade", "Raise a tier"),
    ("decision_beds", "Add beds"),
    ("decision_posts", "Add doctor posts"),
    ("decision_service", "Open a service"),
    ("decision_secondment", "Second doctors"),
    ("rule_coverage", "15-minute access"),
    ("rule_beds_per_1000", "beds per 1,000"),
    ("rule_doctors_per_1000", "doctors per 1,000"),
    ("rule_haemodialysis", "dialysis rule"),
    ("rule_mental_health", "mental-health rule"),
    ("rule_paediatrics", "paediatric access"),
    ("view_label", "Show"),
    ("view_before", "Before"),
    ("view_after", "After"),
    ("legend_plan", "Plan"),
    ("legend_new_site", "New service point"),
    ("legend_more_beds", "Beds added"),
    ("legend_service", "Service opened"),
    ("legend_secondment", "Secondment (width = doctors)"),
    ("scenarios_title", "Scenarios"),
    ("scenario_new", "New"),
    ("scenario_duplicate", "Duplicate"),
    ("scenario_rename", "Rename"),
    ("scenario_delete", "Delete"),
    ("scenario_default_name", "Scenario"),
    ("scenario_copy", "copy"),
    ("saved", "Saved automatically"),
    ("save_failed", "Could not save"),
    ("rename_prompt", "New name"),
    ("delete_confirm", "Delete this scenario?"),
    ("export_title", "Export and share"),
    ("export_decisions", "Decisions CSV"),
    ("export_indicators", "Indicators CSV"),
    ("export_geojson", "Decisions GeoJSON"),
    ("export_map", "Map PNG"),
    ("export_chart", "Chart PNG"),
    ("print", "Print report"),
    ("share", "Copy share link"),
    ("share_copied", "Share link made:"),
    ("share_restored", "Settings restored from the share link."),
    ("share_failed", "The share link cannot be opened"),
    ("err_ambiguous", "Ambiguous number: use a point for decimals (1.5); commas only between groups of three digits (1,500)"),
    ("storage_unreadable", "A stored scenario could not be read. It is kept aside as it was and will not be overwritten; the other scenarios are loaded. You can download it raw"),
    ("storage_download_raw", "Download the raw record"),
    ("storage_discard", "Discard"),
    ("storage_discard_confirm", "Discard this unreadable record? This cannot be undone."),
    ("tab_merged", "Edits made to this scenario in another tab were taken in"),
    ("tab_deleted", "This scenario was deleted in another tab; another one is shown"),
    ("tab_conflict", "Another tab changed the same settings differently; choose which to keep"),
    ("conflict_keep_mine", "Keep this tab's"),
    ("conflict_take_theirs", "Take the other tab's"),
    ("dismiss", "Dismiss"),
    ("ratio_chart_title", "Beds per 1,000 by county: before, after and target"),
    ("target", "target"),
    ("shortfalls", "Targets that cannot be met"),
    ("hover_zone", "residents"),
    ("zoom_hint", "Wheel or pinch to zoom, drag to pan; arrow keys and +/− too"),
    ("reset_view", "Reset"),
    ("assumptions_title", "Assumptions and data sources"),
    ("tip_county", "County"),
    ("tip_density", "Density"),
    ("tip_minutes_after", "Minutes after the plan"),
    ("tip_within", "Within the threshold"),
    ("yes", "yes"),
    ("no", "no"),
    ("layer_e2sfca", "E2SFCA access (doctors per 1,000)"),
    ("tip_e2sfca_after", "E2SFCA after"),
    ("tip_tier", "Tier"),
    ("tip_beds", "Beds"),
    ("tip_doctors", "Doctors"),
    ("unit_min", "min"),
    ("tip_click", "Click to show its catchment"),
    ("specialty_paediatrics", "paediatrics"),
    ("specialty_haemodialysis", "haemodialysis"),
    ("specialty_mental_health", "mental health"),
    ("specialty_geriatrics", "geriatrics"),
    ("specialty_nuclear_medicine", "nuclear medicine"),
    ("specialty_obstetrics", "obstetrics"),
    ("layer_coverage", "Within the coverage threshold"),
    ("legend_coverage", "Coverage threshold"),
    ("legend_within", "within"),
    ("legend_beyond", "beyond"),
    ("legend_e2sfca", "Doctors per 1,000 reachable (E2SFCA)"),
    ("layers_label", "Layers"),
    ("layer_counties", "Counties"),
    ("layer_facilities", "Facilities"),
    ("layer_flows", "Secondment flows"),
    ("layer_catchments", "Catchments"),
    ("legend_catchment", "Catchment (selected facility or new sites)"),
    ("legend_size", "Marker size grows with beds"),
    ("curve_before", "Before"),
    ("curve_after", "After"),
    ("chart_ratios", "Beds and doctors per 1,000 by county (dashed: target)"),
    ("chart_beds", "Beds per 1,000"),
    ("chart_doctors", "Doctors per 1,000"),
    ("chart_secondments", "Doctors seconded per source hospital"),
    ("no_secondments", "This plan seconds no doctors."),
    ("chart_tradeoff", "Cost–coverage trade-off"),
    ("tradeoff_build", "Build the curve"),
    ("tradeoff_hint", "The least-cost plan at several coverage levels (each a full, checked plan). Click a point to open its settings and plan as a new scenario; yours is kept, to compare."),
    ("tradeoff_x", "Plan cost (million yuan)"),
    ("tradeoff_running", "Solving point"),
    ("tradeoff_points", "points"),
    ("point_floor", "least cost without the coverage target"),
    ("point_target", "least cost meeting every target"),
    ("point_level", "least cost for this coverage"),
    ("compare_title", "Compare scenarios"),
    ("compare_with", "Compare with"),
    ("compare_pick", "pick another scenario"),
    ("compare_needs_plan", "That scenario has no plan yet: open it and press Optimise to compare."),
    ("compare_delta", "Difference (B − A)"),
    ("compare_total", "Region"),
    ("cost_total", "Cost"),
    ("charts_title", "Plan charts"),
    ("compare_a", "A (open)"),
    ("compare_b", "B"),
    ("tradeoff_skipped", "levels skipped (solver failed)"),
    ("unit_facility", "facility"),
    ("unit_facilities", "facilities"),
    ("incumbent", "incumbent"),
    ("gap_short", "gap"),
    ("compare_zoom_hint", "Both maps zoom and pan together: wheel to zoom, drag to pan, double-click to reset"),
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

/// How money is shown in `lang`: the divisor from yuan and its unit
/// (万元 in Chinese, million yuan in English).
pub fn money_scale(lang: Lang) -> (f64, &'static str) {
    match lang {
        Lang::Zh => (1e4, "万元"),
        Lang::En => (1e6, "M yuan"),
    }
}

/// An amount of yuan in the planner's unit.
///
/// ```
/// use healthreach::i18n::{money, Lang};
/// assert_eq!(money(Lang::Zh, 952_360_000.0), "95,236 万元");
/// assert_eq!(money(Lang::En, 952_360_000.0), "952.36 M yuan");
/// ```
pub fn money(lang: Lang, yuan: f64) -> String {
    let (div, unit) = money_scale(lang);
    match lang {
        Lang::Zh => format!("{} {unit}", group_digits(yuan / div)),
        Lang::En => format!("{:.2} {unit}", yuan / div),
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
