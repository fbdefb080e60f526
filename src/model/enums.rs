//! The fixed enumerations: each value has an English code (stored), a Chinese
//! and an English label, and is accepted in any of them.

use crate::output::{Coded, Lang, Text};

pub trait Enumerated: Sized + Copy + PartialEq + 'static {
    /// What the enumeration is called, for messages: ("职务", "role").
    const WHAT: (&'static str, &'static str);
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn zh(self) -> &'static str;
    fn en(self) -> &'static str;
    /// Other words people use for the same value.
    fn synonyms(self) -> &'static [&'static str];

    fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }

    fn coded(self) -> Coded {
        Coded {
            code: self.code().to_string(),
            zh: self.zh().to_string(),
            en: self.en().to_string(),
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

/// Accepts the Chinese label, the English label, the code or a synonym,
/// ignoring case, spaces, hyphens and underscores in the English forms.
pub fn parse_enum<T: Enumerated>(s: &str) -> Result<T, Text> {
    let cleaned = super::clean(s);
    let wanted: String = fold(&cleaned).collect();
    let found = T::ALL.iter().copied().find(|v| {
        [v.code(), v.zh(), v.en()]
            .iter()
            .chain(v.synonyms())
            .any(|name| fold(name).eq(wanted.chars()))
    });
    found.ok_or_else(|| {
        let (what_zh, what_en) = T::WHAT;
        let zh: Vec<&str> = T::ALL.iter().map(|v| v.zh()).collect();
        let en: Vec<&str> = T::ALL.iter().map(|v| v.code()).collect();
        let (zh, en) = (zh.join("、"), en.join(", "));
        crate::text!(
            "未知的{what_zh}“{cleaned}”：可选 {zh}",
            "unknown {what_en} '{cleaned}': use one of {en}"
        )
    })
}

fn fold(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
}

/// Declares an enumeration and its labels in one table.
macro_rules! enumerated {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what_zh:literal, $what_en:literal) {
            $($variant:ident = $code:literal, $zh:literal, $en:literal, [$($syn:literal),*];)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),* }

        impl $crate::model::enums::Enumerated for $name {
            const WHAT: (&'static str, &'static str) = ($what_zh, $what_en);
            const ALL: &'static [Self] = &[$($name::$variant),*];
            fn code(self) -> &'static str { match self { $($name::$variant => $code),* } }
            fn zh(self) -> &'static str { match self { $($name::$variant => $zh),* } }
            fn en(self) -> &'static str { match self { $($name::$variant => $en),* } }
            fn synonyms(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($syn),*]),* }
            }
        }
    };
}
pub(crate) use enumerated;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::committee::Role;

    #[test]
    fn accepts_every_form() {
        for s in [
            "常务副主任",
            "executive deputy",
            "Executive-Deputy",
            "executive_deputy",
        ] {
            assert_eq!(parse_enum::<Role>(s), Ok(Role::ExecutiveDeputy), "{s}");
        }
        assert_eq!(parse_enum::<Role>("通讯员"), Ok(Role::Liaison));
    }

    #[test]
    fn unknown_value_lists_the_choices() {
        let err = parse_enum::<Role>("队长").unwrap_err();
        assert!(err.zh.contains("主任"), "{}", err.zh);
        assert!(err.en.contains("director"), "{}", err.en);
    }
}
