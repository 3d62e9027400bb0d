//! Features of a vector file — GeoJSON, a zipped Shapefile, or a `.shp`
//! with its sidecars — with their attributes as text and their geometry in
//! WGS84, handed to the caller one at a time (a province's roads are not
//! held twice). The coordinate system is the manifest's, else the `.prj`
//! (or a GeoJSON `crs` member), else WGS84, and the report says which.

use super::crs::Crs;
use super::pipeline::Files;
use super::report::{At, Report};
use super::tabular::file_error;
use geo::MapCoords;
use std::io::Cursor;

/// One feature.
pub struct Feature {
    /// Its number in the file, from 1.
    pub number: u64,
    /// Attributes as text, in the file's field order.
    pub props: Vec<(String, String)>,
    /// Geometry in WGS84 (None: the feature has none).
    pub geometry: Option<geo::Geometry<f64>>,
}

impl Feature {
    /// The attribute named `key` (compared after folding case and width).
    pub fn get(&self, key: &str) -> Option<&str> {
        let k = super::cells::fold(key);
        self.props
            .iter()
            .find(|(p, _)| super::cells::fold(p) == k)
            .map(|(_, v)| v.as_str())
    }

    /// The first attribute whose key has `role`.
    pub fn by_role(&self, role: super::headers::Role) -> Option<&str> {
        self.props
            .iter()
            .find(|(p, _)| super::headers::role_of(p) == Some(role))
            .map(|(_, v)| v.as_str())
    }
}

/// What the manifest says about a vector file.
#[derive(Default, Clone, Copy)]
pub struct VectorSpec<'a> {
    /// `crs` as declared.
    pub crs: Option<&'a str>,
    /// Attribute encoding as declared (Shapefiles).
    pub encoding: Option<&'a str>,
    /// Which layer of a zip with several Shapefiles.
    pub layer: Option<&'a str>,
}

fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.trim().to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

fn dbf_text(v: &shapefile::dbase::FieldValue) -> String {
    use shapefile::dbase::FieldValue as V;
    let num = |x: f64| {
        if x.fract() == 0.0 && x.abs() < 1e15 {
            format!("{}", x as i64)
        } else {
            x.to_string()
        }
    };
    match v {
        V::Character(Some(s)) | V::Memo(s) => s.trim().to_string(),
        V::Numeric(Some(x)) | V::Double(x) | V::Currency(x) => num(*x),
        V::Float(Some(x)) => num(*x as f64),
        V::Integer(i) => i.to_string(),
        V::Logical(Some(b)) => b.to_string(),
        V::Date(Some(d)) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        _ => String::new(),
    }
}

/// The system a GeoJSON file's (obsolete but common) `crs` member names.
fn geojson_crs(text: &str) -> Option<String> {
    // Only the head of the file: the member comes before the features.
    let head: String = text.chars().take(2000).collect();
    let i = head.find("\"crs\"")?;
    let rest = &head[i..];
    let name = rest.split("\"name\"").nth(1)?;
    let value = name.split('"').nth(1)?;
    let code = value.rsplit(':').next()?;
    if value.to_ascii_uppercase().contains("CRS84") {
        return Some("EPSG:4326".into());
    }
    code.parse::<u16>().ok().map(|c| format!("EPSG:{c}"))
}

