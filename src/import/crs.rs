//! Coordinate systems an input may be in, and their conversion to WGS84
//! longitude/latitude: the Chinese shifted systems (GCJ-02, BD-09, which no
//! projection library does: [`super::chinese_crs`]) and every projected
//! system proj4rs knows, named by an EPSG code, a proj string or the WKT of a
//! Shapefile's `.prj` (CGCS2000 3°/6° Gauss-Krüger zones, UTM, Web Mercator).

#[cfg(not(feature = "projections"))]
use no_projections::{transform, Proj};
#[cfg(feature = "projections")]
use proj4rs::{transform::transform, Proj};

/// A build without the `projections` feature (the portal's viewer, which
/// never imports a file) links neither proj4rs nor its EPSG table: on
/// wasm32 proj4rs exports its JavaScript API, which keeps all of it and the
/// 4 MB table in any wasm that depends on it. Here every projected system is
/// refused with a reason; nothing else changes.
#[cfg(not(feature = "projections"))]
mod no_projections {
    const WHY: &str = "projected coordinate systems are not part of this build";

    /// No projection can be made without the feature.
    #[derive(Clone, Debug)]
    pub enum Proj {}

    impl Proj {
        pub fn from_epsg_code(_: u16) -> Result<Proj, &'static str> {
            Err(WHY)
        }
        pub fn from_proj_string(_: &str) -> Result<Proj, &'static str> {
            Err(WHY)
        }
        pub fn is_latlong(&self) -> bool {
            match *self {}
        }
        pub fn ellipse_parameters(&self) -> (f64, f64) {
            match *self {}
        }
        pub fn has_inverse(&self) -> bool {
            match *self {}
        }
    }

    pub fn transform(p: &Proj, _: &Proj, _: &mut (f64, f64, f64)) -> Result<(), &'static str> {
        match *p {}
    }
}

#[cfg(feature = "projections")]
fn epsg_definition(code: u16) -> Option<String> {
    crs_definitions::from_code(code).map(|d| d.proj4.to_string())
}

#[cfg(not(feature = "projections"))]
fn epsg_definition(_: u16) -> Option<String> {
    None
}

/// What a coordinate system may be given as, for messages.
const ACCEPTED: &str = "give wgs84, cgcs2000, gcj02, bd09, an EPSG code (e.g. EPSG:4546 for CGCS2000 3° Gauss-Krüger 111°E, EPSG:32649 for UTM 49N, EPSG:3857) or a proj string";

/// A system's name folded for matching: lower case, letters, digits and `:`.
fn key_of(t: &str) -> String {
    t.to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ':')
        .collect()
}

/// A coordinate system.
#[derive(Clone)]
pub enum Crs {
    /// WGS84 or CGCS2000 longitude/latitude (the same within centimetres for planning).
    Wgs84,
    /// GCJ-02 (AMap, Tencent).
    Gcj02,
    /// BD-09 (Baidu).
    Bd09,
    /// A projected system (metres, or another geographic datum) converted by proj4rs.
    Projected(Box<Projected>),
}

/// A proj4rs definition and the WGS84 target.
#[derive(Clone)]
pub struct Projected {
    /// How it was named (EPSG code, proj string or the WKT's name).
    pub name: String,
    /// What a manifest declares to get it again (EPSG code or proj string).
    pub spec: String,
    from: Proj,
    to: Proj,
}

impl std::fmt::Debug for Crs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

impl PartialEq for Crs {
    fn eq(&self, other: &Crs) -> bool {
        self.name() == other.name()
    }
}

fn wgs84() -> Proj {
    Proj::from_proj_string("+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs")
        .expect("a fixed, valid proj string")
}

/// WKT → proj string: proj4wkt natively. In the browser proj4wkt cannot
/// be linked (it exports a wasm start function named `main`, which clashes
/// with the app's), so there the system is the WKT's own EPSG code when it
/// names one, else a transverse Mercator (Gauss-Krüger, UTM) read from its
/// parameters — the systems Chinese boundary files come in. The
/// conversion maths is proj4rs's on both targets; `tests` checks that both
/// readings agree.
#[cfg(not(target_arch = "wasm32"))]
fn wkt_to_projstring(wkt: &str) -> Result<String, String> {
    proj4wkt::wkt_to_projstring(wkt).map_err(|e| e.to_string())
}

