//! Field validators shared by the browser (instant feedback) and the server (the authority).

use crate::problem::{FieldError, Reason};

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
    pub const VOLUNTEERS: i64 = 1_000_000;
    /// The West Kazakhstan region's bounds: latitudes, then longitudes.
    pub const REGION_LAT: (f64, f64) = (47.5, 51.9);
    pub const REGION_LON: (f64, f64) = (46.4, 55.6);
}

/// True for characters no one types into a form: control characters (but tab
/// and line breaks) and the bidirectional overrides and isolates that can make
/// text read differently from what it is.
fn hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Checks that `value`, trimmed, has between `min` and `max` characters, none of them hidden.
pub fn text_length(field: &str, value: &str, (min, max): (usize, usize)) -> Result<(), FieldError> {
    let n = value.trim().chars().count();
    if value.chars().any(hidden) {
        Err(FieldError::new(
            field,
            Reason::Characters,
            "must not contain control or text-direction characters",
        ))
    } else if n == 0 && min > 0 {
        Err(FieldError::new(field, Reason::Required, "is required"))
    } else if n < min {
        Err(FieldError::new(
            field,
            Reason::TooShort { min: min as i64 },
            format!("must have at least {min} characters"),
        ))
    } else if n > max {
        Err(FieldError::new(
            field,
            Reason::TooLong { max: max as i64 },
            format!("must have at most {max} characters"),
        ))
    } else {
        Ok(())
    }
}

/// Normalises a Kazakh phone number to `+7XXXXXXXXXX`.
///
/// Accepts `+7 701 123 45 67`, `8 (701) 123-45-67`, `87011234567`. Kazakhstan
/// shares the +7 country code with Russia; its numbers continue with 6 or 7.
pub fn phone(field: &str, value: &str) -> Result<String, FieldError> {
    let invalid = || {
        FieldError::new(
            field,
            Reason::Phone,
            "must be a Kazakh number: +7 7XX XXX XX XX",
        )
    };
    let trimmed = value.trim();
    if !trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'))
        || trimmed.matches('+').count() > 1
        || (trimmed.contains('+') && !trimmed.starts_with('+'))
    {
        return Err(invalid());
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let national = match (trimmed.starts_with('+'), digits.len()) {
        (true, 11) if digits.starts_with('7') => &digits[1..],
        (false, 11) if digits.starts_with('8') || digits.starts_with('7') => &digits[1..],
        _ => return Err(invalid()),
    };
    if !national.starts_with('6') && !national.starts_with('7') {
        return Err(invalid());
    }
    Ok(format!("+7{national}"))
}

/// Checks an e-mail address's shape: one `@`, a non-empty local part, a dotted domain.
pub fn email(field: &str, value: &str) -> Result<String, FieldError> {
    let invalid = || {
        FieldError::new(
            field,
            Reason::Email,
            "must be an e-mail address like name@example.kz",
        )
    };
    let v = value.trim();
    if v.chars().count() > 254 || v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid());
    }
    let (local, domain) = v.split_once('@').ok_or_else(invalid)?;
    let labels_ok = domain
        .split('.')
        .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && !l.contains('@'));
    if local.is_empty() || local.len() > 64 || !domain.contains('.') || !labels_ok {
        return Err(invalid());
    }
    Ok(v.to_owned())
}

/// Checks that a link is an absolute http(s) URL, so nothing else ends up in an `href`.
pub fn web_link(field: &str, value: &str) -> Result<String, FieldError> {
    let v = value.trim();
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))
        .ok_or_else(|| {
            FieldError::new(field, Reason::Url, "must start with https:// or http://")
        })?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty()
        || !host.contains('.')
        || v.len() > 500
        || v.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(FieldError::new(
            field,
            Reason::Url,
            "must be a web address like https://example.kz",
        ));
    }
    Ok(v.to_owned())
}

