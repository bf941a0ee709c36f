//! Telling the user when a field refused or cut what they typed or pasted
//! because it was full, whichever input had the keyboard.

use super::input::{LimitHit, TextInput};
use super::{App, Mode};
use crate::i18n::{Msg, trf};

impl App {
    /// After an action: if the input being typed in reached its limit,
    /// says so on the status line (and beside a form's field), in the
    /// session's language, with the limit.
    pub(super) fn note_input_limit(&mut self) {
        let lang = self.settings.lang;
        let Some((hit, limit)) = self
            .typing_input()
            .and_then(|i| i.take_limit_hit().map(|h| (h, i.limit())))
        else {
            return;
        };
        let msg = match hit {
            LimitHit::Refused => Msg::InputLimit,
            LimitHit::Cut => Msg::InputCut,
        };
        let text = trf(lang, msg, &[&limit]);
        if let Some(f) = self.form.as_mut().and_then(|f| f.current_mut()) {
            f.error = Some(text.clone());
        }
        self.error(text);
    }

    /// The input that typing goes into now, if any.
    fn typing_input(&mut self) -> Option<&mut TextInput> {
        match self.mode() {
            Mode::Form => self.form.as_mut()?.current_mut().map(|f| &mut f.input),
            Mode::Prompt => self.prompt.as_mut().map(|p| &mut p.input),
            Mode::Palette => self.palette.as_mut().map(|p| &mut p.input),
            Mode::Filter => Some(&mut self.list_mut().filter),
            Mode::Cell => self.sheet_ui.edit.as_mut(),
            _ => None,
        }
    }
}
