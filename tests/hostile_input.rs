//! Hostile input to every import: empty files, a header alone, random
//! bytes, a workbook cut in half, a zip that is no workbook, NUL bytes,
//! 5,000 columns, a 1 MB cell, UTF-16 without a byte-order mark, mixed line
//! endings, an unbalanced quote, SQL and formula text as names, and names of
//! one and of 10,000 characters.
//!
//! Whatever comes in, an import ends either in a correct import (the stored
//! values are checked) or in exit 1 with a message on stderr that names the
//! file and says what is wrong, and then the registry is exactly as it was.
//! It never panics: no run exits with 101 or says "panicked".

mod common;

use std::path::Path;

use common::{Registry, arg};

/// What one run of `ggw` gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs one import of `path` with `ggw NOUN import PATH OPTIONS…` and checks
/// the rule every case obeys: no panic, exit 0 or 1, and a refusal that
/// names the file, says something and leaves the registry as it was.
fn import(reg: &Registry, noun: &str, path: &Path, options: &[&str]) -> Run {
    let before = reg.dump();
    let mut args = vec![noun, "import", arg(path)];
    args.extend_from_slice(options);
    let output = reg.ggw().args(&args).output().expect("run ggw");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let code = output
        .status
        .code()
        .expect("ggw exits, not killed by a signal");
    assert!(
        !stderr.contains("panicked") && code != 101,
        "ggw {args:?} panicked (exit {code}): {stderr}"
    );
    assert!(
        code == 0 || code == 1,
        "ggw {args:?} exited {code}, neither done nor refused: {stderr}"
    );
    if code == 1 {
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(
            stderr.contains(name),
            "the refusal of ggw {args:?} names the file: {stderr}"
        );
        assert!(
            stderr.starts_with("错误："),
            "the refusal of ggw {args:?} says it is an error: {stderr}"
        );
        assert_eq!(
            before,
            reg.dump(),
            "the refused ggw {args:?} changed the database"
        );
    }
    Run {
        code,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
    }
}

/// An import that must be refused; returns its stderr.
fn refused(reg: &Registry, noun: &str, path: &Path) -> String {
    let run = import(reg, noun, path, &[]);
    assert_eq!(
        run.code,
        1,
        "{noun} import of {} should be refused: {}{}",
        path.display(),
        run.stdout,
        run.stderr
    );
    run.stderr
}

/// An import that must succeed; returns its stdout.
fn imported(reg: &Registry, noun: &str, path: &Path, options: &[&str]) -> String {
    let run = import(reg, noun, path, options);
    assert_eq!(
        run.code,
        0,
        "{noun} import of {} should succeed: {}",
        path.display(),
        run.stderr
    );
    run.stdout
}

/// A registry with one unit, so that a refused import has something to
/// leave alone and rows have a unit to name.
fn registry() -> Registry {
    let reg = Registry::new();
    reg.ok(&[
        "unit",
        "add",
        "鸡西市司法局",
        "--alias",
        "市司法局",
        "--kind",
        "organ",
    ]);
    reg
}

/// Every importer with a header and one valid row of its own.
const IMPORTERS: [(&str, &str, &str); 5] = [
    ("unit", "单位名称,简称", "鸡西市教育局,教育局"),
    (
        "volunteer",
        "姓名,五老类别,所在单位",
        "张德福,老干部,市司法局",
    ),
    (
        "activity",
        "单位,日期,活动类别,活动名称",
        "市司法局,2023-07-12,法治宣传,五老送法进乡村",
    ),
    ("committee", "单位,成立日期,批次", "市司法局,2023-03-15,1"),
    (
        "meeting",
        "日期,会议名称,会议类别",
        "2023-07-20,推进会,推进会",
    ),
];

/// A fixed pseudo-random byte sequence (a linear congruential generator),
/// so that the test sees the same "random" file every time.
fn noise(seed: u32, len: usize) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 24) as u8
        })
        .collect()
}

