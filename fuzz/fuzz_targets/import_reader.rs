//! Any bytes, read as each kind of file a member unit may send: the reader
//! must give rows or an error, never panic.

#![no_main]

use std::path::PathBuf;

use ggw::import::TextEncoding;
use ggw::import::reader::open_rows;
use libfuzzer_sys::fuzz_target;

const EXTENSIONS: &[&str] = &["csv", "tsv", "txt", "xlsx", "xls", "ods"];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let extension = EXTENSIONS[usize::from(choice) % EXTENSIONS.len()];
    // One file per fuzzing process: workers run side by side.
    let path: PathBuf =
        std::env::temp_dir().join(format!("ggw-fuzz-{}.{extension}", std::process::id()));
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    if let Ok(rows) = open_rows(&path, None, TextEncoding::Auto) {
        for row in rows {
            if row.is_err() {
                break;
            }
        }
    }
    let _ = std::fs::remove_file(&path);
});
