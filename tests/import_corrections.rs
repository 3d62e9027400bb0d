//! The planner's decisions on a generated messy folder, as the wizard makes
//! them: required columns still to choose (and "not in this file"), a cell
//! corrected in place and a row dropped (the manifest's `edits`), swapped
//! coordinates swapped back with consent, and a coordinate system the
//! points cannot show asked about with each reading's share.

use healthreach::generate::region_folder::{generate, Defect, Folder, FolderSpec};
use healthreach::import::manifest::{Manifest, RowEdit};
use healthreach::import::mapping::guess_manifest;
use healthreach::import::pipeline::{import, Files, ImportOptions};
use healthreach::import::wizard::{inspect, set_column, unmapped, FileRole, NOT_IN_FILE};

struct Mem<'a>(&'a Folder);

impl Files for Mem<'_> {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        self.0
            .files
            .get(path)
            .cloned()
            .ok_or_else(|| format!("{path}: not in the folder"))
    }
}

fn guessed(f: &Folder) -> Manifest {
    let names: Vec<String> = f.files.keys().cloned().collect();
    guess_manifest(&names, &Mem(f)).0
}

fn row_of(f: &Folder, d: Defect) -> u64 {
    f.facilities
        .iter()
        .find(|r| r.defect == Some(d))
        .map(|r| r.row)
        .unwrap_or_else(|| panic!("{d:?} planted"))
}

fn on_row(r: &healthreach::import::report::Report, row: u64) -> usize {
    r.rejected
        .iter()
        .chain(&r.warnings)
        .filter(|e| e.row == Some(row))
        .count()
}

#[test]
fn a_cell_corrected_in_place_brings_its_row_in_and_a_dropped_row_stays_out() {
    for (counties, seed) in [(1, 5), (4, 9), (7, 13)] {
        let f = generate(&FolderSpec {
            counties,
            facilities_per_county: 40,
            seed,
            ..FolderSpec::default()
        });
        let file = f.facilities_file.clone();
        let bad = row_of(&f, Defect::BadNumber);
        let dup = row_of(&f, Defect::ProbableDuplicate);
        let mut m = guessed(&f);
        let (s0, r0) = import(&m, &Mem(&f), ImportOptions::default());
        let before = s0.expect("the folder imports").facilities.len();
        assert!(
            r0.rejected.iter().any(|e| e.row == Some(bad)),
            "row {bad} rejected before the fix"
        );
        assert!(on_row(&r0, dup) > 0, "row {dup} flagged before the drop");
        let beds_header = r0
            .rejected
            .iter()
            .find(|e| e.row == Some(bad))
            .unwrap()
            .field
            .clone();
        m.edits = vec![
            RowEdit {
                file: file.clone(),
                row: bad,
                drop: false,
                column: Some(beds_header.clone()),
                value: "37".into(),
            },
            RowEdit {
                file: file.clone(),
                row: dup,
                drop: true,
                column: None,
                value: String::new(),
            },
            RowEdit {
                file: file.clone(),
                row: 1,
                drop: true,
                column: None,
                value: String::new(),
            },
        ];
        let (s1, r1) = import(&m, &Mem(&f), ImportOptions::default());
        let s1 = s1.expect("imports after the corrections");
        assert_eq!(r1.edits_applied, 2, "{:?}", r1.warnings);
        assert!(
            !r1.rejected.iter().any(|e| e.row == Some(bad)),
            "row {bad} imports once corrected: {:?}",
            r1.warnings
                .iter()
                .filter(|e| e.row == Some(bad))
                .collect::<Vec<_>>()
        );
        assert_eq!(on_row(&r1, dup), 0, "row {dup} is dropped, not reported");
        // The corrected row is in with the value typed; the dropped one is out.
        assert_eq!(s1.facilities.len(), before, "one in, one out");
        let name = &f.facilities.iter().find(|r| r.row == bad).unwrap().name;
        assert!(
            s1.facilities
                .iter()
                .any(|x| &x.name == name && x.beds == 37.0),
            "{name} with 37 beds"
        );
        let said = r1.assumed.join("\n");
        assert!(
            said.contains(&format!("row {bad}, column “{beds_header}” set to “37”")),
            "{said}"
        );
        assert!(
            said.contains(&format!("row {dup} left out (dropped by the planner)")),
            "{said}"
        );
        assert!(r1.assumed_zh.join("\n").contains("规划人员"));
        // An edit of the header row is reported, not applied.
        assert!(r1
            .warnings
            .iter()
            .any(|e| e.row == Some(1) && e.reason.contains("not a data row")));
    }
}

