//! Bytes of a text file as a planner's office writes them: UTF-8 with or
//! without a byte-order mark, UTF-16 with a mark, or GBK/GB18030 (what Excel
//! in China saves as "CSV"). The encoding is detected unless declared, and
//! the result says which was used and whether anything could not be read.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// Text decoded from a file, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text (a byte-order mark removed).
    pub text: String,
    /// The encoding used (`UTF-8`, `gb18030`, `UTF-16LE`, …).
    pub encoding: &'static str,
    /// Whether the encoding was detected (false: declared by the user).
    pub detected: bool,
    /// Whether some bytes could not be read in that encoding (they became U+FFFD).
    pub had_errors: bool,
    /// Lines (from 1) of a UTF-8 file whose bytes are not UTF-8 (a row saved
    /// in another encoding); their unreadable bytes became U+FFFD.
    pub bad_lines: Vec<u64>,
}

/// An encoding name as a manifest writes it (`utf-8`, `gbk`, `gb18030`,
/// `gb2312`, `utf-16le`, …), or `None` when it is unknown.
///
/// ```
/// assert!(healthreach::import::text::encoding_named("GBK").is_some());
/// assert!(healthreach::import::text::encoding_named("klingon").is_none());
/// ```
pub fn encoding_named(name: &str) -> Option<&'static Encoding> {
    let e = Encoding::for_label(name.trim().as_bytes())?;
    // GBK and GB2312 files are read as GB18030, their superset.
    Some(if e == encoding_rs::GBK { GB18030 } else { e })
}

/// Decodes `bytes`: the declared encoding if any; else a byte-order mark;
/// else UTF-8 when the bytes are valid UTF-8, or when most lines with
/// non-ASCII text are (a UTF-8 file with a few rows pasted from a GBK file:
/// those lines are listed in `bad_lines`); else GB18030.
///
/// ```
/// use healthreach::import::text::decode;
/// let gbk = [0xC4, 0xCF, 0xBE, 0xA9]; // 南京 in GBK
/// let d = decode(&gbk, None);
/// assert_eq!((d.text.as_str(), d.encoding), ("南京", "gb18030"));
/// let d = decode("\u{feff}名称,床位".as_bytes(), None);
/// assert_eq!((d.text.as_str(), d.encoding), ("名称,床位", "UTF-8"));
/// ```
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
    if let Some(enc) = declared {
        let (text, _, had_errors) = enc.decode(bytes);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            detected: false,
            had_errors,
            bad_lines: Vec::new(),
        };
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            detected: true,
            had_errors,
            bad_lines: Vec::new(),
        };
    }
    let (enc, bad_lines) = if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, Vec::new())
    } else {
        let (good, bad) = utf8_lines(bytes);
        if (bad.len() as u64) < good {
            (UTF_8, bad)
        } else {
            (GB18030, Vec::new())
        }
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        detected: true,
        had_errors,
        bad_lines,
    }
}

/// Of the lines holding non-ASCII bytes: how many are valid UTF-8, and the
/// numbers (from 1) of those that are not.
fn utf8_lines(bytes: &[u8]) -> (u64, Vec<u64>) {
    let (mut good, mut bad) = (0u64, Vec::new());
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.is_ascii() {
            continue;
        }
        if std::str::from_utf8(line).is_ok() {
            good += 1;
        } else {
            bad.push(i as u64 + 1);
        }
    }
    (good, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_csv_as_excel_writes_it() {
        let (bytes, _, _) = encoding_rs::GBK.encode("机构名称,床位数\r\n渭南市中心医院,1200\r\n");
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, "gb18030");
        assert!(!d.had_errors);
        assert!(d.text.starts_with("机构名称,床位数"));
    }

    #[test]
    fn utf16_with_a_mark() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "名称".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&bytes, None).text, "名称");
    }

    #[test]
    fn a_utf8_file_with_one_gbk_row_stays_utf8() {
        let mut bytes = Vec::new();
        for i in 0..99 {
            bytes.extend(format!("临渭区第{i}卫生院,12\n").as_bytes());
        }
        bytes.extend(encoding_rs::GBK.encode("华州区卫生院,8\n").0.iter());
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.bad_lines, vec![100]);
        assert!(d.text.starts_with("临渭区第0卫生院"));
        // A GBK file with one UTF-8 row is still GBK.
        let mut bytes = Vec::new();
        for i in 0..20 {
            bytes.extend(
                encoding_rs::GBK
                    .encode(&format!("临渭区第{i}卫生院,12\n"))
                    .0
                    .iter(),
            );
        }
        bytes.extend("华州区卫生院,8\n".as_bytes());
        assert_eq!(decode(&bytes, None).encoding, "gb18030");
    }

    #[test]
    fn a_declared_encoding_wins() {
        let d = decode("abc".as_bytes(), encoding_named("gbk"));
        assert_eq!((d.text.as_str(), d.detected), ("abc", false));
    }
}
