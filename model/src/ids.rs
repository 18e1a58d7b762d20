//! Identifiers that travel checked: Kazakh business (BIN) and individual (IIN)
//! identification numbers, Kazakh phone numbers and e-mail addresses.
//!
//! A BIN or an IIN is 12 digits whose last digit is a check digit: the weighted sum of the
//! first 11 digits with weights 1..11, mod 11; if that gives 10, the weights
//! 3..11,1,2 are used instead; if it still gives 10 the number is invalid.

use crate::problem::{FieldError, Reason};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a BIN or IIN was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdError {
    /// Not exactly 12 ASCII digits.
    Format,
    /// 12 digits, but the check digit does not match.
    Checksum,
}

impl IdError {
    pub fn reason(self) -> Reason {
        match self {
            IdError::Format => Reason::Format,
            IdError::Checksum => Reason::CheckDigit,
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            IdError::Format => "must be exactly 12 digits",
            IdError::Checksum => "the check digit does not match",
        }
    }
}

/// Checks the 12-digit number and its check digit.
pub fn check_twelve_digits(input: &str) -> Result<(), IdError> {
    let digits: Vec<u32> = input.chars().filter_map(|c| c.to_digit(10)).collect();
    if input.len() != 12 || digits.len() != 12 {
        return Err(IdError::Format);
    }
    let weighted = |weights: [u32; 11]| -> u32 {
        digits.iter().zip(weights).map(|(d, w)| d * w).sum::<u32>() % 11
    };
    let mut check = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if check == 10 {
        check = weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    }
    if check == 10 || check != digits[11] {
        return Err(IdError::Checksum);
    }
    Ok(())
}

/// Completes the first 11 digits with their check digit; None when no digit fits.
pub fn with_check_digit(first11: &str) -> Option<String> {
    (0..10)
        .map(|d| format!("{first11}{d}"))
        .find(|candidate| check_twelve_digits(candidate).is_ok())
}

/// Why an identifier was refused: the reason a client reads, and a message in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub reason: Reason,
    pub message: &'static str,
}

impl Refusal {
    /// The refusal as the error of a named field.
    pub fn at(self, field: &str) -> FieldError {
        FieldError::new(field, self.reason, self.message)
    }
}

impl From<IdError> for Refusal {
    fn from(error: IdError) -> Self {
        Refusal {
            reason: error.reason(),
            message: error.message(),
        }
    }
}