#[cfg(target_arch = "wasm32")]
fn wkt_to_projstring(wkt: &str) -> Result<String, String> {
    wkt_to_projstring_lite(wkt)
}

/// The browser's reading of a WKT (see [`wkt_to_projstring`]).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn wkt_to_projstring_lite(wkt: &str) -> Result<String, String> {
    // The last AUTHORITY is the system's own (WKT1 puts it at the end).
    if let Some(i) = wkt.rfind("AUTHORITY[\"EPSG\",") {
        let code: String = wkt[i + 18..]
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if let Some(def) = code.parse::<u16>().ok().and_then(epsg_definition) {
            return Ok(def);
        }
    }
    let method = wkt
        .split("PROJECTION[\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("")
        .to_ascii_lowercase();
    if method != "transverse_mercator" {
        return Err(format!(
            "the projection method {method:?} is read by the command-line importer only"
        ));
    }
    let param = |names: &[&str]| -> Option<f64> {
        wkt.split("PARAMETER[\"").skip(1).find_map(|p| {
            let (k, rest) = p.split_once('"')?;
            let k = k.to_ascii_lowercase();
            names.contains(&k.as_str()).then(|| {
                rest.trim_start_matches(',')
                    .split(']')
                    .next()?
                    .trim()
                    .parse()
                    .ok()
            })?
        })
    };
    let spheroid = wkt.split("SPHEROID[\"").nth(1).and_then(|r| {
        let mut it = r.split(',').skip(1);
        let a: f64 = it.next()?.trim().parse().ok()?;
        let rf: f64 = it.next()?.trim().trim_end_matches(']').parse().ok()?;
        Some((a, rf))
    });
    let (a, rf) = spheroid.ok_or("the .prj has no SPHEROID")?;
    let unit = wkt
        .rsplit("UNIT[\"")
        .next()
        .and_then(|r| r.split(',').nth(1))
        .and_then(|v| v.trim().trim_end_matches(']').parse::<f64>().ok())
        .unwrap_or(1.0);
    Ok(format!(
        "+proj=tmerc +lat_0={} +lon_0={} +k={} +x_0={} +y_0={} +a={a} +rf={rf} +to_meter={unit} +no_defs",
        param(&["latitude_of_origin"]).unwrap_or(0.0),
        param(&["central_meridian", "longitude_of_center"]).ok_or("the .prj has no central meridian")?,
        param(&["scale_factor"]).unwrap_or(1.0),
        param(&["false_easting"]).unwrap_or(0.0) * unit,
        param(&["false_northing"]).unwrap_or(0.0) * unit,
    ))
}

/// The `name` inside `PROJCS["name", …` or `GEOGCS["name", …` of a WKT.
fn wkt_name(wkt: &str) -> String {
    wkt.split('"').nth(1).unwrap_or("WKT").to_string()
}

impl Crs {
    /// Reads a manifest's `crs` (None = WGS84); Err names what is accepted.
    ///
    /// ```
    /// use healthreach::import::crs::Crs;
    /// assert_eq!(Crs::parse(Some("GCJ-02")), Ok(Crs::Gcj02));
    /// assert_eq!(Crs::parse(Some("EPSG:4490")), Ok(Crs::Wgs84));
    /// let gk = Crs::parse(Some("EPSG:4546")).unwrap(); // CGCS2000 3° GK CM 111°E
    /// let p = gk.to_wgs84([500_000.0, 3_800_000.0]);
    /// assert!((p[0] - 111.0).abs() < 1e-9 && (p[1] - 34.33).abs() < 0.01, "{p:?}");
    /// assert!(Crs::parse(Some("EPSG:0")).is_err());
    /// ```
    pub fn parse(s: Option<&str>) -> Result<Crs, String> {
        let Some(s) = s else { return Ok(Crs::Wgs84) };
        let t = s.trim();
        let k = key_of(t);
        match k.as_str() {
            "wgs84" | "epsg:4326" | "cgcs2000" | "epsg:4490" | "4326" | "4490" | "crs84" => {
                return Ok(Crs::Wgs84)
            }
            "gcj02" | "amap" | "tencent" | "gaode" => return Ok(Crs::Gcj02),
            "bd09" | "baidu" | "bd09ll" => return Ok(Crs::Bd09),
            _ => {}
        }
        Crs::parse_projected(s, t, &k)
    }

