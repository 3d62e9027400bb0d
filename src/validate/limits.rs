//! The plausible range of every number a scenario holds, defined once: the
//! validator, the scenario panel's fields (`view::policy_form`) and the CLI's
//! options all read these. A value outside its range is an error that names
//! the range and why it is there; ranges are wide enough for any real region
//! and narrow enough that the solver never sees numerically unsafe figures
//! (no value is positive yet tiny: each limit has a floor below which a
//! positive figure is refused).
//!
//! The table in `docs/scenario-format.md` ("Limits") lists the same figures.
//!
//! ```
//! use healthreach::validate::limits::{BEDS_PER_1000, POPULATION};
//! assert!(BEDS_PER_1000.contains(7.0));
//! assert!(!POPULATION.contains(2e9));
//! ```

/// A closed range with its unit and the reason for its bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    /// Smallest accepted value.
    pub min: f64,
    /// Largest accepted value.
    pub max: f64,
    /// Must be a whole number.
    pub whole: bool,
    /// A positive value below this is refused (use 0 or at least this): a
    /// figure like 1e-300 only makes the model numerically unsafe.
    pub floor: f64,
    /// Unit in English (`persons`, `yuan`…).
    pub unit: &'static str,
    /// Unit in Chinese.
    pub unit_zh: &'static str,
    /// Why the bound is where it is (English).
    pub why: &'static str,
    /// The same in Chinese.
    pub why_zh: &'static str,
}

impl Limit {
    /// Whether `v` is finite and within the range (and whole when it must be).
    pub fn contains(&self, v: f64) -> bool {
        v.is_finite()
            && v >= self.min
            && v <= self.max
            && (!self.whole || v.fract() == 0.0)
            && !(v > 0.0 && v < self.floor)
    }
}

/// China's population is 1.41 billion: no region, zone or threshold can exceed it.
const POP_MAX: f64 = 1.5e9;

/// Residents of a zone or an admin unit, and every population threshold.
/// Not necessarily whole: zone populations apportioned from census totals or
/// read from a raster are estimates with fractions.
pub const POPULATION: Limit = Limit {
    min: 0.0,
    max: POP_MAX,
    whole: false,
    floor: 1e-3,
    unit: "persons",
    unit_zh: "人",
    why: "more than any real region (China has 1.41 billion residents)",
    why_zh: "超过任何真实地区（全国常住人口 14.1 亿）",
};

/// Beds of one facility or one candidate site, and the most a facility may add.
pub const BEDS: Limit = Limit {
    min: 0.0,
    max: 20_000.0,
    whole: true,
    floor: 0.0,
    unit: "beds",
    unit_zh: "张床位",
    why: "the largest hospitals in China have about 10,000 beds",
    why_zh: "国内最大的医院约有 1 万张床位",
};

/// Doctors (and specialists) of one facility or candidate site, and the most a facility may add.
pub const DOCTORS: Limit = Limit {
    min: 0.0,
    max: 20_000.0,
    whole: true,
    floor: 0.0,
    unit: "doctors",
    unit_zh: "名医师",
    why: "the largest hospitals in China have a few thousand doctors",
    why_zh: "国内最大的医院约有数千名医师",
};

/// Unit costs: one bed, one post-year, one service opening, one secondment-year.
pub const UNIT_COST: Limit = Limit {
    min: 0.0,
    max: 1e9,
    whole: false,
    floor: 1.0,
    unit: "yuan",
    unit_zh: "元",
    why: "one bed, post, service or secondment does not cost a billion yuan",
    why_zh: "单张床位、岗位、服务或派驻不会花费 10 亿元",
};

/// The cost of opening a new service point or raising a facility's tier.
pub const SITE_COST: Limit = Limit {
    min: 0.0,
    max: 1e11,
    whole: false,
    floor: 1.0,
    unit: "yuan",
    unit_zh: "元",
    why: "more than the largest hospital ever built (about 10 billion yuan)",
    why_zh: "超过迄今最大的医院建设投资（约 100 亿元）",
};

