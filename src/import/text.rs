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
/// else UTF-8 when the bytes are valid UTF-8; else GB18030.
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
        };
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            detected: true,
            had_errors,
        };
    }
    let enc = if std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else {
        GB18030
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        detected: true,
        had_errors,
    }
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
    fn a_declared_encoding_wins() {
        let d = decode("abc".as_bytes(), encoding_named("gbk"));
        assert_eq!((d.text.as_str(), d.detected), ("abc", false));
    }
}
