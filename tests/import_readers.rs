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
    fn any_rows_find_a_header_or_none(rows in proptest::collection::vec(proptest::collection::vec("\\PC{0,8}", 0..6), 0..30)) {
        if let Some(h) = headers::find_header(&rows) {
            prop_assert!(h.row < rows.len().min(20));
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
