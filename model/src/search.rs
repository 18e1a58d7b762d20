//! Folding text for search, so that case, Kazakh letters and Latin typing all match.
//!
//! Both the stored text and the query are folded to the same lowercase Latin
//! skeleton: "Жастар", "жастар", "ZHASTAR" and "zhastar" all become "zhastar";
//! Kazakh-specific letters fold to their nearest plain letter (қ → k, ө → o).

/// Folds text to its search key.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            ' ' | '-' | '_' | '.' | ',' | '"' | '«' | '»' | '\'' | '/' => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ')
                }
            }
            _ => out.push_str(latin(c)),
        }
    }
    // Folding Latin digraphs keeps "kh"/"h" and "y"/"i" spellings matching each
    // other; until nothing changes, so that folding a key again gives the key.
    let mut key = out
        .trim_end()
        .replace('q', "k")
        .replace('w', "u")
        .replace('y', "i");
    loop {
        let next = key
            .replace("kh", "h")
            .replace("sh", "s")
            .replace("ch", "c")
            .replace("zh", "j");
        if next == key {
            return key;
        }
        key = next;
    }
}

fn latin(c: char) -> &'static str {
    match c {
        'а' | 'ә' | 'á' | 'ä' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' | 'ğ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' | 'і' | 'ı' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' | 'ñ' => "n",
        'о' | 'ө' | 'ó' | 'ö' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' | 'ú' | 'ü' | 'ū' => "u",
        'ф' => "f",
        'х' | 'һ' => "h",
        'ц' => "ts",
        'ч' | 'ç' => "ch",
        'ш' | 'щ' | 'ş' => "sh",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ъ' | 'ь' => "",
        _ => "",
    }
}

/// True when every word of `query` occurs in `text`, both folded.
pub fn matches(text_folded: &str, query: &str) -> bool {
    fold(query).split(' ').all(|w| text_folded.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_and_latin_typing_fold_alike() {
        assert_eq!(fold("Жастар"), fold("zhastar"));
        assert_eq!(fold("ЖАСТАР"), fold("Zhastar"));
        assert!(matches(&fold("«Жастар орталығы» ҚБ"), "zhastar"));
        assert!(matches(&fold("Общество глухих"), "глух"));
        assert!(matches(&fold("Қазақ қоғамы"), "kazak"));
        assert!(matches(&fold("Қазақ қоғамы"), "qazaq"));
        assert!(matches(&fold("Ұлттық"), "ulttyk"));
        assert!(!matches(&fold("Жастар"), "volunteer"));
    }

    #[test]
    fn kazakh_letters_lowercase_and_match() {
        assert_eq!(fold("ӘҒҚҢӨҰҮҺІ"), fold("әғқңөұүһі"));
        assert!(matches(&fold("Өрлеу"), "өрлеу"));
        assert!(matches(&fold("Өрлеу"), "orleu"));
    }

    #[test]
    fn punctuation_becomes_single_spaces() {
        assert_eq!(fold("  «Ақ-жол»,  Орал "), "ak jol oral");
    }
}