/// Reads `path`, calling `each` per feature. None when the file could not
/// be read at all (the report says why).
pub fn read_vector(
    files: &dyn Files,
    path: &str,
    spec: VectorSpec,
    report: &mut Report,
    each: &mut dyn FnMut(Feature, &mut Report),
) -> Option<()> {
    let lower = path.to_ascii_lowercase();
    let bytes = match files.read(path) {
        Ok(b) => b,
        Err(e) => {
            return file_error(
                report,
                path,
                format!("cannot read the file: {e}"),
                format!("无法读取文件：{e}"),
                "check the path (relative to the manifest)",
            )
        }
    };
    let is_zip = bytes.starts_with(b"PK\x03\x04") || lower.ends_with(".zip");
    let is_shp = lower.ends_with(".shp") || bytes.get(..4) == Some(&[0, 0, 0x27, 0x0A]);
    if is_zip || is_shp {
        let parts = if is_zip {
            match super::shapefile_zip::from_zip(&bytes, spec.layer) {
                Ok(p) => p,
                Err(e) => {
                    return file_error(
                        report,
                        path,
                        e.clone(),
                        format!("无法读取压缩包：{e}"),
                        "zip the .shp, .shx, .dbf and .prj of one layer together",
                    )
                }
            }
        } else {
            let stem = &path[..path.len() - 4];
            let side = |ext: &str| {
                files
                    .read(&format!("{stem}.{ext}"))
                    .or_else(|_| files.read(&format!("{stem}.{}", ext.to_ascii_uppercase())))
                    .ok()
            };
            let text = |b: Option<Vec<u8>>| b.map(|b| super::text::decode(&b, None).text);
            super::shapefile_zip::Parts {
                name: path.to_string(),
                shx: side("shx"),
                dbf: side("dbf"),
                prj: text(side("prj")),
                cpg: text(side("cpg")),
                shp: bytes,
                others: vec![],
            }
        };
        drop_others(path, &parts, report);
        return read_shapefile(path, parts, spec, report, each);
    }
    read_geojson(path, &bytes, spec, report, each)
}

fn drop_others(path: &str, parts: &super::shapefile_zip::Parts, report: &mut Report) {
    if !parts.others.is_empty() {
        report.assume(
            format!(
                "{path}: read the layer {}; the archive's other layers ({}) were not read (name one with \"layer\")",
                parts.name,
                parts.others.join(", ")
            ),
            format!(
                "{path}：读取图层 {}；压缩包中的其他图层（{}）未读取（可用 layer 指定）",
                parts.name,
                parts.others.join("、")
            ),
        );
    }
}

/// The system to use: declared, else the file's own, else WGS84.
fn choose_crs(
    path: &str,
    declared: Option<&str>,
    own: Option<Result<Crs, String>>,
    report: &mut Report,
) -> Option<Crs> {
    if let Some(d) = declared {
        return match Crs::parse(Some(d)) {
            Ok(c) => Some(c),
            Err(e) => file_error(
                report,
                path,
                e.clone(),
                e,
                "declare the coordinate system the file is in",
            ),
        };
    }
    match own {
        Some(Ok(c)) => {
            report.assume(
                format!("{path}: coordinates in {} (as the file says)", c.name()),
                format!("{path}：坐标系为 {}（按文件所述）", c.name()),
            );
            Some(c)
        }
        Some(Err(e)) => file_error(
            report,
            path,
            e.clone(),
            format!("无法使用文件声明的坐标系：{e}"),
            "declare the coordinate system in the manifest (crs: EPSG:nnnn)",
        ),
        None => {
            report.assume(
                format!("{path}: no coordinate system given; longitude/latitude in WGS84 assumed"),
                format!("{path}：未给出坐标系，按 WGS84 经纬度读取"),
            );
            Some(Crs::Wgs84)
        }
    }
}

fn to_wgs84(g: geo::Geometry<f64>, crs: &Crs) -> geo::Geometry<f64> {
    if matches!(crs, Crs::Wgs84) {
        return g;
    }
    g.map_coords(|c| {
        let [x, y] = crs.to_wgs84([c.x, c.y]);
        geo::coord! { x: x, y: y }
    })
}

/// A Shapefile polygon's rings as (is outer, positions), whatever its point type.
macro_rules! rings {
    ($p:expr) => {
        $p.rings().iter().map(|r| match r {
            shapefile::PolygonRing::Outer(ps) => (
                true,
                ps.iter().map(|q| geo::coord! { x: q.x, y: q.y }).collect(),
            ),
            shapefile::PolygonRing::Inner(ps) => (
                false,
                ps.iter().map(|q| geo::coord! { x: q.x, y: q.y }).collect(),
            ),
        })
    };
}