#[test]
fn required_columns_are_chosen_before_import_or_marked_not_in_this_file() {
    let f = generate(&FolderSpec {
        counties: 3,
        doctors_header: "字段7".into(),
        seed: 21,
        ..FolderSpec::default()
    });
    let names: Vec<String> = f.files.keys().cloned().collect();
    let infos: Vec<_> = names
        .iter()
        .map(|n| inspect(n, &f.files[n], &Mem(&f)))
        .collect();
    let roles: Vec<(String, FileRole)> = infos.iter().map(|i| (i.name.clone(), i.role)).collect();
    let file = f.facilities_file.clone();
    assert!(
        roles.contains(&(file.clone(), FileRole::Facilities)),
        "{roles:?}"
    );
    let mut m = healthreach::import::wizard::manifest_for(&roles, &Manifest::default());
    assert_eq!(
        unmapped(&m, &roles, &infos),
        vec![(file.clone(), "doctors")]
    );
    // The importer agrees: without the column it makes no region.
    let (s, r) = import(&m, &Mem(&f), ImportOptions::default());
    assert!(s.is_none() && r.missing_columns.iter().any(|c| c.role == "doctors"));
    set_column(
        &mut m,
        FileRole::Facilities,
        "doctors",
        Some("字段7".into()),
    );
    assert!(unmapped(&m, &roles, &infos).is_empty());
    let (s, _) = import(&m, &Mem(&f), ImportOptions::default());
    assert!(s.unwrap().facilities.iter().any(|x| x.doctors > 0.0));
    set_column(
        &mut m,
        FileRole::Facilities,
        "doctors",
        Some(NOT_IN_FILE.into()),
    );
    assert!(unmapped(&m, &roles, &infos).is_empty());
    let (s, r) = import(&m, &Mem(&f), ImportOptions::default());
    assert!(s.unwrap().facilities.iter().all(|x| x.doctors == 0.0));
    assert!(r.assumed.join(" ").contains("not in this file"));
    // Position cannot be "not in this file".
    set_column(
        &mut m,
        FileRole::Facilities,
        "lon",
        Some(NOT_IN_FILE.into()),
    );
    assert!(!m.facilities.columns.contains_key("lon"));
}

#[test]
fn swapped_coordinates_are_offered_and_swapped_back_with_consent() {
    let f = generate(&FolderSpec {
        counties: 2,
        seed: 4,
        ..FolderSpec::default()
    });
    let swapped = row_of(&f, Defect::SwappedCoordinates);
    let m = guessed(&f);
    let (_, r) = import(&m, &Mem(&f), ImportOptions::default());
    assert_eq!(r.swaps_offered, 1);
    assert!(r.rejected.iter().any(|e| e.row == Some(swapped)));
    let consent = ImportOptions {
        fix_swapped: true,
        ..ImportOptions::default()
    };
    let (s, r) = import(&m, &Mem(&f), consent);
    assert_eq!(r.swaps_offered, 0);
    assert!(!r.rejected.iter().any(|e| e.row == Some(swapped)));
    let truth = f.facilities.iter().find(|x| x.row == swapped).unwrap();
    assert!(s.unwrap().facilities.iter().any(|x| x.name == truth.name));
}

#[test]
fn a_coordinate_system_the_points_cannot_show_is_asked_about() {
    // Few facilities in one county: GCJ-02's offset of a few hundred metres
    // moves too few of them across a border to tell it from WGS84.
    let mut asked = 0;
    for seed in 1..=12 {
        let f = generate(&FolderSpec {
            counties: 1,
            facilities_per_county: 36,
            seed,
            defects: false,
            ..FolderSpec::default()
        });
        let m = guessed(&f);
        let (_, r) = import(&m, &Mem(&f), ImportOptions::default());
        let undecided = r
            .warnings
            .iter()
            .any(|e| e.reason.contains("do not show which coordinate system"));
        assert_eq!(undecided, !r.crs_questions.is_empty(), "seed {seed}");
        if let Some(q) = r.crs_questions.first() {
            asked += 1;
            assert_eq!(q.file, f.facilities_file);
            assert_eq!(q.kept, "wgs84");
            let d: Vec<&str> = q.choices.iter().map(|c| c.declare.as_str()).collect();
            assert!(d.contains(&"wgs84") && d.contains(&"gcj02"), "{d:?}");
            assert!(q.choices.windows(2).all(|w| w[0].share >= w[1].share));
            assert!(q.choices.iter().all(|c| (0.0..=1.0).contains(&c.share)));
            // Answered: declared, and not asked again.
            let mut m2 = m.clone();
            m2.facilities.crs = Some("gcj02".into());
            let (s, r2) = import(&m2, &Mem(&f), ImportOptions::default());
            assert!(r2.crs_questions.is_empty());
            let s = s.unwrap();
            for t in &f.facilities {
                let got = s.facilities.iter().find(|x| x.name == t.name).unwrap();
                let dx = (got.location[0] - t.wgs84[0]) * 111_320.0 * t.wgs84[1].to_radians().cos();
                let dy = (got.location[1] - t.wgs84[1]) * 110_574.0;
                assert!((dx * dx + dy * dy).sqrt() < 5.0, "{} within 5 m", t.name);
            }
        }
    }
    assert!(
        asked > 0,
        "some small GCJ-02 list leaves the evidence undecided"
    );
}
