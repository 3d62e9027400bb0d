//! The importer's readers on arbitrary input: never a panic, always an answer.

use healthreach::import::{cells, headers, names, text, tiers};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn decoding_any_bytes_gives_text(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let d = text::decode(&bytes, None);
        // Valid UTF-8 without a mark comes back unchanged.
        if let Ok(s) = std::str::from_utf8(&bytes) {
            if !bytes.starts_with(b"\xEF\xBB\xBF") && !bytes.starts_with(b"\xFF\xFE") && !bytes.starts_with(b"\xFE\xFF") {
                prop_assert_eq!(d.text.as_str(), s);
            }
        }
    }

    #[test]
    fn any_cell_reads_or_is_refused(cell in "\\PC{0,24}") {
        if let Ok(cells::Cell::Number(v, _)) = cells::read_number(&cell) {
            prop_assert!(v.is_finite());
        }
    }

    #[test]
    fn numbers_with_units_read_back(n in 0u32..10_000_000, unit in prop_oneof![Just(""), Just("张"), Just(" 人"), Just("床")]) {
        let grouped = {
            let s = n.to_string();
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if i > 0 && (s.len() - i) % 3 == 0 { out.push(','); }
                out.push(c);
            }
            out
        };
        match cells::read_number(&format!("{grouped}{unit}")) {
            Ok(cells::Cell::Number(v, _)) => prop_assert_eq!(v, n as f64),
            other => prop_assert!(false, "{grouped}{unit}: {other:?}"),
        }
    }

    #[test]
    fn any_rows_find_a_header_or_none(rows in proptest::collection::vec(proptest::collection::vec("\\PC{0,8}", 0..6), 0..40)) {
        if let Some(h) = headers::find_header(&rows) {
            prop_assert!(h.row < rows.len().min(headers::HEADER_SEARCH_ROWS));
            prop_assert!(h.columns.iter().all(|(_, c)| *c < rows[h.row].len()));
        }
    }

    #[test]
    fn joins_and_tiers_never_panic(reference in "\\PC{0,16}", name in "\\PC{0,8}") {
        let _ = names::join(&reference, &[("610502", "临渭区"), ("", &name)]);
        let _ = names::code_key(&reference);
        let _ = tiers::TierMap::default().tier_of(&reference);
    }
}

mod pipeline_on_hostile_files {
    use healthreach::import::manifest::Manifest;
    use healthreach::import::pipeline::{import, Files, ImportOptions};
    use proptest::prelude::*;
    use std::collections::HashMap;

    struct Mem(HashMap<&'static str, Vec<u8>>);
    impl Files for Mem {
        fn read(&self, path: &str) -> Result<Vec<u8>, String> {
            self.0.get(path).cloned().ok_or_else(|| "missing".into())
        }
    }

    const UNITS: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":"610502","name":"临渭区"},
        "geometry":{"type":"Polygon","coordinates":[[[109.4,34.4],[109.6,34.4],[109.6,34.6],[109.4,34.6],[109.4,34.4]]]}}]}"#;
    const CENSUS: &str = "代码,名称,常住人口\n610502,临渭区,\"12,000人\"\n";
    const LIST: &str = "名称,类别,床位,医师,经度,纬度\n甲院,县人民医院,100张,30,109.5,34.5\n乙室,村卫生室,0,1,109.45,34.45\n";

    fn manifest() -> Manifest {
        serde_json::from_value(serde_json::json!({"units": {"path": "u"}, "population": {"path": "p"}, "facilities": {"path": "f"}})).unwrap()
    }

    fn mutate(base: &str, at: usize, bytes: &[u8]) -> Vec<u8> {
        let mut b = base.as_bytes().to_vec();
        let at = at % (b.len() + 1);
        b.splice(at..(at + bytes.len()).min(b.len()), bytes.iter().copied());
        b
    }

    #[test]
    fn the_clean_files_import() {
        let files = Mem(HashMap::from([
            ("u", UNITS.into()),
            ("p", CENSUS.into()),
            ("f", LIST.into()),
        ]));
        let (s, r) = import(&manifest(), &files, ImportOptions::default());
        let s = s.unwrap_or_else(|| panic!("{:#?}", r.rejected));
        assert_eq!(s.total_population(), 12_000.0);
        assert_eq!(s.facilities.len(), 2);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

        /// Any of the three files overwritten with arbitrary bytes somewhere:
        /// never a panic; either a scenario or a report that says why not.
        #[test]
        fn mutated_files_never_panic(which in 0..3usize, at in 0..400usize, junk in proptest::collection::vec(any::<u8>(), 0..40)) {
            let mut files = HashMap::from([("u", UNITS.as_bytes().to_vec()), ("p", CENSUS.as_bytes().to_vec()), ("f", LIST.as_bytes().to_vec())]);
            let (key, base) = [("u", UNITS), ("p", CENSUS), ("f", LIST)][which];
            files.insert(key, mutate(base, at, &junk));
            let (s, r) = import(&manifest(), &Mem(files), ImportOptions::default());
            // Why not: a rejected file or row, a required column not found,
            // or a part that lost most of its rows.
            prop_assert!(s.is_some() || !r.rejected.is_empty() || !r.missing_columns.is_empty() || !r.mostly_rejected.is_empty());
        }

        #[test]
        fn arbitrary_files_never_panic(u in proptest::collection::vec(any::<u8>(), 0..200), p in proptest::collection::vec(any::<u8>(), 0..200)) {
            let files = Mem(HashMap::from([("u", u), ("p", p), ("f", LIST.as_bytes().to_vec())]));
            let (s, r) = import(&manifest(), &files, ImportOptions::default());
            prop_assert!(s.is_some() || !r.rejected.is_empty());
        }
    }
}

mod workbook_bytes {
    use proptest::prelude::*;

    fn workbook() -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let s = book.add_worksheet();
        s.merge_range(0, 0, 0, 1, "标题", &Default::default())
            .unwrap();
        s.write_string(1, 0, "名称").unwrap();
        s.write_string(1, 1, "常住人口").unwrap();
        s.write_string(2, 0, "临渭区").unwrap();
        s.write_number(2, 1, 920044.0).unwrap();
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn the_workbook_reads() {
        let t = healthreach::import::table::read_xlsx(&workbook(), None).unwrap();
        assert_eq!(t.rows[0], (1, vec!["标题".to_string(), "标题".to_string()]));
        assert_eq!(
            t.rows[2],
            (3, vec!["临渭区".to_string(), "920044".to_string()])
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]
        /// A workbook with bytes overwritten anywhere: read or refused, never a panic.
        #[test]
        fn mutated_workbooks_never_panic(at in 0..6000usize, junk in proptest::collection::vec(any::<u8>(), 1..16)) {
            let mut b = workbook();
            let at = at % b.len();
            for (k, x) in junk.iter().enumerate() {
                if let Some(c) = b.get_mut(at + k) { *c = *x; }
            }
            let _ = healthreach::import::table::read_xlsx(&b, None);
        }
    }
}
