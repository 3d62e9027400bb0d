//! Hostile table files, built in memory for the importer's limit tests and
//! `bench_import --hostile`: a workbook with cells anywhere, a workbook with
//! a member of zeros that unpacks to any size, a member whose headers lie
//! about its size, a string table claiming any count.

use std::io::{Read, Write};

/// An XLSX workbook with these text cells (0-based row, column, text).
pub fn workbook(cells: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    for (r, c, v) in cells {
        s.write_string(*r, *c, *v).expect("a cell inside the sheet");
    }
    book.save_to_buffer().expect("an in-memory workbook")
}

/// The workbook with one more member, `name`, of `mib` MiB of zeros
/// (deflated: a few KiB per MiB).
pub fn with_zeros(book: &[u8], name: &str, mib: usize) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(book)).expect("a zip");
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        z.raw_copy_file(src.by_index_raw(i).expect("a member"))
            .expect("copied");
    }
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    z.start_file(name, o).expect("a member");
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..mib {
        z.write_all(&chunk).expect("written");
    }
    z.finish().expect("a zip").into_inner()
}

/// Rewrites the uncompressed size every header of the archive declares for
/// member `name` (local header offset 22, central directory offset 24);
/// returns how many headers were changed.
pub fn declare_size(zip: &mut [u8], name: &str, size: u32) -> usize {
    let mut patched = 0;
    let n = name.as_bytes();
    for (sig, name_at, size_at) in [(b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)] {
        let mut i = 0;
        while i + name_at + n.len() <= zip.len() {
            if &zip[i..i + 4] == sig && &zip[i + name_at..i + name_at + n.len()] == n {
                zip[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
            i += 1;
        }
    }
    patched
}

/// The workbook with its shared-string table's `uniqueCount` set to `count`.
pub fn claiming_strings(book: &[u8], count: &str) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(book)).expect("a zip");
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut f = src.by_index(i).expect("a member");
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        if name == "xl/sharedStrings.xml" {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if let Some(at) = text.find("uniqueCount=\"").map(|a| a + 13) {
                let end = at + text[at..].find('"').unwrap_or(0);
                let mut t = text;
                t.replace_range(at..end, count);
                bytes = t.into_bytes();
            }
        }
        z.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("a member");
        z.write_all(&bytes).expect("written");
    }
    z.finish().expect("a zip").into_inner()
}
