//! 五老: the fixed enumerations of a volunteer's record.

use super::enums::enumerated;

enumerated! {
    /// The five kinds of 五老, and 其他 for new recruits who fit none.
    pub enum Category ("五老类别", "category") {
        Cadre = "cadre", "老干部", "veteran cadre", ["干部"];
        Veteran = "veteran", "老战士", "veteran soldier", ["战士", "老军人"];
        Expert = "expert", "老专家", "veteran expert", ["专家"];
        Teacher = "teacher", "老教师", "veteran teacher", ["教师"];
        Model = "model", "老模范", "veteran model worker", ["模范", "劳模", "老劳模"];
        Other = "other", "其他", "other", ["其它", "新五老"];
    }
}

enumerated! {
    /// The rank held on retiring (退休时职级).
    pub enum RetiredRank ("退休时职级", "retired rank") {
        Department = "department", "厅级", "department level", ["厅局级", "正厅级", "副厅级", "地厅级"];
        Division = "division", "处级", "division level", ["县处级", "正处级", "副处级", "县级"];
        Section = "section", "科级", "section level", ["乡科级", "正科级", "副科级"];
        Other = "other", "其他", "other", ["其它", "无"];
    }
}

enumerated! {
    pub enum VolunteerStatus ("人员状态", "status") {
        Active = "active", "在册", "active", ["正常", "在岗", "活跃"];
        Inactive = "inactive", "不再参加", "inactive", ["退出", "停止", "不活跃"];
        Deceased = "deceased", "已故", "deceased", ["去世", "逝世", "病故"];
    }
}

enumerated! {
    pub enum Gender ("性别", "gender") {
        Male = "male", "男", "male", ["m", "男性"];
        Female = "female", "女", "female", ["f", "女性"];
    }
}

/// Yes or no, as a sheet writes it: 是/否, 有/无, √, yes/no, 1/0.
pub fn parse_yes_no(s: &str) -> Result<bool, crate::output::Text> {
    let cleaned = super::clean(s);
    match cleaned.to_lowercase().as_str() {
        "是" | "有" | "√" | "✓" | "y" | "yes" | "true" | "1" => Ok(true),
        "否" | "无" | "×" | "n" | "no" | "false" | "0" => Ok(false),
        _ => Err(crate::text!(
            "“{cleaned}”应为“是”或“否”",
            "'{cleaned}' should be yes or no"
        )),
    }
}

/// A person's name as stored: cleaned, and without the spaces that rosters
/// put inside Chinese names to line them up with longer ones (`王　芳` is
/// 王芳). Spaces between other letters (`Li Ming`) stay.
pub fn person_name(s: &str) -> String {
    let is_han = |c: char| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}');
    let cleaned = super::clean(s);
    let chars: Vec<char> = cleaned.chars().collect();
    let mut name = String::with_capacity(cleaned.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let before = name.chars().next_back();
            let after = chars[i + 1..].iter().copied().find(|c| !c.is_whitespace());
            if before.is_some_and(is_han) && after.is_some_and(is_han) {
                continue;
            }
        }
        name.push(c);
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_inside_a_chinese_name_goes() {
        assert_eq!(person_name("王\u{3000}芳"), "王芳");
        assert_eq!(person_name(" 王  芳 "), "王芳");
        assert_eq!(person_name("张德福"), "张德福");
        assert_eq!(person_name("Li  Ming"), "Li  Ming");
        assert_eq!(person_name("买买提·吐尔逊"), "买买提·吐尔逊");
    }
}
