//! The agent frontmatter fields whose value is one keyword of a fixed set ([`Color`],
//! [`PermissionMode`], [`MemoryScope`], [`Isolation`], [`CacheTtl`]), and `keyword_enum!`, which
//! declares such an enum (the skill keyword enums use it too).

macro_rules! keyword_enum {
    ($(#[$doc:meta])* $name:ident { $( $(#[$vdoc:meta])* $variant:ident = $text:literal ),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vdoc])* $variant, )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value as written in frontmatter.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownValue;
            fn from_str(s: &str) -> Result<Self, $crate::UnknownValue> {
                match s { $($text => Ok($name::$variant),)* _ => Err($crate::UnknownValue) }
            }
        }
    };
}

pub(crate) use keyword_enum;

keyword_enum! {
    /// Frontmatter `color`: the eight colours Claude Code shows agents in. Any other value is
    /// dropped by Claude Code (agentgen reports it).
    Color {
        /// `red`
        Red = "red",
        /// `blue`
        Blue = "blue",
        /// `green`
        Green = "green",
        /// `yellow`
        Yellow = "yellow",
        /// `purple`
        Purple = "purple",
        /// `orange`
        Orange = "orange",
        /// `pink`
        Pink = "pink",
        /// `cyan`
        Cyan = "cyan",
    }
}

keyword_enum! {
    /// Frontmatter `permissionMode`.
    PermissionMode {
        /// Accept file edits without asking.
        AcceptEdits = "acceptEdits",
        /// Let the classifier decide.
        Auto = "auto",
        /// Ask for nothing.
        BypassPermissions = "bypassPermissions",
        /// Ask as configured.
        Default = "default",
        /// Deny whatever would need asking.
        DontAsk = "dontAsk",
        /// Plan only, change nothing.
        Plan = "plan",
    }
}

keyword_enum! {
    /// Frontmatter `memory`: the scope of the agent's persistent memory.
    MemoryScope {
        /// The user's memory.
        User = "user",
        /// The project's shared memory.
        Project = "project",
        /// Local, not checked in.
        Local = "local",
    }
}

keyword_enum! {
    /// Frontmatter `isolation`.
    Isolation {
        /// Run in a temporary git worktree.
        Worktree = "worktree",
        /// Run remotely.
        Remote = "remote",
    }
}

keyword_enum! {
    /// Frontmatter `experimental.cacheTtl`: the prompt cache TTL of the agent's requests.
    CacheTtl {
        /// `5m`: five minutes.
        FiveMinutes = "5m",
        /// `1h`: one hour (ignored while a Claude subscription is in overage).
        OneHour = "1h",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UnknownValue;

    #[test]
    fn keyword_enums_parse_exact_values_only() {
        assert_eq!("blue".parse::<Color>(), Ok(Color::Blue));
        assert_eq!("Blue".parse::<Color>(), Err(UnknownValue));
        assert_eq!(
            "acceptEdits".parse::<PermissionMode>(),
            Ok(PermissionMode::AcceptEdits)
        );
    }
}
