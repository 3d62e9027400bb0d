//! Exports cannot attack the reader: names a spreadsheet program would run
//! as formulas (`=…`, `+…`, `-…`, `@…`) are written so they show as text —
//! a leading `'` in CSV, string cells in XLSX — and survive export → import
//! unchanged.

use calamine::{Data, Reader, Xlsx};
use healthreach::export::{export, Format, TableKind};
use healthreach::import::manifest::Manifest;
use healthreach::import::pipeline::{import, Files, ImportOptions};
use healthreach::plan::{BedsAdded, Plan};
use healthreach::report::plan_report;
use std::collections::HashMap;

struct Mem(HashMap<String, Vec<u8>>);
impl Files for Mem {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| format!("{path}: no such file"))
    }
}

const NAMES: [&str; 6] = [
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "'=already quoted",
    "\tTabbed",
];

fn hostile() -> healthreach::scenario::Scenario {
    let mut s = healthreach::demo::weinan();
    for (f, name) in s.facilities.iter_mut().zip(NAMES) {
        f.name = name.to_string();
    }
    s
}

#[test]
fn formula_like_names_are_text_in_csv_and_xlsx() {
    let s = hostile();
    let plan = Plan {
        beds: s.facilities[..NAMES.len()]
            .iter()
            .map(|f| BedsAdded {
                facility: f.id.clone(),
                beds: 1.0,
            })
            .collect(),
        ..Plan::default()
    };
    let r = plan_report(&s, &plan);
    let csv = export(
        &s,
        &r,
        &[],
        TableKind::Decisions,
        Format::Csv,
        healthreach::i18n::Lang::Zh,
    )
    .unwrap();
    let mut rd = csv::Reader::from_reader(csv.as_slice());
    let cells: Vec<String> = rd
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect();
    for name in NAMES {
        let cell = cells
            .iter()
            .find(|c| c.ends_with(name.trim_start_matches('\'')) && c.len() <= name.len() + 2)
            .unwrap_or_else(|| panic!("{name:?} not in {cells:?}"));
        // Nothing that a spreadsheet would run, and undone exactly by the importer's rule.
        assert!(
            !matches!(cell.as_bytes()[0], b'=' | b'+' | b'-' | b'@' | b'\t'),
            "{cell:?}"
        );
        assert_eq!(healthreach::cell_text::unescape(cell), name);
    }
    let book = export(
        &s,
        &r,
        &[],
        TableKind::Decisions,
        Format::Xlsx,
        healthreach::i18n::Lang::En,
    )
    .unwrap();
    let mut wb = Xlsx::new(std::io::Cursor::new(book)).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let strings: Vec<&String> = range
        .rows()
        .flat_map(|row| row.iter())
        .filter_map(|c| match c {
            Data::String(s) => Some(s),
            _ => None,
        })
        .collect();
    for name in NAMES {
        assert!(
            strings.iter().any(|s| s.as_str() == name),
            "{name:?} not a string cell"
        );
    }
    let formulas = wb.worksheet_formula(&wb.sheet_names()[0].clone()).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "a formula cell was written"
    );
}

#[test]
fn formula_like_names_survive_export_region_then_import() {
    let s = hostile();
    let files = healthreach::import::region_files::region_files(&s);
    let m: Manifest = serde_json::from_slice(&files[0].1).unwrap();
    let (back, report) = import(
        &m,
        &Mem(files.into_iter().collect()),
        ImportOptions {
            strict: true,
            ..Default::default()
        },
    );
    let back = back.unwrap_or_else(|| panic!("{:#?}", report.rejected));
    // Every formula-like name comes back as it was; the importer trims a
    // cell's surrounding whitespace, so the tab-led one comes back trimmed.
    let names = |s: &healthreach::scenario::Scenario| {
        s.facilities
            .iter()
            .take(NAMES.len())
            .map(|f| (f.id.clone(), f.name.trim().to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&back), names(&s));
    assert_eq!(back.facilities.len(), s.facilities.len());
}