/// Checks a request for a voter's code: a valid IIN and a Kazakh phone.
/// Returns the normalised phone, or every field at fault.
pub fn otp_request(iin: &str, phone_number: &str) -> Result<String, Vec<FieldError>> {
    let iin_check =
        crate::Iin::parse(iin).map_err(|e| FieldError::new("iin", e.reason(), e.message()));
    match (iin_check, phone("phone", phone_number)) {
        (Ok(_), Ok(phone)) => Ok(phone),
        (iin, phone) => Err([iin.err(), phone.err()].into_iter().flatten().collect()),
    }
}

/// Checks a one-time code: exactly six digits.
pub fn otp_code(field: &str, value: &str) -> Result<String, FieldError> {
    let v = value.trim();
    if v.len() == 6 && v.chars().all(|c| c.is_ascii_digit()) {
        Ok(v.to_owned())
    } else {
        Err(FieldError::new(
            field,
            Reason::Format,
            "must be the 6 digits from the SMS",
        ))
    }
}

/// Checks a ballot's ideas: at least one, at most `votes_per_voter`, no repeats.
pub fn ballot(idea_ids: &[i64], votes_per_voter: i64) -> Result<(), FieldError> {
    let mut seen = std::collections::HashSet::new();
    if idea_ids.is_empty() {
        Err(FieldError::new(
            "idea_ids",
            Reason::Required,
            "choose at least one idea",
        ))
    } else if idea_ids.len() as i64 > votes_per_voter {
        Err(FieldError::new(
            "idea_ids",
            Reason::TooMany {
                max: votes_per_voter,
            },
            format!("choose at most {votes_per_voter} ideas"),
        ))
    } else if !idea_ids.iter().all(|id| seen.insert(*id)) {
        Err(FieldError::new(
            "idea_ids",
            Reason::Duplicate,
            "each idea can be chosen once",
        ))
    } else {
        Ok(())
    }
}

/// Checks a password for a new account: at least 10 characters and not one of
/// the passwords everyone tries first.
pub fn password(field: &str, value: &str) -> Result<(), FieldError> {
    const COMMON: [&str; 12] = [
        "1234567890",
        "12345678910",
        "qwertyuiop",
        "password123",
        "1q2w3e4r5t",
        "qwerty1234",
        "1111111111",
        "0123456789",
        "password12",
        "asdfghjkl1",
        "qazwsxedcr",
        "iloveyou12",
    ];
    if value.chars().count() < 10 {
        Err(FieldError::new(
            field,
            Reason::TooShort { min: 10 },
            "must have at least 10 characters",
        ))
    } else if value.chars().count() > 200 {
        Err(FieldError::new(
            field,
            Reason::TooLong { max: 200 },
            "must have at most 200 characters",
        ))
    } else if COMMON.contains(&value.to_lowercase().as_str())
        || value.chars().all(|c| value.starts_with(c))
    {
        Err(FieldError::new(
            field,
            Reason::Common,
            "is too easy to guess",
        ))
    } else {
        Ok(())
    }
}

/// Checks a calendar date written `YYYY-MM-DD`, from 1991 (independence) to 2100.
pub fn date(field: &str, value: &str) -> Result<(), FieldError> {
    let invalid = || FieldError::new(field, Reason::Date, "must be a date like 2015-03-27");
    let parts: Vec<&str> = value.trim().split('-').collect();
    let [y, m, d] = parts[..] else {
        return Err(invalid());
    };
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (number(y, 4), number(m, 2), number(d, 2)) else {
        return Err(invalid());
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(invalid()),
    };
    if !(1991..=2100).contains(&y) || d == 0 || d > days {
        return Err(invalid());
    }
    Ok(())
}

