//! Line ends through an edit: `toml_edit` writes `\n` between the lines it emits, so an edit of a CRLF file would
//! otherwise turn every line of its front matter into LF. The edit is made on the text with CRLF read as LF; the
//! lines it did not touch then get their own bytes back (their own line end), and the lines it wrote get the
//! file's dominant one.

/// The line end most of `text`'s lines have: CRLF when more lines end in it than in a bare LF.
pub(super) fn dominant(text: &str) -> &'static str {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    if crlf > lf { "\r\n" } else { "\n" }
}

/// `text` with every CRLF read as LF, the form the edit is made on.
pub(super) fn as_lf(text: &str) -> String {
    text.replace("\r\n", "\n")
}

/// A line: what it holds (without its line end, CR of a CRLF included) and its bytes as written.
struct Line<'a> {
    content: &'a str,
    raw: &'a str,
    ends: bool,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    text.split_inclusive('\n')
        .map(|raw| {
            let content = raw.strip_suffix('\n').map_or(raw, |l| l.strip_suffix('\r').unwrap_or(l));
            Line { content, raw, ends: raw.ends_with('\n') }
        })
        .collect()
}

/// Above this many cells (lines before × lines after, between the common start and end), the lines between are
/// not matched one by one: they take `eol`, which costs only a mixed file its odd line ends there. A front
/// matter that large is not one an editor wrote; the bound keeps the table's memory constant.
const MAX_CELLS: usize = 1 << 20;

