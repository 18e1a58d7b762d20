//! Validators shared by the browser (instant feedback) and the server (the authority):
//! checks of one field (`fields`) and of whole forms (`forms`).

mod fields;
mod forms;

pub use fields::*;
pub use forms::*;

use crate::problem::FieldError;

/// A request as checked, made from the form as it was sent (each field as
/// typed) by the shared validator, which names every field at fault at once.
/// The server's handlers take only checked requests, so none of them can hold
/// an identifier that was not checked.
pub trait Checked: Sized {
    /// The request as sent, as the browser's form holds it.
    type Form: serde::de::DeserializeOwned;

    fn check(form: &Self::Form) -> Result<Self, Vec<FieldError>>;
}

/// Length limits, in characters, for the text fields people type.
pub mod limits {
    pub const NAME: (usize, usize) = (2, 200);
    pub const TITLE: (usize, usize) = (3, 200);
    pub const SUMMARY: (usize, usize) = (10, 500);
    pub const DESCRIPTION: (usize, usize) = (0, 5000);
    pub const ADDRESS: (usize, usize) = (0, 300);
    pub const SEARCH: (usize, usize) = (0, 100);
    pub const LEGAL_FORM: (usize, usize) = (2, 100);
    pub const SOCIAL_LINKS: usize = 10;
    pub const VOID_REASON: (usize, usize) = (3, 500);
    pub const VOLUNTEERS: i64 = 1_000_000;
    /// The West Kazakhstan region's bounds: latitudes, then longitudes.
    pub const REGION_LAT: (f64, f64) = (47.5, 51.9);
    pub const REGION_LON: (f64, f64) = (46.4, 55.6);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        Funding, InitiativeForm, InitiativeKind, InitiativeStatus, NgoProfile, NgoRegistration,
        Point, Text,
    };

    fn initiative_form() -> InitiativeForm {
        InitiativeForm {
            title: Text {
                kk: "Жастар форумы".into(),
                ru: None,
                en: None,
            },
            description: Text::default(),
            kind: InitiativeKind::Event,
            status: InitiativeStatus::Planned,
            funding: Funding::Patron,
            amount_kzt: Some(250_000),
            district: "oral".into(),
            location: Point {
                lat: 51.23,
                lon: 51.37,
            },
            starts_on: "2027-04-01".into(),
            ends_on: Some("2027-04-02".into()),
            volunteers: 12,
        }
    }

    #[test]
    fn initiatives_stay_inside_the_region_and_in_order() {
        assert!(initiative(&initiative_form()).is_ok());
        let bad = InitiativeForm {
            location: Point {
                lat: 43.24,
                lon: f64::NAN,
            },
            ends_on: Some("2027-03-31".into()),
            amount_kzt: Some(-1),
            ..initiative_form()
        };
        let fields: Vec<String> = initiative(&bad)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["location.lat", "location.lon", "ends_on", "amount_kzt"]
        );
    }

    #[test]
    fn date_knows_the_calendar() {
        assert!(date("d", "2015-03-27").is_ok());
        assert!(date("d", "2024-02-29").is_ok());
        for bad in [
            "2023-02-29",
            "2015-13-01",
            "2015-3-27",
            "27.03.2015",
            "1990-01-01",
            "",
        ] {
            assert_eq!(date("d", bad).unwrap_err().code(), "date", "{bad}");
        }
    }

    fn registration_form() -> NgoRegistration {
        NgoRegistration {
            bin: crate::ids::with_check_digit("15034000123").unwrap(),
            name: Text {
                kk: "Жастар орталығы".into(),
                ru: None,
                en: None,
            },
            legal_form: "ҚБ".into(),
            registered_on: "2015-03-27".into(),
            district: "oral".into(),
            email: "info@jastar.kz".into(),
            password: "orda-zhaiyq-2015".into(),
        }
    }

    #[test]
    fn registration_names_every_field_at_fault() {
        assert!(registration(&registration_form()).is_ok());
        let bad = NgoRegistration {
            bin: "150340001230".into(),
            email: "info".into(),
            password: "1234567890".into(),
            registered_on: "2015-02-30".into(),
            ..registration_form()
        };
        let fields: Vec<String> = registration(&bad)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["bin", "registered_on", "email", "password"]);
    }

    #[test]
    fn profile_is_tidied_or_refused_field_by_field() {
        let form = NgoProfile {
            name: Text {
                kk: " Жастар ".into(),
                ru: Some("  ".into()),
                en: None,
            },
            legal_form: "ҚБ".into(),
            district: "oral".into(),
            phone: Some("8 (701) 123-45-67".into()),
            email: Some("".into()),
            social_links: vec!["https://instagram.com/jastar".into(), " ".into()],
            directions: vec!["youth".into(), "sport".into(), "youth".into()],
            ..NgoProfile::default()
        };
        let tidy = ngo_profile(&form).unwrap();
        assert_eq!(tidy.name.kk, "Жастар");
        assert_eq!(tidy.name.ru, None);
        assert_eq!(tidy.phone.as_deref(), Some("+77011234567"));
        assert_eq!(tidy.email, None);
        assert_eq!(tidy.social_links, ["https://instagram.com/jastar"]);
        assert_eq!(tidy.directions, ["sport", "youth"]);

        let bad = NgoProfile {
            website: Some("javascript:alert(1)".into()),
            social_links: vec!["https://ok.kz".into(), "ftp://x.kz".into()],
            volunteers: -1,
            ..form
        };
        let fields: Vec<String> = ngo_profile(&bad)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["website", "social_links[1]", "volunteers"]);
    }

    #[test]
    fn text_length_counts_characters_not_bytes() {
        assert!(text_length("name", "Жастар", (2, 6)).is_ok());
        assert_eq!(
            text_length("name", "Жастар!", (2, 6)).unwrap_err().code(),
            "too_long"
        );
        assert_eq!(
            text_length("name", "  ", (2, 6)).unwrap_err().code(),
            "required"
        );
        assert_eq!(
            text_length("name", "Ж", (2, 6)).unwrap_err().code(),
            "too_short"
        );
        assert!(text_length("description", "", limits::DESCRIPTION).is_ok());
        assert!(text_length("description", "Бір\nекі\tүш", limits::DESCRIPTION).is_ok());
        for hidden in [
            "a\u{0}b",
            "abc\u{1b}[31m",
            "\u{202e}gnp.exe",
            "ab\u{2066}c",
            "x\u{85}y",
        ] {
            assert_eq!(
                text_length("name", hidden, limits::NAME)
                    .unwrap_err()
                    .code(),
                "characters",
                "{hidden:?}"
            );
        }
    }

    #[test]
    fn phone_accepts_kazakh_numbers_in_common_writings() {
        for ok in [
            "+7 701 123 45 67",
            "8 (701) 123-45-67",
            "87011234567",
            "+77011234567",
            "+7 (7112) 50-12-34",
        ] {
            let normalised = phone("phone", ok).unwrap_or_else(|e| panic!("{ok}: {e:?}"));
            assert_eq!(normalised.len(), 12);
            assert!(normalised.starts_with("+77"));
        }
        assert_eq!(phone("phone", "8 701 123 45 67").unwrap(), "+77011234567");
    }

    #[test]
    fn phone_refuses_other_numbers() {
        for bad in [
            "",
            "+7 901 123 45 67",
            "+1 701 123 45 67",
            "701 123 45 67",
            "+7 701 123 45 6",
            "+7 701 123 45 678",
            "7+7011234567",
            "+7 701 abc 45 67",
            "++77011234567",
        ] {
            assert_eq!(phone("phone", bad).unwrap_err().code(), "phone", "{bad:?}");
        }
    }

    #[test]
    fn email_checks_the_shape() {
        assert_eq!(
            email("email", " info@deaf-oral.kz ").unwrap(),
            "info@deaf-oral.kz"
        );
        for bad in [
            "",
            "info",
            "info@",
            "@deaf.kz",
            "info@kz",
            "in fo@deaf.kz",
            "info@deaf..kz",
            "a@b@c.kz",
            "info@-deaf.kz",
        ] {
            assert!(email("email", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn otp_requests_name_every_bad_field() {
        let request = |iin: &str, phone: &str| crate::OtpRequest {
            iin: iin.into(),
            phone: phone.into(),
            fair_id: None,
        };
        let claim = otp_request(&request(" 000401100017 ", "8 701 123 45 67")).unwrap();
        assert_eq!(
            (claim.iin.as_str(), claim.phone.as_str()),
            ("000401100017", "+77011234567")
        );
        let both = otp_request(&request("000401100018", "123")).unwrap_err();
        let fields: Vec<_> = both.iter().map(|e| (e.field.as_str(), e.code())).collect();
        assert_eq!(fields, [("iin", "checksum"), ("phone", "phone")]);
        assert_eq!(
            otp_request(&request("12", "+77011234567")).unwrap_err()[0].code(),
            "format"
        );
    }

    #[test]
    fn codes_are_six_digits() {
        assert_eq!(otp_code("code", " 012345 ").unwrap(), "012345");
        for bad in ["", "12345", "1234567", "12a456", "١٢٣٤٥٦"] {
            assert!(otp_code("code", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ballots_hold_distinct_ideas_within_the_limit() {
        assert!(ballot(&[1, 2, 3], 3).is_ok());
        assert_eq!(ballot(&[], 3).unwrap_err().code(), "required");
        assert_eq!(ballot(&[1, 2, 3, 4], 3).unwrap_err().code(), "too_many");
        assert_eq!(ballot(&[1, 1], 3).unwrap_err().code(), "duplicate");
    }

    #[test]
    fn passwords_are_long_and_not_common() {
        assert!(password("password", "correct horse battery").is_ok());
        assert_eq!(
            password("password", "short").unwrap_err().code(),
            "too_short"
        );
        assert_eq!(
            password("password", "Password123").unwrap_err().code(),
            "common"
        );
        assert_eq!(
            password("password", "aaaaaaaaaaaa").unwrap_err().code(),
            "common"
        );
    }

    #[test]
    fn ideas_name_each_bad_field() {
        let text = |kk: &str| crate::Text {
            kk: kk.into(),
            ru: None,
            en: None,
        };
        let good = crate::NewIdea {
            title: text("Жастар үйі"),
            summary: text("Ауылдағы жастарға арналған орталық ашу."),
            description: crate::Text::default(),
            district: None,
            budget_kzt: 500_000,
            directions: vec![],
        };
        assert!(idea(&good).is_ok());
        let bad = crate::NewIdea {
            title: text("Ж"),
            summary: text(""),
            budget_kzt: -5,
            ..good
        };
        let fields: Vec<_> = idea(&bad)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["title.kk", "summary.kk", "budget_kzt"]);
    }

    #[test]
    fn web_links_are_http_only() {
        assert!(web_link("website", "https://deaf.kz/oral").is_ok());
        assert!(web_link("website", "http://example.kz").is_ok());
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil.kz",
            "https://",
            "https://localhost",
            "ftp://x.kz",
            "https://a .kz",
        ] {
            assert!(web_link("website", bad).is_err(), "{bad:?}");
        }
    }
}
