//! The importer's limits hold by design: a workbook whose used range claims
//! the whole sheet, an archive that unpacks to gigabytes (honestly declared
//! or lying about it), a CSV line of 200 MB of commas, a string table that
//! claims billions of strings — each refused with a message naming the
//! limit, without building what it claims. A `.dbf` that does not match its
//! `.shp` is an error naming both counts; a UTF-8 file with one GBK row is
//! read as UTF-8 with that row reported. (`bench_import --hostile` times the
//! refusals.)

use healthreach::import::report::Report;
use healthreach::import::table::{read_csv, read_xlsx, MAX_CELLS, MAX_COLUMNS};
use std::collections::HashMap;
use std::io::Write;

use healthreach::generate::hostile::{
    claiming_strings, declare_size, with_zeros, workbook as small_book,
};

#[test]
fn a_cell_at_the_last_column_and_row_is_refused_not_allocated() {
    let b = small_book(&[(0, 0, "名称"), (1_048_575, 16_383, "x")]);
    assert!(b.len() < 8_000, "the workbook is {} bytes", b.len());
    let e = read_xlsx(&b, None).unwrap_err();
    assert!(e.en.contains(&MAX_COLUMNS.to_string()), "{}", e.en);
    assert!(
        e.en.starts_with("row 1048576 has a filled cell in column 16384"),
        "{}",
        e.en
    );
    assert!(
        e.zh.starts_with("第 1048576 行第 16384 列有内容"),
        "{}",
        e.zh
    );
}

#[test]
fn a_filled_cell_far_down_costs_one_row() {
    // Rows are kept sparse: a value in row 1,048,576 is one more row, not a
    // million empty ones.
    let b = small_book(&[
        (0, 0, "名称"),
        (0, 1, "床位"),
        (1, 0, "医院"),
        (1_048_575, 0, "x"),
    ]);
    let t = read_xlsx(&b, None).unwrap();
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.rows[2].0, 1_048_576);
}

#[test]
fn a_workbook_that_unpacks_to_gigabytes_is_refused_from_its_directory() {
    let book = small_book(&[(0, 0, "名称"), (1, 0, "医院")]);
    let bomb = with_zeros(&book, "xl/media/image1.bin", 600);
    assert!(bomb.len() < 12 << 20, "{} bytes", bomb.len());
    let e = read_xlsx(&bomb, None).unwrap_err();
    assert!(e.en.contains("unpacks to 600 MiB"), "{}", e.en);
    assert!(e.en.contains("512 MiB"), "{}", e.en);
    assert!(e.zh.contains("解压后为 600 MiB"), "{}", e.zh);
    assert!(healthreach::import::table::sheet_names(&bomb).is_err());
}

#[test]
fn a_member_that_lies_about_its_size_is_stopped_at_what_it_declares() {
    let book = small_book(&[(0, 0, "名称"), (1, 0, "医院")]);
    let mut bomb = with_zeros(&book, "xl/media/image1.bin", 64);
    assert_eq!(declare_size(&mut bomb, "xl/media/image1.bin", 1000), 2);
    let e = read_xlsx(&bomb, None).unwrap_err();
    assert!(
        e.en.contains("more than the 1000 bytes it declares") || e.en.contains("not an XLSX"),
        "{}",
        e.en
    );
}

#[test]
fn a_string_table_claiming_billions_of_strings_is_refused() {
    let book = small_book(&[(0, 0, "名称"), (1, 0, "医院")]);
    let b = claiming_strings(&book, "4000000000000");
    let e = read_xlsx(&b, None).unwrap_err();
    assert!(e.en.contains("claims 4000000000000 strings"), "{}", e.en);
}

