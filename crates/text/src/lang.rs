use rasid_core::Lang;

/// Guess the language of a text by script: Arabic when Arabic letters make up at least a
/// quarter of all letters, else English. `None` for text without letters.
pub fn detect_lang(text: &str) -> Option<Lang> {
    let (mut arabic, mut letters) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        if c.is_alphabetic() {
            letters += 1;
            if crate::is_arabic_letter(c) {
                arabic += 1;
            }
        }
    }
    if letters == 0 {
        None
    } else if arabic * 4 >= letters {
        Some(Lang::Ar)
    } else {
        Some(Lang::En)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_decides() {
        assert_eq!(detect_lang("قصفت قوات النظام بلدة بليون"), Some(Lang::Ar));
        assert_eq!(
            detect_lang("Turkish warplanes pounded Ras al-Ain (رأس العين)"),
            Some(Lang::En)
        );
        assert_eq!(detect_lang("12 - 2018"), None);
    }
}
