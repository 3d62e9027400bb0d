//! A population raster (GeoTIFF, e.g. WorldPop 100 m in WGS84): the
//! persons per cell, read strip by strip (or tile by tile) so a province's
//! 20 million cells are never held at once, each cell's centre handed to
//! the caller in WGS84. The georeference comes from the GeoTIFF tags
//! (ModelPixelScale + ModelTiepoint, or ModelTransformation); the system
//! from its GeoKeys (EPSG code), else the manifest, else WGS84. Cells that
//! are the no-data value, negative or not finite hold no one.

use super::crs::Crs;
use std::io::Cursor;
use tiff::decoder::{Decoder, DecodingResult, Limits};
use tiff::tags::Tag;

/// Most cells a raster may have.
pub const MAX_CELLS: u64 = 200_000_000;

/// What was read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RasterSummary {
    /// Width × height.
    pub cells: u64,
    /// Cells holding people.
    pub populated: u64,
    /// Sum of all cells (persons).
    pub total: f64,
    /// The system used.
    pub crs: String,
}

/// The EPSG code a GeoKeyDirectory names (projected, else geographic).
fn epsg_of(keys: &[u16]) -> Option<u16> {
    let n = *keys.get(3)? as usize;
    let mut geographic = None;
    let mut projected = None;
    for k in 0..n {
        let e = keys.get(4 + 4 * k..8 + 4 * k)?;
        if e[1] != 0 {
            continue;
        }
        match e[0] {
            2048 => geographic = Some(e[3]),
            3072 => projected = Some(e[3]),
            _ => {}
        }
    }
    projected
        .filter(|c| *c != 32767)
        .or(geographic.filter(|c| *c != 32767))
}

fn err(e: impl std::fmt::Display) -> String {
    format!("not a readable GeoTIFF ({e})")
}