/// An optional text field, trimmed; `None` when empty.
fn optional(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Checks multilingual text: Kazakh as `limits` say, the others only when given.
fn names(errors: &mut Vec<FieldError>, field: &str, text: &crate::Text, limits: (usize, usize)) {
    if let Err(e) = text_length(&format!("{field}.kk"), &text.kk, limits) {
        errors.push(e);
    }
    for (lang, value) in [("ru", &text.ru), ("en", &text.en)] {
        if let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            if let Err(e) = text_length(&format!("{field}.{lang}"), value, limits) {
                errors.push(e);
            }
        }
    }
}

/// Checks an NGO's application: BIN with its check digit, names, legal form,
/// registration date, e-mail and password. The district is checked against the
/// database by the server.
pub fn registration(form: &crate::NgoRegistration) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if let Err(e) = crate::Bin::parse(&form.bin) {
        errors.push(FieldError::new("bin", e.reason(), e.message()));
    }
    names(&mut errors, "name", &form.name, limits::NAME);
    let checks = [
        text_length("legal_form", &form.legal_form, limits::LEGAL_FORM),
        date("registered_on", &form.registered_on),
        text_length("district", &form.district, (1, 50)),
        email("email", &form.email).map(drop),
        password("password", &form.password),
    ];
    errors.extend(checks.into_iter().filter_map(Result::err));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Checks an NGO's profile and returns it tidied: text trimmed, the phone in