/// A text that can only exist checked: made by `parse` (or by deserializing,
/// which parses), so whoever holds one knows it is valid and in its one form.
macro_rules! checked_text {
    ($name:ident, $doc:literal, $pattern:literal, $check:expr) => {
        #[doc = $doc]
        ///
        /// In the browser an answer's identifiers are taken as the server wrote
        /// them (it checked each one before storing it): the checks would cost
        /// the first page's bundle for nothing. Everywhere else, deserializing
        /// one checks it.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(not(target_arch = "wasm32"), serde(try_from = "String", into = "String"))]
        #[cfg_attr(target_arch = "wasm32", serde(transparent))]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, pattern = $pattern))]
        pub struct $name(String);

        impl $name {
            /// Parses and checks the text; surrounding spaces are ignored.
            pub fn parse(input: &str) -> Result<Self, Refusal> {
                let check: fn(&str) -> Result<String, Refusal> = $check;
                check(input.trim()).map(Self)
            }

            /// Parses the value of a form's field, naming the field when refused.
            pub fn field(field: &str, input: &str) -> Result<Self, FieldError> {
                Self::parse(input).map_err(|refusal| refusal.at(field))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = &'static str;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value).map_err(|refusal| refusal.message)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

checked_text!(
    Bin,
    "A checked business identification number of an organisation.",
    "^[0-9]{12}$",
    |digits| Ok(check_twelve_digits(digits).map(|()| digits.to_owned())?)
);
checked_text!(
    Iin,
    "A checked individual identification number of a person.",
    "^[0-9]{12}$",
    |digits| Ok(check_twelve_digits(digits).map(|()| digits.to_owned())?)
);
checked_text!(
    Phone,
    "A Kazakh phone number, always written `+7XXXXXXXXXX`.",
    "^\\+7[67][0-9]{9}$",
    kazakh_phone
);
checked_text!(
    Email,
    "An e-mail address of a plausible shape: one `@`, a local part, a dotted domain.",
    "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
    email_shape
);

/// Normalises a Kazakh phone number to `+7XXXXXXXXXX`.
///
/// Accepts `+7 701 123 45 67`, `8 (701) 123-45-67`, `87011234567`. Kazakhstan
/// shares the +7 country code with Russia; its numbers continue with 6 or 7.
fn kazakh_phone(written: &str) -> Result<String, Refusal> {
    let refused = Refusal {
        reason: Reason::Phone,
        message: "must be a Kazakh number: +7 7XX XXX XX XX",
    };
    if !written
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'))
        || written.matches('+').count() > 1
        || (written.contains('+') && !written.starts_with('+'))
    {
        return Err(refused);
    }
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    let national = match (written.starts_with('+'), digits.len()) {
        (true, 11) if digits.starts_with('7') => &digits[1..],
        (false, 11) if digits.starts_with('8') || digits.starts_with('7') => &digits[1..],
        _ => return Err(refused),
    };
    if !national.starts_with('6') && !national.starts_with('7') {
        return Err(refused);
    }
    Ok(format!("+7{national}"))
}

/// Checks an e-mail address's shape: one `@`, a non-empty local part, a dotted domain.
fn email_shape(address: &str) -> Result<String, Refusal> {
    let refused = Refusal {
        reason: Reason::Email,
        message: "must be an e-mail address like name@example.kz",
    };
    if address.chars().count() > 254 || address.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(refused);
    }
    let (local, domain) = address.split_once('@').ok_or(refused)?;
    let labels_ok = domain
        .split('.')
        .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && !l.contains('@'));
    if local.is_empty() || local.len() > 64 || !domain.contains('.') || !labels_ok {
        return Err(refused);
    }
    Ok(address.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_numbers_with_a_correct_check_digit() {
        // 1·0+2·0+3·0+4·4+5·0+6·1+7·1+8·0+9·0+10·0+11·1 = 40, 40 mod 11 = 7
        assert_eq!(check_twelve_digits("000401100017"), Ok(()));
        assert_eq!(
            Bin::parse(" 000401100017 ").unwrap().as_str(),
            "000401100017"
        );
        assert!(Iin::parse("000401100017").is_ok());
    }

    #[test]
    fn uses_the_second_weights_when_the_first_sum_gives_ten() {
        // first weights: 1·1 + 9·1 = 10 → second weights: 3·1 + 11·1 = 14 → 3
        assert_eq!(check_twelve_digits("100000001003"), Ok(()));
        assert_eq!(check_twelve_digits("100000001000"), Err(IdError::Checksum));
    }

    #[test]
    fn refuses_a_number_when_both_sums_give_ten() {
        // Searches the first eleven digits for a prefix where both sums give 10.
        for candidate in (0..100_000u32).map(|n| format!("{n:011}")) {
            let sum1: u32 = candidate
                .chars()
                .zip(1..=11)
                .map(|(c, w)| c.to_digit(10).unwrap() * w)
                .sum();
            let weights2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
            let sum2: u32 = candidate
                .chars()
                .zip(weights2)
                .map(|(c, w)| c.to_digit(10).unwrap() * w)
                .sum();
            if sum1 % 11 == 10 && sum2 % 11 == 10 {
                assert_eq!(with_check_digit(&candidate), None);
                for d in 0..10 {
                    assert_eq!(
                        check_twelve_digits(&format!("{candidate}{d}")),
                        Err(IdError::Checksum)
                    );
                }
                return;
            }
        }
        panic!("no number with both sums 10 in the searched range");
    }

    #[test]
    fn refuses_a_wrong_check_digit() {
        assert_eq!(check_twelve_digits("000401100018"), Err(IdError::Checksum));
        assert!(Bin::parse("000401100010").is_err());
    }

    #[test]
    fn refuses_wrong_formats() {
        for bad in [
            "",
            "00040110001",
            "0004011000177",
            "00040110001a",
            "0004 1100017",
            "٠٠٠٤٠١١٠٠٠١٧",
        ] {
            assert_eq!(check_twelve_digits(bad), Err(IdError::Format), "{bad:?}");
        }
    }

    #[test]
    fn deserializing_checks_the_number() {
        assert!(serde_json::from_str::<Bin>("\"000401100017\"").is_ok());
        assert!(serde_json::from_str::<Bin>("\"000401100018\"").is_err());
        assert!(serde_json::from_str::<Iin>("\"12\"").is_err());
    }
}
