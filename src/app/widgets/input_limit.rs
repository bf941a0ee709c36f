//! Telling the user when a field refused or cut what they typed or pasted
//! because it was full, whichever input had the keyboard.

use super::text_input::{LimitHit, TextInput};
use crate::app::{App, Overlay};
use crate::i18n::{Msg, trf};

impl App {
    /// After an action: if the input being typed in reached its limit,
    /// says so on the status line (and beside a form's field), in the
    /// session's language, with the limit.
    pub(crate) fn note_input_limit(&mut self) {
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
        if let Some(Overlay::Form(form)) = self.overlays.top_mut()
            && let Some(f) = form.current_mut()
        {
            f.error = Some(text.clone());
        }
        self.error(text);
    }

    /// The input that typing goes into now, if any.
    fn typing_input(&mut self) -> Option<&mut TextInput> {
        if self.overlays.top().is_some() {
            return match self.overlays.top_mut()? {
                Overlay::Form(f) => f.current_mut().map(|f| &mut f.input),
                Overlay::Prompt(p) => Some(&mut p.input),
                Overlay::Palette(p) => Some(&mut p.input),
                _ => None,
            };
        }
        if self.list().filtering {
            return Some(&mut self.list_mut().filter);
        }
        self.sheet_ui.edit.as_mut()
    }
}
