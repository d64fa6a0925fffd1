//! Word 2007+ documents (.docx): the body's paragraphs and tables, in order.
//!
//! Only text a reader sees is taken: runs' text, tabs and line breaks, through hyperlinks, tracked insertions,
//! content controls and fields' results; deleted text, field codes and drawings are left out. A table's merged
//! cells are resolved on its grid: a cell spanning columns (`w:gridSpan`) keeps its text in its first column,
//! a cell continuing a vertical merge (`w:vMerge`) repeats the text of the cell where the merge starts.

use std::io::{Cursor, Read};
use std::path::Path;

use roxmltree::Node;

use super::format::corrupt;
use super::{Block, Cell, ImportError, MAX_PART_BYTES, Table, TableOrigin, TableSize, file_error};
use crate::error::Diagnostics;
use crate::error::TableName;

const W: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Elements whose children are read as if they stood in their place.
const TRANSPARENT: &[&str] = &[
    "hyperlink",
    "ins",
    "smartTag",
    "sdt",
    "sdtContent",
    "customXml",
    "fldSimple",
    "moveTo",
    "bdo",
    "dir",
    "rubyBase",
];

pub(super) fn read(path: &Path, bytes: &[u8]) -> Result<Vec<Block>, Diagnostics> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(path, &e))?;
    let part = zip.by_name("word/document.xml").map_err(|e| corrupt(path, &e))?;
    if part.size() > MAX_PART_BYTES {
        return Err(file_error(
            path,
            ImportError::DocumentTooBig { megabytes: part.size() >> 20 },
            "copy the schedule's table into a new document and import that",
        ));
    }
    let mut xml = String::new();
    part.take(MAX_PART_BYTES).read_to_string(&mut xml).map_err(|e| {
        file_error(
            path,
            ImportError::UnpackedDocument { reason: e.to_string() },
            "open the file in Word or WPS, save it again, and import the new file",
        )
    })?;
    parse(path, &xml)
}

/// The blocks of a `word/document.xml`.
pub(super) fn parse(path: &Path, xml: &str) -> Result<Vec<Block>, Diagnostics> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| {
        file_error(
            path,
            ImportError::DamagedXml { reason: e.to_string() },
            "open the file in Word or WPS, save it again, and import the new file",
        )
    })?;
    let body = doc.root_element().children().find(|n| is(n, "body"));
    let mut blocks = Vec::new();
    let mut tables = 0;
    if let Some(body) = body {
        blocks_in(body, &mut blocks, &mut tables).map_err(|(table, height, width)| {
            super::too_large(path, TableName::Word(table), TableSize::Cells { rows: height, columns: width })
        })?;
    }
    Ok(blocks)
}

fn is(node: &Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace().is_some_and(|ns| W.contains(&ns))
}

fn w_children<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(|n| n.is_element() && n.tag_name().namespace().is_some_and(|ns| W.contains(&ns)))
}

fn attr(node: &Node<'_, '_>, name: &str) -> Option<String> {
    node.attributes()
        .find(|a| a.name() == name && a.namespace().is_none_or(|ns| W.contains(&ns)))
        .map(|a| a.value().to_string())
}

/// A table past the limits: its number, and the rows and columns it had reached.
type Oversized = (usize, usize, usize);

fn blocks_in(node: Node<'_, '_>, out: &mut Vec<Block>, tables: &mut usize) -> Result<(), Oversized> {
    for child in w_children(node) {
        match child.tag_name().name() {
            "p" => out.push(Block::Paragraph(paragraph_text(child))),
            "tbl" => {
                *tables += 1;
                out.push(Block::Table(table(child, *tables)?));
            }
            name if TRANSPARENT.contains(&name) => blocks_in(child, out, tables)?,
            _ => {}
        }
    }
    Ok(())
}

/// A paragraph's visible text; line breaks as `\n`.
fn paragraph_text(p: Node<'_, '_>) -> String {
    let mut out = String::new();
    runs_text(p, &mut out);
    out
}

fn runs_text(node: Node<'_, '_>, out: &mut String) {
    for child in w_children(node) {
        match child.tag_name().name() {
            "r" => run_text(child, out),
            "ruby" => {
                if let Some(base) = w_children(child).find(|n| n.tag_name().name() == "rubyBase") {
                    runs_text(base, out);
                }
            }
            name if TRANSPARENT.contains(&name) => runs_text(child, out),
            // Deleted text (w:del, w:moveFrom), properties, bookmarks, proofing marks: not seen by a reader.
            _ => {}
        }
    }
}

fn run_text(r: Node<'_, '_>, out: &mut String) {
    for child in w_children(r) {
        match child.tag_name().name() {
            "t" => out.push_str(child.text().unwrap_or_default()),
            "tab" | "ptab" => out.push('\t'),
            "br" if !matches!(attr(&child, "type").as_deref(), Some("page" | "column")) => out.push('\n'),
            "cr" => out.push('\n'),
            "noBreakHyphen" => out.push('-'),
            _ => {}
        }
    }
}

/// The cell lines of a table cell: each paragraph and each line break starts a line; nested tables' cells
/// add their lines.
fn cell_lines(tc: Node<'_, '_>, out: &mut Vec<String>) {
    for child in w_children(tc) {
        match child.tag_name().name() {
            "p" => out
                .extend(paragraph_text(child).split('\n').map(str::trim).filter(|l| !l.is_empty()).map(str::to_string)),
            "tbl" => {
                for row in rows_of(child) {
                    for cell in cells_of(row) {
                        cell_lines(cell, out);
                    }
                }
            }
            name if TRANSPARENT.contains(&name) => cell_lines(child, out),
            _ => {}
        }
    }
}