/// The shapes in a `.shp`, counted by walking its record headers (each
/// 8 bytes: number, then content length in 16-bit words, big-endian), or
/// `None` when the file is too damaged to walk.
fn shape_count(shp: &[u8]) -> Option<u64> {
    let (mut at, mut n) = (100usize, 0u64);
    while at < shp.len() {
        let words = i32::from_be_bytes(shp.get(at + 4..at + 8)?.try_into().ok()?);
        let content = usize::try_from(words).ok()?.checked_mul(2)?;
        at = at.checked_add(8 + content)?;
        if at > shp.len() {
            return None;
        }
        n += 1;
    }
    (shp.len() >= 100).then_some(n)
}

/// The record count a `.dbf` declares (bytes 4–7, little-endian).
fn dbf_record_count(dbf: &[u8]) -> Option<u64> {
    Some(u32::from_le_bytes(dbf.get(4..8)?.try_into().ok()?) as u64)
}

fn read_shapefile(
    path: &str,
    parts: super::shapefile_zip::Parts,
    spec: VectorSpec,
    report: &mut Report,
    each: &mut dyn FnMut(Feature, &mut Report),
) -> Option<()> {
    let Some(dbf) = parts.dbf else {
        return file_error(
            report,
            path,
            format!("{} has no .dbf (the attribute table)", parts.name),
            format!("{} 缺少 .dbf（属性表）", parts.name),
            "send the .shp, .shx, .dbf and .prj together",
        );
    };
    let crs = choose_crs(
        path,
        spec.crs,
        parts.prj.as_deref().map(Crs::from_wkt),
        report,
    )?;
    let declared = match spec.encoding {
        Some(e) => match super::text::encoding_named(e) {
            Some(x) => Some(x),
            None => {
                return file_error(
                    report,
                    path,
                    format!("unknown encoding {e:?}"),
                    format!("未知编码 {e:?}"),
                    "use utf-8 or gbk, or leave it out to detect",
                )
            }
        },
        None => None,
    };
    let (enc, how) = super::shapefile_zip::dbf_encoding(&dbf, parts.cpg.as_deref(), declared);
    if spec.encoding.is_none() {
        report.assume(
            format!("{path}: attribute text read as {} ({how})", enc.name()),
            format!("{path}：属性文字按 {} 编码读取", enc.name()),
        );
    }
    let broken = |e: String, report: &mut Report| {
        file_error::<()>(
            report,
            path,
            format!("{} cannot be read: {e}", parts.name),
            format!("{} 无法读取：{e}", parts.name),
            "export the layer again from GIS software",
        )
    };
    if let (Some(shapes), Some(records)) = (shape_count(&parts.shp), dbf_record_count(&dbf)) {
        if shapes != records {
            return file_error(
                report,
                path,
                format!(
                    "{}: the .shp holds {shapes} shapes but the .dbf holds {records} records, so shapes and attributes cannot be paired",
                    parts.name
                ),
                format!(
                    "{}：.shp 有 {shapes} 个图形，而 .dbf 有 {records} 条记录，图形与属性无法一一对应",
                    parts.name
                ),
                "send the .shp, .shx and .dbf of one export together",
            );
        }
    }
    let shapes = match parts.shx {
        Some(shx) => shapefile::ShapeReader::with_shx(Cursor::new(parts.shp), Cursor::new(shx)),
        None => shapefile::ShapeReader::new(Cursor::new(parts.shp)),
    };
    let shapes = match shapes {
        Ok(s) => s,
        Err(e) => return broken(e.to_string(), report),
    };
    let table = shapefile::dbase::ReaderBuilder::new()
        .with_encoding(shapefile::dbase::encoding::EncodingRs::from(enc))
        .build(Cursor::new(dbf));
    let table = match table {
        Ok(t) => t,
        Err(e) => return broken(e.to_string(), report),
    };
    let fields: Vec<String> = table
        .fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    let mut reader = shapefile::Reader::new(shapes, table);
    let mut n = 0u64;
    for item in reader.iter_shapes_and_records() {
        n += 1;
        let (shape, record) =
            match item {
                Ok(x) => x,
                Err(e) => {
                    report.rejected.push(At { file: path, row: Some(n) }.entry(
                    "",
                    "",
                    format!("feature {n} cannot be read ({e}); the rest of the file is left out"),
                    format!("第 {n} 个要素无法读取（{e}）；其后内容未导入"),
                    "export the layer again from GIS software",
                ));
                    break;
                }
            };
        let mut map: std::collections::HashMap<String, shapefile::dbase::FieldValue> =
            record.into_iter().collect();
        let props = fields
            .iter()
            .map(|f| {
                (
                    f.clone(),
                    map.remove(f).map(|v| dbf_text(&v)).unwrap_or_default(),
                )
            })
            .collect();
        let geometry = match shape {
            shapefile::Shape::NullShape => None,
            shapefile::Shape::Polygon(p) => Some(to_wgs84(polygon_of(rings!(p)), &crs)),
            shapefile::Shape::PolygonZ(p) => Some(to_wgs84(polygon_of(rings!(p)), &crs)),
            shapefile::Shape::PolygonM(p) => Some(to_wgs84(polygon_of(rings!(p)), &crs)),
            s => geo::Geometry::<f64>::try_from(s)
                .ok()
                .map(|g| to_wgs84(g, &crs)),
        };
        each(
            Feature {
                number: n,
                props,
                geometry,
            },
            report,
        );
    }
    Some(())
}

