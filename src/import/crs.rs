//! Coordinate systems an input may be in, and their conversion to WGS84
//! longitude/latitude: the Chinese shifted systems (GCJ-02, BD-09, which no
//! projection library does: [`super::chinese_crs`]) and every projected
//! system proj4rs knows, named by an EPSG code, a proj string or the WKT of a
//! Shapefile's `.prj` (CGCS2000 3°/6° Gauss-Krüger zones, UTM, Web Mercator).

#[cfg(not(target_arch = "wasm32"))]
use proj4rs::Proj;

/// On wasm32 the projection crates are not linked (their wasm start
/// functions clash with the app's): projected systems are refused there.
#[cfg(target_arch = "wasm32")]
#[derive(Clone)]
struct Proj;
#[cfg(target_arch = "wasm32")]
impl Proj {
    fn unavailable<T>() -> Result<T, String> {
        Err("projected coordinate systems are converted by the command-line importer (healthreach import) in this version; reproject the file to WGS84 longitude/latitude for the browser".into())
    }
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
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub struct Projected {
    /// How it was named (EPSG code, proj string or the WKT's name).
    pub name: String,
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

#[cfg(not(target_arch = "wasm32"))]
fn wgs84() -> Proj {
    Proj::from_proj_string("+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs")
        .expect("a fixed, valid proj string")
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
        let k: String = t
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == ':')
            .collect();
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

    #[cfg(target_arch = "wasm32")]
    fn parse_projected(s: &str, t: &str, _k: &str) -> Result<Crs, String> {
        let upper = t.to_ascii_uppercase();
        if upper.starts_with("GEOGCS") {
            return Crs::from_wkt(t);
        }
        let _ = s;
        Proj::unavailable()
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn parse_projected(s: &str, t: &str, k: &str) -> Result<Crs, String> {
        let accepted = "give wgs84, cgcs2000, gcj02, bd09, an EPSG code (e.g. EPSG:4546 for CGCS2000 3° Gauss-Krüger 111°E, EPSG:32649 for UTM 49N, EPSG:3857) or a proj string";
        if let Some(code) = k.strip_prefix("epsg:") {
            let code: u16 = code
                .parse()
                .map_err(|_| format!("{s:?} is not an EPSG code; {accepted}"))?;
            let from = Proj::from_epsg_code(code).map_err(|_| {
                format!("EPSG:{code} is not a system this importer knows; {accepted}")
            })?;
            return Crs::projected(format!("EPSG:{code}"), from);
        }
        if t.starts_with('+') {
            let from = Proj::from_proj_string(t)
                .map_err(|e| format!("the proj string {t:?} is not valid ({e}); {accepted}"))?;
            return Crs::projected(t.to_string(), from);
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
    #[cfg_attr(target_arch = "wasm32", allow(clippy::needless_return))]
    pub fn from_wkt(wkt: &str) -> Result<Crs, String> {
        let name = wkt_name(wkt);
        #[cfg(target_arch = "wasm32")]
        {
            let n = name.to_ascii_lowercase();
            if !wkt.trim_start().to_ascii_uppercase().starts_with("PROJ")
                && ["wgs", "2000", "cgcs", "china"]
                    .iter()
                    .any(|w| n.contains(w))
            {
                return Ok(Crs::Wgs84);
            }
            return Proj::unavailable();
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let esri = wkt.to_ascii_lowercase();
            // ArcGIS writes Web Mercator as Mercator_Auxiliary_Sphere, and
            // Gauss-Krüger under that name (it is the transverse Mercator).
            if esri.contains("mercator_auxiliary_sphere")
                || esri.contains("pseudo_mercator")
                || esri.contains("pseudo-mercator")
            {
                return Crs::parse(Some("EPSG:3857"));
            }
            let wkt = &wkt.replace("\"Gauss_Kruger\"", "\"Transverse_Mercator\"");
            let upper = wkt.trim_start().to_ascii_uppercase();
            let projected = upper.starts_with("PROJ");
            // Geographic CGCS2000 or WGS84: longitude/latitude as they are.
            if !projected {
                let n = name.to_ascii_lowercase();
                if ["wgs", "2000", "cgcs", "china"]
                    .iter()
                    .any(|w| n.contains(w))
                {
                    return Ok(Crs::Wgs84);
                }
            }
            let def = proj4wkt::wkt_to_projstring(wkt).map_err(|e| {
            format!("the .prj names {name:?}, which cannot be converted ({e}); export the file in WGS84 or CGCS2000 longitude/latitude, or name the system with an EPSG code")
        })?;
            let from = Proj::from_proj_string(&def).map_err(|e| {
                format!("the .prj names {name:?} ({def}), which cannot be used ({e})")
            })?;
            Crs::projected(name, from)
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn projected(name: String, from: Proj) -> Result<Crs, String> {
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
            from,
            to: wgs84(),
        })))
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
            #[cfg(target_arch = "wasm32")]
            Crs::Projected(_) => [f64::NAN, f64::NAN],
            #[cfg(not(target_arch = "wasm32"))]
            Crs::Projected(pr) => {
                if !p[0].is_finite() || !p[1].is_finite() {
                    return [f64::NAN, f64::NAN];
                }
                let mut pt = if pr.from.is_latlong() {
                    (p[0].to_radians(), p[1].to_radians(), 0.0)
                } else {
                    (p[0], p[1], 0.0)
                };
                match proj4rs::transform::transform(&pr.from, &pr.to, &mut pt) {
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