/// A real workbook with the given rows of text cells.
fn xlsx(rows: &[&str]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, line) in rows.iter().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// CRC-32 (IEEE), as a zip entry records it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip of the given files, stored uncompressed, as a workbook is one.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = Vec::new();
    let mut directory = Vec::new();
    for (name, content) in files {
        let crc = crc32(content);
        let size = u32::try_from(content.len()).unwrap();
        let name_len = u16::try_from(name.len()).unwrap();
        let offset = u32::try_from(zip.len()).unwrap();
        // Local file header.
        zip.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        zip.extend_from_slice(&20u16.to_le_bytes()); // version needed
        zip.extend_from_slice(&0u16.to_le_bytes()); // flags
        zip.extend_from_slice(&0u16.to_le_bytes()); // method: stored
        zip.extend_from_slice(&0u16.to_le_bytes()); // time
        zip.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
        zip.extend_from_slice(&crc.to_le_bytes());
        zip.extend_from_slice(&size.to_le_bytes());
        zip.extend_from_slice(&size.to_le_bytes());
        zip.extend_from_slice(&name_len.to_le_bytes());
        zip.extend_from_slice(&0u16.to_le_bytes()); // extra length
        zip.extend_from_slice(name.as_bytes());
        zip.extend_from_slice(content);
        // Its central directory entry.
        directory.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        directory.extend_from_slice(&20u16.to_le_bytes()); // version made by
        directory.extend_from_slice(&20u16.to_le_bytes()); // version needed
        directory.extend_from_slice(&0u16.to_le_bytes()); // flags
        directory.extend_from_slice(&0u16.to_le_bytes()); // method
        directory.extend_from_slice(&0u16.to_le_bytes()); // time
        directory.extend_from_slice(&0x21u16.to_le_bytes()); // date
        directory.extend_from_slice(&crc.to_le_bytes());
        directory.extend_from_slice(&size.to_le_bytes());
        directory.extend_from_slice(&size.to_le_bytes());
        directory.extend_from_slice(&name_len.to_le_bytes());
        directory.extend_from_slice(&0u16.to_le_bytes()); // extra length
        directory.extend_from_slice(&0u16.to_le_bytes()); // comment length
        directory.extend_from_slice(&0u16.to_le_bytes()); // disk
        directory.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        directory.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        directory.extend_from_slice(&offset.to_le_bytes()); // local header offset
        directory.extend_from_slice(name.as_bytes());
    }
    let directory_at = u32::try_from(zip.len()).unwrap();
    let directory_len = u32::try_from(directory.len()).unwrap();
    let entries = u16::try_from(files.len()).unwrap();
    zip.extend_from_slice(&directory);
    // End of central directory.
    zip.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    zip.extend_from_slice(&0u16.to_le_bytes()); // this disk
    zip.extend_from_slice(&0u16.to_le_bytes()); // directory disk
    zip.extend_from_slice(&entries.to_le_bytes()); // entries here
    zip.extend_from_slice(&entries.to_le_bytes()); // entries in all
    zip.extend_from_slice(&directory_len.to_le_bytes());
    zip.extend_from_slice(&directory_at.to_le_bytes());
    zip.extend_from_slice(&0u16.to_le_bytes()); // comment length
    zip
}