fn read_geojson(
    path: &str,
    bytes: &[u8],
    spec: VectorSpec,
    report: &mut Report,
    each: &mut dyn FnMut(Feature, &mut Report),
) -> Option<()> {
    // UTF-8 without a mark is read in place; anything else is decoded once.
    let decoded;
    let data: &[u8] =
        if !bytes.starts_with(&[0xEF, 0xBB, 0xBF]) && std::str::from_utf8(bytes).is_ok() {
            bytes
        } else {
            decoded = super::text::decode(bytes, None).text;
            decoded.as_bytes()
        };
    let head = String::from_utf8_lossy(&data[..data.len().min(4000)]).into_owned();
    let own = geojson_crs(&head).map(|c| Crs::parse(Some(&c)));
    let crs = choose_crs(path, spec.crs, own, report)?;
    let mut n = 0u64;
    let mut handle = |f: geojson::Feature, report: &mut Report| {
        n += 1;
        let props = f
            .properties
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k, json_text(&v)))
            .collect();
        let geometry = f
            .geometry
            .and_then(|g| geo_of(&g.value))
            .map(|g| to_wgs84(g, &crs));
        each(
            Feature {
                number: n,
                props,
                geometry,
            },
            report,
        );
    };
    // A FeatureCollection is streamed one feature at a time (a province's
    // roads are a million features); anything else is small and parsed whole.
    let mut de = serde_json::Deserializer::from_slice(data);
    let streamed = serde::de::Deserializer::deserialize_any(
        &mut de,
        Collection {
            each: &mut |f| handle(f, report),
            seen: false,
        },
    );
    match streamed {
        Ok(true) => return Some(()),
        Ok(false) => {}
        Err(e) => {
            return file_error(
                report,
                path,
                format!("not GeoJSON after feature {n}: {e}"),
                format!("第 {n} 个要素之后不是有效 GeoJSON：{e}"),
                "export it as a GeoJSON FeatureCollection or a zipped Shapefile",
            )
        }
    }
    match serde_json::from_slice::<geojson::GeoJson>(data) {
        Ok(geojson::GeoJson::Feature(f)) => {
            handle(f, report);
            Some(())
        }
        Ok(_) => file_error(
            report,
            path,
            "a bare geometry (or an empty collection) has no attributes".into(),
            "裸几何（或空集合）没有属性".into(),
            "give a FeatureCollection whose features carry properties",
        ),
        Err(e) => file_error(
            report,
            path,
            format!("not GeoJSON: {e}"),
            format!("不是 GeoJSON：{e}"),
            "export it as a GeoJSON FeatureCollection or a zipped Shapefile",
        ),
    }
}

/// Visits a top-level object, handing each element of its `features`
/// array to `each` as it is parsed. Ok(true): a `features` array was seen.
struct Collection<'a> {
    each: &'a mut dyn FnMut(geojson::Feature),
    seen: bool,
}

struct Features<'a, 'b>(&'a mut Collection<'b>);

