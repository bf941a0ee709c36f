//! The macro that makes `Msg` from the table: one enum, every message's
//! two texts, and the list of all of them.

macro_rules! messages {
    ($($name:ident => ($vi:expr, $en:expr),)+) => {
        /// A user-facing message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Msg {
            $($name,)+
        }

        impl Msg {
            /// Every message, for completeness checks.
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)+];

            /// (Vietnamese, English).
            pub fn texts(self) -> (&'static str, &'static str) {
                match self {
                    $(Msg::$name => ($vi, $en),)+
                }
            }
        }
    };
}
