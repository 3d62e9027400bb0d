//! An ESRI Shapefile as planners send it: zipped (`.shp .shx .dbf`, with a
//! `.prj` and often a `.cpg`), or as loose files next to the manifest. The
//! attribute table's text encoding comes from the manifest, else the `.cpg`,
//! else the DBF's language driver byte, else detection (UTF-8 when the bytes
//! are valid UTF-8, GB18030 otherwise — what Chinese GIS software writes).

use encoding_rs::{Encoding, GB18030, UTF_8};
use std::io::{Cursor, Read};

/// Largest part of a Shapefile read from an archive (bytes).
pub const MAX_PART_BYTES: u64 = crate::validate::limits::MAX_SCENARIO_BYTES as u64;

/// The parts of one Shapefile.
pub struct Parts {
    /// The `.shp` name inside the archive (or the path).
    pub name: String,
    /// The geometry (`.shp`).
    pub shp: Vec<u8>,
    /// The record index (`.shx`), if sent.
    pub shx: Option<Vec<u8>>,
    /// The attribute table (`.dbf`), if sent.
    pub dbf: Option<Vec<u8>>,
    /// The coordinate system as WKT (`.prj`), if sent.
    pub prj: Option<String>,
    /// The attribute encoding's name (`.cpg`), if sent.
    pub cpg: Option<String>,
    /// Other `.shp` files in the archive (not read; reported).
    pub others: Vec<String>,
}

fn stem_ext(name: &str) -> (String, String) {
    match name.rsplit_once('.') {
        Some((s, e)) => (s.to_string(), e.to_ascii_lowercase()),
        None => (name.to_string(), String::new()),
    }
}

/// The parts of the (first) Shapefile in a zip archive. `prefer` picks one
/// by its name without extension when the archive holds several.
pub fn from_zip(bytes: &[u8], prefer: Option<&str>) -> Result<Parts, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable zip archive ({e})"))?;
    let names: Vec<String> = (0..zip.len())
        .filter_map(|i| zip.by_index(i).ok().map(|f| f.name().to_string()))
        .collect();
    let mut shps: Vec<&String> = names
        .iter()
        .filter(|n| stem_ext(n).1 == "shp" && !n.starts_with("__MACOSX"))
        .collect();
    shps.sort();
    if shps.is_empty() {
        return Err(format!(
            "the archive holds no .shp file (it holds: {})",
            crate::diagnostics::short(&names.join(", "))
        ));
    }
    let chosen = prefer
        .and_then(|p| {
            shps.iter()
                .find(|n| {
                    let s = stem_ext(n).0;
                    s == p || s.rsplit('/').next() == Some(p)
                })
                .copied()
        })
        .unwrap_or(shps[0])
        .clone();
    let stem = stem_ext(&chosen).0;
    let mut part = |ext: &str| -> Result<Option<Vec<u8>>, String> {
        let Some(i) = names
            .iter()
            .position(|n| stem_ext(n) == (stem.clone(), ext.to_string()))
        else {
            return Ok(None);
        };
        let f = zip
            .by_index(i)
            .map_err(|e| format!("cannot read {stem}.{ext} in the archive ({e})"))?;
        let mut out = Vec::new();
        f.take(MAX_PART_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("cannot unpack {stem}.{ext} ({e})"))?;
        if out.len() as u64 > MAX_PART_BYTES {
            return Err(format!(
                "{stem}.{ext} unpacks to more than {} MiB",
                MAX_PART_BYTES >> 20
            ));
        }
        Ok(Some(out))
    };
    let shp = part("shp")?.unwrap_or_default();
    let shx = part("shx")?;
    let dbf = part("dbf")?;
    let text = |b: Option<Vec<u8>>| b.map(|b| super::text::decode(&b, None).text);
    let prj = text(part("prj")?);
    let cpg = text(part("cpg")?);
    Ok(Parts {
        others: shps
            .iter()
            .filter(|n| ***n != chosen)
            .map(|n| n.to_string())
            .collect(),
        name: chosen,
        shp,
        shx,
        dbf,
        prj,
        cpg,
    })
}

/// The encoding of a DBF's text: declared, else `.cpg`, else the language
/// driver byte (offset 29), else detected. Returns it and how it was found.
pub fn dbf_encoding(
    dbf: &[u8],
    cpg: Option<&str>,
    declared: Option<&'static Encoding>,
) -> (&'static Encoding, &'static str) {
    if let Some(e) = declared {
        return (e, "declared");
    }
    if let Some(c) = cpg {
        let c = c.trim();
        let label = match c {
            "936" | "CP936" | "cp936" => "gbk",
            "65001" => "utf-8",
            other => other,
        };
        if let Some(e) = super::text::encoding_named(label) {
            return (e, "from the .cpg file");
        }
    }
    if let Some(0x4D | 0x7A) = dbf.get(29) {
        return (GB18030, "from the DBF language driver (GBK)");
    }
    // Text fields sit after the header; UTF-8 when all of it is valid UTF-8.
    let header = dbf
        .get(8..10)
        .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
        .unwrap_or(0)
        .min(dbf.len());
    if std::str::from_utf8(&dbf[header..]).is_ok() {
        (UTF_8, "detected (valid UTF-8)")
    } else {
        (GB18030, "detected (not UTF-8: read as GBK/GB18030)")
    }
}
