//! Checks of one field: lengths, phones, e-mails, links, codes, passwords, dates.

use crate::ids::{Email, Phone};
use crate::problem::{FieldError, Reason};

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

/// Checks a Kazakh phone number and writes it `+7XXXXXXXXXX`.
pub fn phone(field: &str, value: &str) -> Result<Phone, FieldError> {
    Phone::field(field, value)
}

/// Checks an e-mail address's shape.
pub fn email(field: &str, value: &str) -> Result<Email, FieldError> {
    Email::field(field, value)
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