/// `+7XXXXXXXXXX` form, empty optional fields as `None`. The district and
/// directions are checked against the database by the server.
pub fn ngo_profile(form: &crate::NgoProfile) -> Result<crate::NgoProfile, Vec<FieldError>> {
    let mut errors = Vec::new();
    names(&mut errors, "name", &form.name, limits::NAME);
    names(
        &mut errors,
        "description",
        &form.description,
        limits::DESCRIPTION,
    );
    let checks = [
        text_length("legal_form", &form.legal_form, limits::LEGAL_FORM),
        text_length("district", &form.district, (1, 50)),
        text_length("address", &form.address, limits::ADDRESS),
    ];
    errors.extend(checks.into_iter().filter_map(Result::err));
    let mut keep = |result: Result<String, FieldError>| match result {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let phone = optional(&form.phone).and_then(|v| keep(phone("phone", v)));
    let contact = optional(&form.email).and_then(|v| keep(email("email", v)));
    let website = optional(&form.website).and_then(|v| keep(web_link("website", v)));
    let social_links: Vec<String> = form
        .social_links
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.trim().is_empty())
        .filter_map(|(i, v)| keep(web_link(&format!("social_links[{i}]"), v)))
        .collect();
    if form.social_links.len() > limits::SOCIAL_LINKS {
        errors.push(FieldError::new(
            "social_links",
            Reason::TooMany {
                max: limits::SOCIAL_LINKS as i64,
            },
            format!("may have at most {} links", limits::SOCIAL_LINKS),
        ));
    }
    if form.directions.len() > 14 {
        errors.push(FieldError::new(
            "directions",
            Reason::TooMany { max: 14 },
            "may have at most 14 directions",
        ));
    }
    if !(0..=limits::VOLUNTEERS).contains(&form.volunteers) {
        errors.push(FieldError::new(
            "volunteers",
            Reason::Range {
                min: 0,
                max: limits::VOLUNTEERS,
            },
            "must be from 0 to 1 000 000",
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let tidy = |text: &crate::Text| crate::Text {
        kk: text.kk.trim().to_owned(),
        ru: optional(&text.ru).map(str::to_owned),
        en: optional(&text.en).map(str::to_owned),
    };
    let mut directions = form.directions.clone();
    directions.sort();
    directions.dedup();
    Ok(crate::NgoProfile {
        name: tidy(&form.name),
        legal_form: form.legal_form.trim().to_owned(),
        district: form.district.trim().to_owned(),
        address: form.address.trim().to_owned(),
        directions,
        description: tidy(&form.description),
        phone,
        email: contact,
        website,
        social_links,
        volunteers: form.volunteers,
        active: form.active,
    })
}

/// Checks a fair's settings: votes per voter from 1 to 20, winners from 1 to 100.
pub fn fair_settings(
    votes_per_voter: Option<i64>,
    winners: Option<i64>,
) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if votes_per_voter.is_some_and(|v| !(1..=20).contains(&v)) {
        errors.push(FieldError::new(
            "votes_per_voter",
            Reason::Range { min: 1, max: 20 },
            "must be from 1 to 20",
        ));
    }
    if winners.is_some_and(|w| !(1..=100).contains(&w)) {
        errors.push(FieldError::new(
            "winners",
            Reason::Range { min: 1, max: 100 },
            "must be from 1 to 100",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Checks an initiative: a title, dates in order, a sane amount, and a place
/// inside the region. The district is checked against the database by the server.
pub fn initiative(form: &crate::InitiativeForm) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    names(&mut errors, "title", &form.title, limits::TITLE);
    names(
        &mut errors,
        "description",
        &form.description,
        limits::DESCRIPTION,
    );
    if let Err(e) = text_length("district", &form.district, (1, 50)) {
        errors.push(e);
    }
    let (lat, lon) = (form.location.lat, form.location.lon);
    let inside = |v: f64, (min, max): (f64, f64)| v.is_finite() && (min..=max).contains(&v);
    if !inside(lat, limits::REGION_LAT) {
        errors.push(FieldError::new(
            "location.lat",
            Reason::Region,
            "must be a latitude inside the West Kazakhstan region (47.5 to 51.9)",
        ));
    }
    if !inside(lon, limits::REGION_LON) {
        errors.push(FieldError::new(
            "location.lon",
            Reason::Region,
            "must be a longitude inside the West Kazakhstan region (46.4 to 55.6)",
        ));
    }
    let starts = date("starts_on", &form.starts_on);
    let ends = form.ends_on.as_deref().map(|end| date("ends_on", end));
    match (&starts, &ends) {
        (Ok(()), Some(Ok(())))
            if form.ends_on.as_deref().unwrap_or("") < form.starts_on.as_str() =>
        {
            errors.push(FieldError::new(
                "ends_on",
                Reason::BeforeStart,
                "must not be before the start",
            ));
        }
        _ => {}
    }
    errors.extend(starts.err());
    errors.extend(ends.and_then(Result::err));
    if form
        .amount_kzt
        .is_some_and(|a| !(0..=100_000_000_000).contains(&a))
    {
        errors.push(FieldError::new(
            "amount_kzt",
            Reason::Range {
                min: 0,
                max: 100_000_000_000,
            },
            "must be from 0 to 100 000 000 000 tenge",
        ));
    }
    if !(0..=limits::VOLUNTEERS).contains(&form.volunteers) {
        errors.push(FieldError::new(
            "volunteers",
            Reason::Range {
                min: 0,
                max: limits::VOLUNTEERS,
            },
            "must be from 0 to 1 000 000",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Checks a new idea: names and summaries within their limits, a sane budget.
pub fn idea(idea: &crate::NewIdea) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    names(&mut errors, "title", &idea.title, limits::TITLE);
    names(&mut errors, "summary", &idea.summary, limits::SUMMARY);
    names(
        &mut errors,
        "description",
        &idea.description,
        limits::DESCRIPTION,
    );
    if !(1..=10_000_000_000).contains(&idea.budget_kzt) {
        errors.push(FieldError::new(
            "budget_kzt",
            Reason::Range {
                min: 1,
                max: 10_000_000_000,
            },
            "must be from 1 to 10 000 000 000 tenge",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
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
        assert_eq!(
            otp_request("000401100017", "8 701 123 45 67").unwrap(),
            "+77011234567"
        );
        let both = otp_request("000401100018", "123").unwrap_err();
        let fields: Vec<_> = both.iter().map(|e| (e.field.as_str(), e.code())).collect();
        assert_eq!(fields, [("iin", "checksum"), ("phone", "phone")]);
        assert_eq!(
            otp_request("12", "+77011234567").unwrap_err()[0].code(),
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
