//! The browser's own `TextDecoder` as the core's `import::Decoder`: legacy encodings of imported files (windows-1252, Shift_JIS, GBK…) without decoding tables in the wasm.

use parallax_core::import::Decoder;
use web_sys::{TextDecoder, TextDecoderOptions};

/// Decodes with `new TextDecoder(name, { fatal: false })`: bad sequences become U+FFFD, as when
/// the browser shows a page; a name the browser does not know gives `None`.
pub struct BrowserDecoder;

impl Decoder for BrowserDecoder {
    fn decode(&self, name: &str, bytes: &[u8]) -> Option<String> {
        let options = TextDecoderOptions::new();
        options.set_fatal(false);
        let decoder = TextDecoder::new_with_label_and_options(name, &options).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
}
