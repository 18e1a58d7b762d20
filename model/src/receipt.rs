//! Ballot receipts: ten characters of Crockford's base32 (no I, L, O or U),
//! written in two groups of five for a voter to copy down, `7K2QM-XD4RA`.

use crate::problem::{FieldError, Reason};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The characters of a receipt.
pub const LEN: usize = 10;

/// The receipt of 50 bits: the high ones of `bits`.
pub fn encode(bits: u64) -> String {
    (0..LEN)
        .map(|i| ALPHABET[((bits >> (59 - 5 * i)) & 31) as usize] as char)
        .collect()
}

/// A receipt as people write it: two groups of five.
pub fn grouped(code: &str) -> String {
    match (code.get(..5), code.get(5..)) {
        (Some(a), Some(b)) if !b.is_empty() => format!("{a}-{b}"),
        _ => code.to_owned(),
    }
}

/// A receipt as typed (any case, with spaces or dashes, O for 0 and I or L
/// for 1) in its stored form, or why it is none.
pub fn parse(field: &str, typed: &str) -> Result<String, FieldError> {
    let code: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    if code.len() != LEN || !code.bytes().all(|b| ALPHABET.contains(&b)) {
        return Err(FieldError::new(
            field,
            Reason::Format,
            "must be the ten characters of a receipt, like 7K2QM-XD4RA",
        ));
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_reads_back_as_typed_loosely() {
        let code = encode(0x0123_4567_89ab_cdef);
        assert_eq!(code.len(), LEN);
        assert_eq!(parse("c", &code).unwrap(), code);
        let typed = grouped(&code).to_lowercase();
        assert_eq!(parse("c", &typed).unwrap(), code);
        assert_eq!(
            parse("c", "o1l23-45678").unwrap(),
            "01123".to_owned() + "45678"
        );
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in ["", "12345", "12345-678901", "UUUUU-UUUUU", "12345-6789!"] {
            assert_eq!(parse("code", bad).unwrap_err().field, "code", "{bad}");
        }
    }
}
