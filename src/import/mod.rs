//! The importer: from the files a planner really has (boundaries, census
//! tables, facility lists, roads, travel-time tables) to a scenario, with
//! every problem reported and nothing lost.
//!
//! Built so far (see docs/import.md): [`pipeline`] (manifest → scenario +
//! [`report`]), [`table`] (CSV and XLSX), and the readers' foundations, each
//! natively tested:
//! [`text`] (UTF-8, BOM, UTF-16, GBK/GB18030 detection), [`cells`] (numbers
//! as spreadsheets hold them, by one stated rule), [`headers`] (which column
//! is what, and which row is the header), [`tiers`] (category text → tier,
//! editable), [`names`] (joins by division code or normalised name),
//! [`chinese_crs`] (GCJ-02 and BD-09 ↔ WGS84 with sub-millimetre inverses).
//!
//! *Invariants:* pure functions of bytes and options: no file system (the
//! caller hands over bytes), no browser types, no knowledge of the optimiser
//! or the UI; the same code runs in the CLI and in the browser's worker.

pub mod cells;
pub mod chinese_crs;
pub mod crs;
pub mod crs_evidence;
pub mod duplicates;
pub mod facilities;
pub mod fixes;
pub mod headers;
pub mod job;
pub mod manifest;
pub mod mapping;
pub mod names;
pub mod pipeline;
mod placing;
pub mod population;
pub mod raster;
pub mod region_files;
pub mod report;
pub mod roads;
pub mod shapefile_zip;
pub mod sites;
pub mod table;
pub mod tabular;
pub mod text;
pub mod tiers;
pub mod travel;
pub mod units;
pub mod vector;
pub mod wizard;
pub mod zones;
