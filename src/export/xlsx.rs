//! XLSX workbooks (`rust_xlsxwriter`): one sheet per table, a bold header
//! row in the reader's language, numbers written as numbers, the header
//! frozen, and a fixed creation time so the same plan gives the same bytes.

use super::tables::{Cell, Table};
use crate::i18n::Lang;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

/// A workbook holding `tables`, one sheet each, headers in `lang`.
/// Errors (which only a bug could cause) come back as text.
pub fn xlsx(tables: &[Table], lang: Lang) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_ymd(2020, 1, 1).map_err(|e| e.to_string())?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("HealthReach")
            .set_creation_datetime(&when),
    );
    let bold = Format::new().set_bold();
    for table in tables {
        let ws = wb.add_worksheet();
        ws.set_name(table.kind.title(lang))
            .map_err(|e| e.to_string())?;
        for (c, col) in table.columns.iter().enumerate() {
            let c = c as u16;
            ws.write_string_with_format(0, c, col.header(lang), &bold)
                .map_err(|e| e.to_string())?;
            ws.set_column_width(c, (col.header(lang).chars().count() as f64 * 1.6).max(10.0))
                .map_err(|e| e.to_string())?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                    Cell::Number(x) => ws.write_number(r, c, *x).map(|_| ()),
                    Cell::Empty => Ok(()),
                }
                .map_err(|e| e.to_string())?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    }
    wb.save_to_buffer().map_err(|e| e.to_string())
}