/// `edited` (the edit of `original` made on its LF form, [`as_lf`]) with the bytes of `original` for every
/// line the edit left as it was, and `eol` ending every line it wrote.
pub(super) fn restore(original: &str, edited: &str, eol: &str) -> String {
    let old = lines(original);
    let new = lines(edited);
    let same = |i: usize, j: usize| old[i].content == new[j].content && old[i].ends == new[j].ends;
    // Common start and end, then the longest common subsequence of the lines between.
    let mut start = 0;
    while start < old.len() && start < new.len() && same(start, start) {
        start += 1;
    }
    let mut end = 0;
    while end < old.len() - start && end < new.len() - start && same(old.len() - 1 - end, new.len() - 1 - end) {
        end += 1;
    }
    let (n, m) = (old.len() - start - end, new.len() - start - end);
    // For each line of `edited`, the line of `original` it is.
    let mut matched: Vec<Option<usize>> = vec![None; new.len()];
    for (k, m) in matched.iter_mut().enumerate().take(start) {
        *m = Some(k);
    }
    for k in 0..end {
        matched[new.len() - 1 - k] = Some(old.len() - 1 - k);
    }
    if n > 0 && m > 0 && (n + 1).saturating_mul(m + 1) <= MAX_CELLS {
        // lcs[i][j]: the longest common run of old[start + i..] and new[start + j..] (within the middle).
        let width = m + 1;
        let mut lcs = vec![0u32; (n + 1) * width];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * width + j] = if same(start + i, start + j) {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if same(start + i, start + j) {
                matched[start + j] = Some(start + i);
                i += 1;
                j += 1;
            } else if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    let mut out = String::with_capacity(edited.len() + new.len());
    for (line, from) in new.iter().zip(matched) {
        match from {
            Some(i) => out.push_str(old[i].raw),
            None => {
                out.push_str(line.content);
                if line.ends {
                    out.push_str(eol);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The edit a test makes: `f` on the LF form, then line ends restored.
    fn edit(original: &str, f: impl Fn(&str) -> String) -> String {
        restore(original, &f(&as_lf(original)), dominant(original))
    }

    #[test]
    fn untouched_lines_keep_their_bytes_and_new_ones_take_the_dominant_end() {
        for (original, edit_of, want) in [
            // CRLF throughout: a changed value and an added line, both CRLF.
            ("a = 1\r\nb = 2\r\n", ("a = 1", "a = 9\nz = 0"), "a = 9\r\nz = 0\r\nb = 2\r\n"),
            // Mixed: each kept line keeps its end, new lines take the more common one (LF here).
            ("a = 1\r\nb = 2\nc = 3\n", ("c = 3\n", "c = 4\nd = 5\n"), "a = 1\r\nb = 2\nc = 4\nd = 5\n"),
            ("a = 1\r\nb = 2\r\nc = 3\n", ("b = 2", "b = 7"), "a = 1\r\nb = 7\r\nc = 3\n"),
            // A lone CR inside a line is the line's own content.
            ("a = \"x\ry\"\r\nb = 2\r\n", ("b = 2", "b = 3"), "a = \"x\ry\"\r\nb = 3\r\n"),
            // No end on the last line: a line added after it ends the old one with the dominant end.
            ("a = 1\r\nb = 2", ("b = 2", "b = 2\nc = 3"), "a = 1\r\nb = 2\r\nc = 3"),
            // LF only: nothing changes but the edit.
            ("a = 1\nb = 2\n", ("b = 2", "b = 3"), "a = 1\nb = 3\n"),
            // Lines between two edits, with equal lines among the new ones: each old line found again.
            (
                "x = [\r\n  1,\n]\r\n\r\ny = 1\n\r\nz = 2\r\n",
                ("y = 1\n", "y = 1\n\nw = 0\n"),
                "x = [\r\n  1,\n]\r\n\r\ny = 1\n\r\nw = 0\r\n\r\nz = 2\r\n",
            ),
        ] {
            let got = edit(original, |t| t.replacen(edit_of.0, edit_of.1, 1));
            assert_eq!(got, want, "{original:?}");
        }
        // Edits at both ends: the mixed lines between are matched one by one.
        let original = "a = 1\nb = 2\r\nc = 3\nd = 4\r\n";
        let got = edit(original, |t| t.replace("a = 1", "a = 9").replace("d = 4", "d = 9"));
        assert_eq!(got, "a = 9\nb = 2\r\nc = 3\nd = 9\n");
        // No edit, no change.
        assert_eq!(edit("a\r\nb\n\r\nc", str::to_string), "a\r\nb\n\r\nc");
    }

    /// Any file of distinct lines with any line ends, any lines rewritten and any added: the others come back
    /// byte for byte and in order, and every line written ends with the dominant end. Seeded: the same cases on
    /// every run.
    #[test]
    fn any_edit_keeps_the_bytes_of_the_lines_it_leaves() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
        let config = Config { cases: 512, failure_persistence: None, ..Config::default() };
        let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
        // Per line: CRLF or LF, and 0, 1: kept; 2: rewritten; 3: kept, with a new line after it.
        let strategy = (proptest::collection::vec((any::<bool>(), 0u8..4), 1..40), any::<bool>());
        let result = runner.run(&strategy, |(lines, last_ends)| {
            let n = lines.len();
            let original: String = lines
                .iter()
                .enumerate()
                .map(|(i, (crlf, _))| {
                    let end = if i + 1 == n && !last_ends {
                        ""
                    } else if *crlf {
                        "\r\n"
                    } else {
                        "\n"
                    };
                    format!("k{i} = {i}{end}")
                })
                .collect();
            let edited: String = as_lf(&original)
                .split_inclusive('\n')
                .zip(&lines)
                .enumerate()
                .map(|(i, (line, (_, action)))| match action {
                    2 => line.replacen(&format!("k{i} = {i}"), &format!("k{i} = new"), 1),
                    3 if line.ends_with('\n') => format!("{line}added{i} = 1\n"),
                    _ => line.to_string(),
                })
                .collect();
            let eol = dominant(&original);
            let got = restore(&original, &edited, eol);
            prop_assert_eq!(as_lf(&got), edited.clone());
            let mut rest = got.split_inclusive('\n');
            for (i, line) in original.split_inclusive('\n').enumerate() {
                if lines[i].1 != 2 {
                    prop_assert_eq!(rest.find(|l| l.starts_with(&format!("k{i} ="))), Some(line));
                }
            }
            let written = got.split_inclusive('\n').filter(|l| l.contains("new") || l.starts_with("added"));
            for line in written.filter(|l| l.ends_with('\n')) {
                prop_assert!(line.ends_with(eol) && (eol == "\r\n" || !line.ends_with("\r\n")), "{:?}", line);
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
    }

    #[test]
    fn the_dominant_end_is_the_more_common_one() {
        assert_eq!(dominant("a\r\nb\r\nc\n"), "\r\n");
        assert_eq!(dominant("a\r\nb\nc\n"), "\n");
        assert_eq!(dominant("a\r\nb\n"), "\n");
        assert_eq!(dominant("a"), "\n");
    }

    #[test]
    fn a_middle_too_large_to_match_still_gets_the_edit_right() {
        let original: String = (0..1100).map(|i| format!("k{i} = {i}\r\n")).collect();
        let got = edit(&original, |t| t.replacen("k0 = 0", "k0 = x", 1).replacen("k1099 = 1099", "k1099 = y", 1));
        assert_eq!(got, original.replacen("k0 = 0", "k0 = x", 1).replacen("k1099 = 1099", "k1099 = y", 1));
    }
}
