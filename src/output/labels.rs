//! The labels of every column, field and section, in Chinese and English.
//! `key` is the JSON key (English snake_case); `zh` and `en` head tables and CSV.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Label {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

macro_rules! labels {
    ($($name:ident = $key:literal, $zh:literal, $en:literal;)*) => {
        $(pub const $name: Label = Label { key: $key, zh: $zh, en: $en };)*
    };
}

labels! {
    ID = "id", "编号", "ID";
    NAME = "name", "名称", "Name";
    PERSON_NAME = "name", "姓名", "Name";
    UNIT_NAME = "name", "单位名称", "Unit";
    UNIT = "unit", "单位", "Unit";
    UNITS = "units", "单位", "Units";
    ALIASES = "aliases", "简称", "Aliases";
    KIND = "kind", "类别", "Kind";
    PARENT = "parent", "上级单位", "Parent unit";
    CREDIT_CODE = "credit_code", "统一社会信用代码", "Credit code";
    STAFF = "staff", "职工人数", "Staff";
    YOUNG_STAFF = "young_staff", "青年职工人数", "Young staff";
    CONTACT = "contact", "联系人", "Contact";
    PHONE = "phone", "联系电话", "Phone";
    NOTE = "note", "备注", "Note";
    STATUS = "status", "状态", "Status";
    MERGED_INTO = "merged_into", "并入单位", "Merged into";
    MERGED_ON = "merged_on", "并入日期", "Merged on";
    COMMITTEE = "committee", "关工委", "Committee";
    COMMITTEE_ID = "committee_id", "关工委编号", "Committee ID";
    SUBUNITS = "subunits", "下级单位", "Subordinate units";
    HISTORY = "history", "变更记录", "History";
    CODE = "code", "代码", "Code";
    NAME_ZH = "name_zh", "中文名称", "Chinese name";
    NAME_EN = "name_en", "英文名称", "English name";
    UNITS_OF_KIND = "units", "单位数", "Units";

    ESTABLISHED_ON = "established_on", "成立日期", "Established";
    DISSOLVED_ON = "dissolved_on", "撤销日期", "Dissolved";
    BATCH = "batch", "批次", "Batch";
    DIRECTOR = "director", "主任", "Director";
    EXECUTIVE_DEPUTY = "executive_deputy", "常务副主任", "Executive deputy";
    STANDARDS_MET = "standards_met", "六有项数", "Standards met (of 6)";
    MEETS = "meets", "已具备", "Meets";
    LACKS = "lacks", "尚缺", "Lacks";
    YEARLY_FUNDS = "yearly_funds", "年度经费（元）", "Yearly funds (yuan)";
    COMPLIANT_FLAG = "compliant", "六有达标", "Compliant";
    MEMBERS = "members", "成员", "Members";
    FORMER_MEMBERS = "former_members", "往届成员", "Former members";
    ROLE = "role", "职务", "Role";
    RETIRED = "retired", "退休", "Retired";
    POST = "post", "单位职务", "Post";
    STARTED_ON = "started_on", "任职日期", "From";
    ENDED_ON = "ended_on", "离任日期", "Until";

    GENDER = "gender", "性别", "Gender";
    BIRTH_DATE = "birth_date", "出生年月", "Born";
    AGE = "age", "年龄", "Age";
    ID_CARD = "id_card", "身份证号", "ID number";
    MOBILE = "phone", "手机", "Mobile";
    LANDLINE = "landline", "座机", "Landline";
    CATEGORY = "category", "五老类别", "Category";
    FORMER_POST = "former_post", "原工作单位及职务", "Former unit and post";
    RETIRED_RANK = "retired_rank", "退休时职级", "Retired rank";
    POLITICAL_STATUS = "political_status", "政治面貌", "Political status";
    SPECIALTIES = "specialties", "专长", "Specialties";
    SERVING_UNIT = "unit", "所在单位", "Unit";
    JOINED_ON = "joined_on", "加入日期", "Joined";
    STATUS_ON = "status_on", "状态变更日期", "Status since";
    IS_MODEL = "is_model", "五老典型", "Model volunteer";
    ROLES = "roles", "关工委职务", "Committee roles";
    SERVING = "serving", "在任", "Serving";

    HELD_ON = "date", "日期", "Date";
    UNTIL = "until", "结束日期", "Until";
    TITLE = "title", "名称", "Title";
    HOSTS = "hosts", "主办单位", "Hosts";
    PRESIDER = "presider", "主持人", "Presided by";
    LOCATION = "location", "地点", "Location";
    ATTENDEES = "attendees", "参会人数", "Attendance";
    ATTENDING_UNITS = "units", "参会单位", "Units attending";
    UNIT_COUNT = "unit_count", "参会单位数", "Units";
    HEADCOUNT = "attendees", "人数", "People";
    SPEAKERS = "speakers", "发言", "Speakers";
    SPEAKER = "person", "发言人", "Speaker";
    TOPIC = "topic", "发言题目", "Topic";
    ABSENT_UNITS = "absent_units", "有关工委但未参会的单位", "Units with a committee that did not attend";
    SIGNED_IN = "signed_in", "签到人员", "Signed in";
    SIGNED_AT = "signed_at", "签到时间", "Signed at";
    MEETINGS_OF_KIND = "meetings", "会议数", "Meetings";
    YOUTH = "youth", "受益青少年人次", "Youth reached";
    VOLUNTEERS_INVOLVED = "volunteers", "参与五老人数", "Volunteers";
    FUNDS = "funds", "帮扶资金（元）", "Funds (yuan)";
    STUDENTS = "students", "资助学生数", "Students helped";
    SUMMARY = "summary", "简要内容", "Summary";
    ACTIVITIES_OF_KIND = "activities", "活动数", "Activities";

    COVERAGE_KIND = "kind", "单位类别", "Unit kind";
    WITH_COMMITTEE = "with_committee", "已建关工委", "With committee";
    ESTABLISH_RATE = "establish_rate", "组建率", "Establishment rate";
    COMPLIANT = "compliant", "六有达标", "Compliant";
    COMPLIANCE_RATE = "compliance_rate", "达标率", "Compliance rate";
    TOTAL = "total", "合计", "Total";
    PLANNED = "planned", "筹建中", "Planned";
}

/// The coverage report's heading and the missing-units list's heading.
pub const COVERAGE_TITLE: Label = Label {
    key: "coverage",
    zh: "关工委组建情况",
    en: "Committee coverage",
};
pub const MISSING_TITLE: Label = Label {
    key: "units_without_committee",
    zh: "尚未建立关工委的单位",
    en: "Units without a committee",
};

/// Names the records of a table, for messages such as "still referred to by 2 committees".
pub fn table_noun(table: &str, lang: Lang) -> &'static str {
    let (zh, en) = match table {
        "unit" => ("下级单位或并入记录", "units below it or merged into it"),
        "committee_unit" => ("关工委", "committees"),
        "committee_member" => ("关工委成员", "committee members"),
        "volunteer" => ("五老", "volunteers"),
        "activity" => ("活动", "activities"),
        "meeting_unit" | "meeting_host" | "meeting_attendee" | "meeting_speaker" => {
            ("会议记录", "meeting records")
        }
        _ => ("记录", "records"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