    fn parse_projected(s: &str, t: &str, k: &str) -> Result<Crs, String> {
        let accepted = ACCEPTED;
        if let Some(code) = k.strip_prefix("epsg:") {
            let code: u16 = code
                .parse()
                .map_err(|_| format!("{s:?} is not an EPSG code; {accepted}"))?;
            let from = Proj::from_epsg_code(code).map_err(|_| {
                format!("EPSG:{code} is not a system this importer knows; {accepted}")
            })?;
            return Crs::projected(format!("EPSG:{code}"), format!("EPSG:{code}"), from);
        }
        if t.starts_with('+') {
            let from = Proj::from_proj_string(t)
                .map_err(|e| format!("the proj string {t:?} is not valid ({e}); {accepted}"))?;
            return Crs::projected(t.to_string(), t.to_string(), from);
        }
        let upper = t.to_ascii_uppercase();
        if ["PROJCS", "GEOGCS", "PROJCRS", "GEOGCRS", "GEODCRS"]
            .iter()
            .any(|w| upper.starts_with(w))
        {
            return Crs::from_wkt(t);
        }
        Err(format!("coordinate system {s:?} is not known; {accepted}"))
    }

    /// Reads the WKT of a `.prj` file.
    pub fn from_wkt(wkt: &str) -> Result<Crs, String> {
        let name = wkt_name(wkt);
        let esri = wkt.to_ascii_lowercase();
        // ArcGIS writes Web Mercator as Mercator_Auxiliary_Sphere.
        if esri.contains("mercator_auxiliary_sphere")
            || esri.contains("pseudo_mercator")
            || esri.contains("pseudo-mercator")
        {
            return Crs::parse(Some("EPSG:3857"));
        }
        // Geographic CGCS2000 or WGS84: longitude/latitude as they are.
        let projected = wkt.trim_start().to_ascii_uppercase().starts_with("PROJ");
        if !projected {
            let n = name.to_ascii_lowercase();
            if ["wgs", "2000", "cgcs", "china"]
                .iter()
                .any(|w| n.contains(w))
            {
                return Ok(Crs::Wgs84);
            }
        }
        // ArcGIS names the transverse Mercator Gauss_Kruger.
        let wkt = &wkt.replace("\"Gauss_Kruger\"", "\"Transverse_Mercator\"");
        let def = wkt_to_projstring(wkt).map_err(|e| {
            format!("the .prj names {name:?}, which cannot be converted ({e}); export the file in WGS84 or CGCS2000 longitude/latitude, or name the system with an EPSG code")
        })?;
        let from = Proj::from_proj_string(&def)
            .map_err(|e| format!("the .prj names {name:?} ({def}), which cannot be used ({e})"))?;
        Crs::projected(name, def, from)
    }

    // Without `projections` there is no `Proj` value, so all of this is unreachable.
    #[cfg_attr(not(feature = "projections"), allow(unreachable_code))]
    fn projected(name: String, spec: String, from: Proj) -> Result<Crs, String> {
        if from.is_latlong() && from.ellipse_parameters().0 == 6378137.0 {
            // WGS84, CGCS2000 (GRS80) and the like: the same within centimetres.
            return Ok(Crs::Wgs84);
        }
        if !from.has_inverse() {
            return Err(format!(
                "{name} cannot be converted back to longitude/latitude"
            ));
        }
        Ok(Crs::Projected(Box::new(Projected {
            name,
            spec,
            from,
            to: wgs84(),
        })))
    }

    /// A projected system from a proj string, under a readable name (the
    /// readings [`super::crs_evidence`] tries).
    pub fn from_proj_named(name: &str, proj: &str) -> Result<Crs, String> {
        let from = Proj::from_proj_string(proj).map_err(|e| format!("{proj}: {e}"))?;
        Crs::projected(name.to_string(), proj.to_string(), from)
    }

