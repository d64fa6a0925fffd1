//! One table from the Traditional characters of date texts to the simplified ones the words of the reader are
//! written in (時 → 时, 週 → 周, 貫穿 → 贯穿 …), and ASCII letters to lower case so English reads whatever its case.
//! Each character becomes one of the same UTF-8 length, so a byte of the normalised text is the same byte of the
//! text as written: tokens are found in the normalised text, and their spans, notes and messages quote the
//! original.

use std::borrow::Cow;

/// Traditional → simplified, for every character a date word of the reader uses (or a vague word it refuses),
/// sorted by the Traditional character for a binary search. Both sides of each pair are three UTF-8 bytes, which
/// the test checks.
pub(super) const TRADITIONAL: [(char, char); 16] = [
    ('兩', '两'),
    ('國', '国'),
    ('後', '后'),
    ('態', '态'),
    ('慶', '庆'),
    ('時', '时'),
    ('禮', '礼'),
    ('節', '节'),
    ('與', '与'),
    ('號', '号'),
    ('貫', '贯'),
    ('週', '周'),
    ('長', '长'),
    ('間', '间'),
    ('體', '体'),
    ('點', '点'),
];

/// One bit for each value of the low seven bits of a Traditional character of the table: a character whose bit is
/// not set is not in it, which is most of a Chinese text, found without a search.
const MAYBE_TRADITIONAL: u128 = {
    let mut mask = 0u128;
    let mut k = 0;
    while k < TRADITIONAL.len() {
        mask |= 1 << (TRADITIONAL[k].0 as u32 & 127);
        k += 1;
    }
    mask
};

/// The simplified character for `c`, or `c` in lower case if it is an ASCII letter, or `c`.
fn simplified(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if MAYBE_TRADITIONAL >> (c as u32 & 127) & 1 == 0 {
        return c;
    }
    TRADITIONAL.binary_search_by_key(&c, |&(t, _)| t).map_or(c, |k| TRADITIONAL[k].1)
}

/// `text` with Traditional characters simplified and ASCII letters in lower case, byte for byte as long; borrowed
/// when nothing changes (a simplified text in lower case).
pub(super) fn normalise(text: &str) -> Cow<'_, str> {
    match text.char_indices().find(|&(_, c)| simplified(c) != c) {
        None => Cow::Borrowed(text),
        Some((at, _)) => {
            let mut out = String::with_capacity(text.len());
            out.push_str(&text[..at]);
            out.extend(text[at..].chars().map(simplified));
            Cow::Owned(out)
        }
    }
}

/// `text` written back in Traditional characters where the table has them: the honest example of a vague word
/// written in Traditional characters is given in Traditional characters too.
pub(super) fn traditional(text: &str) -> String {
    text.chars().map(|c| TRADITIONAL.iter().find(|(_, s)| *s == c).map_or(c, |(t, _)| *t)).collect()
}

#[cfg(test)]
mod tests {
    use super::{TRADITIONAL, normalise, traditional};

    #[test]
    fn same_lengths_and_one_way_back() {
        assert!(TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0), "sorted for the binary search");
        for (t, s) in TRADITIONAL {
            assert_eq!(t.len_utf8(), s.len_utf8(), "{t} → {s}");
            assert_eq!(TRADITIONAL.iter().filter(|(_, x)| *x == s).count(), 1, "{s} has one Traditional form");
        }
        let cases = [
            ("貫穿全年", "贯穿全年"),
            ("9月18日14時", "9月18日14时"),
            ("Sept 18–22", "sept 18–22"),
            ("九月", "九月"),
            ("週末（長期）", "周末（长期）"),
        ];
        for (text, want) in cases {
            let got = normalise(text);
            assert_eq!((got.as_ref(), got.len()), (want, text.len()), "{text:?}");
        }
        assert!(matches!(normalise("9月18日"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(traditional("9月-12月（每周三）"), "9月-12月（每週三）");
    }
}