#[test]
fn a_csv_line_of_200_mb_of_commas_is_refused_at_its_first_row() {
    let b = vec![b','; 200 << 20];
    let e = read_csv(&b, None).unwrap_err();
    assert!(
        e.en.starts_with("row 1 has more than 1024 cells"),
        "{}",
        e.en
    );
    assert!(e.zh.starts_with("第 1 行超过 1024 个单元格"), "{}", e.zh);
    // Row numbers as the spreadsheet shows them, after a quoted line break.
    let mut b = b"name,beds\n\"a\nb\",1\n".to_vec();
    b.extend(vec![b','; MAX_COLUMNS + 5]);
    assert!(read_csv(&b, None).unwrap_err().en.starts_with("row 4 "));
    // Delimiters inside quotes are not cells.
    let b = format!("name,beds\n\"{}\",1\n", ",".repeat(5000));
    assert_eq!(read_csv(b.as_bytes(), None).unwrap().rows.len(), 2);
}

#[test]
fn too_many_cells_in_all_is_refused() {
    let row = ",".repeat(999) + "\n";
    let rows = MAX_CELLS / 1000 + 1;
    let b = row.repeat(rows).replace(",\n", ",x\n");
    let e = read_csv(b.as_bytes(), None).unwrap_err();
    assert!(e.en.contains(&MAX_CELLS.to_string()), "{}", e.en);
}

struct Mem(HashMap<String, Vec<u8>>);
impl healthreach::import::pipeline::Files for Mem {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| format!("no {path}"))
    }
}

#[test]
fn a_dbf_that_does_not_match_its_shp_names_both_counts() {
    let zip = std::fs::read("tests/data/import/weinan_counties_gk.zip").unwrap();
    let parts = healthreach::import::shapefile_zip::from_zip(&zip, None).unwrap();
    let dbf = parts.dbf.clone().unwrap();
    let records = u32::from_le_bytes(dbf[4..8].try_into().unwrap()) as usize;
    let header = u16::from_le_bytes(dbf[8..10].try_into().unwrap()) as usize;
    let width = u16::from_le_bytes(dbf[10..12].try_into().unwrap()) as usize;
    assert!(records > 3);
    // The same table with only its first three records.
    let mut short = dbf[..header + 3 * width].to_vec();
    short[4..8].copy_from_slice(&3u32.to_le_bytes());
    short.push(0x1A);
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    let prj = parts.prj.clone().unwrap_or_default().into_bytes();
    let shx = parts.shx.clone().unwrap();
    for (name, bytes) in [
        ("c.shp", &parts.shp),
        ("c.shx", &shx),
        ("c.dbf", &short),
        ("c.prj", &prj),
    ] {
        z.start_file(name, o).unwrap();
        z.write_all(bytes).unwrap();
    }
    let b = z.finish().unwrap().into_inner();
    let files = Mem(HashMap::from([("c.zip".to_string(), b)]));
    let mut report = Report::default();
    let mut features = 0;
    let _ = healthreach::import::vector::read_vector(
        &files,
        "c.zip",
        Default::default(),
        &mut report,
        &mut |_, _| features += 1,
    );
    assert_eq!(features, 0, "no shape is paired with another's attributes");
    let e = &report.rejected[0];
    assert!(
        e.message_en.contains(&format!(
            "holds {records} shapes but the .dbf holds 3 records"
        )),
        "{}",
        e.message_en
    );
    assert!(
        e.message_zh
            .contains(&format!("有 {records} 个图形，而 .dbf 有 3 条记录")),
        "{}",
        e.message_zh
    );
}

#[test]
fn a_utf8_facility_list_with_one_gbk_row_reads_as_utf8_and_names_the_row() {
    let mut b = "名称,类别,床位,医师,经度,纬度\n".as_bytes().to_vec();
    for i in 0..120 {
        b.extend(format!("临渭区第{i}卫生院,乡镇卫生院,20,5,109.5,34.5\n").as_bytes());
    }
    b.extend(
        encoding_rs::GBK
            .encode("华州区卫生院,乡镇卫生院,8,2,109.7,34.5\n")
            .0
            .iter(),
    );
    let t = read_csv(&b, None).unwrap();
    assert_eq!(t.encoding, "UTF-8");
    assert_eq!(t.bad_rows, vec![122]);
    assert_eq!(t.rows[1].1[0], "临渭区第0卫生院");
    assert!(t.rows[121].1[0].contains('\u{FFFD}'));
}