    /// What a manifest's `crs` says to get this system again.
    pub fn declaration(&self) -> String {
        match self {
            Crs::Wgs84 => "wgs84".into(),
            Crs::Gcj02 => "gcj02".into(),
            Crs::Bd09 => "bd09".into(),
            Crs::Projected(p) => p.spec.clone(),
        }
    }

    /// A short name for reports.
    pub fn name(&self) -> String {
        match self {
            Crs::Wgs84 => "WGS84".into(),
            Crs::Gcj02 => "GCJ-02".into(),
            Crs::Bd09 => "BD-09".into(),
            Crs::Projected(p) => p.name.clone(),
        }
    }

    /// Converts a position in this system to WGS84 (`[NaN, NaN]` when it
    /// cannot be, which the readers then reject as not a longitude/latitude).
    pub fn to_wgs84(&self, p: [f64; 2]) -> [f64; 2] {
        use super::chinese_crs::{bd09_to_wgs84, gcj02_to_wgs84};
        match self {
            Crs::Wgs84 => p,
            Crs::Gcj02 => gcj02_to_wgs84(p),
            Crs::Bd09 => bd09_to_wgs84(p),
            Crs::Projected(pr) => {
                if !p[0].is_finite() || !p[1].is_finite() {
                    return [f64::NAN, f64::NAN];
                }
                let mut pt = if pr.from.is_latlong() {
                    (p[0].to_radians(), p[1].to_radians(), 0.0)
                } else {
                    (p[0], p[1], 0.0)
                };
                match transform(&pr.from, &pr.to, &mut pt) {
                    Ok(()) if pt.0.is_finite() && pt.1.is_finite() => {
                        [pt.0.to_degrees(), pt.1.to_degrees()]
                    }
                    _ => [f64::NAN, f64::NAN],
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: [f64; 2], b: [f64; 2], tol: f64) -> bool {
        (a[0] - b[0]).abs() < tol && (a[1] - b[1]).abs() < tol
    }

    #[test]
    fn esri_gauss_kruger_prj_reads_as_transverse_mercator() {
        let prj = r#"PROJCS["CGCS2000_3_Degree_GK_CM_111E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
        let c = Crs::from_wkt(prj).expect("reads");
        let e = Crs::parse(Some("EPSG:4546")).unwrap();
        for p in [[500_000.0, 3_800_000.0], [420_000.0, 3_850_123.0]] {
            assert!(
                near(c.to_wgs84(p), e.to_wgs84(p), 1e-9),
                "{:?} {:?}",
                c.to_wgs84(p),
                e.to_wgs84(p)
            );
        }
    }

    #[test]
    fn epsg_wkt_of_zone_prefixed_gauss_kruger_and_utm() {
        // The WKT crs-definitions ships for EPSG:4525 (zone 37, false easting 37 500 000 m).
        let def = crs_definitions::from_code(4525).unwrap();
        let c = Crs::from_wkt(def.wkt).expect("reads");
        let p = c.to_wgs84([37_500_000.0, 3_800_000.0]);
        assert!(near(p, [111.0, 34.33], 0.01), "{p:?}");
        let utm = Crs::parse(Some("EPSG:32649")).unwrap();
        let q = utm.to_wgs84([500_000.0, 3_800_000.0]);
        assert!(near(q, [111.0, 34.3413], 1e-3), "{q:?}");
    }

    /// The browser's WKT reading gives the same positions as proj4wkt's.
    #[test]
    fn the_browsers_wkt_reading_agrees_with_proj4wkt() {
        let esri = r#"PROJCS["CGCS2000_3_Degree_GK_CM_111E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
        let utm_no_authority = r#"PROJCS["WGS_1984_UTM_Zone_49N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
        let mut wkts = vec![esri.to_string(), utm_no_authority.to_string()];
        for code in [4525u16, 4546, 4547, 32649, 32650] {
            wkts.push(crs_definitions::from_code(code).unwrap().wkt.to_string());
        }
        for w in &wkts {
            let full = Proj::from_proj_string(&wkt_to_projstring(w).unwrap()).unwrap();
            let lite = Proj::from_proj_string(&wkt_to_projstring_lite(w).unwrap()).unwrap();
            let (a, b) = (
                Crs::projected("a".into(), String::new(), full).unwrap(),
                Crs::projected("b".into(), String::new(), lite).unwrap(),
            );
            let x0 = if w.contains("zone 37") {
                37_000_000.0
            } else {
                0.0
            };
            for p in [[x0 + 420_000.0, 3_800_000.0], [x0 + 560_000.0, 2_500_000.0]] {
                let (pa, pb) = (a.to_wgs84(p), b.to_wgs84(p));
                assert!(near(pa, pb, 1e-9), "{w}: {pa:?} vs {pb:?}");
            }
        }
    }

    #[test]
    fn web_mercator_round_numbers() {
        let c = Crs::parse(Some("EPSG:3857")).unwrap();
        let p = c.to_wgs84([0.0, 0.0]);
        assert!(near(p, [0.0, 0.0], 1e-9), "{p:?}");
        // 109.5°E in Web Mercator metres.
        let x = 109.5f64.to_radians() * 6378137.0;
        assert!(near(c.to_wgs84([x, 0.0]), [109.5, 0.0], 1e-9));
        let esri = r#"PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],UNIT["Meter",1.0]]"#;
        assert!(near(
            Crs::from_wkt(esri).unwrap().to_wgs84([x, 0.0]),
            [109.5, 0.0],
            1e-9
        ));
    }

    #[test]
    fn geographic_cgcs2000_prj_is_longitude_latitude() {
        let prj = r#"GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#;
        assert_eq!(Crs::from_wkt(prj), Ok(Crs::Wgs84));
    }

    #[test]
    fn garbage_is_refused_with_a_reason() {
        for s in [
            "EPSG:99999",
            "EPSG:abc",
            "+proj=nonsense",
            "PROJCS[",
            "lambert",
        ] {
            assert!(Crs::parse(Some(s)).is_err(), "{s}");
        }
        assert!(Crs::Wgs84.to_wgs84([1.0, 2.0]) == [1.0, 2.0]);
        let c = Crs::parse(Some("EPSG:4546")).unwrap();
        assert!(c.to_wgs84([f64::NAN, 1.0])[0].is_nan());
        let _ = c.to_wgs84([1e300, -1e300]);
    }
}

/// In a build without projections (the page; imports run in the worker,
/// which has them): whether `s` is at least written as a system the
/// importer reads — an EPSG code, a proj string or WKT — so the wizard can
/// accept it and leave the full check to the import.
#[cfg(not(feature = "projections"))]
pub fn syntax_problem(s: &str) -> Option<String> {
    let t = s.trim();
    let k = key_of(t);
    let epsg = k
        .strip_prefix("epsg:")
        .is_some_and(|c| c.parse::<u16>().is_ok_and(|c| c > 0));
    let proj = t.starts_with("+proj=");
    let upper = t.to_ascii_uppercase();
    let wkt = ["PROJCS", "GEOGCS", "PROJCRS", "GEOGCRS", "GEODCRS"]
        .iter()
        .any(|w| upper.starts_with(w));
    (!(epsg || proj || wkt)).then(|| format!("{s:?} is not a coordinate system; {ACCEPTED}"))
}

#[cfg(all(test, not(feature = "projections")))]
mod syntax_tests {
    use super::syntax_problem;

    #[test]
    fn codes_proj_strings_and_wkt_pass_and_anything_else_is_named() {
        for ok in [
            "EPSG:4546",
            "epsg:32649",
            "+proj=tmerc +lon_0=111",
            "PROJCS[\"x\"]",
        ] {
            assert_eq!(syntax_problem(ok), None, "{ok}");
        }
        for bad in ["EPSG:99999999", "EPSG:0", "Gauss 111", "+lon_0=111"] {
            assert!(
                syntax_problem(bad).is_some_and(|m| m.contains("EPSG:4546")),
                "{bad}"
            );
        }
    }
}
