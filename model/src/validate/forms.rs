//! Checks of whole forms, each field at fault named.

use super::fields::*;
use super::{limits, Checked};
use crate::problem::{FieldError, Reason};
use crate::{
    Bin, CodeClaim, Iin, PaperBallotClaim, ProfileChange, RegistrarAccount, Registration,
    VoterClaim,
};

/// Checks a request for a voter's code: a valid IIN and a Kazakh phone.
pub fn otp_request(request: &crate::OtpRequest) -> Result<VoterClaim, Vec<FieldError>> {
    match (
        Iin::field("iin", &request.iin),
        phone("phone", &request.phone),
    ) {
        (Ok(iin), Ok(phone)) => Ok(VoterClaim {
            iin,
            phone,
            fair_id: request.fair_id,
        }),
        (iin, phone) => Err([iin.err(), phone.err()].into_iter().flatten().collect()),
    }
}

impl Checked for VoterClaim {
    type Form = crate::OtpRequest;
    fn check(form: &Self::Form) -> Result<Self, Vec<FieldError>> {
        otp_request(form)
    }
}

/// Checks a code to verify: a Kazakh phone and six digits.
pub fn code_claim(request: &crate::VerifyRequest) -> Result<CodeClaim, Vec<FieldError>> {
    match (
        phone("phone", &request.phone),
        otp_code("code", &request.code),
    ) {
        (Ok(phone), Ok(code)) => Ok(CodeClaim { phone, code }),
        (phone, code) => Err([phone.err(), code.err()].into_iter().flatten().collect()),
    }
}

impl Checked for CodeClaim {
    type Form = crate::VerifyRequest;
    fn check(form: &Self::Form) -> Result<Self, Vec<FieldError>> {
        code_claim(form)
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
pub fn registration(form: &crate::NgoRegistration) -> Result<Registration, Vec<FieldError>> {
    let mut errors = Vec::new();
    let bin = Bin::field("bin", &form.bin)
        .map_err(|e| errors.push(e))
        .ok();
    names(&mut errors, "name", &form.name, limits::NAME);
    let checks = [
        text_length("legal_form", &form.legal_form, limits::LEGAL_FORM),
        date("registered_on", &form.registered_on),
        text_length("district", &form.district, (1, 50)),
    ];
    errors.extend(checks.into_iter().filter_map(Result::err));
    let email = email("email", &form.email).map_err(|e| errors.push(e)).ok();
    if let Err(e) = password("password", &form.password) {
        errors.push(e);
    }
    match (bin, email) {
        (Some(bin), Some(email)) if errors.is_empty() => Ok(Registration {
            bin,
            name: crate::Text {
                kk: form.name.kk.trim().to_owned(),
                ru: form.name.ru.clone().filter(|v| !v.trim().is_empty()),
                en: form.name.en.clone().filter(|v| !v.trim().is_empty()),
            },
            legal_form: form.legal_form.trim().to_owned(),
            registered_on: form.registered_on.trim().to_owned(),
            district: form.district.trim().to_owned(),
            email,
            password: form.password.clone(),
        }),
        _ => Err(errors),
    }
}

impl Checked for Registration {
    type Form = crate::NgoRegistration;
    fn check(form: &Self::Form) -> Result<Self, Vec<FieldError>> {
        registration(form)
    }
}

/// Checks an NGO's profile and returns it tidied: text trimmed, the phone in
/// `+7XXXXXXXXXX` form, empty optional fields as `None`. The district and
/// directions are checked against the database by the server.
pub fn ngo_profile(form: &crate::NgoProfile) -> Result<ProfileChange, Vec<FieldError>> {
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
    let phone =
        optional(&form.phone).and_then(|v| phone("phone", v).map_err(|e| errors.push(e)).ok());
    let contact =
        optional(&form.email).and_then(|v| email("email", v).map_err(|e| errors.push(e)).ok());
    let mut keep = |result: Result<String, FieldError>| result.map_err(|e| errors.push(e)).ok();
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
    Ok(ProfileChange {
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

impl Checked for ProfileChange {
    type Form = crate::NgoProfile;
    fn check(form: &Self::Form) -> Result<Self, Vec<FieldError>> {
        ngo_profile(form)
    }
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

/// Checks who may vote: a fair for districts names at least one.
pub fn electorate(
    electorate: Option<crate::Electorate>,
    districts: Option<&[String]>,
) -> Result<(), FieldError> {
    if electorate == Some(crate::Electorate::District) && districts.is_none_or(<[_]>::is_empty) {
        return Err(FieldError::new(
            "districts",
            Reason::Required,
            "a fair for districts must name at least one",
        ));
    }
    Ok(())
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

/// Checks a new station: a name, and a district (checked against the
/// database by the server); returns it trimmed.
pub fn station(form: &crate::NewStation) -> Result<crate::NewStation, Vec<FieldError>> {
    let errors: Vec<FieldError> = [
        text_length("name", &form.name, limits::NAME),
        text_length("district", &form.district, (1, 50)),
    ]
    .into_iter()
    .filter_map(Result::err)
    .collect();
    if errors.is_empty() {
        Ok(crate::NewStation {
            name: form.name.trim().to_owned(),
            district: form.district.trim().to_owned(),
        })
    } else {
        Err(errors)
    }
}

impl Checked for crate::NewStation {
    type Form = crate::NewStation;
    fn check(form: &Self::Form) -> Result<Self, Vec<FieldError>> {
        station(form)
    }
}

/// Checks a registrar's account: an e-mail and a password that is not weak.
pub fn registrar(form: &crate::NewRegistrar) -> Result<RegistrarAccount, Vec<FieldError>> {
    match (
        email("email", &form.email),
        password("password", &form.password),
    ) {
        (Ok(email), Ok(())) => Ok(RegistrarAccount {
            email,
            password: form.password.clone(),
            station_id: form.station_id,
        }),
        (email, password) => Err([email.err(), password.err()]
            .into_iter()
            .flatten()
            .collect()),
    }
}

impl Checked for RegistrarAccount {
    type Form = crate::NewRegistrar;
    fn check(form: &Self::Form) -> Result<Self, Vec<FieldError>> {
        registrar(form)
    }
}

/// Checks a paper ballot's IIN; its ideas are checked against the fair by
/// [`ballot`], as a web ballot's.
pub fn paper_ballot(form: &crate::PaperBallotRequest) -> Result<PaperBallotClaim, Vec<FieldError>> {
    Ok(PaperBallotClaim {
        iin: Iin::field("iin", &form.iin).map_err(|e| vec![e])?,
        idea_ids: form.idea_ids.clone(),
    })
}

impl Checked for PaperBallotClaim {
    type Form = crate::PaperBallotRequest;
    fn check(form: &Self::Form) -> Result<Self, Vec<FieldError>> {
        paper_ballot(form)
    }
}

/// Why a paper ballot is voided: from 3 to 500 characters.
pub fn void_reason(reason: &str) -> Result<(), FieldError> {
    text_length("reason", reason, limits::VOID_REASON)
}