/// Reads the raster, calling `each(lon, lat, persons)` for every populated
/// cell. `declared` is the manifest's system, used when the keys say none.
pub fn read_raster(
    bytes: &[u8],
    declared: Option<&str>,
    each: &mut dyn FnMut(f64, f64, f64),
) -> Result<RasterSummary, String> {
    let mut limits = Limits::default();
    limits.decoding_buffer_size = 64 << 20;
    let mut d = Decoder::new(Cursor::new(bytes))
        .map_err(err)?
        .with_limits(limits);
    let (w, h) = d.dimensions().map_err(err)?;
    let cells = w as u64 * h as u64;
    if cells == 0 || cells > MAX_CELLS {
        return Err(format!(
            "the raster has {w} × {h} cells; give 1 to {MAX_CELLS} (coarsen it, e.g. to 100 m, or clip it to the region)"
        ));
    }
    match d.colortype().map_err(err)? {
        tiff::ColorType::Gray(_) => {}
        other => {
            return Err(format!(
                "the raster has {other:?} pixels; give one band of persons per cell"
            ))
        }
    }
    // Georeference: cell centre (col + ½, row + ½) → x, y.
    let transform: [f64; 6] = match d.get_tag_f64_vec(Tag::ModelTransformationTag) {
        Ok(m) if m.len() >= 8 => [m[0], m[1], m[3], m[4], m[5], m[7]],
        _ => {
            let scale = d
                .get_tag_f64_vec(Tag::ModelPixelScaleTag)
                .map_err(|_| "the GeoTIFF has no ModelPixelScale or ModelTransformation tag: it is not georeferenced".to_string())?;
            let tie = d.get_tag_f64_vec(Tag::ModelTiepointTag).map_err(|_| {
                "the GeoTIFF has no ModelTiepoint tag: it is not georeferenced".to_string()
            })?;
            if scale.len() < 2 || tie.len() < 6 {
                return Err("the GeoTIFF's georeference tags are incomplete".into());
            }
            let (sx, sy) = (scale[0], scale[1]);
            [
                sx,
                0.0,
                tie[3] - tie[0] * sx,
                0.0,
                -sy,
                tie[4] + tie[1] * sy,
            ]
        }
    };
    if !transform.iter().all(|v| v.is_finite()) || transform[0] == 0.0 && transform[1] == 0.0 {
        return Err("the GeoTIFF's georeference is degenerate".into());
    }
    let keys = d.get_tag_u16_vec(Tag::GeoKeyDirectoryTag).ok();
    let crs = match keys.as_deref().and_then(epsg_of) {
        Some(code) => Crs::parse(Some(&format!("EPSG:{code}")))?,
        None => Crs::parse(declared)?,
    };
    let nodata: Option<f64> = d
        .get_tag_ascii_string(Tag::GdalNodata)
        .ok()
        .and_then(|s| s.trim().trim_end_matches('\0').parse().ok());
    let tiled = matches!(d.get_chunk_type(), tiff::decoder::ChunkType::Tile);
    let chunks = if tiled {
        d.tile_count()
    } else {
        d.strip_count()
    }
    .map_err(err)?;
    let (cw, ch) = d.chunk_dimensions();
    if cw == 0 || ch == 0 {
        return Err("the GeoTIFF's strips or tiles have no size".into());
    }
    let across = w.div_ceil(cw).max(1);
    let mut summary = RasterSummary {
        cells,
        crs: crs.name(),
        ..Default::default()
    };
    for i in 0..chunks {
        let (x0, y0) = if tiled {
            ((i % across) * cw, (i / across) * ch)
        } else {
            (0, i * ch)
        };
        if y0 >= h || x0 >= w {
            break;
        }
        let (dw, _) = d.chunk_data_dimensions(i);
        let data = d.read_chunk(i).map_err(err)?;
        let value = |k: usize| -> Option<f64> {
            Some(match &data {
                DecodingResult::U8(v) => *v.get(k)? as f64,
                DecodingResult::U16(v) => *v.get(k)? as f64,
                DecodingResult::U32(v) => *v.get(k)? as f64,
                DecodingResult::U64(v) => *v.get(k)? as f64,
                DecodingResult::I8(v) => *v.get(k)? as f64,
                DecodingResult::I16(v) => *v.get(k)? as f64,
                DecodingResult::I32(v) => *v.get(k)? as f64,
                DecodingResult::I64(v) => *v.get(k)? as f64,
                DecodingResult::F32(v) => *v.get(k)? as f64,
                DecodingResult::F64(v) => *v.get(k)?,
                DecodingResult::F16(v) => f32::from(*v.get(k)?) as f64,
            })
        };
        let len = match &data {
            DecodingResult::U8(v) => v.len(),
            DecodingResult::U16(v) => v.len(),
            DecodingResult::U32(v) => v.len(),
            DecodingResult::U64(v) => v.len(),
            DecodingResult::I8(v) => v.len(),
            DecodingResult::I16(v) => v.len(),
            DecodingResult::I32(v) => v.len(),
            DecodingResult::I64(v) => v.len(),
            DecodingResult::F32(v) => v.len(),
            DecodingResult::F64(v) => v.len(),
            DecodingResult::F16(v) => v.len(),
        };
        let stride = dw.max(1) as usize;
        for k in 0..len {
            let Some(v) = value(k) else { break };
            if !v.is_finite() || v <= 0.0 || Some(v) == nodata || v > 1e7 {
                continue;
            }
            let (col, row) = (x0 as usize + k % stride, y0 as usize + k / stride);
            if col >= w as usize || row >= h as usize {
                continue;
            }
            let (c, r) = (col as f64 + 0.5, row as f64 + 0.5);
            let x = transform[0] * c + transform[1] * r + transform[2];
            let y = transform[3] * c + transform[4] * r + transform[5];
            let [lon, lat] = crs.to_wgs84([x, y]);
            if !lon.is_finite() || !lat.is_finite() {
                continue;
            }
            summary.populated += 1;
            summary.total += v;
            each(lon, lat, v);
        }
    }
    Ok(summary)
}
