//! 单位: names, statuses and the checks on a unit's own values.

use super::enums::enumerated;
use crate::output::Text;

enumerated! {
    pub enum UnitStatus ("单位状态", "unit status") {
        Active = "active", "在册", "active", [];
        Merged = "merged", "已并入", "merged", ["合并"];
    }
}

/// The longest name the registry takes; longer text is a pasted paragraph, not a name.
pub const MAX_NAME_CHARS: usize = 100;

/// A unit's name or alias: not empty, not all digits (digits name a unit by
/// its id), no line breaks, at most [`MAX_NAME_CHARS`] characters.
pub fn check_name(s: &str) -> Result<String, Text> {
    let name = super::clean(s);
    if name.is_empty() {
        return Err(crate::text!(
            "单位名称不能为空",
            "a unit name cannot be empty"
        ));
    }
    if name.chars().all(|c| c.is_ascii_digit() || c == '#') {
        return Err(crate::text!(
            "单位名称不能全是数字（“{name}”）：数字用来按编号指定单位",
            "a unit name cannot be all digits ('{name}'): digits name a unit by its id"
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(crate::text!(
            "单位名称“{name}”含有换行或控制字符",
            "the unit name '{name}' contains a line break or control character"
        ));
    }
    let count = name.chars().count();
    if count > MAX_NAME_CHARS {
        return Err(crate::text!(
            "单位名称过长（{count}字，最多{MAX_NAME_CHARS}字）",
            "the unit name is too long ({count} characters, at most {MAX_NAME_CHARS})"
        ));
    }
    Ok(name)
}

/// Young staff are part of the staff, so they cannot outnumber it.
pub fn check_staff(staff: Option<i64>, young_staff: Option<i64>) -> Result<(), Text> {
    match (staff, young_staff) {
        (Some(all), Some(young)) if young > all => Err(crate::text!(
            "青年职工人数（{young}）不能多于职工人数（{all}）",
            "young staff ({young}) cannot outnumber the staff ({all})"
        )),
        _ => Ok(()),
    }
}

/// Splits a cell of aliases: `市司法局、司法局` or `市司法局;司法局`.
pub fn split_aliases(s: &str) -> Vec<String> {
    super::committee::split_list(s).map(super::clean).collect()
}