/// The money budget.
pub const BUDGET: Limit = Limit {
    min: 0.0,
    max: 1e13,
    whole: false,
    floor: 1.0,
    unit: "yuan",
    unit_zh: "元",
    why: "more than China's total health spending in a year (about 9 trillion yuan)",
    why_zh: "超过全国一年的卫生总费用（约 9 万亿元）",
};

/// The pool of doctors that may be seconded.
pub const DOCTOR_POOL: Limit = Limit {
    min: 0.0,
    max: 1e7,
    whole: true,
    floor: 0.0,
    unit: "doctors",
    unit_zh: "名医师",
    why: "China has about 4.8 million licensed doctors",
    why_zh: "全国约有 480 万名执业（助理）医师",
};

/// Beds per 1,000 residents (target).
pub const BEDS_PER_1000: Limit = Limit {
    min: 0.0,
    max: 30.0,
    whole: false,
    floor: 1e-3,
    unit: "beds per 1,000",
    unit_zh: "张/千人",
    why: "the highest national figure in the world is about 13 (Japan)",
    why_zh: "世界最高的国家水平约为 13（日本）",
};

/// Integrated medical-and-elderly-care beds per 1,000 residents aged 65+
/// (China's elderly-care bed norms are in the tens per 1,000 elderly).
pub const ELDERLY_CARE_BEDS_PER_1000: Limit = Limit {
    min: 0.0,
    max: 200.0,
    whole: false,
    floor: 1e-3,
    unit: "beds per 1,000 aged 65+",
    unit_zh: "张/千名 65 岁及以上老人",
    why: "more than any elderly-care norm: 200 per 1,000 would be one bed for every five residents aged 65+",
    why_zh: "超过任何养老床位标准：每千名老人 200 张即每 5 名 65 岁以上老人一张床",
};

/// Doctors per 1,000 residents (target).
pub const DOCTORS_PER_1000: Limit = Limit {
    min: 0.0,
    max: 20.0,
    whole: false,
    floor: 1e-3,
    unit: "doctors per 1,000",
    unit_zh: "名/千人",
    why: "the highest national figures in the world are about 8",
    why_zh: "世界最高的国家水平约为 8",
};

/// Doctors at one township or community health centre (target).
pub const DOCTORS_PER_CENTRE: Limit = Limit {
    min: 0.0,
    max: 500.0,
    whole: true,
    floor: 1.0,
    unit: "doctors per centre",
    unit_zh: "名/中心",
    why: "the largest township health centres have a few hundred doctors",
    why_zh: "最大的乡镇卫生院约有数百名医师",
};

/// Access thresholds (coverage, paediatrics).
pub const ACCESS_MINUTES: Limit = Limit {
    min: 1.0,
    max: 120.0,
    whole: false,
    floor: 0.0,
    unit: "minutes",
    unit_zh: "分钟",
    why: "access targets are set between a few minutes and two hours",
    why_zh: "可及性目标一般在几分钟到两小时之间",
};

/// The longest trip of a seconded doctor.
pub const SECONDMENT_MINUTES: Limit = Limit {
    min: 1.0,
    max: 600.0,
    whole: false,
    floor: 0.0,
    unit: "minutes",
    unit_zh: "分钟",
    why: "a doctor does not commute more than ten hours",
    why_zh: "医师单程通勤不会超过十小时",
};

/// A travel time given in a table.
pub const TABLE_MINUTES: Limit = Limit {
    min: 0.0,
    max: 10_080.0,
    whole: false,
    floor: 0.0,
    unit: "minutes",
    unit_zh: "分钟",
    why: "a week; no trip to a clinic takes longer",
    why_zh: "一周；前往医疗机构的行程不会更长",
};

/// A road speed for one mode (0 = this mode may not use the road).
pub const SPEED: Limit = Limit {
    min: 0.0,
    max: 200.0,
    whole: false,
    floor: 0.0,
    unit: "km/h",
    unit_zh: "公里/小时",
    why: "no road vehicle travels faster",
    why_zh: "道路交通不会更快",
};