/// Elements named `name` among `node`'s children, looking through content controls and custom XML.
fn through<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> Vec<Node<'a, 'i>> {
    let mut out = Vec::new();
    for child in w_children(node) {
        let n = child.tag_name().name();
        if n == name {
            out.push(child);
        } else if matches!(n, "sdt" | "sdtContent" | "customXml") {
            out.extend(through(child, name));
        }
    }
    out
}

fn rows_of<'a, 'i>(tbl: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    through(tbl, "tr")
}

fn cells_of<'a, 'i>(tr: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    through(tr, "tc")
}

/// A property element's `w:val` as a number, e.g. `<w:gridSpan w:val="2"/>`.
fn prop_number(node: Node<'_, '_>, props: &str, name: &str) -> Option<usize> {
    let p = w_children(node).find(|n| n.tag_name().name() == props)?;
    let e = w_children(p).find(|n| n.tag_name().name() == name)?;
    attr(&e, "val")?.parse().ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

fn vmerge(tc: Node<'_, '_>) -> VMerge {
    let Some(props) = w_children(tc).find(|n| n.tag_name().name() == "tcPr") else { return VMerge::None };
    match w_children(props).find(|n| n.tag_name().name() == "vMerge") {
        None => VMerge::None,
        Some(v) if attr(&v, "val").as_deref() == Some("restart") => VMerge::Restart,
        Some(_) => VMerge::Continue,
    }
}

/// A `w:hMerge` continuation (old Word files): a cell covered by the merged cell to its left.
fn hmerge_continues(tc: Node<'_, '_>) -> bool {
    w_children(tc)
        .find(|n| n.tag_name().name() == "tcPr")
        .and_then(|p| w_children(p).find(|n| n.tag_name().name() == "hMerge"))
        .is_some_and(|h| attr(&h, "val").as_deref() != Some("restart"))
}

/// A table on its grid: one entry per grid column in every row. It is refused as soon as it passes the
/// import's limits, before rows are padded to the widest (a row of cells each spanning 64 columns, padded to by
/// every other row, grew a 275 KB file to half a gigabyte).
fn table(tbl: Node<'_, '_>, index: usize) -> Result<Table, Oversized> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut width = 0;
    for tr in rows_of(tbl) {
        let mut row: Vec<Cell> = Vec::new();
        let before = prop_number(tr, "trPr", "gridBefore").unwrap_or(0).min(64);
        row.extend((0..before).map(|_| Cell { span: 1, ..Cell::default() }));
        for tc in cells_of(tr) {
            let span = prop_number(tc, "tcPr", "gridSpan").unwrap_or(1).clamp(1, 64);
            let col = row.len();
            let mut cell = Cell { span, ..Cell::default() };
            if hmerge_continues(tc) {
                cell.span = 0;
            } else if vmerge(tc) == VMerge::Continue {
                let above = rows.last().and_then(|r| r.get(col));
                cell.lines = above.map(|c| c.lines.clone()).unwrap_or_default();
                cell.merged = true;
            } else {
                cell_lines(tc, &mut cell.lines);
            }
            row.push(cell);
            row.extend((1..span).map(|_| Cell::default()));
            if row.len() > super::MAX_COLUMNS {
                return Err((index, rows.len() + 1, row.len()));
            }
        }
        width = width.max(row.len());
        rows.push(row);
        if rows.len() > super::MAX_ROWS || rows.len().saturating_mul(width) > super::MAX_CELLS {
            return Err((index, rows.len(), width));
        }
    }
    Ok(Table::new(TableOrigin::Word { table: index }, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn blocks(body: &str) -> Vec<Block> {
        parse(Path::new("t.docx"), &doc(body)).unwrap()
    }

    fn texts(t: &Table) -> Vec<Vec<String>> {
        t.rows.iter().map(|r| r.iter().map(|c| c.lines.join("|")).collect()).collect()
    }

    #[test]
    fn reads_visible_text_only() {
        let b = blocks(
            r#"<w:p><w:r><w:t xml:space="preserve">第八届 </w:t></w:r><w:proofErr/><w:r><w:t>全球</w:t></w:r>
            <w:del><w:r><w:delText>删掉</w:delText></w:r></w:del><w:ins><w:r><w:t>华人</w:t></w:r></w:ins>
            <w:r><w:fldChar/><w:instrText>HYPERLINK</w:instrText></w:r><w:hyperlink><w:r><w:t>品质</w:t></w:r></w:hyperlink>
            <w:r><w:br/><w:t>峰会</w:t><w:tab/></w:r></w:p>"#,
        );
        assert_eq!(b, [Block::Paragraph("第八届 全球华人品质\n峰会\t".into())]);
    }

    #[test]
    fn resolves_merged_cells_on_the_grid() {
        let b = blocks(
            r#"<w:tbl>
            <w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>名称</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>时间</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>一、评价</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>9月</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>
            </w:tbl>"#,
        );
        let Block::Table(t) = &b[0] else { panic!("{b:?}") };
        assert_eq!(
            texts(t),
            [vec!["序号", "名称", "时间"], vec!["一、评价", "", ""], vec!["1", "甲|乙", "9月"], vec!["", "丙", "9月"]]
        );
        assert_eq!((t.rows[1][0].span, t.rows[1][1].span), (3, 0));
        assert!(t.rows[3][2].merged && !t.rows[2][2].merged);
        assert_eq!(t.origin, TableOrigin::Word { table: 1 });
    }

    #[test]
    fn damaged_xml_is_an_error() {
        let e = parse(Path::new("t.docx"), "<w:document><w:body>").unwrap_err();
        assert!(e.to_string().contains("damaged"), "{e}");
        assert!(parse(Path::new("t.docx"), "<x/>").unwrap().is_empty());
    }
}