/// UTF-16 little-endian, as Excel's "Unicode text" writes it, but without
/// the byte-order mark.
fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// The names of all units, in the order they were registered.
fn unit_names(reg: &Registry) -> Vec<String> {
    let conn = reg.conn();
    let mut stmt = conn.prepare("SELECT name FROM unit ORDER BY id").unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

// ---------------------------------------------------------------------------
// Files that hold nothing importable: refused by every importer

/// An empty file is refused by every importer, saying it is empty.
#[test]
fn an_empty_file_is_refused_by_every_importer() {
    let reg = registry();
    for (noun, _, _) in IMPORTERS {
        let path = reg.file(&format!("{noun}-empty.csv"), "");
        let err = refused(&reg, noun, &path);
        assert_eq!(err, format!("错误：{}: 文件是空的\n", path.display()));
    }
}

/// A header without rows is refused by every importer, saying there are no
/// rows under it.
#[test]
fn a_header_alone_is_refused_by_every_importer() {
    let reg = registry();
    for (noun, header, _) in IMPORTERS {
        let path = reg.file(&format!("{noun}-header.csv"), format!("{header}\n"));
        let err = refused(&reg, noun, &path);
        assert_eq!(err, format!("错误：{}: 表头下没有数据行\n", path.display()));
    }
}

/// Random bytes, as a damaged download would be, are refused whether the
/// name says CSV or workbook.
#[test]
fn random_bytes_are_refused_by_every_importer() {
    let reg = registry();
    let bytes = noise(0x2023_0720, 4096);
    for (noun, _, _) in IMPORTERS {
        let path = reg.file(&format!("{noun}-noise.csv"), &bytes);
        let err = refused(&reg, noun, &path);
        assert!(err.contains("无法按 gb18030 解码的字节"), "{err}");
        let path = reg.file(&format!("{noun}-noise.xlsx"), &bytes);
        let err = refused(&reg, noun, &path);
        assert!(err.contains("不是可读取的电子表格"), "{err}");
    }
}

/// A workbook cut in half (an interrupted download or copy) is refused as
/// no readable spreadsheet.
#[test]
fn a_workbook_cut_in_half_is_refused_by_every_importer() {
    let reg = registry();
    for (noun, header, row) in IMPORTERS {
        let whole = xlsx(&[header, row]);
        // The whole workbook imports: the damage is all that is wrong.
        let path = reg.file(&format!("{noun}-whole.xlsx"), &whole);
        let dry = imported(&reg, noun, &path, &["--dry-run"]);
        assert!(dry.contains("新增 1"), "{dry}");
        let path = reg.file(&format!("{noun}-half.xlsx"), &whole[..whole.len() / 2]);
        let err = refused(&reg, noun, &path);
        assert!(
            err.starts_with(&format!("错误：{}: 不是可读取的电子表格（", path.display())),
            "{err}"
        );
        assert!(err.contains("请确认文件完整"), "{err}");
    }
}

/// A valid zip that holds a text file and no workbook is refused as no
/// readable spreadsheet.
#[test]
fn a_zip_that_is_no_workbook_is_refused_by_every_importer() {
    let reg = registry();
    let zip = zip_of(&[("readme.txt", "单位名称\n鸡西市教育局\n".as_bytes())]);
    for (noun, _, _) in IMPORTERS {
        let path = reg.file(&format!("{noun}-zip.xlsx"), &zip);
        let err = refused(&reg, noun, &path);
        assert!(
            err.starts_with(&format!("错误：{}: 不是可读取的电子表格（", path.display())),
            "{err}"
        );
    }
}

/// A workbook whose sheet stops after its rows, before its closing tags
/// (a sheet cut short inside a whole zip), is refused whole: the rows read
/// before the break are not imported, however the sheet is read.
#[test]
fn a_sheet_cut_short_after_its_rows_is_refused_whole() {
    let reg = registry();
    let text = |cell: &str, value: &str| {
        format!(r#"<c r="{cell}" t="inlineStr"><is><t>{value}</t></is></c>"#)
    };
    let sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{}{}{}</row><row r="2">{}{}{}</row><row r="3">{}{}{}</row>"#,
        text("A1", "姓名"),
        text("B1", "五老类别"),
        text("C1", "所在单位"),
        text("A2", "张德福"),
        text("B2", "老干部"),
        text("C2", "市司法局"),
        text("A3", "李淑珍"),
        text("B3", "老教师"),
        text("C3", "市司法局"),
    );
    let workbook = zip_of(&[
        (
            "[Content_Types].xml",
            br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ]);
    let path = reg.file("broken.xlsx", &workbook);
    let before = reg.count("SELECT count(*) FROM volunteer");
    let err = refused(&reg, "volunteer", &path);
    assert!(
        err.starts_with(&format!("错误：{}: 不是可读取的电子表格（", path.display())),
        "{err}"
    );
    assert_eq!(reg.count("SELECT count(*) FROM volunteer"), before);
}

/// A quote that is never closed swallows the rest of the file into one
/// cell; that is refused naming the line of the quote.
#[test]
fn an_unbalanced_quote_is_refused_by_every_importer() {
    let reg = registry();
    for (noun, header, row) in IMPORTERS {
        let path = reg.file(
            &format!("{noun}-quote.csv"),
            format!("{header}\n\"{row}\n{row}\n"),
        );
        let err = refused(&reg, noun, &path);
        assert_eq!(
            err,
            format!(
                "错误：{}: 第 2 行有一个没有配对的双引号，其后的各行都被读进了同一格：请检查该行的引号\n",
                path.display()
            )
        );
    }
}

// ---------------------------------------------------------------------------
// Odd bytes and odd shapes

/// A NUL byte in any cell, through every importer, is refused naming the
/// row and the column as Excel shows them, never stored.
#[test]
fn a_nul_byte_in_a_cell_is_refused_naming_row_and_column() {
    let reg = registry();
    let sheets: &[(&str, &str, &str)] = &[
        ("unit", "单位名称,简称\n鸡西市\0教育局,教育局\n", "A"),
        ("volunteer", "姓名,五老类别\n张\0德福,老干部\n", "A"),
        (
            "activity",
            "单位,日期,活动类别,活动名称\n市司法局,2023-07-12,法治宣传,送法\0\n",
            "D",
        ),
        (
            "meeting",
            "日期,会议名称,会议类别,主持人\n2023-07-20,推进会\0,推进会,张\n",
            "B",
        ),
        (
            "committee",
            "单位,成立日期,批次,主任\n市司法局,2023-03-15,1,张\0\n",
            "D",
        ),
    ];
    for (noun, content, column) in sheets {
        let path = reg.file(&format!("nul-{noun}.csv"), content);
        let err = refused(&reg, noun, &path);
        assert_eq!(
            err,
            format!(
                "错误：{}: 第 2 行 {column} 列含有控制字符 U+0000：请在表格中删去后重新导入\n",
                path.display()
            ),
            "{noun}"
        );
    }
}

/// 5,000 columns: the one that matters is read; the warning names the
/// first unused ones and counts them all.
#[test]
fn five_thousand_columns_import_the_one_that_matters() {
    let reg = registry();
    let mut header = vec!["单位名称".to_string()];
    let mut row = vec!["鸡西市教育局".to_string()];
    for i in 1..5000 {
        header.push(format!("第{i}列"));
        row.push(format!("值{i}"));
    }
    let path = reg.file(
        "wide.csv",
        format!("{}\n{}\n", header.join(","), row.join(",")),
    );
    let run = import(&reg, "unit", &path, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!("{}：新增 1，更新 0，未变 0\n", path.display())
    );
    let named: Vec<String> = (1..=20).map(|i| format!("第{i}列")).collect();
    assert_eq!(
        run.stderr,
        format!("注意：未使用的列：{}……共 4999 列\n", named.join("、")),
        "the first twenty are named, then the count"
    );
    assert_eq!(unit_names(&reg), ["鸡西市司法局", "鸡西市教育局"]);
}

/// A cell of more than 1 MB in a free-text column is stored whole.
#[test]
fn a_one_megabyte_cell_is_stored_whole() {
    let reg = registry();
    let note = "啊".repeat(350_000); // 1,050,000 bytes of UTF-8
    let path = reg.file("big.csv", format!("单位名称,备注\n鸡西市教育局,{note}\n"));
    imported(&reg, "unit", &path, &[]);
    assert_eq!(
        reg.text("SELECT note FROM unit WHERE name = '鸡西市教育局'"),
        Some(note)
    );

    // In the name column the same cell is refused as too long.
    let path = reg.file(
        "big-name.csv",
        format!("单位名称\n{}\n", "名".repeat(350_000)),
    );
    let err = refused(&reg, "unit", &path);
    assert!(
        err.starts_with(&format!(
            "错误：{}:2:单位名称: 单位名称过长（350000字，最多100字）\n",
            path.display()
        )),
        "{err}"
    );
}

/// UTF-16 without a byte-order mark is recognised by the zero bytes of its
/// digits, delimiters and line ends, and read, for units and for a roster.
#[test]
fn utf16_without_a_byte_order_mark_is_read() {
    let reg = registry();
    let path = reg.file(
        "units-utf16.txt",
        utf16le("单位名称\t简称\t职工人数\t青年职工人数\r\n鸡西市教育局\t教育局\t120\t45\r\n"),
    );
    imported(&reg, "unit", &path, &[]);
    assert_eq!(unit_names(&reg), ["鸡西市司法局", "鸡西市教育局"]);
    assert_eq!(
        reg.text(
            "SELECT a.alias || ' ' || u.staff || ' ' || u.young_staff
               FROM unit u JOIN unit_alias a ON a.unit_id = u.id WHERE u.name = '鸡西市教育局'"
        ),
        Some("教育局 120 45".to_string())
    );

    let path = reg.file(
        "roster-utf16.txt",
        utf16le(
            "姓名\t五老类别\t联系电话\r\n张德福\t老干部\t13800000001\r\n王建国\t老战士\t13900000002\r\n",
        ),
    );
    imported(&reg, "volunteer", &path, &["--unit", "市司法局"]);
    assert_eq!(
        reg.text(
            "SELECT group_concat(name || ':' || category || ':' || phone, ' ')
               FROM (SELECT name, category, phone FROM volunteer ORDER BY id)"
        ),
        Some("张德福:cadre:13800000001 王建国:veteran:13900000002".to_string())
    );
}

/// \r\n, \n and \r in one file are all line ends: every row comes in with
/// no stray carriage return in a value.
#[test]
fn mixed_line_endings_import_every_row_cleanly() {
    let reg = registry();
    let path = reg.file(
        "mixed.csv",
        "单位名称,简称\r\n鸡西市教育局,教育局\n鸡西市财政局,财政局\r鸡西市中医院,中医院\r\n",
    );
    imported(&reg, "unit", &path, &[]);
    assert_eq!(
        unit_names(&reg),
        [
            "鸡西市司法局",
            "鸡西市教育局",
            "鸡西市财政局",
            "鸡西市中医院"
        ]
    );
    assert_eq!(
        reg.text(
            "SELECT group_concat(alias, ' ') FROM (SELECT alias FROM unit_alias ORDER BY unit_id)"
        ),
        Some("市司法局 教育局 财政局 中医院".to_string())
    );

    let path = reg.file(
        "mixed-roster.csv",
        "姓名,五老类别\r\n张德福,老干部\n王建国,老战士\r李秀兰,老教师\r\n",
    );
    imported(&reg, "volunteer", &path, &["--unit", "市司法局"]);
    assert_eq!(
        reg.text("SELECT group_concat(name || ':' || category, ' ') FROM (SELECT name, category FROM volunteer ORDER BY id)"
        ),
        Some("张德福:cadre 王建国:veteran 李秀兰:teacher".to_string())
    );

    let path = reg.file(
        "mixed-activities.csv",
        "单位,日期,活动类别,活动名称\r\n市司法局,2023-07-12,法治宣传,送法进乡村\n鸡西市教育局,2023-07-25,助学助困,金秋助学\r",
    );
    imported(&reg, "activity", &path, &[]);
    assert_eq!(
        reg.text("SELECT group_concat(title || '@' || held_on, ' ') FROM (SELECT title, held_on FROM activity ORDER BY id)"
        ),
        Some("送法进乡村@2023-07-12 金秋助学@2023-07-25".to_string())
    );
}

// ---------------------------------------------------------------------------
// Names that are SQL, formulas, very long or very short

/// SQL in a name is a name: stored as that literal text, and the unit table
/// is still there.
#[test]
fn sql_as_a_unit_name_is_stored_literally() {
    let reg = registry();
    let name = "'; DROP TABLE unit; --";
    let path = reg.file("sql.csv", format!("单位名称\n{name}\n"));
    imported(&reg, "unit", &path, &[]);
    assert_eq!(unit_names(&reg), ["鸡西市司法局", name]);
    let shown = reg.ok(&["unit", "show", name, "--format", "json"]);
    assert!(shown.contains("DROP TABLE unit"), "{shown}");

    // The same text as a volunteer's name.
    let path = reg.file("sql-roster.csv", format!("姓名,五老类别\n{name},老干部\n"));
    imported(&reg, "volunteer", &path, &["--unit", "市司法局"]);
    assert_eq!(
        reg.text("SELECT name FROM volunteer"),
        Some(name.to_string())
    );
    assert_eq!(reg.count("SELECT count(*) FROM unit"), 2);
}

/// Formula text is stored as typed, and neutralised (a leading ') where
/// ggw writes CSV for a spreadsheet; reading that export back gives the
/// name as typed again.
#[test]
fn formula_text_as_a_name_is_stored_as_typed_and_neutralised_in_csv() {
    let reg = registry();
    let formulas = ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(1)"];
    let sheet: String = std::iter::once("单位名称".to_string())
        .chain(
            formulas
                .iter()
                .map(|f| format!("\"{}\"", f.replace('"', "\"\""))),
        )
        .collect::<Vec<_>>()
        .join("\n");
    let path = reg.file("formula.csv", sheet + "\n");
    imported(&reg, "unit", &path, &[]);
    let mut expected = vec!["鸡西市司法局"];
    expected.extend(formulas);
    assert_eq!(unit_names(&reg), expected);

    let out = reg.dir.path().join("export.csv");
    reg.ok(&["unit", "export", "--out", arg(&out)]);
    let export = std::fs::read_to_string(&out).unwrap();
    for line in [
        "\"'=HYPERLINK(\"\"x\"\")\",,其他,",
        "'+1,,其他,",
        "'-2,,其他,",
        "'@SUM(1),,其他,",
    ] {
        assert!(
            export.lines().any(|l| l.starts_with(line)),
            "{line} in {export}"
        );
    }
    let listed = reg.ok(&["unit", "list", "--format", "csv"]);
    assert!(listed.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{listed}");

    // The export imported into a fresh registry gives the names as typed.
    let fresh = registry();
    imported(&fresh, "unit", &out, &[]);
    assert_eq!(unit_names(&fresh), expected);

    // An activity's title likewise: stored as typed, neutralised in CSV.
    let path = reg.file(
        "formula-activity.csv",
        "单位,日期,活动类别,活动名称\n市司法局,2023-07-12,法治宣传,\"=HYPERLINK(\"\"x\"\")\"\n",
    );
    imported(&reg, "activity", &path, &[]);
    assert_eq!(
        reg.text("SELECT title FROM activity"),
        Some(formulas[0].to_string())
    );
    let listed = reg.ok(&["activity", "list", "--period", "2023-07", "--format", "csv"]);
    assert!(listed.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{listed}");
}

/// A name of 10,000 characters is refused as too long; a name of one
/// character is a name.
#[test]
fn very_long_names_are_refused_and_one_character_names_stored() {
    let reg = registry();
    let path = reg.file("long.csv", format!("单位名称\n{}\n", "长".repeat(10_000)));
    let err = refused(&reg, "unit", &path);
    assert!(
        err.starts_with(&format!(
            "错误：{}:2:单位名称: 单位名称过长（10000字，最多100字）\n",
            path.display()
        )),
        "{err}"
    );

    let path = reg.file(
        "long-roster.csv",
        format!("姓名,五老类别\n{},老干部\n", "长".repeat(10_000)),
    );
    let err = refused(&reg, "volunteer", &path);
    assert!(
        err.starts_with(&format!(
            "错误：{}:2:姓名: 姓名过长（10000字，最多50字），不像姓名\n",
            path.display()
        )),
        "{err}"
    );
    assert!(err.len() < 1_000, "the name is not copied into the message");

    let path = reg.file("short.csv", "单位名称\n甲\n");
    imported(&reg, "unit", &path, &[]);
    assert_eq!(unit_names(&reg), ["鸡西市司法局", "甲"]);
    let path = reg.file("short-roster.csv", "姓名,五老类别\n张,老干部\n");
    imported(&reg, "volunteer", &path, &["--unit", "甲"]);
    assert_eq!(
        reg.text("SELECT name FROM volunteer"),
        Some("张".to_string())
    );
}
