//! Kazakh in the Latin alphabet of 2021, transliterated from Cyrillic letter by
//! letter. Letters without a Kazakh sound of their own (ц, щ, ё, ю, я) become
//! the pairs the alphabet's rules give; the hard and soft signs are dropped.
//! Anything that is not Cyrillic passes through unchanged.

/// The Kazakh Cyrillic letters, lowercase and capital, and their Latin spellings.
/// (Written out rather than found through Unicode's case tables, which would
/// add their weight to the web app.)
const LETTERS: [(char, char, &str); 42] = [
    ('а', 'А', "a"),
    ('ә', 'Ә', "ä"),
    ('б', 'Б', "b"),
    ('в', 'В', "v"),
    ('г', 'Г', "g"),
    ('ғ', 'Ғ', "ğ"),
    ('д', 'Д', "d"),
    ('е', 'Е', "e"),
    ('ё', 'Ё', "io"),
    ('ж', 'Ж', "j"),
    ('з', 'З', "z"),
    ('и', 'И', "i"),
    ('й', 'Й', "i"),
    ('к', 'К', "k"),
    ('қ', 'Қ', "q"),
    ('л', 'Л', "l"),
    ('м', 'М', "m"),
    ('н', 'Н', "n"),
    ('ң', 'Ң', "ñ"),
    ('о', 'О', "o"),
    ('ө', 'Ө', "ö"),
    ('п', 'П', "p"),
    ('р', 'Р', "r"),
    ('с', 'С', "s"),
    ('т', 'Т', "t"),
    ('у', 'У', "u"),
    ('ұ', 'Ұ', "ū"),
    ('ү', 'Ү', "ü"),
    ('ф', 'Ф', "f"),
    ('х', 'Х', "h"),
    ('һ', 'Һ', "h"),
    ('ц', 'Ц', "ts"),
    ('ч', 'Ч', "ç"),
    ('ш', 'Ш', "ş"),
    ('щ', 'Щ', "şş"),
    ('ъ', 'Ъ', ""),
    ('ы', 'Ы', "y"),
    ('і', 'І', "ı"),
    ('ь', 'Ь', ""),
    ('э', 'Э', "e"),
    ('ю', 'Ю', "iu"),
    ('я', 'Я', "ia"),
];

/// A Cyrillic letter's Latin spelling, and whether it was a capital.
fn letter(c: char) -> Option<(&'static str, bool)> {
    LETTERS
        .iter()
        .find(|(lower, upper, _)| c == *lower || c == *upper)
        .map(|(lower, _, spelling)| (*spelling, c != *lower))
}

/// A Latin letter of the alphabet as a capital: `İ` for `i` (И, Й), `I` for `ı` (І).
fn capital(c: char) -> char {
    match c {
        'i' => 'İ',
        'ı' => 'I',
        'ä' => 'Ä',
        'ğ' => 'Ğ',
        'ñ' => 'Ñ',
        'ö' => 'Ö',
        'ū' => 'Ū',
        'ü' => 'Ü',
        'ç' => 'Ç',
        'ş' => 'Ş',
        _ => c.to_ascii_uppercase(),
    }
}

/// `text` with its Cyrillic letters in the Kazakh Latin alphabet of 2021.
pub fn to_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match letter(c) {
            None => out.push(c),
            Some((spelling, false)) => out.push_str(spelling),
            // A capital: a pair stays all capitals before another capital (ЮНИСЕФ).
            Some((spelling, true)) => {
                let all = chars
                    .peek()
                    .and_then(|n| letter(*n))
                    .is_some_and(|(_, capital)| capital);
                for (i, l) in spelling.chars().enumerate() {
                    out.push(if i == 0 || all { capital(l) } else { l });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_letters_take_their_2021_latin_forms() {
        assert_eq!(to_latin("Қазақстан"), "Qazaqstan");
        assert_eq!(to_latin("Батыс Қазақстан облысы"), "Batys Qazaqstan oblysy");
        assert_eq!(to_latin("Жастар бастамасы"), "Jastar bastamasy");
        assert_eq!(to_latin("Әлеуметтік жәрмеңке"), "Äleumettık järmeñke");
        assert_eq!(to_latin("Үкіметтік емес ұйым"), "Ükımettık emes ūiym");
        assert_eq!(to_latin("Ғылым, өнер, һәм"), "Ğylym, öner, häm");
        assert_eq!(to_latin("Ішкі саясат"), "Işkı saiasat");
        assert_eq!(to_latin("Ирина Шевченко"), "İrina Şevçenko");
    }

    #[test]
    fn capitals_digits_and_latin_pass_sensibly() {
        assert_eq!(to_latin("ЮНИСЕФ"), "İUNİSEF");
        assert_eq!(to_latin("Юлия"), "İuliia");
        assert_eq!(
            to_latin("2 000 000 ₸ — IT-мектеп"),
            "2 000 000 ₸ — IT-mektep"
        );
        assert_eq!(to_latin("съезд, пальто"), "sezd, palto");
        assert_eq!(to_latin(""), "");
    }
}
