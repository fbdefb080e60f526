//! 关工委: statuses, the member roles and the six standards (六有).

use super::enums::{Enumerated, enumerated, parse_enum};
use crate::output::Text;

enumerated! {
    /// Where a committee stands.
    pub enum CommitteeStatus ("状态", "status") {
        Planned = "planned", "筹建中", "planned", ["计划", "筹建"];
        Active = "active", "已成立", "active", ["成立", "在运行"];
        Dissolved = "dissolved", "已撤销", "dissolved", ["撤销", "解散"];
    }
}

enumerated! {
    /// The roles of committee members, fixed by the 关工委 rules.
    pub enum Role ("职务", "role") {
        HonoraryDirector = "honorary_director", "名誉主任", "honorary director", [];
        Adviser = "adviser", "顾问", "adviser", ["advisor"];
        Director = "director", "主任", "director", [];
        ExecutiveDeputy = "executive_deputy", "常务副主任", "executive deputy", [];
        DeputyDirector = "deputy_director", "副主任", "deputy director", ["deputy"];
        SecretaryGeneral = "secretary_general", "秘书长", "secretary-general", ["secretary"];
        Member = "member", "委员", "member", ["成员"];
        Liaison = "liaison", "联络员", "liaison", ["通讯员", "correspondent"];
    }
}

enumerated! {
    /// 六有: the six standards of a compliant committee.
    pub enum Standard ("六有标准", "standard") {
        Leadership = "leadership", "有班子", "leadership", ["班子"];
        Team = "team", "有队伍", "team", ["队伍"];
        Rules = "rules", "有制度", "rules", ["制度"];
        Premises = "premises", "有场所", "premises", ["场所", "阵地"];
        Files = "files", "有档案", "files", ["档案"];
        Funds = "funds", "有经费", "funds", ["经费"];
    }
}

impl Standard {
    /// The committee table's column that records this standard.
    pub fn column(self) -> &'static str {
        match self {
            Standard::Leadership => "has_leadership",
            Standard::Team => "has_team",
            Standard::Rules => "has_rules",
            Standard::Premises => "has_premises",
            Standard::Files => "has_files",
            Standard::Funds => "has_funds",
        }
    }
}

/// Splits a list typed as `场所,经费`, `场所、经费` or `premises;funds`.
pub fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// `班子、队伍、制度` or `premises,funds`; `六有`, `全部` or `all` for all six.
pub fn parse_standards(s: &str) -> Result<Vec<Standard>, Text> {
    let cleaned = super::clean(s);
    if ["六有", "全部", "all"]
        .iter()
        .any(|all| cleaned.eq_ignore_ascii_case(all))
    {
        return Ok(Standard::ALL.to_vec());
    }
    split_list(&cleaned).map(parse_enum::<Standard>).collect()
}
