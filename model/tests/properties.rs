//! Property tests of the shared validators: for any input they answer without
//! panicking, and what they accept stays accepted.

use bastama_model::{ids, latin, search, validate, Bin, Iin};
use proptest::prelude::*;

proptest! {
    #[test]
    fn a_completed_number_parses_and_any_other_last_digit_does_not(first in "[0-9]{11}") {
        if let Some(id) = ids::with_check_digit(&first) {
            prop_assert!(Iin::parse(&id).is_ok());
            prop_assert!(Bin::parse(&id).is_ok());
            let last = id.as_bytes()[11] - b'0';
            for other in (0..10u8).filter(|d| *d != last) {
                let changed = format!("{first}{other}");
                prop_assert!(Iin::parse(&changed).is_err(), "{changed}");
            }
        }
    }

    #[test]
    fn identity_numbers_never_panic(input in "\\PC{0,20}") {
        let _ = Iin::parse(&input);
        let _ = Bin::parse(&input);
    }

    #[test]
    fn a_normalised_phone_normalises_to_itself(national in "7[0-9]{9}", writing in 0..3usize) {
        let written = match writing {
            0 => format!("+7 {national}"),
            1 => format!("8{national}"),
            _ => format!("+7 ({}) {}-{}", &national[..3], &national[3..6], &national[6..]),
        };
        let phone = validate::phone("phone", &written).unwrap();
        prop_assert_eq!(validate::phone("phone", &phone).unwrap(), phone.clone());
        prop_assert_eq!(phone.as_str(), format!("+7{national}"));
    }

    #[test]
    fn validators_answer_any_text(text in "\\PC{0,300}") {
        let _ = validate::phone("phone", &text);
        let _ = validate::email("email", &text);
        let _ = validate::web_link("website", &text);
        let _ = validate::date("date", &text);
        let _ = validate::password("password", &text);
        let _ = validate::otp_code("code", &text);
        let _ = validate::text_length("name", &text, validate::limits::NAME);
    }

    #[test]
    fn accepted_links_are_http_and_have_no_spaces(text in "\\PC{0,80}") {
        if let Ok(link) = validate::web_link("website", &text) {
            prop_assert!(link.starts_with("http://") || link.starts_with("https://"));
            prop_assert!(!link.chars().any(char::is_whitespace));
        }
    }

    #[test]
    fn search_folding_is_stable(text in "\\PC{0,100}") {
        let once = search::fold(&text);
        prop_assert_eq!(search::fold(&once), once.clone());
        prop_assert!(!once.chars().any(|c| c.is_uppercase()));
    }

    #[test]
    fn kazakh_in_latin_letters_has_no_cyrillic_left(text in "[а-яА-ЯәғқңөұүһіӘҒҚҢӨҰҮҺІёЁ .,0-9]{0,60}") {
        let latin = latin::to_latin(&text);
        prop_assert!(!latin.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)), "{}", latin);
    }
}
