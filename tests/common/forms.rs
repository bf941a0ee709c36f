//! Filling score forms as a school would, by editing the cells inside the
//! workbook's zip: a typed number becomes `<v>9.5</v>`, typed text an
//! inline string, the same XML a spreadsheet program leaves.

use std::io::{Cursor, Read, Write};
use std::path::Path;

/// The visible form's worksheet inside the zip.
pub const FORM_XML: &str = "xl/worksheets/sheet1.xml";
/// The hidden identity worksheet inside the zip.
pub const ID_XML: &str = "xl/worksheets/sheet2.xml";

/// What is typed into a cell.
#[derive(Debug, Clone, Copy)]
pub enum Typed<'a> {
    /// A number, as the XML holds it (`9.5`).
    Number(&'a str),
    /// Text (`9,5`, a code, an id).
    Text(&'a str),
}

/// A part of the workbook as text.
pub fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).expect("a zip");
    let mut f = zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8 part");
    s
}

/// Replaces the cell `addr` (which the form must have) in a sheet's XML,
/// keeping its style.
fn set_cell(xml: &str, addr: &str, value: Typed<'_>) -> String {
    let open = format!("<c r=\"{addr}\"");
    let start = xml
        .find(&open)
        .unwrap_or_else(|| panic!("the form has no cell {addr}"));
    let tag_end = start + xml[start..].find('>').expect("tag end");
    let end = if xml[..tag_end].ends_with('/') {
        tag_end + 1
    } else {
        tag_end + xml[tag_end..].find("</c>").expect("cell end") + 4
    };
    let tag = &xml[start..tag_end];
    let style = tag
        .find(" s=\"")
        .map(|i| {
            let rest = &tag[i + 4..];
            format!(" s=\"{}\"", &rest[..rest.find('"').expect("style end")])
        })
        .unwrap_or_default();
    let cell = match value {
        Typed::Number(n) => format!("<c r=\"{addr}\"{style}><v>{n}</v></c>"),
        Typed::Text(t) => {
            format!("<c r=\"{addr}\"{style} t=\"inlineStr\"><is><t>{t}</t></is></c>")
        }
    };
    format!("{}{cell}{}", &xml[..start], &xml[end..])
}

/// The workbook with cells of a part changed.
pub fn fill(xlsx: &[u8], part_name: &str, cells: &[(&str, Typed<'_>)]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).expect("a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("member");
        let name = f.name().expect("member name").to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read member");
        if name == part_name {
            let mut xml = String::from_utf8(bytes).expect("utf-8 xml");
            for (addr, value) in cells {
                xml = set_cell(&xml, addr, *value);
            }
            bytes = xml.into_bytes();
        }
        out.start_file(name, options).expect("start member");
        out.write_all(&bytes).expect("write member");
    }
    out.finish().expect("finish zip").into_inner()
}

/// Changes cells of a part of the workbook file in place.
pub fn fill_file(path: &Path, part_name: &str, cells: &[(&str, Typed<'_>)]) {
    let bytes = std::fs::read(path).expect("read form");
    std::fs::write(path, fill(&bytes, part_name, cells)).expect("write form");
}
