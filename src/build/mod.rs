//! Building blocks shared by the importer and the demo generator: a local
//! km projection, hexagon lattices clipped to boundaries, and exact
//! apportionment of totals. Pure geometry and arithmetic; no I/O.

pub mod apportion;
pub mod candidates;
pub mod hexgrid;
pub mod projection;