impl<'de> serde::de::DeserializeSeed<'de> for Features<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Features<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of features")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(feature) = seq.next_element::<geojson::Feature>()? {
            (self.0.each)(feature);
        }
        self.0.seen = true;
        Ok(())
    }
}

impl<'de> serde::de::Visitor<'de> for Collection<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a GeoJSON object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(mut self, mut map: A) -> Result<bool, A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "features" {
                map.next_value_seed(Features(&mut self))?;
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(self.seen)
    }
}

/// A GeoJSON geometry as geo's, or None when a position has fewer than two
/// numbers (the crate's own conversion would index past them).
fn geo_of(v: &geojson::GeometryValue) -> Option<geo::Geometry<f64>> {
    use geojson::GeometryValue as G;
    fn c(p: &geojson::Position) -> Option<geo::Coord<f64>> {
        match p.as_slice() {
            [x, y, ..] => Some(geo::coord! { x: *x, y: *y }),
            _ => None,
        }
    }
    fn line(ps: &[geojson::Position]) -> Option<geo::LineString<f64>> {
        ps.iter()
            .map(c)
            .collect::<Option<Vec<_>>>()
            .map(geo::LineString::new)
    }
    fn poly(rings: &[Vec<geojson::Position>]) -> Option<geo::Polygon<f64>> {
        let mut rs = rings
            .iter()
            .map(|r| line(r))
            .collect::<Option<Vec<_>>>()?
            .into_iter();
        let outer = rs.next().unwrap_or_else(|| geo::LineString::new(vec![]));
        Some(geo::Polygon::new(outer, rs.collect()))
    }
    Some(match v {
        G::Point { coordinates } => geo::Geometry::Point(geo::Point(c(coordinates)?)),
        G::MultiPoint { coordinates } => geo::Geometry::MultiPoint(geo::MultiPoint(
            coordinates
                .iter()
                .map(|p| c(p).map(geo::Point))
                .collect::<Option<_>>()?,
        )),
        G::LineString { coordinates } => geo::Geometry::LineString(line(coordinates)?),
        G::MultiLineString { coordinates } => geo::Geometry::MultiLineString(geo::MultiLineString(
            coordinates.iter().map(|l| line(l)).collect::<Option<_>>()?,
        )),
        G::Polygon { coordinates } => geo::Geometry::Polygon(poly(coordinates)?),
        G::MultiPolygon { coordinates } => geo::Geometry::MultiPolygon(geo::MultiPolygon(
            coordinates.iter().map(|p| poly(p)).collect::<Option<_>>()?,
        )),
        G::GeometryCollection { geometries } => {
            geo::Geometry::GeometryCollection(geo::GeometryCollection(
                geometries
                    .iter()
                    .map(|g| geo_of(&g.value))
                    .collect::<Option<_>>()?,
            ))
        }
    })
}

/// A Shapefile polygon's rings as a multipolygon: each hole goes to the
/// outer ring that holds it, wherever the file lists it (the format does
/// not order them); a hole inside no outer ring becomes an outer ring.
fn polygon_of(rings: impl Iterator<Item = (bool, Vec<geo::Coord<f64>>)>) -> geo::Geometry<f64> {
    use geo::{Area, Contains};
    let (mut outers, mut holes): (Vec<geo::Polygon<f64>>, Vec<geo::LineString<f64>>) =
        (vec![], vec![]);
    for (outer, ps) in rings {
        if outer {
            outers.push(geo::Polygon::new(geo::LineString::new(ps), vec![]));
        } else {
            holes.push(geo::LineString::new(ps));
        }
    }
    for h in holes {
        let home = h.0.first().and_then(|c| {
            let p = geo::Point::from(*c);
            outers
                .iter()
                .enumerate()
                .filter(|(_, o)| o.contains(&p) || o.exterior().contains(&p))
                .min_by(|a, b| a.1.unsigned_area().total_cmp(&b.1.unsigned_area()))
                .map(|(i, _)| i)
        });
        match home {
            Some(i) => outers[i].interiors_push(h),
            None => outers.push(geo::Polygon::new(h, vec![])),
        }
    }
    geo::Geometry::MultiPolygon(geo::MultiPolygon(outers))
}