/// Weights of the weighted objective (per million yuan, per 1,000 uncovered residents).
pub const WEIGHT: Limit = Limit {
    min: 0.0,
    max: 1e6,
    whole: false,
    floor: 1e-6,
    unit: "",
    unit_zh: "",
    why: "weights are relative: beyond 10⁶ : 1 one term is all that counts and the model loses precision",
    why_zh: "权重是相对的：超过 10⁶ : 1 时只剩一项起作用，模型也会失去精度",
};

/// Service points considered per zone (least travel time).
pub const NEAREST_K: Limit = Limit {
    min: 1.0,
    max: 50.0,
    whole: true,
    floor: 0.0,
    unit: "service points",
    unit_zh: "个服务点",
    why: "residents choose among their few nearest service points; more only slows the solve",
    why_zh: "居民只在最近的几个服务点中选择；更多只会拖慢求解",
};

/// Residents one service point can serve (least travel time).
pub const CAPACITY: Limit = Limit {
    min: 1.0,
    max: POP_MAX,
    whole: false,
    floor: 0.0,
    unit: "persons",
    unit_zh: "人",
    why: "at least one resident, at most the country",
    why_zh: "至少 1 人，至多全国人口",
};

/// A share, 0–1.
pub const SHARE: Limit = Limit {
    min: 0.0,
    max: 1.0,
    whole: false,
    floor: 1e-6,
    unit: "",
    unit_zh: "",
    why: "a share lies between 0 and 1",
    why_zh: "比例在 0 与 1 之间",
};

/// Largest scenario file the CLI and the app read (bytes): 512 MiB.
pub const MAX_SCENARIO_BYTES: usize = 512 << 20;

/// Longest solve the CLI and the worker accept (seconds): one day.
pub const MAX_TIME_LIMIT_SECONDS: f64 = 86_400.0;

/// Checks a solver time limit (seconds): finite, > 0 and at most a day.
///
/// ```
/// use healthreach::validate::limits::time_limit;
/// assert_eq!(time_limit(30.0), Ok(30.0));
/// assert!(time_limit(f64::INFINITY).is_err());
/// assert!(time_limit(0.0).is_err());
/// ```
pub fn time_limit(t: f64) -> Result<f64, crate::diagnostics::Problem> {
    if t.is_finite() && t > 0.0 && t <= MAX_TIME_LIMIT_SECONDS {
        Ok(t)
    } else {
        let t = crate::diagnostics::num(t);
        Err(crate::diagnostics::Problem::error(
            "time_limit",
            format!(
                "time limit {t} s: give a number of seconds above 0 and at most \
                 {MAX_TIME_LIMIT_SECONDS} (one day), e.g. 30"
            ),
            format!("时间上限 {t} 秒：请填写大于 0、不超过 {MAX_TIME_LIMIT_SECONDS}（一天）的秒数，例如 30"),
        ))
    }
}

/// Checks a relative MIP gap: finite, in [0, 1).
pub fn mip_gap(g: f64) -> Result<f64, crate::diagnostics::Problem> {
    if g.is_finite() && (0.0..1.0).contains(&g) {
        Ok(g)
    } else {
        let g = crate::diagnostics::num(g);
        Err(crate::diagnostics::Problem::error(
            "mip_gap",
            format!(
                "MIP gap {g}: give a fraction from 0 up to (not including) 1, e.g. 0.001 for 0.1%"
            ),
            format!("MIP 间隙 {g}：请填写 0 到 1（不含）之间的比例，例如 0.001 表示 0.1%"),
        ))
    }
}

/// Power of the patient-choice model's travel-time decay.
pub const DECAY_POWER: Limit = Limit {
    min: 0.0,
    max: 5.0,
    whole: false,
    floor: 0.0,
    unit: "",
    unit_zh: "",
    why: "gravity models of health-care choice use powers from 0 to about 3",
    why_zh: "就医选择的重力模型一般取 0 到约 3 的幂",
};

/// A patient-choice tier weight.
pub const CHOICE_WEIGHT: Limit = Limit {
    min: 0.0,
    max: 100.0,
    whole: false,
    floor: 1e-6,
    unit: "",
    unit_zh: "",
    why: "a weight relative to the others; 100 times another already decides every choice",
    why_zh: "权重是相对值；为另一层级的 100 倍已足以决定全部选择",
};
