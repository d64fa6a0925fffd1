//! Compressed copies of the site's text files (`index.html.gz`, `index.html.br`) for hosts that serve them as
//! they are (nginx's `gzip_static`). Each is a pure function of the file's bytes: the gzip header carries no
//! time, no file name and an "unknown" operating system, and brotli (with its portable float math) has no
//! header to vary, so every build writes the same bytes on every machine.

use std::io::{self, Write};

use crate::layout::Encoding;

/// The strongest gzip level: the copies are made once per build and served many times.
const GZIP_LEVEL: u32 = 9;
/// Brotli's strongest quality, with a 4 MiB window (the format's default).
const BROTLI_QUALITY: i32 = 11;
const BROTLI_WINDOW_BITS: i32 = 22;
/// The operating system byte of a gzip header that names none (RFC 1952).
const UNKNOWN_OS: u8 = 255;

/// `bytes` compressed with `encoding`.
pub(crate) fn compress(bytes: &[u8], encoding: Encoding) -> io::Result<Vec<u8>> {
    match encoding {
        Encoding::Gzip => gzip(bytes),
        Encoding::Brotli => brotli(bytes),
    }
}

fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let out = Vec::with_capacity(bytes.len() / 3 + 64);
    let mut encoder =
        flate2::GzBuilder::new().mtime(0).operating_system(UNKNOWN_OS).write(out, flate2::Compression::new(GZIP_LEVEL));
    encoder.write_all(bytes)?;
    encoder.finish()
}

fn brotli(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: BROTLI_WINDOW_BITS,
        mode: brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_TEXT,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    const TEXT: &str = "<!DOCTYPE html>\n<p>2023年中国企业品牌创新成果发布：9月-10月，组织专家评审</p>\n";

    #[test]
    fn copies_decode_to_the_original_and_never_vary() {
        let text = TEXT.repeat(50);
        let gz = compress(text.as_bytes(), Encoding::Gzip).unwrap();
        assert_eq!(&gz[..4], &[0x1f, 0x8b, 8, 0], "gzip, deflate, no flags (no name, no comment)");
        assert_eq!(&gz[4..8], &[0; 4], "no modification time");
        assert_eq!(gz[9], UNKNOWN_OS);
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut back).unwrap();
        assert_eq!(back, text);

        let br = compress(text.as_bytes(), Encoding::Brotli).unwrap();
        let mut back = String::new();
        brotli::Decompressor::new(&br[..], 4096).read_to_string(&mut back).unwrap();
        assert_eq!(back, text);
        assert!(br.len() < text.len() / 10 && gz.len() < text.len() / 10);

        for e in Encoding::ALL {
            assert_eq!(compress(text.as_bytes(), e).unwrap(), compress(text.as_bytes(), e).unwrap());
        }
        assert_eq!(compress(b"", Encoding::Gzip).unwrap(), compress(b"", Encoding::Gzip).unwrap());
    }
}
